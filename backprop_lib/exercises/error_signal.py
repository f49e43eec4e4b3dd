"""Checkers for notebook 03's exercises: the error signal δ^(l), eqs. (13)–(17).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the layer whose δ is wrong and the term that makes it so.
"""

import numpy as np

from ..activations import ACTIVATIONS
from ..derivations.floats import single_path_forward
from . import CheckResult, not_answered, verdict
from .answers import (
    digits_agreeing,
    first_slip,
    read_array,
    read_keyed,
    read_number,
    shown,
    typed_close,
)

# Exercise 1's point: the article's three-weight single path at these numbers.
DELTA_POINT = {"x": 0.7, "y": 1.0, "thetas": (1.5, -0.9, 1.8)}


def _follows(value, upstream, factor):
    """value = upstream · factor, allowing for the rounding of a typed upstream value (1 %)."""
    product = upstream * factor
    return abs(value - product) <= 1e-2 * abs(product) + 1e-12


def check_single_path_deltas(deltas):
    """Exercise 1: δ^(4), δ^(3), δ^(2) of the single path at DELTA_POINT, eqs. (14)–(16).

    The numbers may be typed: each passes when right to 3 significant digits.
    Inputs: deltas, a dict {4: δ^(4), 3: δ^(3), 2: δ^(2)} of numbers (keys 4 or "4" alike), or
    None. Returns: CheckResult naming each wrong layer and the term it gets wrong; a layer that
    follows correctly from a wrong δ^(l+1) is told so.
    """
    if deltas is None:
        return not_answered("a dict {4: δ^(4), 3: δ^(3), 2: δ^(2)} of numbers")
    entries = read_keyed(deltas, "deltas", (4, 3, 2))
    if isinstance(entries, CheckResult):
        return entries
    given = {}
    for l, value in entries.items():
        number = read_number(value, f"δ^({l})")
        if isinstance(number, CheckResult):
            return number
        given[l] = number
    thetas, y = DELTA_POINT["thetas"], DELTA_POINT["y"]
    z, a = single_path_forward(thetas, DELTA_POINT["x"])
    theta = {k: t for k, t in enumerate(thetas, start=1)}
    slope = {l: a[l] * (1 - a[l]) for l in (2, 3)}  # σ'(z^(l)), eq. (5)
    right = {4: a[4] - y}
    for l in (3, 2):
        right[l] = right[l + 1] * theta[l] * slope[l]
    problems, matches = [], []
    if typed_close(given[4], right[4]):
        matches.append(digits_agreeing(given[4], right[4]))
    elif typed_close(given[4], -right[4]):
        problems.append("δ^(4) has the wrong sign: eq. (14) is ŷ − y")
    elif typed_close(given[4], 0.5 * (a[4] - y) ** 2):
        problems.append("δ^(4) is J itself; δ^(4) = ∂J/∂z^(4) = ŷ − y, eq. (14)")
    else:
        problems.append("δ^(4) is wrong: eq. (14) gives ŷ − y for the linear output")
    for l in (3, 2):
        eq = 15 if l == 3 else 16
        upstream = given[l + 1]
        if typed_close(given[l], right[l]):
            matches.append(digits_agreeing(given[l], right[l]))
            continue
        if _follows(given[l], upstream, theta[l] * slope[l]) and not typed_close(
            upstream, right[l + 1]
        ):
            problems.append(
                f"δ^({l}) follows correctly from your δ^({l + 1}); fixing δ^({l + 1}) fixes it"
            )
            continue
        slips = [
            (f"misses the factor σ'(z^({l}))", theta[l]),
            (f"misses the factor θ^({l})", slope[l]),
            (f"uses σ(z^({l})) where eq. (5)'s σ'(z^({l})) belongs", theta[l] * a[l]),
            (f"takes σ' of z^({l}): eq. (5) needs a^({l})", theta[l] * z[l] * (1 - z[l])),
        ]
        if l + 1 in slope:
            slips.append((f"uses σ'(z^({l + 1})) instead of σ'(z^({l}))", theta[l] * slope[l + 1]))
        if l - 1 in theta:
            slips.append((f"uses θ^({l - 1}) instead of θ^({l})", theta[l - 1] * slope[l]))
        for reference in {upstream, right[l + 1]}:
            found = first_slip(given[l], slips, lambda g, f, r=reference: _follows(g, r, f))
            if found:
                problems.append(f"δ^({l}) {found} (eq. ({eq}))")
                break
        else:
            digits = digits_agreeing(given[l], right[l])
            near = f" (only {digits} significant digit(s) agree; give 3)" if digits else ""
            problems.append(
                f"δ^({l}) is wrong{near}: eq. ({eq}) is δ^({l + 1}) θ^({l}) σ'(z^({l}))"
            )
    worst = min(matches) if matches else 0
    match = "exactly" if worst >= 12 else f"to at least {worst} significant digits"
    return verdict(problems, f"δ^(4), δ^(3) and δ^(2) all match eqs. (14)–(16) ({match}).")


