"""Measure the site: build times, notebook execution, page weight and search-index size.

    python -m scripts.bench            # `make bench`; prints a Markdown report
    python -m scripts.bench --json F   # also write the numbers to F

It deletes the notebook cache (.cache/) to time a cold build, then builds again unchanged to
time a warm one. Numbers depend on the machine; the report says which one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import notebooks

ROOT = Path(__file__).resolve().parent.parent


def build(site_dir: Path) -> tuple[float, int, int, str]:
    """One strict build; returns seconds, notebooks executed, notebooks from cache, the log."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    log = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"build failed:\n{log[-3000:]}")
    match = re.search(r"notebooks: (\d+) executed, (\d+) from the cache", log)
    executed, cached = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    return seconds, executed, cached, log


def weight(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    args = parser.parse_args(argv)

    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        cold = build(site)
        warm = build(site)
        prepared = notebooks.prepare()  # all from the cache now: times recorded by the cold build
        pages = sorted(site.rglob("*.html"))
        sizes = {p.relative_to(site).as_posix(): weight(p) for p in pages}
        search = weight(site / "search" / "search_index.json")

    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "cold_build_s": round(cold[0], 1), "cold_executed": cold[1],
        "warm_build_s": round(warm[0], 1), "warm_executed": warm[1], "warm_cached": warm[2],
        "notebooks": {p.source.name: {"seconds": round(p.seconds, 2), "peak_mb": round(p.peak_mb)} for p in prepared},
        "pages": {name: {"bytes": raw, "gzip_bytes": gz} for name, (raw, gz) in sizes.items()},
        "search_index": {"bytes": search[0], "gzip_bytes": search[1]},
    }

    print(f"# Benchmark ({report['machine']})\n")
    print("| build | seconds | notebooks executed |\n|---|---:|---:|")
    print(f"| cold (empty cache) | {cold[0]:.1f} | {cold[1]} |")
    print(f"| warm (nothing changed) | {warm[0]:.1f} | {warm[1]} (of {warm[1] + warm[2]}) |\n")
    times = [p.seconds for p in prepared]
    print("| notebook | seconds | peak memory (MB) |\n|---|---:|---:|")
    for p in sorted(prepared, key=lambda p: -p.seconds):
        print(f"| {p.source.name} | {p.seconds:.1f} | {p.peak_mb:.0f} |")
    if times:
        print(f"| **total / slowest** | {sum(times):.1f} / {max(times):.1f} | {max(p.peak_mb for p in prepared):.0f} |\n")
    print("| page | KB | KB gzip |\n|---|---:|---:|")
    for name, (raw, gz) in sorted(sizes.items(), key=lambda item: -item[1][1]):
        print(f"| {name} | {kb(raw)} | {kb(gz)} |")
    notebook_gz = [gz for name, (_, gz) in sizes.items() if name.startswith("notebooks/")]
    if notebook_gz:
        print(f"\nNotebook pages: median {kb(sorted(notebook_gz)[len(notebook_gz) // 2])} KB gzip, "
              f"largest {kb(max(notebook_gz))} KB gzip (HTML only; figures are separate files).")
    print(f"Search index: {kb(search[0])} KB, {kb(search[1])} KB gzip.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
