"""backprop_lib.derivations.symbolic: eqs. (1)–(17) in SymPy, against sp.diff and differences."""

import math

import numpy as np
import pytest
import sympy as sp

from backprop_lib import central_difference
from backprop_lib.activations import sigmoid
from backprop_lib.derivations.symbolic import (
    abbreviate,
    backprop_gradients,
    chain_rule,
    delta_by_diff,
    hand_delta,
    hand_gradient,
    lambdify_net,
    multiplication_counts,
    per_weight_gradients,
    quotient_rule,
    reciprocal_rule,
    same,
    sigma,
    sigma_prime,
    sigmoid_derivative_steps,
    sigmoid_expr,
    single_path_cost,
    single_path_forward,
    single_path_network,
    update_12,
    update_17,
)

x = sp.Symbol("x", real=True)


def test_sigma_is_eq_1_and_its_derivative_is_what_sympy_finds():
    assert same(sigma(x), 1 / (1 + sp.exp(-x)))
    # sigma's built-in derivative (eq. 5) against SymPy differentiating eq. (1) itself
    assert sp.simplify(sp.diff(sigma(x), x).rewrite(sp.exp) - sp.diff(sigmoid_expr(x), x)) == 0
    assert same(sp.diff(sigma(x), x), sigma_prime(x))


def test_same_tells_equal_from_unequal():
    assert same(sigma(x) * (1 - sigma(x)), sp.exp(-x) / (1 + sp.exp(-x)) ** 2)
    assert not same(sigma(x) * (1 - sigma(x)), sp.exp(-x) / (1 + sp.exp(-x)))
    assert not same(sigma(x), sigma(-x))


def test_quotient_reciprocal_and_chain_rules_agree_with_diff():
    f, g = sp.sin(x) + 2, x**2 + 1
    assert same(quotient_rule(f, g, x), sp.diff(f / g, x))
    assert same(reciprocal_rule(g, x), sp.diff(1 / g, x))
    assert same(quotient_rule(1, g, x), reciprocal_rule(g, x))
    assert same(chain_rule(sp.exp, -x, x), sp.diff(sp.exp(-x), x))
    assert same(chain_rule(sp.sin, x**3, x), 3 * x**2 * sp.cos(x**3))


def test_each_line_of_the_eq_5_derivation_equals_the_one_before():
    steps = sigmoid_derivative_steps(x)
    assert len(steps) == 5
    assert same(steps[0], reciprocal_rule(1 + sp.exp(-x), x))
    assert same(steps[0], sp.diff(sigmoid_expr(x), x))
    for before, after in zip(steps, steps[1:]):
        assert same(before, after)
    assert same(steps[-1], sigma(x) * (1 - sigma(x))) and steps[-1].args[0] == sigma(x)


def test_single_path_network_matches_eq_6_and_7():
    net = single_path_network(3)
    t1, t2, t3 = (net.theta[k] for k in (1, 2, 3))
    assert net.output == 4
    assert net.a[1] == net.x
    assert net.z[2] == t1 * net.x
    assert net.a[3] == sigma(t2 * sigma(t1 * net.x))
    assert net.y_hat == t3 * sigma(t2 * sigma(t1 * net.x))  # g linear
    assert sp.simplify(net.J - (net.y_hat - net.y) ** 2 / 2) == 0


@pytest.mark.parametrize("depth", [1, 2, 3, 5])
def test_hand_gradients_equal_sympys_diff(depth):
    net = single_path_network(depth)
    for k in range(1, depth + 1):
        assert same(hand_gradient(net, k), sp.diff(net.J, net.theta[k]))


def test_hand_gradients_are_eqs_9_10_11():
    net = single_path_network(3)
    e, t, z, a = net.y_hat - net.y, net.theta, net.z, net.a
    assert same(hand_gradient(net, 3), e * a[3])  # (9)
    assert same(hand_gradient(net, 2), e * t[3] * sigma_prime(z[3]) * a[2])  # (10)
    eq_11 = e * t[3] * sigma_prime(z[3]) * t[2] * sigma_prime(z[2]) * net.x
    assert same(hand_gradient(net, 1), eq_11)
    assert not same(hand_gradient(net, 1), hand_gradient(net, 2))


@pytest.mark.parametrize("depth", [1, 3, 4])
def test_deltas_by_diff_equal_the_recursion(depth):
    net = single_path_network(depth)
    for l in range(2, net.output + 1):
        assert same(delta_by_diff(net, l), hand_delta(net, l))
    assert same(hand_delta(net, net.output), net.y_hat - net.y)  # (14)


def test_updates_17_equal_updates_12():
    net = single_path_network(3)
    for k in (1, 2, 3):
        assert same(update_12(net, k), update_17(net, k))
        assert same(update_12(net, k), -net.eta * sp.diff(net.J, net.theta[k]))


