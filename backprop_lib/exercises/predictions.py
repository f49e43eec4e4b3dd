"""Checker for notebook 06's predict-then-run exercise: commit to what a run will show, then run it.

The student writes two predictions before the checker's cell runs; the checker then runs the
measurements itself and compares: which layer of a deep sigmoid network gets the smallest
gradient at the start, and what ten times the learning rate does to a training run's final J.
"""

import numpy as np

from ..data import xor
from ..network import Network
from ..studies.diagnostics import layer_gradient_norms
from . import CheckResult, not_answered, report
from .answers import attempt, read_number, shown

DEEP_LAYERS = [2, 4, 4, 4, 4, 1]  # five Θ: the smallest-gradient question
DEEP_SEED = 0
RUN = dict(layers=[2, 3, 1], seed=0, eta=0.5, epochs=1000)  # the 10 × η question
OUTCOMES = ("lower", "higher", "diverges")  # J at the end of the 10 × η run, against the 1 × run


def smallest_gradient_layer():
    """The article's l of the Θ^(l) with the smallest ‖∂J/∂Θ‖ at the start. Returns: int."""
    X, y = xor()
    net = Network(DEEP_LAYERS, hidden="sigmoid", output="sigmoid", loss="bce", seed=DEEP_SEED)
    return int(np.argmin(layer_gradient_norms(net, X, y))) + 1


def ten_times_eta_outcome():
    """What 10 × RUN's η does to J after RUN's epochs: one of OUTCOMES."""
    X, y = xor()
    final = {}
    for factor in (1, 10):
        net = Network(
            RUN["layers"], hidden="sigmoid", output="sigmoid", loss="bce", seed=RUN["seed"]
        )
        _, error = attempt(net.fit, X, y, RUN["eta"] * factor, RUN["epochs"])
        J = float(net.cost(X, y)) if error is None else float("nan")
        final[factor] = J
    if not np.isfinite(final[10]):
        return "diverges"
    return "lower" if final[10] < final[1] else "higher"


def check_predictions(smallest_layer, ten_times_eta):
    """The predictions, compared with the runs (which the checker makes after reading them).

    Inputs: smallest_layer, the l of Θ^(l) (1 to 5, the article's numbering) whose gradient you
    predict smallest at the start of a [2, 4, 4, 4, 4, 1] sigmoid network on XOR;
    ten_times_eta, what η = 5 instead of 0.5 does to J after 1000 epochs of a [2, 3, 1] network:
    "lower", "higher" or "diverges". Returns: CheckResult, one line per prediction.
    """
    if smallest_layer is None or ten_times_eta is None:
        return not_answered(
            "both predictions: a layer number 1-5 and 'lower', 'higher' or 'diverges'"
        )
    layer = read_number(smallest_layer, "smallest_layer", "a layer number, 1 to 5")
    if isinstance(layer, CheckResult):
        return layer
    if layer not in range(1, len(DEEP_LAYERS)):
        return CheckResult(
            False,
            f"smallest_layer: expected 1 to {len(DEEP_LAYERS) - 1}, got {shown(smallest_layer)}",
        )
    outcome = str(ten_times_eta).strip().lower()
    if outcome not in OUTCOMES:
        return CheckResult(
            False,
            f"ten_times_eta: expected one of {', '.join(OUTCOMES)}, got {shown(ten_times_eta)}",
        )
    measured = smallest_gradient_layer()
    happened = ten_times_eta_outcome()
    first = f"smallest gradient: you said Θ^({int(layer)}), the run shows Θ^({measured})"
    if measured == 1:
        first += ": δ loses a factor σ' ≤ ¼ per layer on its way back (eq. 16)"
    second = f"10 × η: you said J ends {outcome}, the run shows it ends {happened}"
    if happened == "higher":
        second += " than at η = 0.5 after the same 1000 epochs"
    return report([(int(layer) == measured, first), (outcome == happened, second)])
