"""Execute the notebooks in notebooks/ once per change, in parallel, and keep them stored clean.

The site build (hooks/notebooks.py), the tests and the benchmark all go through `prepare()`:

* A notebook's outputs are cached under a key made of its code cells, the Python version and
  the locked dependency versions (requirements.txt). Editing Markdown cells, or any page of the
  site, re-executes nothing; a warm build executes no notebook.
* Notebooks that miss the cache run in parallel, one process per notebook, in an empty
  temporary folder (as in Colab, where a notebook cannot see the repository).
* A failing or timed-out cell raises `NotebookError` naming the notebook and the cell.

Command line (run from the repository root):

    python -m scripts.notebooks strip [NOTEBOOK ...]   # remove outputs in place
    python -m scripts.notebooks check [NOTEBOOK ...]   # exit 1 if a notebook has stored outputs
    python -m scripts.notebooks run [NOTEBOOK ...]     # execute (cache-aware) and print times
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
CACHE_DIR = ROOT / ".cache" / "notebooks"
LOCK_FILE = ROOT / "requirements.txt"

CELL_TIMEOUT = 120  # seconds for one cell; a whole notebook should take under 30 s
CACHE_FORMAT = "1"  # change it when the cached data or the way notebooks run changes
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class NotebookError(Exception):
    """A notebook that cannot be read or executed; the message names the file and cell."""


@dataclass
class Prepared:
    source: Path  # the notebook as committed (no outputs)
    executed: Path  # the same notebook with the cached outputs, which becomes the page
    executed_now: bool  # False when the outputs came from the cache
    seconds: float  # execution time when the outputs were made
    peak_mb: float  # peak memory of the kernel when the outputs were made


def relative(path: Path) -> str:
    """A path as the reader knows it: relative to the repository when possible."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read(path: Path) -> dict:
    """Load a notebook's JSON, with an error that names the file."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotebookError(f"{relative(path)}: not a valid notebook file ({error})") from None
    if not isinstance(notebook.get("cells"), list):
        raise NotebookError(f"{relative(path)}: not a valid notebook file (no list of cells)")
    return notebook


def code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell.get("cell_type") == "code"]


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def environment_fingerprint(lock_file: Path = LOCK_FILE) -> str:
    """What, besides the code, decides a notebook's outputs."""
    digest = hashlib.sha256()
    digest.update(f"format={CACHE_FORMAT};python={platform.python_version()};".encode())
    digest.update(lock_file.read_bytes())
    return digest.hexdigest()


def cache_key(notebook: dict, fingerprint: str) -> str:
    sources = [cell_source(cell) for cell in code_cells(notebook)]
    return hashlib.sha256((fingerprint + json.dumps(sources)).encode()).hexdigest()


def stored_output_problems(notebook: dict) -> list[str]:
    """Why a notebook is not stored clean (outputs, execution counts, widget state)."""
    problems = []
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {number} has stored outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {number} has an execution count")
    if "widgets" in notebook.get("metadata", {}):
        problems.append("notebook metadata holds widget state")
    return problems


