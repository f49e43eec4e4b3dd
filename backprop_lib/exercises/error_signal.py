"""Checkers for notebook 03's exercises: the error signal δ^(l), eqs. (13)–(17).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the layer whose δ is wrong and the term that makes it so.
"""

import math
import numbers

import numpy as np

from ..activations import ACTIVATIONS
from ..symbolic import single_path_forward
from . import CheckResult, not_answered, verdict

# Exercise 1's point: the article's three-weight single path at these numbers.
DELTA_POINT = {"x": 0.7, "y": 1.0, "thetas": (1.5, -0.9, 1.8)}


def _near(a, b):
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-10)


def check_single_path_deltas(deltas):
    """Exercise 1: δ^(4), δ^(3), δ^(2) of the single path at DELTA_POINT, eqs. (14)–(16).

    Inputs: deltas, a dict {4: δ^(4), 3: δ^(3), 2: δ^(2)} of numbers (or None).
    Returns: CheckResult naming each wrong layer and the term it gets wrong; a layer that
    follows correctly from a wrong δ^(l+1) is told so.
    """
    if deltas is None:
        return not_answered("a dict {4: δ^(4), 3: δ^(3), 2: δ^(2)} of numbers")
    if not isinstance(deltas, dict) or set(deltas) != {2, 3, 4}:
        return CheckResult(False, f"deltas: expected a dict with keys 4, 3, 2, got {deltas!r}")
    for l, value in deltas.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return CheckResult(False, f"δ^({l}): expected a number, got {value!r}")
    thetas, y = DELTA_POINT["thetas"], DELTA_POINT["y"]
    z, a = single_path_forward(thetas, DELTA_POINT["x"])
    theta = {k: t for k, t in enumerate(thetas, start=1)}
    slope = {l: a[l] * (1 - a[l]) for l in (2, 3)}  # σ'(z^(l)), eq. (5)
    right = {4: a[4] - y}
    for l in (3, 2):
        right[l] = right[l + 1] * theta[l] * slope[l]
    given = {l: float(v) for l, v in deltas.items()}
    problems = []
    if not _near(given[4], right[4]):
        if _near(given[4], -right[4]):
            problems.append("δ^(4) has the wrong sign: eq. (14) is ŷ − y")
        else:
            problems.append("δ^(4) is wrong: eq. (14) gives ŷ − y for the linear output")
    for l in (3, 2):
        upstream = given[l + 1]
        if _near(given[l], upstream * theta[l] * slope[l]):
            if not _near(upstream, right[l + 1]):
                problems.append(
                    f"δ^({l}) follows correctly from your δ^({l + 1}); fixing δ^({l + 1}) fixes it"
                )
            continue
        slips = [
            (upstream * theta[l], f"misses the factor σ'(z^({l}))"),
            (upstream * slope[l], f"misses the factor θ^({l})"),
            (upstream * theta[l] * a[l], f"uses σ(z^({l})) where eq. (5)'s σ'(z^({l})) belongs"),
            (
                upstream * theta[l] * z[l] * (1 - z[l]),
                f"takes σ' of z^({l}): eq. (5) needs a^({l})",
            ),
        ]
        if l + 1 in slope:
            slips.append(
                (upstream * theta[l] * slope[l + 1], f"uses σ'(z^({l + 1})) instead of σ'(z^({l}))")
            )
        if l - 1 in theta:
            slips.append(
                (upstream * theta[l - 1] * slope[l], f"uses θ^({l - 1}) instead of θ^({l})")
            )
        eq = 15 if l == 3 else 16
        for value, what in slips:
            if _near(given[l], value):
                problems.append(f"δ^({l}) {what} (eq. ({eq}))")
                break
        else:
            problems.append(f"δ^({l}) is wrong: eq. ({eq}) is δ^({l + 1}) θ^({l}) σ'(z^({l}))")
    return verdict(problems, "δ^(4), δ^(3) and δ^(2) all match eqs. (14)–(16).")


def _as_array(value, name):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return CheckResult(
            False, f"{name}: expected an array of numbers, got {type(value).__name__}"
        )
    return arr


