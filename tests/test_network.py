"""Network: the public API, the two facts about fit, and an independent hand-worked XOR step."""

import math

import numpy as np
import pytest

from backprop_lib import Network, xor
from backprop_lib.seed_reference import seed_epoch, seed_initial_thetas


def test_xor_is_the_truth_table():
    X, y = xor()
    assert X.dtype == float and y.dtype == float
    assert X.shape == (4, 2) and y.shape == (4, 1)
    assert np.array_equal(y.ravel(), np.logical_xor(X[:, 0], X[:, 1]).astype(float))


def test_shapes_follow_the_bias_column_convention():
    X, y = xor()
    net = Network([2, 3, 2, 1], seed=0)
    assert [t.shape for t in net.thetas] == [(3, 3), (2, 4), (1, 3)]
    fwd = net.forward(X)
    assert fwd.z[0] is None and fwd.a[0] is not None
    assert [a.shape for a in fwd.a] == [(4, 2), (4, 3), (4, 2), (4, 1)]
    assert [z.shape for z in fwd.z[1:]] == [(4, 3), (4, 2), (4, 1)]
    deltas = net.deltas(X, y)
    assert deltas[0] is None
    assert [d.shape for d in deltas[1:]] == [(4, 3), (4, 2), (4, 1)]
    assert [g.shape for g in net.gradients(X, y)] == [t.shape for t in net.thetas]
    assert net.predict(X).shape == (4, 1)
    assert isinstance(net.cost(X, y), float)


def test_forward_is_eq_6_layer_by_layer():
    X, _ = xor()
    net = Network([2, 2, 1], hidden="tanh", output="linear", seed=3)
    fwd = net.forward(X)
    z2 = X @ net.thetas[0][:, 1:].T + net.thetas[0][:, 0]
    np.testing.assert_allclose(fwd.z[1], z2, rtol=1e-14)
    np.testing.assert_allclose(fwd.a[1], np.tanh(z2), rtol=1e-14)
    z3 = np.tanh(z2) @ net.thetas[1][:, 1:].T + net.thetas[1][:, 0]
    np.testing.assert_allclose(fwd.a[2], z3, rtol=1e-14)


def test_thetas_is_a_writable_list_every_method_uses():
    X, y = xor()
    net = Network([2, 2, 1], output="linear", seed=0)
    net.thetas[0] = np.zeros((2, 3))  # hidden units output σ(0) = 0.5
    net.thetas[1] = np.array([[0.25, 1.0, -2.0]])
    expected = 0.25 + 0.5 * 1.0 - 2.0 * 0.5  # = -0.25 for every row
    np.testing.assert_allclose(net.predict(X), np.full((4, 1), expected), rtol=0, atol=1e-15)
    assert net.cost(X, y) == pytest.approx(0.5 * ((expected - y) ** 2).sum(), rel=1e-15)
    net.fit(X, y, eta=0.01, epochs=1)
    assert not np.array_equal(net.thetas[0], np.zeros((2, 3)))  # fit started from them


def test_wrongly_shaped_replacement_theta_is_reported():
    X, y = xor()
    net = Network([2, 2, 1], seed=0)
    net.thetas[1] = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"thetas\[1\].*\(1, 3\)"):
        net.cost(X, y)


@pytest.mark.parametrize(
    "hidden,output,loss",
    [("sigmoid", "sigmoid", "mse"), ("tanh", "linear", "mse"), ("relu", "sigmoid", "bce")],
)
def test_one_epoch_of_fit_is_one_gradient_step(hidden, output, loss):
    X, y = xor()
    net = Network([2, 3, 2, 1], hidden=hidden, output=output, loss=loss, seed=4)
    old = [t.copy() for t in net.thetas]
    grads = net.gradients(X, y)
    history = net.fit(X, y, eta=0.3, epochs=1)
    assert history.cost.shape == (1,)
    assert history.cost[0] == pytest.approx(Network_cost(net, old, X, y), rel=1e-12)
    for new, before, g in zip(net.thetas, old, grads):
        np.testing.assert_allclose(new, before - 0.3 * g, rtol=0, atol=1e-12)


def Network_cost(net, thetas, X, y):
    saved, net.thetas = net.thetas, thetas
    try:
        return net.cost(X, y)
    finally:
        net.thetas = saved


def test_uniform_init_is_the_articles_start():
    net = Network([2, 2, 2, 1], init="uniform", seed=7)
    expected = seed_initial_thetas([2, 2, 2, 1], np.random.default_rng(7))
    for mine, theirs in zip(net.thetas, expected):
        np.testing.assert_array_equal(mine, theirs)
        assert mine.min() >= 0 and mine.max() < 1


