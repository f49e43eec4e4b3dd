"""Why training is failing, in words: the status line's second half.

`diagnose` looks at the cost history and the network's units and returns a Diagnosis: a kind
("ok", "rising", "oscillating", "chance", "saturated", "dead") and a sentence that says what is
happening and what to try. Divergence (J no longer a finite number) is caught earlier, by the
training loop, and has its own message.
"""

from dataclasses import dataclass

import numpy as np

WINDOW = 50  # epochs looked at to judge the recent trend
MIN_EPOCHS = 20  # fewer epochs than this: too early to say anything
SATURATED = 0.98  # |a| of tanh (or |2σ − 1| of σ) beyond this: σ' or tanh' under 0.04
SATURATED_SHARE = 0.6  # this share of hidden unit-samples saturated: "saturated units"
CHANCE_MARGIN = 0.05  # accuracy within this of the largest class's share: "at chance"
# A step of J smaller than this share of J is standing still, not a change of direction: near
# convergence J moves by round-off, whose sign differs between CPUs (SIMD level, BLAS kernel).
STILL = 1e-7


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


def diagnose(cost, accuracy, y, net, X, eta, noisy=False):
    """What the training run is doing wrong, if anything, and what to try.

    Inputs: cost, J per epoch so far; accuracy, on the training set; y, the labels (m, 1);
    net and X, for the units' activations; eta, the learning rate in use; noisy, True for
    mini-batch training (see cost_trend).
    Returns: a Diagnosis; OK when nothing is wrong or it is too early to tell.
    """
    cost = np.asarray(cost, dtype=float)
    if cost.size < MIN_EPOCHS or not np.all(np.isfinite(cost)):
        return OK
    trend, ratio, flips = cost_trend(cost, noisy=noisy)
    smaller = f"{eta / 3:.2g}"
    if trend == "oscillating":
        return Diagnosis(
            "oscillating",
            f"J is jumping up and down (it changes direction on {100 * flips:.0f}% of the last "
            f"epochs): η = {eta:.3g} is too large, each step overshoots. Try η ≈ {smaller}.",
        )
    if trend == "rising":
        return Diagnosis(
            "rising",
            f"J is rising (×{ratio:.3g} over the last {WINDOW} epochs): η = {eta:.3g} is too "
            f"large. Try η ≈ {smaller}.",
        )
    saturated, dead = saturation(net, X)
    _, counts = np.unique(np.round(y[:, 0]), return_counts=True)
    majority = float(counts.max() / counts.sum())
    at_chance = accuracy <= majority + CHANCE_MARGIN
    if saturated > SATURATED_SHARE:
        return Diagnosis(
            "saturated",
            f"{100 * saturated:.0f}% of the hidden activations sit in the flat tails of "
            f"{net.hidden} (derivative ≈ 0), so δ barely flows back. Try a smaller η "
            f"(≈ {smaller}) or another seed.",
        )
    if dead > 0.5:
        return Diagnosis(
            "dead",
            f"{100 * dead:.0f}% of the ReLU units output 0 on every sample and cannot learn. "
            f"Try a smaller η, another seed, or tanh.",
        )
    if at_chance and cost.size >= 100:
        return Diagnosis(
            "chance",
            f"Stuck at chance: {100 * accuracy:.0f}% correct, what always answering the larger "
            f"class gives ({100 * majority:.0f}%). Try more epochs, more hidden units, "
            f"another seed, or a larger η.",
        )
    return OK
