"""Network: the public API, the readable training loop and the fast one, an independent
hand-worked XOR step, and bad or hostile input (a short clear error naming the parameter,
the parameters unchanged, no warnings, an answer within seconds whatever is asked)."""

import math
import re
import time
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from refusals import refused

from backprop_lib import Diverged, Network, xor
from backprop_lib.activations import sigmoid
from backprop_lib.seed_reference import seed_epoch, seed_initial_thetas
from backprop_lib.validation import MAX_EPOCHS, MAX_PARAMETERS, MAX_VALUES, MAX_WIDTH, shown

pytestmark = pytest.mark.filterwarnings("error")
X, Y = xor()


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


# -- the readable loop and the fast one ----------------------------------------------------
DIVERGING = dict(hidden="relu", output="linear")  # at η = 3 an update leaves float64's range


def twins(layers=(2, 8, 1), **settings):
    return [Network(list(layers), seed=0, **settings) for _ in range(2)]


def test_one_full_batch_epoch_is_eq_12_with_the_networks_own_gradients():
    net, by_hand = twins()
    gradients = by_hand.gradients(X, Y)
    expected = [t - 0.3 * g for t, g in zip(by_hand.thetas, gradients)]
    history = net.readable_fit(X, Y, eta=0.3, epochs=1)
    for theta, wanted in zip(net.thetas, expected):
        np.testing.assert_array_equal(theta, wanted)  # the same operations: bit for bit
    assert history.cost[0] == by_hand.cost(X, Y)
    assert history.batch_cost.shape == (1, 1)


@pytest.mark.parametrize("batch_size", [None, 1, 3, 4, 9])
@pytest.mark.parametrize("settings", [{}, dict(loss="bce"), dict(hidden="tanh", reduction="mean")])
def test_fit_equals_the_readable_loop(settings, batch_size):
    fast, readable = twins(**settings)
    kwargs = dict(eta=0.3, epochs=200, batch_size=batch_size, shuffle_seed=2)
    a, b = fast.fit(X, Y, **kwargs), readable.readable_fit(X, Y, **kwargs)
    assert a.cost.shape == b.cost.shape == (200,)
    assert a.batch_cost.shape == b.batch_cost.shape
    np.testing.assert_allclose(a.cost, b.cost, rtol=1e-12)
    np.testing.assert_allclose(a.batch_cost, b.batch_cost, rtol=1e-12)
    for s, t in zip(fast.thetas, readable.thetas):
        np.testing.assert_allclose(s, t, rtol=0, atol=1e-12)
    assert b.cost[-1] < b.cost[0]  # they trained, so the comparison means something


@pytest.mark.parametrize("batch_size", [None, 2, 3])
def test_both_loops_diverge_at_the_same_update_for_the_same_cause(batch_size):
    fast, readable = twins(**DIVERGING)
    errors = []
    for fit in (fast.fit, readable.readable_fit):
        with pytest.raises(Diverged) as caught:
            fit(X, Y, eta=3.0, epochs=300, batch_size=batch_size)
        errors.append(caught.value)
    assert isinstance(errors[0], FloatingPointError)  # `except FloatingPointError` still works
    assert errors[0].epoch == errors[1].epoch > 0
    assert errors[0].cause == errors[1].cause
    assert str(errors[0]) == str(errors[1])
    assert f"epoch {errors[0].epoch}" in str(errors[0]) and errors[0].cause in str(errors[0])
    for s, t in zip(fast.thetas, readable.thetas):  # both left as at that epoch's start
        np.testing.assert_allclose(s, t, rtol=1e-9)
    assert max(np.abs(t).max() for t in fast.thetas) < 1.35e154


def test_no_epochs_is_an_empty_history():
    for fit in (Network([2, 2, 1], seed=0).fit, Network([2, 2, 1], seed=0).readable_fit):
        history = fit(X, Y, epochs=0, batch_size=3)
        assert history.cost.shape == (0,) and history.batch_cost.shape == (0, 2)


