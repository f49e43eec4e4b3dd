"""Reading a student's answer: every reasonable form accepted, nothing wrong let through.

Students type numbers by hand and paste values from code, as ints, floats, Fractions, NumPy
scalars, SymPy numbers, lists, tuples, arrays or SymPy matrices. The readers here turn all of
those into plain floats or float arrays, or return a CheckResult that says what kind of answer
was expected. They never raise, never pass NaN, inf or a complex value, and never echo a long
answer in full.

  read_number(answer, name)        one real, finite number, or a CheckResult
  read_array(answer, name, shape)  a real, finite float array of that shape, or a CheckResult
  typed_close, digits_agreeing, agreement, precision_note: a typed number's precision
                                   (in `precision`, re-exported here)
  shown(answer)                    repr(answer), cut to a readable length
  read_vector(answer, name, n)     n numbers as a (n,) float array: a list, a row or a column
  read_keyed(answer, name, keys)   a dict's entries by key, int or str keys alike, or a CheckResult
  call_student(fn, *args, seconds=...)  a student's function, bounded in time (in
                                   `student_calls`, re-exported here)
  attempt(fn, *args)               call a slip's formula: (value, None) or (None, the error)
  first_slip(given, slips, same)   the message of the first foreseeable slip `given` matches
SymPy answers (read_expression, agree, same_expression) are read in `expressions`.
"""

import math
import numbers
import warnings
from decimal import Decimal

import numpy as np
import sympy as sp

from ..validation import shown
from . import CheckResult
from .precision import (  # noqa: F401  (re-exported for the checkers)
    TYPED_DIGITS,
    agreement,
    digits_agreeing,
    precision_note,
    typed_close,
)

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


def attempt(fn, *args):
    """fn(*args) with NumPy's warnings silenced: (value, None), or (None, the exception).

    The one way the checkers call a student's code (and a slip's formula, which may not apply
    to a student's shapes); whatever it raises is returned, never raised.
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args), None
    except Exception as error:  # the student's code may raise anything
        return None, error


def first_slip(given, slips, same, *args, call=attempt):
    """The message of the first foreseeable slip that `given` matches, or None.

    Inputs: given, the student's answer (already read); slips, (message, slipped) pairs in the
    order to try them, `slipped` being the value that slip gives or a function computing it
    from *args; same(given, slipped), the comparison (at the exercise's precision); call, how
    to run a slip's function (`attempt`: one that raises is skipped).
    """
    for message, slipped in slips:
        if callable(slipped):
            slipped, error = call(slipped, *args)
            if error is not None:
                continue
        if slipped is None:
            continue
        with np.errstate(all="ignore"):
            try:
                if same(given, slipped):
                    return message
            except (TypeError, ValueError):  # a slip of another shape than the answer
                continue
    return None


from .expressions import (  # noqa: E402, F401  (re-exported: SymPy answers are read there)
    agree,
    read_expression,
    same_expression,
    same_values,
    values_at,
)
from .student_calls import StudentTimeout, call_student  # noqa: E402, F401
