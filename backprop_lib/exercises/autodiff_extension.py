"""Checker for notebook 07's exercise 4: one more operation for the autodiff, and a backward
pass that accumulates.

The student writes `value_sin(v)`, a Value for sin(v) that stores its local derivative, and
`backward(out)`, which fills every Value's grad in out's graph by the chain rule in reverse.
A Value used twice (a + a, sin(a) · sin(a)) receives one contribution per use: its grad must
accumulate (+=), and start from 0 on every call.
"""

import math

import numpy as np

from ..autodiff import Value
from . import CheckResult, not_answered, report
from .answers import call_student, shown

POINTS = (-2.3, -0.4, 0.7, 1.9)  # where value_sin is tried


def _sin_problem(value_sin):
    """None if value_sin(v) is sin(v) with local derivative cos(v) at every point, else why."""
    for x in POINTS:
        a = Value(x)
        out, error = call_student(value_sin, a)
        if error is not None:
            return f"value_sin({x:g}) raised {type(error).__name__}: {shown(str(error), 50)}"
        if not isinstance(out, Value):
            return f"value_sin({x:g}) should return a Value, got {shown(out, 40)}"
        if not math.isclose(out.data, math.sin(x), rel_tol=1e-12, abs_tol=1e-15):
            return f"value_sin({x:g}).data should be sin({x:g})"
        if len(out.parents) != 1 or out.parents[0] is not a:
            return "value_sin's Value should have one parent, the Value it was given"
        local = out.local[0] if len(out.local) == 1 else None
        if local is None or not math.isclose(local, math.cos(x), rel_tol=1e-12, abs_tol=1e-15):
            slips = {
                -math.cos(x): "has the wrong sign: d sin/dx = cos x",
                math.sin(x): "is sin itself: d sin/dx = cos x",
                math.cos(math.sin(x)): "is cos of the output: take cos of the input x",
            }
            why = next(
                (m for v, m in slips.items() if local is not None and math.isclose(local, v)),
                "is not cos(x)",
            )
            return f"value_sin({x:g}): the local derivative {why}"
    return None


def _graphs(value_sin):
    """(name, build) pairs: build() returns (J, a, the right ∂J/∂a) for a fresh a."""

    def twice_added():
        a = Value(0.8)
        return a + a, a, 2.0

    def sin_squared():
        a = Value(0.8)
        s = value_sin(a)
        return s * s, a, 2 * math.sin(0.8) * math.cos(0.8)

    def nested():
        a = Value(-0.6)
        return value_sin(a * a + a), a, math.cos(0.36 - 0.6) * (2 * -0.6 + 1)

    return [
        ("J = a + a", twice_added),
        ("J = sin(a) · sin(a)", sin_squared),
        ("J = sin(a² + a)", nested),
    ]


def check_autodiff_extension(value_sin, backward):
    """Exercise 4: value_sin and backward, tried on graphs where a Value is used twice.

    Inputs: value_sin(v) -> Value; backward(out) -> None, filling .grad (or None while
    unanswered). Returns: CheckResult, one line for value_sin and one per graph, each naming
    the slip (an = where += belongs, grads not reset, a wrong local derivative).
    """
    if value_sin is None or backward is None:
        return not_answered("the two functions value_sin and backward")
    for name, fn in (("value_sin", value_sin), ("backward", backward)):
        if not callable(fn):
            return CheckResult(False, f"{name}: expected a function, got {shown(fn)}")
    if call_student(value_sin, Value(0.5)) == (None, None):
        return not_answered("value_sin's return value: a Value for sin(v)")
    problem = _sin_problem(value_sin)
    parts = [(problem is None, problem or "value_sin: sin(x) with local derivative cos(x)")]
    for name, build in _graphs(value_sin):
        built, error = call_student(build)
        if error is not None:
            parts.append((False, f"{name}: building it raised {type(error).__name__}"))
            continue
        J, a, right = built
        _, error = call_student(backward, J)
        if error is None:
            first = a.grad
            _, error = call_student(backward, J)  # a second call must give the same grads
        if error is not None:
            parts.append(
                (False, f"{name}: backward raised {type(error).__name__}: {shown(str(error), 50)}")
            )
        elif not np.isfinite(first) or not math.isclose(first, right, rel_tol=1e-9, abs_tol=1e-12):
            once = math.isclose(first, right / 2)
            why = (
                "a Value used twice must add both uses to its grad (+=, not =)"
                if once
                else "check the chain rule: grad of a parent += local · grad of the child"
            )
            parts.append((False, f"{name}: ∂J/∂a is not right; {why}"))
        elif not math.isclose(a.grad, first, rel_tol=1e-12):
            parts.append(
                (
                    False,
                    f"{name}: a second backward() changes ∂J/∂a: set every grad "
                    f"to 0 before accumulating",
                )
            )
        else:
            parts.append((True, f"{name}: ∂J/∂a is right, on the first call and the second"))
    return report(
        parts,
        "value_sin and backward are right: a Value used twice gets the sum of "
        "both uses' contributions, eq. (18).",
    )
