"""Reading and comparing a student's SymPy answers.

read_expression(answer, name, symbols)  a SymPy expression in those symbols only, or a CheckResult
values_at(expr, points), same_values(va, vb)  values in 30-digit arithmetic, compared
agree(a, b, points)              two expressions equal at every point given
same_expression(a, b, ranges)    equal symbolically and at random points drawn for this call
"""

import math
import numbers
import zlib

import numpy as np
import sympy as sp

from . import CheckResult
from .answers import MAX_OPS, MAX_TEXT, _kind, _parse_text, read_number, shown


def read_expression(answer, name, symbols, what=None):
    """A SymPy expression in `symbols` only, from a SymPy object or a short text.

    Any symbol with the same name as one of `symbols` is taken as it (so Symbol("x") and
    Symbol("x", real=True) are one); an unevaluated Derivative, Integral or Subs is evaluated.
    Refused with a message: Matrices, equations, undefined functions, other symbols (named),
    nan, zoo, infinities and I, texts over MAX_TEXT characters, expressions over MAX_OPS
    operations. Inputs: answer; name, for messages; symbols, a sequence of SymPy Symbols, or a
    dict {spelling: Symbol} naming them as a text may (e.g. {"Y_HAT": Ŷ}); what, the kind
    of expression expected. Returns: sp.Expr, or a CheckResult.
    """
    if isinstance(symbols, dict):  # {spelling: Symbol}: other names a text may use
        names = {**{s.name: s for s in symbols.values()}, **symbols}
        listed = ", ".join(symbols) or "no symbols"
    else:
        names = {s.name: s for s in symbols}
        listed = ", ".join(names) or "no symbols"
    expected = f"{name}: expected {what or f'a SymPy expression in {listed}'}"
    value = answer
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return CheckResult(False, f"{expected}, got a text of {len(value)} characters")
        value = _parse_text(value, names)
        if value is None:
            return CheckResult(False, f"{expected}, got the text {shown(answer)}")
    if isinstance(value, bool) or value is None:
        return CheckResult(False, f"{expected}, got {value!r}")
    if isinstance(value, (numbers.Number, np.number)) and not isinstance(value, np.bool_):
        number = read_number(value, name)
        if isinstance(number, CheckResult):
            return CheckResult(False, f"{expected} (real and finite), got {shown(answer)}")
        return sp.nsimplify(number) if isinstance(value, numbers.Rational) else sp.Float(number)
    if not isinstance(value, sp.Basic):
        return CheckResult(False, f"{expected}, got {_kind(answer)}")
    if isinstance(value, sp.MatrixBase) or not isinstance(value, sp.Expr):
        return CheckResult(False, f"{expected}, got {_kind(answer)}")
    undefined = value.atoms(sp.core.function.AppliedUndef)
    if undefined:
        which = shown(sorted(undefined, key=str)[0], 30)
        return CheckResult(False, f"{expected} of known functions, got one with {which}")
    if value.has(sp.Integral):  # integrating may take minutes: ask for the result instead
        return CheckResult(False, f"{expected}, got an unevaluated Integral: call .doit() on it")
    if value.has(sp.Derivative, sp.Subs):
        try:
            value = value.doit()
        except Exception:
            return CheckResult(False, f"{expected}, got {shown(answer)}, which does not evaluate")
    if not isinstance(value, sp.Expr) or value.has(sp.Derivative):
        return CheckResult(False, f"{expected}, got {shown(answer, 30)}")
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.I):
        return CheckResult(False, f"{expected} (real and finite), got {shown(answer)}")
    if sp.count_ops(value) > MAX_OPS:
        return CheckResult(False, f"{expected}, got one of {sp.count_ops(value)} operations")
    value = value.xreplace({s: names[s.name] for s in value.free_symbols if s.name in names})
    strangers = sorted(s.name for s in value.free_symbols if s not in set(names.values()))
    if strangers:
        return CheckResult(False, f"{expected}; it also has {', '.join(strangers)}")
    return value


def _evaluable(expr):
    """expr with functions SymPy cannot evaluate numerically (such as a custom σ) rewritten as
    exponentials, once, rather than at every point."""
    expr = sp.sympify(expr)
    own = [f for f in expr.atoms(sp.Function) if not (type(f).__module__ or "").startswith("sympy")]
    return expr.rewrite(sp.exp) if own else expr


def _evaluate(expr, point):
    """expr at point ({symbol: value}) as a Python complex, 30 digits; None if not a number."""
    try:
        value = sp.sympify(expr).xreplace(point)
        number = value.evalf(30)
        if not number.is_number or number.atoms(sp.Function):
            number = value.rewrite(sp.exp).evalf(30)  # a function without evalf, such as σ
        return complex(number)
    except Exception:  # zoo, a leftover symbol, an overflow
        return None


def values_at(expr, points):
    """expr's real values at points ({symbol: number}) in 30-digit arithmetic, as a float array;
    None if at any point it is not a real, finite number. Compare such arrays with `same_values`.
    """
    expr = _evaluable(expr)
    out = []
    for point in points:
        value = _evaluate(expr, point)
        if value is None or not (math.isfinite(value.real) and math.isfinite(value.imag)):
            return None
        if abs(value.imag) > 1e-25:
            return None
        out.append(value.real)
    return np.array(out)


def same_values(va, vb, rel=1e-12, atol=1e-25):
    """Whether two arrays from `values_at` are equal to rel; False if either is None."""
    if va is None or vb is None:
        return False
    return bool(np.all(np.abs(va - vb) <= atol + rel * np.maximum(np.abs(va), np.abs(vb))))


def agree(a, b, points, rel=1e-12, atol=1e-25):
    """Whether expressions a and b take the same real, finite value at every point.

    At a handful of points in general position this tells equal expressions from different
    ones far more reliably than sp.simplify, which may fail to prove an identity.
    Inputs: a, b, SymPy expressions (or numbers); points, a list of {symbol: number};
    rel, atol, the tolerance. Returns: bool (False as soon as either side is not finite real).
    """
    return same_values(values_at(a, points), values_at(b, points), rel, atol)


def random_points(symbols, ranges, count=6, salt=""):
    """`count` points {symbol: Rational} drawn at random within `ranges` ({symbol: (low, high)}).

    Seeded from `salt` (for instance the answer's text), so a check is reproducible while a
    student cannot know the points before writing the answer.
    """
    rng = np.random.default_rng(zlib.crc32(str(salt).encode()))
    return [
        {s: sp.Rational(round(float(rng.uniform(*ranges[s])), 4)) for s in symbols}
        for _ in range(count)
    ]


def same_expression(given, right, ranges, count=6):
    """Whether `given` equals `right` as an expression, not only at some points known in advance.

    Both must agree at `count` random points within `ranges` ({symbol: (low, high)}), drawn
    anew for each answer, and their difference must simplify to 0 where SymPy can tell.
    Returns: bool.
    """
    points = random_points(sorted(ranges, key=str), ranges, count, sp.srepr(given))
    if not agree(given, right, points):
        return False
    try:
        difference = sp.simplify(sp.sympify(given) - sp.sympify(right))
    except Exception:  # SymPy could not simplify: the random points decide
        return True
    return difference == 0 or not difference.free_symbols
