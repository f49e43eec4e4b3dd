"""SymPy versions of the article's derivations, eqs. (1)–(17), for the notebooks to assert on.

The sigmoid and its derivative (1)–(5); the single-path network (6) with scalar weights θ^(k),
its cost (7) and the hand-derived gradients (9)–(11); the error signal δ^(l) (13)–(16); the
updates (12) and (17); counts of the multiplications each way of computing the gradients;
and plain-float companions of those formulas for numeric checks and timing.

Indexing follows the article, not Python: dicts are keyed by its 1-based layer numbers, so
a[1] = x, z[2] = θ^(1) a^(1), and theta[k] is θ^(k), which feeds layer k + 1.
"""

import math
import numbers
from dataclasses import dataclass

import sympy as sp

from ..activations import sigmoid as _numeric_sigmoid
from ..validation import check_int

# -- the sigmoid and its derivative, eqs. (1)–(5) ----------------------------------------------


def sigmoid_expr(x):
    """σ(x) = 1 / (1 + e^(−x)), eq. (1), as an explicit SymPy expression.

    Inputs: x, a SymPy expression. Returns: SymPy expression.
    """
    return 1 / (1 + sp.exp(-x))


class sigma(sp.Function):  # lower case, like sp.exp: it prints as the function σ
    """σ(z) of eq. (1) kept as one symbol σ(z) in printed formulas, for readable eqs. (6)–(17).

    Its derivative is σ(z)(1 − σ(z)), eq. (5) (notebook 01 proves it; `same` checks it by
    rewriting); `expr.rewrite(sp.exp)` turns every σ back into 1 / (1 + e^(−z)).
    """

    def fdiff(self, argindex=1):
        return sigma(self.args[0]) * (1 - sigma(self.args[0]))

    def _eval_rewrite_as_exp(self, z, **kwargs):
        return sigmoid_expr(z)

    def _latex(self, printer):
        return rf"\sigma\left({printer._print(self.args[0])}\right)"


def sigma_prime(z):
    """σ'(z) = σ(z)(1 − σ(z)), eq. (5), written with σ. Inputs: SymPy expr. Returns: expr."""
    return sigma(z) * (1 - sigma(z))


def same(a, b):
    """True when SymPy proves a = b: `simplify(a − b) == 0`, after writing every σ as (1).

    Inputs: a, b, SymPy expressions. Returns: bool.
    """
    difference = sp.sympify(a) - sp.sympify(b)
    return sp.simplify(difference.doit().rewrite(sp.exp)) == 0


def quotient_rule(f, g, x):
    """(f / g)' = (f' g − g' f) / g², eq. (2). Inputs: f, g SymPy exprs; x symbol. Returns: expr."""
    return (sp.diff(f, x) * g - sp.diff(g, x) * f) / g**2


def reciprocal_rule(g, x):
    """(1 / g)' = −g' / g², eq. (3): eq. (2) with f = 1. Inputs: g expr; x symbol. Returns: expr."""
    return -sp.diff(g, x) / g**2


def chain_rule(outer, inner, x):
    """h'(x) = f'(g(x)) · g'(x) for h = f(g(x)), eq. (4).

    Inputs: outer, a function taking a SymPy expr (f); inner, an expr in x (g); x, symbol.
    Returns: the product f'(g(x)) · g'(x), left unevaluated so both factors show.
    """
    u = sp.Dummy("u")
    outer_prime = sp.diff(outer(u), u).subs(u, inner)
    return sp.Mul(outer_prime, sp.diff(inner, x), evaluate=False)


def sigmoid_derivative_steps(x):
    """The lines of the derivation of σ'(x) = σ(x)(1 − σ(x)), eq. (5), as SymPy expressions.

    Line 1 is eq. (3) applied to g = 1 + e^(−x), with g' from the chain rule (4); each later
    line rewrites the one before, and the last is eq. (5). They are left unevaluated so that
    each prints as written; `same` shows consecutive lines equal.
    Inputs: x, a SymPy symbol. Returns: list of 5 SymPy expressions.
    """
    e = sp.exp(-x)
    g = 1 + e
    keep = sp.UnevaluatedExpr  # stops SymPy from merging the fractions before they print
    return [
        sp.Mul(-e / g**2, -1, evaluate=False),
        e / g**2,
        keep(1 / g) * keep(sp.Add(1, e, -1, evaluate=False) / g),
        sp.Mul(
            sigma(x),
            sp.Add(keep(sp.Mul(g, 1 / g, evaluate=False)), -keep(1 / g), evaluate=False),
            evaluate=False,
        ),
        sp.Mul(sigma(x), 1 - sigma(x), evaluate=False),
    ]