def test_abbreviate_names_the_nested_expressions():
    net = single_path_network(3)
    y_hat = sp.Symbol(r"\hat{y}", real=True)
    assert abbreviate(net, hand_gradient(net, 3)) == (y_hat - net.y) * net.a_symbol[3]
    short = abbreviate(net, hand_gradient(net, 2))
    assert short.free_symbols == {y_hat, net.y, net.theta[3], net.a_symbol[2], net.a_symbol[3]}


def test_lambdify_matches_the_numeric_companions_and_central_differences():
    net = single_path_network(3)
    rng = np.random.default_rng(1)
    for _ in range(5):
        xv, yv = rng.normal(), rng.normal()
        thetas = list(rng.normal(size=3))
        assert math.isclose(
            lambdify_net(net, net.J)(xv, yv, *thetas), single_path_cost(thetas, xv, yv)
        )
        by_hand = per_weight_gradients(thetas, xv, yv)
        by_delta = backprop_gradients(thetas, xv, yv)
        for k in (1, 2, 3):
            sym = lambdify_net(net, sp.diff(net.J, net.theta[k]))(xv, yv, *thetas)

            def cost(t, k=k, thetas=thetas, xv=xv, yv=yv):
                return single_path_cost(thetas[: k - 1] + [t] + thetas[k:], xv, yv)

            numeric = central_difference(cost, thetas[k - 1])
            assert abs(sym - by_hand[k - 1]) < 1e-12
            assert abs(sym - by_delta[k - 1]) < 1e-12
            assert abs(sym - numeric) < 1e-9


def test_forward_follows_eq_6():
    z, a = single_path_forward([2.0, -1.0, 0.5], 0.3)
    assert a[1] == 0.3 and z[2] == 0.6
    assert a[2] == pytest.approx(float(sigmoid(0.6)), rel=1e-15)
    assert single_path_forward([1.0, 1.0], -1000.0)[1][2] == 0.0  # no overflow
    assert single_path_forward([1.0, 1.0], 1000.0)[1][2] == 1.0
    assert z[3] == pytest.approx(-a[2])
    assert a[4] == z[4] == pytest.approx(0.5 * a[3])


def test_deep_path_both_ways_agree():
    rng = np.random.default_rng(2)
    thetas = list(rng.uniform(1, 3, size=300))
    by_hand = np.array(per_weight_gradients(thetas, 0.5, 2.0))
    by_delta = np.array(backprop_gradients(thetas, 0.5, 2.0))
    assert np.all(np.abs(by_delta) > 1e-300)  # no underflow: a real comparison
    np.testing.assert_allclose(by_hand, by_delta, rtol=1e-10, atol=0)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 20])
def test_multiplication_counts(n):
    per_weight, reusing = multiplication_counts(n)
    # per weight: ∂J/∂θ^(k) has 2(n − k) + 2 factors, so 2(n − k) + 1 products, n² in all;
    # reusing δ: 2 per δ^(l) for l = n … 2, and 1 per gradient.
    assert per_weight == n * n
    assert reusing == 3 * n - 2


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: single_path_network(0), ValueError, r"depth: expected a whole number ≥ 1"),
        (lambda: single_path_network(2.5), TypeError, r"depth: expected a whole number"),
        (lambda: multiplication_counts(True), TypeError, r"depth"),
        (lambda: hand_gradient(single_path_network(3), 4), ValueError, r"k: expected 1 ≤ k ≤ 3"),
        (lambda: hand_delta(single_path_network(3), 1), ValueError, r"l: expected 2 ≤ l ≤ 4"),
        (lambda: delta_by_diff(single_path_network(3), "2"), TypeError, r"l: expected a whole"),
        (lambda: hand_gradient("net", 1), TypeError, r"net: expected a SinglePath"),
        (lambda: update_12(None, 1), TypeError, r"net: expected a SinglePath"),
        (lambda: lambdify_net(3, sp.Symbol("x")), TypeError, r"net: expected a SinglePath"),
        (lambda: abbreviate([], sp.Symbol("x")), TypeError, r"net: expected a SinglePath"),
        (lambda: single_path_cost([], 1.0, 0.0), ValueError, r"thetas: expected at least one"),
        (lambda: single_path_cost(1.0, 1.0, 0.0), TypeError, r"thetas: expected a sequence"),
        (lambda: single_path_cost([1.0, "a"], 1.0, 0.0), TypeError, r"thetas\[1\]"),
        (lambda: backprop_gradients([1.0], float("nan"), 0.0), ValueError, r"x: expected a finite"),
        (lambda: per_weight_gradients([1.0], 1.0, None), TypeError, r"y: expected a real number"),
    ],
)
def test_bad_input_names_the_parameter(call, error, match):
    with pytest.raises(error, match=match):
        call()
