"""Cheat sheets: validate the topic data in data/cheatsheets/ and render printable pages.

One YAML file per sheet; `load_sheets()` checks every file against the format below and
raises `InvalidData` listing each problem as `file:line:column: where: what`. `render_pages()`
turns valid sheets into Markdown pages (one per sheet and an index). The MkDocs hook
hooks/cheatsheets.py calls both at every build, so nothing generated is committed.

    python -m scripts.cheatsheets --check       # validate only
    python -m scripts.cheatsheets --out DIR     # write the pages into DIR (all or nothing)

Exit status: 0 on success, 2 on invalid input.

The format (see CONTRIBUTING.md for an example):

    id, title, topic, summary: text (id: unique, lower-case words joined by hyphens; name the
                               file <id>.yml)
    blocks: a list; each block has `kind` and the fields of BLOCK_FIELDS[kind]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify, unique

ROOT = Path(__file__).resolve().parent.parent
# CHEATSHEET_DATA points the build at another folder of sheets (e.g. to preview one sheet).
DATA_DIR = Path(os.environ.get("CHEATSHEET_DATA", ROOT / "data" / "cheatsheets"))
DOCS_DIR = ROOT / "docs"
NOTEBOOK_DIR = ROOT / "notebooks"
PAGE_DIR = "cheatsheets"  # the sheets' pages live at cheatsheets/<id>/ on the site
PAPER_SIZES = ("a4", "letter")
BOOKLET_NAME = "cheatsheets-booklet-a4.pdf"

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_SUMMARY = 220
SHEET_FIELDS = {"id": "text", "title": "text", "topic": "text", "summary": "text", "blocks": "list"}
# kind -> {field: (type, required)}; "items" lists hold the ITEM_FIELDS of their kind.
BLOCK_FIELDS = {
    "definitions": {"title": ("text", True), "items": ("list", True)},
    "formulas": {"title": ("text", True), "items": ("list", True)},
    "bullets": {"title": ("text", True), "items": ("list", True)},
    "table": {"title": ("text", True), "columns": ("list", True), "rows": ("list", True)},
    "code": {"title": ("text", True), "language": ("text", True), "file": ("text", True)},
    "gotchas": {"title": ("text", False), "items": ("list", True)},
    "links": {"title": ("text", False), "items": ("list", True)},
}
ITEM_FIELDS = {
    "definitions": {"term": "text", "definition": "text"},
    "formulas": {"name": "text", "latex": "text", "meaning": "text"},
    "links": {"text": "text", "target": "text"},
}
DEFAULT_TITLES = {"gotchas": "Gotchas", "links": "Go deeper"}
CODE_LANGUAGES = {"python", "sql"}


class InvalidData(Exception):
    """Every problem found in the data, one `file:line:column: message` per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Sheet:
    id: str
    title: str
    topic: str
    summary: str
    blocks: list[dict]
    source: Path
    position: str = "1:1"  # line:column of the id, for errors that concern the whole sheet
    updated: str | None = None  # "November 22, 2026", set by the hook from git
    pdfs: dict[str, str] = field(default_factory=dict)  # paper size -> site path, when built


# ── Reading and validating ──────────────────────────────────────────────────────────────────


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