def strip(notebook: dict) -> dict:
    """Remove outputs, execution counts and editor metadata; keep the kernel name."""
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in ("execution", "collapsed", "scrolled", "colab", "outputId", "id"):
            cell.get("metadata", {}).pop(key, None)
    notebook["metadata"] = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def write_json(path: Path, data: dict) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def execute(path: Path, timeout: int = CELL_TIMEOUT) -> dict:
    """Run one notebook in a fresh kernel; return its code cells' outputs, time and peak memory.

    Runs in its own process (see `prepare`), so the peak resident memory of this process's
    children is the kernel's.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    name = relative(path)
    read(path)  # a clear error for a broken file before nbformat's own
    notebook = nbformat.read(path, as_version=4)
    current = {"cell": 0}

    def on_cell_start(cell, cell_index):
        current["cell"] = cell_index + 1

    os.environ["PYTHONHASHSEED"] = "0"  # the kernel inherits it: stable set and dict orders
    # Notebooks already run in parallel, one per core: a multi-threaded BLAS in each kernel
    # would oversubscribe the cores and make every linear-algebra call several times slower.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="notebook-") as workdir:
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=False,
            resources={"metadata": {"path": workdir}},
            on_cell_start=on_cell_start,
        )
        try:
            client.execute()
        except CellTimeoutError:
            raise NotebookError(
                f"{name}: cell {current['cell']} ran longer than the {timeout} s cell timeout"
            ) from None
        except (CellExecutionError, DeadKernelError) as error:
            detail = ANSI_ESCAPE.sub("", str(error)).strip()
            raise NotebookError(f"{name}: cell {current['cell']} failed\n{detail}") from None
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    outputs = [
        {"outputs": cell["outputs"], "execution_count": cell["execution_count"]}
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]
    return {"outputs": json.loads(json.dumps(outputs)), "seconds": seconds, "peak_mb": peak_kb / 1024}


def with_outputs(notebook: dict, cached: dict) -> dict:
    """The source notebook with the cached outputs put back into its code cells."""
    for cell, result in zip(code_cells(notebook), cached["outputs"]):
        cell["outputs"] = result["outputs"]
        cell["execution_count"] = result["execution_count"]
    return notebook


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def prepare(
    paths: list[Path] | None = None,
    cache_dir: Path = CACHE_DIR,
    workers: int | None = None,
    evict: bool = False,
    timeout: int = CELL_TIMEOUT,
) -> list[Prepared]:
    """Make an executed copy of every notebook, executing only those the cache lacks.

    With `evict`, cached outputs that no current notebook uses are deleted.
    """
    paths = notebook_paths() if paths is None else [Path(p) for p in paths]
    fingerprint = environment_fingerprint()
    # executed copies keep the site layout (pages/notebooks/<name>.ipynb) because the hook
    # serves them as regular files of a second source folder, `pages/`.
    outputs_dir, executed_dir = cache_dir / "outputs", cache_dir / "pages" / "notebooks"
    sources = {path: read(path) for path in paths}
    keys = {path: cache_key(sources[path], fingerprint) for path in paths}
    missing = [path for path in paths if not (outputs_dir / f"{keys[path]}.json").exists()]

    if missing:
        errors = []
        # Worker processes import this module by name: make sure they can find it, even when
        # the caller (a MkDocs hook) put the repository on sys.path only while importing.
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        # One short-lived process per notebook: parallel across cores, and the memory each
        # notebook's kernel used can be read on its own. "spawn" because the caller may be
        # `mkdocs serve`, whose threads make fork unsafe.
        with ProcessPoolExecutor(
            max_workers=min(workers or os.cpu_count() or 1, len(missing)),
            mp_context=get_context("spawn"),
            max_tasks_per_child=1,
        ) as pool:
            futures = {path: pool.submit(execute, path, timeout) for path in missing}
            for path, future in futures.items():
                try:
                    result = future.result()
                except NotebookError as error:
                    errors.append(str(error))
                    continue
                write_json(outputs_dir / f"{keys[path]}.json", {"notebook": relative(path), **result})
        if errors:
            raise NotebookError("\n\n".join(errors))

    prepared = []
    for path in paths:
        cached = json.loads((outputs_dir / f"{keys[path]}.json").read_text(encoding="utf-8"))
        executed = executed_dir / path.name
        content = json.dumps(with_outputs(sources[path], cached), indent=1, ensure_ascii=False) + "\n"
        # Rewrite only on change: mkdocs-jupyter caches its HTML by the file's bytes.
        if not executed.exists() or executed.read_text(encoding="utf-8") != content:
            executed.parent.mkdir(parents=True, exist_ok=True)
            executed.write_text(content, encoding="utf-8")
        prepared.append(
            Prepared(path, executed, path in missing, cached["seconds"], cached["peak_mb"])
        )

    if evict:
        used = {f"{key}.json" for key in keys.values()}
        for stale in outputs_dir.glob("*.json"):
            if stale.name not in used:
                stale.unlink()
        names = {path.name for path in paths}
        for stale in executed_dir.glob("*.ipynb"):
            if stale.name not in names:
                stale.unlink()
    return prepared


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.notebooks", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["strip", "check", "run"])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/")
    args = parser.parse_args(argv)
    paths = args.notebooks or notebook_paths()
    try:
        if args.command == "strip":
            for path in paths:
                notebook = read(path)
                cleaned = json.dumps(strip(notebook), indent=1, ensure_ascii=False) + "\n"
                if path.read_text(encoding="utf-8") != cleaned:
                    path.write_text(cleaned, encoding="utf-8")
                    print(f"stripped {relative(path)}")
            return 0
        if args.command == "check":
            dirty = [(path, stored_output_problems(read(path))) for path in paths]
            for path, problems in dirty:
                for problem in problems:
                    print(f"{relative(path)}: {problem}; run `make strip`", file=sys.stderr)
            return 1 if any(problems for _, problems in dirty) else 0
        for result in prepare(paths):
            state = "executed" if result.executed_now else "cached"
            print(f"{relative(result.source)}: {state}, {result.seconds:.1f} s, {result.peak_mb:.0f} MB")
        return 0
    except NotebookError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
