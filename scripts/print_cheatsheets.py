"""Print every cheat sheet to PDF with Chromium: one file per sheet and paper size, plus a booklet.

    python -m scripts.print_cheatsheets            # `make pdf`: writes build/pdf/
    python -m scripts.print_cheatsheets --site DIR # print from an existing build instead

It builds the site into a temporary folder (unless --site is given), serves it on loopback and
prints each sheet page with Chromium's print engine (Playwright driving Debian's chromium). The
next `make build` picks the PDFs up and links them from the sheet pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import cheatsheets

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "build" / "pdf"
PAPER = {"a4": "A4", "letter": "Letter"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def build_site(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)], cwd=ROOT, env=env,
                   check=True, capture_output=True)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def print_page(browser, url: str, out: Path, paper: str) -> int:
    """Print one page to `out` on `paper` ("a4" or "letter"); return the number of pages."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        page.emulate_media(media="print")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format=PAPER[paper], print_background=True)
    finally:
        page.close()
    return page_count(out)


def print_all(site_dir: Path, out_dir: Path, sheet_ids: list[str]) -> dict[tuple[str, str], int]:
    """Print every sheet at every paper size into out_dir; return the page counts."""
    from playwright.sync_api import sync_playwright

    from scripts.check_links import site_base_path
    from scripts.serve_site import serving

    counts = {}
    with serving(site_dir, site_base_path(str(ROOT / "mkdocs.yml"))) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for sheet_id in sheet_ids:
            for paper in PAPER:
                out = out_dir / f"{sheet_id}-{paper}.pdf"
                counts[(sheet_id, paper)] = print_page(browser, f"{base}{cheatsheets.PAGE_DIR}/{sheet_id}/", out, paper)
        browser.close()
    return counts


def make_booklet(pdfs: list[Path], out: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    with out.open("wb") as handle:
        writer.write(handle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build to print from")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    sheets = cheatsheets.load_sheets()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        staging = Path(tmp) / "pdf"  # printed here first: build/pdf/ is replaced whole or not at all
        counts = print_all(site, staging, [sheet.id for sheet in sheets])
        make_booklet([staging / f"{sheet.id}-a4.pdf" for sheet in sheets], staging / cheatsheets.BOOKLET_NAME)
        shutil.rmtree(args.out, ignore_errors=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(args.out))
    for (sheet_id, paper), pages in sorted(counts.items()):
        print(f"{sheet_id}: {pages} page(s) on {PAPER[paper]}")
    too_long = [f"{sheet_id} ({PAPER[paper]}: {pages} pages)" for (sheet_id, paper), pages in counts.items() if pages > 2]
    if too_long:
        print("Longer than 2 pages: " + ", ".join(too_long), file=sys.stderr)
        return 1
    print(f"Wrote {len(counts)} PDFs and the booklet to {args.out}; `make build` now links them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
