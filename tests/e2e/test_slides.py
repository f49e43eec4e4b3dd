"""The teaching notebooks carry RISE slide metadata, so jupyterlab-rise can present them: every
cell has a slide type, the title and each section ("## ...") start a slide. The playground is
presented with Voilà instead (RISE can't render widgets)."""

import nbformat
import pytest
from e2e_harness import PLAYGROUND, ROOT, notebook_paths

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
NOTEBOOKS = ROOT / "notebooks"
TEACHING = [path for path in notebook_paths(NOTEBOOKS) if path != PLAYGROUND]


def slide_type(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type")


def test_there_are_notebooks_to_present():
    assert TEACHING, f"no notebooks found in {NOTEBOOKS}"


@pytest.mark.parametrize("relpath", TEACHING)
def test_notebook_is_a_slideshow(relpath):
    cells = nbformat.read(NOTEBOOKS / relpath, as_version=4).cells
    missing = [i for i, cell in enumerate(cells) if slide_type(cell) is None]
    assert not missing, f"cells {missing} have no metadata.slideshow.slide_type"
    unknown = {slide_type(cell) for cell in cells} - SLIDE_TYPES
    assert not unknown, f"unknown slide types {unknown}"
    assert slide_type(cells[0]) == "slide", "the first cell must start a slide"
    sections = [
        i
        for i, cell in enumerate(cells)
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## ")
    ]
    not_slides = [i for i in sections if slide_type(cells[i]) != "slide"]
    assert not not_slides, f"section headings in cells {not_slides} do not start a slide"
