"""The output δ^(L) derived in SymPy: closed forms, the σ' cancellation, and the library's δ."""

import numpy as np
import pytest
import sympy as sp

from backprop_lib import ACTIVATIONS, central_difference
from backprop_lib.derivations.output_layer import (
    CLOSED_FORMS,
    OUTPUTS,
    PAIRINGS,
    Y_HAT,
    Y,
    Z,
    delta_function,
    derive_output_delta,
    latex_times_error,
    times_error,
)
from backprop_lib.losses import output_delta

ALL_PAIRINGS = PAIRINGS + (("tanh", "mse"),)


@pytest.mark.parametrize("output,loss", PAIRINGS)
def test_derived_delta_is_the_closed_form(output, loss):
    derived = derive_output_delta(output, loss)
    assert sp.simplify(derived.delta - CLOSED_FORMS[(output, loss)]) == 0


@pytest.mark.parametrize("output,loss", ALL_PAIRINGS)
def test_chain_rule_split_agrees_with_differentiating_in_z_directly(output, loss):
    derived = derive_output_delta(output, loss)
    assert sp.simplify(derived.delta_z - derived.delta.subs(Y_HAT, derived.activation)) == 0
    assert sp.simplify(derived.g_prime_z - derived.g_prime.subs(Y_HAT, derived.activation)) == 0


@pytest.mark.parametrize(
    "output,slope",
    [("linear", sp.Integer(1)), ("sigmoid", Y_HAT * (1 - Y_HAT)), ("tanh", 1 - Y_HAT**2)],
)
def test_slope_written_in_the_output(output, slope):
    assert sp.simplify(derive_output_delta(output, "mse").g_prime - slope) == 0


def test_sigma_prime_stays_with_mse_and_cancels_with_cross_entropy():
    assert (
        sp.simplify(derive_output_delta("sigmoid", "mse").error_factor - Y_HAT * (1 - Y_HAT)) == 0
    )
    assert derive_output_delta("sigmoid", "bce").error_factor == 1
    assert derive_output_delta("linear", "mse").error_factor == 1
    # the cross-entropy gradient carries σ' = ŷ(1 − ŷ) in its denominator, which is what cancels
    _, denominator = sp.fraction(sp.together(derive_output_delta("sigmoid", "bce").dJ_dyhat))
    assert sp.simplify(denominator**2 - (Y_HAT * (1 - Y_HAT)) ** 2) == 0


@pytest.mark.parametrize("output,loss", ALL_PAIRINGS)
def test_delta_function_matches_the_librarys_output_delta(output, loss):
    rng = np.random.default_rng(0)
    y_hat = rng.uniform(0.01, 0.99, size=(7, 3))
    y = rng.random((7, 3))
    ours = delta_function(output, loss)(y_hat, y)
    theirs = output_delta(loss, output, y_hat, y, ACTIVATIONS[output][1])
    assert ours.shape == (7, 3)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("output,loss", ALL_PAIRINGS)
def test_delta_function_against_central_differences_in_z(output, loss):
    g = sp.lambdify(Z, OUTPUTS[output][0], "numpy")
    cost = sp.lambdify((Y_HAT, Y), derive_output_delta(output, loss).cost, "numpy")
    delta = delta_function(output, loss)
    for z, y in [(-1.3, 0.0), (0.2, 1.0), (2.1, 0.3)]:
        numeric = central_difference(lambda v, y=y: float(cost(g(v), y)), z)
        assert float(delta(g(z), y)) == pytest.approx(numeric, rel=1e-8)


def test_delta_function_broadcasts_a_constant_delta():
    out = delta_function("linear", "mse")(np.array([[0.5], [2.0]]), 0.5)
    np.testing.assert_array_equal(out, [[0.0], [1.5]])


@pytest.mark.parametrize("output,loss", ALL_PAIRINGS)
def test_times_error_splits_off_the_raw_error(output, loss):
    derived = derive_output_delta(output, loss)
    for expr in (derived.dJ_dyhat, derived.delta):
        n, d = times_error(expr)
        assert sp.simplify((Y_HAT - Y) * n / d - expr) == 0


def test_times_error_shows_the_slope_where_it_is():
    n, d = times_error(derive_output_delta("sigmoid", "bce").dJ_dyhat)
    assert n == 1 and sp.simplify(d - Y_HAT * (1 - Y_HAT)) == 0
    assert latex_times_error(derive_output_delta("sigmoid", "bce").dJ_dyhat) == (
        r"\frac{\hat{y} - y}{\hat{y} \left(1 - \hat{y}\right)}"
    )
    assert latex_times_error(derive_output_delta("sigmoid", "bce").delta) == r"\hat{y} - y"
    assert latex_times_error(derive_output_delta("tanh", "mse").delta) == (
        r"\left(\hat{y} - y\right) \left(1 - \hat{y}^{2}\right)"
    )
    assert latex_times_error(-(Y_HAT - Y) / 2) == r"\frac{-\left(\hat{y} - y\right)}{2}"


@pytest.mark.parametrize(
    "output,loss,error,message",
    [
        ("relu", "mse", ValueError, r"output: expected one of 'linear', 'sigmoid', 'tanh'"),
        ("sigmoid", "hinge", ValueError, r"loss: expected one of 'mse', 'bce'"),
        ("tanh", "bce", ValueError, r"loss: 'bce'.*output='sigmoid'.*'tanh'"),
        (None, "mse", ValueError, r"output: expected one of"),
    ],
)
def test_bad_pairings_are_named(output, loss, error, message):
    with pytest.raises(error, match=message):
        derive_output_delta(output, loss)
    with pytest.raises(error, match=message):
        delta_function(output, loss)
