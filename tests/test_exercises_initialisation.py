"""Notebook 08b's exercise 2, Var(z) by eq. (28): right answers pass in every form, the slips
are named, and nothing a student types makes the checker crash or pass wrongly."""

import numpy as np
import pytest
import sympy as sp

from backprop_lib.exercises.initialisation import N_IN, VAR_A, R, check_layer_variance
from tests.test_exercises_beyond_xor import HOSTILE

RIGHT = N_IN * R**2 / 3 * VAR_A  # eq. (28) with Var(w) = r²/3


def test_the_right_value_is_the_measured_variance():
    rng = np.random.default_rng(0)
    w = rng.uniform(-R, R, size=(400, N_IN))
    a = rng.normal(0, np.sqrt(VAR_A), size=(N_IN, 2000))
    assert abs((w @ a).var() / RIGHT - 1) < 0.02  # 800 000 sums of N_IN products


@pytest.mark.parametrize(
    "answer", [RIGHT, 1.25, "1.25", np.float32(1.25), sp.Rational(5, 4), [1.25], np.array(1.25)]
)
def test_right_in_every_form(answer):
    result = check_layer_variance(answer)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "answer,named",
    [
        (N_IN * R**2 * VAR_A, "Var(w) = r²"),
        (N_IN * R * VAR_A, "Var(w) = r;"),
        (N_IN * R**2 / 3, "leaves out Var(a)"),
        (R**2 / 3 * VAR_A, "one product"),
        (np.sqrt(RIGHT), "standard deviation of z"),
        (N_IN * R**2 / 3 * np.sqrt(VAR_A), "√Var(a)"),
        (1.3, "not Var(z)"),
        (-RIGHT, "not Var(z)"),
    ],
)
def test_slips_are_named(answer, named):
    result = check_layer_variance(answer)
    assert not result.passed and named in result.message, result.message


def test_unanswered_and_hostile_answers():
    assert check_layer_variance(None).message.startswith("Not answered yet")
    for bad in (*HOSTILE, [1.25, 1.25]):
        result = check_layer_variance(bad)
        assert not result.passed and len(result.message) < 300
