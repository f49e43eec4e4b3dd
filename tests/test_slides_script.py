"""tools/slides.py assigns slide types by rule: titles and sections start slides, set-up, checks
and long code are skipped, figures get a subslide; it is idempotent, and the committed
notebooks hold exactly what it assigns (re-run it after editing cells)."""

import importlib.util
import re
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("slides", ROOT / "tools" / "slides.py")
slides = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(slides)
NOTEBOOKS = ROOT / "notebooks"
ALL = [*sorted(NOTEBOOKS.glob("*.ipynb")), *sorted(NOTEBOOKS.glob("solutions/*.ipynb"))]
DECKS = [p for p in ALL if p.name not in slides.NOT_SLIDES]


def test_rules_on_a_small_notebook():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    figure = code("plot()")
    figure.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "AA=="})]
    short = code("print(2 + 2)")
    short.outputs = [nbformat.v4.new_output("stream", text="4\n")]
    tagged = md("aside")
    tagged.metadata["tags"] = ["slides-skip"]
    cells = [
        md("# Title"),
        code("import numpy as np"),
        md("## A section"),
        short,
        code("assert 2 + 2 == 4"),
        code("\n".join(f"x{i} = {i}" for i in range(12))),
        figure,
        md("### A subsection"),
        tagged,
    ]
    assert slides.slide_types(cells) == [
        "slide", "skip", "slide", "fragment", "skip", "skip", "subslide", "subslide", "skip"
    ]  # fmt: skip


def test_a_long_run_of_prose_is_split_into_subslides():
    cells = [nbformat.v4.new_markdown_cell("# T")] + [
        nbformat.v4.new_markdown_cell("word " * 100) for _ in range(6)
    ]
    kinds = slides.slide_types(cells)
    assert kinds[0] == "slide" and "subslide" in kinds and set(kinds) <= {"slide", "-", "subslide"}


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_committed_notebooks_hold_what_the_script_assigns(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    assert slides.apply(copy) is False, f"run `python tools/slides.py {path.relative_to(ROOT)}`"
    assert nbformat.read(copy, as_version=4).metadata["rise"] == slides.RISE


def test_rise_css_keeps_the_slides_at_the_size_reveal_js_is_given():
    """JupyterLab's layout sets the slides' width to the window's; notebooks/rise.css holds
    them at RISE's size with min- and max- sizes, which win over any width or height."""
    css = (NOTEBOOKS / "rise.css").read_text()
    rule = re.search(r"^\.reveal \.slides \{([^}]*min-width[^}]*)\}", css, re.MULTILINE)
    assert rule, "rise.css has no `.reveal .slides` rule with a min-width"
    sizes = dict(re.findall(r"([a-z-]+):\s*(\d+)px", rule.group(1)))
    width, height = str(slides.RISE["width"]), str(slides.RISE["height"])
    assert sizes == {
        "min-width": width,
        "max-width": width,
        "min-height": height,
        "max-height": height,
    }
