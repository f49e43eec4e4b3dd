"""One epoch's bookkeeping for the fast loop (descent.py): the samples shuffled and cut into
mini-batches, each batch's J of "ce" finished once per epoch, and the costs recorded.
"""

from collections import namedtuple
from dataclasses import dataclass

import numpy as np

# What fit's History.cost records for mini-batches: "whole_set", J over the whole training set
# at the start of each epoch (one more forward pass per epoch); "batches", J over the whole set
# added up from the epoch's batches, each taken before its update, as the training met them
# (what scikit-learn's loss_curve_ records, at no extra cost). The full batch: both are J.
RECORDS = ("whole_set", "batches")


@dataclass
class History:
    """What `Network.fit` records.

    cost: (epochs,); cost[i] is J over the whole training set at the start of epoch i, before
      its first update (the network's reduction, "sum" or "mean"). It means the same for every
      batch_size, so runs with different batch sizes compare epoch for epoch. With mini-batches
      and record="batches" it is instead J over the whole set added up from epoch i's batches,
      each as the training met it, before its update (Σ_j J_j for "sum", Σ_j n_j J_j / m for
      "mean"): what scikit-learn's loss_curve_ records, and no extra pass over the data.
    batch_cost: (epochs, batches); batch_cost[i, j] is J of the j-th mini-batch of epoch i just
      before the update it makes: the noisy quantity stochastic gradient descent follows. With
      "sum" a smaller last batch has a smaller J. With the full batch it is cost[:, None].
    """

    cost: np.ndarray
    batch_cost: np.ndarray = None


Run = namedtuple("Run", ["cost", "batch_cost", "diverged"])
Run.__doc__ = """What Descent.run returns. cost: (R, epochs), J over the whole training set
for each epoch, as `record` says (nan after a run diverged); batch_cost: (R, epochs, batches),
J of each mini-batch just before its update (one batch, equal to cost, for the full batch);
diverged: {run index: (epoch, cause)}."""


def history(cost, batch_cost, sizes, diverged, loss, reduction, record="whole_set"):
    """The costs the loop recorded, as a Run with their constant factors; nan after divergence.

    Inputs: cost (epochs, R, 1, 1) and batch_cost (epochs, batches, R, 1, 1), J without the ½
    of "mse" and 1/m of "mean"; sizes, the batch sizes; diverged, {run: (epoch, cause,
    batch)}; record, one of RECORDS ("batches": cost is filled here, from batch_cost).
    """
    half = 0.5 if loss == "mse" else 1.0
    mean, m, runs = reduction == "mean", sum(sizes), batch_cost.shape[2]
    if len(sizes) > 1 and record == "batches":  # Σ_j J_j: J of the whole set, batch by batch
        np.add.reduce(batch_cost, 1, None, cost)
    cost *= half / m if mean else half
    if len(sizes) > 1:
        for j, n in enumerate(sizes):
            batch_cost[:, j] *= half / n if mean else half
    cost = cost.reshape(-1, runs).T.copy()
    batch_cost = batch_cost.reshape(len(cost.T), len(sizes), runs)
    batch_cost = batch_cost.transpose(2, 0, 1).copy()
    for r, (e, _, j) in diverged.items():
        cost[r, e + 1 :] = np.nan
        batch_cost[r, e + 1 :] = np.nan
        batch_cost[r, e, j + 1 :] = np.nan
    return Run(cost, batch_cost, {r: (e, cause) for r, (e, cause, _) in diverged.items()})


# Σ_k e^(z_k) below this means some e^z of the sample lost precision to underflow (float64's
# smallest normal number is 2.2e-308); above it, what underflowed is below 1e-23 of the sum.
TINY_SUM = 1e-300


