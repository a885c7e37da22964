"""Career data: validate data/career/*.yml and render the tables and the tracker CSV.

Two files, each checked with the same `file:line:column: where: what` errors as the
cheat-sheet data (scripts/cheatsheets.py):

    data/career/roles.yml                 levels, skills, lifecycle stages, roles
    data/career/application-tracker.yml   the columns of the application tracker

Pages ask for a table with a marker line of their own, `<!-- career-table: NAME -->`, which the
hook hooks/career_data.py replaces at build time; TABLES lists the names. An unknown name
fails the build.

    python -m scripts.career_data --check     # validate only; exit 2 on invalid data
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.cheatsheets import ID_PATTERN, Checker, InvalidData, is_null, read_text

ROOT = Path(__file__).resolve().parent.parent
# CAREER_DATA points the build at another folder (the tests use it for broken files).
DATA_DIR = Path(os.environ.get("CAREER_DATA", ROOT / "data" / "career"))
ROLES_FILE = "roles.yml"
TRACKER_FILE = "application-tracker.yml"
TRACKER_CSV = "career/application-tracker.csv"  # where the site serves the download
MARKER = re.compile(r"^<!-- career-table: ([a-z-]+) -->$", re.MULTILINE)
HEADER_PATTERN = re.compile(r"[a-z]+(_[a-z]+)*")
RANGE_PATTERN = re.compile(r"([0-9]+)-([0-9]+)")


@dataclass
class CareerData:
    levels: dict[int, str]
    skills: list[dict]  # {"id", "name"}
    stages: list[dict]  # {"id", "name", "description"}
    roles: list[dict]  # {"id", "name", "skills": {skill id: (low, high)}, "stages": [ids]}
    columns: list[dict]  # {"header", "meaning", "values": [..] or None}


# ── Reading and validating ──────────────────────────────────────────────────────────────────


def compose(path: Path, checker: Checker):
    """The YAML node tree of `path`, or None after recording why it cannot be read."""
    if not path.is_file():
        checker.problem(None, "", "the file is missing")
        return None
    text = read_text(path, checker)
    if text is None:
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        reason = getattr(error, "problem", None) or str(error)
        checker.problem(getattr(error, "problem_mark", None), "", f"not valid YAML: {reason}")
        return None
    if root is None:
        checker.problem(None, "", "the file is empty")
    return root


def items(checker: Checker, node, where: str, fields: dict[str, str], required: set[str]) -> list[tuple]:
    """(node, values) for each mapping of a list, skipping the invalid ones."""
    found = []
    for number, item in enumerate(node.value, start=1):
        values = checker.mapping(item, f"{where} {number}", fields, required)
        if values is not None:
            found.append((item, values))
    return found


def unique_ids(checker: Checker, entries: list[tuple], where: str, key: str, pattern=ID_PATTERN) -> list[str]:
    seen: list[str] = []
    for number, (_, values) in enumerate(entries, start=1):
        value = checker.text(values.get(key), f"{where} {number}", key)
        if value is None:
            continue
        if not pattern.fullmatch(value):
            checker.problem(values[key], f"{where} {number}", f'"{key}" may not be "{value}" (see the comment at the top)')
        elif value in seen:
            checker.problem(values[key], f"{where} {number}", f'"{value}" is used twice')
        seen.append(value)
    return seen


def parse_level(checker: Checker, node, where: str, levels: dict[int, str]) -> tuple[int, int] | None:
    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    low = high = None
    if text.isdigit():
        low = high = int(text)
    elif match := RANGE_PATTERN.fullmatch(text):
        low, high = int(match.group(1)), int(match.group(2))
    if low not in levels or high not in levels or low > high:
        known = ", ".join(str(level) for level in levels)
        checker.problem(node, where, f'should be a level ({known}) or a range such as "1-3", not "{text}"')
        return None
    return low, high


def load_roles(path: Path) -> tuple[dict, list[str]]:
    checker = Checker(path)
    root = compose(path, checker)
    if root is None:
        return {}, checker.problems
    top = checker.mapping(root, "", {"levels": "mapping", "skills": "list", "stages": "list", "roles": "list"},
                          {"levels", "skills", "stages", "roles"})
    if top is None or checker.problems:
        return {}, checker.problems

    levels: dict[int, str] = {}  # the top-level types were checked above, so this is a mapping
    for key, value in top["levels"].value:
        if not key.value.isdigit():
            checker.problem(key, "levels", f'"{key.value}" should be a whole number')
        else:
            levels[int(key.value)] = checker.text(value, "levels", key.value) or ""

    skills = items(checker, top["skills"], "skill", {"id": "text", "name": "text"}, {"id", "name"})
    skill_ids = unique_ids(checker, skills, "skill", "id")
    stages = items(checker, top["stages"], "stage", {"id": "text", "name": "text", "description": "text"},
                   {"id", "name", "description"})
    stage_ids = unique_ids(checker, stages, "stage", "id", re.compile(r"[A-Z](\.[0-9]+)?"))
    roles = items(checker, top["roles"], "role", {"id": "text", "name": "text", "skills": "mapping", "stages": "list"},
                  {"id", "name", "skills", "stages"})
    unique_ids(checker, roles, "role", "id")

    parsed_roles = []
    for number, (_, values) in enumerate(roles, start=1):
        where = f"role {number}"
        role = {"id": checker.text(values["id"], where, "id"), "name": checker.text(values["name"], where, "name"),
                "skills": {}, "stages": []}
        skills_node = values["skills"]
        if isinstance(skills_node, yaml.MappingNode):  # a wrong type is already reported by items()
            for key, value in skills_node.value:
                if key.value not in skill_ids:
                    checker.problem(key, where, f'unknown skill "{key.value}" (expected one of: {", ".join(skill_ids)})')
                elif key.value in role["skills"]:
                    checker.problem(key, where, f'skill "{key.value}" is given twice')
                else:
                    level = parse_level(checker, value, f"{where}, {key.value}", levels)
                    if level:
                        role["skills"][key.value] = level
            given = {key.value for key, _ in skills_node.value}
            for missing in [skill for skill in skill_ids if skill not in given]:
                checker.problem(skills_node, where, f'no level for skill "{missing}"')
        for stage in values["stages"].value if isinstance(values["stages"], yaml.SequenceNode) else []:
            if not isinstance(stage, yaml.ScalarNode) or stage.value not in stage_ids:
                checker.problem(stage, where, f'unknown stage "{getattr(stage, "value", stage)}" (expected one of: {", ".join(stage_ids)})')
            else:
                role["stages"].append(stage.value)
        parsed_roles.append(role)

    data = {
        "levels": levels,
        "skills": [{"id": checker.text(v["id"], "", "id"), "name": checker.text(v["name"], "", "name")} for _, v in skills],
        "stages": [{key: checker.text(v[key], "", key) for key in ("id", "name", "description")} for _, v in stages],
        "roles": parsed_roles,
    }
    return data, checker.problems


def load_tracker(path: Path) -> tuple[list[dict], list[str]]:
    checker = Checker(path)
    root = compose(path, checker)
    if root is None:
        return [], checker.problems
    top = checker.mapping(root, "", {"columns": "list"}, {"columns"})
    if top is None or checker.problems:
        return [], checker.problems
    entries = items(checker, top["columns"], "column", {"header": "text", "meaning": "text", "values": "list"},
                    {"header", "meaning"})
    unique_ids(checker, entries, "column", "header", HEADER_PATTERN)
    columns = []
    for number, (_, values) in enumerate(entries, start=1):
        where = f"column {number}"
        words = None
        if "values" in values and isinstance(values["values"], yaml.SequenceNode):
            words = [checker.text(node, where, "values") for node in values["values"].value]
        columns.append({"header": checker.text(values["header"], where, "header"),
                        "meaning": checker.text(values["meaning"], where, "meaning"), "values": words})
    return columns, checker.problems


def load(data_dir: Path | None = None) -> CareerData:
    """Both files, valid, or InvalidData listing every problem."""
    data_dir = data_dir or DATA_DIR
    roles, problems = load_roles(data_dir / ROLES_FILE)
    columns, tracker_problems = load_tracker(data_dir / TRACKER_FILE)
    problems += tracker_problems
    if problems:
        raise InvalidData(problems)
    return CareerData(columns=columns, **roles)


# ── Rendering ───────────────────────────────────────────────────────────────────────────────


def level_cell(levels: dict[int, str], low: int, high: int) -> str:
    """Filled dots for the eye and the level in words (screen readers read only the words)."""
    top = max(levels)
    words = levels[low] if low == high else f"{levels[low]} to {levels[high]}"
    dots = "●" * low + ("◐" * (high - low)) + "○" * (top - high)
    return f'<span class="skill-level" aria-hidden="true">{dots}</span> {words}'


def skills_table(data: CareerData) -> str:
    header = "| Role | " + " | ".join(skill["name"] for skill in data.skills) + " |"
    rule = "|---|" + "---|" * len(data.skills)
    rows = [
        f"| {role['name']} | " + " | ".join(level_cell(data.levels, *role["skills"][s["id"]]) for s in data.skills) + " |"
        for role in data.roles
    ]
    legend = ", ".join(f"{'●' * level}{'○' * (max(data.levels) - level)} {name}" for level, name in sorted(data.levels.items()))
    return "\n".join([header, rule, *rows, "", f"Levels: {legend}; ◐ marks a range that depends on the company."])


def stages_table(data: CareerData) -> str:
    header = "| Role | " + " | ".join(f"{stage['id']} {stage['name']}" for stage in data.stages) + " |"
    rule = "|---|" + ":-:|" * len(data.stages)
    rows = [
        f"| {role['name']} | "
        + " | ".join('<span role="img" aria-label="yes">✓</span>' if s["id"] in role["stages"] else "" for s in data.stages)
        + " |"
        for role in data.roles
    ]
    stages = "\n".join(f"- **{stage['id']} {stage['name']}**: {stage['description']}." for stage in data.stages)
    return "\n".join([stages, "", header, rule, *rows])


def tracker_columns_table(data: CareerData) -> str:
    rows = ["| Column | What to write |", "|---|---|"]
    for column in data.columns:
        meaning = column["meaning"]
        if column["values"]:
            meaning += " One of: " + ", ".join(f"`{value}`" for value in column["values"]) + "."
        rows.append(f"| `{column['header']}` | {meaning} |")
    return "\n".join(rows)


TABLES = {"skills-by-role": skills_table, "lifecycle-by-role": stages_table, "tracker-columns": tracker_columns_table}


def tracker_csv(data: CareerData) -> str:
    """The empty tracker: the header row, ready to open in a spreadsheet."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(column["header"] for column in data.columns)
    return out.getvalue()


def fill_tables(markdown: str, data: CareerData, page: str) -> str:
    """Replace each marker line with its table; an unknown name is an error naming the page."""

    def table(match: re.Match) -> str:
        name = match.group(1)
        if name not in TABLES:
            raise KeyError(f"{page}: unknown career table \"{name}\" (known: {', '.join(TABLES)})")
        return TABLES[name](data)

    return MARKER.sub(table, markdown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.career_data", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", required=True, help="validate the data only")
    parser.add_argument("--data", type=Path, default=None, help="the folder of career files (default: data/career)")
    args = parser.parse_args(argv)
    try:
        data = load(args.data)
    except InvalidData as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s).", file=sys.stderr)
        return 2
    print(f"{len(data.roles)} roles, {len(data.skills)} skills, {len(data.stages)} stages, "
          f"{len(data.columns)} tracker columns: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
