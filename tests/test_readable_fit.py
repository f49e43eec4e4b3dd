"""Network.readable_fit, the loop to read, and fit, the same loop made fast, agree: the same
costs and parameters to round-off, the same epoch and cause when training diverges."""

import numpy as np
import pytest

from backprop_lib import Diverged, Network, xor

X, Y = xor()
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
