"""Check that every internal link and anchor in the built site resolves.

    python -m scripts.check_links [SITE_DIR]     # default: site/

Reads every HTML page of the build, follows each href/src that stays on the site, and
reports the page, the link and what is missing: the file, or the element id after `#`.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class PageParser(HTMLParser):
    """Collects the ids a page defines and the URLs it points to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        for name in ("href", "src"):
            if values.get(name) is not None and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(values[name])


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, url_path: str) -> Path:
    """The file a site-relative URL path is served from (directory URLs serve index.html)."""
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def site_base_path(config_file: str = "mkdocs.yml") -> str:
    """The URL path the site is published under (from site_url), e.g. "/ml-interview-guide/"."""
    from mkdocs.config import load_config

    return urlsplit(load_config(config_file).site_url or "/").path or "/"


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link or anchor that does not resolve, as 'page: link (reason)'.

    `base_path` is the path the site is published under: absolute links (404.html uses them)
    start with it.
    """
    site = site.resolve()
    pages = {path: parse(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        page_url = "/" + page.relative_to(site).as_posix()
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue  # other origins are checked weekly by .github/workflows/links.yml
            resolved = urlsplit(urljoin(page_url, link))
            path = resolved.path
            if link.startswith("/"):
                if not path.startswith(base_path):
                    problems.append(f"{page.relative_to(site)}: {link} (outside the site's path {base_path})")
                    continue
                path = "/" + path[len(base_path):]
            target = target_file(site, path)
            where = f"{page.relative_to(site)}: {link}"
            if not target.is_file():
                problems.append(f"{where} (no file {target.relative_to(site) if target.is_relative_to(site) else target})")
                continue
            fragment = unquote(resolved.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if fragment not in ids:
                    problems.append(f"{where} (no element with id '{fragment}')")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    problems = broken_links(site, site_base_path())
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken internal link(s) in {site}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
