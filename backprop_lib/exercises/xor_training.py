"""Checkers for notebook 04's exercises (one training step written by hand, its shapes) and for
the stall lab 04b's (a stuck run's outputs, a share of runs).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong: which stage and which layer of the training loop, which
layer's ΔΘ, which input's ŷ. Layers are named as in the article, 1-based: the code's lists are
0-based, so a[l] is the article's a^(l+1), thetas[l] is Θ^(l+1) and delta[l] is δ^(l+1).
"""

import functools
import math

import numpy as np
import sympy as sp

from ..data import xor
from ..network import Network
from ..studies.stall import stall_study
from . import CheckResult, not_answered, report, verdict
from .answers import (
    precision_note,
    read_array,
    read_number,
    read_vector,
    shown,
    typed_close,
)
from .xor_calls import student
from .xor_slips import library_names
from .xor_stages import (
    LOOP_LAYERS,
    STILL_NONE,
    check_backward,
    check_forward,
    check_gradients,
    check_update,
    raised_message,
    same_array,
)

LOOP_SEED = 3  # its Θ: U[0, 1) entries, so that every bias is non-zero
LOOP_ETA = 0.5
LOOP_EPOCHS = 200  # the student's loop, composed, is run this long against Network.fit
SHAPES_LAYERS = [2, 3, 2, 1]  # exercise 2's network
SHAPES_SAMPLES = 4
INPUT_NAMES = ("00", "01", "10", "11")
MERGED = (1, 2, 3)  # exercise 3: the hidden layer cannot tell 01, 10 and 11 apart
ZERO_TOL = 0.005  # a hand-typed 0 target: 0.00 to two decimals
# Seeds 256–511: runs that no cell of notebook 04 prints a share of, so the share is computed.
STAGE_SECONDS = 10  # the longest one call of a student's stage may take
LOOP_SECONDS = 60  # the longest LOOP_EPOCHS epochs of the student's loop may take
FRACTION_SETUP = dict(eta=0.5, epochs=2000, seeds=range(256, 512), init="uniform", loss="bce")

# -- exercise 1: forward pass, backward pass, gradients and update, written by hand -----------

STAGES = ("forward", "backward", "gradients", "update")
STAGE_NAMES = ("the forward pass", "the backward pass", "the gradients", "the update")


def check_training_loop(forward, backward, gradients, update):
    """Exercise 1: one training step of the [2, 2, 2, 1] net, stage by stage, in plain NumPy.

    Each stage is run on the same Θ and XOR data and compared with the library:
      forward(thetas, X) -> z, a            with Network.forward (eq. 6)
      backward(thetas, a, y, loss) -> delta with Network.deltas, for loss "bce" and "mse"
                                            (eqs. 14-16)
      gradients(a, delta) -> grads          with Network.gradients (eq. 17 without −η)
      update(thetas, grads, eta) -> thetas  with Θ − η ∂J/∂Θ (eq. 12)
    Lists are 0-based as in Network (z[0] and delta[0] are None). Every stage is given the
    library's right inputs, so a mistake in one stage is not blamed on the next. When all four
    are right, LOOP_EPOCHS epochs of the student's loop must land where Network.fit does.
    Inputs: the four functions (or None). Returns: CheckResult with one line per stage, ✓ or ✗,
    each wrong one naming its first wrong layer (1-based, the article's) and the slip when it
    is a foreseeable one; never raises.
    """
    functions = (forward, backward, gradients, update)
    if all(f is None for f in functions):
        return not_answered("the four functions forward, backward, gradients and update")
    for stage, fn in zip(STAGES, functions):
        if not callable(fn):
            return CheckResult(False, f"{stage}: expected a function, got {shown(fn)}")
        used = library_names(fn)
        if used:
            return CheckResult(
                False,
                f"{stage}: write it in plain NumPy; it uses {', '.join(sorted(used))} from "
                f"the library, whose answers it is checked against",
            )
    X, y = xor()
    nets = {
        loss: Network(LOOP_LAYERS, loss=loss, seed=LOOP_SEED, init="uniform")
        for loss in ("bce", "mse")
    }
    thetas = nets["bce"].thetas
    fwd = nets["bce"].forward(X)
    found = [check_forward(forward, thetas, X, seconds=STAGE_SECONDS)]
    found.append(
        [
            p
            for loss, net in nets.items()
            for p in check_backward(
                backward, thetas, fwd.a, y, loss, net.deltas(X, y), seconds=STAGE_SECONDS
            )
        ]
    )
    grads = nets["bce"].gradients(X, y)
    found.append(
        check_gradients(
            gradients, thetas, fwd.a, nets["bce"].deltas(X, y), grads, seconds=STAGE_SECONDS
        )
    )
    found.append(check_update(update, thetas, grads, LOOP_ETA, seconds=STAGE_SECONDS))
    if all(stage and all(p.endswith(STILL_NONE) for p in stage) for stage in found):
        return not_answered("your NumPy lines in forward, backward, gradients and update")
    if any(found):
        return report(_stage_lines(found))
    trained, error = student(_train, functions, thetas, X, y, seconds=LOOP_SECONDS)
    reference = Network(LOOP_LAYERS, loss="bce", seed=LOOP_SEED, init="uniform")
    reference.fit(X, y, eta=LOOP_ETA, epochs=LOOP_EPOCHS)
    loop = f"{LOOP_EPOCHS} epochs of your loop"
    if error is not None:
        last = (False, f"each stage is right, but {raised_message('the loop', error)}")
    elif not all(
        same_array(np.asarray(t, dtype=float), r) for t, r in zip(trained, reference.thetas)
    ):
        last = (
            False,
            f"each stage is right once, but {loop} do not land where Network.fit does: do "
            f"your functions change their inputs in place?",
        )
    else:
        last = (True, f"{loop} land where Network.fit does")
    return report(_stage_lines(found) + [last])