# -- the single-path network, eqs. (6)–(17) -----------------------------------------------------


@dataclass(frozen=True)
class SinglePath:
    """The single-path network of eq. (6) and its cost (7), as SymPy expressions.

    depth: the number of weights n (the article has 3), so the layers are 1 … n + 1.
    x, y, eta: symbols; theta[k]: symbol θ^(k), k = 1 … n.
    z[l], a[l]: z^(l) and a^(l) in terms of x and the θ's (a[1] = x; z exists from l = 2).
    y_hat: ŷ = a^(n+1) = g(z^(n+1)) with g linear; J: ½(ŷ − y)², eq. (7).
    z_symbol[l], a_symbol[l]: plain symbols z^(l), a^(l), for printing and for eq. (13).
    """

    depth: int
    x: sp.Symbol
    y: sp.Symbol
    eta: sp.Symbol
    theta: dict
    z: dict
    a: dict
    y_hat: sp.Expr
    J: sp.Expr
    z_symbol: dict
    a_symbol: dict

    @property
    def output(self):
        """The output layer's number L = depth + 1 (4 in the article)."""
        return self.depth + 1


def single_path_network(depth=3):
    """The single-path network of eq. (6), σ hidden units and a linear output, with J of (7).

    Inputs: depth, the number of scalar weights θ^(1) … θ^(depth) (the article's is 3).
    Returns: SinglePath.
    """
    depth = check_int("depth", depth, 1, meaning="the number of θ's")
    x, y = sp.symbols("x y", real=True)
    eta = sp.Symbol("eta", positive=True)
    theta = {k: sp.Symbol(f"theta^({k})", real=True) for k in range(1, depth + 1)}
    L = depth + 1
    z_symbol = {l: sp.Symbol(f"z^({l})", real=True) for l in range(2, L + 1)}
    a_symbol = {l: sp.Symbol(f"a^({l})", real=True) for l in range(1, L + 1)}
    a, z = {1: x}, {}
    for l in range(2, L + 1):
        z[l] = theta[l - 1] * a[l - 1]
        a[l] = z[l] if l == L else sigma(z[l])  # g(z) = z at the output, σ elsewhere
    y_hat = a[L]
    J = sp.Rational(1, 2) * (y_hat - y) ** 2
    return SinglePath(depth, x, y, eta, theta, z, a, y_hat, J, z_symbol, a_symbol)


def abbreviate(net, expr):
    """expr with ŷ, z^(l) and a^(l) written as symbols instead of their nested expressions.

    Inputs: net, SinglePath; expr, SymPy expression in x, y and the θ's. Returns: expr.
    """
    names = {_check_net(net).y_hat: sp.Symbol(r"\hat{y}", real=True)}
    for l in range(2, net.output):
        names[net.a[l]] = net.a_symbol[l]
    for l in range(2, net.output + 1):
        names.setdefault(net.z[l], net.z_symbol[l])
    return sp.sympify(expr).xreplace(names)


def _check_net(net):
    if not isinstance(net, SinglePath):
        raise TypeError(f"net: expected a SinglePath from single_path_network(), got {net!r}")
    return net


def _check_layer(l, name, lowest, highest):
    """l as an int in [lowest, highest], or an error naming the parameter `name`."""
    if isinstance(l, bool) or not isinstance(l, numbers.Integral):
        raise TypeError(f"{name}: expected a whole number, got {l!r}")
    if not lowest <= l <= highest:
        raise ValueError(
            f"{name}: expected {lowest} ≤ {name} ≤ {highest} for this network, got {l}"
        )
    return int(l)


def hand_gradient(net, k):
    """∂J/∂θ^(k) written by hand as the article does, eqs. (9), (10), (11).

    (ŷ − y) · θ^(n) σ'(z^(n)) ⋯ θ^(k+1) σ'(z^(k+1)) · a^(k): the output error, then one
    weight-times-slope factor for every layer between θ^(k) and the output, then the input
    that θ^(k) multiplies. For n = 3: k = 3 is (9), k = 2 is (10), k = 1 is (11).
    Inputs: net, SinglePath; k, 1 ≤ k ≤ net.depth. Returns: SymPy expression.
    """
    k = _check_layer(k, "k", 1, _check_net(net).depth)
    factors = [net.y_hat - net.y]
    for j in range(net.depth, k, -1):
        factors += [net.theta[j], sigma_prime(net.z[j])]
    factors.append(net.a[k])
    return sp.Mul(*factors)


