"""The one gradient check: analytic ∂J/∂Θ against central differences.

Central differences cost four evaluations of J per parameter, so the check is bounded: when
all entries would take more than CHECK_BUDGET units of work (an evaluation of J on m samples
costs m × parameters + 10 000 per weight layer, about 1 ns each), gradient_check compares a
seeded random subset of entries, and says so in its result; below MIN_CHECKED entries it
refuses. numerical_gradients, which returns every entry, refuses above the budget.
"""

import warnings

import numpy as np

from .architecture import check_thetas, count_parameters
from .network import Network
from .validation import as_real_array, check_real, check_seed, shown

CHECK_BUDGET = 2_000_000_000  # units of work (≈ ns) for the four evaluations of J per entry
MIN_CHECKED = 50  # a subset smaller than this says too little: refuse instead
LAYER_COST = 10_000  # the fixed cost of one layer of one evaluation of J, in the same units


class GradientCheck(float):
    """gradient_check's result: the relative error (a float), and how many entries it covers.

    checked: entries compared; total: entries in all Θ^(l). When checked < total they are a
    random subset drawn with np.random.default_rng(seed), and the repr says so.
    """

    def __new__(cls, error, checked, total, seed=None):
        result = super().__new__(cls, error)
        result.checked, result.total, result.seed = checked, total, seed
        return result

    def __repr__(self):
        if self.checked == self.total:
            return float.__repr__(self)
        return (
            f"GradientCheck({float.__repr__(self)}, checked {self.checked:,} of {self.total:,} "
            f"entries: a random subset, seed={self.seed})"
        )


def central_difference(f, x, eps=1e-3):
    """f'(x) by the fourth-order central difference.

    [8(f(x+ε) − f(x−ε)) − (f(x+2ε) − f(x−2ε))] / 12ε: the two-point formula
    (f(x+ε) − f(x−ε)) / 2ε with its ε² error term cancelled (Richardson), so the error is
    O(ε⁴) and ε can be large enough that round-off stays near 1e-13 of f.
    Inputs: f, a scalar function of one float; x, float. Returns: float.
    """
    return (8 * (f(x + eps) - f(x - eps)) - (f(x + 2 * eps) - f(x - 2 * eps))) / (12 * eps)


def _check_eps(eps):
    wanted = "a step from 1e-10 to 1 (the finite-difference ε)"
    value = check_real("eps", eps, wanted)
    if not 1e-10 <= value <= 1:  # NaN fails too
        raise ValueError(f"eps: expected {wanted}, got {shown(eps)}")
    return value


def _check_net(net, X, y):
    """net must be a Network; X and y are checked against it. Returns: X, y validated."""
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a Network, got {shown(net)}")
    return net.check_data(X, y)


def _affordable(net, m):
    """How many entries central differences can check within CHECK_BUDGET on m samples."""
    per_evaluation = m * count_parameters(net.layers) + LAYER_COST * (len(net.layers) - 1)
    return CHECK_BUDGET // (4 * per_evaluation)


def _numerical(net, X, y, eps, entries):
    """∂J/∂θ by central differences for the given (layer, index) entries; dict entry → value.

    Works on float64 copies of net.thetas and puts the originals back afterwards; each nudged
    entry is restored before the next one is nudged.
    """
    originals = net.thetas
    net.thetas = [np.array(t, dtype=float) for t in check_thetas(net.thetas, net.layers)]
    try:
        numeric = {}
        for l, idx in entries:
            theta = net.thetas[l]
            old = theta[idx]

            def cost_at(value, theta=theta, idx=idx):
                theta[idx] = value
                return net.cost(X, y)

            numeric[l, idx] = central_difference(cost_at, old, eps)
            theta[idx] = old
    finally:
        net.thetas = originals
    return numeric


def numerical_gradients(net, X, y, eps=1e-3):
    """∂J/∂Θ by central differences (`central_difference`), one parameter at a time.

    Inputs: net, a Network; X, y; eps, the step. Returns: list shaped like net.thetas.
    Raises ValueError when checking every entry would take more than CHECK_BUDGET (see the
    module): use gradient_check, which then checks a subset.
    """
    X, y = _check_net(net, X, y)
    eps = _check_eps(eps)
    total = count_parameters(net.layers)
    if total > _affordable(net, len(X)):
        raise ValueError(
            f"net: {total:,} parameters on {len(X):,} samples are too many to difference one "
            f"by one within the budget; use fewer samples, or gradient_check (it checks a subset)"
        )
    shapes = [(n_out, n_in + 1) for n_in, n_out in zip(net.layers, net.layers[1:])]
    entries = [(l, idx) for l, shape in enumerate(shapes) for idx in np.ndindex(shape)]
    numeric = _numerical(net, X, y, eps, entries)
    grads = [np.zeros(shape) for shape in shapes]
    for (l, idx), value in numeric.items():
        grads[l][idx] = value
    return grads


