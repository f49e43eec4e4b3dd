"""Mean or sum, full batch or mini-batches: what they cost and how noisy they are.

Notebook 08 measures, with these, that under the article's summed cost (eq. 12) the η that
works shrinks like 1/m while under the mean the largest working η stays the same at every m,
and that a mini-batch gradient is a noisy estimate of the full one whose spread shrinks like 1/√b.
"""

from collections import namedtuple

import numpy as np

from ..network import Network
from ..validation import check_data, check_epochs, check_int, check_seed

Counts = namedtuple("Counts", ["updates", "sample_gradients"])
Counts.__doc__ = """Work done by `fit`: parameter updates, and per-sample gradients computed."""

Noise = namedtuple("Noise", ["rises", "median_change"])
Noise.__doc__ = """How jumpy a cost curve is.

rises: the fraction of epoch-to-epoch steps in which J went up; median_change: the median of
|J_(i+1) − J_i| / J_i over those steps.
"""


def update_counts(m, epochs, batch_size=None):
    """The updates and per-sample gradients of fit(epochs, batch_size) on m samples.

    One update per slice of batch_size samples (the last one may be smaller), every sample's
    gradient once per epoch. Inputs: m ≥ 1; epochs ≥ 0; batch_size None (full batch) or ≥ 1.
    Returns: Counts.
    """
    m = check_int("m", m, 1, meaning="samples")
    epochs = check_epochs(epochs)
    b = m if batch_size is None else check_int("batch_size", batch_size, 1)
    per_epoch = -(-m // min(b, m))  # ceil(m / b)
    return Counts(updates=epochs * per_epoch, sample_gradients=epochs * m)


def cost_noise(cost):
    """Noise of a cost curve such as History.cost. Inputs: (epochs,) positive numbers ≥ 2.

    Returns: Noise.
    """
    cost = np.asarray(cost, dtype=float)
    if cost.ndim != 1 or cost.size < 2 or not np.all(np.isfinite(cost)) or np.any(cost <= 0):
        raise ValueError("cost: expected a 1-D array of at least 2 finite numbers > 0")
    steps = np.diff(cost)
    return Noise(
        rises=float(np.mean(steps > 0)), median_change=float(np.median(np.abs(steps) / cost[:-1]))
    )


def _flat_gradient(net, X, y):
    return np.concatenate([g.ravel() for g in net.gradients(X, y)]) / (
        len(X) if net.reduction == "sum" else 1.0
    )


def batch_gradient_spread(net, X, y, batch_size, draws=200, seed=0):
    """How far a mini-batch's gradient lies from the full batch's, relative to its size.

    Draws `draws` batches of batch_size distinct samples (seeded) and returns the root mean
    square of ‖g_batch − g_full‖ / ‖g_full‖, with every g the mean over its samples.
    Inputs: net, a Network; X, y its training set; batch_size 1..m; draws ≥ 1; seed.
    Returns: float.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a backprop_lib Network, got {type(net).__name__}")
    X, y = check_data(X, y, net.layers[0], net.layers[-1], net.loss)
    b = check_int("batch_size", batch_size, 1, len(X))
    draws = check_int("draws", draws, 1)
    rng = check_seed(seed, allow_none=False)
    full = _flat_gradient(net, X, y)
    squares = []
    for _ in range(draws):
        rows = rng.choice(len(X), size=b, replace=False)
        squares.append(np.sum((_flat_gradient(net, X[rows], y[rows]) - full) ** 2))
    return float(np.sqrt(np.mean(squares)) / np.linalg.norm(full))


def final_costs(X, y, layers, etas, epochs, reduction, seed=0, **settings):
    """J per sample after `epochs` full-batch epochs of fit, one fresh Network per η.

    Every run starts from the same Network(layers, reduction=reduction, seed=seed, **settings).
    A run that diverges (fit raises FloatingPointError) gives inf.
    Inputs: X, y; layers; etas, a sequence of learning rates; epochs; reduction "sum" or
    "mean"; seed; settings, more Network arguments (hidden, output, loss, init).
    Returns: (len(etas),) array of J / m at the end (the mean cost, whatever the reduction).
    """
    out = []
    for eta in etas:
        net = Network(layers, reduction=reduction, seed=seed, **settings)
        try:
            net.fit(X, y, eta=eta, epochs=epochs)
        except FloatingPointError:
            out.append(np.inf)
            continue
        cost = net.cost(X, y)
        out.append(cost / len(X) if reduction == "sum" else cost)
    return np.array(out)
