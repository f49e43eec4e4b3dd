"""Checkers for notebook 01's exercises: the sigmoid's derivative, eqs. (1)–(5).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong. A right expression must equal the truth symbolically and
at random points drawn for that answer (30-digit arithmetic); slips are told apart at fixed
points; typed numbers pass when right to 3 significant digits.
"""

import sympy as sp

from . import CheckResult, not_answered
from .answers import (
    TYPED_DIGITS,
    agree,
    agreement,
    digits_agreeing,
    read_expression,
    read_number,
    same_expression,
    typed_close,
)

X = sp.Symbol("x", real=True)
T = sp.Symbol("t", real=True)

X_POINTS = [{X: sp.Rational(v)} for v in ("-2.3", "-0.7", "0.4", "1.9", "3.1")]
# Right answers are confirmed at random points in these ranges, drawn anew for each answer, and
# symbolically; the fixed points below only tell one foreseeable slip from another.
X_RANGE = {X: (-3.0, 3.0)}
T_RANGE = {T: (-0.99, 0.99)}
T_POINTS = [{T: sp.Rational(v)} for v in ("-0.83", "-0.2", "0.35", "0.61", "0.9")]


def check_reciprocal_rule(g, g_prime):
    """Exercise 1: σ = 1 / g, eq. (3). The student gives g(x) and g'(x) as SymPy expressions in x.

    Inputs: g, g_prime, SymPy expressions in the symbol x (or None). Returns: CheckResult.
    """
    if g is None or g_prime is None:
        return not_answered("g(x) and g'(x), both SymPy expressions in x")
    right_g = 1 + sp.exp(-X)
    g = read_expression(g, "g", [X])
    if isinstance(g, CheckResult):
        return g
    g_prime = read_expression(g_prime, "g_prime", [X])
    if isinstance(g_prime, CheckResult):
        return g_prime
    if not same_expression(g, right_g, X_RANGE):
        if agree(1 / g, right_g, X_POINTS):
            return CheckResult(False, "g is upside down: σ(x) = 1 / g(x), so g is σ's denominator.")
        if agree(g, sp.exp(-X), X_POINTS):
            return CheckResult(False, "g is missing the 1: σ's denominator is 1 + e^(−x).")
        return CheckResult(
            False, "g is wrong: write σ(x) of eq. (1) as 1 / g(x); g is its denominator."
        )
    right_prime = -sp.exp(-X)
    if not same_expression(g_prime, right_prime, X_RANGE):
        if agree(g_prime, sp.exp(-X), X_POINTS):
            return CheckResult(
                False,
                "g is right; g' misses the chain-rule factor d(−x)/dx = −1 of eq. (4): "
                "the derivative of e^(−x) is −e^(−x).",
            )
        if agree(g_prime, right_prime + 1, X_POINTS):
            return CheckResult(
                False, "g is right; g' should not keep the constant 1 (its derivative is 0)."
            )
        if agree(g_prime, -right_prime / right_g**2, X_POINTS):
            return CheckResult(
                False, "g is right; g' is σ' itself: give the derivative of g, not of 1/g."
            )
        return CheckResult(False, "g is right; g' is not its derivative: differentiate 1 + e^(−x).")
    return CheckResult(
        True, "g = 1 + e^(−x) and g' = −e^(−x): by eq. (3), σ' = e^(−x) / (1 + e^(−x))²."
    )


