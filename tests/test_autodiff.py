"""The scalar reverse-mode reference, backprop_lib.autodiff: every operation against central
differences, whole networks against Network.gradients and Network.deltas, bad input named."""

import math
import warnings

import numpy as np
import pytest

from backprop_lib import Network, central_difference, xor
from backprop_lib.autodiff import Value, graph_size, network_graph
from backprop_lib.data import spiral

# name -> (f built from Values, the same f on floats, points to differentiate at)
OPERATIONS = {
    "add": (lambda x: x + 2.5, lambda x: x + 2.5, [-1.3, 0.4]),
    "radd": (lambda x: 2.5 + x, lambda x: 2.5 + x, [-1.3, 0.4]),
    "sub": (lambda x: x - 0.7, lambda x: x - 0.7, [-1.3, 0.4]),
    "rsub": (lambda x: 0.7 - x, lambda x: 0.7 - x, [-1.3, 0.4]),
    "mul": (lambda x: x * -1.9, lambda x: x * -1.9, [-1.3, 0.4]),
    "rmul": (lambda x: 3.0 * x, lambda x: 3.0 * x, [-1.3, 0.4]),
    "square by mul": (lambda x: x * x, lambda x: x * x, [-1.3, 0.4]),
    "div": (lambda x: x / 1.7, lambda x: x / 1.7, [-1.3, 0.4]),
    "rdiv": (lambda x: 2.0 / x, lambda x: 2.0 / x, [-1.3, 0.4]),
    "neg": (lambda x: -x, lambda x: -x, [-1.3, 0.4]),
    "pow 3": (lambda x: x**3, lambda x: x**3, [-1.3, 0.4]),
    "pow -2": (lambda x: x**-2, lambda x: x**-2, [-1.3, 0.4]),
    "pow 0.5": (lambda x: x**0.5, lambda x: x**0.5, [0.4, 2.2]),
    "exp": (Value.exp, math.exp, [-1.3, 0.4]),
    "log": (Value.log, math.log, [0.4, 2.2]),
    "sigmoid": (Value.sigmoid, lambda x: 1 / (1 + math.exp(-x)), [-1.3, 0.4]),
    "tanh": (Value.tanh, math.tanh, [-1.3, 0.4]),
    "relu": (Value.relu, lambda x: max(x, 0.0), [-1.3, 0.4]),
    "value with value": (lambda x: x * (x + 1) / (x.exp() + x * x), None, [-1.3, 0.4]),
}


def _float_version(name):
    built, on_floats, _ = OPERATIONS[name]
    if on_floats is not None:
        return on_floats
    return lambda x: built(Value(x)).data


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_matches_central_differences(name):
    built, _, points = OPERATIONS[name]
    f = _float_version(name)
    for point in points:
        x = Value(point)
        out = built(x)
        out.backward()
        assert out.data == pytest.approx(f(point), rel=1e-14, abs=1e-15)
        assert x.grad == pytest.approx(central_difference(f, point, 1e-3), rel=1e-8, abs=1e-10)


def test_local_derivatives_are_stored_and_paths_add():
    x, w = Value(3.0), Value(-2.0)
    f = x * w + x * x  # x reaches f along three edges
    assert f.parents[0].local == (-2.0, 3.0)
    f.backward()
    assert (f.data, x.grad, w.grad) == (3.0, w.data + 2 * x.data, x.data)


def test_backward_twice_gives_the_same_grads():
    x = Value(0.3)
    f = (x * 2).tanh() * x
    f.backward()
    first = x.grad
    f.backward()
    assert x.grad == first != 0


def test_a_long_chain_does_not_hit_the_recursion_limit():
    x = Value(1.0)
    total = x
    for _ in range(5000):
        total = total + x
    total.backward()
    assert x.grad == 5001.0
    assert len(total.topological_order()) == 5001  # x and the 5000 sums


def test_topological_order_lists_parents_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    order = d.topological_order()
    assert order[-1] is d
    position = {id(v): i for i, v in enumerate(order)}
    for v in order:
        assert all(position[id(p)] < position[id(v)] for p in v.parents)


ARCHITECTURES = [[2, 3, 1], [2, 2, 2, 1], [3, 4, 2]]
PAIRINGS = [
    ("sigmoid", "sigmoid", "mse"),
    ("tanh", "linear", "mse"),
    ("relu", "tanh", "mse"),
    ("tanh", "sigmoid", "bce"),
    ("relu", "sigmoid", "bce"),
]


