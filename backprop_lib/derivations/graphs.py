"""SymPy versions of whole layers: many paths to the cost, and the gradient in matrix form.

`symbolic_network` builds a small fully connected network with symbols for every input,
target and weight: σ hidden units (eq. 1), a linear output g(z) = z and J = ½ Σ (ŷ − y)²,
eq. (7) summed over samples and outputs. On it:
  delta_by_diff      δ^(l) = ∂J/∂z^(l), eq. (13), by SymPy's diff
  path_sum_delta     δ of one unit as a sum over every path from it to the cost
  backprop_deltas    δ by the layer recursion (Θᵀ δ) ⊙ σ', eq. (16) for whole layers
  gradient_by_diff   ∂J/∂Θ^(l) entry by entry, by SymPy's diff
  gradient_matrix_form  δ^(l+1)ᵀ [1, a^(l)], the same thing in one matrix product
  layer_gradient     one layer alone: ∂J/∂Θ from δ = ∂J/∂z by the chain rule, entry by entry
The "diamond" is symbolic_network([1, 1, 2, 1]): its first weight reaches J along two paths.

Indexing follows the article: layers are numbered from 1 (a^(1) = x) and Θ^(l) feeds layer
l + 1; dicts are keyed by that number. Rows of X, z^(l), a^(l), δ^(l) are samples, columns
units, as in Network; Θ^(l) has one row per unit of layer l + 1 and the bias in column 0.
"""

import itertools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..activations import sigmoid as _numeric_sigmoid
from ..architecture import check_layers
from ..validation import check_int
from .symbolic import sigma, sigma_prime


@dataclass(frozen=True)
class SymbolicNetwork:
    """A fully connected network in symbols (σ hidden, linear output, J of eq. 7 summed).

    layers: sizes from input to output; samples: m, the number of rows of X.
    X (m × n_1), Y (m × n_L): symbol matrices; thetas[l]: Θ^(l), n_(l+1) × (n_l + 1).
    z[l], a[l]: m × n_l matrices of expressions (a[1] = X; z from l = 2); J: the cost.
    z_symbol[l], a_symbol[l]: plain symbols of the same shapes, for printing and for (13).
    """

    layers: tuple
    samples: int
    X: sp.Matrix
    Y: sp.Matrix
    thetas: dict
    z: dict
    a: dict
    J: sp.Expr
    z_symbol: dict
    a_symbol: dict

    @property
    def L(self):
        """The output layer's number (4 for the diamond [1, 1, 2, 1])."""
        return len(self.layers)


def _symbols(name, rows, cols, first_col=1, with_row=True):
    """A rows × cols Matrix of real symbols name_{ij} (i from 1; j from first_col)."""

    def entry(i, j):
        index = f"{i + 1}{j + first_col}" if with_row else f"{j + first_col}"
        return sp.Symbol(f"{name}_{{{index}}}", real=True)

    return sp.Matrix(rows, cols, entry)


def with_ones(A):
    """[1, A]: A (m × n) with a column of ones in front, m × (n + 1); the bias input."""
    return sp.ones(A.rows, 1).row_join(A)


def _forward(thetas, layers, a_first, start, z_start=None):
    """z and a from layer `start` to the output, eq. (6), given a^(start) (or z^(start))."""
    L = len(layers)
    z, a = {}, {start: a_first}
    if z_start is not None:
        z[start] = z_start
        a[start] = z_start.applyfunc(sigma) if start < L else z_start
    for l in range(start + 1, L + 1):
        z[l] = with_ones(a[l - 1]) * thetas[l - 1].T  # z^(l) = [1, a^(l−1)] Θ^(l−1)ᵀ
        a[l] = z[l] if l == L else z[l].applyfunc(sigma)  # g(z) = z at the output
    return z, a


def _cost(y_hat, Y):
    """J = Σ ½(ŷ − y)² over every sample and output, eq. (7) summed."""
    return sp.Rational(1, 2) * sum((y_hat - Y).applyfunc(lambda d: d**2))


def symbolic_network(layers, samples=1):
    """The network `layers` in symbols, with `samples` rows of inputs and targets.

    Inputs: layers, sizes such as [1, 1, 2, 1] (at least three: one hidden layer);
    samples, m ≥ 1. Returns: SymbolicNetwork.
    """
    layers = tuple(check_layers(layers))
    if len(layers) < 3:
        raise ValueError(f"layers: expected at least one hidden layer, got {list(layers)}")
    m = check_int("samples", samples, 1, meaning="the number of training examples")
    many = m > 1  # name entries x_{ik} with the sample index i only when there are several
    X = _symbols("x", m, layers[0], with_row=many)
    Y = _symbols("y", m, layers[-1], with_row=many)
    thetas = {
        l: _symbols(rf"\theta^{{({l})}}", layers[l], layers[l - 1] + 1, first_col=0)
        for l in range(1, len(layers))
    }
    z, a = _forward(thetas, layers, X, 1)
    z_symbol = {l: _symbols(f"z^{{({l})}}", m, layers[l - 1], with_row=many) for l in z}
    a_symbol = {l: _symbols(f"a^{{({l})}}", m, layers[l - 1], with_row=many) for l in a}
    a_symbol[len(layers)] = _symbols(r"\hat{y}", m, layers[-1], with_row=many)
    J = _cost(a[len(layers)], Y)
    return SymbolicNetwork(layers, m, X, Y, thetas, z, a, J, z_symbol, a_symbol)


