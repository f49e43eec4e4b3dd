"""gradient_check under hostile input, and on networks too large to check entry by entry."""

import time

import numpy as np
import pytest

from backprop_lib import Network, gradient_check, numerical_gradients, xor
from backprop_lib.gradcheck import MIN_CHECKED, GradientCheck

pytestmark = pytest.mark.filterwarnings("error")

X, Y = xor()


def refused(call, error, name):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert name in message and len(message) < 300, message
    return message


def net():
    return Network([2, 2, 1], seed=0)


@pytest.mark.parametrize(
    "eps,error",
    [
        (float("nan"), ValueError),
        (0, ValueError),
        (0.0, ValueError),
        (-1e-3, ValueError),
        (float("inf"), ValueError),
        (2.0, ValueError),
        (1e-300, ValueError),
        (10**400, ValueError),
        ("a", TypeError),
        (None, TypeError),
        (True, TypeError),
        (1e-3j, TypeError),
    ],
)
@pytest.mark.parametrize("check", [gradient_check, numerical_gradients])
def test_eps_must_be_a_sane_step(check, eps, error):
    n = net()
    before = [t.copy() for t in n.thetas]
    refused(lambda: check(n, X, Y, eps=eps), error, "eps")
    for a, b in zip(n.thetas, before):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("thing", [None, "net", {"thetas": []}, [np.zeros((2, 3))], Network])
@pytest.mark.parametrize("check", [gradient_check, numerical_gradients])
def test_the_first_argument_must_be_a_network(check, thing):
    refused(lambda: check(thing, X, Y), TypeError, "net")


@pytest.mark.parametrize(
    "Xb,yb,name",
    [(None, Y, "X"), (X, None, "y"), (X[:3], Y, "X and y"), (X, 2 * Y, "y"), ("XX", Y, "X")],
)
def test_data_are_checked_first(Xb, yb, name):
    n = Network([2, 2, 1], loss="bce", seed=0)
    refused(lambda: gradient_check(n, Xb, yb), (TypeError, ValueError), name)


@pytest.mark.parametrize(
    "analytic,error,name",
    [
        ([np.zeros((2, 3))], ValueError, "analytic"),
        ("grad", ValueError, "analytic"),
        ([np.zeros((2, 3)), np.zeros((2, 3))], ValueError, "analytic[1]"),
        ([np.zeros((2, 3)), np.full((1, 3), np.nan)], ValueError, "analytic[1]"),
        ([np.zeros((2, 3)), np.zeros((1, 3), dtype=complex)], TypeError, "analytic[1]"),
        ([np.zeros((2, 3)), [["a", "b", "c"]]], TypeError, "analytic[1]"),
    ],
)
def test_a_candidate_gradient_is_checked(analytic, error, name):
    refused(lambda: gradient_check(net(), X, Y, analytic=analytic), error, name)


def test_nan_parameters_are_named_not_differenced():
    n = net()
    n.thetas[1][0, 0] = np.nan
    refused(lambda: gradient_check(n, X, Y), ValueError, "thetas[1]")


def test_seed_of_the_subset_is_checked():
    refused(lambda: gradient_check(net(), X, Y, seed=-1), ValueError, "seed")
    refused(lambda: gradient_check(net(), X, Y, seed="0"), TypeError, "seed")


def test_a_small_network_is_checked_whole_and_looks_like_a_float():
    result = gradient_check(net(), X, Y)
    assert isinstance(result, GradientCheck) and isinstance(result, float)
    assert result.checked == result.total == 9 and result < 1e-7
    assert repr(result) == repr(float(result)) and f"{result:.1e}" == f"{float(result):.1e}"


def test_a_large_network_is_checked_on_a_seeded_subset_within_seconds():
    rng = np.random.default_rng(0)
    big = Network([20, 300, 300, 10], hidden="tanh", seed=0)
    Xb, yb = rng.normal(size=(5, 20)), rng.normal(size=(5, 10))
    started = time.perf_counter()
    result = gradient_check(big, Xb, yb)
    assert time.perf_counter() - started < 60  # budgeted at about 2 s of arithmetic
    assert MIN_CHECKED <= result.checked < result.total == 99_610
    assert result < 1e-7 and "checked" in repr(result) and "seed=0" in repr(result)
    again = gradient_check(big, Xb, yb)
    assert float(again) == float(result)  # the same seeded subset
    grads = big.gradients(Xb, yb)
    grads[1] = grads[1] * 1.01  # a wrong layer shows in the subset too
    assert gradient_check(big, Xb, yb, analytic=grads) > 1e-4
    refused(lambda: numerical_gradients(big, Xb, yb), ValueError, "net")


def test_a_network_too_costly_for_any_subset_is_refused_at_once():
    huge = Network([64, 500, 500, 10], seed=0)
    Xh, yh = np.zeros((2000, 64)), np.zeros((2000, 10))
    started = time.perf_counter()
    refused(lambda: gradient_check(huge, Xh, yh), ValueError, "net")
    assert time.perf_counter() - started < 10
