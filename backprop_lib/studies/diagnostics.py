"""How fast a Network learns: per-layer gradient sizes and epochs needed to solve a task.

The gradient of layer l is δ^(l+1) times [1, a^(l)] (eq. 17 without −η), and δ^(l) carries one
factor f'(z^(l)) per layer it passed (eq. 16); with σ'(z) ≤ 1/4 (eq. 5) those factors make the
early layers' gradients of a deep sigmoid network small. These functions measure that, and the
learning speed of output/cost pairings, using Network.gradients, Network.deltas and Network.fit,
and the stall study's first-solve measurement (stall.first_solves).
Layers are counted as in Network: entry l of a result belongs to thetas[l].
"""

import numbers
from dataclasses import dataclass

import numpy as np

from ..network import Network
from ..validation import check_epochs, check_eta, check_int
from .stall import first_solves


def _check_network(net):
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a backprop_lib Network, got {type(net).__name__}")
    return net


def _check_tolerance(tolerance):
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real):
        raise TypeError(f"tolerance: expected a number in (0, 1], got {tolerance!r}")
    if not 0 < tolerance <= 1:
        raise ValueError(f"tolerance: expected a number in (0, 1], got {tolerance!r}")
    return float(tolerance)


def layer_gradient_norms(net, X, y):
    """‖∂J/∂Θ^(l)‖ for every layer (Frobenius norm, bias column included), eq. (17) without −η.

    Inputs: net, a Network; X (m, layers[0]); y (m, layers[-1]).
    Returns: (len(thetas),) array; entry l is the norm of the gradient of thetas[l].
    """
    return np.array([np.linalg.norm(g) for g in _check_network(net).gradients(X, y)])


def layer_delta_norms(net, X, y):
    """‖δ^(l)‖ of every non-input layer (Frobenius over samples and units), eq. (13).

    Inputs: net, a Network; X (m, layers[0]); y (m, layers[-1]).
    Returns: (len(thetas),) array; entry l is the norm of the δ of the layer thetas[l] feeds,
    i.e. of deltas[l + 1].
    """
    return np.array([np.linalg.norm(d) for d in _check_network(net).deltas(X, y)[1:]])


@dataclass(frozen=True)
class GradientTrace:
    """Per-layer gradient norms recorded along training.

    epochs: (k,) the epochs at which the norms were measured (0 = before any update).
    norms:  (k, len(thetas)); norms[i, l] is ‖∂J/∂Θ^(l)‖ at epochs[i].
    cost:   (total epochs,) J at the start of every epoch, as History.cost.
    """

    epochs: np.ndarray
    norms: np.ndarray
    cost: np.ndarray


def trace_gradient_norms(net, X, y, eta, epochs, every):
    """Train `net` with Network.fit for `epochs` epochs, measuring layer_gradient_norms as it goes.

    The norms are taken at epoch 0 and after every `every` epochs (and at the end). `net` is
    trained in place, exactly as one fit(X, y, eta, epochs) call would train it.
    Inputs: net, X, y; eta > 0; epochs ≥ 0; every ≥ 1.
    Returns: GradientTrace.
    """
    _check_network(net)
    eta, epochs = check_eta(eta), check_epochs(epochs)
    every = check_int("every", every, 1)
    marks, norms, costs = [0], [layer_gradient_norms(net, X, y)], []
    done = 0
    while done < epochs:
        step = min(every, epochs - done)
        costs.append(net.fit(X, y, eta=eta, epochs=step).cost)
        done += step
        marks.append(done)
        norms.append(layer_gradient_norms(net, X, y))
    cost = np.concatenate(costs) if costs else np.empty(0)
    return GradientTrace(epochs=np.array(marks), norms=np.array(norms), cost=cost)


@dataclass(frozen=True)
class LearningSpeed:
    """Epochs to solve a task, one entry per seed (None: not solved within max_epochs)."""

    seeds: tuple
    epochs: tuple
    max_epochs: int

    @property
    def solved(self):
        """The epoch counts of the runs that solved the task. Returns: int array."""
        return np.array([e for e in self.epochs if e is not None], dtype=int)

    @property
    def fraction_solved(self):
        """The fraction of seeds whose run solved the task. Returns: float in [0, 1]."""
        return len(self.solved) / len(self.epochs)

    @property
    def capped(self):
        """Every run's epoch count, max_epochs standing in for an unsolved run. Returns: int array.

        Its median is the true median when most runs solved, and a lower bound otherwise.
        """
        return np.array([self.max_epochs if e is None else e for e in self.epochs], dtype=int)

    @property
    def median_epochs(self):
        """The median epoch count over the solved runs, or None if none solved. Returns: float."""
        solved = self.solved
        return float(np.median(solved)) if solved.size else None


def learning_speed(
    X,
    y,
    layers,
    seeds,
    eta,
    max_epochs,
    hidden="sigmoid",
    output="sigmoid",
    loss="mse",
    init="glorot",
    check_every=10,
    tolerance=0.5,
    output_bias=None,
):
    """How many epochs a fresh Network(layers, hidden, output, loss, seed, init) per seed needs
    to solve the task: every output within `tolerance` of its target (stall.first_solves, the
    measurement of the stall study), looked at every check_every epochs and after the last.

    Inputs: X, y, the task; layers, hidden, output, loss, init as for Network; seeds, a
    non-empty sequence of ints; eta > 0; max_epochs ≥ 0; check_every ≥ 1; tolerance in
    (0, 1]; output_bias, None or a number: if given, every output unit's bias weight (column 0
    of thetas[-1]) starts at that value, e.g. a large one for a saturated start, ŷ ≈ σ(b).
    Returns: LearningSpeed with one epoch count (or None) per seed, in the order of `seeds`.
    """
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__len__") or len(seeds) == 0:
        raise ValueError(f"seeds: expected a non-empty list of integers, got {seeds!r}")
    for i, seed in enumerate(seeds):
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise TypeError(f"seeds[{i}]: expected an integer, got {seed!r}")
    if output_bias is not None:
        if isinstance(output_bias, bool) or not isinstance(output_bias, numbers.Real):
            raise TypeError(f"output_bias: expected None or a number, got {output_bias!r}")
        if not np.isfinite(output_bias):
            raise ValueError(f"output_bias: expected a finite number, got {output_bias!r}")
    max_epochs = check_epochs(max_epochs)
    check_every = check_int("check_every", check_every, 1)
    tolerance = _check_tolerance(tolerance)
    settings = dict(hidden=hidden, output=output, loss=loss, init=init)
    networks = [Network(layers, seed=int(seed), **settings) for seed in seeds]
    for net in networks:
        if output_bias is not None:
            net.thetas[-1][:, 0] = output_bias
    first = first_solves(
        networks, X, y, eta=eta, epochs=max_epochs, margin=tolerance, every=check_every
    )
    epochs = [None if e < 0 else int(e) for e in first]
    return LearningSpeed(
        seeds=tuple(int(s) for s in seeds), epochs=tuple(epochs), max_epochs=max_epochs
    )