def _check_net(net):
    if not isinstance(net, SymbolicNetwork):
        raise TypeError(f"net: expected a SymbolicNetwork from symbolic_network(), got {net!r}")
    return net


def _check_l(net, l, lowest, highest, name="l"):
    return check_int(name, l, lowest, highest, meaning=f"a layer number of {list(net.layers)}")


def abbreviate(net, expr):
    """expr with every a^(l) = σ(z^(l)) and z^(l) written as its plain symbol, for printing.

    Inputs: net, SymbolicNetwork; expr, a SymPy expression or Matrix. Returns: the same kind.
    """
    names = {}
    for l in range(_check_net(net).L - 1, 1, -1):  # ŷ = z^(L), a sum, is done below
        names |= dict(zip(net.a[l], net.a_symbol[l]))  # σ(z^(l))
        for expr_z, sym_z in zip(net.z[l], net.z_symbol[l]):
            names.setdefault(expr_z, sym_z)
    short = sp.sympify(expr).xreplace(names)
    for y_hat, symbol in zip(net.a[net.L], net.a_symbol[net.L]):  # ŷ inside a sum, e.g. ŷ − y
        short = short.subs(y_hat.xreplace(names), symbol)
    return short


def delta_by_diff(net, l):
    """δ^(l) = ∂J/∂z^(l), eq. (13), by SymPy's diff: m × n_l.

    J is rebuilt forward from free symbols standing for z^(l), differentiated with respect to
    each, and the symbols are then replaced by their expressions in X and the Θ's.
    Inputs: net, SymbolicNetwork; l, 2 ≤ l ≤ L. Returns: sp.Matrix.
    """
    l = _check_l(_check_net(net), l, 2, net.L)
    free = net.z_symbol[l]
    _, a = _forward(net.thetas, net.layers, None, l, z_start=free)
    J = _cost(a[net.L], net.Y)
    back = dict(zip(free, net.z[l]))
    return free.applyfunc(lambda s: sp.diff(J, s).xreplace(back))


def path_sum_delta(net, l, i, j):
    """δ^(l) of unit j for sample i as a sum over every path from that unit to the cost.

    One term per path j = j_l → j_(l+1) → … → j_L: the output error ŷ − y of the output unit
    it ends at, times, for every layer s it passes, the weight Θ^(s)[j_(s+1), j_s] it takes
    and the slope σ'(z^(s)) of the unit it leaves. (0-based i and j.)
    Inputs: net; l, 2 ≤ l ≤ L − 1; i, sample; j, unit of layer l.
    Returns: (the sum, the list of path terms), SymPy expressions.
    """
    l = _check_l(_check_net(net), l, 2, net.L - 1)
    i = check_int("i", i, 0, net.samples - 1, meaning="a sample index, from 0")
    j = check_int("j", j, 0, net.layers[l - 1] - 1, meaning=f"a unit of layer {l}, from 0")
    L, terms = net.L, []
    for rest in itertools.product(*(range(n) for n in net.layers[l:])):
        path = (j, *rest)  # path[s − l] is the unit the path visits in layer s
        term = net.a[L][i, path[-1]] - net.Y[i, path[-1]]
        for s in range(l, L):
            unit, following = path[s - l], path[s - l + 1]
            term *= net.thetas[s][following, unit + 1] * sigma_prime(net.z[s][i, unit])
        terms.append(term)
    return sp.Add(*terms), terms


def backprop_deltas(net):
    """δ^(l) for every layer by the recursion of eqs. (14)–(16), written for whole layers.

    δ^(L) = Ŷ − Y (linear output, eq. 14); δ^(l) = (δ^(l+1) Θ^(l)[:, 1:]) ⊙ σ'(z^(l)), which
    for one sample (a column) is (Θ^(l)ᵀ δ^(l+1)) with the bias row dropped, ⊙ σ'(z^(l)).
    Inputs: net, SymbolicNetwork. Returns: dict l → m × n_l Matrix, l = 2 … L.
    """
    L = _check_net(net).L
    delta = {L: net.a[L] - net.Y}
    for l in range(L - 1, 1, -1):
        back = delta[l + 1] * net.thetas[l][:, 1:]  # (m × n_(l+1)) (n_(l+1) × n_l)
        delta[l] = back.multiply_elementwise(net.z[l].applyfunc(sigma_prime))
    return delta


