"""Notebook pages stay lean: no inline JupyterLab CSS, no base64 figures, no input prompts."""

import gzip
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_PAGES = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
# A default mkdocs-jupyter page is ~128 KB gzip, mostly its inline stylesheet. A typical page
# here must stay under 40 KB; math-heavy ones carry MathML for screen readers, capped at 64 KB.
TYPICAL_GZIP_KB, MAX_GZIP_KB = 40, 64


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9)) / 1024


def test_typical_notebook_page_is_under_budget(site):
    sizes = {name: gzip_kb(site / "notebooks" / name / "index.html") for name in NOTEBOOK_PAGES}
    assert statistics.median(sizes.values()) <= TYPICAL_GZIP_KB, sizes
    assert max(sizes.values()) <= MAX_GZIP_KB, {name: round(kb, 1) for name, kb in sizes.items() if kb > MAX_GZIP_KB}


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_notebook_page_is_lean(site, name):
    text = (site / "notebooks" / name / "index.html").read_text(encoding="utf-8")
    assert "<style" not in text, "inline stylesheet"
    assert "data:image/" not in text, "figure embedded as base64"
    assert "jp-InputPrompt" not in text, "input prompts"
    assert "<script" not in text.split('<div class="md-content"', 1)[1].split("</article>", 1)[0], "scripts in the content"
