"""Why training is failing, in words: the status line's second half.

`diagnose` looks at the cost history and the network's units and returns a Diagnosis: a kind
("ok", "rising", "oscillating", "chance", "saturated", "dead") and a sentence that says what is
happening and what to try. Divergence (J no longer a finite number) is caught earlier, by the
training loop, and has its own message.

Advice is measured, never guessed: given the run's settings, `diagnose` retrains from the seed
with each candidate change (a smaller or larger η, another seed, tanh for dead ReLUs), as
many epochs as a retrain trains, and names the first change that reaches a higher training
accuracy than the same retrain without it (by MEASURED_GAIN). Where no candidate helps, the
sentence says what is happening and that the changes tried did not help; a run that already
classifies nearly everything (OK_ACCURACY) with a wobbling J is left alone.
"""

from dataclasses import dataclass, replace

import numpy as np

from ..classes import accuracy as _accuracy
from ..divergence import Diverged
from .building import RETRAIN_WORK, affordable_epochs, build_network
from .settings import ETA_RANGE
from .svg import readable

WINDOW = 50  # epochs looked at to judge the recent trend
MIN_EPOCHS = 20  # fewer epochs than this: too early to say anything
SATURATED = 0.98  # |a| of tanh (or |2σ − 1| of σ) beyond this: σ' or tanh' under 0.04
SATURATED_SHARE = 0.6  # this share of hidden unit-samples saturated: "saturated units"
CHANCE_MARGIN = 0.05  # accuracy within this of the largest class's share: "at chance"
# A step of J smaller than this share of J is standing still, not a change of direction: near
# convergence J moves by round-off, whose sign differs between CPUs (SIMD level, BLAS kernel).
STILL = 1e-7
MEASURED_GAIN = 0.05  # advice must raise the training accuracy by this much when followed
OK_ACCURACY = 0.9  # a wobbling J at this accuracy or more is no failure worth a message
MAX_TRIALS = 6  # retrains one diagnosis may run (each bounded like a retrain, ≈ 0.3 s)


@dataclass(frozen=True)
class Diagnosis:
    kind: str
    text: str

    @property
    def failing(self):
        return self.kind != "ok"


OK = Diagnosis("ok", "")


def cost_trend(cost, window=WINDOW, noisy=False):
    """("rising" | "oscillating" | "falling", ratio, flips) over the last `window` epochs.

    ratio: mean J of the last window over mean J of the window before it (or the first J);
    flips: share of epochs where J changes direction (about 0 for smooth descent, near 1 when
    J zig-zags; steps under STILL × J count as standing still, so round-off never flips).
    Inputs: cost, 1-D array of finite J values, at least 3; noisy, True for
    mini-batch runs, whose J wobbles by design: only jumps beyond J's own size count there.
    """
    cost = np.asarray(cost, dtype=float)
    recent = cost[-window:]
    earlier = cost[-2 * window : -window] if cost.size > window else cost[:1]
    ratio = float(np.mean(recent) / max(np.mean(earlier), 1e-300))
    steps = np.diff(recent)
    scale = max(float(np.median(np.abs(recent))), 1e-300)
    moves = np.where(np.abs(steps) > STILL * scale, np.sign(steps), 0.0)
    flips = float(np.mean(moves[1:] * moves[:-1] < 0)) if steps.size > 1 else 0.0
    spread = float(np.ptp(recent) / scale)
    if flips > 0.3 and spread > (1.0 if noisy else 0.25) and ratio > 0.8:
        return "oscillating", ratio, flips
    if ratio > 1.05:
        return "rising", ratio, flips
    return "falling", ratio, flips


def saturation(net, X):
    """Share of hidden (unit, sample) pairs in the flat tails of tanh or σ, and the share of
    ReLU units that are zero on every sample ("dead"). Returns: (saturated, dead) in [0, 1]."""
    with np.errstate(all="ignore"):
        hidden = net.forward(X).a[1:-1]  # a[l] is (m, layers[l]): no bias column
    if not hidden:
        return 0.0, 0.0
    a = np.concatenate(hidden, axis=1)
    if net.hidden == "tanh":
        return float(np.mean(np.abs(a) > SATURATED)), 0.0
    if net.hidden == "sigmoid":
        return float(np.mean(np.abs(2 * a - 1) > SATURATED)), 0.0
    if net.hidden == "relu":
        return 0.0, float(np.mean(np.all(a <= 0, axis=0)))
    return 0.0, 0.0


_TRIALS = {}  # (settings, data, changes) -> (accuracy, J) or None: a retrain is deterministic


def trial(settings, X, y, **changes):
    """Train a fresh run as a retrain would, with some settings changed: from the seed,
    settings.epochs epochs (bounded like a retrain), full batch or the settings' mini-batches.

    Inputs: settings, a playground Settings; X, y, the training points; changes, Settings
    fields. Returns: (training accuracy, final J), or None if training diverged.
    """
    changed = replace(settings, **changes)
    key = (changed, X.tobytes(), y.tobytes(), X.shape)
    if key not in _TRIALS:
        net = build_network(changed, X.shape[1])
        batch = changed.batch if 0 < changed.batch < len(X) else 0
        epochs = min(changed.epochs, affordable_epochs(net.layers, len(X), RETRAIN_WORK, batch))
        try:
            with np.errstate(all="ignore"):
                net.fit(X, y, eta=changed.eta, epochs=epochs, batch_size=batch or None,
                        shuffle_seed=changed.seed)  # fmt: skip
                result = (_accuracy(net, X, y), float(net.cost(X, y)))
        except (Diverged, FloatingPointError):
            result = None
        if len(_TRIALS) > 256:
            _TRIALS.clear()
        _TRIALS[key] = result if result is None or np.isfinite(result[1]) else None
    return _TRIALS[key]


