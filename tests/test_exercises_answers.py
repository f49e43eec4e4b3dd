"""The shared answer readers: every reasonable form of a right answer, nothing wrong let through."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from backprop_lib.exercises import CheckResult
from backprop_lib.exercises.answers import (
    agree,
    agreement,
    digits_agreeing,
    read_array,
    read_expression,
    read_keyed,
    read_number,
    read_vector,
    same_values,
    shown,
    typed_close,
    values_at,
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
    assert typed_close(0.124, right)  # one unit off: rounded inputs may land there
    assert not typed_close(0.122, right) and not typed_close(0.125, right)
    assert typed_close(1235, 1234.567) and not typed_close(1250, 1234.567)
    assert typed_close(0.0272, 0.02715) and typed_close(0.0271, 0.02715)  # δ of the issue
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


def test_read_number_refuses_a_text_that_would_never_finish_evaluating():
    result = read_number("9**9**9**9", "eta")
    assert isinstance(result, CheckResult) and "got the text" in result.message
    assert read_number("2**10", "n") == 1024.0


def test_read_vector_takes_a_flat_list_a_row_or_a_column():
    for answer in ([1, 2, 3], (1, 2, 3), np.array([[1, 2, 3]]), np.array([[1], [2], [3]])):
        np.testing.assert_array_equal(read_vector(answer, "v", 3), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(read_vector(sp.Matrix([1, 2, 3]), "v", 3), [1.0, 2.0, 3.0])
    for bad, words in [([1, 2], "shape (2,)"), (np.ones((3, 3)), "in a row"), ("abc", "got")]:
        result = read_vector(bad, "v", 3)
        assert isinstance(result, CheckResult) and words in result.message


def test_read_keyed_accepts_int_and_str_keys_and_names_what_is_missing():
    assert read_keyed({4: 1, "3": 2, 2: 3}, "deltas", (4, 3, 2)) == {4: 1, 3: 2, 2: 3}
    assert read_keyed({"a": 1, "b": 2, "extra": 0}, "d", ("a", "b")) == {"a": 1, "b": 2}
    missing = read_keyed({4: 1}, "deltas", (4, 3, 2))
    assert isinstance(missing, CheckResult) and "the key(s) 3, 2 are missing" in missing.message
    not_dict = read_keyed([1, 2, 3], "deltas", (4, 3, 2))
    assert "expected a dict with the keys 4, 3, 2, got a list of 3 items" in not_dict.message


def test_read_expression_takes_objects_texts_and_same_named_symbols():
    x_real = sp.Symbol("x", real=True)
    assert read_expression(1 + sp.exp(-x), "g", [x_real]) == 1 + sp.exp(-x_real)
    assert read_expression("1 + exp(-x)", "g", [x_real]) == 1 + sp.exp(-x_real)
    assert read_expression(sp.Derivative(x**2, x), "g", [x_real]) == 2 * x_real
    assert read_expression(Fraction(1, 4), "g", [x_real]) == sp.Rational(1, 4)
    assert read_expression(3, "g", [x_real]) == 3
    y_hat = sp.Symbol(r"\hat{y}")
    assert read_expression("1 - Y_HAT**2", "g", {"Y_HAT": y_hat}) == 1 - y_hat**2


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (sp.Matrix([x, x]), "a SymPy Matrix of shape (2, 1)"),
        (sp.Function("f")(x), "of known functions, got one with f(x)"),
        (sp.Function("f"), "got f"),
        (sp.Eq(x, 1), "got Eq"),
        (x + sp.I, "real and finite"),
        (x * sp.zoo, "real and finite"),
        (sp.nan, "real and finite"),
        (float("nan"), "real and finite"),
        (x + sp.Symbol("w"), "it also has w"),
        ("x" * 5000, "a text of 5000 characters"),
        ("9**9**9**9", "got the text"),
        ("(((", "got the text"),
        (True, "got True"),
        ([x], "got a list of 1 items"),
        (sum(x**k for k in range(500)), "operations"),
        (sp.Integral(sp.exp(-(x**2)), x), "unevaluated Integral: call .doit()"),
    ],
    ids=repr,
)
def test_read_expression_rejects(answer, words):
    result = read_expression(answer, "g", [x])
    assert isinstance(result, CheckResult) and not result.passed
    assert result.message.startswith("g: expected") and words in result.message, result.message
    assert len(result.message) < 200


def test_agree_tells_equal_expressions_from_different_ones_and_never_passes_nan():
    t = sp.Symbol("t")
    points = [{t: sp.Rational(k, 7)} for k in (-5, -1, 2, 6)]
    assert agree(1 - sp.tanh(sp.atanh(t)) ** 2, 1 - t**2, points)
    assert not agree(1 - t**2, 1 - t**2 + t**9 / 10**6, points)
    assert not agree(sp.nan * t, sp.nan * t, points)
    assert not agree(sp.log(t - 1), sp.log(t - 1), points)  # complex values are not equal
    assert not agree(sp.Function("f")(t), sp.Function("f")(t), points)


def test_agreement_says_exactly_or_how_many_digits():
    assert agreement(0.25, 0.25) == "exactly"
    assert agreement(0.000977, 0.25**5) == "to 3 significant digits"
    assert agreement(0.001, 0.25**5) == "to 1 significant digit"


def test_values_at_evaluates_custom_functions_and_refuses_non_real_values():
    from backprop_lib.derivations.symbolic import sigma

    points = [{x: sp.Rational(1, 3)}, {x: sp.Rational(-2)}]
    got = values_at(sigma(x) * (1 - sigma(x)), points)
    expected = [1 / (1 + np.exp(-v)) * (1 - 1 / (1 + np.exp(-v))) for v in (1 / 3, -2)]
    np.testing.assert_allclose(got, expected, rtol=1e-14)
    assert values_at(sp.log(x), points) is None  # log(−2) is complex
    assert values_at(sp.Function("f")(x), points) is None
    assert same_values(got, got * (1 + 1e-14)) and not same_values(got, got * (1 + 1e-9))
    assert not same_values(None, got)
