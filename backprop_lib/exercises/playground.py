"""Checkers for notebook 05's exercises: the learning rate's two failures, and δ by eq. (16).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message says which part is wrong.
"""

import numpy as np

from ..classes import accuracy
from ..playground import ETA_RANGE, Playground, Settings
from . import CheckResult, not_answered, report, verdict
from .answers import first_slip, precision_note, read_array, read_number, typed_close

# Exercise 1: moons, a linear output with ½(ŷ − y)², otherwise the playground's defaults.
MOONS = dict(dataset="moons", pairing="linear+mse")
TARGET_ACCURACY = 0.95
BLOWN_UP = 1e100  # a cost this large has left every sensible scale: diverging

# Exercise 2: the default playground (trained XOR) and this training sample.
DELTA_SAMPLE = 1


def _read_eta(name, eta):
    """eta as a float within the slider's range, or a CheckResult saying why not."""
    value = read_number(eta, name, "a learning rate (a number)")
    if isinstance(value, CheckResult):
        return value
    if not ETA_RANGE[0] <= value <= ETA_RANGE[1]:
        return CheckResult(
            False,
            f"{name}: {value:g} is outside the slider's range {ETA_RANGE[0]:g} to {ETA_RANGE[1]:g}",
        )
    return value


def moons_run(eta):
    """The playground of exercise 1 at learning rate eta: trained, or stopped by divergence."""
    return Playground(Settings(eta=float(eta), **MOONS))


def check_learning_rates(diverging, training):
    """Exercise 1: an η that makes the moons run diverge, and one that trains it to ≥ 95%.

    Inputs: diverging, training: learning rates within the slider's range (or None).
    Returns: CheckResult naming which of the two rates does not do its job, and why.
    """
    if diverging is None or training is None:
        return not_answered("two learning rates, one for diverging and one for training")
    diverging = _read_eta("diverging", diverging)
    if isinstance(diverging, CheckResult):
        return diverging
    training = _read_eta("training", training)
    if isinstance(training, CheckResult):
        return training
    problems = []
    run = moons_run(diverging)
    with np.errstate(all="ignore"):
        J = run.net.cost(run.X, run.y)
    if not (run.diverged or J > BLOWN_UP):
        problems.append(
            f"diverging: η = {diverging:g} trains without blowing up (J = {J:.3g} after "
            f"{run.epoch} epochs); a larger η overshoots"
        )
    run = moons_run(training)
    if run.diverged:
        problems.append(f"training: η = {training:g} diverges; the steps are too large")
    else:
        score = accuracy(run.net, run.X, run.y)
        if score < TARGET_ACCURACY:
            problems.append(
                f"training: η = {training:g} reaches only {100 * score:.0f}% after "
                f"{run.epoch} epochs, below {100 * TARGET_ACCURACY:.0f}%"
            )
    return verdict(
        problems,
        f"η = {diverging:g} diverges and η = {training:g} trains the moons to "
        f"≥ {100 * TARGET_ACCURACY:.0f}%: the cost sums over 200 samples, so the "
        f"stable η is far smaller than on XOR's 4.",
    )


def delta_playground():
    """The playground of exercise 2: the default settings, trained (XOR, '4, 4', tanh)."""
    return Playground(Settings())


def check_hidden_delta(delta):
    """Exercise 2: δ of the last hidden layer (the article's δ^(3)) for sample DELTA_SAMPLE.

    By eq. (16): δ^(3) = (Θ^(3)ᵀ δ^(4)) ⊙ f'(z^(3)), the bias column of Θ^(3) dropped, with
    f' = 1 − a² for tanh and δ^(4) = ŷ − y for cross-entropy on a sigmoid output.
    Each number right to 3 significant digits of its own size passes (typed or computed).
    Inputs: delta, 4 numbers (a list, tuple, (4,) or (1, 4) array) or None.
    Returns: CheckResult naming the wrong term.
    """
    if delta is None:
        return not_answered("the 4 numbers of δ^(3) for training sample 1")
    given = read_array(delta, "delta", None, "the 4 numbers of δ^(3)")
    if isinstance(given, CheckResult):
        return given
    if given.ndim > 2 or (given.ndim == 2 and 1 not in given.shape):
        return CheckResult(False, f"delta: expected 4 numbers in a row, got shape {given.shape}")
    given = given.ravel()
    pg = delta_playground()
    x = pg.X[DELTA_SAMPLE : DELTA_SAMPLE + 1]
    y = pg.y[DELTA_SAMPLE : DELTA_SAMPLE + 1]
    right = pg.net.deltas(x, y)[-2][0]
    theta = pg.net.thetas[-1]  # Θ^(3): (1, 5), column 0 the bias weight
    a = pg.net.forward(x).a[-2][0]  # a^(3)
    y_hat = pg.net.predict(x)[0]
    delta_out = y_hat - y[0]
    if given.size == right.size + 1:
        return CheckResult(
            False,
            "delta has 5 numbers: drop Θ^(3)'s bias column (column 0); the bias unit has no z, "
            "so no δ",
        )
    if given.size != right.size:
        return CheckResult(
            False, f"delta: expected {right.size} numbers (one per unit), got {given.size}"
        )

    def near(value):  # typed to 3 significant digits, or computed: each unit on its own scale
        return all(typed_close(g, r) for g, r in zip(given, np.ravel(value)))

    if near(right):
        return CheckResult(True, "δ^(3) = (Θ^(3)ᵀ δ^(4)) ⊙ (1 − (a^(3))²) at every unit, eq. (16).")
    backprop = delta_out @ theta[:, 1:]  # Θ^(3)ᵀ δ^(4), as a row
    slips = [
        ("has the wrong sign: δ^(4) = ŷ − y, not y − ŷ", -right),
        ("misses the factor f'(z^(3)) = 1 − (a^(3))² of eq. (16)", backprop),
        ("uses the sigmoid's a(1 − a); the hidden layers are tanh: 1 − a²", backprop * a * (1 - a)),
        ("uses 1 − a for tanh'; eq. (16) needs 1 − a²", backprop * (1 - a)),
        (
            "starts from the ½(ŷ − y)² output δ, (ŷ − y) ŷ(1 − ŷ); with cross-entropy on a "
            "sigmoid output the σ' cancels and δ^(4) = ŷ − y",
            (delta_out * y_hat * (1 - y_hat)) @ theta[:, 1:] * (1 - a * a),
        ),
        ("misses the weights Θ^(3) that carry δ^(4) back, eq. (16)", delta_out * (1 - a * a)),
    ]
    slip = first_slip(given, slips, lambda _, v: near(v))
    if slip:
        return CheckResult(False, f"δ^(3) {slip}.")
    parts = []
    for i, (g, r) in enumerate(zip(given, right), start=1):
        why = precision_note(g, r) or "wrong: eq. (16) is (Θ^(3)ᵀ δ^(4)) ⊙ (1 − a²) there"
        parts.append(
            (True, f"unit {i} is right") if typed_close(g, r) else (False, f"unit {i} {why}")
        )
    return report(parts)
