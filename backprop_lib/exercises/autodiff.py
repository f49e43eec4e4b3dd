"""Checkers for notebook 07's exercises: many paths, and local derivatives for autodiff.

Exercise 1 grades a number typed by hand (3 significant digits). Exercises 2 and 3 grade a
function the student writes: it is called on many points and compared with the right local
derivative there; whatever it returns or raises, the checker reports it and never crashes.
"""

import math

import numpy as np
import sympy as sp

from ..activations import sigmoid
from ..network import Network
from . import CheckResult, not_answered, verdict
from .answers import (
    StudentTimeout,
    call_student,
    first_slip,
    read_array,
    read_number,
    shown,
    typed_close,
)

# -- exercise 1: one weight, two paths ----------------------------------------------------------

# The diamond [1, 1, 2, 1] at a point: σ hidden units, a linear output, J = ½(ŷ − y)².
DIAMOND_POINT = {
    "x": 1.5,
    "y": 0.2,
    "thetas": ([[0.1, 0.8]], [[-0.3, 1.2], [0.4, -0.7]], [[0.2, 1.1, 0.9]]),
}


def diamond_at_point():
    """The diamond network at DIAMOND_POINT. Returns: (net, X, y); X and y are (1, 1) arrays."""
    net = Network([1, 1, 2, 1], hidden="sigmoid", output="linear", loss="mse")
    net.thetas = [np.array(theta, dtype=float) for theta in DIAMOND_POINT["thetas"]]
    return net, np.array([[DIAMOND_POINT["x"]]]), np.array([[DIAMOND_POINT["y"]]])


def _diamond_paths():
    """∂J/∂θ^(1)_11 at DIAMOND_POINT, and its two path terms (each including the input x)."""
    net, X, y = diamond_at_point()
    a = net.forward(X).a
    theta2, theta3 = net.thetas[1], net.thetas[2]
    error = a[3][0, 0] - y[0, 0]  # δ^(4) = ŷ − y, eq. (14)
    slope_h = a[1][0, 0] * (1 - a[1][0, 0])  # σ'(z^(2)), eq. (5)
    paths = [
        error * theta3[0, k + 1] * a[2][0, k] * (1 - a[2][0, k]) * theta2[k, 1] * slope_h * X[0, 0]
        for k in (0, 1)
    ]
    return float(net.gradients(X, y)[0][0, 1]), paths


def check_diamond_gradient(dJ_dtheta):
    """Exercise 1: ∂J/∂θ^(1)_11 of the diamond at DIAMOND_POINT, the sum over its two paths.

    Inputs: dJ_dtheta, a number (3 significant digits are enough), or None.
    Returns: CheckResult; a single path, a product of the paths, a missing x or a flipped sign
    is named.
    """
    if dJ_dtheta is None:
        return not_answered("∂J/∂θ^(1)_11, one number")
    value = read_number(dJ_dtheta, "dJ_dtheta")
    if isinstance(value, CheckResult):
        return value
    right, (first, second) = _diamond_paths()
    if typed_close(value, right):
        return CheckResult(
            True,
            "Both paths added: ∂J/∂θ^(1)_11 = (path 1 + path 2) · x, eqs. (17) and (18); "
            "here the two paths pull in opposite directions.",
        )
    x = DIAMOND_POINT["x"]
    slips = [
        ("that is only the path through unit 1 of layer 3; add the path through unit 2", first),
        ("that is only the path through unit 2 of layer 3; add the path through unit 1", second),
        ("the two paths are multiplied: paths to the cost add (eq. 18)", first * second),
        ("the sign is flipped: δ^(4) = ŷ − y, not y − ŷ", -right),
        ("that is δ^(2); the gradient is δ^(2) times the input x it multiplies", right / x),
        ("that is one path's part of δ^(2): add the other path and multiply by x", first / x),
        ("that is one path's part of δ^(2): add the other path and multiply by x", second / x),
    ]
    slip = first_slip(value, slips, typed_close)
    if slip:
        return CheckResult(False, f"dJ_dtheta: {slip}.")
    return CheckResult(
        False,
        f"dJ_dtheta: {shown(dJ_dtheta)} is not ∂J/∂θ^(1)_11 to 3 significant digits: add one "
        "product (ŷ − y) θ^(3) σ'(z^(3)) θ^(2) σ'(z^(2)) x per path.",
    )


