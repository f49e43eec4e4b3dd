"""XOR training studied: the article's stalls measured over many seeds, and why stuck runs stick.

A run "solves" XOR at the first epoch where every output lies on the right side of ½
(|ŷ − y| < ½ for all four samples), judged on ŷ at the start of that epoch, the ŷ whose cost
is cost[epoch]. A run that never does within the epochs given is "stuck".
"""

import numbers
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..architecture import check_layers, check_training
from ..descent import Descent
from ..network import Network
from ..training import train_many
from ..validation import check_array, check_epochs, check_eta, check_seeds
from .sweep_data import stored_sweep  # noqa: F401  (notebook 04b imports it from here)

SOLVE_MARGIN = 0.5


def solves(y_hat, y, margin=SOLVE_MARGIN):
    """Whether every output is within `margin` of its target: all |ŷ − y| < margin.

    With 0/1 targets and the default margin ½, every output is on the right side of ½.
    Inputs: y_hat (…, m, k) outputs, for one run or many; y (m, k) targets; margin > 0.
    Returns: bool array of shape y_hat.shape[:-2] (a bool for one run).
    """
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    if y_hat.ndim < 2 or y_hat.shape[-2:] != y.shape:
        raise ValueError(
            f"y_hat: expected shape (…, {y.shape[0]}, {y.shape[1]}), got {y_hat.shape}"
        )
    return np.all(np.abs(y_hat - y) < margin, axis=(-2, -1))


class FirstSolve:
    """A train_many watch that records, for each run, the first epoch that `solves`.

    Inputs: y (m, k) targets; runs, the number of runs; margin, as for `solves`; every, look
    only at the epochs that are multiples of it (1: every epoch). `epoch` is (runs,) int, −1
    for never.
    """

    def __init__(self, y, runs, margin=SOLVE_MARGIN, every=1):
        self.y, self.margin, self.every = np.asarray(y, dtype=float), margin, every
        self.epoch = np.full(runs, -1)

    def __call__(self, epoch, y_hat):
        if epoch % self.every == 0:
            new = solves(y_hat, self.y, self.margin) & (self.epoch < 0)
            self.epoch[new] = epoch


def first_solves(networks, X, y, *, eta, epochs, margin=SOLVE_MARGIN, every=1):
    """Train networks of one shape together, full batch, and record when each first solves.

    The same measurement as stall_study's (FirstSolve on the fast loop, as train_many runs
    it), for networks made by the caller (e.g. with a chosen start). A run that diverges is
    frozen where it did. The networks are trained in place.
    Inputs: networks, a list of Networks of one shape and settings; X, y; eta > 0; epochs ≥ 0;
    margin, every as for FirstSolve. Returns: (R,) int array: the first epoch looked at whose
    start each solves at, `epochs` if it solves only after the last update, −1 if never.
    """
    first = networks[0]
    X, y = first.check_data(X, y)
    eta, epochs = check_eta(eta), check_epochs(epochs)
    check_training(epochs, len(X), first.layers, None, len(networks))
    watch = FirstSolve(y, len(networks), margin, every)
    stacked = [np.stack(ts) for ts in zip(*(net.thetas for net in networks))]
    descent = Descent(first, stacked, X, y)
    descent.run(eta, epochs, freeze=True, watch=lambda e, a: watch(e, a.mT))  # samples as rows
    for net, thetas in zip(networks, descent.thetas()):
        net.thetas = thetas
    end = np.array([bool(solves(net.predict(X), y, margin)) for net in networks])
    return np.where((watch.epoch < 0) & end, epochs, watch.epoch)


@dataclass
class StallStudy:
    """One setup trained from many seeds: which runs solve XOR, and when.

    label: the setup's name; seeds: tuple of ints; epochs: epochs trained;
    first_solve: (R,) int, the first epoch each run solves, −1 if it never does;
    outputs: (R, m, k), ŷ after training; cost: (R, epochs) J per run and epoch, or None
    unless stall_study was asked to keep it; networks: the R trained Networks;
    eta: the learning rate; diverged: the seeds whose training diverged (stopped, never solved).
    """

    label: str
    seeds: tuple
    epochs: int
    first_solve: np.ndarray
    outputs: np.ndarray
    cost: np.ndarray
    networks: list
    eta: float = float("nan")
    diverged: tuple = ()

    @property
    def solved(self):
        """(R,) bool: the runs that solved XOR at some epoch."""
        return self.first_solve >= 0

    @property
    def fraction_solved(self):
        """The share of runs that solved XOR within the epochs, a float in [0, 1]."""
        return float(np.mean(self.solved))

    @property
    def stuck(self):
        """Indices of the runs that never solved XOR."""
        return np.flatnonzero(~self.solved)

    def median_epoch(self):
        """The median first-solve epoch over ALL runs, a stuck run counting as "never" (inf).

        Finite only when at least half the runs solve. Unlike the median over the solved runs
        alone, it does not flatter a setup that solves fewer runs. Returns: float.
        """
        return float(np.median(np.where(self.solved, self.first_solve, np.inf)))

    def row(self):
        """The study's figures as a dict of plain numbers (JSON-ready).

        Keys: label, eta, epochs, runs, solved (runs that solve), median (median_epoch, None for
        never), p10 and p90 (percentiles of the solved runs' first-solve epochs, None if none
        solve), diverged (runs whose training diverged).
        """
        first = self.first_solve[self.solved]
        median = self.median_epoch()
        return {
            "label": self.label,
            "eta": self.eta,
            "epochs": self.epochs,
            "runs": len(self.seeds),
            "solved": int(self.solved.sum()),
            "median": median if np.isfinite(median) else None,
            "p10": float(np.percentile(first, 10)) if len(first) else None,
            "p90": float(np.percentile(first, 90)) if len(first) else None,
            "diverged": len(self.diverged),
        }


