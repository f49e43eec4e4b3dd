"""Checkers of notebook 06: right answers pass, wrong ones name the wrong part."""

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network, xor
from backprop_lib.derivations.output_layer import Y_HAT, Y, Z
from backprop_lib.exercises.activation_cost import (
    check_layer_gradient_norms,
    check_saturation,
    check_tanh_mse_delta,
)

# -- exercise 1 -------------------------------------------------------------------------------

RIGHT_TANH = {"dJ_dyhat": Y_HAT - Y, "g_prime": 1 - Y_HAT**2, "delta": (Y_HAT - Y) * (1 - Y_HAT**2)}


def test_tanh_mse_right_answer_passes_in_any_equivalent_form():
    assert check_tanh_mse_delta(RIGHT_TANH).passed
    expanded = {k: sp.expand(v) for k, v in RIGHT_TANH.items()}
    assert check_tanh_mse_delta(expanded).passed


def test_tanh_mse_unanswered():
    result = check_tanh_mse_delta(None)
    assert not result.passed and result.message.startswith("Not answered yet")


@pytest.mark.parametrize(
    "key,wrong,named",
    [
        ("g_prime", Y_HAT * (1 - Y_HAT), "g_prime: ŷ(1 − ŷ) is the sigmoid's slope"),
        ("g_prime", 1 - sp.tanh(Z) ** 2, "g_prime: write it in ŷ"),
        ("g_prime", 1 + Y_HAT**2, "g_prime: not right yet"),
        ("delta", Y_HAT - Y, "delta: ŷ − y leaves out g'(z)"),
        ("delta", (Y - Y_HAT) * (1 - Y_HAT**2), "delta: the sign is flipped"),
        ("delta", (Y_HAT - Y) * Y_HAT * (1 - Y_HAT), "delta: that is the sigmoid output's δ"),
        ("dJ_dyhat", Y - Y_HAT, "dJ_dyhat: the sign is flipped"),
        ("dJ_dyhat", (Y_HAT - Y) ** 2, "dJ_dyhat: not right yet"),
        ("dJ_dyhat", sp.Symbol("yhat") - Y, "dJ_dyhat: expected a SymPy expression in Y_HAT"),
        ("delta", "(yhat - y)", "it also has yhat"),
        ("delta", [1, 2], "delta: expected a SymPy expression in Y_HAT and Y, got a list"),
        ("g_prime", 1 - sp.tanh(Y_HAT) ** 2, "g_prime: 1 − tanh(ŷ)² applies tanh twice"),
        ("g_prime", 1 - Y_HAT, "g_prime: 1 − ŷ is not squared"),
        ("delta", (Y_HAT - Y) * (1 - sp.tanh(Y_HAT) ** 2), "delta: (ŷ − y)(1 − tanh(ŷ)²)"),
        ("dJ_dyhat", (Y_HAT - Y) ** 2 / 2, "dJ_dyhat: that is J itself"),
        ("dJ_dyhat", (Y_HAT - Y) / 2, "dJ_dyhat: the ½ cancels"),
        ("g_prime", sp.Matrix([1 - Y_HAT**2]), "g_prime: expected a SymPy expression"),
        ("g_prime", sp.Function("f")(Y_HAT), "of known functions"),
        ("delta", (Y_HAT - Y) * sp.I, "real and finite"),
    ],
)
def test_tanh_mse_wrong_part_is_named(key, wrong, named):
    result = check_tanh_mse_delta({**RIGHT_TANH, key: wrong})
    assert not result.passed
    assert named in result.message
    for other in set(RIGHT_TANH) - {key}:
        assert f"{other}:" not in result.message


def test_tanh_mse_names_every_wrong_part_and_missing_keys():
    result = check_tanh_mse_delta({"dJ_dyhat": Y - Y_HAT, "g_prime": 1, "delta": 0})
    assert "dJ_dyhat:" in result.message and "g_prime:" in result.message
    assert "delta:" in result.message
    missing = check_tanh_mse_delta({"delta": RIGHT_TANH["delta"]})
    assert not missing.passed and "'dJ_dyhat', 'g_prime'" in missing.message
    assert "expected a dict" in check_tanh_mse_delta([1, 2, 3]).message


def test_tanh_mse_accepts_texts_and_other_spellings_of_y_hat():
    text = {
        "dJ_dyhat": "Y_HAT - Y",
        "g_prime": "1 - y_hat**2",
        "delta": "(y_hat - y)*(1 - y_hat**2)",
    }
    assert check_tanh_mse_delta(text).passed
    plain = sp.Symbol("y_hat")  # the student's own symbol, spelled as in the exercise
    assert check_tanh_mse_delta({**RIGHT_TANH, "g_prime": 1 - plain**2}).passed
    same_name = sp.Symbol(r"\hat{y}", real=True)  # the same name with other assumptions
    assert check_tanh_mse_delta({**RIGHT_TANH, "g_prime": 1 - same_name**2}).passed
    unevaluated = sp.Derivative((Y_HAT - Y) ** 2 / 2, Y_HAT)
    assert check_tanh_mse_delta({**RIGHT_TANH, "dJ_dyhat": unevaluated}).passed


# -- exercise 2 -------------------------------------------------------------------------------

X, Y_DATA = xor()


def exercise_net():
    return Network([2, 4, 3, 1], seed=3)


def by_hand(net, bias=True):
    a = net.forward(X).a
    deltas = net.deltas(X, Y_DATA)
    norms = []
    for l in range(len(net.thetas)):
        weights = deltas[l + 1].T @ a[l]
        grad = np.hstack([deltas[l + 1].sum(axis=0)[:, None], weights]) if bias else weights
        norms.append(np.linalg.norm(grad))
    return norms


