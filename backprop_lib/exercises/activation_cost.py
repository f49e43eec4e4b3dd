"""Checkers for the exercises of notebook 06: output δ, per-layer gradients, saturation.

Each returns a CheckResult whose message names the part that is wrong.
"""

import numbers

import numpy as np
import sympy as sp

from ..diagnostics import layer_gradient_norms
from ..output_layer import Y_HAT, Y, Z, derive_output_delta
from . import CheckResult, not_answered


def _as_expression(value):
    """value as a SymPy expression, or None if it cannot be read as one."""
    if isinstance(value, (str, bytes)):
        return None  # a string would be parsed with other symbols than Y_HAT and Y
    try:
        expression = sp.sympify(value)
    except (sp.SympifyError, TypeError, ValueError):
        return None
    return expression if isinstance(expression, sp.Expr) else None


def _foreign_symbols(expression):
    """The names of symbols in `expression` other than Y_HAT, Y and Z, sorted."""
    return sorted(str(s) for s in expression.free_symbols - {Y_HAT, Y, Z})


def _same(a, b):
    """Whether two SymPy expressions are identically equal."""
    return sp.simplify(a - b) == 0


def _dict_answer(answer, keys, what):
    """(parts, None) if answer is a dict with `keys`, else (None, the CheckResult to return)."""
    if answer is None:
        return None, not_answered(what)
    if not isinstance(answer, dict):
        return None, CheckResult(False, f"answer: expected {what}, got {type(answer).__name__}.")
    missing = [k for k in keys if k not in answer]
    if missing:
        names = ", ".join(repr(k) for k in missing)
        return None, CheckResult(False, f"answer: the key(s) {names} are missing.")
    return answer, None


# -- exercise 1: δ^(L) for a tanh output with ½(ŷ − y)² ---------------------------------------

TANH_MSE_KEYS = ("dJ_dyhat", "g_prime", "delta")


def check_tanh_mse_delta(answer):
    """Exercise 1: ∂J/∂ŷ, g'(z) in ŷ and δ^(L) for output="tanh", loss="mse" (eqs. 7, 13, 14).

    Inputs: answer, a dict {"dJ_dyhat", "g_prime", "delta"} of SymPy expressions in Y_HAT and Y
    (from backprop_lib.output_layer), or None. Returns: CheckResult naming every wrong part.
    """
    what = "a dict with SymPy expressions (in Y_HAT and Y) for 'dJ_dyhat', 'g_prime' and 'delta'"
    parts, result = _dict_answer(answer, TANH_MSE_KEYS, what)
    if result is not None:
        return result
    right = derive_output_delta("tanh", "mse")
    expected = {"dJ_dyhat": right.dJ_dyhat, "g_prime": right.g_prime, "delta": right.delta}
    sigmoid_slope = Y_HAT * (1 - Y_HAT)
    problems = []
    for key in TANH_MSE_KEYS:
        given = _as_expression(parts[key])
        if given is None:
            problems.append(f"{key}: could not be read as a SymPy expression (use Y_HAT and Y).")
        elif _foreign_symbols(given):
            names = ", ".join(_foreign_symbols(given))
            problems.append(f"{key}: use Y_HAT and Y from backprop_lib.output_layer, not {names}.")
        elif Z in given.free_symbols:
            problems.append(f"{key}: write it in ŷ (Y_HAT), not in z: tanh(z) is ŷ.")
        elif _same(given, expected[key]):
            continue
        elif _same(given, -expected[key]):
            problems.append(f"{key}: the sign is flipped.")
        elif key == "g_prime" and _same(given, sigmoid_slope):
            problems.append("g_prime: ŷ(1 − ŷ) is the sigmoid's slope (eq. 5), not tanh's.")
        elif key == "delta" and _same(given, Y_HAT - Y):
            problems.append(
                "delta: ŷ − y leaves out g'(z): with ½(ŷ − y)² the output's slope does not cancel."
            )
        elif key == "delta" and _same(given, (Y_HAT - Y) * sigmoid_slope):
            problems.append("delta: that is the sigmoid output's δ; use tanh's slope instead.")
        else:
            problems.append(f"{key}: not right yet.")
    if problems:
        return CheckResult(False, " ".join(problems))
    return CheckResult(True, "Correct: δ = (ŷ − y)(1 − ŷ²); tanh's slope stays in δ, as σ' does.")


# -- exercise 2: per-layer gradient norms from δ and a (eq. 17) --------------------------------


