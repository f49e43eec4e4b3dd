"""The checkers of notebooks 01–03: right answers pass, wrong ones name the wrong part."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network, xor
from backprop_lib.derivations.floats import backprop_gradients
from backprop_lib.derivations.symbolic import sigma_prime, single_path_network
from backprop_lib.exercises.error_signal import (
    DELTA_POINT,
    check_layer_deltas,
    check_mse_output_delta,
    check_single_path_deltas,
)
from backprop_lib.exercises.sigmoid import (
    check_reciprocal_rule,
    check_tanh_derivative,
    check_vanishing_bound,
)
from backprop_lib.exercises.single_path import (
    GD_POINT,
    check_deep_gradient,
    check_gd_step,
    check_input_gradient,
)

x = sp.Symbol("x", real=True)
t = sp.Symbol("t", real=True)


def verdict(result, passed, *words):
    assert result.passed is passed, result.message
    for word in words:
        assert word in result.message, result.message


# -- notebook 01 ---------------------------------------------------------------------------------


def test_reciprocal_rule_checker():
    verdict(check_reciprocal_rule(None, None), False, "Not answered yet")
    verdict(check_reciprocal_rule(1 + sp.exp(-x), -sp.exp(-x)), True, "eq. (3)")
    # a plain Symbol("x") (no real=True) is accepted as the same x
    plain = sp.Symbol("x")
    verdict(check_reciprocal_rule(1 + sp.exp(-plain), -sp.exp(-plain)), True)
    verdict(check_reciprocal_rule(1 + sp.exp(-x), sp.exp(-x)), False, "g is right", "−1", "(4)")
    verdict(check_reciprocal_rule(1 + sp.exp(x), sp.exp(x)), False, "g is wrong")
    verdict(check_reciprocal_rule(1 / (1 + sp.exp(-x)), -sp.exp(-x)), False, "upside down")
    verdict(check_reciprocal_rule(1 + sp.exp(-x), sp.cos(x)), False, "g is right", "g'")
    verdict(check_reciprocal_rule(1 + sp.exp(-x), 1 - sp.exp(-x)), False, "constant 1")
    verdict(check_reciprocal_rule(1 + sp.exp(-x) * sp.Symbol("w"), 0), False, "g:", "w")
    verdict(check_reciprocal_rule(object(), 0), False, "g: expected a SymPy expression")


def test_tanh_derivative_checker():
    verdict(check_tanh_derivative(None), False, "Not answered yet")
    verdict(check_tanh_derivative(1 - t**2), True, "1 − t²")
    verdict(check_tanh_derivative(1 - sp.tanh(x) ** 2), False, "written with x")
    verdict(check_tanh_derivative(sp.cos(x)), False, "with t = tanh(x), not x")
    verdict(check_tanh_derivative(t * (1 - t)), False, "σ's pattern")
    verdict(check_tanh_derivative(1 + t**2), False, "wrong sign")
    verdict(check_tanh_derivative(1 - t**3), False, "Right at t = 0")
    verdict(check_tanh_derivative(2 * t), False, "Not tanh'")


def test_vanishing_bound_checker():
    verdict(check_vanishing_bound(None, 0.001), False, "Not answered yet")
    verdict(check_vanishing_bound(0.25, 0.25**5), True)
    verdict(check_vanishing_bound(sp.Rational(1, 4), sp.Rational(1, 1024)), True)
    verdict(check_vanishing_bound(0.5, 0.5**5), False, "max_slope", "σ(0)")
    verdict(check_vanishing_bound(1.0, 1.0), False, "max_slope: 1 is tanh's largest slope")
    verdict(check_vanishing_bound(0.3, 0.3**5), False, "max_slope is wrong", "x = 0")
    verdict(check_vanishing_bound(0.25, 1.25), False, "max_slope is right", "multiply")
    verdict(check_vanishing_bound(0.25, 0.25**4), False, "five_layer_factor is ¼^4")
    verdict(check_vanishing_bound(0.25, 0.25**6), False, "five_layer_factor is ¼^6")
    verdict(check_vanishing_bound(0.25, 0.5), False, "five_layer_factor is wrong")
    # typed by hand: 3 significant digits pass, and the message says how many agree
    verdict(check_vanishing_bound(0.25, 0.000977), True, "single path", "3 significant digits")
    verdict(check_vanishing_bound(0.25, 0.00098), False, "only 2 significant digit(s)")
    verdict(check_vanishing_bound(0.25, 0.001), False, "only 1 significant digit(s)", "give 3")
    verdict(check_vanishing_bound("1/4", "1/1024"), True, "exactly")
    verdict(check_vanishing_bound(np.float32(0.25), Fraction(1, 1024)), True)
    verdict(check_vanishing_bound([0.25], np.array(4.0**-5)), True)
    verdict(check_vanishing_bound("a quarter", 0.001), False, "max_slope: expected a number")
    verdict(check_vanishing_bound(sp.Matrix([0.25, 0.25]), 0.001), False, "a single number")


# -- notebook 02 ---------------------------------------------------------------------------------


def deep_factors():
    net = single_path_network(4)
    th, z = net.theta, net.z
    return net, [
        net.y_hat - net.y,
        th[4],
        sigma_prime(z[4]),
        th[3],
        sigma_prime(z[3]),
        th[2],
        sigma_prime(z[2]),
        net.x,
    ]


def test_deep_gradient_checker_right_and_sign():
    net, factors = deep_factors()
    verdict(check_deep_gradient(None), False, "Not answered yet")
    verdict(check_deep_gradient(sp.Mul(*factors)), True)
    verdict(check_deep_gradient(sp.diff(net.J, net.theta[1])), True)
    verdict(check_deep_gradient(-sp.Mul(*factors)), False, "sign")


@pytest.mark.parametrize(
    "drop, name",
    [(0, "(ŷ − y)"), (1, "θ^(4)"), (2, "σ'(z^(4))"), (5, "θ^(2)"), (6, "σ'(z^(2))"), (7, "x")],
)
def test_deep_gradient_checker_names_a_missing_factor(drop, name):
    _, factors = deep_factors()
    answer = sp.Mul(*(f for i, f in enumerate(factors) if i != drop))
    verdict(check_deep_gradient(answer), False, "missing", name)


def test_deep_gradient_checker_names_an_extra_or_misplaced_factor():
    net, factors = deep_factors()
    verdict(check_deep_gradient(sp.Mul(*factors) * net.theta[3]), False, "θ^(3)", "too often")
    misplaced = sp.Mul(*factors) / sigma_prime(net.z[2]) * sigma_prime(net.z[3])
    verdict(check_deep_gradient(misplaced), False, "σ'(z^(2)) is needed", "σ'(z^(3))")
    verdict(check_deep_gradient(net.x + net.y), False, "Not ∂J/∂θ^(1)")
    verdict(check_deep_gradient(sp.Symbol("q") * net.x), False, "it also has q")


def test_input_gradient_checker():
    net = single_path_network(3)
    th, z = net.theta, net.z
    factors = [net.y_hat - net.y, th[3], sigma_prime(z[3]), th[2], sigma_prime(z[2]), th[1]]
    verdict(check_input_gradient(None), False, "Not answered yet")
    verdict(check_input_gradient(sp.Mul(*factors)), True, "∂J/∂x")
    verdict(check_input_gradient(sp.diff(net.J, net.x)), True)
    verdict(check_input_gradient(sp.Mul(*factors[:-1])), False, "θ^(1)", "missing")
    verdict(check_input_gradient(sp.Mul(*factors[:-1]) * net.x), False, "Not ∂J/∂x", "θ^(1)")
    verdict(check_input_gradient(sp.Mul(*factors) / th[3]), False, "θ^(3) is missing")
    verdict(check_input_gradient(-sp.Mul(*factors)), False, "sign")
    verdict(check_input_gradient("not an expression ("), False, "answer: expected a SymPy")


def test_gd_step_checker():
    thetas, eta = GD_POINT["thetas"], GD_POINT["eta"]
    g = backprop_gradients(thetas, GD_POINT["x"], GD_POINT["y"])
    right = [th - eta * gk for th, gk in zip(thetas, g)]
    verdict(check_gd_step(None), False, "Not answered yet")
    verdict(check_gd_step(right), True)
    verdict(check_gd_step(np.array(right)), True)
    uphill = [right[0], thetas[1] + eta * g[1], right[2]]
    verdict(check_gd_step(uphill), False, "θ^(2) moved uphill")
    assert "✗ θ^(1)" not in check_gd_step(uphill).message
    no_eta = [thetas[0] - g[0], right[1], right[2]]
    verdict(check_gd_step(no_eta), False, "θ^(1)", "η")
    only_delta = [right[0], right[1], -eta * g[2]]
    verdict(check_gd_step(only_delta), False, "θ^(3) is Δθ^(3)")
    verdict(check_gd_step([right[0], right[1], 99.0]), False, "θ^(3) is wrong", "eq. (9)")
    verdict(check_gd_step(right[:2]), False, "expected 3 new weights", "shape (2,)")
    verdict(check_gd_step([1.0, "a", 2.0]), False, "new_thetas[1]: expected a number")


def test_gd_step_checker_grades_typed_numbers_at_three_significant_digits():
    thetas, eta = GD_POINT["thetas"], GD_POINT["eta"]
    g = backprop_gradients(thetas, GD_POINT["x"], GD_POINT["y"])
    right = [th - eta * gk for th, gk in zip(thetas, g)]
    typed = [round(v, 4) for v in right]  # the form asked: 4 decimal places
    verdict(check_gd_step(typed), True, "Δθ = −η ∂J/∂θ")
    verdict(check_gd_step([round(v, 3) for v in right]), False, "give 4 decimal places")
    verdict(check_gd_step(tuple(str(v) for v in typed)), True)
    verdict(check_gd_step(sp.Matrix(typed)), True)
    two_digits = [float(f"{v:.2g}") for v in right]
    assert any(not np.isclose(a, b, rtol=1e-3) for a, b in zip(two_digits, typed))
    verdict(check_gd_step(two_digits), False, "give 4 decimal places")
    verdict(check_gd_step(list(thetas)), False, "has not moved")
    verdict(check_gd_step(np.array(right)[None, :].T), True)  # a column is fine
    verdict(check_gd_step(np.ones((3, 3))), False, "expected 3 new weights in a row")


# -- notebook 03 ---------------------------------------------------------------------------------


def single_path_right():
    from backprop_lib.derivations.floats import single_path_forward

    th = dict(enumerate(DELTA_POINT["thetas"], start=1))
    z, a = single_path_forward(DELTA_POINT["thetas"], DELTA_POINT["x"])
    d4 = a[4] - DELTA_POINT["y"]
    d3 = d4 * th[3] * a[3] * (1 - a[3])
    d2 = d3 * th[2] * a[2] * (1 - a[2])
    return {4: d4, 3: d3, 2: d2}, th, z, a


def test_single_path_deltas_checker_right_and_output():
    right, *_ = single_path_right()
    verdict(check_single_path_deltas(None), False, "Not answered yet")
    verdict(check_single_path_deltas(right), True)
    verdict(check_single_path_deltas({**right, 4: -right[4]}), False, "δ^(4) has the wrong sign")
    verdict(check_single_path_deltas({4: 1.0, 3: 1.0}), False, "the key(s) 2 are missing")
    verdict(check_single_path_deltas({4: 1.0, 3: None, 2: 1.0}), False, "δ^(3): expected")
    verdict(check_single_path_deltas([1.0, 2.0, 3.0]), False, "expected a dict with the keys")


def test_single_path_deltas_checker_accepts_str_keys_and_typed_numbers():
    right, *_ = single_path_right()
    verdict(check_single_path_deltas({str(k): v for k, v in right.items()}), True, "exactly")
    typed = {k: float(f"{v:.3g}") for k, v in right.items()}
    verdict(check_single_path_deltas(typed), True, "at least 3 significant digits")
    as_sympy = {k: sp.Float(v) for k, v in right.items()}
    verdict(check_single_path_deltas(as_sympy), True)
    verdict(check_single_path_deltas({**typed, 2: float(f"{right[2]:.1g}")}), False, "δ^(2)")
    verdict(check_single_path_deltas({**right, 4: 0.5 * right[4] ** 2}), False, "J itself")


def test_single_path_deltas_checker_names_the_layer_and_term():
    right, th, z, a = single_path_right()
    no_slope = {**right, 3: right[4] * th[3]}
    result = check_single_path_deltas(no_slope)
    verdict(result, False, "δ^(3) misses the factor σ'(z^(3))")
    # δ^(2), computed correctly from the wrong δ^(3), is told it follows from it
    no_slope[2] = no_slope[3] * th[2] * a[2] * (1 - a[2])
    verdict(check_single_path_deltas(no_slope), False, "δ^(3) misses", "δ^(2) follows correctly")
    no_theta = {**right, 2: right[3] * a[2] * (1 - a[2])}
    result = check_single_path_deltas(no_theta)
    verdict(result, False, "δ^(2) misses the factor θ^(2)")
    shifted = {**right, 2: right[3] * th[2] * a[3] * (1 - a[3])}
    verdict(check_single_path_deltas(shifted), False, "δ^(2) uses σ'(z^(3)) instead of σ'(z^(2))")
    wrong_theta = {**right, 2: right[3] * th[1] * a[2] * (1 - a[2])}
    verdict(check_single_path_deltas(wrong_theta), False, "δ^(2) uses θ^(1) instead of θ^(2)")
    sigma_not_slope = {**right, 3: right[4] * th[3] * a[3]}
    sigma_not_slope[2] = sigma_not_slope[3] * th[2] * a[2] * (1 - a[2])
    verdict(check_single_path_deltas(sigma_not_slope), False, "δ^(3) uses σ(z^(3))")
    of_z = {**right, 3: right[4] * th[3] * z[3] * (1 - z[3])}
    verdict(check_single_path_deltas(of_z), False, "δ^(3) takes σ' of z^(3)")
    verdict(check_single_path_deltas({**right, 2: 123.0}), False, "δ^(2) is wrong", "(16)")


@pytest.fixture
def small_net():
    X, y = xor()
    return Network([2, 3, 2, 1], seed=3), X, y


def test_layer_deltas_checker_right(small_net):
    net, X, y = small_net
    right = net.deltas(X, y)
    verdict(check_layer_deltas(None, net, X, y), False, "Not answered yet")
    verdict(check_layer_deltas(right, net, X, y), True, "All 3 layers")
    verdict(check_layer_deltas(right[1:], net, X, y), True)
    verdict(check_layer_deltas(right[:2], net, X, y), False, "expected a list of 4")
    as_lists = [None, *(d.tolist() for d in right[1:])]
    verdict(check_layer_deltas(as_lists, net, X, y), True)
    verdict(check_layer_deltas(tuple(right), net, X, y), True)
    verdict(check_layer_deltas({1: right[1]}, net, X, y), False, "expected a list of 4")


def test_layer_deltas_checker_names_the_layer_and_slip(small_net):
    net, X, y = small_net
    right = net.deltas(X, y)
    z, a = net.forward(X)
    upstream = right[2] @ net.thetas[1]  # bias column kept
    with_bias = [*right[:1], upstream * np.hstack([np.ones((4, 1)), a[1] * (1 - a[1])]), *right[2:]]
    verdict(check_layer_deltas(with_bias, net, X, y), False, "deltas[1]", "δ^(2)", "bias column")
    no_slope = list(right)
    no_slope[2] = right[3] @ net.thetas[2][:, 1:]
    verdict(check_layer_deltas(no_slope, net, X, y), False, "deltas[2]", "δ^(3)", "misses")
    of_z = list(right)
    of_z[1] = (right[2] @ net.thetas[1][:, 1:]) * z[1] * (1 - z[1])
    verdict(check_layer_deltas(of_z, net, X, y), False, "deltas[1]", "σ' of z")
    flipped = list(right)
    flipped[2] = -right[2]
    verdict(check_layer_deltas(flipped, net, X, y), False, "deltas[2]", "wrong sign")
    slip = list(right)
    slip[3] = a[3] - y
    verdict(check_layer_deltas(slip, net, X, y), False, "deltas[3]", "cross-entropy")
    junk = list(right)
    junk[3] = right[3] + 1
    verdict(check_layer_deltas(junk, net, X, y), False, "deltas[3]", "output layer")
    bad_shape = list(right)
    bad_shape[1] = right[1].T
    verdict(check_layer_deltas(bad_shape, net, X, y), False, "deltas[1]", "transposed")
    bad_shape[1] = right[1][:2]
    verdict(check_layer_deltas(bad_shape, net, X, y), False, "deltas[1]", "expected shape")
    sigma_not_slope = list(right)
    sigma_not_slope[1] = (right[2] @ net.thetas[1][:, 1:]) * a[1]
    verdict(check_layer_deltas(sigma_not_slope, net, X, y), False, "uses σ = a where σ'")
    averaged = list(right)
    averaged[2] = right[2] / len(X)
    verdict(check_layer_deltas(averaged, net, X, y), False, "divided by the number of samples")


def test_mse_output_delta_checker(small_net):
    net, X, y = small_net
    fwd = net.forward(X)
    y_hat, z = fwd.a[-1], fwd.z[-1]
    right = (y_hat - y) * y_hat * (1 - y_hat)
    verdict(check_mse_output_delta(None, net, X, y), False, "Not answered yet")
    verdict(check_mse_output_delta(right, net, X, y), True)
    np.testing.assert_allclose(right, net.deltas(X, y)[-1])  # the checker's truth is the library's
    verdict(check_mse_output_delta(y_hat - y, net, X, y), False, "article's slip", "cross-entropy")
    verdict(check_mse_output_delta(-right, net, X, y), False, "sign")
    verdict(check_mse_output_delta((y_hat - y) * z * (1 - z), net, X, y), False, "of z")
    verdict(check_mse_output_delta(y_hat * (1 - y_hat), net, X, y), False, "(ŷ − y) is missing")
    verdict(check_mse_output_delta(right + 1, net, X, y), False, "Not ∂J/∂z^(L)")
    verdict(check_mse_output_delta(right.ravel(), net, X, y), True)  # 4 numbers: the column
    verdict(check_mse_output_delta(right.ravel().tolist(), net, X, y), True)
    verdict(check_mse_output_delta(right.T, net, X, y), False, "transposed")
    verdict(check_mse_output_delta(right[:3], net, X, y), False, "expected shape (4, 1)")
    verdict(check_mse_output_delta((y_hat - y) * y_hat, net, X, y), False, "σ = ŷ is used")
    verdict(check_mse_output_delta(right / 4, net, X, y), False, "summed, not averaged")
    verdict(check_mse_output_delta(0.5 * (y_hat - y) ** 2, net, X, y), False, "J of eq. (7)")
    other = Network([2, 1], loss="bce", seed=0)
    verdict(check_mse_output_delta(right, other, X, y), False, "net: this exercise")


# -- every accepted form, and the slips added with the shared readers ---------------------------


def test_reciprocal_rule_accepts_texts_and_unevaluated_derivatives():
    verdict(check_reciprocal_rule("1 + exp(-x)", "-exp(-x)"), True)
    g = 1 + sp.exp(-x)
    verdict(check_reciprocal_rule(g, sp.Derivative(g, x)), True)  # the checker cannot tell
    verdict(check_reciprocal_rule(sp.exp(-x), -sp.exp(-x)), False, "g is missing the 1")
    sigma_slope = sp.exp(-x) / g**2
    verdict(check_reciprocal_rule(g, sigma_slope), False, "g' is σ' itself")
    verdict(check_reciprocal_rule(g, sp.Matrix([1, 2])), False, "g_prime: expected", "Matrix")


def test_tanh_derivative_accepts_texts_and_names_the_new_slips():
    verdict(check_tanh_derivative("1 - t**2"), True)
    verdict(check_tanh_derivative((1 - t) * (1 + t)), True)
    verdict(check_tanh_derivative(1 - sp.tanh(t) ** 2), False, "applies tanh twice")
    verdict(check_tanh_derivative(1 - t), False, "not squared")
    verdict(check_tanh_derivative(1 / sp.cosh(x) ** 2), False, "written with x")
    verdict(check_tanh_derivative(1 - t**2 + sp.Symbol("w")), False, "it also has w")


def test_deep_gradient_checker_names_sigma_where_sigma_prime_belongs():
    net, factors = deep_factors()
    from backprop_lib.derivations.symbolic import sigma

    slip = sp.Mul(*factors) / sigma_prime(net.z[3]) * sigma(net.z[3])
    verdict(check_deep_gradient(slip), False, "σ(z^(3)) is used where σ'(z^(3))")
    verdict(check_deep_gradient(sp.Derivative(net.J, net.theta[1])), True)
