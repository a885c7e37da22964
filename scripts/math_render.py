"""Typeset the math of a page at build time with KaTeX (through Node), instead of in the browser.

Markdown pages get math from pymdownx.arithmatex (generic mode) as
<span class="arithmatex">\\( … \\)</span> and <div class="arithmatex">\\[ … \\]</div>;
scripts/notebook_html.py gives notebook math the same form. `render_math()` replaces each with
KaTeX's HTML and MathML, so pages show finished math with no script, in print too, and a
formula KaTeX cannot parse fails the build instead of showing red text to readers.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "katex_render.js"
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)


class MathError(ValueError):
    """A formula KaTeX cannot typeset."""


class KatexRenderer:
    """One long-lived `node` process for the whole build; answers are remembered."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._known: dict[tuple[str, bool], str] = {}

    def typeset(self, tex: str, display: bool) -> str:
        key = (tex, display)
        if key not in self._known:
            if self._process is None:
                if not (ROOT / "node_modules" / "katex").is_dir():
                    raise MathError("node_modules/katex is missing: run `make install`")
                self._process = subprocess.Popen(
                    ["node", str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
                )
            self._process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            self._process.stdin.flush()
            answer = json.loads(self._process.stdout.readline())
            if "error" in answer:
                raise MathError(f"{answer['error']} in {'display' if display else 'inline'} math: {tex}")
            # Search indexes each formula once, from KaTeX's visible HTML: without this, the
            # MathML text and its TeX annotation would be indexed too, tripling the index's math.
            self._known[key] = answer["html"].replace("<math ", "<math data-search-exclude ", 1)
        return self._known[key]

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
            self._process = None


def render_math(page_html: str, renderer: KatexRenderer) -> str:
    """Replace every arithmatex element's TeX with KaTeX's output."""

    def typeset(match: re.Match) -> str:
        tag, inner = match.group(1), html.unescape(match.group(2)).strip()
        display = inner.startswith("\\[")
        tex = inner[2:-2] if inner[:2] in ("\\(", "\\[") else inner
        return f'<{tag} class="arithmatex">{renderer.typeset(tex.strip(), display)}</{tag}>'

    return ARITHMATEX.sub(typeset, page_html)
