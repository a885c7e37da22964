"""What readers do on the site, done in a real browser: search, switch the palette, copy code,
open an answer, switch a content tab, and reach the header controls with the keyboard alone.
(Notebook links are in test_browser.py; printing a cheat sheet in test_cheatsheets.py.)
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def context():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        yield context
        browser.close()


def test_search_finds_reservoir_sampling_and_opens_it(context, server):
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("reservoir sampling", delay=20)  # search runs on key events
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15_000)
    assert "notebooks/reservoir-sampling/" in first.get_attribute("href")
    first.click()
    page.wait_for_url("**/notebooks/reservoir-sampling/**")
    fragment = urlsplit(page.url).fragment
    if fragment:  # a section result lands on that section
        assert page.locator(f"[id='{fragment}']").count() == 1
    assert "Reservoir sampling" in page.locator("h1").inner_text()
    page.close()


def test_palette_toggle_switches_and_persists(context, server):
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    schemes = []
    for _ in range(2):  # system preference → light → dark
        page.locator("form[data-site-palette] label:not([hidden])").first.click()
        schemes.append(page.locator("body").get_attribute("data-md-color-scheme"))
    assert schemes == ["default", "slate"]
    page.locator("a[href$='ml-coding/']").first.click()
    page.wait_for_url("**/ml-coding/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.goto(server + "cheatsheets/", wait_until="networkidle")  # a full load reads it back
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.evaluate("localStorage.clear()")
    page.close()


def test_palette_follows_a_dark_system_from_the_first_frame(context, server):
    """With nothing stored, the palette is "automatic": a reader whose system is dark gets the dark
    scheme as the page is parsed (partials/javascripts/palette.html), not when Material starts, and
    the browser is told through the color-scheme and theme-color meta tags. Enter on the focused
    option moves on to the next one (light), as Material's toggle does."""
    page = context.browser.new_page(color_scheme="dark")
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        window.schemeWhenParsed = document.body.getAttribute("data-md-color-scheme");
    }, { once: true });""")
    page.goto(server, wait_until="networkidle")
    assert page.evaluate("window.schemeWhenParsed") == "slate"
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == "dark"
    assert page.locator("meta[name=theme-color]").get_attribute("content").startswith("#")
    page.locator("form[data-site-palette] input.md-option").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == "light"
    page.close()


def test_code_copy_button_copies_the_code(context, server):
    page = context.new_page()
    page.goto(server + "ml-breadth/optimization/", wait_until="networkidle")
    block = page.locator(".md-content pre:not(.mermaid):has(> code) >> visible=true").first
    block.scroll_into_view_if_needed()  # Material adds the button once the block is in view
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() == block.locator("code").inner_text().strip()
    page.close()


def test_self_check_answer_opens(context, server):
    page = context.new_page()
    page.goto(server + "ml-coding/", wait_until="networkidle")
    question = page.locator("details.question").first
    assert question.get_attribute("open") is None
    question.locator("summary").click()
    assert question.get_attribute("open") is not None
    assert question.locator("p").first.is_visible()
    page.close()


def test_content_tabs_switch(context, server):
    page = context.new_page()
    page.goto(server + "ml-coding/", wait_until="networkidle")
    tabs = page.locator(".tabbed-set").first
    labels = tabs.locator(".tabbed-labels > label")
    blocks = tabs.locator(".tabbed-content > .tabbed-block")
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    labels.nth(1).click()
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()
    page.close()


def test_keyboard_reaches_search_and_palette_toggle(context, server):
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.matches('input.md-search__input') ? 'search' : "
                                "document.activeElement.matches('input.md-option') ? 'palette' : ''")
        if focused:
            reached.add(focused)
        if reached == {"search", "palette"}:
            break
    assert reached == {"search", "palette"}
    page.close()