class Checker:
    """Walks the YAML node tree of one file, collecting problems with their positions."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def problem(self, node_or_mark, where: str, message: str) -> None:
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        position = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        prefix = f"{where}: " if where else ""
        self.problems.append(f"{relative(self.path)}:{position}: {prefix}{message}")

    def mapping(self, node, where: str, fields: dict[str, str], required: set[str]) -> dict | None:
        """The mapping's values by key (nodes), after checking keys, types and duplicates."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, "should be a mapping of fields (key: value)")
            return None
        values = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in values:
                self.problem(key_node, where, f'"{key}" is given twice')
            elif key not in fields:
                known = ", ".join(f'"{name}"' for name in fields)
                self.problem(key_node, where, f'unknown field "{key}" (expected {known})')
            values[key] = value_node
        for name in fields:
            if name in required and (name not in values or is_null(values[name])):
                self.problem(node, where, f'missing "{name}"')
        for name, value in values.items():
            if name in fields and not is_null(value):
                self.check_type(value, where, name, fields[name])
        return values

    def check_type(self, node, where: str, name: str, kind: str) -> bool:
        expected = {"text": yaml.ScalarNode, "list": yaml.SequenceNode, "mapping": yaml.MappingNode}[kind]
        if not isinstance(node, expected):
            found = {yaml.ScalarNode: "text", yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}
            article = {"list": "a list", "mapping": "a mapping"}.get(kind, "text")
            self.problem(node, where, f'"{name}" should be {article}, not {found[type(node)]}')
            return False
        if kind in ("list", "mapping") and not node.value:
            self.problem(node, where, f'"{name}" is empty')
            return False
        return True

    def text(self, node, where: str, name: str) -> str | None:
        if node is None or is_null(node) or not self.check_type(node, where, name, "text"):
            return None
        value = str(node.value).strip()
        if not value:
            self.problem(node, where, f'"{name}" is empty')
            return None
        return value


