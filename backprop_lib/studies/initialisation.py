"""Where the initial weights come from: the spread of z, a and δ layer by layer.

Glorot's range r = √(6 / (n_in + n_out)) keeps the variance of the activations (forward) and of
the error signals δ (backward, eq. 16) about the same in every layer; smaller weights make both
shrink geometrically with depth, larger ones make δ grow. Notebook 08 derives the range and
measures the spreads with these functions.
"""

from collections import namedtuple

import numpy as np

from ..network import Network
from ..validation import check_real
from .diagnostics import layer_gradient_norms

Spreads = namedtuple("Spreads", ["activation", "delta", "gradient"])
Spreads.__doc__ = """Per-layer spreads of one forward and backward pass.

activation: (L−1,) standard deviation of a^(l) of each hidden layer, first to last;
delta: (L−1,) standard deviation of δ^(l) of the same hidden layers (eq. 13);
gradient: (L,) ‖∂J/∂Θ^(l)‖ for every thetas[l] (diagnostics.layer_gradient_norms).
"""


def glorot_range(n_in, n_out):
    """r = √(6 / (n_in + n_out)): U(−r, r) has variance r²/3 = 2 / (n_in + n_out)."""
    return float(np.sqrt(6.0 / (n_in + n_out)))


def scale_weights(net, factor):
    """Multiply every weight of `net` (not the bias column) by `factor`, in place.

    Inputs: net, a Network; factor, a finite number > 0. Returns: net.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a backprop_lib Network, got {type(net).__name__}")
    wanted = "a finite number > 0 (a scale for the weights)"
    value = check_real("factor", factor, wanted)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"factor: expected {wanted}, got {factor!r}")
    thetas = []
    for theta in net.thetas:
        theta = np.array(theta, dtype=float)
        theta[:, 1:] *= value
        thetas.append(theta)
    net.thetas = thetas
    return net


def layer_spreads(net, X, y):
    """The spread of a, δ and ∂J/∂Θ in every layer for one batch. Inputs: net, X, y.

    Returns: Spreads (hidden layers only for a and δ: the input and output are fixed by the
    data and the cost).
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a backprop_lib Network, got {type(net).__name__}")
    a = net.forward(X).a
    delta = net.deltas(X, y)
    hidden = range(1, len(a) - 1)
    return Spreads(
        activation=np.array([np.std(a[l]) for l in hidden]),
        delta=np.array([np.std(delta[l]) for l in hidden]),
        gradient=layer_gradient_norms(net, X, y),
    )


def per_layer_factor(values):
    """The geometric mean factor from one entry to the next: (last / first)^(1 / (n − 1)).

    Above 1 the values grow along the sequence, below 1 they shrink. Inputs: (n,) positive
    numbers, n ≥ 2. Returns: float.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size < 2 or not np.all(np.isfinite(values)):
        raise ValueError("values: expected a 1-D array of at least 2 finite numbers")
    if np.any(values <= 0):
        raise ValueError("values: expected numbers > 0")
    return float((values[-1] / values[0]) ** (1.0 / (values.size - 1)))