# -- exercises 2 and 3: a student's local-derivative function, called on many points ----------

RTOL, ATOL = 1e-9, 1e-12  # computed answers: round-off only
CALL_SECONDS = 5  # the longest one call of a student's function may take


def _close(value, right):
    return math.isclose(value, right, rel_tol=RTOL, abs_tol=ATOL)


def _all_close(values, rights):
    return all(_close(value, right) for value, right in zip(values, rights))


def _call(function, name, args, width):
    """function(*args) read as `width` numbers (a float if width is 1), or a CheckResult.

    The bool is True when the function returned None (the scaffold, still unanswered).
    """
    call = f"{name}({', '.join(f'{a:g}' for a in args)})"
    returned, error = call_student(function, *args, seconds=CALL_SECONDS)
    if isinstance(error, StudentTimeout):
        return CheckResult(False, f"{call}: {error}; is there a loop that never ends?")
    if error is not None:  # the student's code: any error is reported, never raised
        return CheckResult(False, f"{call} raised {type(error).__name__}: {shown(str(error))}")
    if returned is None:
        return None
    if width == 1:
        return read_number(returned, call, "a number (the local derivative)")
    if isinstance(returned, sp.MatrixBase) or (
        isinstance(returned, np.ndarray) and returned.size == width
    ):
        returned = list(np.ravel(np.array(returned.tolist(), dtype=object)))  # a column, a row
    values = read_array(returned, call, (width,), "two numbers (∂/∂u, ∂/∂v)")
    return values if isinstance(values, CheckResult) else [float(v) for v in values]


def _grade(function, name, points, width, unanswered):
    """Call function at every point: (list of answers, None) or (None, the CheckResult to give)."""
    if function is None:
        return None, not_answered(unanswered)
    if not callable(function):
        return None, CheckResult(
            False, f"{name}: expected a function (def {name}(...): ...), got {shown(function)}"
        )
    answers = []
    for point in points:
        got = _call(function, name, point, width)
        if got is None:
            return None, CheckResult(
                False, f"Not answered yet: {name} returns None; make it return {unanswered}."
            )
        if isinstance(got, CheckResult):
            return None, got
        answers.append(got)
    return answers, None


# Exercise 2's points (u, v): signs mixed, v never 0, no two alike.
DIVISION_POINTS = [
    (3.0, 2.0),
    (-1.5, 0.5),
    (2.0, -4.0),
    (0.0, 1.5),
    (-2.5, -0.8),
    (1.0, 3.0),
    (5.0, 0.25),
    (-0.7, 2.2),
]


