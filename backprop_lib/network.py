"""A fully connected network trained by backpropagation: eqs. (6)–(17) for whole layers.

Indexing: lists here are 0-based, the article's layers 1-based. Layer l of this code is the
article's layer l + 1, so a[0] is a^(1) = x, z[1] is z^(2), and thetas[0] is Θ^(1).
"""

from collections import namedtuple
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, OUTPUT_ONLY
from .descent import Descent
from .losses import LOSSES, REDUCTIONS, output_delta, reduction_scale
from .optimisers import check_l2, check_rule, l2_penalty, with_weight_decay
from .validation import (
    MAX_VALUES,
    as_real_array,
    check_array,
    check_batch_size,
    check_choice,
    check_data,
    check_epochs,
    check_eta,
    check_hidden,
    check_layers,
    check_output_loss,
    check_pass,
    check_seed,
    check_work,
    count_parameters,
    shown,
)
from .weights import INITS, initial_thetas

Forward = namedtuple("Forward", ["z", "a"])
Forward.__doc__ = """Every layer's z^(l) and a^(l) of eq. (6); z[0] is None (the input has no z)."""

OUTPUTS = (*ACTIVATIONS, *OUTPUT_ONLY)
_NO_TARGETS = object()  # _check's default: no y given (None is a y, and a wrong one)


@dataclass
class History:
    """What `Network.fit` records.

    cost: (epochs,); cost[i] is J over the whole training set at the start of epoch i, before
      its first update (the network's reduction, "sum" or "mean"). It means the same for every
      batch_size, so runs with different batch sizes compare epoch for epoch.
    batch_cost: (epochs, batches); batch_cost[i, j] is J of the j-th mini-batch of epoch i just
      before the update it makes: the noisy quantity stochastic gradient descent follows. With
      "sum" a smaller last batch has a smaller J. With the full batch it is cost[:, None].
    """

    cost: np.ndarray
    batch_cost: np.ndarray = None