def check_layer_deltas(deltas, net, X, y):
    """Exercise 2: every layer's δ for a whole batch, δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ σ'(z^(l)).

    Inputs: deltas, a list aligned with net.forward(X).a (deltas[0] None, or left out);
    net, a Network; X, y, its data. Returns: CheckResult naming the first wrong layer (from
    the output back) and the slip: a kept bias column, a missing σ', σ' taken of z.
    """
    if deltas is None:
        return not_answered("a list of every layer's δ, aligned with net.forward(X).a")
    right = net.deltas(X, y)
    L = len(right) - 1
    if not isinstance(deltas, (list, tuple)) or len(deltas) not in (L, L + 1):
        return CheckResult(False, f"deltas: expected a list of {L + 1} entries (deltas[0] None)")
    if len(deltas) == L:
        deltas = [None, *deltas]
    z, a = net.forward(X)
    for l in range(L, 0, -1):
        name = f"deltas[{l}] (the article's δ^({l + 1}))"
        given = _as_array(deltas[l], name)
        if isinstance(given, CheckResult):
            return given
        if given.shape == (right[l].shape[0], right[l].shape[1] + 1):
            return CheckResult(
                False, f"{name} keeps the bias column: drop column 0 of Θ^({l + 1}) (the bias)."
            )
        if given.shape != right[l].shape:
            return CheckResult(
                False,
                f"{name}: expected shape {right[l].shape} (samples × units), got {given.shape}",
            )
        if np.allclose(given, right[l], rtol=1e-7, atol=1e-12):
            continue
        if l < L:
            f_prime = ACTIVATIONS[net.hidden][1]  # a function of the stored output a, eq. (5)
            upstream = right[l + 1] @ net.thetas[l][:, 1:]
            slips = [
                (upstream, f"misses the factor σ'(z^({l + 1})) (the ⊙ term)"),
                (
                    upstream * f_prime(z[l]),
                    f"takes σ' of z: eq. (5) needs a^({l + 1}), σ' = a(1 − a)",
                ),
                (-upstream * f_prime(a[l]), "has the wrong sign"),
            ]
            for value, what in slips:
                if np.allclose(given, value, rtol=1e-7, atol=1e-12):
                    return CheckResult(False, f"{name} {what}.")
            return CheckResult(
                False,
                f"{name} is wrong: it should be (δ^({l + 2}) Θ^({l + 1}) without column 0) ⊙ σ'.",
            )
        if net.loss == "mse" and np.allclose(given, a[L] - y, rtol=1e-7, atol=1e-12):
            if net.output != "linear":
                return CheckResult(
                    False,
                    f"{name} is ŷ − y, the cross-entropy δ: with a {net.output} output and "
                    f"J of eq. (7), multiply by its derivative.",
                )
        return CheckResult(False, f"{name} (the output layer) is wrong: δ^(L) = ∂J/∂z^(L).")
    return CheckResult(True, f"All {L} layers' δ match Network.deltas.")


def check_mse_output_delta(delta, net, X, y):
    """Exercise 3: the output δ^(L) for a sigmoid output with J of eq. (7), not the article's.

    Inputs: delta, array (m, k) (or None); net, a Network with output="sigmoid", loss="mse";
    X, y, its data. Returns: CheckResult naming the missing or extra term.
    """
    if delta is None:
        return not_answered("δ^(L) = ∂J/∂z^(L) for the sigmoid output and J of eq. (7)")
    if net.output != "sigmoid" or net.loss != "mse":
        raise ValueError(f"net: expected output='sigmoid', loss='mse', got {net!r}")
    given = _as_array(delta, "delta")
    if isinstance(given, CheckResult):
        return given
    fwd = net.forward(X)
    y_hat, z = fwd.a[-1], fwd.z[-1]
    y = np.asarray(y, dtype=float).reshape(y_hat.shape)
    right = (y_hat - y) * y_hat * (1 - y_hat)
    if given.shape != right.shape:
        return CheckResult(False, f"delta: expected shape {right.shape}, got {given.shape}")

    def close(value):
        return np.allclose(given, value, rtol=1e-7, atol=1e-12)

    if close(right):
        return CheckResult(
            True, "δ^(L) = (ŷ − y) ⊙ ŷ(1 − ŷ): eq. (7)'s gradient through σ, eq. (5)."
        )
    if close(y_hat - y):
        return CheckResult(
            False,
            "That is ŷ − y, the article's slip: it is the cross-entropy δ. With J of eq. (7) the "
            "sigmoid's slope σ'(z^(L)) = ŷ(1 − ŷ) is missing.",
        )
    if close(-right):
        return CheckResult(False, "The sign is flipped: the error term is ŷ − y, not y − ŷ.")
    if close((y_hat - y) * z * (1 - z)):
        return CheckResult(False, "σ' is taken of z: eq. (5) is σ'(z) = a(1 − a) with a = ŷ.")
    if close(y_hat * (1 - y_hat)):
        return CheckResult(
            False, "The error term (ŷ − y) is missing; σ'(z^(L)) = ŷ(1 − ŷ) is there."
        )
    return CheckResult(False, "Not ∂J/∂z^(L): it is (ŷ − y) times σ'(z^(L)) = ŷ(1 − ŷ).")
