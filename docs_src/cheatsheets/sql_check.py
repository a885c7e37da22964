"""Run sql.sql in an in-memory SQLite database and check what its queries return.

Run from the repository root:

    .venv/bin/python docs_src/cheatsheets/sql_check.py

The whole file must run as one script. Then every marked query runs again and its rows are
compared with answers worked out by hand; top-N per group and gaps-and-islands are also
recomputed in plain Python from the inserted rows, so the SQL is checked against an
independent implementation, not only against numbers typed in here.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
from datetime import date
from itertools import groupby
from pathlib import Path

SQL_FILE = Path(__file__).resolve().with_name("sql.sql")
SCRIPT = SQL_FILE.read_text(encoding="utf-8")

# WINDOW clauses need 3.28; window functions in general 3.25.
assert sqlite3.sqlite_version_info >= (3, 28), sqlite3.sqlite_version


def section(name: str) -> str:
    """The text between the `-- --8<-- [start:name]` and `[end:name]` marker lines."""
    match = re.search(rf"^-- --8<-- \[start:{name}\]\n(.*?)^-- --8<-- \[end:{name}\]", SCRIPT, re.S | re.M)
    assert match, f"no section {name!r} in {SQL_FILE.name}"
    return match.group(1)


def statements(text: str) -> list[str]:
    """Split SQL text into complete statements (sqlite3 knows where each one ends)."""
    found, buffer = [], ""
    for line in text.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    assert not re.sub(r"--[^\n]*", "", buffer).strip(), f"unterminated statement: {buffer!r}"
    return found


conn = sqlite3.connect(":memory:")
conn.executescript(SCRIPT)  # the whole file, top to bottom, must run
changes = conn.total_changes


def run(name: str) -> list[list[tuple]]:
    """Rows of every statement in a section, in order."""
    return [conn.execute(sql).fetchall() for sql in statements(section(name))]


def run_one(name: str) -> list[tuple]:
    (rows,) = run(name)
    return rows


emp = conn.execute("SELECT id, name, dept, salary, manager_id FROM emp").fetchall()
logins = conn.execute("SELECT user_id, day FROM logins").fetchall()
assert len(emp) == 8 and len(logins) == 14

# ── Aggregation: COUNT(*) vs COUNT(col), conditional aggregation, HAVING drops hr ──
assert run_one("aggregation") == [("eng", 4, 3, 3, 0.75), ("ops", 3, 2, 1, 1 / 3)]

# ── ROW_NUMBER, RANK, DENSE_RANK on 120, 110, 110, 90 ──
ranks = run_one("ranks")
assert [r[1] for r in ranks] == [120, 110, 110, 90]
assert [r[2] for r in ranks] in ([1, 2, 3, 4], [1, 3, 2, 4])  # tie order is arbitrary
assert [r[3] for r in ranks] == [1, 2, 2, 4]
assert [r[4] for r in ranks] == [1, 2, 2, 3]

# ── Top-N per group, ties kept ──
top_n = run_one("top_n")
assert top_n == [
    ("eng", "Ana", 120, 1), ("eng", "Ben", 110, 2), ("eng", "Cai", 110, 2),
    ("hr", "Hal", 70, 1),
    ("ops", "Eve", 100, 1), ("ops", "Fay", 80, 2), ("ops", "Gus", 80, 2),
]


def top_n_python(rows: list[tuple], n: int) -> list[tuple]:
    """Everyone whose salary is among the n highest distinct salaries of their department."""
    out = []
    for dept in sorted({r[2] for r in rows}):
        people = [r for r in rows if r[2] == dept]
        levels = sorted({r[3] for r in people}, reverse=True)
        for _, name, _, salary, _ in people:
            rank = levels.index(salary) + 1
            if rank <= n:
                out.append((dept, name, salary, rank))
    return sorted(out, key=lambda r: (r[0], r[3], r[1]))


assert top_n == top_n_python(emp, 2)

# ── Second-highest salary: 110, and NULL when there is no second value ──
assert run_one("second_highest") == [(110,)]
conn.execute("CREATE TEMP TABLE one_salary AS SELECT * FROM emp WHERE id = 1")
only_one = section("second_highest").replace("emp", "one_salary")
assert conn.execute(only_one).fetchall() == [(None,)]
conn.execute("DROP TABLE one_salary")
changes = conn.total_changes

# ── Anti-join both ways; the NOT IN trap ──
not_exists, left_join = run("anti_join")
assert not_exists == left_join == [("legal",)]
not_in, correct = run("not_in_trap")
assert not_in == []  # NULL in the list makes `id NOT IN (...)` never true
assert correct == [("Cai",), ("Dee",), ("Fay",), ("Gus",), ("Hal",)]
managers = {r[4] for r in emp if r[4] is not None}
assert [(r[1],) for r in sorted(emp, key=lambda r: r[1]) if r[0] not in managers] == correct

# ── Running totals: ROWS vs the default RANGE frame; percent of total ──
running = run_one("running_total")
assert [r[2] for r in running] == [120, 230, 340, 430]  # ROWS: one row at a time
assert [r[3] for r in running] == [120, 340, 340, 430]  # RANGE: tied 110s enter together
assert [r[4] for r in running] == [27.9, 25.6, 25.6, 20.9]
assert abs(sum(r[4] for r in running) - 100) < 0.5

# ── Gaps and islands: streaks of consecutive days ──
islands = run_one("gaps_islands")
assert islands == [
    (1, "2024-01-01", "2024-01-03", 3), (1, "2024-01-05", "2024-01-06", 2),
    (2, "2024-01-02", "2024-01-02", 1), (2, "2024-01-04", "2024-01-07", 4),
    (3, "2024-01-01", "2024-01-01", 1),
    (4, "2024-01-04", "2024-01-05", 2),
]


def islands_python(rows: list[tuple]) -> list[tuple]:
    """Walk each user's sorted distinct days and cut a streak wherever the gap exceeds one day."""
    out = []
    for user, group in groupby(sorted(set(rows)), key=lambda r: r[0]):
        days = [date.fromisoformat(d) for _, d in group]
        start = prev = days[0]
        for d in days[1:] + [None]:
            if d is None or (d - prev).days > 1:
                out.append((user, start.isoformat(), prev.isoformat(), (prev - start).days + 1))
                start = d
            prev = d
    return out