def delta_by_diff(net, l):
    """δ^(l) = ∂J/∂z^(l), eq. (13), found by SymPy's diff, not by hand.

    J is rebuilt from a free symbol z^(l) forward to the output, differentiated with respect
    to that symbol, and z^(l) is then put back as its expression in x and the θ's.
    Inputs: net, SinglePath; l, 2 ≤ l ≤ net.output. Returns: SymPy expression.
    """
    l = _check_layer(l, "l", 2, _check_net(net).output)
    zl = net.z_symbol[l]
    L = net.output
    a = zl if l == L else sigma(zl)
    for j in range(l + 1, L + 1):
        z = net.theta[j - 1] * a
        a = z if j == L else sigma(z)
    J = sp.Rational(1, 2) * (a - net.y) ** 2
    return sp.diff(J, zl).subs(zl, net.z[l])


def hand_delta(net, l):
    """δ^(l) by the recursion: δ^(L) = ŷ − y (14), δ^(l) = δ^(l+1) θ^(l) σ'(z^(l)) (15), (16).

    Inputs: net, SinglePath; l, 2 ≤ l ≤ net.output. Returns: SymPy expression.
    """
    l = _check_layer(l, "l", 2, _check_net(net).output)
    delta = net.y_hat - net.y
    for j in range(net.output - 1, l - 1, -1):
        delta = delta * net.theta[j] * sigma_prime(net.z[j])
    return delta


def update_12(net, k):
    """Δθ^(k) = −η ∂J/∂θ^(k) with the hand gradient (9)–(11), eq. (12).

    Inputs: net, SinglePath; k, 1 ≤ k ≤ net.depth. Returns: SymPy expression.
    """
    gradient = hand_gradient(net, k)
    return -net.eta * gradient


def update_17(net, k):
    """Δθ^(k) = −η δ^(k+1) a^(k), eq. (17). Inputs: net; k, 1 ≤ k ≤ depth. Returns: expr."""
    k = _check_layer(k, "k", 1, _check_net(net).depth)
    return -net.eta * hand_delta(net, k + 1) * net.a[k]


def lambdify_net(net, expr):
    """A NumPy function of (x, y, θ^(1), …, θ^(n)) that evaluates expr; σ is the library's.

    Inputs: net, SinglePath; expr, SymPy expression in x, y and the θ's.
    Returns: callable f(x, y, *thetas) -> float (or array, for array arguments).
    """
    args = [_check_net(net).x, net.y, *net.theta.values()]
    return sp.lambdify(args, expr, modules=[{"sigma": _numeric_sigmoid}, "numpy"])


# -- why reusing δ saves work --------------------------------------------------------------------


def _multiplications(expr):
    """The number of multiplications SymPy counts in expr (σ' and a stay single symbols)."""
    visual = sp.count_ops(expr, visual=True)
    return int(visual.coeff(sp.Symbol("MUL"))) if visual != 0 else 0


def multiplication_counts(depth):
    """Multiplications for all of ∂J/∂θ^(1) … ∂J/∂θ^(n) of a single path, computed two ways.

    Per weight, eqs. (9)–(11): each gradient is its own product (ŷ − y) · θσ' ⋯ · a^(k).
    Reusing δ, eqs. (14)–(17): δ^(l) = δ^(l+1) · θ^(l) · σ'(z^(l)) once per layer, then
    δ^(k+1) · a^(k) per weight. σ'(z^(l)) and a^(l) are stored from the forward pass and
    count as single numbers; SymPy's count_ops does the counting on these products.
    Inputs: depth, the number of weights n ≥ 1. Returns: (per_weight, reusing_delta), ints.
    """
    n = check_int("depth", depth, 1, meaning="the number of θ's")
    error = sp.Symbol("e")  # ŷ − y, one number
    theta = sp.symbols(f"t1:{n + 1}")
    slope = sp.symbols(f"s1:{n + 2}")  # slope[j - 1] stands for σ'(z^(j))
    a = sp.symbols(f"a1:{n + 1}")
    per_weight = 0
    for k in range(1, n + 1):
        factors = [error]
        for j in range(n, k, -1):
            factors += [theta[j - 1], slope[j - 1]]
        per_weight += _multiplications(sp.Mul(*factors, a[k - 1], evaluate=False))
    stored = sp.symbols(f"d1:{n + 2}")  # stored[l - 1] stands for the stored δ^(l)
    reusing = _multiplications(sp.Mul(error, a[n - 1], evaluate=False))  # ∂J/∂θ^(n)
    for l in range(n, 1, -1):
        reusing += _multiplications(
            sp.Mul(stored[l], theta[l - 1], slope[l - 1], evaluate=False)
        )  # δ^(l)
        reusing += _multiplications(sp.Mul(stored[l - 1], a[l - 2], evaluate=False))  # ∂J/∂θ^(l-1)
    return per_weight, reusing


