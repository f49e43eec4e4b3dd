"""Checkers for notebook 04's exercises: XOR training, its shapes (eq. 17) and its stalls.

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong: which layer's ΔΘ, which input's ŷ.
Layers are named as in the article: Θ^(1) is Network.thetas[0].
"""

import math
import numbers

from ..data import xor
from ..network import Network
from ..studies import stall_study
from . import CheckResult, not_answered, verdict

SHAPES_LAYERS = [2, 3, 2, 1]  # exercise 1's network
SHAPES_SAMPLES = 4
INPUT_NAMES = ("00", "01", "10", "11")
MERGED = (1, 2, 3)  # exercise 2: the hidden layer cannot tell 01, 10 and 11 apart
FRACTION_SETUP = dict(eta=0.5, epochs=2000, seeds=range(256), init="uniform", loss="bce")


def _is_number(value):
    return not isinstance(value, bool) and isinstance(value, numbers.Real)


def check_update_shapes(shapes):
    """Exercise 1: the shapes of ΔΘ^(1), ΔΘ^(2), ΔΘ^(3) for a [2, 3, 2, 1] net on 4 samples.

    Inputs: shapes, a list of three (rows, columns) tuples, in layer order (or None).
    Returns: CheckResult naming each layer whose shape is wrong, and why.
    """
    if shapes is None:
        return not_answered("a list of three (rows, columns) tuples, one per ΔΘ^(l)")
    thetas = Network(SHAPES_LAYERS, seed=0).thetas
    if not isinstance(shapes, (list, tuple)) or len(shapes) != len(thetas):
        return CheckResult(False, f"expected a list of {len(thetas)} shapes, got {shapes!r}")
    problems = []
    for l, (given, theta) in enumerate(zip(shapes, thetas), start=1):
        name = f"ΔΘ^({l})"
        if not isinstance(given, (list, tuple)) or len(given) != 2:
            problems.append(f"{name}: expected a (rows, columns) pair, got {given!r}")
            continue
        given = tuple(given)
        rows, cols = theta.shape
        n_in, n_out = SHAPES_LAYERS[l - 1], SHAPES_LAYERS[l]
        if given == (rows, cols):
            continue
        if given == (cols, rows):
            problems.append(f"{name} is transposed: δ^({l + 1})ᵀ A^({l}) has a row per unit")
        elif given == (n_out, n_in):
            problems.append(f"{name} misses the bias column: Θ^({l}) has {n_in} + 1 columns")
        elif SHAPES_SAMPLES in given:
            problems.append(f"{name} has a samples axis: eq. (17) sums over the {SHAPES_SAMPLES}")
        else:
            problems.append(f"{name} is wrong: it has the shape of Θ^({l})")
    return verdict(problems, "Right: every ΔΘ^(l) has the shape of its Θ^(l), bias column first.")


def check_merged_output(outputs):
    """Exercise 2: ŷ of a stuck run whose last hidden layer merges the inputs 01, 10 and 11.

    Inputs: outputs, four numbers, ŷ for the inputs 00, 01, 10, 11 (or None).
    Returns: CheckResult naming each input whose ŷ is wrong.
    """
    if outputs is None:
        return not_answered("a list of four numbers, ŷ for the inputs 00, 01, 10, 11")
    if not isinstance(outputs, (list, tuple)) or len(outputs) != 4:
        return CheckResult(False, f"expected a list of four numbers, got {outputs!r}")
    if not all(_is_number(v) for v in outputs):
        return CheckResult(False, f"expected four numbers, got {outputs!r}")
    _, y = xor()
    targets = y.ravel()
    merged_mean = float(targets[list(MERGED)].mean())
    problems = []
    for i, (value, name) in enumerate(zip(outputs, INPUT_NAMES)):
        right = merged_mean if i in MERGED else float(targets[i])
        if math.isclose(value, right, abs_tol=0.02):
            continue
        if i in MERGED and math.isclose(value, targets[i], abs_tol=0.02):
            problems.append(
                f"ŷ for {name} cannot reach its own target: its hidden values are those of the "
                f"other merged inputs, so all three share one output"
            )
        elif i in MERGED and math.isclose(value, 0.5, abs_tol=0.02):
            problems.append(
                f"ŷ for {name}: three inputs are merged, not two; average their targets"
            )
        elif i in MERGED:
            problems.append(f"ŷ for {name}: the cost is smallest at the mean target of the group")
        else:
            problems.append(f"ŷ for {name}: it is not merged, so it can reach its own target")
    return verdict(problems, "Right: 00 gets its target 0; the merged three share ⅔, their mean.")


def check_fraction_solved(fraction):
    """Exercise 3: the share of the seed's setup with η = 0.5 that solves XOR in 2000 epochs.

    Inputs: fraction, a number in [0, 1] (or None). Returns: CheckResult saying whether the
    answer is too high, too low, a percentage, or right.
    """
    if fraction is None:
        return not_answered("the fraction of the 256 runs that solve XOR, a number in [0, 1]")
    if not _is_number(fraction):
        return CheckResult(False, f"expected a number in [0, 1], got {fraction!r}")
    X, y = xor()
    study = stall_study([2, 2, 2, 1], X, y, **FRACTION_SETUP)
    right = study.fraction_solved
    if 1 < fraction <= 100 and math.isclose(fraction / 100, right, abs_tol=0.6 / 256):
        return CheckResult(False, "That is a percentage: give the fraction, between 0 and 1.")
    if not 0 <= fraction <= 1:
        return CheckResult(False, f"expected a fraction between 0 and 1, got {fraction!r}")
    if math.isclose(fraction, right, abs_tol=0.6 / 256):
        return CheckResult(True, f"Right: {right:.1%} of the runs solve XOR with η = 0.5.")
    side = "high" if fraction > right else "low"
    return CheckResult(
        False,
        f"The fraction is too {side}: use stall_study with eta=0.5, epochs=2000, seeds "
        f"range(256), init='uniform', loss='bce', and its fraction_solved.",
    )
