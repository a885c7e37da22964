"""Career tables and the tracker download, from data/career/ at every build (scripts/career_data.py).

A page asks for a table with a line `<!-- career-table: NAME -->`; the download
career/application-tracker.csv exists only in the build, so nothing generated is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import career_data  # noqa: E402  (needs the path above)
from scripts.cheatsheets import InvalidData  # noqa: E402

_data: career_data.CareerData | None = None


def on_files(files: Files, config) -> Files:
    global _data
    try:
        _data = career_data.load()
    except InvalidData as error:
        raise PluginError(f"Invalid career data:\n{error}") from None
    files.append(File.generated(config, career_data.TRACKER_CSV, content=career_data.tracker_csv(_data)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return career_data.fill_tables(markdown, _data, page.file.src_uri)
    except KeyError as error:
        raise PluginError(error.args[0]) from None
