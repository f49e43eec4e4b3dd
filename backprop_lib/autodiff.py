"""Scalar reverse-mode automatic differentiation: backpropagation for any formula.

A `Value` is one number that remembers the Values it was computed from and the local
derivative of itself with respect to each of them. `J.backward()` then visits the graph from
J back to its inputs (reverse topological order) and applies the chain rule, eq. (4), at
every node: each parent's grad gains local derivative × this node's grad. That is the
recursion δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ σ'(z^(l)) of eqs. (13)–(16), one number at a time;
`network_graph` builds a `Network`'s cost out of Values so the two can be compared.
"""

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .architecture import check_thetas, count_parameters
from .network import Network
from .validation import shown

# The scalar graph holds one Value (a Python object, about a microsecond to make and as much to
# visit) per scalar operation: a Network's matmuls become millions of them long before NumPy
# would notice the work. network_graph refuses graphs over this many nodes (a few seconds).
MAX_GRAPH_NODES = 500_000


def _number(value, parameter):
    """value as a finite float, or a TypeError / ValueError naming `parameter`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{parameter}: expected a real number, got {shown(value)}")
    try:
        number = float(value)
    except (OverflowError, ValueError):
        raise ValueError(
            f"{parameter}: expected a finite number, got {shown(value)}, too large for a float"
        ) from None
    if not math.isfinite(number):
        raise ValueError(f"{parameter}: expected a finite number, got {shown(value)}")
    return number


def _result(op, compute):
    """compute() (a tuple of floats: a result and its local derivatives), each finite, or an
    OverflowError naming the operation `op`."""
    try:
        values = compute()
    except OverflowError:
        values = (math.inf,)
    if not all(math.isfinite(v) for v in values):
        raise OverflowError(f"Value {op}: the result is too large for a float")
    return values


def _lift(other, op):
    """other as a Value (a plain number becomes a constant Value)."""
    return other if isinstance(other, Value) else Value(_number(other, f"Value {op} operand"))


class Value:
    """A scalar in a computation graph: data, its parents, ∂data/∂parent, and grad = ∂J/∂data.

    Inputs: data, a finite real number (the parents and local derivatives are for the
    operations below to fill in). After `J.backward()`, `v.grad` is ∂J/∂v for every v in J's graph.
    """

    def __init__(self, data, parents=(), local=(), op=""):
        self.data = _number(data, "data")
        self.parents = tuple(parents)  # the Values this one was computed from
        self.local = tuple(local)  # ∂self/∂parent, one number per parent
        self.op = op  # the operation's name, for reading graphs
        self.grad = 0.0

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- operations: each returns a new Value with its local derivatives ----------------------

    def __add__(self, other):
        other = _lift(other, "+")
        (data,) = _result("+", lambda: (self.data + other.data,))
        return Value(data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = _lift(other, "*")
        (data,) = _result("*", lambda: (self.data * other.data,))
        return Value(data, (self, other), (other.data, self.data), "*")

    def __pow__(self, n):
        """x ** n for a plain number n; local derivative n x^(n − 1)."""
        if isinstance(n, Value):
            raise TypeError("Value ** n: the exponent n must be a plain number, not a Value")
        n, x = _number(n, "Value ** operand"), self.data
        if x == 0 and n < 0:
            raise ZeroDivisionError(f"Value ** {n:g}: 0 to a negative power (division by zero)")
        if x == 0 and 0 < n < 1:
            raise ValueError(f"Value ** {n:g}: at 0 its derivative {n:g} x^({n - 1:g}) is infinite")
        if x < 0 and not n.is_integer():
            raise ValueError(f"Value ** {n:g}: a negative base {x:g} needs a whole exponent")
        if n == 0:  # x^0 = 1 everywhere: its derivative is 0, even at x = 0
            return Value(1.0, (self,), (0.0,), "**0")
        op = "/ (x ** -1)" if n == -1 else f"** {n:g}"
        data, local = _result(op, lambda: (x**n, n * x ** (n - 1)))
        return Value(data, (self,), (local,), f"**{n:g}")

    def __rpow__(self, base):
        """base ** x for a plain number base > 0: e^(x ln base); local derivative base^x ln base."""
        c = _number(base, "base ** Value: the base")
        if c <= 0:
            raise ValueError(
                f"base ** Value: the base must be > 0 (base^x = e^(x ln base)), got {c:g}"
            )
        data, local = _result(f"{c:g} ** x", lambda: (c**self.data, c**self.data * math.log(c)))
        return Value(data, (self,), (local,), f"{c:g}**")

    def exp(self):
        """e^x; its local derivative is e^x itself."""
        if self.data > 709.0:
            raise OverflowError(f"exp: e^{self.data:g} is too large for a float")
        (e,) = _result("exp", lambda: (math.exp(self.data),))
        return Value(e, (self,), (e,), "exp")

    def log(self):
        """ln x for x > 0; local derivative 1/x."""
        if self.data <= 0:
            raise ValueError(f"log: expected a positive number, got {self.data:g}")
        data, local = _result("log", lambda: (math.log(self.data), 1.0 / self.data))
        return Value(data, (self,), (local,), "log")

    def sigmoid(self):
        """σ(x), eq. (1); local derivative σ(1 − σ) from the output, eq. (5)."""
        e = math.exp(-abs(self.data))  # ≤ 1, so nothing overflows
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        return Value(s, (self,), (s * (1.0 - s),), "sigmoid")

    def tanh(self):
        """tanh x; local derivative 1 − tanh²."""
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,), "tanh")

    def relu(self):
        """max(0, x); local derivative 1 for x > 0, else 0 (0 at the kink, as the library)."""
        r = max(self.data, 0.0)
        return Value(r, (self,), (1.0 if r > 0 else 0.0,), "relu")

    # the rest are made of the operations above
    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-_lift(other, "-"))

    def __truediv__(self, other):
        return self * _lift(other, "/") ** -1

    def __radd__(self, other):
        return _lift(other, "+") + self

    def __rsub__(self, other):
        return _lift(other, "-") - self

    def __rmul__(self, other):
        return _lift(other, "*") * self

    def __rtruediv__(self, other):
        return _lift(other, "/") / self

    # -- the backward pass ----------------------------------------------------------------

    def topological_order(self):
        """Every Value in this one's graph, each after all of its parents (self last).

        Depth-first, with an explicit stack so that long chains do not hit Python's recursion limit.
        """
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents if id(p) not in seen)
        return order

    def backward(self):
        """Set v.grad = ∂self/∂v for every v in the graph: the chain rule, eq. (4), in reverse.

        Every grad in the graph is reset first, so calling it twice gives the same grads.
        """
        order = self.topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):  # each node's grad is complete before it is passed on
            for parent, local in zip(node.parents, node.local):
                parent.grad += local * node.grad


# -- a Network's cost as a graph of Values ----------------------------------------------------


@dataclass
class Graph:
    """A Network's cost J built from Values, with handles on its pieces (0-based layers).

    thetas[l][j][k]: the Value of Θ entry (j, k), like net.thetas[l] (column 0: bias).
    z[l][i][j], a[l][i][j]: sample i, unit j, aligned with net.forward(X); z[0] is None.
    J: the cost, a single Value.
    """

    thetas: list
    z: list
    a: list
    J: Value

    def gradients(self):
        """∂J/∂Θ as arrays shaped like net.thetas (call J.backward() first)."""
        return [np.array([[v.grad for v in row] for row in theta]) for theta in self.thetas]

    def deltas(self):
        """∂J/∂z for every layer, aligned with net.deltas (None first): the grads stored at z."""
        return [None] + [np.array([[v.grad for v in row] for row in z]) for z in self.z[1:]]


def network_graph(net, X, y):
    """The cost J of a Network (eq. 6 forward, eq. 7 or cross-entropy) built from Values.

    Inputs: net, a Network; X (m, layers[0]); y (m, layers[-1]).
    Returns: Graph; after graph.J.backward(), graph.gradients() equals net.gradients(X, y).
    """
    if not isinstance(net, Network):
        raise TypeError(f"network_graph: net: expected a Network, got {shown(net)}")
    X, y = net.check_data(X, y)  # the Network's own argument checks
    nodes = graph_size(net.layers, len(X))
    if nodes > MAX_GRAPH_NODES:
        raise ValueError(
            f"network_graph: this net on {len(X):,} samples needs about {nodes:,} Values, one "
            f"per scalar operation, more than the {MAX_GRAPH_NODES:,} allowed (a few seconds "
            f"of Python); use fewer samples or a smaller network (Network itself has no "
            f"such limit)"
        )
    for parameter, name, known in [
        ("hidden", net.hidden, _ACTIVATE),
        ("output", net.output, _ACTIVATE),
        ("loss", net.loss, ("mse", "bce")),
        ("reduction", getattr(net, "reduction", "sum"), ("sum",)),  # J summed, as the article
    ]:
        if name not in known:
            raise ValueError(f"network_graph: {parameter}={name!r} is not built from Values")
    checked = check_thetas(net.thetas, net.layers)
    thetas = [[[Value(t) for t in row] for row in theta] for theta in checked]
    a, z = [[[Value(x) for x in sample] for sample in X]], [None]
    for l, theta in enumerate(thetas):
        activate = _ACTIVATE[net.output if l == len(thetas) - 1 else net.hidden]
        z.append([[_weighted_sum(row, sample) for row in theta] for sample in a[-1]])
        a.append([[activate(v) for v in sample] for sample in z[-1]])
    terms = []
    for y_row, z_row, a_row in zip(y, z[-1], a[-1]):
        for target, z_out, y_hat in zip(y_row, z_row, a_row):
            if net.loss == "mse":
                terms.append(0.5 * (y_hat - target) ** 2)  # eq. (7)
            else:  # cross-entropy from z, ln(1 + e^z) − y z, as in losses.bce
                terms.append((1 + z_out.exp()).log() - target * z_out)
    J = terms[0]
    for term in terms[1:]:
        J = J + term
    return Graph(thetas, z, a, J)


def graph_size(layers, m):
    """About how many Values network_graph makes for these layer sizes and m samples.

    The Θ entries, the inputs, per sample and unit one multiply and one add per input plus
    the activation, and a few per output for the cost and its sum.
    """
    per_sample = layers[0] + sum(n_out * (2 * n_in + 2) for n_in, n_out in zip(layers, layers[1:]))
    return count_parameters(layers) + m * (per_sample + 6 * layers[-1])


def _weighted_sum(row, inputs):
    """z = θ_0 + Σ_k θ_k a_k for one unit and one sample: row · [1, a]."""
    z = row[0]
    for weight, x in zip(row[1:], inputs):
        z = z + weight * x
    return z


_ACTIVATE = {
    "sigmoid": Value.sigmoid,
    "tanh": Value.tanh,
    "relu": Value.relu,
    "linear": lambda v: v,
}
