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

from .architecture import check_thetas


def _number(value, parameter):
    """value as a finite float, or a TypeError / ValueError naming `parameter`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{parameter}: expected a real number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{parameter}: expected a finite number, got {value!r}")
    return float(value)


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
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = _lift(other, "*")
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __pow__(self, n):
        if isinstance(n, Value):
            raise TypeError("Value ** n: the exponent n must be a plain number, not a Value")
        n, x = _number(n, "Value ** operand"), self.data
        if x == 0 and n < 0:
            raise ZeroDivisionError(f"Value ** {n:g}: 0 to a negative power (division by zero)")
        if x < 0 and not n.is_integer():
            raise ValueError(f"Value ** {n:g}: a negative base {x:g} needs a whole exponent")
        return Value(x**n, (self,), (n * x ** (n - 1),), f"**{n:g}")

    def exp(self):
        """e^x; its local derivative is e^x itself."""
        if self.data > 709.0:
            raise OverflowError(f"exp: e^{self.data:g} is too large for a float")
        e = math.exp(self.data)
        return Value(e, (self,), (e,), "exp")

    def log(self):
        """ln x for x > 0; local derivative 1/x."""
        if self.data <= 0:
            raise ValueError(f"log: expected a positive number, got {self.data:g}")
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

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
    X, y = net.check_data(X, y)  # the Network's own argument checks
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
