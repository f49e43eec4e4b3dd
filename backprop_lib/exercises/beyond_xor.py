"""Checkers for the exercises of notebook 08: the softmax δ, Glorot's range, η for the sum.

Every answer is a hand-typed number (or a few) and passes when right to 3 significant digits.
Foreseeable slips are recognised by the number they give and named.
"""

import numpy as np

from ..activations import sigmoid, softmax
from . import CheckResult, not_answered
from .answers import first_slip, read_array, read_number, shown, typed_close

# -- exercise 1: δ^(L) = ŷ − y for a softmax output with cross-entropy (eq. 25) -------------

SOFTMAX_Z = np.array([[2.0, 1.0, -1.0], [0.5, -0.5, 1.5]])  # two samples, K = 3
SOFTMAX_LABELS = np.array([0, 2])  # their classes


def softmax_exercise():
    """The z^(L) rows and class labels of exercise 1. Returns: z (2, 3), labels (2,) copies."""
    return SOFTMAX_Z.copy(), SOFTMAX_LABELS.copy()


def _all_close(given, right):
    return all(typed_close(g, r) for g, r in zip(given.ravel(), right.ravel()))


def check_softmax_delta(delta):
    """Exercise 1: δ^(L) = ŷ − y (eq. 25) of the summed cross-entropy at SOFTMAX_Z, SOFTMAX_LABELS.

    Inputs: delta, 2 × 3 numbers (rows = samples), each to 3 significant digits, or None.
    Returns: CheckResult naming a missing − y, a flipped sign, a softmax over the wrong axis,
    a sigmoid instead of a softmax, an extra slope factor or a division by m.
    """
    if delta is None:
        return not_answered("a 2 × 3 array: one row of δ^(L) per sample")
    given = read_array(delta, "delta", SOFTMAX_Z.shape, "δ^(L), one row per sample")
    if isinstance(given, CheckResult):
        return given
    one_hot = np.eye(3)[SOFTMAX_LABELS]
    y_hat = softmax(SOFTMAX_Z)
    right = y_hat - one_hot
    if _all_close(given, right):
        return CheckResult(
            True,
            "δ^(L) = ŷ − y, eq. (25): every row sums to 0, and only the true class's entry is "
            "negative.",
        )
    slips = [
        ("that is ŷ = softmax(z) alone; subtract the one-hot y", y_hat),
        ("the sign is flipped: δ^(L) = ŷ − y, not y − ŷ", -right),
        (
            "the softmax ran down the columns (over samples); "
            "each sample's K outputs, one row, must sum to 1",
            softmax(SOFTMAX_Z.T).T - one_hot,
        ),
        (
            "that uses σ(z) for ŷ; a softmax output couples the row: ŷ_k = e^(z_k) / Σ_j e^(z_j)",
            sigmoid(SOFTMAX_Z) - one_hot,
        ),
        (
            "the slope ŷ(1 − ŷ) is extra: with cross-entropy the "
            "softmax's Jacobian cancels to leave ŷ − y",
            right * y_hat * (1 - y_hat),
        ),
        (
            "that is the mean's δ (divided by m = 2); the exercise asks for the summed cost",
            right / len(SOFTMAX_Z),
        ),
    ]
    slip = first_slip(given, slips, _all_close)
    if slip:
        return CheckResult(False, f"delta: {slip}.")
    wrong = [
        f"row {i}, column {k}"
        for (i, k), g in np.ndenumerate(given)
        if not typed_close(g, right[i, k])
    ]
    listed = ", ".join(wrong[:3]) + (" …" if len(wrong) > 3 else "")
    return CheckResult(
        False,
        f"delta: {len(wrong)} of 6 entries are not ŷ − y to 3 significant digits ({listed}).",
    )


# -- exercise 2: Glorot's range -------------------------------------------------------------

GLOROT_FANS = (48, 112)  # n_in, n_out: n_in + n_out ≠ 128, whose r notebook 08 prints


