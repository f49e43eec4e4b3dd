"""A fully connected network trained by backpropagation: eqs. (6)–(17) for whole layers.

Indexing: lists here are 0-based, the article's layers 1-based. Layer l of this code is the
article's layer l + 1, so a[0] is a^(1) = x, z[1] is z^(2), and thetas[0] is Θ^(1).
"""

from collections import namedtuple

import numpy as np

from .activations import ACTIVATIONS, OUTPUT_ONLY
from .architecture import (
    INITS,
    check_hidden,
    check_layers,
    check_output_loss,
    check_pass,
    check_thetas,
    check_training,
    initial_thetas,
)
from .descent import Descent
from .divergence import Diverged, why_diverged
from .epochs import History
from .losses import LOSSES, REDUCTIONS, output_delta, reduction_scale
from .optimisers import check_l2, l2_penalty, with_weight_decay
from .validation import (
    MAX_VALUES,
    check_array,
    check_batch_size,
    check_choice,
    check_data,
    check_epochs,
    check_eta,
    check_seed,
)

Forward = namedtuple("Forward", ["z", "a"])
Forward.__doc__ = """Every layer's z^(l) and a^(l) of eq. (6); z[0] is None (the input has no z)."""

OUTPUTS = (*ACTIVATIONS, *OUTPUT_ONLY)
_NO_TARGETS = object()  # check_data's default: no y given (None is a y, and a wrong one)


