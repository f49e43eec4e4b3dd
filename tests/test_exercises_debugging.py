"""The new kinds of exercise: a gradient check of one's own (03), a planted bug fixed (03),
predict-then-run (06) and one more autodiff operation with accumulating grads (07)."""

import math

import numpy as np
import pytest

from backprop_lib.activations import sigmoid
from backprop_lib.autodiff import Value
from backprop_lib.exercises.autodiff_extension import check_autodiff_extension
from backprop_lib.exercises.debugging import (
    broken_gradients,
    check_fixed_gradients,
    check_gradient_check,
    exercise_network,
    suspects,
)
from backprop_lib.exercises.predictions import (
    check_predictions,
    smallest_gradient_layer,
    ten_times_eta_outcome,
)


def gradient_check(cost, grads, thetas, eps=1e-5, restore=True, central=True):
    worst = 0.0
    for theta, grad in zip(thetas, grads):
        for index in np.ndindex(theta.shape):
            kept = theta[index]
            theta[index] = kept + eps
            up = cost(thetas)
            theta[index] = kept - eps if central else kept
            down = cost(thetas)
            if restore:
                theta[index] = kept
            numeric = (up - down) / ((2 if central else 1) * eps)
            a = grad[index]
            worst = max(worst, abs(a - numeric) / max(1e-12, abs(a) + abs(numeric)))
    return worst


def test_the_suspects_hold_exactly_one_wrong_gradient():
    net, X, y, cost = exercise_network()
    errors = {k: gradient_check(cost, f(net.thetas), net.thetas) for k, f in suspects().items()}
    assert [k for k, e in errors.items() if e > 1e-3] == ["B"]
    assert all(e < 1e-6 for k, e in errors.items() if k != "B")


def test_gradient_check_exercise_right_and_slips():
    assert check_gradient_check(gradient_check, "B").passed
    assert check_gradient_check(gradient_check, " b ").passed
    wrong_letter = check_gradient_check(gradient_check, "A")
    assert not wrong_letter.passed and "✗ suspect A passes a gradient check" in str(wrong_letter)
    kept = check_gradient_check(lambda c, g, t: gradient_check(c, g, t, restore=False), "B")
    assert not kept.passed and "put each nudged entry back" in kept.message
    blind = check_gradient_check(lambda c, g, t: 0.0, "B")  # never flags anything
    assert not blind.passed and "✗ a gradient 1 % off gets only" in str(blind)
    one_sided = check_gradient_check(lambda c, g, t: gradient_check(c, g, t, central=False), "B")
    assert not one_sided.passed and "✗ a right gradient gets" in str(one_sided)
    assert "Not answered yet" in check_gradient_check(None, None).message
    assert "Not answered yet" in check_gradient_check(lambda c, g, t: None, None).message
    raises = check_gradient_check(lambda c, g, t: 1 / 0, "B")
    assert not raises.passed and "ZeroDivisionError" in raises.message
    assert not check_gradient_check("not a function", "B").passed
    assert not check_gradient_check(lambda c, g, t: float("nan"), "B").passed


def right_gradients(thetas, X, y):
    a = [X]
    for theta in thetas:
        a.append(sigmoid(a[-1] @ theta[:, 1:].T + theta[:, 0]))
    delta = (a[-1] - y) * a[-1] * (1 - a[-1])
    grads = [None] * len(thetas)
    for l in range(len(thetas) - 1, -1, -1):
        grads[l] = np.hstack([delta.sum(axis=0)[:, None], delta.T @ a[l]])
        if l:
            delta = (delta @ thetas[l][:, 1:]) * a[l] * (1 - a[l])
    return grads


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fixed_gradients_on_random_networks(seed):
    assert check_fixed_gradients(right_gradients, seed=seed).passed
    broken = check_fixed_gradients(broken_gradients, seed=seed)
    assert not broken.passed and "look at δ^(" in broken.message
    assert broken.message.count("\n") == 3  # one line per network


def test_fixed_gradients_unanswered_and_hostile():
    assert "Not answered yet" in check_fixed_gradients(lambda t, X, y: None).message
    assert "Not answered yet" in check_fixed_gradients(None).message
    raised = check_fixed_gradients(lambda t, X, y: 1 / 0, seed=0)
    assert not raised.passed and "ZeroDivisionError" in raised.message
    assert not check_fixed_gradients(lambda t, X, y: "x" * 10_000, seed=0).passed


def test_predictions_are_compared_with_the_runs():
    assert smallest_gradient_layer() == 1 and ten_times_eta_outcome() == "higher"
    assert check_predictions(1, "higher").passed
    assert check_predictions(1.0, " Higher ").passed
    half = check_predictions(5, "higher")
    assert not half.passed and str(half).startswith("✗ smallest gradient: you said Θ^(5)")
    assert "✓ 10 × η" in str(half)
    for bad in ((0, "higher"), (6, "higher"), (1, "faster"), ("one", "higher")):
        assert not check_predictions(*bad).passed
    assert "Not answered yet" in check_predictions(None, "higher").message


def value_sin(v):
    return Value(math.sin(v.data), (v,), (math.cos(v.data),), "sin")


def backward(out, accumulate=True, reset=True):
    order = out.topological_order()
    if reset:
        for node in order:
            node.grad = 0.0
    out.grad = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local):
            if accumulate:
                parent.grad += local * node.grad
            else:
                parent.grad = local * node.grad


def test_autodiff_extension_right_and_slips():
    assert check_autodiff_extension(value_sin, backward).passed
    overwrite = check_autodiff_extension(value_sin, lambda o: backward(o, accumulate=False))
    assert not overwrite.passed and "✗ J = a + a: ∂J/∂a is not right; a Value used twice" in str(
        overwrite
    )
    stale = check_autodiff_extension(value_sin, lambda o: backward(o, reset=False))
    assert not stale.passed and "set every grad to 0" in stale.message

    def minus_cos(v):
        return Value(math.sin(v.data), (v,), (-math.cos(v.data),), "sin")

    signed = check_autodiff_extension(minus_cos, backward)
    assert not signed.passed and "wrong sign" in signed.message
    assert "✓ J = a + a" in str(signed)  # a + a does not use sin: that line stays right
    assert "Not answered yet" in check_autodiff_extension(lambda v: None, backward).message
    assert "Not answered yet" in check_autodiff_extension(None, None).message
    broken = check_autodiff_extension(lambda v: 1 / 0, backward)
    assert not broken.passed and "ZeroDivisionError" in broken.message
