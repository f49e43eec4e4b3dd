"""L2 weight decay, momentum, Adam and the input gradient: each against a readable version.

L2 is gradient-checked with every activation × loss pairing; the fast rules of fit are held
equal to plain loops over Network.gradients with the readable rules of optimisers; the input
gradient is checked against central differences.
"""

import numpy as np
import pytest
from pairings import PAIRINGS

from backprop_lib import Network, central_difference, gradient_check
from backprop_lib.data import spiral
from backprop_lib.optimisers import adam_update, l2_penalty, momentum_update, weight_decay_gradient
from backprop_lib.saliency import input_gradient, saliency_maps


def random_targets(loss, m, width, rng):
    """Targets the loss accepts: class indices for "ce", numbers in [0, 1] for "bce"."""
    if loss == "ce":
        return rng.integers(0, width, size=m)
    return rng.random((m, width)) if loss == "bce" else rng.normal(size=(m, width))


@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("hidden,output,loss", PAIRINGS)
def test_l2_gradients_match_central_differences(hidden, output, loss, reduction):
    assert len(PAIRINGS) == 24
    rng = np.random.default_rng(sorted(PAIRINGS).index((hidden, output, loss)))
    layers = [3, 4, 3] if output == "softmax" else [3, 4, 2]
    for _ in range(100):  # a draw whose z all keep away from ReLU's kink at 0
        X = rng.normal(size=(5, 3))
        y = random_targets(loss, 5, layers[-1], rng)
        net = Network(layers, hidden, output, loss, seed=rng, reduction=reduction, l2=0.3)
        for theta in net.thetas:
            theta += rng.normal(scale=0.3, size=theta.shape)
        if all(np.abs(z).min() > 1e-2 for z in net.forward(X).z[1:]):
            break
    assert gradient_check(net, X, y) < 1e-7


def test_l2_adds_half_lambda_sum_of_squared_weights_and_lambda_w():
    X, y = spiral(n=20, seed=1, classes=3)
    plain = Network([2, 5, 3], "tanh", "softmax", "ce", seed=2)
    decayed = Network([2, 5, 3], "tanh", "softmax", "ce", seed=2, l2=0.5)
    squares = sum(np.sum(t[:, 1:] ** 2) for t in plain.thetas)
    assert decayed.cost(X, y) == pytest.approx(plain.cost(X, y) + 0.25 * squares, rel=1e-14)
    for g0, g1, t in zip(plain.gradients(X, y), decayed.gradients(X, y), plain.thetas):
        np.testing.assert_allclose(g1[:, 1:] - g0[:, 1:], 0.5 * t[:, 1:], rtol=1e-12)
        np.testing.assert_array_equal(g1[:, 0], g0[:, 0])  # biases are not decayed
    assert "l2=0.5" in repr(decayed) and "l2" not in repr(plain)
    np.testing.assert_array_equal(weight_decay_gradient(plain.thetas[0], 0.0), 0.0)


def readable_fit(net, X, y, eta, epochs, batch_size, rule="sgd", beta=0.0):
    """Mini-batch descent written out: the same permutations as fit, net.gradients, a rule."""
    order = np.random.default_rng(0)
    thetas = [t.copy() for t in net.thetas]
    state = [np.zeros_like(t) for t in thetas]
    adam = [(np.zeros_like(t), np.zeros_like(t)) for t in thetas]
    costs, t = [], 0
    for _ in range(epochs):
        net.thetas = thetas
        costs.append(net.cost(X, y) - l2_penalty(thetas, net.l2))  # History: J without it
        rows = order.permutation(len(X))
        for start in range(0, len(X), batch_size):
            part = rows[start : start + batch_size]
            net.thetas = thetas
            grads = net.gradients(X[part], y[part])
            t += 1
            if rule == "momentum":
                moved = [
                    momentum_update(th, v, g, eta, beta) for th, v, g in zip(thetas, state, grads)
                ]
                thetas, state = [m[0] for m in moved], [m[1] for m in moved]
            elif rule == "adam":
                moved = [adam_update(th, s, g, eta, t) for th, s, g in zip(thetas, adam, grads)]
                thetas, adam = [m[0] for m in moved], [m[1] for m in moved]
            else:
                thetas = [th - eta * g for th, g in zip(thetas, grads)]
    net.thetas = thetas
    return np.array(costs)


