"""Smoke test in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

Each page type loads with no console error and no request to another origin; math and
diagrams render from the site's own copies of KaTeX and Mermaid; notebook pages link to Colab
and to a downloadable .ipynb.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from scripts import notebooks
from hooks.notebooks import github_repository

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a machine with no network: no background calls to Google's services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

PAGES = {
    "home": "",
    "chapter": "ml-breadth/optimization/",
    "notebook": "notebooks/gradient-descent/",
}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (make install does it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def visit(browser, url: str, scheme: str = "light"):
    """Open a page; return it with the console errors and the requests to other origins."""
    page = browser.new_page(color_scheme=scheme)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    errors, foreign = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith((origin, "data:", "blob:")) else None)
    page.goto(url, wait_until="networkidle")
    return page, errors, foreign


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_loads_clean(browser, server, kind, scheme):
    page, errors, foreign = visit(browser, server + PAGES[kind], scheme)
    page.wait_for_load_state("networkidle")
    assert errors == [], f"console errors on {kind}: {errors}"
    assert foreign == [], f"requests to other origins from {kind}: {foreign}"
    assert page.locator("h1").count() == 1
    page.close()


def test_material_starts_once_after_the_first_frame(browser, server, site):
    """Material's bundle is not a parser-blocking script: after-first-frame.js starts it once the
    page has drawn, and sends DOMContentLoaded again for it. It must still start, and only once:
    each code block that is shown (not in a closed answer or an unselected tab), once scrolled into
    view (Material mounts code blocks lazily: content.lazy), gets exactly one copy button, and `document$` (which scrollables.js subscribes to) exists."""
    html = (site / PAGES["chapter"] / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js"', html)
    assert re.search(r'<script type="text/x-after-first-frame" data-src="[^"]*bundle\.[0-9a-f]+\.min\.js"', html)
    page, errors, _ = visit(browser, server + PAGES["chapter"])
    buttons = page.evaluate("""async () => {
        const blocks = Array.from(document.querySelectorAll(".md-content pre:not(.mermaid)"))
            .filter((block) => block.checkVisibility());
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        for (const block of blocks) { block.scrollIntoView(); await frame(); await frame(); }
        return blocks.map((block) => block.querySelectorAll("button[data-md-type=copy]").length);
    }""")
    assert len(buttons) >= 3 and set(buttons) == {1}, f"copy buttons per code block: {buttons}"
    assert page.evaluate("typeof document$") == "object"
    assert errors == []
    page.close()


def test_start_up_work_is_done_before_material_starts(browser, server):
    """What Material's start-up would otherwise change on every element-heavy page, each change
    restyling the whole page, is already done when the page is parsed (overrides/main.html and
    partials/javascripts/palette.html): <html> carries `js`, no href or src is left relative, the
    palette form is not Material's component, and every content table is already in Material's
    scroll wrapper (hooks/page_html.py), so Material moves none. Checked at the first
    DOMContentLoaded, before after-first-frame.js starts the bundle, and again once it has run."""
    wrapped = 0
    for path in (PAGES["notebook"], PAGES["chapter"]):  # the chapter has tables, the notebook none
        wrapped += parsed_then_started(browser, server + path)
    assert wrapped >= 1, "no wrapped table on the pages checked"


def parsed_then_started(browser, url: str) -> int:
    page = browser.new_page()
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        window.whenParsed = {
            htmlClass: document.documentElement.className,
            relative: Array.from(document.querySelectorAll("[href], [src]"))
                .map((el) => el.getAttribute("href") || el.getAttribute("src"))
                .filter((url) => url && !/^(?:[a-z]+:)?\\/\\//i.test(url))
                .filter((url) => !url.startsWith("javascript:")),  // resolves to itself
            materialPalette: document.querySelectorAll("[data-md-component=palette]").length,
            bundleStarted: typeof document$ !== "undefined",
            tablesForMaterial: document.querySelectorAll("article table:not([class])").length,
            wrappedTables: document.querySelectorAll("article .md-typeset__table > table.md-data-table").length,
        };
    }, { once: true });
    document.addEventListener("DOMContentLoaded", () => { window.contentLoadedEvents = (window.contentLoadedEvents || 0) + 1; });""")
    page.goto(url, wait_until="networkidle")
    parsed = page.evaluate("window.whenParsed")
    assert parsed["bundleStarted"] is False
    assert parsed["htmlClass"].split() == ["js", "js-focus-visible"]
    assert parsed["relative"] == [], f"relative URLs left for Material: {parsed['relative'][:5]}"
    assert parsed["materialPalette"] == 0
    assert parsed["tablesForMaterial"] == 0, "a table left for Material to move"
    page.wait_for_function("window.contentLoadedEvents === 2")  # after-first-frame.js sends it again: Material mounts
    assert page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count() == 0, "a table wrapped twice"
    assert page.locator("article .md-typeset__table > table.md-data-table").count() == parsed["wrappedTables"]
    page.close()
    return parsed["wrappedTables"]


