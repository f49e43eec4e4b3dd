"""Give every teaching notebook its RISE slide metadata by rule, so it presents to a hall.

Usage: python tools/slides.py [NOTEBOOK ...]
(default: notebooks/*.ipynb and notebooks/solutions/*.ipynb, but the playground)

Idempotent: it sets metadata.slideshow.slide_type on every cell from the cell's content alone
and writes a notebook only when a value changes; outputs, sources and other metadata are left
as they are. Run it again after editing a notebook's cells. The rules:
- the first cell and every "## " section heading start a slide;
- a "### " heading starts a subslide, and so does any cell that would take its subslide past
  about one screen at the slides' text size (SCREEN_LINES estimated lines);
- code cells are skipped when they are set-up or checks (imports, asserts, a checker call),
  longer than MAX_CODE_LINES lines, or print nothing; a short code cell with an output is a
  fragment of its slide; a code cell drawing a figure gets a subslide of its own (rise.css
  shows the figure without its code);
- cells tagged "slides-skip" are skipped, "slides-show" are shown, whatever the rules say.
"""

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NOT_SLIDES = {"05_playground.ipynb"}  # widgets: presented with Voilà (`make present`)
MAX_CODE_LINES = 8
SCREEN_LINES = 11  # lines of 28 px text (and their spacing) one 1920×1080 slide holds
CHARS_PER_LINE = 70  # characters of 28 px prose a slide's line holds
CHECK = re.compile(r"^\s*(assert\b|import\b|from\s+\S+\s+import\b)|\bcheck_\w+\(", re.M)


def _figure(cell):
    return any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
               for o in cell.get("outputs", []))  # fmt: skip


def _output_lines(cell):
    lines = 0
    for output in cell.get("outputs", []):
        text = output.get("text") or output.get("data", {}).get("text/plain", "")
        lines += len(str(text).splitlines())
    return lines


def estimated_lines(cell):
    """About how many lines of slide the cell takes (its input and its output)."""
    if cell.cell_type == "markdown":
        lines = 0
        for block in re.split(r"\$\$.*?\$\$", cell.source, flags=re.S):
            for line in block.splitlines():
                lines += max(1, -(-len(line) // CHARS_PER_LINE)) if line.strip() else 0.5
        return lines + 2.5 * (cell.source.count("$$") // 2)
    if _figure(cell):
        return SCREEN_LINES
    return len(cell.source.splitlines()) + _output_lines(cell)


def code_type(cell):
    """skip, fragment or subslide for a code cell (see the module's rules)."""
    source = cell.source.strip()
    lines = len(source.splitlines())
    if _figure(cell):
        return "subslide"
    if not source or CHECK.search(source) or lines > MAX_CODE_LINES:
        return "skip"
    if not cell.get("outputs") or lines + _output_lines(cell) > SCREEN_LINES - 3:
        return "skip"
    return "fragment"


def slide_types(cells):
    """The slide type of each cell, in order."""
    kinds, used = [], 0.0
    for index, cell in enumerate(cells):
        tags = cell.metadata.get("tags", [])
        text = cell.source.lstrip()
        if index == 0 or (cell.cell_type == "markdown" and text.startswith("## ")):
            kind = "slide"
        elif cell.cell_type == "markdown" and text.startswith("### "):
            kind = "subslide"
        elif cell.cell_type == "markdown":
            kind = "-"
        else:
            kind = code_type(cell)
        if "slides-skip" in tags:
            kind = "skip"
        elif "slides-show" in tags and kind == "skip":
            kind = "-"
        if kind in ("skip", "notes"):
            kinds.append(kind)
            continue
        size = estimated_lines(cell)
        if kind in ("-", "fragment") and used + size > SCREEN_LINES:
            kind = "subslide"
        used = size if kind in ("slide", "subslide") else used + size
        kinds.append(kind)
    return kinds


# reveal.js lays each slide out at this size and scales it to the screen (notebooks/rise.css)
RISE = {
    "width": 1920,
    "height": 1080,
    "margin": 0,
    "minScale": 0.2,
    "maxScale": 2.0,
    "scroll": False,
    "center": False,  # top-aligned: a slide whose maths typesets late is never pushed down
    "transition": "none",
}


def apply(path):
    """Set the slide types (and the slide size) of one notebook; True if the file changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = notebook.metadata.get("rise") != RISE
    notebook.metadata["rise"] = dict(RISE)
    for cell, kind in zip(notebook.cells, slide_types(notebook.cells)):
        if cell.metadata.get("slideshow", {}).get("slide_type") != kind:
            cell.metadata.setdefault("slideshow", {})["slide_type"] = kind
            changed = True
    if changed:
        nbformat.write(notebook, path)
    return changed


def main(args):
    everything = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("solutions/*.ipynb"))
    paths = [Path(a) for a in args] or [p for p in everything if p.name not in NOT_SLIDES]
    for path in paths:
        print(f"{'updated' if apply(path) else 'unchanged'}: {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