def check_glorot_range(r):
    """Exercise 2: r of U(−r, r) for a layer with n_in, n_out = GLOROT_FANS.

    Inputs: r, a number to 3 significant digits, or None. Returns: CheckResult naming a range
    from one fan only, a standard deviation or variance in place of the range, a missing root.
    """
    if r is None:
        return not_answered("one number, the r of U(−r, r)")
    value = read_number(r, "r")
    if isinstance(value, CheckResult):
        return value
    n_in, n_out = GLOROT_FANS
    right = np.sqrt(6 / (n_in + n_out))
    if typed_close(value, right):
        return CheckResult(
            True,
            f"r = √(6 / (n_in + n_out)) = √(6/{n_in + n_out}): the variance r²/3 is the "
            "compromise 2 / (n_in + n_out) between the forward and the backward pass.",
        )
    slips = [
        ("that uses n_in only (twice); the compromise averages n_in and n_out", np.sqrt(6 / n_in)),
        ("that uses n_out only (twice); the compromise averages both fans", np.sqrt(6 / n_out)),
        (
            "that keeps the forward pass only (n_in Var(w) = 1); the backward "
            "pass wants n_out Var(w) = 1 too",
            np.sqrt(3 / n_in),
        ),
        (
            "that keeps the backward pass only (n_out Var(w) = 1); the forward "
            "pass wants n_in Var(w) = 1 too",
            np.sqrt(3 / n_out),
        ),
        (
            "that is the standard deviation √Var(w), not the range: U(−r, r) has variance r²/3",
            np.sqrt(2 / (n_in + n_out)),
        ),
        ("that is the variance Var(w); solve r²/3 = Var(w) for r", 2 / (n_in + n_out)),
        ("that is r²; take the square root", 6 / (n_in + n_out)),
        ("that is LeCun's standard deviation 1/√n_in, not Glorot's range", np.sqrt(1 / n_in)),
    ]
    slip = first_slip(value, slips, typed_close)
    if slip:
        return CheckResult(False, f"r: {slip}.")
    return CheckResult(
        False,
        f"r: {shown(r)} is not Glorot's range to 3 significant digits; solve r²/3 = "
        "2 / (n_in + n_out).",
    )


# -- exercise 3: the η under "sum" that makes the same mini-batch steps ----------------------

MEAN_ETA, BATCH, SAMPLES = 0.5, 25, 400


def check_sum_eta(eta_sum):
    """Exercise 3: η under reduction="sum" matching η = MEAN_ETA under "mean" with mini-batches.

    Inputs: eta_sum, a number to 3 significant digits, or None. Returns: CheckResult naming
    a division by m instead of b, a multiplication, a square root, or no change.
    """
    if eta_sum is None:
        return not_answered("one number, the η to use with reduction='sum'")
    value = read_number(eta_sum, "eta_sum")
    if isinstance(value, CheckResult):
        return value
    right = MEAN_ETA / BATCH
    if typed_close(value, right):
        return CheckResult(
            True,
            "η_sum = η_mean / b: each update's summed J covers one batch of b samples, so its "
            "gradient is b times the mean's.",
        )
    slips = [
        (
            "that divides by all m = 400 samples; each update's J sums over one mini-batch only",
            MEAN_ETA / SAMPLES,
        ),
        (
            "that multiplies; the summed gradient is b times larger, so η must be b times smaller",
            MEAN_ETA * BATCH,
        ),
        (
            "that multiplies by m; the summed gradient is larger, so η must be "
            "smaller, and by the batch size",
            MEAN_ETA * SAMPLES,
        ),
        (
            "the same η is b times too large under the sum: each gradient is b times the mean's",
            MEAN_ETA,
        ),
        (
            "that divides by √b; the sum is exactly b times the mean, so divide by b",
            MEAN_ETA / np.sqrt(BATCH),
        ),
    ]
    slip = first_slip(value, slips, typed_close)
    if slip:
        return CheckResult(False, f"eta_sum: {slip}.")
    return CheckResult(
        False,
        f"eta_sum: {shown(eta_sum)} is not right to 3 significant digits; compare one "
        "update's gradient under the sum with the mean's.",
    )
