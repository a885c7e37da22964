"""Notebooks: stored clean, self-contained for Colab, executed with a cache, errors named."""

from __future__ import annotations

import ast
import re
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebooks.notebook_paths()
# Modules and packages of this repository: a notebook importing one would break in Colab.
LOCAL_MODULES = {p.stem for p in ROOT.iterdir() if p.suffix == ".py" or (p.is_dir() and not p.name.startswith("."))}
# Calls that read files: Colab opens a single .ipynb, with no data folder beside it.
FILE_READERS = {"open", "read_csv", "read_parquet", "read_json", "read_excel", "load", "loadtxt", "genfromtxt", "read_text"}


def make_notebook(path: Path, *sources: str) -> Path:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# A test notebook"}]
    cells += [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None} for s in sources]
    notebook = {"cells": cells, "metadata": {"kernelspec": notebooks.KERNELSPEC}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    assert notebooks.stored_output_problems(notebooks.read(path)) == [], f"run `make strip` for {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_self_contained_for_colab(path):
    cells = notebooks.code_cells(notebooks.read(path))
    first = notebooks.cell_source(cells[0])
    assert '"google.colab" in sys.modules' in first, "the first code cell installs what Colab lacks, guarded"
    for number, cell in enumerate(cells, start=1):
        source = "\n".join(
            line for line in notebooks.cell_source(cell).splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else ["(relative import)"]
            else:
                names = []
            local = [name for name in names if name.split(".")[0] in LOCAL_MODULES or name == "(relative import)"]
            assert not local, f"{path.name} code cell {number} imports a local module: {local}"
            if isinstance(node, ast.Call):
                function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                assert function not in FILE_READERS and not function.startswith("fetch_"), (
                    f"{path.name} code cell {number} reads a file or downloads data with {function}()"
                )


def test_every_notebook_executes_and_the_warm_run_executes_none(site):
    """The strict build executed them (any error fails it); now the cache answers for all."""
    prepared = notebooks.prepare()
    assert len(prepared) == len(NOTEBOOKS)
    assert [p.source.name for p in prepared if p.executed_now] == []
    slow = [(p.source.name, round(p.seconds, 1)) for p in prepared if p.seconds > 30]
    assert slow == [], "each notebook must run in under 30 s"
    heavy = [(p.source.name, round(p.peak_mb)) for p in prepared if p.peak_mb > 1024]
    assert heavy == [], "each notebook must stay under 1 GB"


def test_build_log_reports_cache_use(build):
    assert "notebooks:" in build.log and "from the cache" in build.log


def test_cache_key_ignores_markdown_but_not_code_python_or_locked_versions(tmp_path, monkeypatch):
    notebook = notebooks.read(make_notebook(tmp_path / "a.ipynb", "x = 1"))
    fingerprint = notebooks.environment_fingerprint()
    key = notebooks.cache_key(notebook, fingerprint)

    notebook["cells"][0]["source"] = "# A retitled notebook\n\nMore prose."
    assert notebooks.cache_key(notebook, fingerprint) == key

    notebook["cells"][1]["source"] = "x = 2"
    assert notebooks.cache_key(notebook, fingerprint) != key

    other_lock = tmp_path / "requirements.txt"
    other_lock.write_text((ROOT / "requirements.txt").read_text() + "extra-package==1.0\n")
    assert notebooks.environment_fingerprint(other_lock) != fingerprint
    monkeypatch.setattr(notebooks.platform, "python_version", lambda: "3.99.0")
    assert notebooks.environment_fingerprint() != fingerprint


def test_failing_cell_is_named_with_its_notebook(tmp_path):
    bad = make_notebook(tmp_path / "broken.ipynb", "x = 1", "assert x == 2, 'x should be 2'")
    with pytest.raises(notebooks.NotebookError) as error:
        notebooks.prepare([bad], cache_dir=tmp_path / "cache")
    message = str(error.value)
    assert "broken.ipynb: cell 3 failed" in message  # cell 3: after the title and `x = 1`
    assert "AssertionError" in message and "x should be 2" in message
    assert not list((tmp_path / "cache").rglob("*.json")), "a failed run must not be cached"


def test_cell_timeout_is_enforced(tmp_path, monkeypatch):
    slow = make_notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(30)")
    started = time.perf_counter()
    with pytest.raises(notebooks.NotebookError, match=r"slow.ipynb: cell 2 ran longer than the 2 s cell timeout"):
        notebooks.prepare([slow], cache_dir=tmp_path / "cache", timeout=2)
    assert time.perf_counter() - started < 25


def test_cold_run_executes_in_parallel_and_warm_run_executes_nothing(tmp_path):
    paths = [make_notebook(tmp_path / f"sleep{i}.ipynb", "import time\ntime.sleep(5)") for i in range(2)]
    cache = tmp_path / "cache"
    started = time.perf_counter()
    cold = notebooks.prepare(paths, cache_dir=cache, workers=2)
    elapsed = time.perf_counter() - started
    assert all(p.executed_now for p in cold)
    # Serially the two sleeps alone take 10 s; in parallel both finish in 5 s plus start-up.
    assert elapsed < 10, f"cold run took {elapsed:.1f} s: not parallel"
    warm = notebooks.prepare(paths, cache_dir=cache, workers=2)
    assert not any(p.executed_now for p in warm)
    executed = json.loads(warm[0].executed.read_text())
    assert executed["cells"][1]["execution_count"] == 1


def test_check_command_names_an_unstripped_notebook(tmp_path):
    dirty = make_notebook(tmp_path / "dirty.ipynb", "print('hi')")
    notebook = json.loads(dirty.read_text())
    notebook["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi\n"}]
    notebook["cells"][1]["execution_count"] = 1
    dirty.write_text(json.dumps(notebook))
    result = subprocess.run(
        [sys.executable, "-m", "scripts.notebooks", "check", str(dirty)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "dirty.ipynb: cell 2 has stored outputs" in result.stderr

    subprocess.run([sys.executable, "-m", "scripts.notebooks", "strip", str(dirty)], cwd=ROOT, check=True)
    assert notebooks.stored_output_problems(notebooks.read(dirty)) == []


def test_invalid_notebook_file_is_named(tmp_path):
    broken = tmp_path / "invalid.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(notebooks.NotebookError, match="invalid.ipynb: not a valid notebook file"):
        notebooks.read(broken)


# The ML-coding notebooks walk through the round in the same order (docs/ml-coding/index.md);
# the sixth section is the figure and is named after what it shows.
ML_CODING_SECTIONS = ["The prompt", "The idea", "Implementation", "Complexity", "Verification", None,
                      "Follow-up questions and common mistakes", "Exercises"]
CHAPTER_LINKS = re.findall(r"\]\(\.\./notebooks/([\w-]+)\.ipynb\)", (ROOT / "docs/ml-coding/index.md").read_text())
ML_CODING = sorted(set(CHAPTER_LINKS) - {"gradient-descent"})  # the flagship worked example has its own shape


def test_ml_coding_chapter_links_real_notebooks():
    assert set(CHAPTER_LINKS) <= {p.stem for p in NOTEBOOKS}
    assert len(ML_CODING) >= 18


@pytest.mark.parametrize("name", ML_CODING)
def test_ml_coding_notebook_follows_the_round(name):
    notebook = notebooks.read(ROOT / "notebooks" / f"{name}.ipynb")
    headings = [
        line[3:].strip()
        for cell in notebook["cells"] if cell["cell_type"] == "markdown"
        for line in notebooks.cell_source(cell).splitlines() if line.startswith("## ")
    ]
    assert len(headings) == len(ML_CODING_SECTIONS), headings
    for expected, actual in zip(ML_CODING_SECTIONS, headings):
        assert expected in (None, actual), f"{name}: section '{actual}' where '{expected}' belongs"
    code = "\n".join(notebooks.cell_source(c) for c in notebooks.code_cells(notebook))
    assert code.count("assert ") >= 3, f"{name}: the verification needs visible asserts"
