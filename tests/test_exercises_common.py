import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network, xor
from backprop_lib.exercises import (
    CheckResult,
    activation_cost,
    error_signal,
    not_answered,
    playground,
    single_path,
    sympy_expression,
    verdict,
)
from backprop_lib.exercises import sigmoid as sigmoid_exercises


def test_check_result_reads_as_a_verdict():
    assert repr(CheckResult(True, "right")) == "✓ right"
    assert repr(CheckResult(False, "layer 2's δ is wrong")) == "✗ layer 2's δ is wrong"
    assert CheckResult(True, "x") and not CheckResult(False, "x")
    result = not_answered("the derivative")
    assert not result.passed and "replace None with the derivative" in result.message


def test_verdict_lists_every_problem_or_says_the_success():
    assert verdict([], "all right") == CheckResult(True, "all right")
    result = verdict(["layer 2's δ misses σ'", "layer 3's δ keeps the bias"], "all right")
    assert not result.passed
    assert result.message == "✗ layer 2's δ misses σ'.\n✗ layer 3's δ keeps the bias."
    assert [ok for ok, _ in result.parts] == [False, False]


def test_sympy_expression_reads_expressions_and_names_the_parameter_otherwise():
    x = sp.Symbol("x")
    assert sympy_expression(x**2 + 1, "g") == x**2 + 1
    assert sympy_expression(3, "g") == 3
    for bad in ([1, 2], {"a": 1}, sp.Eq(x, 1)):
        result = sympy_expression(bad, "g_prime")
        assert isinstance(result, CheckResult) and not result.passed
        assert result.message.startswith("g_prime: expected a SymPy expression")


# -- every checker, every hostile answer: a failing CheckResult, never an exception ------------

_x = sp.Symbol("x")
_X, _Y = xor()
_WIDE = Network([2, 4, 3, 1], hidden="sigmoid", output="linear", loss="mse", seed=3)
_MSE = Network([2, 2, 2, 1], output="sigmoid", loss="mse", init="uniform", seed=0)
_NORMS = Network([2, 4, 3, 1], hidden="sigmoid", seed=3)

HOSTILE = {
    "nan": float("nan"),
    "inf": float("inf"),
    "complex": 0.25 + 1j,
    "sympy nan": sp.nan,
    "sympy zoo": sp.zoo,
    "sympy I": sp.I,
    "sympy oo": sp.oo,
    "matrix": sp.Matrix([[1, 2], [3, 4]]),
    "undefined function": sp.Function("f"),
    "applied undefined function": sp.Function("f")(_x),
    "derivative of an unknown": sp.Derivative(sp.Function("f")(_x), _x),
    "integral": sp.Integral(sp.exp(-(_x**2)) * sp.Function("g")(_x), _x),
    "huge text": "9" * 5000,
    "huge power text": "9**9**9**9",
    "syntax error text": "(((",
    "fraction": Fraction(355, 113),
    "bool": True,
    "wrong-shape array": np.zeros((7, 7)),
    "string array": np.array(["a", "b", "c"]),
    "complex array": np.array([1j, 2j, 3j, 4j]),
    "nan list": [math.nan] * 4,
    "object": object(),
    "set": {1, 2},
    "equation": sp.Eq(_x, 1),
    "huge list": list(range(100_000)),
}

CHECKERS = {
    "reciprocal_rule g": lambda a: sigmoid_exercises.check_reciprocal_rule(a, -sp.exp(-_x)),
    "reciprocal_rule g'": lambda a: sigmoid_exercises.check_reciprocal_rule(1 + sp.exp(-_x), a),
    "tanh_derivative": sigmoid_exercises.check_tanh_derivative,
    "vanishing_bound slope": lambda a: sigmoid_exercises.check_vanishing_bound(a, 0.25**5),
    "vanishing_bound factor": lambda a: sigmoid_exercises.check_vanishing_bound(0.25, a),
    "deep_gradient": single_path.check_deep_gradient,
    "input_gradient": single_path.check_input_gradient,
    "gd_step": single_path.check_gd_step,
    "gd_step entry": lambda a: single_path.check_gd_step([0.1, a, 0.3]),
    "single_path_deltas": error_signal.check_single_path_deltas,
    "single_path_deltas entry": lambda a: error_signal.check_single_path_deltas(
        {4: -0.5, 3: a, 2: 0.01}
    ),
    "layer_deltas": lambda a: error_signal.check_layer_deltas(a, _WIDE, _X, _Y),
    "layer_deltas entry": lambda a: error_signal.check_layer_deltas([None, a, a, a], _WIDE, _X, _Y),
    "mse_output_delta": lambda a: error_signal.check_mse_output_delta(a, _MSE, _X, _Y),
    "tanh_mse_delta": activation_cost.check_tanh_mse_delta,
    "tanh_mse_delta entry": lambda a: activation_cost.check_tanh_mse_delta(
        {"dJ_dyhat": a, "g_prime": a, "delta": a}
    ),
    "layer_gradient_norms": lambda a: activation_cost.check_layer_gradient_norms(a, _NORMS, _X, _Y),
    "saturation": activation_cost.check_saturation,
    "saturation entry": lambda a: activation_cost.check_saturation(
        {"factor": a, "largest": a, "at_099": a}
    ),
    "learning_rates diverging": lambda a: playground.check_learning_rates(a, 0.01),
    "learning_rates training": lambda a: playground.check_learning_rates(5.0, a),
    "hidden_delta": playground.check_hidden_delta,
}


def _short_failure(result):
    """Whether a checker's result is a failing CheckResult with a short message."""
    return (
        isinstance(result, CheckResult)
        and not result.passed
        and 0 < len(result.message) < 300
        and "9" * 100 not in result.message  # a long answer is never echoed in full
    )


@pytest.mark.parametrize("checker", CHECKERS.values(), ids=CHECKERS.keys())
def test_every_checker_fails_every_hostile_answer_with_a_short_message(checker):
    wrong = {}
    for name, answer in HOSTILE.items():
        try:
            result = checker(answer)
        except Exception as error:  # a checker must never raise
            result = error
        if not _short_failure(result):
            wrong[name] = result
    assert wrong == {}
