"""The derivation notebooks, presented with jupyterlab-rise the way the README says (Alt+R or
the RISE toolbar button in JupyterLab), become reveal.js slides in headless Chromium: one
top-level slide per "slide" cell, the title first, the right arrow moving on, and equations
typeset by MathJax rather than shown as raw LaTeX."""

import urllib.error
from urllib.parse import urlparse

import nbformat
import pytest
from e2e_harness import TOP_SLIDES, current_slide, next_slide, open_in_lab, present_with_rise

# Each notebook is started one of the two ways the README names.
PRESENTED = [("01_sigmoid_derivative.ipynb", "Alt+R"), ("03_error_signal.ipynb", "toolbar")]


def slide_groups(cells):
    """The cells shown on each top-level slide (a "slide" cell and those after it, subslides
    and fragments included; "skip" and "notes" cells are not shown)."""
    groups = []
    for cell in cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "slide" or not groups:
            groups.append([])
        if kind not in ("skip", "notes"):
            groups[-1].append(cell)
    return groups


def display_equations(group):
    """How many $$ ... $$ equations the markdown cells of one slide hold."""
    return sum(c.source.count("$$") // 2 for c in group if c.cell_type == "markdown")


@pytest.mark.browser
@pytest.mark.parametrize("relpath, how", PRESENTED)
def test_notebook_presents_as_slides(lab, page, relpath, how):
    cells = nbformat.read(lab.root / relpath, as_version=4).cells
    groups = slide_groups(cells)
    title = cells[0].source.splitlines()[0]
    assert title.startswith("# "), f"{relpath} does not open with a '# ' title: {title!r}"
    equation_slide = next(i for i, group in enumerate(groups) if display_equations(group))

    open_in_lab(page, lab, relpath)
    slides = present_with_rise(page, how)
    assert urlparse(slides.url).path == f"/rise/{relpath}"

    top = slides.locator(TOP_SLIDES)
    assert top.count() == len(groups), (
        f"{relpath}: reveal.js shows {top.count()} top-level slides, the notebook has "
        f"{len(groups)} cells of slide_type 'slide'"
    )
    assert current_slide(slides) == 0, "the slideshow does not start at the title"
    heading = top.nth(0).locator("h1").first.inner_text()
    assert heading.replace("¶", "").strip() == title[2:].strip()

    for expected in range(1, equation_slide + 1):
        assert next_slide(page, slides) == expected, f"the right arrow skipped slide {expected}"
    shown = top.nth(equation_slide).locator(".jp-MarkdownCell")
    equations = shown.locator('mjx-container[display="true"]')
    equations.nth(display_equations(groups[equation_slide]) - 1).wait_for(state="visible")
    assert equations.count() == display_equations(groups[equation_slide])
    text = "\n".join(shown.all_inner_texts())
    assert "$$" not in text and "\\tag" not in text, f"raw LaTeX on slide {equation_slide}"


@pytest.mark.browser
def test_rise_url_requires_the_token(lab):
    assert lab.get(f"rise/{PRESENTED[0][0]}").status == 200
    with pytest.raises(urllib.error.HTTPError) as redirected:
        lab.get(f"rise/{PRESENTED[0][0]}", token=False)
    assert redirected.value.code == 302
    assert redirected.value.headers["Location"].startswith("/login")