@pytest.mark.parametrize(
    "rule, options",
    [
        ("sgd", {}),
        ("momentum", {"momentum": 0.9}),
        ("adam", {"optimizer": "adam"}),
    ],
)
@pytest.mark.parametrize("l2", [0.0, 0.01])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_fit_rules_equal_the_readable_loop(rule, options, l2, reduction):
    X, y = spiral(n=60, seed=3, classes=3)
    settings = dict(hidden="tanh", output="softmax", loss="ce", seed=4, l2=l2, reduction=reduction)
    eta = (0.01 if reduction == "sum" else 0.1) if rule != "adam" else 0.01
    fast, slow = Network([2, 6, 3], **settings), Network([2, 6, 3], **settings)
    history = fast.fit(X, y, eta=eta, epochs=5, batch_size=16, **options)
    costs = readable_fit(slow, X, y, eta, 5, 16, rule, options.get("momentum", 0.0))
    for a, b in zip(fast.thetas, slow.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-11)
    np.testing.assert_allclose(history.cost, costs, rtol=1e-11)
    assert not np.allclose(fast.thetas[0], Network([2, 6, 3], **settings).thetas[0])


def test_full_batch_l2_and_momentum_equal_the_readable_loop():
    X, y = spiral(n=30, seed=5, classes=2)
    settings = dict(hidden="sigmoid", output="sigmoid", loss="bce", seed=6, l2=0.1)
    fast, slow = Network([2, 4, 1], **settings), Network([2, 4, 1], **settings)
    history = fast.fit(X, y, eta=0.05, epochs=20, momentum=0.8)
    costs = readable_fit(slow, X, y, 0.05, 20, len(X), "momentum", 0.8)
    for a, b in zip(fast.thetas, slow.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-11)
    np.testing.assert_allclose(history.cost, costs, rtol=1e-11)


def test_momentum_zero_is_the_plain_step_bit_for_bit():
    X, y = spiral(n=40, seed=7, classes=3)
    a = Network([2, 5, 3], "tanh", "softmax", "ce", seed=1)
    b = Network([2, 5, 3], "tanh", "softmax", "ce", seed=1)
    a.fit(X, y, eta=0.05, epochs=10, batch_size=8)
    b.fit(X, y, eta=0.05, epochs=10, batch_size=8, momentum=0.0, optimizer="sgd")
    for ta, tb in zip(a.thetas, b.thetas):
        np.testing.assert_array_equal(ta, tb)


@pytest.mark.parametrize(
    "options, match",
    [
        ({"momentum": 1.0}, "momentum"),
        ({"momentum": -0.1}, "momentum"),
        ({"momentum": "0.9"}, "momentum"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"optimizer": "adam", "momentum": 0.9}, "momentum"),
    ],
)
def test_bad_rules_are_named(options, match):
    X, y = spiral(n=10, seed=0, classes=2)
    with pytest.raises((ValueError, TypeError), match=match):
        Network([2, 3, 2], "tanh", "softmax", "ce").fit(X, y, epochs=1, **options)


@pytest.mark.parametrize("l2", [-1.0, float("nan"), float("inf"), "0.1", None])
def test_bad_l2_is_named(l2):
    with pytest.raises((ValueError, TypeError), match="l2"):
        Network([2, 3, 1], l2=l2)


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "linear"])
@pytest.mark.parametrize("output", ["softmax", "sigmoid", "linear"])
def test_input_gradient_matches_central_differences(hidden, output):
    rng = np.random.default_rng(11)
    loss = {"softmax": "ce", "sigmoid": "bce", "linear": "mse"}[output]
    net = Network([6, 5, 4, 3], hidden, output, loss, seed=3)
    X = rng.random((4, 6))
    if hidden == "relu":
        for theta in net.thetas:
            theta[:, 0] += 0.3
    for k in range(3):
        grad = input_gradient(net, X, k)
        for i in range(len(X)):
            for j in range(6):

                def score(v, i=i, j=j, k=k):
                    x = X[i : i + 1].copy()
                    x[0, j] = v
                    return net.forward(x).z[-1][0, k]

                numeric = central_difference(score, X[i, j], eps=1e-4)
                assert abs(grad[i, j] - numeric) < 1e-8 * max(1.0, abs(numeric))


def test_saliency_maps_stack_every_class_and_bad_k_is_named():
    net = Network([4, 3, 3], "tanh", "softmax", "ce", seed=0)
    X = np.random.default_rng(0).random((2, 4))
    maps = saliency_maps(net, X)
    assert maps.shape == (3, 2, 4)
    np.testing.assert_array_equal(maps[1], input_gradient(net, X, 1))
    with pytest.raises(ValueError, match="k"):
        input_gradient(net, X, 3)
    with pytest.raises(TypeError, match="net"):
        input_gradient("net", X, 0)
