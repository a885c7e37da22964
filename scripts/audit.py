"""Lighthouse audit of one page of each type, against the site's budgets.

    python -m scripts.audit            # `make audit`: builds into a temporary folder first
    python -m scripts.audit --site DIR # audit an existing build

Lighthouse (npm, pinned in package-lock.json) runs on Debian's Chromium against the build served
on loopback with gzip, as the host serves it, in its default mobile emulation. Accessibility,
best practices and SEO must score 100 on every page type (exit 1 otherwise, naming the page and
the failing audits). Performance is reported against its budget of 95: math-heavy pages do not
meet it yet (their typeset formulas make a large DOM), so it is measured here, not enforced.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGE_TYPES = {
    "home": "",
    "chapter": "ml-coding/",
    "notebook": "notebooks/kmeans/",
    "cheat sheet": "cheatsheets/evaluation-metrics/",
    "cheat-sheet index": "cheatsheets/",
}
ENFORCED = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
PERFORMANCE_BUDGET = 0.95


def lighthouse(url: str, out: Path) -> dict:
    from scripts.print_cheatsheets import chromium_path

    env = {**os.environ, "CHROME_PATH": chromium_path()}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=performance,accessibility,best-practices,seo",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        env=env, check=True, capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    names = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            names.append(f"{ref['id']} ({audit.get('displayValue') or audit['score']})")
    return names


def main(argv: list[str] | None = None) -> int:
    from scripts.check_links import site_base_path
    from scripts.print_cheatsheets import build_site
    from scripts.serve_site import serving

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path)
    args = parser.parse_args(argv)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        print("| page type | path | performance | accessibility | best practices | SEO |\n|---|---|---:|---:|---:|---:|")
        with serving(site, site_base_path(str(ROOT / "mkdocs.yml"))) as base:
            for kind, path in PAGE_TYPES.items():
                report = lighthouse(base + path, Path(tmp) / "report.json")
                scores = {name: category["score"] for name, category in report["categories"].items()}
                print(f"| {kind} | /{path} | " + " | ".join(f"{round(scores[c] * 100)}" for c in
                      ("performance", "accessibility", "best-practices", "seo")) + " |")
                for category, minimum in ENFORCED.items():
                    if scores[category] < minimum:
                        problems.append(f"{kind} (/{path}): {category} {scores[category] * 100:.0f} < "
                                        f"{minimum * 100:.0f}: " + ", ".join(failing_audits(report, category)))
                if scores["performance"] < PERFORMANCE_BUDGET:
                    print(f"  performance below the {PERFORMANCE_BUDGET * 100:.0f} budget (reported, not enforced): "
                          + ", ".join(failing_audits(report, "performance")))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
