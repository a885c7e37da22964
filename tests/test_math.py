"""Math is typeset at build time by KaTeX; a formula it cannot parse stops the build."""

import pytest

from scripts.math_render import KatexRenderer, MathError, render_math


@pytest.fixture(scope="module")
def katex():
    renderer = KatexRenderer()
    yield renderer
    renderer.close()


def test_inline_and_display_math_are_typeset(katex):
    html = render_math(
        '<p>Loss <span class="arithmatex">\\(L(w) = \\lVert Xw - y \\rVert^2\\)</span></p>'
        '<div class="arithmatex">\\[\\nabla L = 2X^\\top (Xw - y)\\]</div>', katex,
    )
    assert html.count('class="katex"') == 2 and 'class="katex-display"' in html
    assert "<math" in html  # MathML for screen readers
    assert "\\(" not in html and "\\[" not in html


def test_escaped_characters_reach_katex_unescaped(katex):
    html = render_math('<span class="arithmatex">\\(a &lt; b\\)</span>', katex)
    assert "&lt;" in html and "katex" in html


def test_a_formula_katex_cannot_parse_is_an_error(katex):
    with pytest.raises(MathError, match=r"\\frac\{1\}\{"):
        render_math('<span class="arithmatex">\\(\\frac{1}{\\)</span>', katex)
