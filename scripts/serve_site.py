"""Serve a built site on loopback the way its host does, for the browser tests and audits.

The site is mounted under the path of its published URL (e.g. /ml-interview-guide/), and text
files are sent gzip-compressed when the browser accepts it, as GitHub Pages does; a plain
http.server would make every page look several times heavier to Lighthouse than it is.

    python -m scripts.serve_site [SITE_DIR]     # prints the URL; Ctrl-C stops it
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb", ".map"}


def make_handler(site: Path, base_path: str):
    class SiteHandler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def translate_path(self, path: str) -> str:
            url_path = unquote(urlsplit(path).path)
            if not url_path.startswith(base_path):
                return str(site / "__outside_the_site__")
            return super().translate_path("/" + url_path[len(base_path):])

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    return super().send_head()  # redirects to the slash-terminated URL
                path = path / "index.html"
            accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (accepts_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def log_message(self, *args) -> None:
            pass

    return SiteHandler


@contextlib.contextmanager
def serving(site: Path, base_path: str = "/", port: int = 0):
    """Serve `site` in a background thread; yields the site's URL (ending in base_path)."""
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(site.resolve(), base_path))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str]) -> int:
    from scripts.check_links import site_base_path

    site = Path(argv[0] if argv else "site")
    with serving(site, site_base_path(), port=8001) as url:
        print(f"Serving {site} at {url} (Ctrl-C to stop)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