def gradient_by_diff(net, l):
    """∂J/∂Θ^(l), each entry by SymPy's diff of J: n_(l+1) × (n_l + 1).

    Inputs: net, SymbolicNetwork; l, 1 ≤ l ≤ L − 1. Returns: sp.Matrix shaped like Θ^(l).
    """
    l = _check_l(_check_net(net), l, 1, net.L - 1)
    return net.thetas[l].applyfunc(lambda t: sp.diff(net.J, t))


def gradient_matrix_form(net, l, deltas=None):
    """∂J/∂Θ^(l) = δ^(l+1)ᵀ [1, a^(l)], summed over the samples by the product itself.

    Shapes: δ^(l+1)ᵀ is n_(l+1) × m, [1, a^(l)] is m × (n_l + 1), the product
    n_(l+1) × (n_l + 1), the shape of Θ^(l).
    Inputs: net; l, 1 ≤ l ≤ L − 1; deltas, from backprop_deltas (computed if None).
    Returns: sp.Matrix.
    """
    l = _check_l(_check_net(net), l, 1, net.L - 1)
    deltas = backprop_deltas(net) if deltas is None else deltas
    return deltas[l + 1].T * with_ones(net.a[l])


@dataclass(frozen=True)
class LayerGradient:
    """One layer z = [1, A] Θᵀ in symbols, with ∂J/∂Θ found two ways from δ = ∂J/∂z.

    A (m × n_in), Theta (n_out × (n_in + 1)), delta (m × n_out): symbol matrices, δ standing
    for whatever the layers above make of ∂J/∂z; Z = [1, A] Θᵀ (m × n_out).
    by_chain_rule[j, k] = Σ_i Σ_j' δ[i, j'] ∂Z[i, j']/∂Θ[j, k], the derivatives taken by SymPy;
    matrix_form = δᵀ [1, A]. Both are n_out × (n_in + 1), the shape of Θ.
    """

    A: sp.Matrix
    Theta: sp.Matrix
    delta: sp.Matrix
    Z: sp.Matrix
    by_chain_rule: sp.Matrix
    matrix_form: sp.Matrix


def layer_gradient(n_in, n_out, samples):
    """∂J/∂Θ of one layer, entry by entry by the chain rule (eq. 4) and as δᵀ [1, A].

    Θ[j, k] reaches J only through z[i, j], once per sample i: the chain rule sums over those
    m paths (and over every z, most of which do not depend on Θ[j, k]: SymPy finds the zeros).
    Inputs: n_in, n_out, samples (m), whole numbers ≥ 1. Returns: LayerGradient.
    """
    n_in = check_int("n_in", n_in, 1, meaning="units feeding the layer")
    n_out = check_int("n_out", n_out, 1, meaning="units of the layer")
    m = check_int("samples", samples, 1, meaning="the number of training examples")
    A = _symbols("a", m, n_in)
    Theta = _symbols(r"\theta", n_out, n_in + 1, first_col=0)
    delta = _symbols(r"\delta", m, n_out)
    Z = with_ones(A) * Theta.T

    def entry(j, k):
        return sp.Add(
            *(delta[i, c] * sp.diff(Z[i, c], Theta[j, k]) for i in range(m) for c in range(n_out))
        )

    by_chain_rule = sp.Matrix(n_out, n_in + 1, entry)
    return LayerGradient(A, Theta, delta, Z, by_chain_rule, delta.T * with_ones(A))


def evaluate(net, expr, thetas, X, y):
    """expr (an expression or Matrix in net's symbols) as numbers, at a Network's point.

    Inputs: net, SymbolicNetwork; thetas, a Network's thetas (0-based: thetas[0] is Θ^(1));
    X (m, n_1), y (m, n_L) arrays. Returns: float, or an array shaped like the Matrix.
    """
    values = {}
    for l, theta in _check_net(net).thetas.items():
        values |= dict(zip(theta, np.asarray(thetas[l - 1], dtype=float).ravel()))
    for symbols, numbers in ((net.X, X), (net.Y, y)):
        given = np.asarray(numbers, dtype=float)
        if given.shape != symbols.shape:
            raise ValueError(f"X, y: expected shapes {net.X.shape}, {net.Y.shape}")
        values |= dict(zip(symbols, given.ravel()))
    names = list(values)
    f = sp.lambdify(names, expr, modules=[{"sigma": _numeric_sigmoid}, "numpy"], cse=True)
    result = f(*values.values())
    return float(result) if not isinstance(expr, sp.MatrixBase) else np.array(result, float)
