"""The HTML of every page, after Markdown (or the notebook hook) has rendered it.

* Math is typeset at build time with KaTeX (scripts/math_render.py): no math script in pages,
  and a formula KaTeX cannot parse fails the build, naming the page.

* Self-check questions (`??? question easy|medium|hard "…"`) become
  <details class="question medium"><summary>…: the difficulty is only a class there, so it is
  added to the summary as text, for readers and screen readers alike (colour is never the only
  signal).
* Pygments wraps every plain name in code in <span class="n">, which Material colours with the
  code block's own text colour: those spans change nothing on screen, yet they are a third of a
  code block's elements, and every element costs style and layout time when a page starts.
  They are unwrapped.
* Material wraps each classless table of the content in two <div>s when it starts, so a wide table
  scrolls on its own. Moving a table in a live page makes the browser rebuild its style and
  layout, and on a chapter with formulas in its tables that was half of Material's start-up
  (735 -> 378 ms at 4x CPU on the linear-models chapter). The tables are wrapped here instead,
  with Material's markup, and get the class `md-data-table` so Material leaves them be; site.css
  gives that class Material's table styles.
* Task-list checkboxes (pymdownx.tasklist) have no accessible name; each gets its item's text.
* Material's search dialog has no accessible name; it gets one (on every page, notebooks too).
"""

import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.math_render import KatexRenderer, MathError, render_math  # noqa: E402

KATEX = KatexRenderer()

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
PLAIN_NAME = re.compile(r'<span class="n">([^<]*)</span>')
TABLE_TAG = re.compile(r"<table(\s[^>]*)?>|</table>")
QUESTION = re.compile(r'(<details class="question (easy|medium|hard)"(?: open="open")?>\s*<summary>)')


def label_questions(html: str) -> str:
    return QUESTION.sub(lambda m: f'{m.group(1)}<span class="difficulty {m.group(2)}">{m.group(2)}</span> ', html)


def wrap_tables(html: str) -> str:
    """Give every table without a class Material's scroll wrapper and the class md-data-table."""
    wrapped = []  # one entry per open <table>: was it wrapped?

    def rewrite(tag: re.Match) -> str:
        if tag.group(0) == "</table>":
            return "</table></div></div>" if wrapped.pop() else tag.group(0)
        attributes = tag.group(1) or ""
        wrapped.append(not re.search(r"\sclass=", attributes))
        if not wrapped[-1]:
            return tag.group(0)
        return ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                f'<table class="md-data-table"{attributes}>')

    return TABLE_TAG.sub(rewrite, html)


def name_task_checkboxes(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for checkbox in soup.select("li.task-list-item input[type=checkbox]"):
        item = checkbox.find_parent("li")
        text = " ".join(item.get_text(" ", strip=True).split())
        checkbox["aria-label"] = text[:120] or "Task"
    return str(soup)


def on_page_content(html: str, page, config, files) -> str:
    try:
        html = render_math(html, KATEX)
    except MathError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    html = label_questions(html)
    html = PLAIN_NAME.sub(r"\1", html)
    html = wrap_tables(html)
    if "task-list-item" in html:
        html = name_task_checkboxes(html)
    return html


def on_post_page(output: str, page, config) -> str:
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def on_post_build(config) -> None:
    KATEX.close()