class Network:
    """A network of sigmoid (or tanh, relu, linear) layers with a bias in every layer.

    Inputs:
      layers: sizes from input to output, e.g. [2, 2, 2, 1] (the article's XOR network).
      hidden: the hidden layers' activation, a key of ACTIVATIONS.
      output: the output layer's activation, a key of ACTIVATIONS or "softmax" (K ≥ 2 classes).
      loss: "mse" (eq. 7), "bce" (cross-entropy; sigmoid output only) or "ce" (categorical
        cross-entropy; softmax output only, and a softmax output needs it).
      seed: int ≥ 0, np.random.Generator, or None; the same seed gives the same network.
      init: "glorot" (default) or "uniform" (the article's U[0, 1)). Glorot is the default
        because its weights are centred on zero and scaled to the layer sizes, so every unit
        starts on the steep middle of its activation whatever the width. The article's
        all-positive start only suits tiny nets: on its 2-2-2-1 XOR net it even solves a
        little more often (notebook 04 measures both), but a 64-input layer starts with z
        near 16, deep in σ's flat tail where σ' < 1e-7 and learning stalls.
      reduction: "sum" (the article's: J summed over samples, the default) or "mean" (J / m,
        so that one η suits training sets of any size).
      l2: λ ≥ 0, L2 weight decay: J + (λ/2) Σ w² over the weights (not the biases), eq. (31),
        whatever the reduction; 0 (the default) is the article's J.
    Targets y: for "mse" any numbers, for "bce" numbers from 0 to 1, both shaped
    (m, layers[-1]); for "ce" one-hot rows (m, K) or class indices 0..K−1, shaped (m,) or (m, 1).
    The parameters are `thetas`, a plain list that code may read and replace entries of.
    """

    def __init__(
        self,
        layers,
        hidden="sigmoid",
        output="sigmoid",
        loss="mse",
        seed=None,
        init="glorot",
        reduction="sum",
        l2=0.0,
    ):
        self.layers = check_layers(layers)
        self.hidden = check_hidden(hidden, tuple(ACTIVATIONS), OUTPUT_ONLY)
        self.output = check_choice("output", output, OUTPUTS)
        self.loss = check_choice("loss", loss, tuple(LOSSES))
        self.init = check_choice("init", init, INITS)
        self.reduction = check_choice("reduction", reduction, REDUCTIONS)
        self.l2 = check_l2(l2)
        check_output_loss(self.output, self.loss, self.layers[-1])
        self.thetas = initial_thetas(self.layers, self.init, check_seed(seed))

    def __repr__(self):
        mean = ", reduction='mean'" if self.reduction == "mean" else ""
        mean += f", l2={self.l2:g}" if self.l2 else ""
        return (
            f"Network({self.layers}, hidden={self.hidden!r}, output={self.output!r}, "
            f"loss={self.loss!r}{mean})"
        )

    # -- the pieces of eqs. (6)-(17) -------------------------------------------------------

    def _activation(self, l):
        """f for the layer that thetas[l] feeds."""
        name = self.output if l == len(self.layers) - 2 else self.hidden
        return OUTPUT_ONLY[name] if name in OUTPUT_ONLY else ACTIVATIONS[name][0]

    def _derivative(self, l):
        """f' (of the stored output a) for the layer that thetas[l] feeds; None for softmax."""
        name = self.output if l == len(self.layers) - 2 else self.hidden
        return None if name in OUTPUT_ONLY else ACTIVATIONS[name][1]

    def _checked_thetas(self):
        """The current thetas as float arrays, after checking each entry's shape and values.

        `thetas` is a plain list that code may change, so every method checks it on use: one
        array per layer, of real, finite numbers (no larger than MAX_MAGNITUDE), shaped
        (n_out, n_in + 1).
        """
        thetas, count = self.thetas, len(self.layers) - 1
        wanted = f"thetas: expected a list of {count} arrays (one Θ per layer), got"
        if not isinstance(thetas, (list, tuple)):
            raise TypeError(f"{wanted} {shown(thetas)}")
        if len(thetas) != count:
            raise ValueError(f"{wanted} {len(thetas)}")
        checked = []
        for l, (theta, n_in, n_out) in enumerate(zip(thetas, self.layers, self.layers[1:])):
            theta = as_real_array(f"thetas[{l}] (the parameters of layer {l + 1})", theta)
            if theta.shape != (n_out, n_in + 1):
                raise ValueError(
                    f"thetas[{l}]: expected shape {(n_out, n_in + 1)}, got {theta.shape}"
                )
            checked.append(theta)
        return checked

    def _check(self, X, y=_NO_TARGETS, whole=True):
        """X (and y) as validated float arrays sized for this network (y one-hot for "ce").

        whole: also refuse a pass too large to hold at once (see validation.check_pass).
        """
        if y is _NO_TARGETS:
            X = check_array("X", X, self.layers[0])
        else:
            X, y = check_data(X, y, self.layers[0], self.layers[-1], self.loss)
        if whole:
            check_pass("X", len(X), self.layers)
        return X if y is _NO_TARGETS else (X, y)

    def _forward(self, X, thetas):
        """Forward pass, eq. (6) for a whole batch: returns the lists z and a (z[0] is None)."""
        z, a = [None], [X]
        for l, theta in enumerate(thetas):
            z.append(a[-1] @ theta[:, 1:].T + theta[:, 0])  # z^(l+1) = Θ^(l) [1, a^(l)]
            a.append(self._activation(l)(z[-1]))
        return z, a

    def _backward(self, y, z, a, thetas):
        """Error signals δ^(l) = ∂J/∂z^(l), eqs. (13)–(16): list aligned with a (δ[0] is None)."""
        L = len(a) - 1
        delta = [None] * (L + 1)
        delta[L] = reduction_scale(self.reduction, len(y)) * output_delta(
            self.loss, self.output, a[L], y, self._derivative(L - 1)
        )
        for l in range(L - 1, 0, -1):
            # eq. (16): δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ f'(z^(l)), the bias column dropped
            delta[l] = (delta[l + 1] @ thetas[l][:, 1:]) * self._derivative(l - 1)(a[l])
        return delta

    def forward(self, X):
        """Every layer's z and a for inputs X, eq. (6).

        Inputs: X, (m, layers[0]). Returns: Forward(z, a); a[l] is (m, layers[l]), z[0] is None.
        """
        X, thetas = self._check(X), self._checked_thetas()
        with np.errstate(all="ignore"):  # too large parameters overflow to ±inf, silently
            return Forward(*self._forward(X, thetas))

    def predict(self, X):
        """The network's output ŷ = a^(L). Inputs: X (m, layers[0]). Returns: (m, layers[-1]).

        Any number of rows: they are taken in slices small enough to hold at once.
        """
        X, thetas = self._check(X, whole=False), self._checked_thetas()
        rows = max(1, MAX_VALUES // sum(self.layers))
        outputs = []
        for start in range(0, len(X), rows):
            part = X[start : start + rows]
            check_pass("X", len(part), self.layers)  # the work of each slice
            with np.errstate(all="ignore"):
                outputs.append(self._forward(part, thetas)[1][-1])
        return np.concatenate(outputs)

    def cost(self, X, y):
        """J over the whole set: eq. (7) or a cross-entropy, summed (or averaged) over samples.

        Inputs: X (m, layers[0]), y as the loss expects (see the class). Returns: float.
        """
        X, y = self._check(X, y)
        thetas = self._checked_thetas()
        with np.errstate(all="ignore"):
            z, a = self._forward(X, thetas)
            J = reduction_scale(self.reduction, len(y)) * LOSSES[self.loss][0](a[-1], y, z[-1])
            J += l2_penalty(thetas, self.l2)  # eq. (31); 0 without weight decay
        if np.isnan(J):  # J ≥ 0 always; too large parameters may make it inf, but never NaN
            raise FloatingPointError(
                "cost: J overflowed float64 to NaN: the parameters or the inputs are too large "
                "for this network to compute"
            )
        return J

    def deltas(self, X, y):
        """Every layer's δ^(l) = ∂J/∂z^(l), eq. (13); computed by eqs. (14)–(16).

        Inputs: X (m, layers[0]), y as the loss expects.
        Returns: list aligned with forward().a; delta[l] is (m, layers[l]), delta[0] is None.
        """
        X, y = self._check(X, y)
        thetas = self._checked_thetas()
        with np.errstate(all="ignore"):
            z, a = self._forward(X, thetas)
            return self._backward(y, z, a, thetas)

    def gradients(self, X, y):
        """∂J/∂Θ^(l) for every layer: δ^(l+1) times [1, a^(l)], eq. (17) without the −η.

        Inputs: X (m, layers[0]), y as the loss expects.
        Returns: list of arrays shaped like thetas (column 0: the bias weights' gradient).
        """
        X, y = self._check(X, y)
        thetas = self._checked_thetas()
        with np.errstate(all="ignore"):
            z, a = self._forward(X, thetas)
            delta = self._backward(y, z, a, thetas)
            grads = [
                np.hstack([delta[l + 1].sum(axis=0)[:, None], delta[l + 1].T @ a[l]])
                for l in range(len(thetas))
            ]
            return with_weight_decay(grads, thetas, self.l2)  # eq. (32): + λ W

    # -- training ---------------------------------------------------------------------------

    def fit(self, X, y, eta=0.1, epochs=1000, batch_size=None, shuffle_seed=0, **rule):
        """Gradient descent, Θ ← Θ − η ∂J/∂Θ, eqs. (12) and (17), for `epochs` epochs.

        batch_size=None (or ≥ the number of samples m): the full batch, one update per epoch,
        the article's algorithm. batch_size=b < m: mini-batch stochastic gradient descent; each
        epoch draws a new order of the samples from np.random.default_rng(shuffle_seed) (a
        seeded stream, restarted by every call) and makes one update per slice of b samples
        (the last slice may be smaller), each with J and ∂J/∂Θ of that slice alone.
        rule: momentum=β (0 ≤ β < 1, eq. 33) or optimizer="adam" (eq. 34), see optimisers.
        Inputs: X (m, layers[0]), y as the loss expects; eta > 0; epochs ≥ 0; batch_size None
          or ≥ 1; shuffle_seed, int ≥ 0 or np.random.Generator.
        Returns: History (cost: J over the whole set at the start of each epoch; batch_cost).
        Raises FloatingPointError, naming the epoch, as soon as J stops being finite or an
        update would move a parameter by more than validation.MAX_MAGNITUDE (≈ 1.34e154, whose
        square is float64's largest number); the thetas are then left as they were at the
        start of that epoch.
        """
        X, y = self._check(X, y)
        eta, epochs = check_eta(eta), check_epochs(epochs)
        batch_size = check_batch_size(batch_size)
        rule = check_rule(**rule)
        order = check_seed(shuffle_seed, "shuffle_seed", allow_none=False)
        m = len(X)
        batches = 1 if batch_size is None else -(-m // batch_size)
        parameters, weight_layers = count_parameters(self.layers), len(self.layers) - 1
        check_work("epochs", epochs, m, parameters, weight_layers, batches)
        descent = Descent(self, self._checked_thetas(), X, y)
        descent.rule = rule
        run = descent.run(eta, epochs, batch_size=batch_size, order=order)
        self.thetas = descent.thetas()
        if run.diverged:
            ((epoch, cause),) = run.diverged.values()
            raise FloatingPointError(
                f"fit: training diverged at epoch {epoch} with eta={eta:.6g}: {cause}. "
                f"Try a smaller eta (learning rate)."
            )
        return History(cost=run.cost[0], batch_cost=run.batch_cost[0])