def is_null(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def read_text(path: Path, checker: Checker) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        checker.problems.append(
            f"{relative(path)}:{line}:{column}: the file is not UTF-8 text (byte 0x{data[error.start]:02x})"
        )
        return None


def parse_sheet(path: Path, anchors: "AnchorIndex") -> tuple[Sheet | None, list[str]]:
    """One file: the sheet, or None and the problems that prevent it."""
    checker = Checker(path)
    text = read_text(path, checker)
    if text is None:
        return None, checker.problems
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        checker.problem(mark, "", f"not valid YAML: {reason}")
        return None, checker.problems
    if root is None:
        checker.problem(None, "", "the file is empty")
        return None, checker.problems

    values = checker.mapping(root, "", SHEET_FIELDS, set(SHEET_FIELDS))
    if values is None:
        return None, checker.problems
    sheet_id = checker.text(values.get("id"), "", "id")
    if sheet_id is not None:
        if not ID_PATTERN.fullmatch(sheet_id):
            checker.problem(values["id"], "", f'"id" must be lower-case words joined by hyphens, not "{sheet_id}"')
    summary = checker.text(values.get("summary"), "", "summary")
    if summary is not None and len(summary) > MAX_SUMMARY:
        checker.problem(values["summary"], "", f'"summary" has {len(summary)} characters (at most {MAX_SUMMARY})')
    blocks = []
    block_nodes = values.get("blocks")
    if isinstance(block_nodes, yaml.SequenceNode):
        for number, node in enumerate(block_nodes.value, start=1):
            block = parse_block(node, number, checker, anchors)
            if block is not None:
                blocks.append(block)
    if checker.problems:
        return None, checker.problems
    sheet = Sheet(
        id=sheet_id, title=checker.text(values["title"], "", "title"),
        topic=checker.text(values["topic"], "", "topic"), summary=summary, blocks=blocks, source=path,
        position=f"{values['id'].start_mark.line + 1}:{values['id'].start_mark.column + 1}",
    )
    return sheet, []


def parse_block(node, number: int, checker: Checker, anchors: "AnchorIndex") -> dict | None:
    kind_node = None
    if isinstance(node, yaml.MappingNode):
        kind_node = next((v for k, v in node.value if k.value == "kind"), None)
    kind = kind_node.value if isinstance(kind_node, yaml.ScalarNode) else None
    where = f"block {number}" + (f" ({kind})" if kind else "")
    if not isinstance(node, yaml.MappingNode):
        checker.problem(node, where, "should be a mapping with a \"kind\" field")
        return None
    if kind_node is None:
        checker.problem(node, where, 'missing "kind"')
        return None
    if kind not in BLOCK_FIELDS:
        known = ", ".join(BLOCK_FIELDS)
        checker.problem(kind_node, where, f'unknown kind "{kind}" (expected one of: {known})')
        return None
    spec = BLOCK_FIELDS[kind]
    fields = {"kind": "text", **{name: kind_of for name, (kind_of, _) in spec.items()}}
    required = {"kind", *(name for name, (_, needed) in spec.items() if needed)}
    before = len(checker.problems)
    values = checker.mapping(node, where, fields, required)
    if values is None or len(checker.problems) > before:
        return None

    block = {"kind": kind, "title": checker.text(values.get("title"), where, "title") or DEFAULT_TITLES.get(kind)}
    if kind in ITEM_FIELDS:
        block["items"] = []
        for index, item in enumerate(values["items"].value, start=1):
            item_where = f"{where}, item {index}"
            item_values = checker.mapping(item, item_where, ITEM_FIELDS[kind], set(ITEM_FIELDS[kind]))
            if item_values is None:
                continue
            parsed = {name: checker.text(item_values.get(name), item_where, name) for name in ITEM_FIELDS[kind]}
            if kind == "links" and parsed["target"] and not anchors.exists(parsed["target"]):
                checker.problem(item_values["target"], item_where, anchors.why_missing(parsed["target"]))
            block["items"].append(parsed)
    elif kind in ("bullets", "gotchas"):
        block["items"] = [checker.text(item, f"{where}, item {i}", "item") for i, item in enumerate(values["items"].value, 1)]
    elif kind == "table":
        columns = [checker.text(cell, where, "columns") for cell in values["columns"].value]
        block["columns"], block["rows"] = columns, []
        for index, row in enumerate(values["rows"].value, start=1):
            row_where = f"{where}, row {index}"
            if not checker.check_type(row, row_where, "row", "list"):
                continue
            if len(row.value) != len(columns):
                checker.problem(row, row_where, f"has {len(row.value)} cells but the table has {len(columns)} columns")
                continue
            # Cells are text as written: `No` stays "No" (YAML would read it as false).
            block["rows"].append([str(cell.value).strip() if isinstance(cell, yaml.ScalarNode) else
                                  checker.text(cell, row_where, "cell") for cell in row.value])
    elif kind == "code":
        block["language"] = checker.text(values["language"], where, "language")
        block["file"] = checker.text(values["file"], where, "file")
        if block["language"] not in CODE_LANGUAGES:
            checker.problem(values["language"], where, f'"language" must be one of {sorted(CODE_LANGUAGES)}')
        problem = snippet_problem(block["file"] or "")
        if problem:
            checker.problem(values["file"], where, problem)
    return block if len(checker.problems) == before else None


def snippet_problem(reference: str) -> str | None:
    """Why a `path[:section]` code reference cannot be included, or None."""
    path, _, section = reference.partition(":")
    file = ROOT / path
    if not path.startswith("docs_src/") or not file.is_file():
        return f'"file" {path} does not exist under docs_src/'
    if section and f"--8<-- [start:{section}]" not in file.read_text(encoding="utf-8"):
        return f'"file" {path} has no section "{section}" (mark it with --8<-- [start:{section}])'
    return None


class AnchorIndex:
    """The pages and notebooks of the site and the heading ids each one has."""

    def __init__(self, sheet_ids: set[str] = frozenset()):
        self.sheet_ids = set(sheet_ids)
        self._cache: dict[str, set[str] | None] = {}

    def ids(self, target_path: str) -> set[str] | None:
        """Heading ids of a page given by its docs path; None if there is no such page."""
        if target_path not in self._cache:
            self._cache[target_path] = self._read_ids(target_path)
        return self._cache[target_path]

    def _read_ids(self, target_path: str) -> set[str] | None:
        if target_path.startswith("notebooks/") and target_path.endswith(".ipynb"):
            path = NOTEBOOK_DIR / target_path.removeprefix("notebooks/")
            if not path.is_file():
                return None
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
            return heading_ids(text)
        if target_path.startswith(f"{PAGE_DIR}/") and Path(target_path).stem in self.sheet_ids:
            return set()  # another sheet: its headings come from data, link to the page only
        path = DOCS_DIR / target_path
        if not target_path.endswith(".md") or not path.is_file():
            return None
        return heading_ids(path.read_text(encoding="utf-8"))

    def exists(self, target: str) -> bool:
        path, _, anchor = target.partition("#")
        ids = self.ids(path)
        return ids is not None and (not anchor or anchor in ids)

    def why_missing(self, target: str) -> str:
        path, _, anchor = target.partition("#")
        if self.ids(path) is None:
            return f'link target "{path}" is not a page of the site (give the path under docs/, or notebooks/<name>.ipynb)'
        return f'link target "{path}" has no section with the anchor "#{anchor}"'


FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


def heading_ids(markdown_text: str) -> set[str]:
    """The ids MkDocs gives the headings of a Markdown text (toc slugify, made unique)."""
    ids: set[str] = set()
    in_fence = False
    for line in markdown_text.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        title = match.group(2)
        explicit = ATTR_ID.search(title)
        if explicit:
            ids.add(explicit.group(1))
            continue
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)  # links keep their text
        plain = re.sub(r"[`*_]", "", plain)
        unique(slugify(plain, "-"), ids)
    return ids


