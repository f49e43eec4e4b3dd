"""The shapes of one training step: A, Z, δ, Θ and ΔΘ layer by layer (eqs. 6, 13–17)."""

import numpy as np


def step_shapes(net, X, y, eta):
    """The arrays of one training step with their shapes, in the article's bias-column layout.

    Eqs. (6), (13)–(17): A^(l) = [1, a^(l)] (m, n_l + 1), Z^(l) (m, n_l), δ^(l) (m, n_l) and
    ΔΘ^(l) = −η δ^(l+1)ᵀ A^(l), shaped like Θ^(l). Layers are 0-based as in Network.
    Inputs: net, X (m, layers[0]), y (m, layers[-1]); eta > 0.
    Returns: list of dicts, one per layer l, with keys "A", "Z", "delta", "theta",
    "delta_theta" holding arrays (None where a layer has no such array).
    """
    forward = net.forward(X)
    deltas = net.deltas(X, y)
    L = len(net.layers) - 1
    rows = []
    for l in range(L + 1):
        a = forward.a[l]
        A = np.hstack([np.ones((len(a), 1)), a]) if l < L else a
        rows.append(
            {
                "A": A,
                "Z": forward.z[l],
                "delta": deltas[l],
                "theta": net.thetas[l] if l < L else None,
                "delta_theta": -eta * deltas[l + 1].T @ A if l < L else None,
            }
        )
    return rows
