"""Values the controls offer: the η slider's log grid, which holds every default η.

A slider over log10 η with a fixed step lands between round numbers (0.501 for 0.5), so the
η slider is a selection slider over a grid of round values: ten per decade, each about 1.25×
the one before, from ETA_RANGE's low end to its high end. Every default η of the playground's
data sets lies on it (tests/test_playground_controls.py), and a value typed in the box beside
the slider, or chosen for new data, is added to the grid while it is in use, so that one step
right and one step left always come back to it.
"""

import numpy as np

from .settings import ETA_RANGE

ETA_MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def eta_grid(low=ETA_RANGE[0], high=ETA_RANGE[1]):
    """The round η values from low to high: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times 10^k.

    Returns: tuple of floats, increasing; each is float("<mantissa>e<k>"), the same float as
    the same number written any other way (0.5 == float("5e-1")).
    """
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    values = (float(f"{m}e{k}") for k in range(first, last + 1) for m in ETA_MANTISSAS)
    return tuple(v for v in values if low <= v <= high)


def eta_label(eta):
    """The slider's readout for a value: 3 significant digits, e.g. 0.5, 0.0133, 2."""
    return f"{eta:.3g}"


def eta_options(current):
    """The slider's options with `current` in use: the grid, plus current if it is off it.

    Inputs: current, a float in ETA_RANGE. Returns: tuple of (label, value), increasing.
    """
    values = sorted(set(eta_grid()) | {float(current)})
    return tuple((eta_label(v), v) for v in values)
