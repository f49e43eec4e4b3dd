"""Draw a digit: a 32 × 32 drawing read as the network reads digits() (no browser needed).

The UCI digits were made the same way: a 32 × 32 bitmap, counted in 4 × 4 blocks, each pixel
of the 8 × 8 image the number of dark cells of its block (0 … 16). `downsample` does that and
divides by 16, as digits() does; `read_drawing` gives the ten class probabilities and, for the
class the network picks, the gradient of its score with respect to the 64 pixels, eq. (35).
"""

from collections import namedtuple

import numpy as np

from ..data import DIGIT_LEVELS, DIGIT_SIDE
from ..network import Network
from ..saliency import input_gradient
from ..validation import shown

CANVAS = 32  # cells per side of the drawing
BLOCK = CANVAS // DIGIT_SIDE  # 4: the cells per side of one pixel's block

Reading = namedtuple("Reading", ["pixels", "probabilities", "predicted", "saliency"])
Reading.__doc__ = """What read_drawing returns: pixels (64,) in [0, 1]; probabilities (10,)
summing to 1; predicted, the class with the largest; saliency (64,), ∂z_predicted/∂x."""


def downsample(cells):
    """A CANVAS × CANVAS drawing (0 blank, 1 inked, in rows) as the 64 inputs of digits().

    Inputs: cells, 1024 numbers (a flat list, row by row) or a 32 × 32 array, each 0 or 1.
    Returns: (64,) floats in [0, 1]: each the share of inked cells in its 4 × 4 block.
    """
    wanted = f"cells: expected {CANVAS} × {CANVAS} numbers, got {shown(cells)}"
    if cells is None or isinstance(cells, (str, bytes)):
        raise TypeError(wanted)
    try:
        grid = np.asarray(cells, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(wanted) from None
    if grid.size != CANVAS * CANVAS:
        raise ValueError(f"cells: expected {CANVAS * CANVAS} cells, got {grid.size}")
    grid = grid.reshape(CANVAS, CANVAS)
    if not np.all((grid == 0) | (grid == 1)):
        raise ValueError("cells: expected each cell 0 (blank) or 1 (inked)")
    blocks = grid.reshape(DIGIT_SIDE, BLOCK, DIGIT_SIDE, BLOCK).sum(axis=(1, 3))
    return blocks.ravel() / DIGIT_LEVELS


def read_drawing(net, cells):
    """The network's reading of a drawing: probabilities, its class and that class's saliency.

    Inputs: net, a Network [64, …, 10] with a softmax output; cells as for downsample.
    Returns: Reading.
    """
    if not isinstance(net, Network) or net.layers[0] != 64 or net.output != "softmax":
        raise TypeError(f"net: expected a softmax Network with 64 inputs, got {shown(net)}")
    x = downsample(cells)[None, :]
    probabilities = net.predict(x)[0]
    predicted = int(np.argmax(probabilities))
    return Reading(x[0], probabilities, predicted, input_gradient(net, x, predicted)[0])
