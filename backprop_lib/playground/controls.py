"""Values the controls offer: the η slider's log grid, which holds every default η.

A slider over log10 η with a fixed step lands between round numbers (0.501 for 0.5), so the
η slider is a selection slider over a grid of round values: ten per decade, each about 1.25×
the one before, from ETA_RANGE's low end to its high end (settings.eta_grid). Every default η
lies on it (settings.default_eta rounds to it; tests/test_playground_controls.py), and a value
typed in the box beside the slider is added to the grid while it is in use, so that one step
right and one step left always come back to it.
"""

from .settings import eta_grid


def eta_label(eta):
    """The slider's readout for a value: 3 significant digits, e.g. 0.5, 0.0133, 2."""
    return f"{eta:.3g}"


def eta_options(current):
    """The slider's options with `current` in use: the grid, plus current if it is off it.

    Inputs: current, a float in ETA_RANGE. Returns: tuple of (label, value), increasing.
    """
    values = sorted(set(eta_grid()) | {float(current)})
    return tuple((eta_label(v), v) for v in values)