def sheet_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob("*.yml"))


def load_sheets(data_dir: Path | None = None) -> list[Sheet]:
    """Every sheet, validated; raises InvalidData naming every problem in every file."""
    data_dir = data_dir or DATA_DIR
    paths = sheet_files(data_dir)
    anchors = AnchorIndex({path.stem for path in paths})  # by convention a sheet's file is named after its id
    sheets, problems = [], []
    if not paths:
        problems.append(f"{relative(data_dir)}: no cheat-sheet files (*.yml)")
    for path in paths:
        sheet, found = parse_sheet(path, anchors)
        problems += found
        if sheet is not None:
            sheets.append(sheet)
    first_file: dict[str, Path] = {}
    for sheet in sheets:
        if sheet.id in first_file:
            problems.append(f"{relative(sheet.source)}:{sheet.position}: duplicate sheet id "
                            f'"{sheet.id}" (also in {relative(first_file[sheet.id])})')
        first_file.setdefault(sheet.id, sheet.source)
    if problems:
        raise InvalidData(problems)
    return sheets


# ── Rendering ───────────────────────────────────────────────────────────────────────────────


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def link(target: str) -> str:
    """A link from a sheet page (cheatsheets/<id>.md) to a docs path."""
    return f"../{target}"


def render_block(block: dict) -> str:
    kind, lines = block["kind"], [f'<section class="cheatsheet-block cheatsheet-{block["kind"]}" markdown>', "",
                                  f"## {block['title']}", ""]
    if kind == "definitions":
        lines += ["| Term | Meaning |", "|---|---|"]
        lines += [f"| **{cell(i['term'])}** | {cell(i['definition'])} |" for i in block["items"]]
    elif kind == "formulas":
        for item in block["items"]:
            lines += [f"**{item['name']}:** {item['meaning']}", "", "$$", item["latex"], "$$", ""]
    elif kind in ("bullets", "gotchas"):
        lines += [f"- {item}" for item in block["items"]]
    elif kind == "table":
        lines += ["| " + " | ".join(cell(c) for c in block["columns"]) + " |",
                  "|" + "---|" * len(block["columns"])]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block["rows"]]
    elif kind == "code":
        lines += [f"```{block['language']}", f'--8<-- "{block["file"]}"', "```"]
    elif kind == "links":
        lines += [f"- [{item['text']}]({link(item['target'])})" for item in block["items"]]
    return "\n".join(lines + ["", "</section>", ""])


def css_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML scalars


