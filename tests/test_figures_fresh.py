"""Every stored figure was drawn by the code the notebook holds now: a stale one fails."""

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import figure_stamp  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("**/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_stored_figure_is_fresh(path):
    nb = nbformat.read(path, as_version=4)
    code = figure_stamp.drawing_code()
    stale = [
        i
        for i, cell in enumerate(nb.cells)
        if figure_stamp.draws(cell)
        and cell.metadata.get(figure_stamp.KEY) != figure_stamp.fingerprint(cell.source, code)
    ]
    assert not stale, f"cells {stale} hold figures older than their code: execute the notebook"


def test_a_changed_cell_or_drawing_code_makes_its_figure_stale():
    cell = nbformat.v4.new_code_cell("plot()")
    cell.outputs = [nbformat.v4.new_output("display_data", {"image/png": "iVBOR"})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    figure_stamp.stamp(nb)
    kept = cell.metadata[figure_stamp.KEY]
    assert kept == figure_stamp.fingerprint("plot()")
    assert kept != figure_stamp.fingerprint("plot(cmap='PuOr')")
    assert kept != figure_stamp.fingerprint("plot()", code="def other_palette(): ...")
