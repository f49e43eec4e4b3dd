"""The single-path network in plain Python floats: its forward pass, its cost, and the
gradients two ways, weight by weight and by backpropagation (eqs. 6–17 as numbers).

The numeric companions of symbolic.py, for the notebooks' checks and timings; no SymPy here.
"""

import math
import numbers


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
