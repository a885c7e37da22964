"""Career data (data/career/): validation errors, the rendered tables and the tracker download."""

from __future__ import annotations

import ast
import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from scripts import career_data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "career"
TRACKER_NOTEBOOK = ROOT / "notebooks" / "application-tracker.ipynb"

# (file, text to replace, replacement, expected "file:line:" and words in the message)
BROKEN = {
    "unknown skill": ("roles.yml", "skills: {communication: 3, exploration: 3, theory: 1,",
                      "skills: {communicaton: 3, exploration: 3, theory: 1,", ("roles.yml:45:", 'unknown skill "communicaton"')),
    "level out of range": ("roles.yml", "theory: 2, programming: 3, infrastructure: 3}",
                           "theory: 2, programming: 3, infrastructure: 4}", ("roles.yml:", 'not "4"')),
    "unknown stage": ("roles.yml", "stages: [A, D]", "stages: [A, E]", ("roles.yml:46:", 'unknown stage "E"')),
    "duplicate header": ("application-tracker.yml", "- header: emails", "- header: notes", ("application-tracker.yml:", '"notes" is used twice')),
    "bad YAML": ("application-tracker.yml", "columns:", "columns: [", ("application-tracker.yml:", "not valid YAML")),
    "missing field": ("application-tracker.yml", "  - header: company\n", "  - header: company\n    meening: x\n",
                      ("application-tracker.yml:", 'unknown field "meening"')),
}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    folder = tmp_path / "career"
    shutil.copytree(DATA, folder)
    return folder


def test_the_real_data_is_valid():
    data = career_data.load()
    assert len(data.roles) >= 7 and len(data.skills) == 5 and [s["id"] for s in data.stages] == ["A", "B", "C.1", "C.2", "D"]
    assert all(set(role["skills"]) == {s["id"] for s in data.skills} for role in data.roles)


@pytest.mark.parametrize("case", BROKEN)
def test_broken_data_is_refused_naming_file_and_line(case, data_copy, capsys):
    name, old, new, expected = BROKEN[case]
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor text is gone from {name}: update BROKEN"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert career_data.main(["--check", "--data", str(data_copy)]) == 2
    message = capsys.readouterr().err
    for part in expected:
        assert part in message, message


def test_missing_file_is_named(data_copy, capsys):
    (data_copy / "roles.yml").unlink()
    assert career_data.main(["--check", "--data", str(data_copy)]) == 2
    assert "roles.yml:1:1: the file is missing" in capsys.readouterr().err


def test_unknown_table_name_names_the_page():
    with pytest.raises(KeyError, match="career/roles.md: unknown career table"):
        career_data.fill_tables("<!-- career-table: skills-by-rol -->", career_data.load(), "career/roles.md")


def test_roles_page_shows_both_tables(site):
    html = (site / "career" / "roles" / "index.html").read_text(encoding="utf-8")
    assert "career-table:" not in html
    # Compare cell text without tags: the glossary wraps abbreviations such as ML in <abbr>.
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html, re.DOTALL)]
    data = career_data.load()
    for role in data.roles:
        assert cells.count(role["name"]) == 2, role["name"]  # one row in each table
    for skill in data.skills:
        assert skill["name"] in cells, skill["name"]


def test_tracker_csv_downloads_with_the_data_columns(site):
    rows = list(csv.reader((site / career_data.TRACKER_CSV).read_text(encoding="utf-8").splitlines()))
    assert rows == [[column["header"] for column in career_data.load().columns]]
    page = (site / "career" / "applications-and-resume" / "index.html").read_text(encoding="utf-8")
    assert 'href="../application-tracker.csv"' in page


def literal(notebook: Path, name: str):
    """The value of the first `NAME = [...]` assignment in the notebook's code cells."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.parse("".join(cell["source"])).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
                return ast.literal_eval(node.value)
    raise AssertionError(f"{notebook.name} has no `{name} = [...]`")


def test_tracker_notebook_uses_the_data_columns_and_words():
    data = career_data.load()
    assert literal(TRACKER_NOTEBOOK, "COLUMNS") == [column["header"] for column in data.columns]
    words = {column["header"]: column["values"] for column in data.columns if column["values"]}
    assert literal(TRACKER_NOTEBOOK, "SOURCES") == words["source"]
    assert literal(TRACKER_NOTEBOOK, "INTERVIEW_TYPES") == words["interview_type"]
    assert literal(TRACKER_NOTEBOOK, "RESULTS") == words["result"]
