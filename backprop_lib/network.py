"""A fully connected network trained by backpropagation: eqs. (6)–(17) for whole layers.

Indexing: lists here are 0-based, the article's layers 1-based. Layer l of this code is the
article's layer l + 1, so a[0] is a^(1) = x, z[1] is z^(2), and thetas[0] is Θ^(1).
"""

from collections import namedtuple
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .descent import Descent, divergence_cause
from .losses import LOSSES, output_delta
from .validation import check_array, check_choice, check_data, check_epochs, check_eta, check_layers

Forward = namedtuple("Forward", ["z", "a"])
Forward.__doc__ = """Every layer's z^(l) and a^(l) of eq. (6); z[0] is None (the input has no z)."""

INITS = ("glorot", "uniform")


@dataclass
class History:
    """What `Network.fit` records: cost[i] is J at the start of epoch i (before its update)."""

    cost: np.ndarray


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


class Network:
    """A network of sigmoid (or tanh, relu, linear) layers with a bias in every layer.

    Inputs:
      layers: sizes from input to output, e.g. [2, 2, 2, 1] (the article's XOR network).
      hidden, output: activation names, keys of ACTIVATIONS.
      loss: "mse" (eq. 7, summed over samples) or "bce" (cross-entropy; sigmoid output only).
      seed: int or np.random.Generator; the same seed gives the same network.
      init: "glorot" (default) or "uniform" (the article's U[0, 1)). Glorot is the default
        because its weights are centred on zero and scaled to the layer sizes, so every unit
        starts on the steep middle of its activation whatever the width. The article's
        all-positive start only suits tiny nets: on its 2-2-2-1 XOR net it even solves a
        little more often (notebook 04 measures both), but a 64-input layer starts with z
        near 16, deep in σ's flat tail where σ' < 1e-7 and learning stalls.
    The parameters are `thetas`, a plain list that code may read and replace entries of.
    """

    def __init__(
        self, layers, hidden="sigmoid", output="sigmoid", loss="mse", seed=None, init="glorot"
    ):
        self.layers = check_layers(layers)
        self.hidden = check_choice("hidden", hidden, tuple(ACTIVATIONS))
        self.output = check_choice("output", output, tuple(ACTIVATIONS))
        self.loss = check_choice("loss", loss, tuple(LOSSES))
        self.init = check_choice("init", init, INITS)
        if loss == "bce" and output != "sigmoid":
            raise ValueError(
                f"loss: 'bce' (cross-entropy) needs output='sigmoid' so that ŷ lies in (0, 1); "
                f"got output={output!r}"
            )
        self.thetas = initial_thetas(self.layers, self.init, np.random.default_rng(seed))

    def __repr__(self):
        return (
            f"Network({self.layers}, hidden={self.hidden!r}, output={self.output!r}, "
            f"loss={self.loss!r})"
        )

    # -- the pieces of eqs. (6)-(17) -------------------------------------------------------

    def _activations(self, l):
        """(f, f') for the layer that thetas[l] feeds."""
        return ACTIVATIONS[self.output if l == len(self.layers) - 2 else self.hidden]

    def _checked_thetas(self):
        """The current thetas, after checking that each entry still has its shape."""
        thetas = self.thetas
        if not isinstance(thetas, list) or len(thetas) != len(self.layers) - 1:
            raise ValueError(f"thetas: expected a list of {len(self.layers) - 1} arrays")
        for l, (theta, n_in, n_out) in enumerate(zip(thetas, self.layers, self.layers[1:])):
            if np.shape(theta) != (n_out, n_in + 1):
                raise ValueError(
                    f"thetas[{l}]: expected shape {(n_out, n_in + 1)}, got {np.shape(theta)}"
                )
        return thetas

    def _check(self, X, y=None):
        """X (and y) as validated float arrays sized for this network."""
        if y is None:
            return check_array("X", X, self.layers[0])
        return check_data(X, y, self.layers[0], self.layers[-1])

    def _forward(self, X, thetas):
        """Forward pass, eq. (6) for a whole batch: returns the lists z and a (z[0] is None)."""
        z, a = [None], [X]
        for l, theta in enumerate(thetas):
            f, _ = self._activations(l)
            z.append(a[-1] @ theta[:, 1:].T + theta[:, 0])  # z^(l+1) = Θ^(l) [1, a^(l)]
            a.append(f(z[-1]))
        return z, a

    def _backward(self, y, z, a, thetas):
        """Error signals δ^(l) = ∂J/∂z^(l), eqs. (13)–(16): list aligned with a (δ[0] is None)."""
        L = len(a) - 1
        delta = [None] * (L + 1)
        delta[L] = output_delta(self.loss, self.output, a[L], y, self._activations(L - 1)[1])
        for l in range(L - 1, 0, -1):
            # eq. (16): δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ f'(z^(l)), the bias column dropped
            delta[l] = (delta[l + 1] @ thetas[l][:, 1:]) * self._activations(l - 1)[1](a[l])
        return delta

    def forward(self, X):
        """Every layer's z and a for inputs X, eq. (6).

        Inputs: X, (m, layers[0]). Returns: Forward(z, a); a[l] is (m, layers[l]), z[0] is None.
        """
        return Forward(*self._forward(self._check(X), self._checked_thetas()))

    def predict(self, X):
        """The network's output ŷ = a^(L). Inputs: X (m, layers[0]). Returns: (m, layers[-1])."""
        return self.forward(X).a[-1]

    def cost(self, X, y):
        """J over the whole set, eq. (7) summed (or cross-entropy). Inputs: X, y. Returns: float."""
        X, y = self._check(X, y)
        z, a = self._forward(X, self._checked_thetas())
        return LOSSES[self.loss][0](a[-1], y, z[-1])

    def deltas(self, X, y):
        """Every layer's δ^(l) = ∂J/∂z^(l), eq. (13); computed by eqs. (14)–(16).

        Inputs: X (m, layers[0]), y (m, layers[-1]).
        Returns: list aligned with forward().a; delta[l] is (m, layers[l]), delta[0] is None.
        """
        X, y = self._check(X, y)
        thetas = self._checked_thetas()
        z, a = self._forward(X, thetas)
        return self._backward(y, z, a, thetas)

    def gradients(self, X, y):
        """∂J/∂Θ^(l) for every layer: δ^(l+1) times [1, a^(l)], eq. (17) without the −η.

        Inputs: X (m, layers[0]), y (m, layers[-1]).
        Returns: list of arrays shaped like thetas (column 0: the bias weights' gradient).
        """
        X, y = self._check(X, y)
        thetas = self._checked_thetas()
        z, a = self._forward(X, thetas)
        delta = self._backward(y, z, a, thetas)
        return [
            np.hstack([delta[l + 1].sum(axis=0)[:, None], delta[l + 1].T @ a[l]])
            for l in range(len(thetas))
        ]

    # -- training ---------------------------------------------------------------------------

    def fit(self, X, y, eta=0.1, epochs=1000):
        """Full-batch gradient descent, Θ ← Θ − η ∂J/∂Θ, eqs. (12) and (17), `epochs` times.

        Inputs: X (m, layers[0]), y (m, layers[-1]); eta > 0; epochs ≥ 0.
        Returns: History with cost, shape (epochs,): J at the start of each epoch.
        Raises FloatingPointError, naming the epoch, as soon as J stops being finite; the
        thetas are then left as they were at the start of that epoch.
        """
        X, y = self._check(X, y)
        eta, epochs = check_eta(eta), check_epochs(epochs)
        descent = Descent(self, self._checked_thetas(), X, y)
        cost, diverged = descent.run(eta, epochs)
        self.thetas = descent.thetas()
        if diverged:
            (epoch,) = diverged.values()
            raise FloatingPointError(
                f"fit: {divergence_cause(cost[0], epoch)} at epoch {epoch}; training diverged "
                f"with eta={eta}. Try a smaller eta (learning rate)."
            )
        return History(cost=cost[0])