def gradient_check(net, X, y, analytic=None, eps=1e-3, seed=0):
    """Largest relative error, over layers, between analytic and numerical ∂J/∂Θ.

    Each layer's error |a − n| is measured against the size of the whole gradient,
    |a| + |n| over all layers: a layer whose gradient has all but vanished (deep sigmoid
    nets) then is not judged on round-off alone, while an error there still shows.
    Inputs: net, a Network; X, y; analytic, a list shaped like net.thetas (default:
    net.gradients(X, y)), so that any candidate gradient can be checked against the cost
    net.cost differentiates; eps, the finite-difference step (1e-10 to 1); seed, for the subset.
    Returns: GradientCheck, a float; below 1e-7 the two agree (float64); a wrong term gives far
    more. When checking every entry would exceed CHECK_BUDGET, it compares a seeded random subset
    (its .checked < .total, and its repr says so); below MIN_CHECKED entries it raises ValueError.
    """
    X, y = _check_net(net, X, y)
    eps = _check_eps(eps)
    rng = check_seed(seed, "seed", allow_none=False)
    thetas = check_thetas(net.thetas, net.layers)
    if analytic is None:
        analytic = net.gradients(X, y)
    analytic = _check_analytic(analytic, thetas)
    total, affordable = count_parameters(net.layers), _affordable(net, len(X))
    if affordable < MIN_CHECKED:
        raise ValueError(
            f"net: one evaluation of J on {len(X):,} samples is too costly to check even "
            f"{MIN_CHECKED} entries within the budget; check on fewer samples (X[:10], y[:10])"
        )
    offsets = np.cumsum([0] + [t.size for t in thetas])
    if total <= affordable:
        chosen = np.arange(total)
    else:
        chosen = np.sort(rng.choice(total, size=affordable, replace=False))
    entries = []
    for flat_index in chosen:
        l = int(np.searchsorted(offsets, flat_index, side="right") - 1)
        entries.append((l, np.unravel_index(flat_index - offsets[l], thetas[l].shape)))
    _warn_near_relu_kink(net, X, eps)
    numeric = _numerical(net, X, y, eps, entries)
    a_parts = [[] for _ in thetas]
    n_parts = [[] for _ in thetas]
    for (l, idx), value in numeric.items():
        a_parts[l].append(analytic[l][idx])
        n_parts[l].append(value)
    a_all = np.concatenate([np.ravel(p) for p in a_parts])
    n_all = np.concatenate([np.ravel(p) for p in n_parts])
    scale = np.linalg.norm(a_all) + np.linalg.norm(n_all)
    error = max(
        float(np.linalg.norm(np.subtract(a, n)) / max(1e-12, scale))
        for a, n in zip(a_parts, n_parts)
    )
    return GradientCheck(error, len(entries), total, None if total <= affordable else seed)


def _check_analytic(analytic, thetas):
    """The candidate gradient as float arrays shaped like thetas, or raise naming `analytic`."""
    if not isinstance(analytic, (list, tuple)) or len(analytic) != len(thetas):
        raise ValueError(
            f"analytic: expected a list of {len(thetas)} arrays shaped like net.thetas, "
            f"got {shown(analytic)}"
        )
    checked = []
    for l, (a, theta) in enumerate(zip(analytic, thetas)):
        a = as_real_array(f"analytic[{l}]", a)
        if a.shape != theta.shape:
            raise ValueError(f"analytic[{l}]: expected shape {theta.shape}, got {a.shape}")
        checked.append(a)
    return checked


def _warn_near_relu_kink(net, X, eps):
    """Warn when a ReLU unit's z lies so close to 0 that a nudge of ε can cross the kink.

    ReLU has no derivative at z = 0; a central difference taken across it measures neither
    side's slope, so gradient_check's error there says nothing about backpropagation.
    A nudge of ±2ε to a weight moves z by at most 2ε·max(1, |a|) (its input a, or 1 for a bias).
    """
    if "relu" not in (net.hidden, net.output):
        return
    forward = net.forward(X)
    last = len(forward.z) - 1
    near = 0
    for l in range(1, last + 1):
        if (net.output if l == last else net.hidden) != "relu":
            continue
        reach = 2 * eps * max(1.0, float(np.abs(forward.a[l - 1]).max()))
        near += int(np.count_nonzero(np.abs(forward.z[l]) < reach))
    if near:
        warnings.warn(
            f"gradient_check: {near} ReLU input(s) z lie within the step ε = {eps} of the kink "
            f"at z = 0, where ReLU has no derivative: central differences across it do not "
            f"measure the gradient, so a large error there need not mean a bug. Move away from "
            f"the kink (non-zero biases, other inputs) to check the gradient.",
            UserWarning,
            stacklevel=3,
        )