assert islands == islands_python(logins)
# Without DISTINCT the duplicate login splits user 1's first streak: the trick needs unique days.
no_distinct = section("gaps_islands").replace("SELECT DISTINCT user_id, day", "SELECT user_id, day")
assert conn.execute(no_distinct).fetchall() != islands

# ── Day-1 retention by cohort ──
assert run_one("retention") == [
    ("2024-01-01", 2, 0.5),  # users 1 and 3; only 1 returns on 01-02
    ("2024-01-02", 1, 0.0),  # user 2 skips 01-03
    ("2024-01-04", 1, 1.0),  # user 4 returns on 01-05
]

# ── Deduplication, median, recursive CTE, self-join ──
assert run_one("dedup") == sorted(set(logins))
salaries = [r[3] for r in emp]
assert run_one("median") == [(statistics.median(salaries),)] == [(95.0,)]
assert run_one("recursive") == [
    ("Ana", 0), ("Eve", 0), ("Hal", 0), ("Ben", 1), ("Cai", 1), ("Fay", 1), ("Gus", 1), ("Dee", 2),
]
assert run_one("self_join")[:4] == [("Ana", None), ("Ben", "Ana"), ("Cai", "Ana"), ("Dee", "Ben")]

assert conn.total_changes == changes, "a shown query modified the data"
print(f"sql.sql: all checks passed (SQLite {sqlite3.sqlite_version})")