class Network:
    """A network of sigmoid (or tanh, relu, linear) layers with a bias in every layer.

    Inputs:
      layers: sizes from input to output, e.g. [2, 2, 2, 1] (the article's XOR network).
      hidden: the hidden layers' activation, a key of ACTIVATIONS.
      output: the output layer's activation, a key of ACTIVATIONS or "softmax" (K ≥ 2 classes).
      loss: "mse" (eq. 7), "bce" (cross-entropy; sigmoid output only) or "ce" (categorical
        cross-entropy; softmax output only, and a softmax output needs it).
      seed: int ≥ 0, np.random.Generator, or None; the same seed gives the same network.
      init: "glorot" (default) or "uniform" (the article's U[0, 1)); why Glorot is the
        default: architecture.initial_thetas.
      reduction: "sum" (the article's: J summed over samples, the default) or "mean" (J / m:
        the step does not grow with the samples). l2: λ ≥ 0, weight decay, eq. (31).
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
        self.l2 = check_l2(l2)  # J + (λ/2) Σ w², eq. (31); fit's History records J without it
        check_output_loss(self.output, self.loss, self.layers[-1])
        self.thetas = initial_thetas(self.layers, self.init, check_seed(seed))

    def __repr__(self):
        mean = ", reduction='mean'" if self.reduction == "mean" else ""
        return (
            f"Network({self.layers}, hidden={self.hidden!r}, output={self.output!r}, "
            f"loss={self.loss!r}{mean}{f', l2={self.l2:g}' if self.l2 else ''})"
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

    def check_data(self, X, y=_NO_TARGETS, whole=True):
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
        X, thetas = self.check_data(X), check_thetas(self.thetas, self.layers)
        with np.errstate(all="ignore"):  # too large parameters overflow to ±inf, silently
            return Forward(*self._forward(X, thetas))

    def predict(self, X):
        """The network's output ŷ = a^(L). Inputs: X (m, layers[0]). Returns: (m, layers[-1]).

        Any number of rows: they are taken in slices small enough to hold at once.
        """
        X, thetas = self.check_data(X, whole=False), check_thetas(self.thetas, self.layers)
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
        X, y = self.check_data(X, y)
        thetas = check_thetas(self.thetas, self.layers)
        with np.errstate(all="ignore"):
            J = self._cost(y, *self._forward(X, thetas)) + l2_penalty(thetas, self.l2)
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
        X, y = self.check_data(X, y)
        thetas = check_thetas(self.thetas, self.layers)
        with np.errstate(all="ignore"):
            z, a = self._forward(X, thetas)
            return self._backward(y, z, a, thetas)

    @staticmethod
    def _gradients(delta, a):
        """∂J/∂Θ^(l) = δ^(l+1)ᵀ [1, a^(l)], eq. (17): the bias column first."""
        return [
            np.hstack([delta[l + 1].sum(axis=0)[:, None], delta[l + 1].T @ a[l]])
            for l in range(len(a) - 1)
        ]

    def _cost(self, y, z, a):
        """J of eq. (7) or a cross-entropy from a forward pass's outputs, with the reduction."""
        return reduction_scale(self.reduction, len(y)) * LOSSES[self.loss][0](a[-1], y, z[-1])

    def gradients(self, X, y):
        """∂J/∂Θ^(l) for every layer: δ^(l+1) times [1, a^(l)], eq. (17) without the −η.

        Inputs: X (m, layers[0]), y as the loss expects.
        Returns: list of arrays shaped like thetas (column 0: the bias weights' gradient).
        """
        X, y = self.check_data(X, y)
        thetas = check_thetas(self.thetas, self.layers)
        with np.errstate(all="ignore"):
            z, a = self._forward(X, thetas)
            grads = self._gradients(self._backward(y, z, a, thetas), a)
            return with_weight_decay(grads, thetas, self.l2)  # eq. (32): + λ W

    # -- training ---------------------------------------------------------------------------

    def _training(self, X, y, eta, epochs, batch_size, shuffle_seed):
        """fit's arguments checked: X, y, eta, epochs, batch_size, the shuffling Generator."""
        X, y = self.check_data(X, y)
        eta, epochs = check_eta(eta), check_epochs(epochs)
        batch_size = check_batch_size(batch_size)
        order = check_seed(shuffle_seed, "shuffle_seed", allow_none=False)
        check_training(epochs, len(X), self.layers, batch_size)
        return X, y, eta, epochs, batch_size, order

    def readable_fit(self, X, y, eta=0.1, epochs=1000, batch_size=None, shuffle_seed=0):
        """fit's algorithm written to be read: the loop a student studies, step by step.

        fit runs the same loop made fast (descent.py) and returns the same History; tests
        hold the two equal. Arguments, result and divergence as for fit.
        """
        X, y, eta, epochs, b, order = self._training(X, y, eta, epochs, batch_size, shuffle_seed)
        m = len(X)
        b = m if b is None else min(b, m)  # a full batch is one batch of every row
        thetas = check_thetas(self.thetas, self.layers)
        cost, batch_cost = [], []
        with np.errstate(all="ignore"):
            for epoch in range(epochs):
                start = thetas  # a diverged epoch leaves the parameters as they were here
                rows = np.arange(m) if b == m else order.permutation(m)  # a fresh order
                if b < m:  # J over the whole set at the epoch's start
                    cost.append(self._cost(y, *self._forward(X, thetas)))
                batch_cost.append([])
                for first in range(0, m, b):
                    batch = rows[first : first + b]
                    z, a = self._forward(X[batch], thetas)  # eq. (6)
                    batch_cost[-1].append(self._cost(y[batch], z, a))  # eq. (7)
                    if b == m:
                        cost.append(batch_cost[-1][-1])
                    delta = self._backward(y[batch], z, a, thetas)  # eqs. (13)–(16)
                    # eqs. (12) and (17): Θ ← Θ − η ∂J/∂Θ
                    thetas = [t - eta * g for t, g in zip(thetas, self._gradients(delta, a))]
                    cause = why_diverged(cost[-1], batch_cost[-1][-1], thetas)
                    if cause:
                        self.thetas = start
                        raise Diverged.in_fit(epoch, eta, cause)
        self.thetas = thetas
        batches = -(-m // b) if m else 1
        return History(np.array(cost), np.array(batch_cost).reshape(epochs, batches))

    def fit(self, X, y, eta=0.1, epochs=1000, batch_size=None, shuffle_seed=0, record=None, **rule):
        """Gradient descent, Θ ← Θ − η ∂J/∂Θ, eqs. (12) and (17), for `epochs` epochs.

        batch_size=None (or ≥ the number of samples m): the full batch, one update per epoch,
        the article's algorithm. batch_size=b < m: mini-batch stochastic gradient descent; each
        epoch draws a new order of the samples from np.random.default_rng(shuffle_seed) (a
        seeded stream, restarted by every call) and makes one update per slice of b samples
        (the last slice may be smaller), each with J and ∂J/∂Θ of that slice alone.
        readable_fit (plain steps) is the loop to read. rule: momentum=β or optimizer="adam".
        Inputs: X (m, layers[0]), y as the loss expects; eta > 0; epochs ≥ 0; batch_size None
          or ≥ 1; shuffle_seed, int ≥ 0 or np.random.Generator; record, what History.cost
          holds for mini-batches: "whole_set" (None) or "batches", see History.
        Returns: History (cost: J over the whole set for each epoch; batch_cost).
        Raises Diverged (a FloatingPointError) naming the epoch, as soon as J stops being
        finite or an update would move a parameter by more than validation.MAX_MAGNITUDE
        (≈ 1.34e154, whose square is float64's largest number); the thetas are then left as
        they were at the start of that epoch.
        """
        X, y, eta, epochs, b, order = self._training(X, y, eta, epochs, batch_size, shuffle_seed)
        descent = Descent(self, check_thetas(self.thetas, self.layers), X, y)
        run = descent.run(eta, epochs, batch_size=b, order=order, rule=rule, record=record)
        self.thetas = descent.thetas()
        if run.diverged:
            ((epoch, cause),) = run.diverged.values()
            raise Diverged.in_fit(epoch, eta, cause)
        return History(cost=run.cost[0], batch_cost=run.batch_cost[0])
