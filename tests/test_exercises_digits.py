"""Notebook 09's checkers: right forms pass, wrong ideas and foreseeable slips fail by name."""

import numpy as np
import pytest

from backprop_lib.exercises.digits import (
    check_input_gradient,
    check_l2_gradient,
    check_momentum_step,
    l2_exercise,
)

THETA, GRAD, LAM = l2_exercise()
W = THETA.copy()
W[:, 0] = 0.0


def test_l2_gradient_right_forms_pass():
    right = GRAD + LAM * W
    assert check_l2_gradient(right).passed
    assert check_l2_gradient(np.round(right, 3).tolist()).passed  # typed to 3 digits
    assert check_l2_gradient([[str(v) for v in row] for row in np.round(right, 4)]).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (GRAD + LAM * THETA, "biases"),
        (GRAD + 2 * LAM * W, "2λW"),
        (GRAD - LAM * W, "sign"),
        (LAM * W, "alone"),
        (GRAD + W, "λ is missing"),
        (GRAD, "data term alone"),
        (GRAD + LAM * W**2, "λw²"),
        (GRAD + 0.5 * LAM * W, "(λ/2)W"),
        (GRAD + LAM * W + 1, "6 of 6 entries"),
    ],
)
def test_l2_gradient_slips_are_named(answer, words):
    result = check_l2_gradient(answer)
    assert not result.passed and words in result.message


def test_l2_gradient_unanswered_and_malformed():
    assert "Not answered" in check_l2_gradient(None).message
    assert not check_l2_gradient([1, 2, 3]).passed
    assert not check_l2_gradient([[float("nan")] * 3] * 2).passed


def momentum_pytorch(theta, velocity, grad, eta, beta):
    velocity = beta * velocity + grad
    return theta - eta * velocity, velocity


def momentum_sutskever(theta, velocity, grad, eta, beta):
    velocity = beta * velocity - eta * grad
    return theta + velocity, velocity


def momentum_in_place(theta, velocity, grad, eta, beta):
    velocity *= beta
    velocity += grad
    theta -= eta * velocity
    return theta, velocity


@pytest.mark.parametrize("answer", [momentum_pytorch, momentum_sutskever, momentum_in_place])
def test_momentum_right_forms_pass(answer):
    assert check_momentum_step(answer).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda th, v, g, eta, b: (th - eta * g, v), "plain step"),
        (lambda th, v, g, eta, b: (th + eta * (b * v + g), b * v + g), "sign"),
        (
            lambda th, v, g, eta, b: (th - eta * (b * v + (1 - b) * g), b * v + (1 - b) * g),
            "averaged",
        ),
        (lambda th, v, g, eta, b: (th - eta * (v + b * g), v + b * g), "β multiplies"),
        (lambda th, v, g, eta, b: (th - eta * (b * v + g), v), "never builds up"),
        (lambda th, v, g, eta, b: (th - eta * v, b * v + g), "old velocity"),
        (lambda th, v, g, eta, b: (th - 2 * eta * (b * v + g), b * v + g), "step 1"),
        (lambda th, v, g, eta, b: th - eta * g, "return (theta, velocity)"),
        (lambda th, v, g, eta, b: (np.zeros(3), v), "shaped (2, 3)"),
        (lambda th, v, g, eta, b: 1 / 0, "ZeroDivisionError"),
        ("v = beta * v + g", "expected a function"),
    ],
)
def test_momentum_slips_are_named(answer, words):
    result = check_momentum_step(answer)
    assert not result.passed and words in result.message, result.message


def grad_right(thetas, a, k):
    delta = np.zeros_like(a[-1])
    delta[:, k] = 1.0
    for l in range(len(thetas) - 1, 0, -1):
        delta = (delta @ thetas[l][:, 1:]) * (1 - a[l] ** 2)
    return delta @ thetas[0][:, 1:]


def grad_with_bias(thetas, a, k):
    delta = np.zeros_like(a[-1])
    delta[:, k] = 1.0
    for l in range(len(thetas) - 1, 0, -1):
        delta = (delta @ thetas[l][:, 1:]) * (1 - a[l] ** 2)
    return delta @ thetas[0]


def grad_stopped(thetas, a, k):
    delta = np.zeros_like(a[-1])
    delta[:, k] = 1.0
    for l in range(len(thetas) - 1, 0, -1):
        delta = (delta @ thetas[l][:, 1:]) * (1 - a[l] ** 2)
    return delta


def grad_input_prime(thetas, a, k):
    return grad_right(thetas, a, k) * (1 - a[0] ** 2)


def grad_sigmoid_prime(thetas, a, k):
    delta = np.zeros_like(a[-1])
    delta[:, k] = 1.0
    for l in range(len(thetas) - 1, 0, -1):
        delta = (delta @ thetas[l][:, 1:]) * a[l] * (1 - a[l])
    return delta @ thetas[0][:, 1:]


def grad_cost_delta(thetas, a, k):
    delta = a[-1].copy()
    delta[:, k] -= 1.0
    for l in range(len(thetas) - 1, 0, -1):
        delta = (delta @ thetas[l][:, 1:]) * (1 - a[l] ** 2)
    return delta @ thetas[0][:, 1:]


def grad_loop_per_sample(thetas, a, k):
    """A right answer in another form: one sample at a time, with explicit transposes."""
    rows = []
    for i in range(len(a[0])):
        delta = np.eye(len(a[-1][i]))[k]
        for l in range(len(thetas) - 1, 0, -1):
            delta = thetas[l][:, 1:].T @ delta * (1 - a[l][i] ** 2)
        rows.append(thetas[0][:, 1:].T @ delta)
    return rows


def test_input_gradient_right_forms_pass():
    assert check_input_gradient(grad_right).passed
    assert check_input_gradient(grad_loop_per_sample).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (grad_with_bias, "bias column"),
        (grad_stopped, "first hidden layer"),
        (grad_input_prime, "no activation"),
        (grad_sigmoid_prime, "tanh"),
        (grad_cost_delta, "ŷ − y"),
        (lambda thetas, a, k: -grad_right(thetas, a, k), "sign"),
        (lambda thetas, a, k: 2 * grad_right(thetas, a, k), "not ∂z_k/∂x"),
        (lambda thetas, a, k: thetas[5], "IndexError"),
        (lambda thetas, a, k: "x", "expected an array"),
        (3.0, "expected a function"),
    ],
)
def test_input_gradient_slips_are_named(answer, words):
    result = check_input_gradient(answer)
    assert not result.passed and words in result.message, result.message


def test_unanswered():
    for check in (check_l2_gradient, check_momentum_step, check_input_gradient):
        assert "Not answered" in check(None).message


def test_functions_still_returning_none_are_unanswered():
    assert "Not answered" in check_momentum_step(lambda th, v, g, eta, b: None).message
    assert "Not answered" in check_input_gradient(lambda thetas, a, k: None).message


def test_a_function_that_never_returns_or_asks_the_library_is_named(monkeypatch):
    import backprop_lib.exercises.digits as digits_checkers
    from backprop_lib.exercises.digits import saliency_exercise
    from backprop_lib.saliency import input_gradient

    monkeypatch.setattr(digits_checkers, "SECONDS", 0.3)

    def forever(*args):
        while True:
            pass

    for check in (check_momentum_step, check_input_gradient):
        result = check(forever)
        assert not result.passed and "did not return" in result.message, result.message
    net, X, _ = saliency_exercise()
    asks = lambda thetas, a, k: input_gradient(net, X, k)  # noqa: E731
    result = check_input_gradient(asks)
    assert not result.passed and "library" in result.message, result.message
