"""Issue 11's options: softmax + categorical cross-entropy, the mean cost, mini-batch SGD.

Each is held three ways: the readable Network (forward, deltas, gradients), the fast loop behind
fit, and train_many, which must agree to ~1e-12; the article's defaults stay as they were.
"""

import re
import warnings

import numpy as np
import pytest

from backprop_lib import Network, xor
from backprop_lib.activations import softmax
from backprop_lib.data import spiral
from backprop_lib.losses import ce
from backprop_lib.training import train_many

RNG = np.random.default_rng(11)
X3 = RNG.normal(size=(7, 3))
CLASSES3 = np.array([0, 2, 1, 1, 0, 2, 2])  # class indices for K = 3
ONE_HOT3 = np.eye(3)[CLASSES3]

# (layers, settings, y): every output/loss pairing, with a softmax among them
SETUPS = [
    ([3, 4, 3], dict(hidden="tanh", output="softmax", loss="ce"), CLASSES3),
    ([3, 5, 4, 3], dict(hidden="relu", output="softmax", loss="ce"), ONE_HOT3),
    ([3, 4, 2], dict(hidden="sigmoid", output="sigmoid", loss="bce"), RNG.random((7, 2))),
    ([3, 4, 1], dict(hidden="sigmoid", output="sigmoid", loss="mse"), RNG.random((7, 1))),
    ([3, 4, 2], dict(hidden="tanh", output="linear", loss="mse"), RNG.normal(size=(7, 2))),
    ([3, 2], dict(output="softmax", loss="ce"), CLASSES3[:, None] % 2),  # no hidden layer
]
IDS = ["softmax-ce-tanh", "softmax-ce-relu-onehot", "bce", "mse-sigmoid", "mse-linear", "flat"]


def network(layers, settings, reduction="sum", seed=3):
    return Network(layers, seed=seed, reduction=reduction, **settings)


def one_hot_for(net, y):
    return np.eye(net.layers[-1])[np.ravel(y).astype(int)] if net.loss == "ce" else y


# -- softmax and the categorical cross-entropy ---------------------------------------------


