"""Network under hostile input, class by class: a short clear error naming the parameter, the
parameters unchanged, no warnings, and an answer within seconds whatever is asked."""

import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from backprop_lib import Network, xor
from backprop_lib.validation import MAX_EPOCHS, MAX_PARAMETERS, MAX_VALUES, MAX_WIDTH, shown

pytestmark = pytest.mark.filterwarnings("error")

X, Y = xor()
LONG = "x" * 10_000


def refused(call, error, name):
    """call() raises `error` whose message names `name`, in under 300 characters."""
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert name in message and len(message) < 300, message
    return message


def snapshot(net):
    return [np.array(t, copy=True) for t in net.thetas]


def unchanged(net, before):
    assert len(net.thetas) == len(before)
    for a, b in zip(net.thetas, before):
        np.testing.assert_array_equal(a, b)


# -- the constructor ---------------------------------------------------------------------------

CONSTRUCTOR = [
    # layers: ordered sequences of positive whole numbers, within the limits
    (dict(layers={2, 1}), TypeError, "layers"),
    (dict(layers={2: 1}), TypeError, "layers"),
    (dict(layers=(n for n in [2, 1])), TypeError, "layers"),
    (dict(layers=None), TypeError, "layers"),
    (dict(layers=3), TypeError, "layers"),
    (dict(layers=LONG), TypeError, "layers"),
    (dict(layers=[2, [2], 1]), TypeError, "layers[1]"),
    (dict(layers=[2, True, 1]), TypeError, "layers[1]"),
    (dict(layers=[2, 2.0, 1]), TypeError, "layers[1]"),
    (dict(layers=[2, 10**400, 1]), ValueError, "layers[1]"),
    (dict(layers=[2, MAX_WIDTH + 1, 1]), ValueError, "layers[1]"),
    (dict(layers=[2, 10**6, 10**6, 1]), ValueError, "layers[1]"),
    (dict(layers=[2, 2000, 2000, 1]), ValueError, "parameters"),
    (dict(layers=[2] * 101), ValueError, "layers"),
    # names: compared by type and value, echoed short
    (dict(layers=[2, 2, 1], hidden=np.array(["tanh"])), ValueError, "hidden"),
    (dict(layers=[2, 2, 1], hidden=LONG), ValueError, "hidden"),
    (dict(layers=[2, 2, 1], output=None), ValueError, "output"),
    (dict(layers=[2, 2, 1], loss=5), ValueError, "loss"),
    (dict(layers=[2, 2, 1], init=["glorot"]), ValueError, "init"),
    (dict(layers=[2, 2, 1], reduction="avg"), ValueError, "reduction"),
    # seed: an int ≥ 0, a Generator, or None
    (dict(layers=[2, 2, 1], seed=True), TypeError, "seed"),
    (dict(layers=[2, 2, 1], seed=-1), ValueError, "seed"),
    (dict(layers=[2, 2, 1], seed="1"), TypeError, "seed"),
    (dict(layers=[2, 2, 1], seed=1.5), TypeError, "seed"),
    (dict(layers=[2, 2, 1], seed=[1, 2]), TypeError, "seed"),
    (dict(layers=[2, 2, 1], seed=np.random.RandomState(0)), TypeError, "seed"),
]


@pytest.mark.parametrize("kwargs,error,name", CONSTRUCTOR)
def test_constructor_refuses(kwargs, error, name):
    started = time.perf_counter()
    message = refused(lambda: Network(**kwargs), error, name)
    assert time.perf_counter() - started < 5, "no network may be built before the checks"
    assert LONG not in message


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
