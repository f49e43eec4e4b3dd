"""Reading a student's answer: every reasonable form accepted, nothing wrong let through.

Students type numbers by hand and paste values from code, as ints, floats, Fractions, NumPy
scalars, SymPy numbers, lists, tuples, arrays or SymPy matrices. The readers here turn all of
those into plain floats or float arrays, or return a CheckResult that says what kind of answer
was expected. They never raise, never pass NaN, inf or a complex value, and never echo a long
answer in full.

  read_number(answer, name)        one real, finite number, or a CheckResult
  read_array(answer, name, shape)  a real, finite float array of that shape, or a CheckResult
  typed_close(value, right)        right to the precision a person types (3 significant digits)
  digits_agreeing(value, right)    how many significant digits of value agree with right
  agreement(value, right)          "exactly" or "to N significant digits", for messages
  shown(answer)                    repr(answer), cut to a readable length
  read_vector(answer, name, n)     n numbers as a (n,) float array: a list, a row or a column
  read_keyed(answer, name, keys)   a dict's entries by key, int or str keys alike, or a CheckResult
  read_expression(answer, name, symbols)  a SymPy expression in those symbols only, or a CheckResult
  agree(a, b, points)              two expressions equal at every point (30-digit arithmetic)
"""

import math
import numbers
from decimal import Decimal

import numpy as np
import sympy as sp

from ..validation import shown
from . import CheckResult

TYPED_DIGITS = 3  # significant digits a hand-typed number must get right
MAX_TEXT = 200  # longest text answer parsed as a number or an expression
MAX_ENTRIES = 10_000  # largest array read_array reads (the exercises ask for a few numbers)
MAX_OPS = 400  # largest expression (SymPy operations) read_expression accepts
MAX_EXPONENT = 1000  # largest numeric exponent in a typed text ("9**9**9" would never finish)


def _kind(answer):
    """A few words naming what kind of value `answer` is, for messages."""
    if isinstance(answer, sp.MatrixBase):
        return f"a SymPy Matrix of shape {answer.shape}"
    if isinstance(answer, np.ndarray):
        return f"an array of shape {answer.shape}"
    if isinstance(answer, (list, tuple)):
        return f"a {type(answer).__name__} of {len(answer)} items"
    return shown(answer)


def _tame(tree):
    """Whether an unevaluated parse tree is safe to evaluate: no huge numeric exponent."""
    for power in tree.atoms(sp.Pow):
        exponent = power.exp
        if not exponent.free_symbols:
            if not (isinstance(exponent, sp.Number) and abs(exponent) <= MAX_EXPONENT):
                return False
    return True


def _parse_text(text, names):
    """The SymPy object a short text means (with `names` for its symbols), or None.

    Parsed unevaluated first, so that "9**9**9**9" is refused instead of computed.
    """
    if len(text) > MAX_TEXT:
        return None
    try:
        tree = sp.parse_expr(text.strip(), local_dict=dict(names), evaluate=False)
        if not isinstance(tree, sp.Basic) or not _tame(tree):
            return None
        return sp.sympify(text.strip(), locals=dict(names), rational=True)
    except Exception:  # any text at all: a syntax error, a name error, a recursion error
        return None


def _sympy_number(expr):
    """A real float from a SymPy object, or None if it is not one finite real number."""
    if isinstance(expr, sp.Basic) and not isinstance(expr, sp.Number):
        if expr.free_symbols or expr.atoms(sp.core.function.AppliedUndef):
            return None  # not one number, whatever doit() would make of it
        if not expr.has(sp.Integral):  # evalf integrates numerically; doit() might take minutes
            try:
                expr = expr.doit()  # an unevaluated Derivative or Subs
            except Exception:
                return None
    if not isinstance(expr, sp.Expr) or expr.free_symbols or not expr.is_number:
        return None
    try:
        value = complex(expr.evalf(30))
    except (TypeError, ValueError, OverflowError):
        return None
    if value.imag != 0 or not math.isfinite(value.real):
        return None
    return value.real


def read_number(answer, name, what="a number"):
    """One real, finite number from any reasonable form of it, as a float.

    Accepted: int (not bool), float, Fraction, Decimal, NumPy real scalars and 0-d or one-element
    arrays, SymPy numbers (Rational, Float, sqrt(2), pi, an evaluated Derivative...), and short
    numeric text such as "0.25" or "1/4".
    Inputs: answer, the student's value; name, the variable the exercise asked for; what, the
    kind of number expected, for messages. Returns: float, or a CheckResult saying what is wrong.
    """
    expected = f"{name}: expected {what}"
    value = answer
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return CheckResult(False, f"{expected}, got a text of {len(value)} characters")
        value = _parse_text(value, {})
        if value is None:
            return CheckResult(False, f"{expected}, got the text {shown(answer)}")
    if isinstance(value, (list, tuple, np.ndarray, sp.MatrixBase)):
        arr = np.asarray(value, dtype=object) if not isinstance(value, np.ndarray) else value
        if np.size(arr) != 1:
            return CheckResult(False, f"{expected} (a single number), got {_kind(answer)}")
        value = np.ravel(arr)[0]
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, bool) or isinstance(value, np.bool_):
        return CheckResult(False, f"{expected}, got {value!r} (a True/False value)")
    if isinstance(value, sp.Basic):
        number = _sympy_number(value)
        if number is None:
            if isinstance(value, sp.Expr) and value.free_symbols:
                names = ", ".join(sorted(s.name for s in value.free_symbols))
                return CheckResult(False, f"{expected}, got an expression in {names}")
            return CheckResult(False, f"{expected} (real and finite), got {shown(answer)}")
        value = number
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        if value.imag != 0:
            return CheckResult(False, f"{expected} (a real one), got the complex {shown(answer)}")
        value = value.real
    if not isinstance(value, numbers.Real):
        return CheckResult(False, f"{expected}, got {_kind(answer)}")
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        return CheckResult(False, f"{expected} of a sensible size, got {shown(answer)}")
    if not math.isfinite(number):
        return CheckResult(False, f"{expected} (finite), got {shown(answer)}")
    return number


