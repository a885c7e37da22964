"""Facts the site takes from git history."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def last_commit_date(path: Path) -> str | None:
    """The date of the last commit that touched `path`, e.g. "November 22, 2026"; None if none."""
    try:
        day = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", str(path)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    if not day:
        return None
    date = datetime.date.fromisoformat(day)
    return f"{date:%B} {date.day}, {date.year}"
