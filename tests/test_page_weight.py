"""Notebook pages stay lean: no inline JupyterLab CSS, no base64 figures, no input prompts."""

import gzip
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_PAGES = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
MAX_GZIP_KB = 40  # a typical mkdocs-jupyter page is ~128 KB gzip with its inline stylesheet


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_notebook_page_is_lean(site, name):
    html = (site / "notebooks" / name / "index.html").read_bytes()
    size_kb = len(gzip.compress(html, compresslevel=9)) / 1024
    assert size_kb <= MAX_GZIP_KB, f"{name}: {size_kb:.1f} KB gzip"
    text = html.decode()
    assert "<style" not in text, "inline stylesheet"
    assert "data:image/" not in text, "figure embedded as base64"
    assert "jp-InputPrompt" not in text, "input prompts"
