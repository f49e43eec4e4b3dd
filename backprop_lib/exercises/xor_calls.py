"""How notebook 04's stage checks call a student's function, and explain what it raised.

A stage runs bounded in time with the library switched off (`answers.call_student`), on
Watched lists that log each entry read, so that an error can be placed in the article's
numbering: "right after reading thetas[1] (Θ^(2), shape (2, 3))".
"""

import re

import numpy as np

from ..refusal import LibraryRefused
from .answers import StudentTimeout, call_student, shown

REFUSAL = "the library is switched off while your function runs: write it in plain NumPy"
STAGE_SECONDS = 10  # the longest one call of a student's stage may take
BACKWARD_HINT = "δ^(l) is carried back from δ^(l+1) by Θ^(l) (thetas[l-1]), eq. (16)"
SHAPES = "shapes: Θ^(l) (thetas[l-1]) is units × (1 + inputs), a^(l) and δ^(l) samples × units"


def student(fn, *args, seconds=STAGE_SECONDS):
    """A student's fn(*args), bounded in time, the library refused: (value, None) or
    (None, the exception)."""
    return call_student(fn, *args, seconds=seconds, refuse=REFUSAL)


SYMBOLS = {"thetas": "Θ", "a": "a", "delta": "δ", "grads": "∂J/∂Θ"}


class Watched(list):
    """A list handed to a student's function that logs each entry read, to place an error."""

    def __init__(self, name, items, log):
        super().__init__(items)
        self.name, self.log = name, log

    def __getitem__(self, index):
        value = super().__getitem__(index)
        if isinstance(index, int):
            self.log.append((self.name, index % len(self), value))
        return value


def watched(log, **lists):
    """Copies of the named lists of arrays as Watched lists sharing one log."""
    return [
        Watched(name, [None if v is None else v.copy() for v in items], log)
        for name, items in lists.items()
    ]


def raised_message(stage, error, log=()):
    """The message for a student's function that raised: the error in a few whole words (a
    shape mismatch as the sizes that differ), the last entry read (article's numbering)."""
    if isinstance(error, StudentTimeout):
        return f"{stage}: {error}; is there a loop that never ends?"
    if isinstance(error, LibraryRefused):
        return (
            f"{stage}: write it in plain NumPy; it calls {str(error).split(':')[0]} from the "
            f"library, whose answers it is checked against"
        )
    text = str(error)
    sizes = re.search(r"size (\d+) is different from (\d+)", text)
    shapes = re.findall(r"\(\d+,\s*\d*\)", text)
    if "matmul" in text and sizes:
        what = f"a matrix product's inner sizes differ ({sizes[1]} and {sizes[2]})"
    elif "broadcast" in text and len(shapes) >= 2:
        what = f"arrays of shapes {shapes[0]} and {shapes[1]} cannot be combined"
    else:
        what = shown(text.split("\n")[0], 60)
    where = ""
    if log:
        name, index, value = log[-1]
        shape = f", shape {value.shape}" if isinstance(value, np.ndarray) else ""
        where = f", right after reading {name}[{index}] ({SYMBOLS[name]}^({index + 1}){shape})"
    hint = ""
    if isinstance(error, (ValueError, IndexError)):
        hint = f"; {BACKWARD_HINT}" if stage.startswith("backward") else f"; check the {SHAPES}"
    return f"{stage}: your function raised {type(error).__name__}: {what}{where}{hint}"