def check_division_local(division_local):
    """Exercise 2: the local derivatives of q = u / v, (∂q/∂u, ∂q/∂v) = (1/v, −u/v²).

    Inputs: division_local, a function of (u, v) returning the pair (or None).
    Returns: CheckResult naming which of the two is wrong and, where it can tell, the slip.
    """
    answers, result = _grade(
        division_local,
        "division_local",
        DIVISION_POINTS,
        2,
        "the pair (∂(u/v)/∂u, ∂(u/v)/∂v)",
    )
    if result is not None:
        return result

    def matches(rule, part):
        return all(_close(got[part], rule(u, v)) for got, (u, v) in zip(answers, DIVISION_POINTS))

    if matches(lambda u, v: 1 / v, 0) and matches(lambda u, v: -u / v**2, 1):
        return CheckResult(True, "Both local derivatives of u / v are right at every point tried.")
    if matches(lambda u, v: -u / v**2, 0) and matches(lambda u, v: 1 / v, 1):
        return CheckResult(False, "The two are swapped: return (∂/∂u, ∂/∂v) in that order.")
    if matches(lambda u, v: v, 0) and matches(lambda u, v: u, 1):
        return CheckResult(False, "(v, u) are the local derivatives of u · v, not of u / v.")
    problems = []
    if not matches(lambda u, v: 1 / v, 0):
        if matches(lambda u, v: -1 / v**2, 0):
            problems.append("∂/∂u: −1/v² is v⁻¹'s derivative; u / v changes with u at the rate 1/v")
        else:
            problems.append("∂/∂u is wrong: u / v = u · (1/v), so it is 1/v")
    slips_v = [
        ("∂/∂v has the wrong sign: a larger v makes u / v smaller", lambda u, v: u / v**2),
        ("∂/∂v misses the factor u: u / v = u · v⁻¹", lambda u, v: -1 / v**2),
        ("∂/∂v: the derivative of v⁻¹ is −v⁻², the square is missing", lambda u, v: -u / v),
        ("∂/∂v: 1/v is the derivative with respect to u", lambda u, v: 1 / v),
    ]
    if not matches(lambda u, v: -u / v**2, 1):
        given = [got[1] for got in answers]
        at_points = [
            (m, lambda r=rule: [r(u, v) for u, v in DIVISION_POINTS]) for m, rule in slips_v
        ]
        slip = first_slip(given, at_points, _all_close)
        if slip:
            problems.append(slip)
        else:
            problems.append("∂/∂v is wrong: differentiate u · v⁻¹ with respect to v")
    return verdict(problems, "")


# Exercise 3's points: both signs, the middle and the tails of the sigmoid.
SOFTPLUS_POINTS = [(-4.0,), (-1.3,), (-0.2,), (0.0,), (0.6,), (1.7,), (3.5,)]


def check_softplus_local(softplus_local):
    """Exercise 3: the local derivative of s = ln(1 + e^x), which is σ(x) (eq. 1).

    Inputs: softplus_local, a function of x returning ds/dx (or None).
    Returns: CheckResult naming the slip where it can tell.
    """
    xs = [p[0] for p in SOFTPLUS_POINTS]
    answers, result = _grade(
        softplus_local, "softplus_local", SOFTPLUS_POINTS, 1, "d ln(1 + e^x)/dx"
    )
    if result is not None:
        return result

    def matches(rule):
        return all(_close(got, rule(x)) for got, x in zip(answers, xs))

    if matches(lambda x: float(sigmoid(x))):
        return CheckResult(
            True,
            "softplus_local is right at every point tried. Which function of eq. (1) is it? "
            "That is why the cross-entropy term ln(1 + e^z) − yz has δ = ŷ − y.",
        )
    slips = [
        (
            "e^x is the derivative of 1 + e^x alone; the chain rule (eq. 4) also divides "
            "by 1 + e^x",
            math.exp,
        ),
        ("1 / (1 + e^x) misses the factor e^x (that is σ(−x))", lambda x: 1 / (1 + math.exp(x))),
        ("the sign is flipped: ln(1 + e^x) grows with x", lambda x: -float(sigmoid(x))),
        (
            "σ(x)(1 − σ(x)) is σ'(x), eq. (5): one derivative too many",
            lambda x: float(sigmoid(x)) * (1 - float(sigmoid(x))),
        ),
        ("that is ln(1 + e^x) itself, not its derivative", lambda x: math.log(1 + math.exp(x))),
    ]
    at_points = [(m, lambda r=rule: [r(x) for x in xs]) for m, rule in slips]
    slip = first_slip(answers, at_points, _all_close)
    if slip:
        return CheckResult(False, f"softplus_local: {slip}.")
    wrong = next(x for got, x in zip(answers, xs) if not _close(got, float(sigmoid(x))))
    return CheckResult(
        False,
        f"softplus_local: wrong at x = {wrong:g}: differentiate ln(g) with g = 1 + e^x by eq. (4).",
    )
