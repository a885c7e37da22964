"""Show each self-check question's difficulty as a visible label.

A question is written `??? question easy|medium|hard "…"`, which gives
<details class="question medium"><summary>…</summary>. The difficulty is only a class there;
this hook adds it to the summary as text, so readers (and screen readers) see it, and colour
is never the only signal.
"""

import re

QUESTION = re.compile(r'(<details class="question (easy|medium|hard)"(?: open="open")?>\s*<summary>)')


def on_page_content(html: str, page, config, files) -> str:
    return QUESTION.sub(lambda m: f'{m.group(1)}<span class="difficulty {m.group(2)}">{m.group(2)}</span> ', html)
