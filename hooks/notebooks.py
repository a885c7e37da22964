"""Make the notebooks in notebooks/ pages of the site.

* on_files: executes the notebooks that changed (scripts/notebooks.py: cached, in parallel) and
  adds each executed copy as the page `notebooks/<name>.ipynb`, which mkdocs-jupyter renders,
  plus the clean source as `notebooks/<name>/<name>.ipynb` for "Download .ipynb".
* on_page_content: tidies the rendered HTML (scripts/notebook_html.py), adds the Colab and
  download links, and writes the figures next to the page.
* on_page_context: edit/view links, last-updated date and description from the source file.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import notebook_html, notebooks  # noqa: E402  (needs the path above)
from scripts.git_info import last_commit_date  # noqa: E402

log = logging.getLogger("mkdocs.hooks.notebooks")

# Pages this hook created, by src_uri: the committed notebook behind each.
SOURCES: dict[str, Path] = {}


def github_repository(config) -> tuple[str, str]:
    """(owner/name, branch) from repo_url and edit_uri ("edit/<branch>/docs/")."""
    url = urlparse(config.repo_url or "")
    if url.netloc != "github.com":
        raise PluginError("repo_url must be a https://github.com/OWNER/REPO URL (the Colab links use it)")
    parts = (config.edit_uri or "").strip("/").split("/")
    if len(parts) < 2 or parts[0] not in ("edit", "blob"):
        raise PluginError("edit_uri must look like edit/<branch>/docs/ (the Colab links use the branch)")
    return url.path.strip("/").removesuffix(".git"), parts[1]


def is_notebook_page(page) -> bool:
    return page.file.src_uri in SOURCES


@event_priority(100)  # before mkdocs-jupyter, which turns the .ipynb files added here into pages
def on_files(files: Files, config) -> Files:
    try:
        prepared = notebooks.prepare(evict=True)
    except notebooks.NotebookError as error:
        raise PluginError(f"Notebook execution failed:\n{error}") from None
    executed = sum(result.executed_now for result in prepared)
    log.info("notebooks: %d executed, %d from the cache", executed, len(prepared) - executed)
    SOURCES.clear()
    for result in prepared:
        name = result.source.name
        page_uri = f"notebooks/{name}"
        SOURCES[page_uri] = result.source
        # A regular File (not File.generated): mkdocs-jupyter's wrapper only sees src_dir.
        pages_dir = str(result.executed.parent.parent)
        files.append(File(page_uri, pages_dir, config.site_dir, config.use_directory_urls))
        files.append(
            File.generated(config, f"notebooks/{result.source.stem}/{name}", abs_src_path=str(result.source))
        )
    return files


def actions_html(source: Path, config) -> str:
    repository, branch = github_repository(config)
    colab = f"https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/{source.name}"
    return (
        '<p class="nb-actions">'
        f'<a class="md-button md-button--primary" href="{colab}">Open in Colab</a> '
        f'<a class="md-button" href="{source.name}" download>Download .ipynb</a>'
        "</p>"
    )


def on_page_content(html: str, page, config, files) -> str:
    if not is_notebook_page(page):
        return html
    source = SOURCES[page.file.src_uri]
    code_sources = [notebooks.cell_source(cell) for cell in notebooks.code_cells(notebooks.read(source))]
    try:
        tidy = notebook_html.tidy(
            html, name=source.stem, code_sources=code_sources, actions_html=actions_html(source, config)
        )
    except ValueError as error:
        raise PluginError(str(error)) from None
    page.toc = get_toc(tidy.toc_tokens)
    page_dir = Path(page.file.abs_dest_path).parent
    page_dir.mkdir(parents=True, exist_ok=True)
    for file_name, data in tidy.figures.items():
        (page_dir / file_name).write_bytes(data)
    return tidy.html


def description(source: Path) -> str | None:
    """The first paragraph under the notebook's title, as plain text for search engines."""
    for cell in notebooks.read(source)["cells"]:
        if cell.get("cell_type") != "markdown":
            continue
        paragraphs = [p.strip() for p in notebooks.cell_source(cell).split("\n\n")]
        for paragraph in paragraphs:
            if paragraph and not paragraph.startswith("#"):
                text = re.sub(r"[*_`$\\]|\[|\]\([^)]*\)", "", " ".join(paragraph.split()))
                return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"
    return None


def on_page_context(context, page, config, nav):
    if not is_notebook_page(page):
        return context
    source = SOURCES[page.file.src_uri]
    repository, branch = github_repository(config)
    page.edit_url = f"https://github.com/{repository}/edit/{branch}/notebooks/{source.name}"
    updated = last_commit_date(source)
    if updated:
        page.meta["revision_date"] = updated
    text = description(source)
    if text:
        page.meta.setdefault("description", text)
    return context
