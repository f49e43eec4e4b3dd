"""Checkers of notebook 07: right answers pass in every form, wrong ones fail with the slip named,
and nothing a student can pass makes a checker raise."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from backprop_lib.exercises import CheckResult
from backprop_lib.exercises.autodiff import (
    DIAMOND_POINT,
    check_diamond_gradient,
    check_division_local,
    check_softplus_local,
    diamond_at_point,
)

# -- exercise 1: the diamond's two paths ----------------------------------------------------------


def paths():
    """The two path products of eq. (18) times x, computed here independently of the checker."""
    net, X, y = diamond_at_point()
    a = net.forward(X).a
    t2, t3 = net.thetas[1], net.thetas[2]
    s_h = a[1][0, 0] * (1 - a[1][0, 0])
    return [
        (a[3][0, 0] - y[0, 0])
        * t3[0, k + 1]
        * a[2][0, k]
        * (1 - a[2][0, k])
        * t2[k, 1]
        * s_h
        * X[0, 0]
        for k in (0, 1)
    ]


RIGHT = sum(paths())


def test_the_right_answer_is_the_networks_gradient_and_the_paths_pull_apart():
    net, X, y = diamond_at_point()
    assert RIGHT == pytest.approx(net.gradients(X, y)[0][0, 1], rel=1e-12)
    first, second = paths()
    assert first * second < 0  # what the success message says
    assert X[0, 0] == DIAMOND_POINT["x"]


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT,
        0.0406,  # three significant digits, as typed
        float(f"{RIGHT:.3g}"),
        np.float64(RIGHT),
        np.float32(RIGHT),
        [RIGHT],
        (0.0406,),
        np.array([[RIGHT]]),
        sp.Float(RIGHT),
        sp.Rational(406, 10000),
        Fraction(406, 10000),
        "0.0406",
    ],
    ids=repr,
)
def test_diamond_right_answers_pass_in_every_form(answer):
    result = check_diamond_gradient(answer)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "answer,words",
    [
        (paths()[0], "only the path through unit 1"),
        (paths()[1], "only the path through unit 2"),
        (paths()[0] * paths()[1], "the two paths are multiplied"),
        (-RIGHT, "the sign is flipped"),
        (RIGHT / DIAMOND_POINT["x"], "that is δ^(2)"),
        (paths()[0] / DIAMOND_POINT["x"], "one path's part of δ^(2)"),
        (0.041, "not ∂J/∂θ^(1)_11 to 3 significant digits"),
        (0.0, "not ∂J/∂θ^(1)_11"),
        (1.0, "not ∂J/∂θ^(1)_11"),
    ],
)
def test_diamond_wrong_answers_fail_with_the_slip_named(answer, words):
    result = check_diamond_gradient(answer)
    assert not result.passed
    assert words in result.message


@pytest.mark.parametrize(
    "answer,words",
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (-math.inf, "finite"),
        (RIGHT + 0j + 1j, "complex"),
        (complex(RIGHT, 1e-3), "complex"),
        (sp.nan, "real and finite"),
        (sp.zoo, "real and finite"),
        (sp.I, "real and finite"),
        (sp.Symbol("x"), "an expression in x"),
        ([RIGHT, RIGHT], "a single number"),
        ("the sum of both paths", "dJ_dtheta: expected a number"),
        ({"a": 1}, "dJ_dtheta: expected a number"),
        (True, "True/False"),
        ("9" * 400, "a text of 400 characters"),
    ],
    ids=repr,
)
def test_diamond_unreadable_answers_are_named_not_raised(answer, words):
    result = check_diamond_gradient(answer)
    assert isinstance(result, CheckResult) and not result.passed
    assert words in result.message
    assert len(result.message) < 200  # a long answer is never echoed in full


def test_diamond_unanswered():
    result = check_diamond_gradient(None)
    assert not result.passed and result.message.startswith("Not answered yet")


# -- exercise 2: the local derivatives of u / v -------------------------------------------------


@pytest.mark.parametrize(
    "function",
    [
        lambda u, v: (1 / v, -u / v**2),
        lambda u, v: [1.0 / v, -u / (v * v)],
        lambda u, v: np.array([1 / v, -u * v**-2]),
        lambda u, v: (sp.Float(1 / v), sp.Float(-u / v**2)),
        lambda u, v: (np.float64(1) / v, -np.float64(u) / v**2),
        lambda u, v: sp.Matrix([1 / v, -u / v**2]),
        lambda u, v: np.array([[1 / v], [-u / v**2]]),
    ],
    ids=["tuple", "list", "array", "sympy", "numpy scalars", "sympy matrix", "column"],
)
def test_division_right_functions_pass_in_every_form(function):
    result = check_division_local(function)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "function,words",
    [
        (lambda u, v: (1 / v, u / v**2), "∂/∂v has the wrong sign"),
        (lambda u, v: (1 / v, -1 / v**2), "∂/∂v misses the factor u"),
        (lambda u, v: (1 / v, -u / v), "the square is missing"),
        (lambda u, v: (1 / v, 1 / v), "1/v is the derivative with respect to u"),
        (lambda u, v: (-u / v**2, 1 / v), "swapped"),
        (lambda u, v: (v, u), "local derivatives of u · v"),
        (lambda u, v: (-1 / v**2, -u / v**2), "∂/∂u: −1/v² is v⁻¹'s derivative"),
        (lambda u, v: (u, -u / v**2), "∂/∂u is wrong"),
        (lambda u, v: (1 / v, v), "∂/∂v is wrong"),
        (lambda u, v: (0.5, -0.75), "∂/∂u is wrong"),  # right at the first point only
        (lambda u, v: (1 / v, -u / v**2 + 1e-6), "∂/∂v is wrong"),
    ],
)
def test_division_wrong_functions_fail_with_the_slip_named(function, words):
    result = check_division_local(function)
    assert not result.passed
    assert words in result.message


def test_division_only_the_wrong_part_is_named():
    result = check_division_local(lambda u, v: (1 / v, u / v**2))
    assert "∂/∂u" not in result.message
    result = check_division_local(lambda u, v: (u, -u / v**2))
    assert "∂/∂v" not in result.message


def _raises(u, v):
    raise RuntimeError("oops " * 100)


@pytest.mark.parametrize(
    "function,words",
    [
        (lambda u, v: None, "Not answered yet: division_local returns None"),
        (lambda u, v: (None, -u / v**2), "division_local(3, 2)[0]: expected a number"),
        (lambda u, v: 1 / v, "expected two numbers"),
        (lambda u, v: (1 / v, -u / v**2, 0.0), "expected two numbers"),
        (lambda u, v: (float("nan"), -u / v**2), "finite"),
        (lambda u, v: np.array([np.inf, -u / v**2]), "finite"),
        (lambda u, v: np.array([[1 / v, -u / v**2, 0.0]]), "expected two numbers"),
        (lambda u, v: (complex(1 / v, 1), -u / v**2), "complex"),
        (lambda u, v: (sp.zoo, -u / v**2), "real and finite"),
        (lambda u, v: (sp.I, -u / v**2), "real and finite"),
        (lambda u, v: "1/v, -u/v**2", "expected two numbers"),
        (lambda u: (1, 1), "division_local(3, 2) raised TypeError"),
        (lambda u, v: 1 / (v - v), "raised ZeroDivisionError"),
        (_raises, "raised RuntimeError"),
        ("1/v, -u/v**2", "expected a function"),
        (42, "expected a function"),
    ],
)
def test_division_broken_functions_are_reported_not_raised(function, words):
    result = check_division_local(function)
    assert isinstance(result, CheckResult) and not result.passed
    assert words in result.message, result.message
    assert len(result.message) < 250


def test_division_unanswered():
    result = check_division_local(None)
    assert not result.passed and result.message.startswith("Not answered yet")


# -- exercise 3: the softplus's local derivative --------------------------------------------------


def stable_sigmoid(x):
    e = math.exp(-abs(x))
    return 1 / (1 + e) if x >= 0 else e / (1 + e)


@pytest.mark.parametrize(
    "function",
    [
        stable_sigmoid,
        lambda x: math.exp(x) / (1 + math.exp(x)),
        lambda x: 1 / (1 + math.exp(-x)),
        lambda x: 1 / (1 + np.exp(-x)),
        lambda x: np.array([1 / (1 + np.exp(-x))]),
        lambda x: sp.exp(x) / (1 + sp.exp(x)),  # an exact SymPy number
        lambda x: (np.tanh(x / 2) + 1) / 2,
    ],
    ids=["stable", "e^x/(1+e^x)", "1/(1+e^-x)", "numpy", "array", "sympy", "tanh form"],
)
def test_softplus_right_functions_pass_in_every_form(function):
    result = check_softplus_local(function)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "function,words",
    [
        (math.exp, "e^x is the derivative of 1 + e^x alone"),
        (lambda x: 1 / (1 + math.exp(x)), "misses the factor e^x"),
        (lambda x: -stable_sigmoid(x), "the sign is flipped"),
        (lambda x: stable_sigmoid(x) * (1 - stable_sigmoid(x)), "one derivative too many"),
        (lambda x: math.log(1 + math.exp(x)), "ln(1 + e^x) itself"),
        (lambda x: 0.5, "wrong at x = -4"),
        (lambda x: stable_sigmoid(x) if x < 1 else 1.0, "wrong at x = 1.7"),
        (lambda x: stable_sigmoid(x) * (1 + 1e-6), "wrong at x = -4"),
    ],
)
def test_softplus_wrong_functions_fail_with_the_slip_named(function, words):
    result = check_softplus_local(function)
    assert not result.passed
    assert words in result.message


@pytest.mark.parametrize(
    "function,words",
    [
        (lambda x: None, "Not answered yet: softplus_local returns None"),
        (lambda x: float("nan"), "finite"),
        (lambda x: math.inf, "finite"),
        (lambda x: complex(stable_sigmoid(x), 0.5), "complex"),
        (lambda x: sp.nan, "real and finite"),
        (lambda x: sp.Symbol("x") + 1, "an expression in x"),
        (lambda x: [stable_sigmoid(x)] * 2, "a single number"),
        (lambda x: "sigma(x)", "expected a number"),
        (lambda x: math.log(x), "softplus_local(-4) raised ValueError"),
        (lambda: 1.0, "raised TypeError"),
        (lambda x: 1 / x, "raised ZeroDivisionError"),
        (lambda x: np.float64(1) / np.float64(x - x), "finite"),  # NumPy's warning is silenced
        (print, "Not answered yet"),
        (3.0, "expected a function"),
    ],
)
def test_softplus_broken_functions_are_reported_not_raised(function, words):
    result = check_softplus_local(function)
    assert isinstance(result, CheckResult) and not result.passed
    assert words in result.message, result.message


def test_softplus_unanswered():
    result = check_softplus_local(None)
    assert not result.passed and result.message.startswith("Not answered yet")
