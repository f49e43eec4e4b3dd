"""Checkers for the exercises of notebook 06: output δ, per-layer gradients, saturation.

Each returns a CheckResult whose message names the part that is wrong. Expressions are
compared by their values at several points (30-digit arithmetic); typed numbers pass when
right to 3 significant digits; values computed in code are compared tightly.
"""

import numpy as np
import sympy as sp

from ..derivations.output_layer import Y_HAT, Y, Z, derive_output_delta
from ..studies.diagnostics import layer_gradient_norms
from . import CheckResult, not_answered, verdict
from .answers import (
    agree,
    agreement,
    digits_agreeing,
    first_slip,
    read_array,
    read_expression,
    read_keyed,
    read_number,
    same_expression,
    typed_close,
)

# The spellings a student may use for ŷ and y, in SymPy objects or in a text.
NAMES = {"Y_HAT": Y_HAT, "y_hat": Y_HAT, "Y": Y, "y": Y, "z": Z}  # z only to name the slip
RANGES = {Y_HAT: (0.01, 0.99), Y: (0.0, 1.0)}  # a right answer: random points, and symbolically
POINTS = [
    {Y_HAT: sp.Rational(a), Y: sp.Rational(b)}
    for a, b in (("0.13", "0"), ("0.42", "1"), ("0.71", "0.3"), ("0.88", "1"), ("0.57", "0"))
]


def _problem(given, right, name, slips):
    """None if given = right at POINTS, else a message: the first matching slip, or generic."""
    if same_expression(given, right, RANGES):
        return None
    if agree(given, -right, POINTS):
        return f"{name}: the sign is flipped."
    slip = first_slip(given, slips, lambda g, v: agree(g, v, POINTS))
    return f"{name}: {slip or 'not right yet.'}"


# -- exercise 1: δ^(L) for a tanh output with ½(ŷ − y)² ---------------------------------------

TANH_MSE_KEYS = ("dJ_dyhat", "g_prime", "delta")


def check_tanh_mse_delta(answer):
    """Exercise 1: ∂J/∂ŷ, g'(z) in ŷ and δ^(L) for output="tanh", loss="mse" (eqs. 7, 13, 14).

    Inputs: answer, a dict {"dJ_dyhat", "g_prime", "delta"} of SymPy expressions in Y_HAT and Y
    (from backprop_lib.derivations.output_layer), or None.
    Returns: CheckResult naming every wrong part.
    """
    what = "a dict with SymPy expressions (in Y_HAT and Y) for 'dJ_dyhat', 'g_prime' and 'delta'"
    if answer is None:
        return not_answered(what)
    parts = read_keyed(answer, "answer", TANH_MSE_KEYS)
    if isinstance(parts, CheckResult):
        return parts
    right = derive_output_delta("tanh", "mse")
    error, sigmoid_slope, double_tanh = Y_HAT - Y, Y_HAT * (1 - Y_HAT), 1 - sp.tanh(Y_HAT) ** 2
    slips = {
        "dJ_dyhat": [
            ("that is J itself; differentiate it by ŷ.", sp.Rational(1, 2) * error**2),
            ("the ½ cancels against the 2 of the square: ∂J/∂ŷ = ŷ − y.", error / 2),
        ],
        "g_prime": [
            ("ŷ(1 − ŷ) is the sigmoid's slope (eq. 5), not tanh's.", sigmoid_slope),
            ("1 − tanh(ŷ)² applies tanh twice: ŷ already is tanh(z), so 1 − ŷ².", double_tanh),
            ("1 − ŷ is not squared: tanh' = 1 − tanh² = 1 − ŷ².", 1 - Y_HAT),
        ],
        "delta": [
            ("ŷ − y leaves out g'(z): with ½(ŷ − y)² the output's slope does not cancel.", error),
            ("that is the sigmoid output's δ; use tanh's slope instead.", error * sigmoid_slope),
            ("(ŷ − y)(1 − tanh(ŷ)²) applies tanh twice: use 1 − ŷ².", error * double_tanh),
        ],
    }
    expected = {"dJ_dyhat": right.dJ_dyhat, "g_prime": right.g_prime, "delta": right.delta}
    problems = []
    for key in TANH_MSE_KEYS:
        given = read_expression(parts[key], key, NAMES, "a SymPy expression in Y_HAT and Y")
        if isinstance(given, CheckResult):
            problems.append(given.message + ".")
            continue
        if Z in given.free_symbols:
            problems.append(f"{key}: write it in ŷ (Y_HAT), not in z: tanh(z) is ŷ.")
            continue
        problem = _problem(given, expected[key], key, slips[key])
        if problem:
            problems.append(problem)
    if problems:
        return verdict(problems, "")
    return CheckResult(True, "Correct: δ = (ŷ − y)(1 − ŷ²); tanh's slope stays in δ, as σ' does.")


# -- exercise 2: per-layer gradient norms from δ and a (eq. 17) --------------------------------


