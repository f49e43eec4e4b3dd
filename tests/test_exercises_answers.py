"""The shared answer readers: every reasonable form of a right answer, nothing wrong let through."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from backprop_lib.exercises import CheckResult
from backprop_lib.exercises.answers import (
    digits_agreeing,
    read_array,
    read_number,
    shown,
    typed_close,
)

x = sp.Symbol("x")


@pytest.mark.parametrize(
    "answer",
    [
        0.25,
        Fraction(1, 4),
        Decimal("0.25"),
        np.float32(0.25),
        np.float64(0.25),
        np.array(0.25),
        np.array([0.25]),
        [0.25],
        (0.25,),
        sp.Rational(1, 4),
        sp.Float(0.25),
        sp.Matrix([[sp.Rational(1, 4)]]),
        "0.25",
        " 1/4 ",
        sp.Derivative(x**2 / 8, x).subs(x, 1),
        complex(0.25, 0),
    ],
    ids=repr,
)
def test_read_number_accepts_every_form_of_a_quarter(answer):
    assert read_number(answer, "slope") == pytest.approx(0.25, abs=1e-7)


def test_read_number_accepts_irrational_sympy_numbers_and_huge_ints_it_can_hold():
    assert read_number(sp.sqrt(2), "r") == pytest.approx(2**0.5)
    assert read_number(sp.pi, "r") == pytest.approx(np.pi)
    assert read_number(10**300, "r") == 1e300


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (np.float64("-inf"), "finite"),
        (sp.nan, "real and finite"),
        (sp.zoo, "real and finite"),
        (sp.oo, "real and finite"),
        (sp.I, "real and finite"),
        (1 + 2j, "complex"),
        (np.complex128(1j), "complex"),
        (True, "True/False"),
        (np.bool_(False), "True/False"),
        (10**400, "sensible size"),
        (x + 1, "expression in x"),
        (sp.Function("f")(x), "expression in x"),
        (sp.Integral(x, x), "expression in x"),
        (sp.Matrix([1, 2]), "single number"),
        ([0.25, 0.5], "single number"),
        (np.zeros((2, 2)), "single number"),
        ("a quarter", "text"),
        ("9" * 5000, "5000 characters"),
        ({"a": 1}, "expected a number"),
        (None, "expected a number"),
    ],
    ids=lambda v: shown(v, 20),
)
def test_read_number_rejects_with_a_message_naming_the_answer(answer, words):
    result = read_number(answer, "slope")
    assert isinstance(result, CheckResult) and not result.passed
    assert result.message.startswith("slope: expected a number")
    assert words in result.message
    assert len(result.message) < 200


def test_read_array_accepts_lists_tuples_arrays_and_matrices():
    right = np.array([[1.0, 0.5], [0.0, 2.0]])
    for answer in (
        right.tolist(),
        tuple(map(tuple, right.tolist())),
        right,
        right.astype(np.float32),
        right.astype(int) + 0 * right.astype(int),
        sp.Matrix([[1, sp.Rational(1, 2)], [0, 2]]),
        [[1, "1/2"], [0, 2]],
    ):
        got = read_array(answer, "delta", (2, 2))
        assert isinstance(got, np.ndarray), got
        if not np.issubdtype(np.asarray(answer).dtype, np.integer):
            np.testing.assert_allclose(got, right)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ([[1.0, 2.0, 3.0]], "got shape (1, 3)"),
        ([[1.0], [2.0]], "transposed"),
        ([[1.0, float("nan")]], "finite"),
        (np.array([[1.0, np.inf]]), "finite"),
        (np.array([[1j, 0]]), "complex"),
        ([[1.0, 2j]], "complex"),
        ([[1.0], [2.0, 3.0]], "different lengths"),
        ("[[1, 2]]", "got '[[1, 2]]'"),
        (None, "got None"),
        ([[True, False]], "True/False"),
        (sp.Matrix([[1, sp.zoo]]), "real and finite"),
    ],
    ids=lambda v: shown(v, 20),
)
def test_read_array_rejects(answer, words):
    result = read_array(answer, "delta", (1, 2))
    assert isinstance(result, CheckResult) and not result.passed
    assert words in result.message
    assert "delta" in result.message


def test_typed_close_grades_three_significant_digits_and_never_passes_nan():
    right = 0.1234567
    assert typed_close(0.123, right) and typed_close(0.1235, right)
    assert not typed_close(0.122, right) and not typed_close(0.124, right)
    assert typed_close(1235, 1234.567) and not typed_close(1240, 1234.567)
    assert not typed_close(float("nan"), right) and not typed_close(float("inf"), right)
    assert not typed_close(1e-9, 0.0) and typed_close(1e-9, 0.0, atol=1e-6)


def test_digits_agreeing_counts_significant_digits():
    assert digits_agreeing(0.123, 0.1234567) == 3
    assert digits_agreeing(0.1234567, 0.1234567) == 15
    assert digits_agreeing(0.2, 0.1234567) == 0
    assert digits_agreeing(float("nan"), 0.1) == 0


def test_shown_caps_long_answers():
    assert len(shown("x" * 10_000)) <= 60
    assert shown(0.25) == "0.25"
