"""Cheat sheets: the data validates, bad data is refused clearly, and every sheet prints on ≤ 2 pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts import cheatsheets

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "cheatsheets"
SHEET_IDS = [path.stem for path in cheatsheets.sheet_files(ROOT / "data" / "cheatsheets")]

# case folder -> what the error must say (file:line:column: where: what)
BAD_INPUT = {
    "malformed-yaml": "broken.yml:7:1: not valid YAML",
    "missing-field": 'metrics.yml:15:9: block 3 (formulas), item 1: missing "latex"',
    "wrong-type": 'wrong.yml:8:12: block 1 (bullets): "items" should be a list, not text',
    "unknown-kind": 'unknown.yml:6:11: block 1 (diagram): unknown kind "diagram"',
    "duplicate-id": 'second.yml:1:5: duplicate sheet id "same" (also in',
    "missing-page": 'links.yml:9:17: block 1 (links), item 1: link target "ml-breadth/no-such-page.md" is not a page',
    "missing-anchor": 'anchors.yml:9:17: block 1 (links), item 1: link target "ml-coding/index.md" has no section with the anchor "#a-60-minute-plan"',
    "empty-file": "empty.yml:1:1: the file is empty",
    "not-utf8": "latin.yml:2:11: the file is not UTF-8 text (byte 0xe9)",
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.cheatsheets", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_written(case, tmp_path):
    out = tmp_path / "pages"
    result = run_cli("--out", str(out), "--data", str(FIXTURES / "bad" / case))
    assert result.returncode == 2
    assert f"tests/data/cheatsheets/bad/{case}/{BAD_INPUT[case]}" in result.stderr, result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [], "nothing may be written"
    assert run_cli("--check", "--data", str(FIXTURES / "bad" / case)).returncode == 2


def test_good_sheet_renders_every_block_kind(tmp_path):
    result = run_cli("--out", str(tmp_path / "pages"), "--data", str(FIXTURES / "good"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "pages" / "cheatsheets" / "sample-sheet.md").read_text()
    for kind in cheatsheets.BLOCK_FIELDS:
        assert f"cheatsheet-{kind}" in page
    assert "| **Precision** | Share of predicted positives" in page
    assert "A table cell with a | pipe" in page  # bullets are not table cells: no escaping
    assert '--8<-- "docs_src/ml_breadth/optimizers.py:adam"' in page
    assert "[k-means](../notebooks/kmeans.ipynb#the-prompt)" in page
    index = (tmp_path / "pages" / "cheatsheets" / "index.md").read_text()
    assert "| [Sample sheet](sample-sheet.md) |" in index


def test_output_replaces_the_folder_whole(tmp_path):
    out = tmp_path / "pages"
    out.mkdir()
    (out / "stale.md").write_text("left over from an earlier run")
    assert run_cli("--out", str(out), "--data", str(FIXTURES / "good")).returncode == 0
    assert sorted(p.name for p in out.rglob("*.md")) == ["index.md", "sample-sheet.md"]


def test_the_real_data_is_valid():
    result = run_cli("--check")
    assert result.returncode == 0, result.stderr
    assert len(SHEET_IDS) >= 16


def test_every_sheet_is_in_the_nav():
    from mkdocs.config import load_config

    from tests.test_build import nav_entries

    listed = set(nav_entries(load_config(str(ROOT / "mkdocs.yml"))["nav"]))
    expected = {f"cheatsheets/{sheet_id}.md" for sheet_id in SHEET_IDS} | {"cheatsheets/index.md"}
    assert sorted(expected - listed) == []


@pytest.fixture(scope="module")
def printed(site, tmp_path_factory):
    """Every sheet printed by Chromium on A4 and on Letter: {(id, paper): pages}."""
    from scripts import print_cheatsheets

    out = tmp_path_factory.mktemp("pdf")
    return out, print_cheatsheets.print_all(site, out, SHEET_IDS)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("sheet_id", SHEET_IDS)
def test_sheet_prints_on_at_most_two_pages(printed, sheet_id, paper):
    pages = printed[1][(sheet_id, paper)]
    assert 1 <= pages <= 2, f"{sheet_id} prints on {pages} pages on {paper}"


def test_print_hides_navigation_and_keeps_type_readable(server):
    """In print emulation: no navigation, math rendered, no text under 7.5 pt (10 px)."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for sheet_id in SHEET_IDS:
            page.goto(f"{server}cheatsheets/{sheet_id}/", wait_until="networkidle")
            page.emulate_media(media="print")
            for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
                assert not page.locator(selector).first.is_visible(), f"{sheet_id}: {selector} is printed"
            assert page.locator(".cheatsheet .arithmatex:not(:has(.katex))").count() == 0
            smallest = page.evaluate("""() => {
                let smallest = 99;
                for (const el of document.querySelectorAll('.cheatsheet *')) {
                    if (el.closest('.katex') || !el.childNodes.length) continue;
                    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    if (hasText) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
                }
                return smallest;
            }""")
            assert smallest >= 10 - 0.01, f"{sheet_id}: text at {smallest * 0.75:.2f} pt in print"
            page.emulate_media(media="screen")
        browser.close()