def check_layer_gradient_norms(answer, net, X, y, rtol=1e-6):
    """Exercise 2: ‖∂J/∂Θ^(l)‖ for every layer, computed from net.forward and net.deltas.

    Computed in code, so compared tightly (rtol).
    Inputs: answer, a list, tuple or array with one number per entry of net.thetas (or None);
    net, X, y the network and data the answer is about; rtol, the relative tolerance.
    Returns: CheckResult naming each wrong layer and, where it can tell, the missing piece.
    """
    if answer is None:
        return not_answered(f"a list of {len(net.thetas)} norms, one per layer")
    expected = layer_gradient_norms(net, X, y)
    given = read_array(answer, "answer", None, f"{expected.size} norms, one per thetas[l]")
    if isinstance(given, CheckResult):
        return given
    given = given.ravel()
    if given.size != expected.size:
        return CheckResult(
            False,
            f"answer: expected {expected.size} norms (one per thetas[l]), got {given.size}.",
        )

    def close(a, b):
        return bool(np.isclose(a, b, rtol=rtol, atol=0))

    if expected.size > 1 and all(map(close, given, expected[::-1])):
        return CheckResult(False, "answer: the norms are in reverse order: thetas[0] comes first.")
    grads = net.gradients(X, y)
    deltas = net.deltas(X, y)
    m = len(X)
    problems = []
    for l, (g, e) in enumerate(zip(given, expected)):
        name = f"∂J/∂Θ^({l + 1}) (thetas[{l}])"
        if close(g, e):
            continue
        if close(g, np.linalg.norm(grads[l][:, 1:])):
            problems.append(
                f"{name}: the bias column is left out (column 0 of ∂J/∂Θ, the sum of δ over"
                " the samples)."
            )
        elif close(g, np.linalg.norm(deltas[l + 1])):
            problems.append(
                f"{name}: that is ‖δ^(l+1)‖; the gradient also needs [1, a^(l)] (eq. 17)."
            )
        elif close(g, e / m):
            problems.append(
                f"{name}: divided by the {m} samples: eq. (17) sums over them, no mean."
            )
        elif close(g, e**2):
            problems.append(f"{name}: that is the squared norm; take its square root.")
        elif e > 0 and g != 0 and not typed_close(g / e, 1.0, digits=2):
            problems.append(f"{name}: off by a factor of {g / e:.3g}.")
        elif typed_close(g, e):
            problems.append(
                f"{name}: right to {digits_agreeing(g, e)} significant digits only; these "
                f"are computed, so give the unrounded value."
            )
        else:
            problems.append(f"{name}: not ‖δ^(l+1)ᵀ [1, a^(l)]‖ (eq. 17), the bias column first.")
    if problems:
        return verdict(problems, "")
    return CheckResult(True, "Correct: every layer's ‖∂J/∂Θ‖ matches Network.gradients.")


# -- exercise 3: how much a sigmoid output's σ' slows ½(ŷ − y)² down ----------------------------

SATURATION_KEYS = ("factor", "largest", "at_099")


def check_saturation(answer):
    """Exercise 3: δ_mse / δ_bce for a sigmoid output, its largest value, and its value at 0.99.

    "largest" and "at_099" are typed numbers: right to 3 significant digits passes.
    Inputs: answer, a dict {"factor": SymPy expression in Y_HAT, "largest": number,
    "at_099": number}, or None. Returns: CheckResult naming every wrong part.
    """
    what = "a dict with 'factor' (a SymPy expression in Y_HAT), 'largest' and 'at_099' (numbers)"
    if answer is None:
        return not_answered(what)
    parts = read_keyed(answer, "answer", SATURATION_KEYS)
    if isinstance(parts, CheckResult):
        return parts
    mse = derive_output_delta("sigmoid", "mse").delta
    bce = derive_output_delta("sigmoid", "bce").delta
    factor = sp.factor(sp.cancel(mse / bce))  # ŷ(1 − ŷ)
    right = {"largest": 0.25, "at_099": float(factor.subs(Y_HAT, sp.Rational(99, 100)))}
    problems = []
    given = read_expression(parts["factor"], "factor", NAMES, "a SymPy expression in Y_HAT")
    if isinstance(given, CheckResult):
        problems.append(given.message + ".")
    elif Y in given.free_symbols or Z in given.free_symbols:
        problems.append("factor: it depends on ŷ alone: the target y cancels in the ratio.")
    else:
        problem = _problem(
            given,
            factor,
            "factor",
            [
                ("inverted: that is δ_bce / δ_mse.", 1 / factor),
                ("ŷ = σ is used where σ' = ŷ(1 − ŷ) belongs, eq. (5).", Y_HAT),
                ("1 − ŷ alone: σ' = ŷ(1 − ŷ), eq. (5).", 1 - Y_HAT),
            ],
        )
        if problem:
            problems.append(problem)
    matches = []
    for key, value in right.items():
        number = read_number(parts[key], key)
        if isinstance(number, CheckResult):
            problems.append(number.message + ".")
        elif typed_close(number, value):
            matches.append(agreement(number, value))
        elif key == "largest" and typed_close(number, 0.5):
            problems.append("largest: ½ is where the maximum is (ŷ = ½), not its value.")
        elif key == "at_099" and typed_close(number, 1 / value):
            problems.append("at_099: inverted: that is δ_bce / δ_mse at ŷ = 0.99.")
        elif key == "at_099" and typed_close(number, 0.99):
            problems.append("at_099: 0.99 is ŷ = σ itself; the factor is σ' = ŷ(1 − ŷ).")
        else:
            digits = digits_agreeing(number, value)
            near = f" (only {digits} significant digit(s) agree; give 3)" if digits else ""
            problems.append(f"{key}: not right yet{near}.")
    if problems:
        return verdict(problems, "")
    return CheckResult(
        True,
        "Correct: with ½(ŷ − y)² a sigmoid output's δ is at most ¼ of the cross-entropy δ,"
        " and about 1/100 of it at ŷ = 0.99.",
    )