class LaterCosts:
    """The batches' z^(L) of one epoch, kept, and the J of "ce" of each batch from them, all
    batches at once, with the operations of output_kernel's "ce" (max-shifted, exact also
    where ŷ is nearly one-hot and J nearly 0).

    Inputs: lead, () or (R,); sizes, the batch sizes: k of b, then maybe one smaller; n_L,
    the output units. views: for each batch, its (s, z), s (…, 1, b) where output_kernel's
    later leaves Σ_k e^(z_k), unshifted (costs checks its range), z (…, n_L, b) for z^(L).
    """

    def __init__(self, lead, sizes, n_L):
        self.R, self.m, self.b, self.k = int(np.prod(lead)), sum(sizes), sizes[0], len(sizes)
        self.k -= sizes[-1] != sizes[0]
        self.s, self.q, self.top, self.J = (np.empty(lead + (1, self.m)) for _ in range(4))
        k, b, r = self.k, self.b, self.m - self.k * self.b
        self.z, self.z_last = np.empty((k,) + lead + (n_L, b)), np.empty(lead + (n_L, r))
        bounds = np.cumsum([0] + list(sizes))
        zs = list(self.z) + [self.z_last] * (r > 0)
        self.views = [(self.s[..., i:j], z) for i, j, z in zip(bounds, bounds[1:], zs)]
        ones_row = np.ones((1, n_L))

        def rows(a):  # a's k full batches as (k, …, 1, b), and the last one's (…, 1, r)
            return np.moveaxis(a[..., : k * b].reshape(lead + (1, k, b)), -2, 0), a[..., k * b :]

        (q, q_r), (top, top_r), (J, J_r) = rows(self.q), rows(self.top), rows(self.J)
        self.parts = [(self.z, np.empty_like(self.z), q, top, J, ones_row)]
        if r:
            self.parts.append((self.z_last, np.empty_like(self.z_last), q_r, top_r, J_r, ones_row))

    def costs(self, out, blocks, last):
        """Each batch's J, Σ_i [ln Σ_k e^(z_k − max) + max − Σ_k y_k z_k] as losses.ce, into
        out ((batches, …, 1, 1), batch_cost's rows for one epoch), from the batches' −Y: blocks
        (k, n_L, b) and last (n_L, m − k b), as in Shuffled. Where the lean loop's unshifted
        Σ e^z overflowed (ŷ NaN) or fell below TINY_SUM (ŷ imprecise), every J is NaN: the run
        then replays the epoch checked, with the max-shifted softmax."""
        targets = [blocks[:, None] if self.z.ndim == 4 else blocks, last]
        for (z, tmp, q, top, J, ones_row), minus_Y in zip(self.parts, targets):
            np.multiply(minus_Y, z, tmp)
            np.matmul(ones_row, tmp, out=q)  # −Σ_k y_k z_k: one term per sample, exact
            np.maximum.reduce(z, -2, None, top, True)
            np.subtract(z, top, tmp)
            np.exp(tmp, tmp)
            np.matmul(ones_row, tmp, out=J)  # Σ_k e^(z_k − max), as output_kernel sums
            np.log(J, J)
            np.add(J, top, J)
            np.add(J, q, J)
        R, k, b, whole = self.R, self.k, self.b, self.J.reshape(self.R, self.m)
        np.add.reduce(whole[:, : k * b].reshape(R, k, b), -1, None, out[:k].reshape(k, R).T)
        if k < len(out):
            np.add.reduce(whole[:, k * b :], -1, None, out[k].reshape(R))
        if not TINY_SUM <= self.s.min() or not self.s.max() < np.inf:
            out[...] = np.nan


class Shuffled:
    """The training samples in a fresh order each epoch, copied once per epoch, cut into
    batches that are views of that copy (no copy per batch).

    Inputs: X (m, n_0), y (m, n_L); sizes, the batch sizes: k of b, then maybe one smaller.
    batches: for each batch, (A0, A0ᵀ, −Y), A0 = [1; xᵀ] (n_0 + 1, b) and −Y (n_L, b) as in
    Pass.
    """

    def __init__(self, X, y, sizes):
        (m, n), n_L, b, k = X.shape, y.shape[1], sizes[0], sizes.count(sizes[0])
        self.source = np.ones((m, n + 1))
        self.source[:, 1:] = X
        self.y, self.rows = np.ascontiguousarray(y, dtype=float), np.empty_like(y, dtype=float)
        self.X, self.k, self.b = np.empty_like(self.source), k, b
        self.blocks, self.last = np.empty((k, n_L, b)), np.empty((n_L, m - k * b))
        bounds = np.cumsum([0] + list(sizes))
        targets = list(self.blocks) + [self.last] * (m > k * b)
        self.batches = [
            (self.X[i:j].T, self.X[i:j], K) for i, j, K in zip(bounds, bounds[1:], targets)
        ]

    def shuffle(self, rows):
        """Put the samples in the order `rows` (a permutation of range(m))."""
        np.take(self.source, rows, axis=0, out=self.X, mode="clip")  # unbuffered; rows valid
        np.take(self.y, rows, axis=0, out=self.rows, mode="clip")
        k, b, n_L = self.k, self.b, self.y.shape[1]
        whole = self.rows[: k * b].reshape(k, b, n_L).transpose(0, 2, 1)
        np.negative(whole, out=self.blocks)
        np.negative(self.rows[k * b :].T, out=self.last)