# -- plain-float companions, for numeric checks and timing -------------------------------------


def _check_point(thetas, x, y):
    if isinstance(thetas, (str, bytes)) or not hasattr(thetas, "__len__"):
        raise TypeError(f"thetas: expected a sequence of numbers θ^(1) … θ^(n), got {thetas!r}")
    if len(thetas) == 0:
        raise ValueError("thetas: expected at least one weight θ^(1)")
    values = []
    for name, value in [*((f"thetas[{i}]", t) for i, t in enumerate(thetas)), ("x", x), ("y", y)]:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name}: expected a real number, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{name}: expected a finite number, got {value!r}")
        values.append(float(value))
    return values[:-2], values[-2], values[-1]


def _logistic(z):
    """σ(z), eq. (1), for one Python float: the scalar loops below would spend most of their
    time in NumPy's per-call overhead otherwise. e^(−|z|) ≤ 1, so nothing overflows."""
    e = math.exp(-abs(z))
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


def single_path_forward(thetas, x):
    """The forward pass of eq. (6) with numbers: every z^(l) and a^(l) of a single path.

    Inputs: thetas, the weights θ^(1) … θ^(n) as a sequence of floats; x, float.
    Returns: (z, a), lists indexed by the article's layer number l (entry 0 unused, z[1] None):
    a[1] = x, z[l] and a[l] for l = 2 … n + 1, with a[n + 1] = ŷ (linear output).
    """
    thetas, x, _ = _check_point(thetas, x, 0.0)
    n = len(thetas)
    z, a = [None, None], [None, x]
    for l in range(2, n + 2):
        z.append(thetas[l - 2] * a[l - 1])
        a.append(z[l] if l == n + 1 else _logistic(z[l]))
    return z, a


def single_path_cost(thetas, x, y):
    """J = ½(ŷ − y)², eq. (7), of the single path. Inputs: thetas, x, y floats. Returns: float."""
    thetas, x, y = _check_point(thetas, x, y)
    return 0.5 * (single_path_forward(thetas, x)[1][-1] - y) ** 2


def per_weight_gradients(thetas, x, y):
    """∂J/∂θ^(k) for every k, each from its own product, eqs. (9)–(11): about n² multiplications.

    Inputs: thetas (n floats), x, y. Returns: list of n floats, entry k − 1 is ∂J/∂θ^(k).
    """
    thetas, x, y = _check_point(thetas, x, y)
    n = len(thetas)
    _, a = single_path_forward(thetas, x)
    slope = [None, None] + [a[l] * (1.0 - a[l]) for l in range(2, n + 1)]  # σ'(z^(l)), eq. (5)
    grads = []
    for k in range(1, n + 1):
        g = a[n + 1] - y
        for j in range(n, k, -1):
            g = g * thetas[j - 1] * slope[j]
        grads.append(g * a[k])
    return grads


def backprop_gradients(thetas, x, y):
    """∂J/∂θ^(k) for every k by reusing δ, eqs. (14)–(17): about 3n multiplications.

    Inputs: thetas (n floats), x, y. Returns: list of n floats, entry k − 1 is ∂J/∂θ^(k).
    """
    thetas, x, y = _check_point(thetas, x, y)
    n = len(thetas)
    _, a = single_path_forward(thetas, x)
    slope = [None, None] + [a[l] * (1.0 - a[l]) for l in range(2, n + 1)]  # σ'(z^(l)), eq. (5)
    grads = [0.0] * n
    delta = a[n + 1] - y  # δ^(n+1), eq. (14)
    grads[n - 1] = delta * a[n]
    for l in range(n, 1, -1):
        delta = delta * thetas[l - 1] * slope[l]  # δ^(l), eqs. (15), (16)
        grads[l - 2] = delta * a[l - 1]  # eq. (17) without −η
    return grads