def _close(given, value):
    """Computed in code: tight tolerance (these are not typed by hand)."""
    return bool(np.allclose(given, value, rtol=1e-7, atol=1e-12))


def _read_layer(answer, name, shape):
    """One layer's δ as a float array of `shape`, or a CheckResult naming the slip.

    A 1-D answer of the right size is taken as the column it stands for; a kept bias column and
    a transposed array are named.
    """
    given = read_array(answer, name, None, "the δ of each sample and unit")
    if isinstance(given, CheckResult):
        return given
    rows, units = shape
    if given.shape == (rows, units + 1):
        return CheckResult(
            False, f"{name} keeps the bias column: drop column 0 of Θ (the bias unit has no δ)."
        )
    if given.shape == (units, rows) and units != rows:
        return CheckResult(
            False,
            f"{name}: shape {given.shape} is transposed; expected {shape} (samples × units)",
        )
    if given.ndim == 1 and units == 1 and given.size == rows:
        given = given.reshape(shape)
    if given.shape != shape:
        return CheckResult(
            False, f"{name}: expected shape {shape} (samples × units), got {given.shape}"
        )
    return given


def check_layer_deltas(deltas, net, X, y):
    """Exercise 2: every layer's δ for a whole batch, δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ σ'(z^(l)).

    Inputs: deltas, a list or tuple aligned with net.forward(X).a (deltas[0] None, or left
    out); net, a Network; X, y, its data. Computed in code, so compared tightly.
    Returns: CheckResult naming the first wrong layer (from the output back) and the slip: a
    kept bias column, a transposed array, a missing σ', σ' taken of z, σ in place of σ'.
    """
    if deltas is None:
        return not_answered("a list of every layer's δ, aligned with net.forward(X).a")
    right = net.deltas(X, y)
    L = len(right) - 1
    if not isinstance(deltas, (list, tuple)) or len(deltas) not in (L, L + 1):
        return CheckResult(
            False,
            f"deltas: expected a list of {L + 1} entries ([None, δ for a[1], …]), "
            f"got {shown(deltas, 40)}",
        )
    if len(deltas) == L:
        deltas = [None, *deltas]
    z, a = net.forward(X)
    f_prime = ACTIVATIONS[net.hidden][1]  # a function of the stored output a, eq. (5)
    for l in range(L, 0, -1):
        name = f"deltas[{l}] (the article's δ^({l + 1}))"
        given = _read_layer(deltas[l], name, right[l].shape)
        if isinstance(given, CheckResult):
            return given
        if _close(given, right[l]):
            continue
        if l < L:
            upstream = right[l + 1] @ net.thetas[l][:, 1:]
            slips = [
                (f"misses the factor σ'(z^({l + 1})) (the ⊙ term)", upstream),
                (f"takes σ' of z: eq. (5) needs a^({l + 1}), a(1 − a)", upstream * f_prime(z[l])),
                ("uses σ = a where σ' = a(1 − a) belongs, eq. (5)", upstream * a[l]),
                ("has the wrong sign", -upstream * f_prime(a[l])),
                (
                    "is divided by the number of samples: δ is per sample, nothing is averaged",
                    upstream * f_prime(a[l]) / len(X),
                ),
            ]
            slip = first_slip(given, slips, _close)
            if slip:
                return CheckResult(False, f"{name} {slip}.")
            return CheckResult(
                False,
                f"{name} is wrong: it should be (δ^({l + 2}) Θ^({l + 1}) without column 0) ⊙ σ'.",
            )
        if _close(given, y - a[L]):
            return CheckResult(False, f"{name} (the output layer) has the wrong sign: ŷ − y.")
        if net.loss == "mse" and net.output != "linear" and _close(given, a[L] - y):
            return CheckResult(
                False,
                f"{name} is ŷ − y, the cross-entropy δ: with a {net.output} output and "
                f"J of eq. (7), multiply by its derivative.",
            )
        return CheckResult(False, f"{name} (the output layer) is wrong: δ^(L) = ∂J/∂z^(L).")
    return CheckResult(True, f"All {L} layers' δ match Network.deltas.")