def stall_study(layers, X, y, *, eta, epochs, seeds, label="", keep_cost=False, **network):
    """Train one network per seed (train_many) and record each run's first-solve epoch.

    Inputs: layers, X (m, layers[0]), y (m, layers[-1]) with 0/1 targets; eta, epochs, seeds as
      for train_many; label, a name for plots; keep_cost, whether the study keeps every run's
      cost per epoch (256 runs × 10 000 epochs are 20 MB; notebook 04's four studies would hold
      80 MB of a student's kernel for curves nothing draws); network: hidden, output, loss,
      init, and on_divergence ("stop" keeps the other runs going; a diverged run counts as
      never solved).
    Returns: StallStudy.
    """
    seeds, layers = check_seeds(seeds), check_layers(layers)
    watch = FirstSolve(check_array("y", y, layers[-1]), len(seeds))
    runs = train_many(layers, X, y, eta=eta, epochs=epochs, seeds=seeds, watch=watch, **network)
    X = np.asarray(X, dtype=float)
    outputs = np.stack([net.predict(X) for net in runs.networks])
    first = watch.epoch.copy()
    first[[runs.seeds.index(s) for s in runs.diverged]] = -1  # diverged runs never count
    return StallStudy(
        label,
        runs.seeds,
        epochs,
        first,
        outputs,
        runs.cost if keep_cost else None,
        runs.networks,
        float(eta),
        tuple(runs.diverged),
    )


def initial_step_length(layers, X, y, *, eta, seeds, **network):
    """The length of the first gradient step, ‖η ∂J/∂Θ‖ over all Θ^(l), averaged over seeds.

    Two setups compared "at the same step size" should take first steps of the same length;
    equal η does not give that when their error signals differ in size (eq. 14).
    Inputs: layers, X, y; eta > 0; seeds, a list of ints; network: hidden, output, loss, init.
    Returns: float, the mean over seeds of √(Σ_l Σ (η ∂J/∂Θ^(l))²).
    """
    norms = [
        np.sqrt(
            sum(float(np.sum(g**2)) for g in Network(layers, seed=s, **network).gradients(X, y))
        )
        for s in check_seeds(seeds)
    ]
    return check_eta(eta) * float(np.mean(norms))


def merged_inputs(net, X, tol=0.05):
    """Groups of samples that the last hidden layer maps to (nearly) the same point.

    Two samples are merged when their last hidden activations differ by less than tol in
    every unit; the output layer then cannot tell them apart.
    Inputs: net, a Network with a hidden layer; X (m, layers[0]); tol > 0.
    Returns: list of tuples of row indices, a partition of range(m), in order of first row.
    """
    if len(net.layers) < 3:
        raise ValueError(f"net: expected a network with a hidden layer, got layers {net.layers}")
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol > 0:
        raise ValueError(f"tol: expected a number > 0, got {tol!r}")
    hidden = net.forward(X).a[-2]
    groups, left = [], list(range(len(hidden)))
    while left:
        first = left.pop(0)
        group = [first] + [i for i in left if np.abs(hidden[i] - hidden[first]).max() < tol]
        left = [i for i in left if i not in group]
        groups.append(tuple(group))
    return groups


def explain_stuck(net, X, y, tol=0.05):
    """How far a run's outputs are from the mean target of each merged group of samples.

    Both costs are smallest, for samples the output layer cannot tell apart, when ŷ is their
    mean target: a stuck run that has merged 01, 10 and 11 outputs ⅔ for each.
    Inputs: net, X (m, layers[0]), y (m, 1); tol, as for merged_inputs.
    Returns: (groups, gap): merged_inputs(net, X, tol), and max |ŷ − group mean of y|.
    """
    groups = merged_inputs(net, X, tol)
    y = check_array("y", y, net.layers[-1])
    y_hat = net.predict(X)
    gap = max(float(np.abs(y_hat[list(g)] - y[list(g)].mean(axis=0)).max()) for g in groups)
    return groups, gap


def group_names(groups, X):
    """Merged groups written with their inputs, e.g. "00 | 01 10 11". Inputs: groups, X (m, n)."""
    names = ["".join(f"{v:g}" for v in row) for row in np.asarray(X)]
    return " | ".join(" ".join(names[i] for i in g) for g in groups)


def stuck_summary(study, X, y, tol=0.05):
    """How the stuck runs of a study are stuck, counted.

    A stuck run whose outputs are the mean targets of its merged groups (explain_stuck's gap
    below tol) is counted under its groups, e.g. "00 | 01 10 11"; any other is counted as
    "still on a plateau (outputs not yet the group means)".
    Inputs: study, a StallStudy; X, y its data; tol. Returns: Counter {description: runs}.
    """
    counts = Counter()
    for r in study.stuck:
        groups, gap = explain_stuck(study.networks[r], X, y, tol)
        counts[
            group_names(groups, X)
            if gap < tol
            else "still on a plateau (outputs not yet the group means)"
        ] += 1
    return counts
