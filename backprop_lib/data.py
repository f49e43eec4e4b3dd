"""Training sets."""

import numpy as np


def xor():
    """The XOR truth table of the article's NumPy example.

    Returns: X, (4, 2) float, rows 00, 01, 10, 11; y, (4, 1) float, 0 1 1 0.
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    return X, y