@pytest.mark.parametrize("layers", ARCHITECTURES, ids=str)
@pytest.mark.parametrize("hidden,output,loss", PAIRINGS)
def test_value_graph_equals_network_gradients_and_deltas(layers, hidden, output, loss):
    seed = sum(layers) + len(hidden) + len(output) + len(loss)
    rng = np.random.default_rng(seed)
    net = Network(layers, hidden=hidden, output=output, loss=loss, seed=seed)
    X = rng.normal(size=(5, layers[0]))
    y = rng.integers(0, 2, size=(5, layers[-1])).astype(float)
    graph = network_graph(net, X, y)
    graph.J.backward()
    assert graph.J.data == pytest.approx(net.cost(X, y), rel=1e-12)
    for mine, theirs in zip(graph.gradients(), net.gradients(X, y)):
        assert mine.shape == theirs.shape
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-12)
    deltas = net.deltas(X, y)
    assert graph.deltas()[0] is None
    for mine, theirs in zip(graph.deltas()[1:], deltas[1:]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-12)


def test_the_articles_xor_net_to_1e_12():
    X, y = xor()
    net = Network([2, 2, 2, 1], output="sigmoid", loss="mse", init="uniform", seed=0)
    graph = network_graph(net, X, y)
    graph.J.backward()
    for mine, theirs in zip(graph.gradients(), net.gradients(X, y)):
        assert np.max(np.abs(mine - theirs)) < 1e-12


