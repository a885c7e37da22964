"""Every page of the built site, in a real browser, in the light and the dark scheme:
axe-core finds no WCAG 2 A/AA violation, the console stays clean, no request leaves the site.

The pages come from the build's sitemap, so a new page is checked without touching this file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.check_links import site_base_path
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> str:
    import axe_playwright_python  # pinned in requirements.txt; ships axe-core's axe.min.js

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def sitemap_paths(site: Path) -> list[str]:
    """Page paths relative to the site root, e.g. "" and "notebooks/kmeans/"."""
    base = site_base_path(str(ROOT / "mkdocs.yml"))
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(site / "sitemap.xml")
    paths = [urlsplit(loc.text).path for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    return sorted(path[len(base):] if path.startswith(base) else path.lstrip("/") for path in paths)


def test_sitemap_lists_every_page(site):
    pages = sitemap_paths(site)
    built = {p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("index.html")} - {"./"}
    assert set(pages) - {""} == built - {"search/"}, "pages missing from the sitemap"


def answer_with(html: str):
    """A route handler that answers with `html` (one function per page, so none shares another's HTML)."""
    return lambda route: route.fulfill(body=html, content_type="text/html")


def crawl(server: str, paths: list[str], scheme: str, pages_to_serve: dict[str, str] | None = None) -> list[str]:
    """Open each path in Chromium and return every problem found, each naming the page and the rule.

    `pages_to_serve` maps a path to HTML answered in place of the server's, for the test below.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    axe = axe_script()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(color_scheme=scheme).new_page()
        for path, html in (pages_to_serve or {}).items():
            page.route(server + path, answer_with(html))
        current = {"path": ""}
        page.on("console", lambda message: problems.append(
            f"{current['path'] or '/'} [{scheme}]: console error: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(f"{current['path'] or '/'} [{scheme}]: script error: {error}"))
        page.on("request", lambda request: problems.append(
            f"{current['path'] or '/'} [{scheme}]: request to another origin: {request.url}")
            if not request.url.startswith((origin, "data:", "blob:")) else None)
        for path in paths:
            current["path"] = path
            page.goto(server + path, wait_until="networkidle")
            # Material starts after the first frame (after-first-frame.js), and its resize observers
            # then make code blocks that scroll focusable: check the page once they have run.
            try:
                page.wait_for_function("typeof document$ === 'object'", timeout=10_000)
            except PlaywrightTimeout:
                problems.append(f"{path or '/'} [{scheme}]: Material's scripts did not start within 10 s")
            page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
            page.evaluate(axe)
            results = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                WCAG_TAGS,
            )
            for violation in results["violations"]:
                example = violation["nodes"][0]
                problems.append(
                    f"{path or '/'} [{scheme}]: {violation['id']} on {len(violation['nodes'])} element(s), "
                    f"e.g. {example['target']}: {violation['help']}"
                )
        browser.close()
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_clean_and_self_contained(site, server, scheme):
    pages = sitemap_paths(site)
    problems = crawl(server, pages, scheme)
    assert len(pages) >= 40
    assert problems == [], "\n".join(problems)


def test_a_broken_page_is_reported_by_name_and_rule(site, server):
    """The crawl above is only worth something if it can fail: a copy of the home page with an
    image that has no text alternative and a script hot-linked from a CDN must be reported."""
    home = (site / "index.html").read_text(encoding="utf-8")
    # Served one level down, so <base> keeps the home page's relative links to the site's assets.
    broken = home.replace("<head>", '<head><base href="../">', 1).replace(
        "</article>",
        '<img src="assets/images/favicon.svg">'
        '<script src="https://cdn.jsdelivr.net/npm/example-widget@1/widget.min.js"></script></article>',
        1,
    )
    assert broken != home
    problems = crawl(server, ["broken-example/"], "light", {"broken-example/": broken})
    assert any(p.startswith("broken-example/ [light]: image-alt on 1 element(s)") for p in problems), problems
    assert any(p.startswith("broken-example/ [light]: request to another origin: https://cdn.jsdelivr.net/")
               for p in problems), problems
