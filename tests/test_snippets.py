"""Code shown on pages is included from docs_src/ (pymdownx.snippets) and runs as it is shown."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPET_FILES = sorted((ROOT / "docs_src").rglob("*.py"))
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")


def test_there_are_snippet_files():
    assert SNIPPET_FILES


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=lambda p: p.relative_to(ROOT / "docs_src").as_posix())
def test_snippet_file_runs(path, tmp_path):
    # Run from an empty folder: the file may not depend on where it is started.
    result = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


SQL_FILES = sorted((ROOT / "docs_src").rglob("*.sql"))


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.relative_to(ROOT / "docs_src").as_posix())
def test_sql_file_runs_in_sqlite(path):
    """SQL shown on pages runs as a whole in SQLite (it creates its own small tables)."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(path.read_text(encoding="utf-8"))
    finally:
        connection.close()


@pytest.mark.parametrize("page", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_code_blocks_on_pages_come_from_files(page):
    """Every fenced code block holds only a snippet include (Mermaid diagrams are not code)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    inside, fence, body, problems = False, "", [], []
    for number, line in enumerate(lines, start=1):
        match = FENCE.match(line)
        if not inside and match:
            inside, fence, body, start = True, match.group(2), [], number
            language = line.strip()[len(fence):].strip().split(" ")[0].lower()
        elif inside and line.strip() == fence:
            inside = False
            content = [b.strip() for b in body if b.strip()]
            if language not in ("mermaid", "text") and not all(c.startswith("--8<--") for c in content):
                problems.append(f"{page.name}:{start}: a ```{language} block typed into the page")
        elif inside:
            body.append(line)
    assert problems == [], "put the code in docs_src/ and include it with --8<--"