def read_array(answer, name, shape=None, what="numbers"):
    """A real, finite float array from a list, tuple, array or SymPy Matrix (nested as needed).

    Inputs: answer; name, for messages; shape, the expected shape (None: any); what, what the
    entries are, for messages. A shape given as the transpose of the expected one is named as such.
    Returns: float ndarray, or a CheckResult saying what is wrong.
    """
    expected = f"{name}: expected {what}"
    if shape is not None:
        expected += f" in an array of shape {tuple(shape)}"
    if isinstance(answer, (str, bytes, dict, set)) or answer is None:
        return CheckResult(False, f"{expected}, got {_kind(answer)}")
    if isinstance(answer, np.ndarray) and answer.dtype.kind in "biufc":
        if answer.dtype.kind == "c":
            return CheckResult(False, f"{expected} (real ones), got complex numbers")
        if shape is not None and answer.shape != tuple(shape):
            return read_array(answer.astype(object), name, shape, what)
        if answer.dtype.kind == "b":
            return CheckResult(False, f"{expected}, got True/False values")
        if not np.all(np.isfinite(answer)):
            return CheckResult(False, f"{expected} (finite), found NaN or inf")
        return answer.astype(float)
    value = answer.tolist() if isinstance(answer, sp.MatrixBase) else answer
    try:
        arr = np.array(value, dtype=object)
    except Exception:
        return CheckResult(False, f"{expected}, got {_kind(answer)}")
    if (
        arr.dtype == object
        and arr.size
        and any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.ravel())
    ):
        return CheckResult(False, f"{expected}, got rows of different lengths")
    if arr.size > MAX_ENTRIES:
        return CheckResult(False, f"{expected}, got {arr.size} entries")
    if shape is not None and arr.shape != tuple(shape):
        if arr.ndim == 2 and arr.shape == tuple(shape)[::-1]:
            return CheckResult(
                False, f"{name}: shape {arr.shape} is transposed; expected {tuple(shape)}"
            )
        return CheckResult(False, f"{expected}, got shape {arr.shape}")
    out = np.empty(arr.shape)
    for index, entry in np.ndenumerate(arr):
        number = read_number(entry, f"{name}{list(index)}", "a number")
        if isinstance(number, CheckResult):
            return number
        out[index] = number
    return out


def typed_close(value, right, digits=TYPED_DIGITS, atol=0.0):
    """True when `value` is `right` to `digits` significant digits (as a person would type it).

    |value − right| ≤ half a unit in the last of those digits of `right`, or ≤ atol (for
    answers near 0). False for NaN or inf, whatever `right` is.
    """
    value, right = float(value), float(right)
    if not (math.isfinite(value) and math.isfinite(right)):
        return False
    error = abs(value - right)
    if error <= atol:
        return True
    if right == 0:
        return False
    unit = 10.0 ** (math.floor(math.log10(abs(right))) - digits + 1)
    return error <= 0.5 * unit * (1 + 1e-9)


def digits_agreeing(value, right, most=15):
    """The number of significant digits of `right` that `value` gets right (0 to `most`)."""
    value, right = float(value), float(right)
    if not (math.isfinite(value) and math.isfinite(right)):
        return 0
    for digits in range(most, 0, -1):
        if typed_close(value, right, digits):
            return digits
    return 0


def read_vector(answer, name, n, what="numbers"):
    """n real, finite numbers as a (n,) float array, from a flat list, a row or a column.

    Inputs: answer; name, for messages; n, how many numbers; what, what they are.
    Returns: (n,) float ndarray, or a CheckResult saying what is wrong.
    """
    given = read_array(answer, name, None, f"{n} {what}")
    if isinstance(given, CheckResult):
        return given
    if given.size != n or (given.ndim == 2 and 1 not in given.shape) or given.ndim > 2:
        return CheckResult(False, f"{name}: expected {n} {what} in a row, got shape {given.shape}")
    return given.ravel()


def agreement(value, right):
    """How well value matches right, in words: "exactly" or "to N significant digits"."""
    digits = digits_agreeing(value, right)
    return "exactly" if digits >= 12 else f"to {digits} significant digit{'s' * (digits != 1)}"


def read_keyed(answer, name, keys, what="a number"):
    """The entries of a dict answer for `keys`, whether the student keyed it by int or by str.

    A key 4 is also found as "4", and a key "delta" as "delta" only. Extra keys are ignored.
    Inputs: answer; name, for messages; keys, the keys asked for; what, each entry's kind.
    Returns: {key: entry} in the order of `keys`, or a CheckResult naming what is missing.
    """
    listed = ", ".join(repr(k) for k in keys)
    if not isinstance(answer, dict):
        return CheckResult(
            False, f"{name}: expected a dict with the keys {listed}, got {_kind(answer)}"
        )
    found, missing = {}, []
    for key in keys:
        for spelling in (key, str(key), *((int(key),) if str(key).isdigit() else ())):
            if spelling in answer:
                found[key] = answer[spelling]
                break
        else:
            missing.append(repr(key))
    if missing:
        return CheckResult(False, f"{name}: the key(s) {', '.join(missing)} are missing")
    return found


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
