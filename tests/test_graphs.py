"""backprop_lib.derivations.graphs: δ as a sum over paths, Θᵀδ, and ∂J/∂Θ = δᵀ [1, a], held to
SymPy's own derivatives and to Network; bad arguments named."""

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network
from backprop_lib.derivations import graphs


def zero(net, expr):
    return sp.expand(graphs.abbreviate(net, expr)) == 0


def test_a_wider_network_sums_over_every_path():
    net = graphs.symbolic_network([1, 2, 3, 2])
    for j in (0, 1):
        by_paths, terms = graphs.path_sum_delta(net, 2, 0, j)
        assert len(terms) == 3 * 2  # one path per (unit of layer 3, output unit)
        assert zero(net, graphs.delta_by_diff(net, 2)[0, j] - by_paths)
        assert zero(net, graphs.backprop_deltas(net)[2][0, j] - by_paths)


def test_a_path_sum_with_a_term_left_out_is_caught():
    net = graphs.symbolic_network([1, 1, 2, 1])
    _, terms = graphs.path_sum_delta(net, 2, 0, 0)
    assert not zero(net, graphs.delta_by_diff(net, 2)[0, 0] - terms[0])


def test_matrix_form_equals_every_derivative_with_several_samples():
    net = graphs.symbolic_network([2, 2, 1], samples=3)
    deltas = graphs.backprop_deltas(net)
    for l in (1, 2):
        by_diff = graphs.gradient_by_diff(net, l)
        matrix = graphs.gradient_matrix_form(net, l, deltas)
        assert matrix.shape == net.thetas[l].shape
        assert all(sp.expand(e) == 0 for e in by_diff - matrix)


def test_layer_gradient_by_the_chain_rule_is_delta_transposed_times_inputs():
    layer = graphs.layer_gradient(3, 2, 5)
    assert layer.by_chain_rule.shape == layer.matrix_form.shape == (2, 4)
    assert sp.simplify(layer.by_chain_rule - layer.matrix_form) == sp.zeros(2, 4)
    assert layer.by_chain_rule[0, 0] == sum(layer.delta[:, 0])  # the bias: δ summed over samples


def test_evaluated_matrix_form_equals_network_gradients():
    sym = graphs.symbolic_network([2, 3, 1], samples=4)
    rng = np.random.default_rng(5)
    net = Network([2, 3, 1], hidden="sigmoid", output="linear", loss="mse", seed=5)
    X, y = rng.normal(size=(4, 2)), rng.normal(size=(4, 1))
    for l, grad in enumerate(net.gradients(X, y), start=1):
        value = graphs.evaluate(sym, graphs.gradient_matrix_form(sym, l), net.thetas, X, y)
        np.testing.assert_allclose(value, grad, rtol=0, atol=1e-12)
    assert graphs.evaluate(sym, sym.J, net.thetas, X, y) == pytest.approx(net.cost(X, y))


@pytest.mark.parametrize(
    "call,error,words",
    [
        (lambda: graphs.symbolic_network([2, 1]), ValueError, "at least one hidden layer"),
        (lambda: graphs.symbolic_network("221"), TypeError, "layers: expected an ordered list"),
        (lambda: graphs.symbolic_network([1, 1, 1], samples=0), ValueError, "samples"),
        (lambda: graphs.delta_by_diff("net", 2), TypeError, "net: expected a SymbolicNetwork"),
        (lambda: graphs.layer_gradient(0, 1, 1), ValueError, "n_in"),
    ],
)
def test_bad_arguments_are_named(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_bad_layers_and_units_are_named():
    net = graphs.symbolic_network([1, 1, 2, 1])
    with pytest.raises(ValueError, match="l: expected a whole number from 2 to 4"):
        graphs.delta_by_diff(net, 1)
    with pytest.raises(ValueError, match="l: expected a whole number from 2 to 3"):
        graphs.path_sum_delta(net, 4, 0, 0)
    with pytest.raises(ValueError, match="j: expected a whole number from 0 to 0"):
        graphs.path_sum_delta(net, 2, 0, 1)
    with pytest.raises(ValueError, match="X, y: expected shapes"):
        graphs.evaluate(net, net.J, Network([1, 1, 2, 1]).thetas, np.zeros((2, 1)), np.zeros(1))
