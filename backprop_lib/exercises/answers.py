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
  shown(answer)                    repr(answer), cut to a readable length
"""

import math
import numbers
from decimal import Decimal

import numpy as np
import sympy as sp

from . import CheckResult

ECHO_LIMIT = 60  # characters of an answer a message repeats
TYPED_DIGITS = 3  # significant digits a hand-typed number must get right
MAX_TEXT = 200  # longest text answer parsed as a number


def shown(answer, limit=ECHO_LIMIT):
    """repr(answer), shortened to at most `limit` characters (with "…" where cut)."""
    try:
        text = repr(answer)
    except Exception:  # a broken __repr__ must not crash a checker
        text = f"<{type(answer).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(answer):
    """A few words naming what kind of value `answer` is, for messages."""
    if isinstance(answer, sp.MatrixBase):
        return f"a SymPy Matrix of shape {answer.shape}"
    if isinstance(answer, np.ndarray):
        return f"an array of shape {answer.shape}"
    if isinstance(answer, (list, tuple)):
        return f"a {type(answer).__name__} of {len(answer)} items"
    return shown(answer)


def _sympy_number(expr):
    """A real float from a SymPy object, or None if it is not one finite real number."""
    if isinstance(expr, sp.Basic) and not isinstance(expr, sp.Number):
        try:
            expr = expr.doit()  # an unevaluated Derivative, Integral or Subs
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
        try:
            value = sp.sympify(value.strip(), rational=True)
        except Exception:
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
    if arr.size > 10**6:
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