def test_glorot_init_is_zero_centred_with_zero_biases():
    net = Network([64, 64, 10], seed=0)
    for theta in net.thetas:
        assert np.all(theta[:, 0] == 0)
        r = math.sqrt(6 / (theta.shape[1] - 1 + theta.shape[0]))
        assert np.abs(theta[:, 1:]).max() <= r
        assert abs(theta[:, 1:].mean()) < 0.1 * r


@pytest.mark.parametrize("layers", [[2, 2, 2, 1], [2, 2, 1], [2, 4, 3, 1]])
def test_sigmoid_bce_reproduces_the_articles_algorithm_epoch_for_epoch(layers):
    X, y = xor()
    net = Network(layers, hidden="sigmoid", output="sigmoid", loss="bce", init="uniform", seed=1)
    theirs = [t.copy() for t in net.thetas]
    for _ in range(300):
        theirs = seed_epoch(theirs, X, y, eta=0.1)
        net.fit(X, y, eta=0.1, epochs=1)
        for mine, ref in zip(net.thetas, theirs):
            np.testing.assert_allclose(mine, ref, rtol=0, atol=1e-12)


def test_articles_delta_is_not_the_mse_gradient():
    X, y = xor()
    mse = Network([2, 2, 2, 1], loss="mse", init="uniform", seed=1)
    theirs = seed_epoch([t.copy() for t in mse.thetas], X, y, eta=0.1)
    mse.fit(X, y, eta=0.1, epochs=1)
    gap = max(np.abs(a - b).max() for a, b in zip(mse.thetas, theirs))
    assert gap > 1e-3  # a sigmoid output with ŷ − y is cross-entropy, not eq. (7)


def test_hand_worked_xor_step_for_a_2_2_1_network():
    """Eqs. (9)-(11) and (17) by hand, one scalar at a time, against Network.gradients/fit."""
    X, y = xor()
    t1 = [[0.1, 0.4, -0.3], [-0.2, 0.2, 0.5]]  # Θ^(1): rows are hidden units, column 0 bias
    t2 = [[0.3, -0.6, 0.7]]  # Θ^(2)
    sig = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    g1 = [[0.0] * 3 for _ in range(2)]
    g2 = [[0.0] * 3]
    for (x1, x2), (target,) in zip(X.tolist(), y.tolist()):
        a2 = [sig(t1[j][0] + t1[j][1] * x1 + t1[j][2] * x2) for j in range(2)]
        y_hat = sig(t2[0][0] + t2[0][1] * a2[0] + t2[0][2] * a2[1])
        d3 = (y_hat - target) * y_hat * (1 - y_hat)  # ∂J/∂z^(3) for ½(ŷ − y)²
        for k, a in enumerate([1.0, *a2]):
            g2[0][k] += d3 * a
        for j in range(2):
            d2 = d3 * t2[0][j + 1] * a2[j] * (1 - a2[j])  # eq. (16)
            for k, a in enumerate([1.0, x1, x2]):
                g1[j][k] += d2 * a
    net = Network([2, 2, 1], seed=0)
    net.thetas = [np.array(t1), np.array(t2)]
    grads = net.gradients(X, y)
    np.testing.assert_allclose(grads[0], g1, rtol=1e-13)
    np.testing.assert_allclose(grads[1], g2, rtol=1e-13)
    net.fit(X, y, eta=0.5, epochs=1)
    np.testing.assert_allclose(net.thetas[0], np.array(t1) - 0.5 * np.array(g1), rtol=1e-13)


def test_training_solves_xor():
    X, y = xor()
    net = Network([2, 3, 1], loss="bce", seed=0)
    history = net.fit(X, y, eta=0.5, epochs=3000)
    assert history.cost[-1] < history.cost[0] / 10
    np.testing.assert_array_equal(net.predict(X) > 0.5, y > 0.5)


def test_same_seed_same_history_different_seed_different():
    X, y = xor()
    h1 = Network([2, 2, 2, 1], seed=42).fit(X, y, eta=0.5, epochs=500).cost
    h2 = Network([2, 2, 2, 1], seed=42).fit(X, y, eta=0.5, epochs=500).cost
    h3 = Network([2, 2, 2, 1], seed=43).fit(X, y, eta=0.5, epochs=500).cost
    np.testing.assert_array_equal(h1, h2)
    assert not np.array_equal(h1, h3)


def test_seed_accepts_a_generator():
    a = Network([2, 2, 1], seed=np.random.default_rng(5))
    b = Network([2, 2, 1], seed=5)
    for ta, tb in zip(a.thetas, b.thetas):
        np.testing.assert_array_equal(ta, tb)


def test_zero_epochs_changes_nothing():
    X, y = xor()
    net = Network([2, 2, 1], seed=0)
    before = [t.copy() for t in net.thetas]
    assert net.fit(X, y, eta=0.1, epochs=0).cost.shape == (0,)
    for t, b in zip(net.thetas, before):
        np.testing.assert_array_equal(t, b)
