"""Chapter pages keep the shape every reader and the question bank rely on.

Every topic chapter (ML breadth, career) has a meta description, ends its teaching with a
Self-check section of well-formed `??? question` blocks, and carries no placeholder; career
chapters hold at least 1,200 words of prose; every breadth topic has its five teaching parts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BREADTH = sorted(p for p in (DOCS / "ml-breadth").glob("*.md") if p.name != "index.md")
CAREER = sorted((DOCS / "career").glob("*.md"))
WITHOUT_SELF_CHECK = {"career/resources.md"}  # a list of resources, not a lesson
QUESTION = re.compile(r'^\?\?\?\+? question (easy|medium|hard) "[^"]+"$')
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem ipsum|coming soon)\b", re.IGNORECASE)
TOPIC_PARTS = ["Intuition", "How it works", "Worked example", "What interviewers probe", "Common mistakes"]


def name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def front_matter(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{name(page)}: no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


def prose_words(page: Path) -> int:
    """Words a reader reads: without front matter, code, math, snippet lines, markers and link targets."""
    text = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    text = re.sub(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", " ", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", " ", text, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->|\]\([^)]*\)", " ", text, flags=re.DOTALL)
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


@pytest.mark.parametrize("page", BREADTH + CAREER, ids=name)
def test_chapter_has_description_self_check_and_no_placeholder(page):
    meta = front_matter(page)
    assert meta.get("title") and meta.get("description"), f"{name(page)}: title and description are required"
    assert len(meta["description"]) <= 160, f"{name(page)}: description over 160 characters"
    text = page.read_text(encoding="utf-8")
    assert not PLACEHOLDER.search(text), f"{name(page)}: placeholder text {PLACEHOLDER.search(text).group(0)!r}"
    lines = text.splitlines()
    malformed = [f"{name(page)}:{n}: {line}" for n, line in enumerate(lines, 1)
                 if line.startswith("??? question") and not QUESTION.match(line)]
    assert malformed == [], "questions must read ??? question easy|medium|hard \"...\""
    if name(page) in WITHOUT_SELF_CHECK:
        return
    assert "## Self-check" in lines, f"{name(page)}: no '## Self-check' section"
    after = lines[lines.index("## Self-check"):]
    questions = [line for line in after if QUESTION.match(line)]
    assert len(questions) >= 5, f"{name(page)}: {len(questions)} self-check questions (at least 5)"
    # Every question has an indented answer on the following lines.
    for number, line in enumerate(lines):
        if QUESTION.match(line):
            answer = next((l for l in lines[number + 1:] if l.strip()), "")
            assert answer.startswith("    "), f"{name(page)}:{number + 1}: the answer must be indented under the question"


@pytest.mark.parametrize("page", [p for p in CAREER if name(p) not in WITHOUT_SELF_CHECK], ids=name)
def test_career_chapter_has_substance(page):
    assert prose_words(page) >= 1200, f"{name(page)}: {prose_words(page)} words of prose (at least 1,200)"


@pytest.mark.parametrize("page", [p for p in BREADTH if p.name != "optimization.md"], ids=name)
def test_every_breadth_topic_teaches_at_two_levels(page):
    """Each `##` topic (before Self-check) has the five parts, in order."""
    sections = re.split(r"^## ", page.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    topics = [s for s in sections if s.split("\n", 1)[0] not in ("Self-check", "Further reading")]
    assert len(topics) >= 4, f"{name(page)}: too few topics"
    for topic in topics:
        title = topic.split("\n", 1)[0]
        parts = [h for h in re.findall(r"^### (.+)$", topic, flags=re.MULTILINE) if h in TOPIC_PARTS]
        assert parts == TOPIC_PARTS, f"{name(page)}: '{title}' has parts {parts}, expected {TOPIC_PARTS}"
