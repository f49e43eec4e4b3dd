"""One symbol for a layer's width across the lessons: n_l, as the start page's table says.

Markdown and code comments of notebooks 01-07 and 04b (and their solutions) never write the
width as s_l or n_in / n_out; code may still pass a library function's keyword (n_in=...).
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(
    p
    for folder in ("notebooks", "notebooks/solutions")
    for p in (ROOT / folder).glob("0[1-7]*.ipynb")
)
OTHER_WIDTHS = re.compile(r"\bs_\{?l|\bs_\{?\d|\bn_\{?(in|out)\b|\bn_\{\\(text|rm)\{?(in|out)")


def prose(path):
    """(cell, text) of every Markdown cell and every comment in a code cell."""
    for i, cell in enumerate(json.loads(path.read_text())["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            yield i, source
        else:
            for line in source.splitlines():
                if "#" in line:
                    yield i, line[line.index("#") :]


@pytest.mark.parametrize(
    "path", LESSONS, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix()
)
def test_a_layers_width_is_written_n_l(path):
    bad = [(i, m.group(0)) for i, text in prose(path) for m in OTHER_WIDTHS.finditer(text)]
    assert not bad, f"width written otherwise than n_l: {bad}"


def test_the_pattern_finds_the_other_symbols():
    for text in ("an (m × s_{l+1}) matrix", "n_{in} + n_{out}", "# n_in units", "s_l"):
        assert OTHER_WIDTHS.search(text), text
    for text in ("n_l and n_{l+1}", "the widths n_l", "units"):
        assert not OTHER_WIDTHS.search(text), text