def _etas(eta, factors):
    """eta times each factor, to 2 significant digits, inside the slider's range, unique."""
    out = []
    for f in factors:
        e = float(f"{eta * f:.2g}")
        if ETA_RANGE[0] <= e <= ETA_RANGE[1] and e != eta and e not in out:
            out.append(e)
    return out


def _candidates(kind, settings):
    eta, seed = settings.eta, settings.seed
    smaller = [dict(eta=e) for e in _etas(eta, (1 / 3, 1 / 10, 1 / 30, 1 / 100))]
    larger = [dict(eta=e) for e in _etas(eta, (3, 10))]
    seeds = [dict(seed=seed + k) for k in (1, 2)]
    if kind in ("oscillating", "rising"):
        return smaller
    if kind == "saturated":
        return smaller + seeds
    if kind == "dead":
        return smaller + [dict(hidden="tanh")] + seeds
    return larger + smaller + seeds  # chance


def _describe(changes):
    ((name, value),) = changes.items()
    return {"eta": f"η ≈ {readable(value)}", "seed": f"seed {value}", "hidden": value}[name]


def measured_advice(kind, settings, X, y):
    """The first candidate change that, followed, trains better: (sentence, changes) or None.

    Better: a retrain with the change reaches at least MEASURED_GAIN more training accuracy
    than the same retrain without it. At most MAX_TRIALS retrains.
    """
    base = trial(settings, X, y)
    base_accuracy = 0.0 if base is None else base[0]
    for changes in _candidates(kind, settings)[: MAX_TRIALS - 1]:
        result = trial(settings, X, y, **changes)
        if result is not None and result[0] >= base_accuracy + MEASURED_GAIN:
            return (
                f"Try {_describe(changes)}: retrained from the seed, it reaches "
                f"{100 * result[0]:.0f}% in {settings.epochs} epochs (this run's retrain: "
                f"{100 * base_accuracy:.0f}%).",
                changes,
            )
    return None


def _tried(kind, settings):
    changes = _candidates(kind, settings)[: MAX_TRIALS - 1]
    names = ", ".join(_describe(c) for c in changes)
    return f"None of {names} did better in {settings.epochs} epochs." if changes else ""


def diagnose(cost, accuracy, y, net, X, eta, noisy=False, settings=None):
    """What the training run is doing wrong, if anything, and what to try.

    Inputs: cost, J per epoch so far; accuracy, on the training set; y, the labels (m, 1);
    net and X, for the units' activations; eta, the learning rate in use; noisy, True for
    mini-batch training (see cost_trend); settings, the playground Settings of the run: with
    them the advice is measured (see measured_advice), without them none is given.
    Returns: a Diagnosis; OK when nothing is wrong or it is too early to tell.
    """
    cost = np.asarray(cost, dtype=float)
    if cost.size < MIN_EPOCHS or not np.all(np.isfinite(cost)):
        return OK
    trend, ratio, flips = cost_trend(cost, noisy=noisy)
    saturated, dead = saturation(net, X)
    _, counts = np.unique(np.round(y[:, 0]), return_counts=True)
    majority = float(counts.max() / counts.sum())
    at_chance = accuracy <= majority + CHANCE_MARGIN
    if trend == "oscillating":
        kind = "oscillating"
        text = (
            f"J is jumping up and down (it changes direction on {100 * flips:.0f}% of the last "
            f"epochs): with η = {eta:.3g} the steps overshoot."
        )
    elif trend == "rising":
        kind = "rising"
        text = (
            f"J is rising (×{ratio:.3g} over the last {WINDOW} epochs): η = {eta:.3g} overshoots."
        )
    elif saturated > SATURATED_SHARE:
        kind = "saturated"
        text = (
            f"{100 * saturated:.0f}% of the hidden activations sit in the flat tails of "
            f"{net.hidden} (derivative ≈ 0), so δ barely flows back."
        )
    elif dead > 0.5:
        kind = "dead"
        text = f"{100 * dead:.0f}% of the ReLU units output 0 on every sample and cannot learn."
    elif at_chance and cost.size >= 100:
        kind = "chance"
        text = (
            f"Stuck at chance: {100 * accuracy:.0f}% correct, what always answering the larger "
            f"class gives ({100 * majority:.0f}%)."
        )
    else:
        return OK
    if settings is None:
        return Diagnosis(kind, text)
    advice = measured_advice(kind, settings, X, y)
    if advice is not None:
        return Diagnosis(kind, f"{text} {advice[0]}")
    if kind in ("oscillating", "rising") and accuracy >= OK_ACCURACY:
        return OK  # J wobbles, but the run classifies well and no smaller η does better
    return Diagnosis(kind, f"{text} {_tried(kind, settings)}".strip())
