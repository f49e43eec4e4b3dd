"""The article's NumPy training algorithm, restated without globals, as a yardstick.

It keeps the article's choices on purpose: bias columns of ones are hstack'ed onto every
layer's activations, δ is carried with its bias column through Θ, the output δ is ŷ − y with
a sigmoid output (so it descends cross-entropy, not eq. (7)), and σ' is recomputed from z.
Tests compare Network against it; benchmarks time it. Not for teaching use: see Network.
"""

import numpy as np

from .activations import sigmoid
from .refusal import check_allowed


def seed_initial_thetas(layers, rng):
    """The article's start: every entry of every Θ^(l) from U[0, 1), layer by layer.

    Inputs: layers, list of sizes; rng, np.random.Generator. Returns: list of Θ^(l).
    """
    return [rng.random((n_out, n_in + 1)) for n_in, n_out in zip(layers[:-1], layers[1:])]


def seed_epoch(thetas, X, y, eta):
    """One full-batch epoch of the article's algorithm. Returns: the updated list of Θ^(l)."""
    check_allowed("seed_epoch")
    ones = np.ones((X.shape[0], 1))
    A = [np.hstack((ones, X))]
    Z = []
    for theta in thetas:
        Z.append(A[-1] @ theta.T)
        A.append(np.hstack((ones, sigmoid(Z[-1]))))
    A[-1] = A[-1][:, 1:]  # no bias column on the output
    deltas = [A[-1] - y]
    for idx in reversed(range(1, len(thetas))):
        upstream = deltas[0] if idx == len(thetas) - 1 else deltas[0][:, 1:]
        s = sigmoid(Z[idx - 1])
        deltas.insert(0, (upstream @ thetas[idx]) * np.hstack((ones, s * (1 - s))))
    updates = []
    for idx, delta in enumerate(deltas):
        d = delta if idx == len(deltas) - 1 else delta[:, 1:]
        updates.append(-eta * (d.T @ A[idx]))
    return [theta + update for theta, update in zip(thetas, updates)]
