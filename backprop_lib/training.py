"""Many networks of one shape trained at once: one per seed, eqs. (12) and (17) with stacked Θ.

Every parameter array gets a leading "runs" axis, Θ^(l) of shape (R, n_out, n_in + 1), and each
matmul of the training loop becomes a batched matmul over it; the R runs never mix (no sum or
mean is taken across runs). Run r ends exactly where
`Network(layers, ..., seed=seeds[r]).fit(X, y, eta=eta, epochs=epochs)` would (same loop code).
"""

from dataclasses import dataclass, field

import numpy as np

from .descent import Descent, divergence_cause
from .network import Network
from .validation import check_choice, check_epochs, check_eta, check_seeds

ON_DIVERGENCE = ("raise", "stop")


@dataclass
class TrainedRuns:
    """What `train_many` returns.

    networks: the trained Networks, one per seed, in the order of `seeds`.
    cost: (runs, epochs) array; cost[r, i] is J of run r at the start of epoch i.
    seeds: the seeds, as a tuple of ints.
    diverged: {seed: epoch} for runs stopped because J (or Θ) stopped being finite (only with
      on_divergence="stop"); such a network holds Θ from the start of that epoch, and its cost
      row is nan after it.
    """

    networks: list
    cost: np.ndarray
    seeds: tuple
    diverged: dict = field(default_factory=dict)


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
    on_divergence="raise",
    watch=None,
):
    """Train one network per seed, all at once; eqs. (6), (13)–(17) with a runs axis.

    Inputs: layers, hidden, output, loss, init as for Network; X (m, layers[0]),
      y (m, layers[-1]); eta > 0; epochs ≥ 0; seeds, a list of ints ≥ 0, one run each.
      on_divergence: what to do when a run's cost (or, after the last update, its Θ) stops
      being finite. "raise" (default, like Network.fit): FloatingPointError naming the
      seed(s) and the epoch. "stop": freeze those runs at the start of that epoch, train
      the others on, and list them in the result's `diverged`. Either way one run's
      divergence never changes another's numbers: runs share no arithmetic.
      watch: None, or a function called after every forward pass as watch(epoch, y_hat), with
      y_hat (R, m, layers[-1]) the outputs at the start of that epoch (a view, valid only
      during the call), e.g. to record when each run first classifies every sample right.
    Returns: TrainedRuns with networks (R Networks, in seed order) and cost (R, epochs).
    """
    seeds = check_seeds(seeds)
    eta, epochs = check_eta(eta), check_epochs(epochs)
    on_divergence = check_choice("on_divergence", on_divergence, ON_DIVERGENCE)
    if watch is not None and not callable(watch):
        raise TypeError(f"watch: expected None or a function watch(epoch, y_hat), got {watch!r}")
    networks = [
        Network(layers, hidden=hidden, output=output, loss=loss, seed=s, init=init) for s in seeds
    ]
    first = networks[0]
    X, y = first._check(X, y)
    stacked = [np.stack(ts) for ts in zip(*(net.thetas for net in networks))]
    descent = Descent(first, stacked, X, y)
    seen = None if watch is None else (lambda epoch, a: watch(epoch, a.mT))
    cost, diverged = descent.run(eta, epochs, freeze=on_divergence == "stop", watch=seen)
    if diverged and on_divergence == "raise":
        runs = ", ".join(
            f"seed {seeds[r]} ({divergence_cause(cost[r], e)} at epoch {e})"
            for r, e in sorted(diverged.items())
        )
        raise FloatingPointError(
            f"train_many: training diverged with eta={eta} for {runs}. Try a smaller eta "
            f"(learning rate), or on_divergence='stop' to keep the other runs."
        )
    for net, thetas in zip(networks, descent.thetas()):
        net.thetas = thetas
    return TrainedRuns(
        networks=networks,
        cost=cost,
        seeds=seeds,
        diverged={seeds[r]: e for r, e in sorted(diverged.items())},
    )
