"""Shared fixtures: one strict build of the whole site per test session."""

from __future__ import annotations

import os
import subprocess
import sys
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
    """The built site on a loopback port, under its published base path, gzip like the host."""
    from scripts.check_links import site_base_path
    from scripts.serve_site import serving

    with serving(site, site_base_path(str(ROOT / "mkdocs.yml"))) as url:
        yield url
