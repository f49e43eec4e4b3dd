"""A network's first parameters: the article's U[0, 1) or Glorot's scaled range (eq. 30)."""

import numpy as np

INITS = ("glorot", "uniform")


def initial_thetas(layers, init, rng):
    """Fresh parameter matrices Θ^(l), one per pair of adjacent layers.

    "uniform": every entry from U[0, 1), the article's scheme (np.random.rand).
    "glorot":  weights from U(−r, r) with r = √(6 / (n_in + n_out)), biases 0.
    Inputs: layers, list of sizes; init, one of INITS; rng, np.random.Generator.
    Returns: list of (layers[l+1], layers[l] + 1) arrays; column 0 holds the bias weights.
    """
    thetas = []
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        if init == "uniform":
            theta = rng.random((n_out, n_in + 1))
        else:
            r = np.sqrt(6.0 / (n_in + n_out))
            theta = np.zeros((n_out, n_in + 1))
            theta[:, 1:] = rng.uniform(-r, r, size=(n_out, n_in))
        thetas.append(theta)
    return thetas