def _stage_lines(found):
    """One (ok, text) line per stage: its name when right, else its first problem (and how
    many more the stage has)."""
    lines = []
    for name, problems in zip(STAGE_NAMES, found):
        if not problems:
            verb = "are" if name == "the gradients" else "is"
            lines.append((True, f"{name} {verb} right at every layer"))
            continue
        more = len(problems) - 1
        extra = f" (and {more} more)" if more else ""
        lines.append((False, problems[0].rstrip(".") + extra))
    return lines


def _train(functions, thetas, X, y):
    """LOOP_EPOCHS epochs of the student's loop (loss "bce"), from copies of thetas; each
    stage's output is made a list of float arrays, as a list of lists would be in NumPy code."""

    def arrays(values, skip_first=False):
        out = [np.asarray(v, dtype=float) for v in values[int(skip_first) :]]
        return [None] + out if skip_first else out

    forward, backward, gradients, update = functions
    thetas = [t.copy() for t in thetas]
    for _ in range(LOOP_EPOCHS):
        _, a = forward(thetas, X)
        a = arrays(a)
        delta = arrays(backward(thetas, a, y, "bce"), skip_first=True)
        thetas = arrays(update(thetas, arrays(gradients(a, delta)), LOOP_ETA))
    return thetas


# -- exercise 2: the shapes of eq. (17) --------------------------------------------------------


def check_update_shapes(shapes):
    """Exercise 2: the shapes of ΔΘ^(1), ΔΘ^(2), ΔΘ^(3) for a [2, 3, 2, 1] net on 4 samples.

    Inputs: shapes, three (rows, columns) pairs in layer order, as a list, tuple or array
    (or None). Returns: CheckResult naming each layer whose shape is wrong, and why.
    """
    if shapes is None:
        return not_answered("a list of three (rows, columns) tuples, one per ΔΘ^(l)")
    thetas = Network(SHAPES_LAYERS, seed=0).thetas
    if isinstance(shapes, sp.MatrixBase):
        shapes = shapes.tolist()
    if isinstance(shapes, np.ndarray) and shapes.ndim == 2:
        shapes = list(shapes)
    if not isinstance(shapes, (list, tuple)) or len(shapes) != len(thetas):
        return CheckResult(
            False, f"expected a list of {len(thetas)} (rows, columns) shapes, got {shown(shapes)}"
        )
    problems = []
    for l, (given, theta) in enumerate(zip(shapes, thetas), start=1):
        name = f"ΔΘ^({l})"
        pair = read_array(given, name, (2,), "a (rows, columns) pair of whole numbers")
        if isinstance(pair, CheckResult):
            problems.append(pair.message)
            continue
        if not np.all(pair == np.round(pair)) or np.any(pair < 0):
            problems.append(f"{name}: a shape is two whole numbers, got {shown(given)}")
            continue
        given = tuple(int(v) for v in pair)
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