def test_every_sample_adds_the_same_number_of_nodes():
    net = Network([2, 8, 8, 1], seed=1)
    sizes = []
    for m in (4, 8, 16):
        X, y = spiral(n=m, seed=0)
        sizes.append(len(network_graph(net, X, y).J.topological_order()))
    assert sizes[2] - sizes[1] == 2 * (sizes[1] - sizes[0]) > 0


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,error,words",
    [
        ("a", TypeError, "data: expected a real number, got 'a'"),
        (None, TypeError, "data: expected a real number"),
        (True, TypeError, "data: expected a real number, got True"),
        (1 + 2j, TypeError, "data: expected a real number"),
        ([1.0], TypeError, "data: expected a real number"),
        (float("nan"), ValueError, "data: expected a finite number"),
        (float("inf"), ValueError, "data: expected a finite number"),
    ],
)
def test_bad_data_is_named(data, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        Value(data)


def test_bad_operands_are_named():
    x = Value(2.0)
    with pytest.raises(TypeError, match=r"Value \+ operand: expected a real number, got 'a'"):
        x + "a"
    with pytest.raises(TypeError, match=r"Value \* operand: expected a real number"):
        x * None
    with pytest.raises(ValueError, match=r"Value - operand: expected a finite number"):
        x - float("nan")
    with pytest.raises(TypeError, match="exponent n must be a plain number"):
        x ** Value(2.0)
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        x / 0
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        Value(0.0) ** -1
    with pytest.raises(ValueError, match="negative base -2 needs a whole exponent"):
        Value(-2.0) ** 0.5
    with pytest.raises(ValueError, match="log: expected a positive number, got 0"):
        Value(0.0).log()
    with pytest.raises(OverflowError, match="exp: e\\^800 is too large"):
        Value(800.0).exp()


def test_extreme_sigmoid_inputs_do_not_overflow():
    for z, expected in [(-800.0, 0.0), (800.0, 1.0), (0.0, 0.5)]:
        x = Value(z)
        s = x.sigmoid()
        s.backward()
        assert s.data == pytest.approx(expected) and math.isfinite(x.grad)


def test_network_graph_checks_its_arguments():
    net = Network([2, 2, 1], seed=0)
    X, y = xor()
    with pytest.raises(ValueError, match="X: expected 2 column"):
        network_graph(net, X[:, :1], y)
    with pytest.raises(ValueError, match="X and y: expected the same number of rows"):
        network_graph(net, X, y[:3])
    net.thetas = [net.thetas[0]]
    with pytest.raises(ValueError, match="thetas: expected a list of 2 arrays"):
        network_graph(net, X, y)


def test_network_graph_refuses_what_it_does_not_build():
    X, y = xor()
    net = Network([2, 2, 1], seed=0)
    net.output = "softmax"  # an option a later Network may have: named, not silently wrong
    with pytest.raises(ValueError, match="network_graph: output='softmax' is not built"):
        network_graph(net, X, y)
    net = Network([2, 2, 1], seed=0)
    net.reduction = "mean"
    with pytest.raises(ValueError, match="network_graph: reduction='mean' is not built"):
        network_graph(net, X, y)


# -- hostile numbers: a clear error naming the operation, the operands unchanged ---------------


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: Value(10**400), ValueError, "data: expected a finite number"),
        (lambda: Value(2.0) + 10**400, ValueError, r"Value \+ operand: .*too large"),
        (lambda: 10**400 * Value(2.0), ValueError, r"Value \* operand: .*too large"),
        (lambda: Value(2.0) ** 10**6, OverflowError, r"Value \*\* 1e\+06: .*too large"),
        (lambda: Value(2.0) ** 10**400, ValueError, r"Value \*\* operand: .*too large"),
        (lambda: Value(1e200) ** 2, OverflowError, r"Value \*\* 2: .*too large"),
        (lambda: Value(1e200) * 1e200, OverflowError, r"Value \*: .*too large"),
        (lambda: Value(1e308) + 1e308, OverflowError, r"Value \+: .*too large"),
        (lambda: 1 / Value(1e-320), OverflowError, r"Value / .*too large"),
        (lambda: Value(1.0) / 1e-320, OverflowError, r"Value / .*too large"),
        (lambda: Value(0.0) ** 0.5, ValueError, r"Value \*\* 0.5: at 0 its derivative"),
        (lambda: Value(0.0) ** 0.25, ValueError, r"at 0 its derivative .* is infinite"),
        (lambda: 2 ** Value(2000.0), OverflowError, r"Value 2 \*\* x: .*too large"),
        (lambda: (-2) ** Value(3.0), ValueError, r"base \*\* Value: the base must be > 0"),
        (lambda: 0 ** Value(3.0), ValueError, r"base \*\* Value: the base must be > 0"),
        (lambda: "a" ** Value(3.0), TypeError, r"base \*\* Value: the base: expected a real"),
    ],
)
def test_hostile_numbers_name_the_operation(make, error, words):
    """Values never change in place, so a refused operation leaves its operands as they were."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=words) as raised:
            make()
    assert len(str(raised.value)) < 300


def test_zero_powers_have_their_derivative():
    x = Value(0.0)
    for n, value, slope in [(0, 1.0, 0.0), (1, 0.0, 1.0), (2, 0.0, 0.0), (3.0, 0.0, 0.0)]:
        y = x**n
        y.backward()
        assert (y.data, x.grad) == (value, slope)


@pytest.mark.parametrize("base, x", [(2, 3.0), (0.5, -1.5), (np.float64(3.0), 0.7), (math.e, 2.0)])
def test_a_number_to_a_value_power_has_its_derivative(base, x):
    v = Value(x)
    y = base**v
    y.backward()
    h = 1e-6
    numeric = (float(base) ** (x + h) - float(base) ** (x - h)) / (2 * h)
    assert y.data == pytest.approx(float(base) ** x, rel=1e-15)
    assert v.grad == pytest.approx(numeric, rel=1e-8)


@pytest.mark.parametrize("net", ["net", None, 3, [2, 2, 1], np.zeros((2, 3))])
def test_network_graph_names_a_net_that_is_not_a_network(net):
    X, y = xor()
    with pytest.raises(TypeError, match="network_graph: net: expected a Network") as raised:
        network_graph(net, X, y)
    assert len(str(raised.value)) < 200


@pytest.mark.parametrize(
    "layers, m", [([2, 700, 700, 1], 4), ([2, 64, 64, 1], 200), ([2, 8, 1], 20_000)]
)
def test_network_graph_refuses_a_big_graph_before_building_it(layers, m, monkeypatch):
    built = []
    monkeypatch.setattr(Value, "__init__", lambda *a, **k: built.append(1))
    net = Network(layers, seed=0)
    X = np.zeros((m, 2))
    y = np.zeros((m, 1))
    before = [t.copy() for t in net.thetas]
    with pytest.raises(ValueError, match="one per scalar operation") as raised:
        network_graph(net, X, y)
    assert built == [] and len(str(raised.value)) < 300
    assert all(np.array_equal(a, b) for a, b in zip(net.thetas, before))


def test_graph_size_counts_the_nodes_network_graph_makes():
    net = Network([2, 8, 8, 1], seed=1)
    for m in (4, 16):
        X, y = spiral(n=m, seed=0)
        made = len(network_graph(net, X, y).J.topological_order())
        assert made <= graph_size(net.layers, m) <= 1.2 * made
