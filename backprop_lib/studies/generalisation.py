"""Measured on data the network did not train on: learning curves, early stopping, the
confusion matrix, and the epochs a training rule needs to reach a validation accuracy.

Training here is Network.fit's loop (descent.Descent) with the held-out set looked at once per
epoch, before that epoch's updates, and once after the last one: the numbers are those of the
parameters fit would hold at that point.
"""

from collections import namedtuple

import numpy as np

from ..activations import ACTIVATIONS, OUTPUT_ONLY
from ..architecture import check_thetas
from ..descent import Descent
from ..losses import LOSSES, reduction_scale
from ..network import Network
from ..optimisers import check_rule
from ..validation import (
    check_array,
    check_batch_size,
    check_epochs,
    check_eta,
    check_seed,
    check_seeds,
    shown,
)

Curves = namedtuple(
    "Curves",
    ["train_cost", "train_accuracy", "val_cost", "val_accuracy", "best_epoch", "best_thetas"],
)
Curves.__doc__ = """What train_with_validation returns, one entry per epoch boundary.

train_cost, train_accuracy, val_cost, val_accuracy: (epochs + 1,) for one network or
(R, epochs + 1) for R; entry e is measured after e epochs (entry 0 at the start). The costs
are the data term of J (without an L2 penalty), with the network's reduction. best_epoch: the
epoch of the lowest validation cost (early stopping's choice; an int, or (R,) ints);
best_thetas: the parameters then (a list of Θ, or R lists).
"""


def _outputs(net, thetas, X):
    """z^(L) and ŷ for X under thetas, a list of Θ (one net) or of stacked (R, …) Θ.

    Returns: z, y_hat, each (…, m, K): eq. (6) with a leading runs axis where there is one.
    """
    a = X
    for l, theta in enumerate(thetas):
        z = a @ np.swapaxes(theta[..., 1:], -1, -2) + theta[..., None, :, 0]
        name = net.output if l == len(thetas) - 1 else net.hidden
        a = OUTPUT_ONLY[name](z) if name in OUTPUT_ONLY else ACTIVATIONS[name][0](z)
    return z, a


def _scores(net, thetas, X, y):
    """(data cost, accuracy) of X, y (one-hot for "ce") under thetas; arrays over runs."""
    with np.errstate(all="ignore"):
        z, y_hat = _outputs(net, thetas, X)
        cost_of, scale = LOSSES[net.loss][0], reduction_scale(net.reduction, len(X))
        if y_hat.ndim == 2:
            cost = scale * cost_of(y_hat, y, z)
        else:
            cost = np.array([scale * cost_of(a, y, z_r) for a, z_r in zip(y_hat, z)])
    right = np.argmax(y_hat, axis=-1) == np.argmax(y, axis=-1)
    return cost, right.mean(axis=-1)


def _train(net, thetas, train, val, eta, epochs, batch_size, shuffle_seed, rule):
    """Descent over train with train and val scored at every epoch boundary; see below."""
    X, y = net.check_data(*train)
    X_val, y_val = net.check_data(*val)
    eta, epochs = check_eta(eta), check_epochs(epochs)
    batch_size = check_batch_size(batch_size)
    order = check_seed(shuffle_seed, "shuffle_seed", allow_none=False)
    descent = Descent(net, thetas, X, y)
    scores = []

    def watch(epoch, y_hat):
        current = [t.copy() for t in descent.T]
        scores.append((_scores(net, current, X, y), _scores(net, current, X_val, y_val), current))

    run = descent.run(
        eta, epochs, freeze=True, watch=watch, batch_size=batch_size, order=order, rule=rule
    )
    if run.diverged:
        ((_, (epoch, cause)), *_) = run.diverged.items()
        raise FloatingPointError(
            f"training diverged at epoch {epoch} with eta={eta:.6g}: {cause}. "
            "Try a smaller eta (learning rate)."
        )
    watch(epochs, None)
    train_cost, train_accuracy = (np.array([s[0][i] for s in scores]) for i in (0, 1))
    val_cost, val_accuracy = (np.array([s[1][i] for s in scores]) for i in (0, 1))
    moved = lambda v: np.moveaxis(v, 0, -1)  # noqa: E731  (epochs last)
    best = np.argmin(moved(val_cost), axis=-1)
    return (
        descent,
        [moved(v) for v in (train_cost, train_accuracy, val_cost, val_accuracy)],
        (
            best,
            scores,
        ),
    )


def train_with_validation(
    net, train, val, eta, epochs, batch_size=None, shuffle_seed=0, momentum=0.0, optimizer="sgd"
):
    """Network.fit on train, scoring train and val at every epoch boundary.

    Inputs: net, a Network (trained in place, as fit would); train, val, (X, y) pairs as the
      loss expects; eta, epochs, batch_size, shuffle_seed, momentum, optimizer as for fit.
    Returns: Curves (one network).
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a Network, got {shown(net)}")
    rule = check_rule(momentum, optimizer)
    descent, curves, (best, scores) = _train(
        net,
        check_thetas(net.thetas, net.layers),
        train,
        val,
        eta,
        epochs,
        batch_size,
        shuffle_seed,
        rule,
    )
    net.thetas = descent.thetas()
    best = int(best)
    return Curves(*curves, best, [t.copy() for t in scores[best][2]])


def train_seeds_with_validation(
    layers,
    train,
    val,
    *,
    eta,
    epochs,
    seeds,
    batch_size=None,
    shuffle_seed=0,
    momentum=0.0,
    optimizer="sgd",
    **settings,
):
    """train_with_validation for one network per seed, all trained at once (stacked Θ).

    Inputs: layers and settings (hidden, output, loss, init, reduction, l2) as for Network;
      seeds, a list of ints ≥ 0; the rest as for train_with_validation. Every run sees the
      same mini-batches; only the initial Θ differs.
    Returns: Curves with a leading runs axis.
    """
    seeds = check_seeds(seeds)
    rule = check_rule(momentum, optimizer)
    nets = [Network(layers, seed=s, **settings) for s in seeds]
    stacked = [np.stack(ts) for ts in zip(*(n.thetas for n in nets))]
    descent, curves, (best, scores) = _train(
        nets[0], stacked, train, val, eta, epochs, batch_size, shuffle_seed, rule
    )
    best_thetas = [[t[r].copy() for t in scores[b][2]] for r, b in enumerate(best)]
    return Curves(*curves, best, best_thetas)


def epochs_to(accuracy, target):
    """The first epoch at which accuracy (epochs + 1,) reaches target, or None if it never does.

    Inputs: accuracy, a curve as in Curves (or (R, epochs + 1): one answer per run, with
    None for a run that never gets there). Returns: int or None (or a list of them).
    """
    accuracy = np.asarray(accuracy)
    if accuracy.ndim == 2:
        return [epochs_to(row, target) for row in accuracy]
    reached = np.flatnonzero(accuracy >= target)
    return int(reached[0]) if len(reached) else None


def confusion_matrix(net, X, labels):
    """Counts C[t, p]: how many rows of class t the network puts in class p.

    Inputs: net, a Network with K ≥ 2 outputs; X (m, layers[0]); labels (m,) or (m, 1) class
    indices. Returns: (K, K) int array; its diagonal holds the right answers.
    """
    labels = check_array("labels", labels, 1)[:, 0].astype(int)
    K = net.layers[-1]
    predicted = np.argmax(net.predict(X), axis=1)
    counts = np.zeros((K, K), dtype=int)
    np.add.at(counts, (labels, predicted), 1)
    return counts