def test_math_is_typeset_in_pages_and_notebooks(browser, server, site):
    """Math arrives typeset (KaTeX at build time): no TeX left for a script to process."""
    for path in (PAGES["chapter"], PAGES["notebook"]):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert html.count('class="katex"') > 3 and "katex-error" not in html
        page, errors, foreign = visit(browser, server + path)
        assert page.locator(".katex math").count() > 3, "MathML for screen readers"
        leftover = page.evaluate("""() => {
            const article = document.querySelector("article").cloneNode(true);
            article.querySelectorAll("pre, code, .katex").forEach((element) => element.remove());
            return article.textContent;
        }""")
        assert "$" not in leftover and "\\(" not in leftover, "TeX left untypeset"
        assert errors == [] and foreign == []
        page.close()


def test_every_shown_formula_reaches_the_accessibility_tree(browser, server):
    """Screen readers read a formula from KaTeX's MathML copy, which is visually hidden. Anything
    that stops the browser rendering that copy (content-visibility on it, or on the display
    formula around it, while off screen) silently drops it from the accessibility tree, and axe
    does not notice. So: every formula a reader could see must be a MathML node in Chromium's
    accessibility tree, on a long page where most formulas start far below the fold."""
    page, errors, _ = visit(browser, server + "ml-breadth/linear-models/")
    shown = page.evaluate("""() => Array.from(document.querySelectorAll(".katex"))
        .filter((formula) => formula.checkVisibility()).length""")
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    exposed = sum(1 for node in nodes if node.get("role", {}).get("value") == "MathMLMath" and not node.get("ignored"))
    assert shown > 500, "the page should be formula-dense"
    assert exposed == shown, f"{shown - exposed} of {shown} shown formulas are missing from the accessibility tree"
    assert errors == []
    page.close()


def test_mermaid_diagram_renders_from_the_site(browser, server):
    page, errors, foreign = visit(browser, server + PAGES["chapter"])
    page.locator(".mermaid").first.scroll_into_view_if_needed()  # diagrams load near the viewport
    page.wait_for_selector("div.mermaid", state="attached", timeout=15_000)
    # Material draws the diagram into a closed shadow root; its host replaces the <pre>.
    assert page.locator("pre.mermaid").count() == 0
    assert errors == [] and foreign == []
    page.close()


def test_notebook_page_links_to_colab_and_download(browser, server):
    from mkdocs.config import load_config

    repository, branch = github_repository(load_config(str(ROOT / "mkdocs.yml")))
    page, _, _ = visit(browser, server + PAGES["notebook"])
    colab = page.get_by_role("link", name="Open in Colab").get_attribute("href")
    assert colab == (
        f"https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/gradient-descent.ipynb"
    )
    download = page.get_by_role("link", name="Download .ipynb")
    url = urljoin(page.url, download.get_attribute("href"))  # instant navigation makes it absolute
    with urllib.request.urlopen(url) as response:
        downloaded = response.read()
    assert downloaded == (ROOT / "notebooks" / "gradient-descent.ipynb").read_bytes()
    assert notebooks.stored_output_problems(notebooks.read(ROOT / "notebooks" / "gradient-descent.ipynb")) == []
    # Figures are files with alt text and dimensions, not inline base64.
    images = page.locator(".jupyter-wrapper img")
    assert images.count() > 0
    for i in range(images.count()):
        image = images.nth(i)
        assert image.get_attribute("alt") and image.get_attribute("width") and image.get_attribute("height")
        assert not image.get_attribute("src").startswith("data:")
    page.close()