# -- exercise 3: a stuck run's outputs, typed by hand -----------------------------------------


def check_merged_output(outputs):
    """Exercise 3: ŷ of a stuck run whose last hidden layer merges the inputs 01, 10 and 11.

    Hand-typed: each ŷ must be right to 3 significant digits (a 0 target to within 0.005).
    Inputs: outputs, four numbers, ŷ for the inputs 00, 01, 10, 11: a list, tuple, array or
    SymPy Matrix, flat, a row or a column (as `predict` returns it), or None.
    Returns: CheckResult naming each input whose ŷ is wrong, and how many digits agree.
    """
    if outputs is None:
        return not_answered("a list of four numbers, ŷ for the inputs 00, 01, 10, 11")
    values = read_vector(outputs, "outputs", 4, "numbers, ŷ for 00, 01, 10, 11")
    if isinstance(values, CheckResult):
        return values
    _, y = xor()
    targets = y.ravel()
    merged_mean = float(targets[list(MERGED)].mean())

    def near(value, right):
        return typed_close(value, right, atol=ZERO_TOL if right == 0 else 0.0)

    problems = []
    for i, (value, name) in enumerate(zip(values, INPUT_NAMES)):
        right = merged_mean if i in MERGED else float(targets[i])
        if near(value, right):
            continue
        if i in MERGED and near(value, targets[i]):
            problems.append(
                f"ŷ for {name} cannot reach its own target: its hidden values are those of the "
                f"other merged inputs, so all three share one output"
            )
        elif i in MERGED and near(value, 0.5):
            problems.append(
                f"ŷ for {name}: three inputs are merged, not two; average their targets"
            )
        elif i in MERGED and precision_note(value, right):
            problems.append(f"ŷ for {name} {precision_note(value, right)}")
        elif i in MERGED:
            problems.append(f"ŷ for {name}: the cost is smallest at the mean target of the group")
        else:
            problems.append(f"ŷ for {name}: it is not merged, so it can reach its own target")
    return verdict(problems, "Right: 00 gets its target 0; the merged three share ⅔, their mean.")


# -- exercise 4: a share of runs, computed --------------------------------------------------


@functools.cache
def _right_fraction():
    """Exercise 4's answer, computed once per session (256 runs of 2000 epochs)."""
    X, y = xor()
    return stall_study([2, 2, 2, 1], X, y, **FRACTION_SETUP).fraction_solved


def check_fraction_solved(fraction):
    """Exercise 4: the share of the article's setup with η = 0.5 that solves XOR in 2000 epochs
    on seeds 256–511.

    Computed in code, so it must be right to half a run in 256 (0.6 / 256).
    Inputs: fraction, a number in [0, 1] (or None). Returns: CheckResult saying whether the
    answer is too high, too low, a percentage, or right.
    """
    if fraction is None:
        return not_answered("the fraction of the 256 runs that solve XOR, a number in [0, 1]")
    value = read_number(fraction, "fraction", "a number in [0, 1]")
    if isinstance(value, CheckResult):
        return value
    right = _right_fraction()
    tol = 0.6 / 256
    if 1 < value <= 100 and math.isclose(value / 100, right, abs_tol=tol):
        return CheckResult(False, "That is a percentage: give the fraction, between 0 and 1.")
    if not 0 <= value <= 1:
        return CheckResult(
            False, f"fraction: expected a number between 0 and 1, got {shown(fraction)}"
        )
    if math.isclose(value, right, abs_tol=tol):
        return CheckResult(True, f"Right: {right:.1%} of the runs solve XOR with η = 0.5.")
    side = "high" if value > right else "low"
    return CheckResult(
        False,
        f"The fraction is too {side}: use stall_study with eta=0.5, epochs=2000, seeds "
        f"range(256, 512), init='uniform', loss='bce', and its fraction_solved.",
    )
