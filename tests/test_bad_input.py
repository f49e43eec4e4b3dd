"""Bad input: a clear error naming the parameter, never a silent wrong answer or a warning."""

import warnings

import numpy as np
import pytest

from backprop_lib import Network, xor
from backprop_lib.activations import sigmoid


def net():
    return Network([2, 2, 1], seed=0)


X, Y = xor()

CONSTRUCTOR = [
    (dict(layers=[]), ValueError, r"layers: expected at least two"),
    (dict(layers=[3]), ValueError, r"layers: expected at least two"),
    (dict(layers=[2, 0, 1]), ValueError, r"layers\[1\]: expected a positive integer"),
    (dict(layers=[2, -3, 1]), ValueError, r"layers\[1\]: expected a positive integer"),
    (dict(layers=[2, 2.5, 1]), TypeError, r"layers\[1\]: expected a positive integer"),
    (dict(layers=[2, "2", 1]), TypeError, r"layers\[1\]"),
    (dict(layers="2,2,1"), TypeError, r"layers: expected an ordered list"),
    (
        dict(layers=[2, 2, 1], hidden="softmax"),
        ValueError,
        r"hidden: expected one of 'sigmoid', 'tanh', 'relu', 'linear'; got 'softmax'",
    ),
    (dict(layers=[2, 2, 1], output="step"), ValueError, r"output: expected one of"),
    (dict(layers=[2, 2, 1], loss="hinge"), ValueError, r"loss: expected one of 'mse', 'bce'"),
    (
        dict(layers=[2, 2, 1], output="linear", loss="bce"),
        ValueError,
        r"loss: 'bce'.*output='sigmoid'",
    ),
    (dict(layers=[2, 2, 1], init="normal"), ValueError, r"init: expected one of"),
]


@pytest.mark.parametrize("kwargs,error,message", CONSTRUCTOR)
def test_constructor_rejects(kwargs, error, message):
    with pytest.raises(error, match=message):
        Network(**kwargs)


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
