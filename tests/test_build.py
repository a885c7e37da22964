"""The site builds strictly, every page is in the nav, and every internal link resolves."""

import re
from pathlib import Path

from scripts.check_links import broken_links, site_base_path

ROOT = Path(__file__).resolve().parent.parent


def test_strict_build_has_no_warnings(build):
    warnings = [line for line in build.log.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    assert build.returncode == 0 and not warnings, "\n".join(warnings) or build.log[-3000:]


def nav_entries(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [entry for value in node.values() for entry in nav_entries(value)]
    return [entry for item in node for entry in nav_entries(item)]


def test_every_page_and_notebook_is_in_the_nav():
    from mkdocs.config import load_config

    listed = set(nav_entries(load_config(str(ROOT / "mkdocs.yml"))["nav"]))
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    notebooks = {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    sheets = {f"cheatsheets/{p.stem}.md" for p in (ROOT / "data" / "cheatsheets").glob("*.yml")}
    generated = sheets | {"cheatsheets/index.md"}  # made by hooks/cheatsheets.py at build
    assert sorted((pages | notebooks | generated) - listed) == [], "add these to nav in mkdocs.yml"
    assert sorted(listed - pages - notebooks - generated) == [], "nav lists files that do not exist"


def test_internal_links_and_anchors_resolve(site):
    problems = broken_links(site, site_base_path(str(ROOT / "mkdocs.yml")))
    assert problems == [], "\n".join(problems)


def test_link_checker_reports_missing_files_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><a href="#here">ok</a>')
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/#gone">bad anchor</a>'
        ' <a href="b/">bad page</a> <a href="https://example.org/">other origin</a>'
    )
    problems = broken_links(tmp_path)
    assert problems == [
        "index.html: a/#gone (no element with id 'gone')",
        "index.html: b/ (no file b/index.html)",
    ]


def test_every_python_dependency_is_pinned():
    lines = [
        line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    unpinned = [line for line in lines if not re.fullmatch(r"[A-Za-z0-9_.\-\[\],]+==[\w.+\-]+", line)]
    assert lines and unpinned == []


def test_no_front_end_asset_is_committed():
    """KaTeX and Mermaid come from npm at set-up (package-lock.json), never from the repo."""
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    vendored_names = {
        path.name for package in ("katex", "mermaid") for path in (ROOT / "node_modules" / package / "dist").rglob("*")
        if path.is_file() and path.suffix in (".js", ".css", ".woff", ".woff2", ".ttf")
    }
    assert len(vendored_names) > 10
    assert [path for path in tracked if Path(path).name in vendored_names] == []


def test_tables_are_wrapped_like_material_wraps_them():
    from hooks.page_html import wrap_tables

    html = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><table class=\"dataframe\"></table>"
    assert wrap_tables(html) == (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="md-data-table"><tr><td>'
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="md-data-table"><tr><td>1'
        "</td></tr></table></div></div></td></tr></table></div></div>"
        '<table class="dataframe"></table>'
    )


def test_marked_tables_get_materials_table_styles():
    """hooks/page_html.py marks content tables .md-data-table so that Material does not wrap them
    again; site.css must give them every rule Material gives `table:not([class])`."""
    import material

    stylesheet = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
    material_css = stylesheet.read_text(encoding="utf-8")
    ours = (ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")

    def normal(css: str) -> str:
        return re.sub(r"\s+", "", css).replace(";}", "}")

    rules = re.findall(r"(@media[^{]*\{)?([^{}]*table:not\(\[class\]\)[^{}]*\{[^{}]*\})", material_css)
    assert len(rules) >= 10, "Material's table rules not found: has its stylesheet changed?"
    for media, rule in rules:
        expected = normal(media + rule.replace("table:not([class])", "table.md-data-table") + ("}" if media else ""))
        assert expected in normal(ours), f"site.css lacks Material's table rule: {media}{rule}"