def test_readable_fit_checks_its_arguments_as_fit_does():
    net = Network([2, 2, 1], seed=0)
    for bad, name in [
        (dict(eta=-1.0), "eta"),
        (dict(epochs=-1), "epochs"),
        (dict(batch_size=0), "batch_size"),
    ]:
        with pytest.raises(ValueError, match=name):
            net.readable_fit(X, Y, **bad)
        with pytest.raises(ValueError, match=name):
            net.fit(X, Y, **bad)


def net():
    return Network([2, 2, 1], seed=0)


# -- bad input: a clear error naming the parameter -------------------------------------------


@pytest.mark.parametrize(
    "eta,error",
    [
        (0, ValueError),
        (-0.1, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        ("0.1", TypeError),
        (None, TypeError),
    ],
)
def test_fit_rejects_bad_eta(eta, error):
    with pytest.raises(error, match=r"eta: expected"):
        net().fit(X, Y, eta=eta, epochs=1)


@pytest.mark.parametrize("epochs,error", [(-1, ValueError), (2.0, TypeError), (None, TypeError)])
def test_fit_rejects_bad_epochs(epochs, error):
    with pytest.raises(error, match=r"epochs: expected a whole number"):
        net().fit(X, Y, eta=0.1, epochs=epochs)


BAD_DATA = [
    (np.ones((4, 3)), Y, ValueError, r"X: expected 2 column"),
    (X, np.ones((4, 2)), ValueError, r"y: expected 1 column"),
    (X, Y[:3], ValueError, r"X and y: expected the same number of rows.*4 and 3"),
    (np.ones((0, 2)), np.ones((0, 1)), ValueError, r"X: expected at least one sample"),
    (np.array([["a", "b"]] * 4), Y, TypeError, r"X: expected numbers"),
    (X, np.array([["no"]] * 4), TypeError, r"y: expected numbers"),
    (np.where(X == 1, np.nan, X), Y, ValueError, r"X: expected finite numbers"),
    (X, np.full((4, 1), np.inf), ValueError, r"y: expected finite numbers"),
    (np.ones(2), Y, ValueError, r"X: expected a 2-D array"),
]


@pytest.mark.parametrize("method", ["fit", "cost", "gradients", "deltas"])
@pytest.mark.parametrize("Xb,yb,error,message", BAD_DATA)
def test_methods_reject_bad_data(method, Xb, yb, error, message):
    with pytest.raises(error, match=message):
        getattr(net(), method)(Xb, yb)


@pytest.mark.parametrize("method", ["predict", "forward"])
def test_predict_rejects_bad_X(method):
    with pytest.raises(ValueError, match=r"X: expected 2 column"):
        getattr(net(), method)(np.ones((4, 5)))


def test_one_dimensional_y_is_a_column_for_one_output():
    n = net()
    assert n.cost(X, Y.ravel()) == n.cost(X, Y)


def test_sigmoid_is_stable_and_exact_at_zero():
    x = np.linspace(-1e4, 1e4, 20001)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(x)
    assert np.all(np.isfinite(s)) and s.min() >= 0 and s.max() <= 1
    assert sigmoid(0.0) == 0.5
    assert sigmoid(-1e4) == 0.0 and sigmoid(1e4) == 1.0
    assert np.all(np.diff(s) >= 0)


def test_divergence_stops_at_once_with_a_clear_error_and_no_warnings():
    X2 = np.array([[1.0, 2.0], [3.0, -1.0], [-2.0, 0.5], [0.0, 1.0]]) * 10
    y2 = np.array([[1.0], [-2.0], [3.0], [0.0]])
    n = Network([2, 8, 1], hidden="relu", output="linear", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(FloatingPointError, match=r"epoch \d+.*smaller eta"):
            n.fit(X2, y2, eta=5.0, epochs=10_000)
    assert all(np.all(np.isfinite(t)) for t in n.thetas)  # left at the last finite state


def test_check_int_names_the_parameter_and_the_range():
    from backprop_lib.validation import check_int

    assert check_int("k", np.int64(3), 1, 3) == 3 and type(check_int("k", 3, 1)) is int
    with pytest.raises(ValueError, match=r"^k: expected a whole number from 1 to 3, got 4$"):
        check_int("k", 4, 1, 3)
    with pytest.raises(ValueError, match=r"^depth: expected a whole number ≥ 1 \(θ's\), got 0$"):
        check_int("depth", 0, 1, meaning="θ's")
    for bad in (2.0, True, "2", None):
        with pytest.raises(TypeError, match=r"^k: expected a whole number ≥ 1, got "):
            check_int("k", bad, 1)


# -- hostile input: short errors, the parameters unchanged, within seconds --------------------
LONG = "x" * 10_000


def snapshot(net):
    return [np.array(t, copy=True) for t in net.thetas]


def unchanged(net, before):
    assert len(net.thetas) == len(before)
    for a, b in zip(net.thetas, before):
        np.testing.assert_array_equal(a, b)


# -- the constructor ---------------------------------------------------------------------------

CONSTRUCTOR = [
    # (arguments, error, the parameter its message names, what else it says or None)
    # layers: ordered sequences of at least two positive whole numbers, within the limits
    (dict(layers=[]), ValueError, "layers", r"layers: expected at least two"),
    (dict(layers=[3]), ValueError, "layers", r"layers: expected at least two"),
    (dict(layers="2,2,1"), TypeError, "layers", r"layers: expected an ordered list"),
    (dict(layers={2, 1}), TypeError, "layers", None),
    (dict(layers={2: 1}), TypeError, "layers", None),
    (dict(layers=(n for n in [2, 1])), TypeError, "layers", None),
    (dict(layers=None), TypeError, "layers", None),
    (dict(layers=3), TypeError, "layers", None),
    (dict(layers=LONG), TypeError, "layers", None),
    (dict(layers=[2, 0, 1]), ValueError, "layers[1]", r"layers\[1\]: expected a positive integer"),
    (dict(layers=[2, -3, 1]), ValueError, "layers[1]", r"layers\[1\]: expected a positive integer"),
    (dict(layers=[2, 2.5, 1]), TypeError, "layers[1]", r"layers\[1\]: expected a positive integer"),
    (dict(layers=[2, "2", 1]), TypeError, "layers[1]", None),
    (dict(layers=[2, [2], 1]), TypeError, "layers[1]", None),
    (dict(layers=[2, True, 1]), TypeError, "layers[1]", None),
    (dict(layers=[2, 2.0, 1]), TypeError, "layers[1]", None),
    (dict(layers=[2, 10**400, 1]), ValueError, "layers[1]", None),
    (dict(layers=[2, MAX_WIDTH + 1, 1]), ValueError, "layers[1]", None),
    (dict(layers=[2, 10**6, 10**6, 1]), ValueError, "layers[1]", None),
    (dict(layers=[2, 2000, 2000, 1]), ValueError, "parameters", None),
    (dict(layers=[2] * 101), ValueError, "layers", None),
    # names: one of a few, compared by type and value, echoed short
    (
        dict(layers=[2, 2, 1], hidden="softmax"),
        ValueError,
        "hidden",
        r"hidden: expected one of 'sigmoid', 'tanh', 'relu', 'linear'; got 'softmax'",
    ),
    (dict(layers=[2, 2, 1], hidden=np.array(["tanh"])), ValueError, "hidden", None),
    (dict(layers=[2, 2, 1], hidden=LONG), ValueError, "hidden", None),
    (dict(layers=[2, 2, 1], output="step"), ValueError, "output", r"output: expected one of"),
    (dict(layers=[2, 2, 1], output=None), ValueError, "output", None),
    (dict(layers=[2, 2, 1], loss="hinge"), ValueError, "loss", r"loss: expected one of 'mse'"),
    (dict(layers=[2, 2, 1], loss=5), ValueError, "loss", None),
    (
        dict(layers=[2, 2, 1], output="linear", loss="bce"),
        ValueError,
        "loss",
        r"loss: 'bce'.*output='sigmoid'",
    ),
    (dict(layers=[2, 2, 1], init="normal"), ValueError, "init", r"init: expected one of"),
    (dict(layers=[2, 2, 1], init=["glorot"]), ValueError, "init", None),
    (dict(layers=[2, 2, 1], reduction="avg"), ValueError, "reduction", None),
    # seed: an int ≥ 0, a Generator, or None
    (dict(layers=[2, 2, 1], seed=True), TypeError, "seed", None),
    (dict(layers=[2, 2, 1], seed=-1), ValueError, "seed", None),
    (dict(layers=[2, 2, 1], seed="1"), TypeError, "seed", None),
    (dict(layers=[2, 2, 1], seed=1.5), TypeError, "seed", None),
    (dict(layers=[2, 2, 1], seed=[1, 2]), TypeError, "seed", None),
    (dict(layers=[2, 2, 1], seed=np.random.RandomState(0)), TypeError, "seed", None),
]


@pytest.mark.parametrize("kwargs,error,name,says", CONSTRUCTOR)
def test_constructor_refuses(kwargs, error, name, says):
    """A short error naming the parameter, before any network is built; never the input's echo
    in full."""
    started = time.perf_counter()
    message = refused(lambda: Network(**kwargs), error, name)
    assert time.perf_counter() - started < 5, "no network may be built before the checks"
    assert LONG not in message
    if says is not None:
        assert re.search(says, message), message


def test_what_is_accepted_is_the_same_network():
    a = Network(np.array([2, 3, 1]), seed=np.int64(4))
    b = Network((2, 3, 1), seed=4)
    for ta, tb in zip(a.thetas, b.thetas):
        np.testing.assert_array_equal(ta, tb)
    Network(range(2, 0, -1), seed=10**400)  # any whole number ≥ 0 seeds


# -- data and settings of every method -----------------------------------------------------

BAD_X = [
    (None, TypeError),
    ([[0, 0], [0]], ValueError),  # ragged
    (np.array([["a", "b"]] * 4), TypeError),
    (X + 1j, TypeError),
    (np.where(X == 1, np.nan, X), ValueError),
    (np.where(X == 1, np.inf, X), ValueError),
    ([[10**400, 0]] * 4, ValueError),
    ({"a": 1}, TypeError),
    (LONG, TypeError),
    (X[:, :, None], ValueError),
    (np.ones((0, 2)), ValueError),
    (np.ones((4, 3)), ValueError),
]


@pytest.mark.parametrize("method", ["fit", "cost", "gradients", "deltas", "forward", "predict"])
@pytest.mark.parametrize("Xb,error", BAD_X)
def test_every_method_refuses_bad_X(method, Xb, error):
    net = Network([2, 2, 1], seed=0)
    before = snapshot(net)
    args = (Xb,) if method in ("forward", "predict") else (Xb, Y)
    assert LONG not in refused(lambda: getattr(net, method)(*args), error, "X")
    unchanged(net, before)


BAD_Y = [
    (dict(), None, TypeError),
    (dict(), [[0], [1], [1, 2], [0]], ValueError),
    (dict(), Y * np.nan, ValueError),
    (dict(), Y.astype(complex), TypeError),
    (dict(), Y[:3], ValueError),
    (dict(loss="bce"), 2 * Y, ValueError),  # cross-entropy needs targets in [0, 1]
    (dict(loss="bce"), Y - 0.5, ValueError),
    (dict(layers=[2, 2, 3], output="softmax", loss="ce"), np.array([0, 1, 3, 0]), ValueError),
    (dict(layers=[2, 2, 3], output="softmax", loss="ce"), np.full((4, 3), 1 / 3), ValueError),
]


@pytest.mark.parametrize("method", ["fit", "cost", "gradients", "deltas"])
@pytest.mark.parametrize("settings,yb,error", BAD_Y)
def test_every_method_refuses_bad_y(method, settings, yb, error):
    net = Network(**{"layers": [2, 2, 1], **settings}, seed=0)
    before = snapshot(net)
    refused(lambda: getattr(net, method)(X, yb), error, "y")
    unchanged(net, before)


def test_bce_no_longer_drives_a_cross_entropy_negative():
    net = Network([2, 3, 1], loss="bce", seed=0)
    refused(lambda: net.cost(X, 2 * Y), ValueError, "y")
    refused(lambda: net.fit(X, 2 * Y, eta=0.5, epochs=10), ValueError, "y")


FIT = [
    (dict(eta="0.1"), TypeError, "eta"),
    (dict(eta=None), TypeError, "eta"),
    (dict(eta=1j), TypeError, "eta"),
    (dict(eta=10**400), ValueError, "eta"),
    (dict(eta=Fraction(10**400, 3)), ValueError, "eta"),
    (dict(eta=float("nan")), ValueError, "eta"),
    (dict(eta=-Fraction(1, 10)), ValueError, "eta"),
    (dict(epochs=MAX_EPOCHS + 1), ValueError, "epochs"),
    (dict(epochs=10**13), ValueError, "epochs"),
    (dict(epochs=10**400), ValueError, "epochs"),
    (dict(epochs="5"), TypeError, "epochs"),
    (dict(epochs=True), TypeError, "epochs"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(batch_size=np.array(2)), TypeError, "batch_size"),
    (dict(shuffle_seed=True), TypeError, "shuffle_seed"),
]


@pytest.mark.parametrize("kwargs,error,name", FIT)
def test_fit_refuses_bad_settings_at_once(kwargs, error, name):
    net = Network([2, 2, 1], seed=0)
    before = snapshot(net)
    started = time.perf_counter()
    refused(lambda: net.fit(X, Y, **{"eta": 0.1, "epochs": 10, **kwargs}), error, name)
    assert time.perf_counter() - started < 5
    unchanged(net, before)


@pytest.mark.parametrize("eta", [Fraction(1, 10), Decimal("0.1"), np.float32(0.1), 0.1])
def test_exact_and_numpy_numbers_are_learning_rates(eta):
    a, b = Network([2, 2, 1], seed=0), Network([2, 2, 1], seed=0)
    np.testing.assert_allclose(
        a.fit(X, Y, eta=eta, epochs=20).cost, b.fit(X, Y, eta=0.1, epochs=20).cost, rtol=1e-6
    )


# -- the work of one call is bounded -------------------------------------------------------


@pytest.mark.parametrize(
    "layers,m,epochs,kwargs",
    [
        ([2, 2, 2, 1], 4, 10**6, {}),  # epochs × layers: NumPy's fixed cost per call
        ([2, 900, 900, 1], 5000, 100, {}),  # epochs × samples × parameters
        ([2, 8, 1], 5000, 1000, dict(batch_size=1)),  # 5 million updates
    ],
)
def test_a_call_that_would_take_minutes_is_refused_at_once(layers, m, epochs, kwargs):
    net = Network(layers, seed=0)
    Xm, ym = np.zeros((m, 2)), np.zeros((m, 1))
    before = snapshot(net)
    started = time.perf_counter()
    message = refused(lambda: net.fit(Xm, ym, eta=0.1, epochs=epochs, **kwargs), ValueError, "")
    assert "epochs" in message and "per call" in message
    assert time.perf_counter() - started < 5
    unchanged(net, before)


def test_a_pass_too_large_to_hold_is_refused_but_predict_takes_it_in_slices():
    net = Network([2, 500, 1], seed=0)
    rows = MAX_VALUES // 503 + 10
    Xm = np.zeros((rows, 2))
    refused(lambda: net.forward(Xm), ValueError, "X")
    refused(lambda: net.cost(Xm, np.zeros(rows)), ValueError, "X")
    y_hat = net.predict(Xm)
    assert y_hat.shape == (rows, 1) and np.allclose(y_hat, y_hat[0])
    np.testing.assert_array_equal(y_hat[:5], net.forward(Xm[:5]).a[-1])


def test_the_limits_are_what_the_docs_say():
    assert (MAX_WIDTH, MAX_PARAMETERS, MAX_EPOCHS) == (10_000, 1_000_000, 1_000_000)
    Network([2, MAX_WIDTH, 1])  # the widest layer allowed is built


# -- the parameters, replaced by code ------------------------------------------------------

BAD_THETAS = [
    (lambda t: [np.where(t[0] > 0, np.nan, t[0]), t[1]], ValueError, "thetas[0]"),
    (lambda t: [t[0], np.full_like(t[1], np.inf)], ValueError, "thetas[1]"),
    (lambda t: [t[0] + 1j, t[1]], TypeError, "thetas[0]"),
    (lambda t: [t[0].astype(str), t[1]], TypeError, "thetas[0]"),
    (lambda t: [t[0], np.zeros((2, 3))], ValueError, "thetas[1]"),
    (lambda t: [t[0], [[1, 2], [3]]], ValueError, "thetas[1]"),
    (lambda t: [t[0], None], TypeError, "thetas[1]"),
    (lambda t: t[:1], ValueError, "thetas"),
    (lambda t: None, TypeError, "thetas"),
    (lambda t: {0: t[0], 1: t[1]}, TypeError, "thetas"),
]


@pytest.mark.parametrize("method", ["fit", "cost", "gradients", "deltas", "forward", "predict"])
@pytest.mark.parametrize("replace,error,name", BAD_THETAS)
def test_replaced_parameters_are_checked_wherever_used(method, replace, error, name):
    net = Network([2, 2, 1], seed=0)
    net.thetas = replace(net.thetas)
    before = net.thetas
    args = (X,) if method in ("forward", "predict") else (X, Y)
    message = refused(lambda: getattr(net, method)(*args), error, name)
    assert "smaller eta" not in message  # the parameters are named, not the learning rate
    assert net.thetas is before


def test_nested_lists_are_parameters_like_arrays_everywhere():
    net, twin = Network([2, 2, 1], seed=0), Network([2, 2, 1], seed=0)
    net.thetas = [t.tolist() for t in net.thetas]
    assert net.cost(X, Y) == twin.cost(X, Y)
    np.testing.assert_array_equal(net.gradients(X, Y)[0], twin.gradients(X, Y)[0])
    np.testing.assert_array_equal(
        net.fit(X, Y, eta=0.1, epochs=5).cost, twin.fit(X, Y, eta=0.1, epochs=5).cost
    )


def test_nan_parameters_are_reported_as_such_by_fit():
    net = Network([2, 2, 1], seed=0)
    net.thetas[0][0, 0] = np.nan
    message = refused(lambda: net.fit(X, Y, eta=0.1, epochs=10), ValueError, "thetas[0]")
    assert "NaN" in message


# -- divergence: an absurd η is not "converged" --------------------------------------------


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_an_absurd_learning_rate_diverges_instead_of_converging(loss):
    net = Network([2, 3, 1], loss=loss, seed=0)
    before = snapshot(net)
    message = refused(lambda: net.fit(X, Y, eta=1e300, epochs=100), FloatingPointError, "eta")
    assert "epoch 0" in message
    unchanged(net, before)  # put back as at the start of epoch 0


def test_huge_parameters_give_inf_or_a_clear_error_never_a_warning():
    net = Network([2, 2, 1], output="linear", seed=0)
    net.thetas = [t * 1e300 for t in net.thetas]
    assert net.cost(X, Y) == np.inf
    assert net.predict(X).shape == (4, 1)
    assert len(net.gradients(X, Y)) == 2


def test_shown_caps_every_echo():
    assert len(shown(LONG)) <= 60 and "..." in shown(LONG)
    assert shown("y" * 30 + "z" * 100, limit=20).endswith("…")
    assert "digits" in shown(10**10_000)
    assert len(shown(list(range(10**5)))) <= 60

    class Hostile:
        def __repr__(self):
            raise RuntimeError("no")

    assert "Hostile" in shown(Hostile()) and len(shown(Hostile())) <= 60
