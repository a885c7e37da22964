"""Turn the HTML mkdocs-jupyter makes for a notebook into a lean, accessible Material page.

mkdocs-jupyter inlines ~600 KB of JupyterLab CSS and a copy script into every notebook page,
embeds figures as base64 and gives headings ids that its own table of contents does not use.
`tidy()` removes the inline CSS and scripts (overrides/assets/stylesheets/site.css styles
notebook cells once for the whole site), turns code cells into Material code blocks (copy
button, theme colours), gives headings the ids of the table of contents it returns, and moves
figures into files with alt text and dimensions. The hook writes the figures next to the page.
"""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from markdown.extensions.toc import slugify, unique

MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.DOTALL)
FIGURE_COMMENT = re.compile(r"^\s*#\s*Figure:\s*(.+)$", re.MULTILINE)
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg"}


@dataclass
class TidyPage:
    html: str
    toc_tokens: list[dict]  # nested, in the form mkdocs.structure.toc.get_toc expects
    figures: dict[str, bytes] = field(default_factory=dict)  # file name -> image bytes


def image_size(data: bytes, kind: str) -> tuple[int, int]:
    """Width and height read from a PNG or JPEG header."""
    if kind == "png":
        return struct.unpack(">II", data[16:24])
    position = 2  # JPEG: walk the segments until a start-of-frame marker
    while position < len(data):
        marker, length = data[position + 1], struct.unpack(">H", data[position + 2 : position + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    raise ValueError("JPEG without a frame header")


def nest(flat: list[dict]) -> list[dict]:
    """Nest heading tokens by level, as the Markdown toc extension does."""
    root: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def mark_math(soup: BeautifulSoup) -> None:
    """Wrap $…$ and $$…$$ in Markdown cells as arithmatex does on Markdown pages.

    nbconvert leaves notebook math as plain text; in this form the build typesets it with the
    rest of the site's math (scripts/math_render.py).
    """
    for cell in soup.select(".jp-RenderedMarkdown"):
        for text in list(cell.find_all(string=MATH)):
            if text.find_parent(["code", "pre", "script", "style"]):
                continue
            pieces, last = [], 0
            for match in MATH.finditer(text):
                pieces.append(text[last:match.start()])
                span = soup.new_tag("span", attrs={"class": "arithmatex"})
                span.string = f"\\[{match.group(1)}\\]" if match.group(1) is not None else f"\\({match.group(2)}\\)"
                pieces.append(span)
                last = match.end()
            pieces.append(text[last:])
            text.replace_with(*[piece for piece in pieces if piece != ""])


def figure_alt_texts(code_sources: list[str]) -> list[str | None]:
    """The `# Figure: …` comment of each code cell, which describes its figure for screen readers."""
    texts = []
    for source in code_sources:
        match = FIGURE_COMMENT.search(source)
        texts.append(match.group(1).strip() if match else None)
    return texts


def tidy(
    html: str,
    *,
    name: str,
    code_sources: list[str],
    actions_html: str,
    toc_depth: int = 3,
) -> TidyPage:
    """Clean one notebook page; `name` (the notebook's stem) prefixes the figure files."""
    soup = BeautifulSoup(html, "html.parser")

    for tag in soup.find_all(["style", "script"]):
        tag.decompose()
    for tag in soup.select("div.clipboard-copy-txt, div.zeroclipboard-container, div.celltoolbar"):
        tag.decompose()

    # Code cells become Material code blocks: theme colours and the copy button.
    for block in soup.select("div.highlight-ipynb"):
        block["class"] = ["language-python", "highlight"]
        pre = block.find("pre")
        if pre is not None and pre.find("code", recursive=False) is None:
            code = soup.new_tag("code")
            for child in list(pre.contents):
                code.append(child.extract())
            pre.append(code)

    # Text outputs can scroll sideways: make them focusable so keyboard users can scroll them.
    for output in soup.select(".jp-OutputArea-output pre"):
        output["tabindex"] = "0"

    mark_math(soup)

    # Headings: ids that match the table of contents, and Material's permalink.
    used_ids: set[str] = set()
    tokens = []
    for heading in soup.find_all(HEADINGS):
        if heading.find_parent(class_="jp-OutputArea"):
            continue  # a heading printed by code is output, not structure
        for anchor in heading.select("a.anchor-link"):
            anchor.decompose()
        title = heading.get_text(" ", strip=True)
        heading_id = unique(slugify(title, "-"), used_ids)
        heading["id"] = heading_id
        permalink = soup.new_tag("a", attrs={"class": "headerlink", "href": f"#{heading_id}", "title": "Link to this section"})
        permalink.string = "¶"
        heading.append(permalink)
        level = int(heading.name[1])
        if level <= toc_depth:
            tokens.append({"level": level, "id": heading_id, "name": title, "children": []})

    # Figures: out of the HTML into files, with alt text and their size.
    figures: dict[str, bytes] = {}
    alt_texts = figure_alt_texts(code_sources)
    # mkdocs-jupyter's template wraps JupyterLab's cell div in a second one: drop the inner.
    for inner in soup.select("div.jp-CodeCell div.jp-CodeCell"):
        inner.unwrap()
    cells = soup.select("div.jp-CodeCell")
    if len(cells) != len(code_sources):
        raise ValueError(f"{name}: {len(cells)} code cells in the HTML, {len(code_sources)} in the notebook")
    for number, (cell, alt) in enumerate(zip(cells, alt_texts), start=1):
        for image in cell.select("img[src^='data:image/']"):
            mime, _, payload = image["src"][len("data:") :].partition(";base64,")
            kind = IMAGE_TYPES.get(mime)
            if kind is None:
                continue
            if alt is None:
                raise ValueError(
                    f"notebooks/{name}.ipynb: code cell {number} draws a figure but does not start "
                    "with a `# Figure: <description>` comment (the image's alt text)"
                )
            data = base64.b64decode(payload)
            file_name = f"{name}-figure-{len(figures) + 1}.{kind}"
            figures[file_name] = data
            width, height = image_size(data, kind)
            image.attrs = {
                "src": file_name,
                "alt": alt,
                "width": str(width),
                "height": str(height),
                "loading": "lazy",
                "decoding": "async",
            }

    # "Open in Colab" and "Download .ipynb" right under the title.
    actions = BeautifulSoup(actions_html, "html.parser")
    title = soup.find("h1")
    if title is not None:
        title.insert_after(actions)
    else:
        soup.insert(0, actions)

    return TidyPage(html=str(soup), toc_tokens=nest(tokens), figures=figures)