def check_layer_gradient_norms(answer, net, X, y, rtol=1e-6):
    """Exercise 2: ‖∂J/∂Θ^(l)‖ for every layer, computed from net.forward and net.deltas.

    Inputs: answer, a sequence with one number per entry of net.thetas (or None); net, X, y the
    network and data the answer is about; rtol, the relative tolerance.
    Returns: CheckResult naming each wrong layer and, where it can tell, the missing piece.
    """
    if answer is None:
        return not_answered(f"a list of {len(net.thetas)} norms, one per layer")
    expected = layer_gradient_norms(net, X, y)
    try:
        given = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        return CheckResult(False, "answer: expected a list of numbers.")
    if given.size != expected.size:
        return CheckResult(
            False,
            f"answer: expected {expected.size} norms (one per thetas[l]), got {given.size}.",
        )
    grads = net.gradients(X, y)
    deltas = net.deltas(X, y)
    problems = []
    for l, (g, e) in enumerate(zip(given, expected)):
        if not np.isfinite(g):
            problems.append(f"layer {l}: the norm is not a finite number.")
        elif np.isclose(g, e, rtol=rtol, atol=0):
            continue
        elif np.isclose(g, np.linalg.norm(grads[l][:, 1:]), rtol=rtol, atol=0):
            problems.append(
                f"layer {l}: the bias column is left out (column 0 of ∂J/∂Θ, the sum of δ over"
                " the samples)."
            )
        elif np.isclose(g, np.linalg.norm(deltas[l + 1]), rtol=rtol, atol=0):
            problems.append(
                f"layer {l}: that is ‖δ^(l+1)‖; the gradient also needs [1, a^(l)] (eq. 17)."
            )
        elif e > 0:
            problems.append(f"layer {l}: off by a factor of {g / e:.3g}.")
        else:
            problems.append(f"layer {l}: expected 0.")
    if problems:
        return CheckResult(False, " ".join(problems))
    return CheckResult(True, "Correct: every layer's ‖∂J/∂Θ‖ matches Network.gradients.")


# -- exercise 3: how much a sigmoid output's σ' slows ½(ŷ − y)² down ----------------------------

SATURATION_KEYS = ("factor", "largest", "at_099")


def check_saturation(answer):
    """Exercise 3: δ_mse / δ_bce for a sigmoid output, its largest value, and its value at 0.99.

    Inputs: answer, a dict {"factor": SymPy expression in Y_HAT, "largest": number,
    "at_099": number}, or None. Returns: CheckResult naming every wrong part.
    """
    what = "a dict with 'factor' (a SymPy expression in Y_HAT), 'largest' and 'at_099' (numbers)"
    parts, result = _dict_answer(answer, SATURATION_KEYS, what)
    if result is not None:
        return result
    mse = derive_output_delta("sigmoid", "mse").delta
    bce = derive_output_delta("sigmoid", "bce").delta
    factor = sp.factor(sp.cancel(mse / bce))
    largest = 0.25
    at_099 = float(factor.subs(Y_HAT, sp.Rational(99, 100)))
    problems = []
    given = _as_expression(parts["factor"])
    if given is None:
        problems.append("factor: could not be read as a SymPy expression (use Y_HAT).")
    elif _foreign_symbols(given):
        names = ", ".join(_foreign_symbols(given))
        problems.append(f"factor: use Y_HAT from backprop_lib.output_layer, not {names}.")
    elif Y in given.free_symbols or Z in given.free_symbols:
        problems.append("factor: it depends on ŷ alone: the target y cancels in the ratio.")
    elif _same(given, 1 / factor):
        problems.append("factor: inverted: that is δ_bce / δ_mse.")
    elif not _same(given, factor):
        problems.append("factor: not right yet.")
    for key, value in (("largest", largest), ("at_099", at_099)):
        number = parts[key]
        if isinstance(number, bool) or not isinstance(number, (numbers.Real, sp.Number)):
            problems.append(f"{key}: expected a number.")
        elif np.isclose(float(number), value, rtol=1e-6, atol=0):
            continue
        elif key == "largest" and np.isclose(float(number), 0.5, rtol=1e-6, atol=0):
            problems.append("largest: ½ is where the maximum is (ŷ = ½), not its value.")
        elif key == "at_099" and np.isclose(float(number), 1 / at_099, rtol=1e-6, atol=0):
            problems.append("at_099: inverted: that is δ_bce / δ_mse at ŷ = 0.99.")
        else:
            problems.append(f"{key}: not right yet.")
    if problems:
        return CheckResult(False, " ".join(problems))
    return CheckResult(
        True,
        "Correct: with ½(ŷ − y)² a sigmoid output's δ is at most ¼ of the cross-entropy δ,"
        " and about 1/100 of it at ŷ = 0.99.",
    )
