"""Shared fixtures: one strict build of the whole site per test session."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Build:
    site: Path
    log: str  # everything mkdocs printed
    returncode: int


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """`mkdocs build --strict` into a temporary folder, with the notebook cache of the repo."""
    site = tmp_path_factory.mktemp("build") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    return Build(site=site, log=result.stdout + result.stderr, returncode=result.returncode)


@pytest.fixture(scope="session")
def site(build) -> Path:
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.log[-5000:]}"
    return build.site


@pytest.fixture(scope="session")
def server(site):
    """The built site on a loopback port, served under its published base path."""
    from scripts.check_links import site_base_path

    base = site_base_path(str(ROOT / "mkdocs.yml"))
    root = site.parent / "root"
    if not root.exists():
        # Serve site/ at e.g. /ml-interview-guide/ so absolute links behave as on GitHub Pages.
        (root / base.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / base.strip("/")).symlink_to(site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{base}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
