"""Small fixes to the HTML of every Markdown page, after Markdown has rendered it.

* Self-check questions (`??? question easy|medium|hard "…"`) become
  <details class="question medium"><summary>…: the difficulty is only a class there, so it is
  added to the summary as text, for readers and screen readers alike (colour is never the only
  signal).
* Task-list checkboxes (pymdownx.tasklist) have no accessible name; each gets its item's text.
"""

import re

from bs4 import BeautifulSoup

QUESTION = re.compile(r'(<details class="question (easy|medium|hard)"(?: open="open")?>\s*<summary>)')


def label_questions(html: str) -> str:
    return QUESTION.sub(lambda m: f'{m.group(1)}<span class="difficulty {m.group(2)}">{m.group(2)}</span> ', html)


def name_task_checkboxes(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for checkbox in soup.select("li.task-list-item input[type=checkbox]"):
        item = checkbox.find_parent("li")
        text = " ".join(item.get_text(" ", strip=True).split())
        checkbox["aria-label"] = text[:120] or "Task"
    return str(soup)


def on_page_content(html: str, page, config, files) -> str:
    html = label_questions(html)
    if "task-list-item" in html:
        html = name_task_checkboxes(html)
    return html
