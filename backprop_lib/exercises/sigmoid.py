"""Checkers for notebook 01's exercises: the sigmoid's derivative, eqs. (1)–(5).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong.
"""

import numbers

import sympy as sp

from . import CheckResult, not_answered, sympy_expression

X = sp.Symbol("x", real=True)
T = sp.Symbol("t", real=True)


def _as_expr(answer, name, variable):
    """answer as a SymPy expression in `variable` (any symbol of the same name is taken as it),
    or a CheckResult saying why it is not one."""
    expr = sympy_expression(answer, name)
    if isinstance(expr, CheckResult):
        return expr
    renamed = {s: variable for s in expr.free_symbols if s.name == variable.name}
    expr = expr.xreplace(renamed)
    others = sorted(s.name for s in expr.free_symbols if s != variable)
    if others:
        return CheckResult(
            False,
            f"{name}: expected an expression in {variable.name} only; "
            f"it also has {', '.join(others)}",
        )
    return expr


def _equal(a, b):
    return sp.simplify(sp.sympify(a - b).rewrite(sp.exp)) == 0


def check_reciprocal_rule(g, g_prime):
    """Exercise 1: σ = 1 / g, eq. (3). The student gives g(x) and g'(x) as SymPy expressions in x.

    Inputs: g, g_prime, SymPy expressions in the symbol x (or None). Returns: CheckResult.
    """
    if g is None or g_prime is None:
        return not_answered("g(x) and g'(x), both SymPy expressions in x")
    right_g = 1 + sp.exp(-X)
    g = _as_expr(g, "g", X)
    if isinstance(g, CheckResult):
        return g
    g_prime = _as_expr(g_prime, "g_prime", X)
    if isinstance(g_prime, CheckResult):
        return g_prime
    if not _equal(g, right_g):
        if _equal(1 / g, right_g):
            return CheckResult(False, "g is upside down: σ(x) = 1 / g(x), so g is σ's denominator.")
        return CheckResult(
            False, "g is wrong: write σ(x) of eq. (1) as 1 / g(x); g is its denominator."
        )
    if not _equal(g_prime, sp.diff(g, X)):
        if _equal(g_prime, sp.exp(-X)):
            return CheckResult(
                False,
                "g is right; g' misses the chain-rule factor d(−x)/dx = −1 of eq. (4): "
                "the derivative of e^(−x) is −e^(−x).",
            )
        if _equal(g_prime, sp.diff(g, X) + 1):
            return CheckResult(
                False, "g is right; g' should not keep the constant 1 (its derivative is 0)."
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
    expr = sp.sympify(answer) if isinstance(answer, sp.Basic) else None
    if expr is not None and expr.free_symbols and {s.name for s in expr.free_symbols} == {"x"}:
        in_x = expr.xreplace({s: X for s in expr.free_symbols})
        if _equal(in_x, sp.diff(sp.tanh(X), X)):
            return CheckResult(
                False,
                "That is tanh'(x), but written with x: rewrite it with t = tanh(x) only, "
                "as eq. (5) writes σ' with σ.",
            )
        return CheckResult(False, "Write the answer with t = tanh(x), not x (and check it).")
    expr = _as_expr(answer, "answer", T)
    if isinstance(expr, CheckResult):
        return expr
    if _equal(expr, 1 - T**2):
        return CheckResult(True, "tanh' = 1 − t²: like σ' = σ(1 − σ), it needs only the output.")
    if _equal(expr, T * (1 - T)):
        return CheckResult(False, "t(1 − t) is σ's pattern, eq. (5); tanh's derivative differs.")
    if _equal(expr, 1 + T**2) or _equal(expr, T**2 - 1):
        return CheckResult(False, "The t² term has the wrong sign: tanh' is largest (1) at t = 0.")
    if _equal(expr.subs(T, 0), 1):
        return CheckResult(
            False, "Right at t = 0 (slope 1) but wrong elsewhere: compare with 1/cosh²."
        )
    return CheckResult(False, "Not tanh': differentiate tanh(x) and write cosh⁻² with t = tanh(x).")


def _number(value, name):
    if isinstance(value, sp.Basic) and value.is_number:
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return CheckResult(False, f"{name}: expected a number, got {value!r}")
    return float(value)


def check_vanishing_bound(max_slope, five_layer_factor):
    """Exercise 3: the largest σ' (its value) and the most δ can keep through 5 σ layers.

    With |θ| ≤ 1, each sigmoid layer multiplies δ by θ σ'(z), at most σ'(0) in size, so five
    layers keep at most (σ'(0))⁵ of it (eqs. 15, 16).
    Inputs: max_slope, five_layer_factor: numbers (or None). Returns: CheckResult.
    """
    if max_slope is None or five_layer_factor is None:
        return not_answered("the largest value of σ' and the factor for five layers (numbers)")
    max_slope = _number(max_slope, "max_slope")
    if isinstance(max_slope, CheckResult):
        return max_slope
    factor = _number(five_layer_factor, "five_layer_factor")
    if isinstance(factor, CheckResult):
        return factor
    if abs(max_slope - 0.25) > 1e-9:
        if abs(max_slope - 0.5) < 1e-9:
            return CheckResult(False, "max_slope: 0.5 is σ(0); the slope there is σ(0)(1 − σ(0)).")
        return CheckResult(False, "max_slope is wrong: evaluate eq. (5) where σ' peaks, at x = 0.")
    if abs(factor - 0.25**5) > 1e-12:
        if abs(factor - 5 * 0.25) < 1e-9:
            return CheckResult(
                False,
                "max_slope is right; five_layer_factor: the layers' factors multiply, not add.",
            )
        return CheckResult(
            False, "max_slope is right; five_layer_factor is wrong: one ¼ per layer."
        )
    return CheckResult(
        True, "σ' ≤ ¼, so five sigmoid layers with |θ| ≤ 1 keep at most ¼⁵ ≈ 0.001 of δ."
    )