def test_softmax_rows_are_probabilities_and_stable():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0], [-800.0, -800.0, -800.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(p[0], np.exp(z[0]) / np.exp(z[0]).sum(), rtol=1e-15)
    np.testing.assert_array_equal(p[1], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(p[2], 1 / 3, rtol=1e-15)
    assert np.all(softmax(z + 50.0) == p)  # adding a constant to a row changes nothing


def test_cross_entropy_from_z_is_minus_log_likelihood_and_never_overflows():
    z = RNG.normal(size=(5, 4))
    y = np.eye(4)[[0, 3, 1, 1, 2]]
    naive = -np.sum(y * np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)))
    assert ce(softmax(z), y, z) == pytest.approx(naive, rel=1e-14)
    big = np.array([[1000.0, 0.0, 0.0], [0.0, 0.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # the first row is sure of class 0 and wrong (class 1): ln(1 + 2e^-1000) + 1000 = 1000
        assert ce(softmax(big), np.eye(3)[[1, 2]], big) == pytest.approx(1000.0, rel=1e-15)


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_output_delta_of_softmax_ce_is_y_hat_minus_y(reduction):
    net = network([3, 4, 3], SETUPS[0][1], reduction)
    delta = net.deltas(X3, CLASSES3)[-1]
    scale = 1.0 if reduction == "sum" else 1 / len(X3)
    np.testing.assert_allclose(delta, scale * (net.predict(X3) - ONE_HOT3), rtol=1e-15)
    np.testing.assert_allclose(net.predict(X3).sum(axis=1), 1.0, rtol=1e-15)


@pytest.mark.parametrize(
    "y",
    [CLASSES3, CLASSES3[:, None], CLASSES3.astype(float), ONE_HOT3, CLASSES3.tolist()],
    ids=["indices", "column", "whole-floats", "one-hot", "list"],
)
def test_class_indices_and_one_hot_rows_are_the_same_targets(y):
    net = network([3, 4, 3], SETUPS[0][1])
    assert net.cost(X3, y) == net.cost(X3, ONE_HOT3)
    for a, b in zip(net.gradients(X3, y), net.gradients(X3, ONE_HOT3)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "y,message",
    [
        (np.array([0, 1, 3, 0, 0, 0, 0]), r"from 0 to 2 .*found 3"),
        (np.array([0, 1, -1, 0, 0, 0, 0]), r"found -1"),
        (np.array([0, 1, 1.5, 0, 0, 0, 0]), r"found 1\.5"),
        (np.where(ONE_HOT3 == 0, 0.5, 0.0), r"row 0 is \[0\.0, 0\.5, 0\.5\], not one-hot"),
        (ONE_HOT3 + np.eye(3)[[1, 0, 0, 0, 0, 0, 0]], r"row 0 .*not one-hot"),
        (ONE_HOT3[:, :2], r"shape \(7, 2\)"),
        (np.zeros((7, 3, 1)), r"shape \(7, 3, 1\)"),
    ],
)
def test_bad_class_targets_are_named(y, message):
    net = network([3, 4, 3], SETUPS[0][1])
    with pytest.raises(ValueError, match=r"^y: for loss='ce', expected class indices.*" + message):
        net.cost(X3, y)


@pytest.mark.parametrize(
    "settings,message",
    [
        (dict(output="softmax", loss="mse"), r"loss: output='softmax' is paired with loss='ce'"),
        (dict(output="softmax", loss="bce"), r"loss: 'bce' .*needs output='sigmoid'"),
        (dict(output="sigmoid", loss="ce"), r"loss: 'ce' .*needs output='softmax'"),
        (dict(output="linear", loss="ce"), r"loss: 'ce' .*got output='linear'"),
        (dict(hidden="softmax", output="softmax", loss="ce"), r"hidden: .*for the output layer"),
        (dict(reduction="average"), r"reduction: expected one of 'sum', 'mean'; got 'average'"),
        (dict(reduction=None), r"reduction: expected one of"),
    ],
)
def test_pairings_the_library_does_not_do_are_refused(settings, message):
    with pytest.raises(ValueError, match=message):
        Network([3, 4, 3], **settings)


def test_a_softmax_needs_two_classes():
    with pytest.raises(ValueError, match=r"layers: output='softmax' needs at least 2 output"):
        Network([3, 4, 1], output="softmax", loss="ce")


def test_softmax_learns_three_spiral_arms_full_batch_and_mini_batch():
    X, y = spiral(n=150, noise=0.05, seed=0, classes=3)
    for eta, epochs, batch_size in [(0.5, 1500, None), (0.3, 300, 16)]:
        net = Network(
            [2, 32, 32, 3], hidden="tanh", output="softmax", loss="ce", seed=0, reduction="mean"
        )
        history = net.fit(X, y, eta=eta, epochs=epochs, batch_size=batch_size)
        accuracy = np.mean(net.predict(X).argmax(axis=1) == y[:, 0])
        assert history.cost[-1] < history.cost[0] / 10 and accuracy > 0.95


# -- the mean ----------------------------------------------------------------------------------


@pytest.mark.parametrize("layers,settings,y", SETUPS, ids=IDS)
def test_mean_is_the_sum_over_m_in_cost_deltas_and_gradients(layers, settings, y):
    total, mean = network(layers, settings, "sum"), network(layers, settings, "mean")
    m = len(X3)
    assert mean.cost(X3, y) == pytest.approx(total.cost(X3, y) / m, rel=1e-15)
    for a, b in zip(mean.deltas(X3, y)[1:], total.deltas(X3, y)[1:]):
        np.testing.assert_allclose(a, b / m, rtol=1e-14, atol=1e-300)
    for a, b in zip(mean.gradients(X3, y), total.gradients(X3, y)):
        np.testing.assert_allclose(a, b / m, rtol=1e-13, atol=1e-16)
    assert repr(mean).endswith("reduction='mean')") and "reduction" not in repr(total)


def test_the_articles_defaults_are_unchanged():
    net = Network([2, 2, 2, 1])
    assert (net.hidden, net.output, net.loss, net.reduction) == ("sigmoid", "sigmoid", "mse", "sum")
    X, y = xor()
    history = net.fit(X, y, eta=0.1, epochs=5)
    np.testing.assert_array_equal(history.batch_cost, history.cost[:, None])


# -- the fast loop and train_many against the readable Network ---------------------------------


@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("layers,settings,y", SETUPS, ids=IDS)
@pytest.mark.parametrize("batch_size", [None, 1, 3], ids=["full", "b1", "b3"])
def test_fit_is_the_readable_algorithm(layers, settings, y, reduction, batch_size):
    eta = 0.05 if reduction == "sum" else 0.3  # every setup's J falls: no chaos to amplify
    net = network(layers, settings, reduction)
    twin = network(layers, settings, reduction)
    history = net.fit(X3, y, eta=eta, epochs=40, batch_size=batch_size, shuffle_seed=5)
    readable = twin.readable_fit(X3, y, eta=eta, epochs=40, batch_size=batch_size, shuffle_seed=5)
    assert readable.cost[-1] < readable.cost[0]
    for a, b in zip(net.thetas, twin.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    np.testing.assert_allclose(history.cost, readable.cost, rtol=1e-12)
    np.testing.assert_allclose(history.batch_cost, readable.batch_cost, rtol=1e-12)
    batches = 1 if batch_size is None else -(-len(X3) // batch_size)
    assert history.cost.shape == (40,) and history.batch_cost.shape == (40, batches)


@pytest.mark.parametrize("layers,settings,y", SETUPS, ids=IDS)
def test_a_batch_of_every_sample_is_the_full_batch_exactly(layers, settings, y):
    full = network(layers, settings)
    expected = full.fit(X3, y, eta=0.3, epochs=50)
    for batch_size in (len(X3), len(X3) + 5):
        net = network(layers, settings)
        history = net.fit(X3, y, eta=0.3, epochs=50, batch_size=batch_size, shuffle_seed=9)
        np.testing.assert_array_equal(history.cost, expected.cost)
        np.testing.assert_array_equal(history.batch_cost, expected.batch_cost)
        for a, b in zip(net.thetas, full.thetas):
            np.testing.assert_array_equal(a, b)


def test_the_shuffle_is_seeded():
    layers, settings, y = SETUPS[0]
    runs = {}
    for key, seed in (("a", 1), ("b", 1), ("c", 2), ("gen", np.random.default_rng(1))):
        net = network(layers, settings)
        runs[key] = net.fit(X3, y, eta=0.3, epochs=10, batch_size=2, shuffle_seed=seed).batch_cost
    np.testing.assert_array_equal(runs["a"], runs["b"])
    np.testing.assert_array_equal(runs["a"], runs["gen"])
    assert not np.array_equal(runs["a"], runs["c"])


@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("layers,settings,y", SETUPS[:3], ids=IDS[:3])
@pytest.mark.parametrize("batch_size", [None, 2])
def test_train_many_runs_equal_their_own_fit(layers, settings, y, reduction, batch_size):
    seeds = [0, 4, 9]
    eta = 0.05 if reduction == "sum" else 0.3
    result = train_many(
        layers,
        X3,
        y,
        eta=eta,
        epochs=30,
        seeds=seeds,
        reduction=reduction,
        batch_size=batch_size,
        shuffle_seed=3,
        **settings,
    )
    assert result.diverged == {}
    for r, seed in enumerate(seeds):
        net = network(layers, settings, reduction, seed=seed)
        history = net.fit(X3, y, eta=eta, epochs=30, batch_size=batch_size, shuffle_seed=3)
        assert result.networks[r].reduction == reduction
        for a, b in zip(result.networks[r].thetas, net.thetas):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.cost[r], history.cost, rtol=1e-12)


def test_mini_batch_divergence_puts_back_the_start_of_the_epoch():
    X, y = spiral(n=40, noise=0.1, seed=1)
    settings = dict(hidden="relu", output="linear", loss="mse", seed=2)
    net = Network([2, 16, 1], **settings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(FloatingPointError, match=r"^fit: training diverged at epoch") as caught:
            net.fit(X, y, eta=1.0, epochs=200, batch_size=4, shuffle_seed=0)
    fail = int(re.search(r"epoch (\d+)", str(caught.value)).group(1))
    assert fail > 0
    # the same call for `fail` epochs ends exactly where the diverged run was put back
    again = Network([2, 16, 1], **settings)
    history = again.fit(X, y, eta=1.0, epochs=fail, batch_size=4, shuffle_seed=0)
    assert np.all(np.isfinite(history.batch_cost))
    for a, b in zip(net.thetas, again.thetas):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        (dict(batch_size=0), ValueError, r"batch_size: expected a whole number ≥ 1"),
        (dict(batch_size=2.5), TypeError, r"batch_size: expected a whole number"),
        (dict(batch_size=True), TypeError, r"batch_size: expected a whole number"),
        (dict(batch_size="32"), TypeError, r"batch_size: expected a whole number"),
        (dict(shuffle_seed=-1), ValueError, r"shuffle_seed: expected an int ≥ 0"),
        (dict(shuffle_seed=None), TypeError, r"shuffle_seed: expected an int ≥ 0"),
        (dict(shuffle_seed=1.0), TypeError, r"shuffle_seed: expected an int ≥ 0"),
    ],
)
def test_bad_batch_settings_are_named(kwargs, error, message):
    net = network(*SETUPS[0][:2])
    before = [t.copy() for t in net.thetas]
    with pytest.raises(error, match=message):
        net.fit(X3, CLASSES3, eta=0.1, epochs=3, **kwargs)
    with pytest.raises(error, match=message):
        train_many([3, 4, 3], X3, CLASSES3, eta=0.1, epochs=3, seeds=[0], **SETUPS[0][1], **kwargs)
    for a, b in zip(net.thetas, before):
        np.testing.assert_array_equal(a, b)


# -- the 3-class spiral ------------------------------------------------------------------------


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_spiral_arms_are_the_first_arm_turned(classes):
    X, y = spiral(n=301, noise=0.0, seed=4, classes=classes)
    labels = y[:, 0].astype(int)
    assert X.shape == (301, 2) and y.shape == (301, 1) and y.dtype == float
    counts = np.bincount(labels)
    assert counts.sum() == 301 and counts.max() - counts.min() <= 1 and len(counts) == classes
    r, angle = np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])
    offset = 2 * np.pi * labels / classes
    wound = np.angle(np.exp(1j * (angle - 2 * np.pi * 1.25 * r - offset)))  # wrapped to (−π, π]
    np.testing.assert_allclose(wound, 0.0, atol=1e-9)


def test_two_arm_spiral_is_unchanged_by_the_classes_argument():
    a, b = spiral(n=99, noise=0.2, seed=7), spiral(n=99, noise=0.2, seed=7, classes=2)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        (dict(classes=1), ValueError, r"classes: expected a whole number from 2 to 10"),
        (dict(classes=11), ValueError, r"classes: expected a whole number from 2 to 10"),
        (dict(classes=3.0), TypeError, r"classes: expected a whole number"),
        (dict(classes="3"), TypeError, r"classes: expected a whole number"),
        (dict(classes=True), TypeError, r"classes: expected a whole number"),
        (dict(n=4, classes=5), ValueError, r"n: expected at least one sample per class"),
    ],
)
def test_spiral_classes_are_checked(kwargs, error, message):
    with pytest.raises(error, match=message):
        spiral(**kwargs)
