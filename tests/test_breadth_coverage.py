"""Every item of the ML breadth topic list has a section that teaches it (tests/data/breadth_topics.txt)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ROOT / "tests" / "data" / "breadth_topics.txt"


def topic_map() -> list[tuple[str, str, str]]:
    rows = []
    for line in TOPICS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            topic, target = (part.strip() for part in line.split("|"))
            page, anchor = target.split("#")
            rows.append((topic, page, anchor))
    return rows


def test_every_breadth_topic_has_a_teaching_section(site):
    missing = []
    for topic, page, anchor in topic_map():
        html = site / "ml-breadth" / page / "index.html"
        if not html.is_file() or not re.search(rf'<h[23] id="{re.escape(anchor)}"', html.read_text(encoding="utf-8")):
            missing.append(f"{topic} -> ml-breadth/{page}#{anchor}")
    assert missing == [], "no section teaches: " + "; ".join(missing)