def test_layer_norms_right_answer_passes():
    net = exercise_net()
    assert check_layer_gradient_norms(by_hand(net), net, X, Y_DATA).passed
    assert check_layer_gradient_norms(np.array(by_hand(net)), net, X, Y_DATA).passed


def test_layer_norms_unanswered_and_wrong_length():
    net = exercise_net()
    assert check_layer_gradient_norms(None, net, X, Y_DATA).message.startswith("Not answered")
    result = check_layer_gradient_norms(by_hand(net)[:2], net, X, Y_DATA)
    assert not result.passed and "expected 3 norms" in result.message
    assert (
        "answer[0]: expected a number"
        in check_layer_gradient_norms(["a", "b", "c"], net, X, Y_DATA).message
    )


def test_layer_norms_without_bias_column_are_named_for_every_layer():
    net = exercise_net()
    result = check_layer_gradient_norms(by_hand(net, bias=False), net, X, Y_DATA)
    assert not result.passed
    for l in range(3):
        assert f"∂J/∂Θ^({l + 1}) (thetas[{l}]): the bias column is left out" in result.message


def test_layer_norms_name_only_the_wrong_layer():
    net = exercise_net()
    answer = by_hand(net)
    answer[1] *= 2
    result = check_layer_gradient_norms(answer, net, X, Y_DATA)
    assert not result.passed
    assert "∂J/∂Θ^(2) (thetas[1]): off by a factor of 2" in result.message
    assert "layer 0" not in result.message and "layer 2" not in result.message


def test_layer_norms_delta_instead_of_gradient_is_named():
    net = exercise_net()
    answer = by_hand(net)
    answer[2] = np.linalg.norm(net.deltas(X, Y_DATA)[3])
    result = check_layer_gradient_norms(answer, net, X, Y_DATA)
    assert "∂J/∂Θ^(3) (thetas[2]): that is ‖δ^(l+1)‖" in result.message


def test_layer_norms_nan_is_named():
    net = exercise_net()
    answer = by_hand(net)
    answer[0] = float("nan")
    assert "finite" in check_layer_gradient_norms(answer, net, X, Y_DATA).message


def test_layer_norms_accept_tuples_and_sympy_numbers_and_name_the_foreseeable_slips():
    net = exercise_net()
    right = by_hand(net)
    assert check_layer_gradient_norms(tuple(right), net, X, Y_DATA).passed
    assert check_layer_gradient_norms([sp.Float(v, 20) for v in right], net, X, Y_DATA).passed
    assert check_layer_gradient_norms(np.array(right)[:, None], net, X, Y_DATA).passed
    reverse = check_layer_gradient_norms(right[::-1], net, X, Y_DATA)
    assert "reverse order" in reverse.message
    mean = check_layer_gradient_norms([v / len(X) for v in right], net, X, Y_DATA)
    assert "∂J/∂Θ^(1) (thetas[0]): divided by the 4 samples" in mean.message
    squared = check_layer_gradient_norms([right[0] ** 2, *right[1:]], net, X, Y_DATA)
    assert "∂J/∂Θ^(1) (thetas[0]): that is the squared norm" in squared.message


# -- exercise 3 -------------------------------------------------------------------------------

RIGHT_SATURATION = {"factor": Y_HAT * (1 - Y_HAT), "largest": 0.25, "at_099": 0.99 * 0.01}


def test_saturation_right_answer_passes():
    assert check_saturation(RIGHT_SATURATION).passed
    assert check_saturation({**RIGHT_SATURATION, "largest": sp.Rational(1, 4)}).passed
    assert check_saturation({**RIGHT_SATURATION, "factor": Y_HAT - Y_HAT**2}).passed
    typed = {"factor": "y_hat*(1 - y_hat)", "largest": "1/4", "at_099": 0.0099}
    assert check_saturation(typed).passed
    assert check_saturation({**RIGHT_SATURATION, "at_099": 0.00990}).passed
    assert check_saturation({**RIGHT_SATURATION, "largest": np.float32(0.25)}).passed


@pytest.mark.parametrize(
    "key,wrong,named",
    [
        ("factor", 1 / (Y_HAT * (1 - Y_HAT)), "factor: inverted"),
        ("factor", (Y_HAT - Y) * Y_HAT, "factor: it depends on ŷ alone"),
        ("factor", Y_HAT**2, "factor: not right yet"),
        ("factor", "x", "factor: expected a SymPy expression in Y_HAT"),
        ("factor", Y_HAT, "factor: ŷ = σ is used where σ'"),
        ("largest", 0.5, "largest: ½ is where the maximum is"),
        ("largest", 1.0, "largest: not right yet"),
        ("largest", "a quarter", "largest: expected a number"),
        ("largest", 0.26, "largest: not right yet (only 1 significant digit(s) agree"),
        ("at_099", sp.nan, "at_099: expected a number (real and finite)"),
        ("at_099", 1 / (0.99 * 0.01), "at_099: inverted"),
        ("at_099", 0.99, "at_099: 0.99 is ŷ = σ itself"),
        ("at_099", 0.5, "at_099: not right yet"),
    ],
)
def test_saturation_wrong_part_is_named(key, wrong, named):
    result = check_saturation({**RIGHT_SATURATION, key: wrong})
    assert not result.passed
    assert named in result.message
    for other in set(RIGHT_SATURATION) - {key}:
        assert f"{other}:" not in result.message


def test_saturation_unanswered_and_missing():
    assert check_saturation(None).message.startswith("Not answered yet")
    assert "'at_099'" in check_saturation({"factor": 1, "largest": 0.25}).message
