"""Many networks of one shape trained at once: one per seed, eqs. (12) and (17) with stacked Θ.

Every parameter array gets a leading "runs" axis, Θ^(l) of shape (R, n_out, n_in + 1), and each
matmul of the training loop becomes a batched matmul over it; the R runs never mix (no sum or
mean is taken across runs). Run r ends where
`Network(layers, ..., seed=seeds[r]).fit(X, y, eta=eta, epochs=epochs, batch_size=batch_size,
shuffle_seed=shuffle_seed)` would (same loop code; with mini-batches every run sees the same
sequence of batches, as each of those fits would): bit for bit where the BLAS rounds a batched
matmul as it does a single one, else to round-off (1.3e-9 of J after 3000 epochs, measured).
"""

import copy
from dataclasses import dataclass, field

import numpy as np

from .architecture import (
    check_parameter_count,
    check_pass,
    check_training,
    count_parameters,
    initial_thetas,
)
from .descent import Descent
from .divergence import Diverged
from .network import Network
from .refusal import check_allowed
from .validation import (
    check_batch_size,
    check_choice,
    check_epochs,
    check_eta,
    check_seed,
    check_seeds,
    shown,
)

ON_DIVERGENCE = ("raise", "stop")


@dataclass
class TrainedRuns:
    """What `train_many` returns.

    networks: the trained Networks, one per seed, in the order of `seeds`.
    cost: (runs, epochs) array; cost[r, i] is J of run r over the whole set at the start of
      epoch i (as History.cost).
    seeds: the seeds, as a tuple of ints.
    diverged: {seed: epoch} for runs stopped because J (or Θ) stopped being finite (only with
      on_divergence="stop"); such a network holds Θ from the start of that epoch, and its cost
      row is nan after it.
    """

    networks: list
    cost: np.ndarray
    seeds: tuple
    diverged: dict = field(default_factory=dict)


def _sibling(first, seed):
    """A Network with `first`'s settings (checked when first was built) started from `seed`
    (checked by check_seeds): what Network(first.layers, seed=seed, ...) gives, without
    checking the same settings once per seed."""
    net = copy.copy(first)
    net.layers = list(first.layers)
    net.thetas = initial_thetas(net.layers, net.init, np.random.default_rng(seed))
    return net


def train_many(
    layers,
    X,
    y,
    *,
    eta,
    epochs,
    seeds,
    hidden="sigmoid",
    output="sigmoid",
    loss="mse",
    init="glorot",
    reduction="sum",
    batch_size=None,
    shuffle_seed=0,
    on_divergence="raise",
    watch=None,
):
    """Train one network per seed, all at once; eqs. (6), (13)–(17) with a runs axis.

    Inputs: layers, hidden, output, loss, init, reduction as for Network; X (m, layers[0]),
      y as the loss expects; eta > 0; epochs ≥ 0; seeds, a list of ints ≥ 0, one run each;
      batch_size, shuffle_seed as for Network.fit.
      on_divergence: what to do when a run's cost (or, after the last update, its Θ) stops
      being finite. "raise" (default, like Network.fit): Diverged naming the seed(s) and
      the epoch (.epoch and .cause: those of the first run in seed order). "stop": freeze
      those runs at the start of that epoch, train the others on, and list them in the
      result's `diverged`. Either way one run's
      divergence never changes another's numbers: runs share no arithmetic.
      watch: None, or a function called after every forward pass as watch(epoch, y_hat), with
      y_hat (R, m, layers[-1]) the outputs at the start of that epoch (a view, valid only
      during the call), e.g. to record when each run first classifies every sample right.
    Returns: TrainedRuns with networks (R Networks, in seed order) and cost (R, epochs).
    """
    check_allowed("train_many")
    seeds = check_seeds(seeds)
    eta, epochs = check_eta(eta), check_epochs(epochs)
    batch_size = check_batch_size(batch_size)
    order = check_seed(shuffle_seed, "shuffle_seed", allow_none=False)
    on_divergence = check_choice("on_divergence", on_divergence, ON_DIVERGENCE)
    if watch is not None and not callable(watch):
        raise TypeError(
            f"watch: expected None or a function watch(epoch, y_hat), got {shown(watch)}"
        )
    settings = dict(hidden=hidden, output=output, loss=loss, init=init, reduction=reduction)
    first = Network(layers, seed=seeds[0], **settings)
    runs, parameters = len(seeds), count_parameters(first.layers)
    check_parameter_count("seeds", runs * parameters)
    X, y = first.check_data(X, y, whole=False)
    check_pass("X", len(X), first.layers, runs)
    check_training(epochs, len(X), first.layers, batch_size, runs)
    networks = [first] + [_sibling(first, seed) for seed in seeds[1:]]
    stacked = [np.stack(ts) for ts in zip(*(net.thetas for net in networks))]
    descent = Descent(first, stacked, X, y)
    seen = None if watch is None else (lambda epoch, a: watch(epoch, a.mT))
    run = descent.run(
        eta,
        epochs,
        freeze=on_divergence == "stop",
        watch=seen,
        batch_size=batch_size,
        order=order,
    )
    if run.diverged and on_divergence == "raise":
        failed = sorted(run.diverged.items())
        runs = "; ".join(f"seed {seeds[r]} at epoch {e}: {cause}" for r, (e, cause) in failed[:2])
        if len(failed) > 2:
            runs += f"; and {len(failed) - 2} more"
        raise Diverged(
            f"train_many: training diverged with eta={eta:.6g} for {len(failed)} of "
            f"{len(seeds)} runs ({runs}). Try a smaller eta (learning rate), or "
            f"on_divergence='stop' to keep the other runs.",
            *failed[0][1],  # the first run's epoch and cause
        )
    for net, thetas in zip(networks, descent.thetas()):
        net.thetas = thetas
    return TrainedRuns(
        networks=networks,
        cost=run.cost,
        seeds=seeds,
        diverged={seeds[r]: e for r, (e, _) in sorted(run.diverged.items())},
    )
