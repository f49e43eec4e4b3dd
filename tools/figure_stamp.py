"""A fingerprint of the code that draws a stored figure, so that a stale figure can be caught.

tools/execute_notebooks.py stores, in the metadata of every code cell whose output holds a
picture, `figure_drawn_by`: a hash of that cell's source and of the drawing code in
backprop_lib/figures/. tests/test_figures_fresh.py recomputes it: a figure stored before its
cell or the drawing code changed fails until the notebook is executed again.
"""

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAWING_CODE = ROOT / "backprop_lib" / "figures"
KEY = "figure_drawn_by"


def drawing_code():
    """The source of every module of backprop_lib/figures/, in a fixed order."""
    return "".join(p.read_text() for p in sorted(DRAWING_CODE.glob("*.py")))


def fingerprint(source, code=None):
    """The hash of a cell's source with the drawing code (computed once, when code is given)."""
    text = source + "\n--\n" + (drawing_code() if code is None else code)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def draws(cell):
    """Whether a code cell's stored outputs hold a picture."""
    return cell.get("cell_type") == "code" and any(
        "image/png" in output.get("data", {}) or "image/svg+xml" in output.get("data", {})
        for output in cell.get("outputs", [])
    )


def stamp(nb):
    """Write each picture cell's fingerprint into its metadata (and drop stale ones)."""
    code = drawing_code()
    for cell in nb.cells:
        if draws(cell):
            cell.metadata[KEY] = fingerprint(cell.source, code)
        else:
            cell.metadata.pop(KEY, None)