def check_mse_output_delta(delta, net, X, y):
    """Exercise 3: the output δ^(L) for a sigmoid output with J of eq. (7), not the article's.

    Inputs: delta, array (m, 1), or m numbers (or None); net, a Network with output="sigmoid",
    loss="mse"; X, y, its data. Computed in code, so compared tightly.
    Returns: CheckResult naming the missing or extra term.
    """
    if delta is None:
        return not_answered("δ^(L) = ∂J/∂z^(L) for the sigmoid output and J of eq. (7)")
    if getattr(net, "output", None) != "sigmoid" or getattr(net, "loss", None) != "mse":
        return CheckResult(
            False,
            "net: this exercise is about a Network with output='sigmoid' and loss='mse' "
            "(net_mse of section 5)",
        )
    fwd = net.forward(X)
    y_hat, z = fwd.a[-1], fwd.z[-1]
    y = np.asarray(y, dtype=float).reshape(y_hat.shape)
    given = _read_layer(delta, "delta", y_hat.shape)
    if isinstance(given, CheckResult):
        return given
    right = (y_hat - y) * y_hat * (1 - y_hat)
    if _close(given, right):
        return CheckResult(
            True, "δ^(L) = (ŷ − y) ⊙ ŷ(1 − ŷ): eq. (7)'s gradient through σ, eq. (5)."
        )
    slips = [
        (
            "That is ŷ − y, the article's slip: it is the cross-entropy δ. With J of eq. (7) the "
            "sigmoid's slope σ'(z^(L)) = ŷ(1 − ŷ) is missing.",
            y_hat - y,
        ),
        ("The sign is flipped: the error term is ŷ − y, not y − ŷ.", -right),
        ("σ' is taken of z: eq. (5) is σ'(z) = a(1 − a) with a = ŷ.", (y_hat - y) * z * (1 - z)),
        ("σ = ŷ is used where σ' = ŷ(1 − ŷ) belongs, eq. (5).", (y_hat - y) * y_hat),
        ("The error term (ŷ − y) is missing; σ'(z^(L)) = ŷ(1 − ŷ) is there.", y_hat * (1 - y_hat)),
        ("That is J of eq. (7) itself; δ^(L) is its derivative ∂J/∂z^(L).", 0.5 * (y_hat - y) ** 2),
        ("Divided by the number of samples: eq. (7) is summed, not averaged.", right / len(X)),
    ]
    slip = first_slip(given, slips, _close)
    if slip:
        return CheckResult(False, slip)
    return CheckResult(False, "Not ∂J/∂z^(L): it is (ŷ − y) times σ'(z^(L)) = ŷ(1 − ŷ).")
