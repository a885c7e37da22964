"""Serve front-end libraries from this site instead of a CDN.

`npm ci` installs them (versions locked in package-lock.json) into node_modules/; this hook adds
the files the pages need to the build under assets/vendor/, so nothing is copied into docs/ or
committed, and no page makes a request to another origin.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"

# site path prefix -> (package folder, files or folders inside it to serve)
VENDOR_FILES = {
    "assets/vendor/katex": (
        "katex/dist",
        ["katex.min.css", "fonts"],  # math is typeset at build time: only the styles and fonts
    ),
    "assets/vendor/mermaid": ("mermaid/dist", ["mermaid.min.js"]),
}


def vendor_files() -> list[tuple[str, Path]]:
    """Return (site path, file on disk) for every vendored file; fail if one is missing."""
    found = []
    for prefix, (package_dir, names) in VENDOR_FILES.items():
        for name in names:
            source = NODE_MODULES / package_dir / name
            if not source.exists():
                raise PluginError(
                    f"{source.relative_to(ROOT)} is missing: run `make install` "
                    "(it runs `npm ci`) to install the front-end assets."
                )
            paths = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
            for path in paths:
                found.append((f"{prefix}/{path.relative_to(NODE_MODULES / package_dir).as_posix()}", path))
    return found


def on_files(files: Files, config) -> Files:
    for site_path, path in vendor_files():
        files.append(File.generated(config, site_path, abs_src_path=str(path)))
    return files
