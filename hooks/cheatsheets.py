"""Generate the cheat-sheet pages from data/cheatsheets/ at every build (scripts/cheatsheets.py).

Pages exist only in the build: cheatsheets/index.md and cheatsheets/<id>.md. When `make pdf`
has printed the sheets into build/pdf/, the PDFs join the site and the pages link to them;
otherwise the pages simply carry no PDF links.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import cheatsheets  # noqa: E402  (needs the path above)
from scripts.git_info import last_commit_date  # noqa: E402

PDF_DIR = ROOT / "build" / "pdf"  # written by `make pdf` (scripts/print_cheatsheets.py)


def on_files(files: Files, config) -> Files:
    try:
        sheets = cheatsheets.load_sheets()
    except cheatsheets.InvalidData as error:
        raise PluginError(f"Invalid cheat-sheet data:\n{error}") from None
    for sheet in sheets:
        sheet.updated = last_commit_date(sheet.source)
        for size in cheatsheets.PAPER_SIZES:
            pdf = PDF_DIR / f"{sheet.id}-{size}.pdf"
            if pdf.is_file():
                site_path = f"{cheatsheets.PAGE_DIR}/pdf/{pdf.name}"
                files.append(File.generated(config, site_path, abs_src_path=str(pdf)))
                sheet.pdfs[size] = site_path
    booklet = None
    booklet_pdf = PDF_DIR / cheatsheets.BOOKLET_NAME
    if booklet_pdf.is_file():
        booklet = f"{cheatsheets.PAGE_DIR}/pdf/{booklet_pdf.name}"
        files.append(File.generated(config, booklet, abs_src_path=str(booklet_pdf)))
    for uri, markdown in cheatsheets.render_pages(sheets, config.site_url or "", booklet).items():
        files.append(File.generated(config, uri, content=markdown))
    return files