def render_sheet(sheet: Sheet, site_url: str = "") -> str:
    front = ["---", f"title: {yaml_text(sheet.title)}", f"description: {yaml_text(sheet.summary)}",
             "tags: [cheat-sheet]"]
    if sheet.updated:
        front.append(f"revision_date: {yaml_text(sheet.updated)}")
    front.append("---")
    pdf_links = ""
    if sheet.pdfs:
        labels = {"a4": "A4", "letter": "US Letter"}
        links = " · ".join(f"[{labels[size]}](../{path})" for size, path in sheet.pdfs.items())
        pdf_links = f'<p class="cheatsheet-pdfs" markdown>Print-ready PDF: {links}</p>\n'
    url = f"{site_url.rstrip('/')}/{PAGE_DIR}/{sheet.id}/" if site_url else ""
    footer = " · ".join(part for part in (sheet.title, f"updated {sheet.updated}" if sheet.updated else "", url) if part)
    body = "\n".join(render_block(block) for block in sheet.blocks)
    return (
        "\n".join(front) + f"\n\n# {sheet.title}\n\n"
        f'<div class="cheatsheet" markdown>\n\n<p class="cheatsheet-summary" markdown>{sheet.summary}</p>\n\n'
        f"{pdf_links}\n{body}\n</div>\n\n"
        # The printed footer sits in the page margin, on every page, without covering text.
        f'<style>@page {{ @bottom-center {{ content: "{css_string(footer)}"; font-size: 7.5pt; color: #444; }} }}</style>\n'
    )


def render_index(sheets: list[Sheet], booklet: str | None = None) -> str:
    lines = [
        "---", "title: Cheat sheets",
        "description: Dense, printable one- and two-page summaries of every interview topic, generated from open data.",
        "tags: [cheat-sheet]", "---", "", "# Cheat sheets", "",
        "Each sheet condenses one topic into at most two printed pages: formulas with their meaning, comparison",
        "tables, short tested code and the mistakes interviewers listen for. Print one from its page with your",
        "browser (the navigation is left out and the text set in two columns), or use the PDFs when they are",
        "offered. Every sheet is generated from a YAML file in `data/cheatsheets/`, so a correction is a small",
        "pull request.", "",
    ]
    if booklet:
        lines += [f"All sheets in one file: [booklet (A4 PDF)](../{booklet}).", ""]
    for topic in sorted({sheet.topic for sheet in sheets}):
        lines += [f"## {topic}", "", "| Sheet | What it covers | Updated | PDF |", "|---|---|---|---|"]
        for sheet in sorted((s for s in sheets if s.topic == topic), key=lambda s: s.title):
            pdfs = " · ".join(f"[{size.upper() if size == 'a4' else 'Letter'}](../{path})" for size, path in sheet.pdfs.items())
            lines.append(f"| [{cell(sheet.title)}]({sheet.id}.md) | {cell(sheet.summary)} | "
                         f"{sheet.updated or '–'} | {pdfs or '–'} |")
        lines.append("")
    return "\n".join(lines)


def render_pages(sheets: list[Sheet], site_url: str = "", booklet: str | None = None) -> dict[str, str]:
    """Markdown for every page, keyed by its path under docs/ (cheatsheets/<id>.md and index.md)."""
    pages = {f"{PAGE_DIR}/index.md": render_index(sheets, booklet)}
    for sheet in sheets:
        pages[f"{PAGE_DIR}/{sheet.id}.md"] = render_sheet(sheet, site_url)
    return pages


def write_pages(pages: dict[str, str], out: Path) -> None:
    """Write all pages into `out`, replacing it whole: never a half-written folder."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, text in pages.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.cheatsheets", description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true", help="validate the data only")
    action.add_argument("--out", type=Path, metavar="DIR", help="write the rendered pages into DIR")
    parser.add_argument("--data", type=Path, default=None, help="the folder of sheet files (default: data/cheatsheets)")
    args = parser.parse_args(argv)
    try:
        sheets = load_sheets(args.data)
    except InvalidData as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s); nothing written.", file=sys.stderr)
        return 2
    if args.out:
        write_pages(render_pages(sheets), args.out)
        print(f"wrote {len(sheets)} sheets and the index to {args.out}")
    else:
        print(f"{len(sheets)} sheets are valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