def check_tanh_derivative(answer):
    """Exercise 2: tanh'(x) written with its own output t = tanh(x), as eq. (5) does for σ.

    Inputs: answer, a SymPy expression in the symbol t (or None). Returns: CheckResult.
    """
    if answer is None:
        return not_answered("tanh'(x) as a SymPy expression in t = tanh(x)")
    in_x = read_expression(answer, "answer", [X])
    if not isinstance(in_x, CheckResult) and X in in_x.free_symbols:
        if agree(in_x, 1 - sp.tanh(X) ** 2, X_POINTS):
            return CheckResult(
                False,
                "That is tanh'(x), but written with x: rewrite it with t = tanh(x) only, "
                "as eq. (5) writes σ' with σ.",
            )
        return CheckResult(False, "Write the answer with t = tanh(x), not x (and check it).")
    expr = read_expression(answer, "answer", [T], "an expression in t = tanh(x)")
    if isinstance(expr, CheckResult):
        return expr
    if same_expression(expr, 1 - T**2, T_RANGE):
        return CheckResult(True, "tanh' = 1 − t²: like σ' = σ(1 − σ), it needs only the output.")
    if agree(expr, 1 - sp.tanh(T) ** 2, T_POINTS):
        return CheckResult(
            False,
            "1 − tanh(t)² applies tanh twice: t already is tanh(x), so the slope is 1 − t².",
        )
    if agree(expr, T * (1 - T), T_POINTS):
        return CheckResult(False, "t(1 − t) is σ's pattern, eq. (5); tanh's derivative differs.")
    if agree(expr, 1 + T**2, T_POINTS) or agree(expr, T**2 - 1, T_POINTS):
        return CheckResult(False, "The t² term has the wrong sign: tanh' is largest (1) at t = 0.")
    if agree(expr, 1 - T, T_POINTS):
        return CheckResult(False, "1 − t is not squared: tanh' = 1/cosh² = 1 − tanh².")
    if agree(expr.subs(T, 0), 1, [{}]):
        return CheckResult(
            False, "Right at t = 0 (slope 1) but wrong elsewhere: compare with 1/cosh²."
        )
    return CheckResult(False, "Not tanh': differentiate tanh(x) and write cosh⁻² with t = tanh(x).")


def check_vanishing_bound(max_slope, five_layer_factor):
    """Exercise 3: the largest σ', and the most δ keeps along a single path of five σ units.

    On a single path (one unit per layer) with |θ| ≤ 1, each sigmoid unit multiplies δ by
    θ σ'(z), at most σ'(0) = ¼ in size, so five units keep at most ¼⁵ of it (eqs. 15, 16).
    Both are typed numbers: right to 3 significant digits passes.
    Inputs: max_slope, five_layer_factor: numbers (or None). Returns: CheckResult.
    """
    if max_slope is None or five_layer_factor is None:
        return not_answered("the largest value of σ' and the factor for five units (numbers)")
    slope = read_number(max_slope, "max_slope")
    if isinstance(slope, CheckResult):
        return slope
    factor = read_number(five_layer_factor, "five_layer_factor")
    if isinstance(factor, CheckResult):
        return factor
    right_slope, right_factor = 0.25, 0.25**5
    if not typed_close(slope, right_slope):
        if typed_close(slope, 0.5):
            return CheckResult(False, "max_slope: 0.5 is σ(0); the slope there is σ(0)(1 − σ(0)).")
        if typed_close(slope, 1.0):
            return CheckResult(False, "max_slope: 1 is tanh's largest slope; σ' = σ(1 − σ).")
        return CheckResult(False, "max_slope is wrong: evaluate eq. (5) where σ' peaks, at x = 0.")
    if not typed_close(factor, right_factor):
        digits = digits_agreeing(factor, right_factor)
        if typed_close(factor, 5 * right_slope):
            return CheckResult(
                False,
                "max_slope is right; five_layer_factor: the units' factors multiply, not add.",
            )
        for n in (4, 6):
            if typed_close(factor, right_slope**n):
                return CheckResult(
                    False, f"max_slope is right; five_layer_factor is ¼^{n}: one ¼ per unit, five."
                )
        if 0 < digits < TYPED_DIGITS:
            return CheckResult(
                False,
                f"max_slope is right; five_layer_factor agrees with the bound to only {digits} "
                f"significant digit(s): give {TYPED_DIGITS}.",
            )
        return CheckResult(False, "max_slope is right; five_layer_factor is wrong: one ¼ per unit.")
    worst = slope if digits_agreeing(slope, 0.25) < digits_agreeing(factor, right_factor) else None
    match = agreement(slope, 0.25) if worst is not None else agreement(factor, right_factor)
    return CheckResult(
        True,
        f"σ' ≤ ¼, so a single path of five sigmoid units with |θ| ≤ 1 keeps at most "
        f"¼⁵ ≈ 0.000977 of δ (your numbers agree {match}).",
    )
