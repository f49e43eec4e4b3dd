"""The playground's settings: what each control may hold, and one check that names the bad one.

A `Settings` is every value the controls set. `check_settings` raises a short message naming
the first setting that is wrong; the playground turns it into a line under the status bar.
Settings are compared by type and value, so an array that merely compares equal to a valid
string (np.array(["tanh"]) == "tanh") is refused like any other wrong type.
"""

import numbers
import re
from dataclasses import dataclass

import numpy as np

from ..activations import ACTIVATIONS
from ..data import DATASETS as _LIBRARY_DATASETS
from ..losses import REDUCTIONS
from ..validation import shown

# pairing name -> (output activation, loss): the three of the article's "Activation Function"
PAIRINGS = {
    "linear+mse": ("linear", "mse"),
    "sigmoid+mse": ("sigmoid", "mse"),
    "sigmoid+bce": ("sigmoid", "bce"),
    "softmax+ce": ("softmax", "ce"),  # K output units, one per class: any number of classes
}
# the playground's data sets: the library's two-class ones and the 3-armed spiral
DATASETS = (*_LIBRARY_DATASETS, "spiral3")
CLASSES = {"spiral3": 3}  # every other data set has 2 classes
MULTI_CLASS_PAIRINGS = ("softmax+ce",)
HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)
MAX_HIDDEN_LAYERS = 6
MAX_UNITS = 16
MAX_EPOCHS = 20_000  # per retrain; Play may go on past it, up to MAX_PLAY_EPOCHS
MAX_PLAY_EPOCHS = 200_000
ETA_RANGE = (1e-3, 10.0)
N_RANGE = (4, 1000)

# J is summed over the m samples, so the step η ∂J/∂Θ grows with m: the default η is a rate
# per sample divided by m. Measured (benchmarks/README.md, tests/test_playground.py): these
# train XOR, circles, moons and spiral at their defaults without diverging or stalling, with a
# margin to the diagnosis's thresholds on every CPU: softmax+ce at 1.0 (η 0.005 on 200 points)
# sat on the edge of stability on the spiral and was judged "oscillating" on one SIMD level
# and not on another; at 0.6 the moons' J oscillated with NumPy at its baseline SIMD level and
# OpenBLAS's SkylakeX kernels, and at 0.4 or less the spiral ends below 70 % accuracy. At 0.5, in
# all 13 environments of tools/fp_matrix.py, the moons' J stays smooth (spread ≤ 0.078 of J over
# the last 50 epochs) and the spiral ends at 74–78 %.
ETA_TIMES_SAMPLES = {"sigmoid+bce": 2.0, "sigmoid+mse": 2.0, "linear+mse": 0.6, "softmax+ce": 0.5}

# What each data set starts from: choosing a data set applies its row. η·m is the data set's η
# times its samples for this network (η = η·m / m; under the mean cost, times the samples of a
# batch: see default_eta); other networks on the data keep ETA_TIMES_SAMPLES. Chosen by
# benchmarks/sweep_playground_defaults.py from 64 candidates each: trained for the 3000 epochs a
# presenter lets Play run, from seed 0, each reaches at least 95 % training accuracy and the
# diagnosis warns at none of the 100-epoch checkpoints, nor at a neighbouring η·m (×2 or ÷2), a
# margin against other CPUs' round-off (tests/test_playground_defaults.py). The 3-class spiral
# needs mini-batches: with the full batch every candidate that fits warns that J oscillates late
# in training.
_FULL = dict(reduction="sum", batch=0)
DATASET_DEFAULTS = {
    "xor": dict(layers="4, 4", hidden="tanh", pairing="sigmoid+bce", eta_m=2.0, **_FULL),
    "circles": dict(layers="8, 8", hidden="relu", pairing="sigmoid+bce", eta_m=0.5, **_FULL),
    "moons": dict(layers="16, 16, 16", hidden="relu", pairing="sigmoid+bce", eta_m=0.5, **_FULL),
    "spiral": dict(layers="16, 16", hidden="tanh", pairing="sigmoid+bce", eta_m=0.5, **_FULL),
    "spiral3": dict(
        layers="16, 16", hidden="tanh", pairing="softmax+ce", eta_m=1.0, reduction="mean", batch=20
    ),
}
DEFAULTS_APPLIED = ("layers", "hidden", "pairing", "reduction", "batch")  # and η, from eta_m


def classes(dataset):
    """How many classes a data set has (its network's output units with softmax+ce)."""
    return CLASSES.get(dataset, 2) if _is_text(dataset) else 2


def is_whole(value):
    """Whether value is a whole number of any integer type (int, NumPy's...), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _is_real(value):
    """Whether value is a real number of any type (int, float, NumPy's...), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def samples(dataset, n):
    """How many training rows the data set has: XOR is always the article's 4."""
    return 4 if dataset == "xor" else n


def eta_times_samples(dataset, pairing, layers=None, hidden=None):
    """η·m, the summed cost's η times the samples: the data set's own (DATASET_DEFAULTS) when
    pairing, layers and hidden are its defaults, else the pairing's (ETA_TIMES_SAMPLES)."""
    own = DATASET_DEFAULTS.get(dataset, {})
    if (own.get("pairing"), own.get("layers"), own.get("hidden")) == (pairing, layers, hidden):
        return own["eta_m"]
    return ETA_TIMES_SAMPLES[pairing]


ETA_MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)  # the η slider's values per decade


def eta_grid(low=ETA_RANGE[0], high=ETA_RANGE[1]):
    """The round η values from low to high: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times 10^k.

    Returns: tuple of floats, increasing; each is float("<mantissa>e<k>"), the same float as
    the same number written any other way (0.5 == float("5e-1")).
    """
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    values = (float(f"{m}e{k}") for k in range(first, last + 1) for m in ETA_MANTISSAS)
    return tuple(v for v in values if low <= v <= high)


def default_eta(
    dataset="xor", n=200, pairing="sigmoid+bce", reduction="sum", batch=0, layers=None, hidden=None
):
    """The learning rate the playground starts from for this data set, size, pairing and cost.

    With reduction "sum" (J summed over the samples) it is η·m / m, m the number of samples and
    η·m from eta_times_samples: the data set's own for its default network (pairing, layers and
    hidden as in DATASET_DEFAULTS), else the pairing's; with "mean" (J / m, or J / b over a
    mini-batch of b samples) it is that
    times the samples one update averages over, so that every update takes the same step.
    Kept inside ETA_RANGE and rounded to the nearest value of the η slider's grid (eta_grid,
    nearest by ratio). E.g. 0.5 for XOR with sigmoid+bce, 0.01 for
    200 points, 2 for the mean over them. A setting it cannot use raises, naming it.
    """
    _check_choice("dataset", dataset, DATASETS)
    _check_choice("pairing", pairing, tuple(PAIRINGS))
    _check_choice("reduction", reduction, REDUCTIONS)
    _check_whole("n", n, *N_RANGE)
    _check_whole("batch", batch, 0, N_RANGE[1])
    m = samples(dataset, n)
    per_update = batch if 0 < batch < m else m
    rate = eta_times_samples(dataset, pairing, layers, hidden)
    eta = float(np.clip(rate / m * (per_update if reduction == "mean" else 1), *ETA_RANGE))
    grid = np.array(eta_grid())
    return float(grid[np.argmin(np.abs(np.log(grid / eta)))])  # the nearest on the slider


@dataclass(frozen=True)
class Settings:
    """Everything the playground's controls set. The defaults train XOR in about 20 ms.

    eta None means default_eta(dataset, n, pairing). layers is the text of the hidden layer
    sizes, e.g. "4, 4" (see parse_layers); chunk is the number of epochs one Step (or one frame
    of Play) trains; sample is the training row whose backward pass is drawn; n and noise apply
    to the generated data sets, not XOR.
    """

    eta: float = None
    layers: str = "4, 4"
    hidden: str = "tanh"
    pairing: str = "sigmoid+bce"
    epochs: int = 500
    seed: int = 0
    dataset: str = "xor"
    noise: float = 0.1
    n: int = 200
    chunk: int = 25
    sample: int = 1
    reduction: str = "sum"
    batch: int = 0

    def __post_init__(self):
        # Every integer type is one int from here on (NumPy's uint64 would wrap in arithmetic
        # such as -(-m // batch)); other types stay as given, for check_settings to name.
        for name in ("epochs", "seed", "n", "chunk", "sample", "batch"):
            if is_whole(getattr(self, name)):
                object.__setattr__(self, name, int(getattr(self, name)))
        if self.eta is None:  # a bad dataset, n or pairing is reported by check_settings
            dataset = self.dataset if _is_text(self.dataset) and self.dataset in DATASETS else "xor"
            pairing = self.pairing if _is_text(self.pairing) and self.pairing in PAIRINGS else None
            n = self.n if is_whole(self.n) and N_RANGE[0] <= self.n <= N_RANGE[1] else 200
            reduction = self.reduction if _is_text(self.reduction) else "sum"
            reduction = reduction if reduction in REDUCTIONS else "sum"
            batch = self.batch if is_whole(self.batch) and 0 <= self.batch <= N_RANGE[1] else 0
            eta = default_eta(
                dataset, n, pairing or "sigmoid+bce", reduction, batch, self.layers, self.hidden
            )
            object.__setattr__(self, "eta", eta)


def _is_text(value):
    return isinstance(value, str)


def dataset_defaults(dataset):
    """The settings choosing this data set applies: hidden layers, activation, pairing, cost.

    Inputs: dataset, one of DATASETS. Returns: dict of Settings fields (η follows from
    default_eta). E.g. dataset_defaults("xor")["layers"] == "4, 4".
    """
    _check_choice("dataset", dataset, DATASETS)
    return {name: DATASET_DEFAULTS[dataset][name] for name in DEFAULTS_APPLIED}


def defaults_for(dataset, **others):
    """The Settings a data set starts from: its defaults, its default η, and any others given.

    E.g. defaults_for("spiral3").pairing == "softmax+ce". Raises ValueError naming a bad dataset.
    """
    return Settings(**{"dataset": dataset, **dataset_defaults(dataset), **others})


def parse_layers(text):
    """Hidden layer sizes from text such as "4, 4" or "8 3"; "" means no hidden layer.

    Inputs: text, whole numbers separated by commas and/or spaces.
    Returns: tuple of ints. Raises ValueError with a message a student can act on.
    """
    if not isinstance(text, str):
        raise TypeError(f"layers: expected text such as '4, 4', got {shown(text)}")
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if len(parts) > MAX_HIDDEN_LAYERS:
        raise ValueError(
            f"Layer sizes: at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(parts)}."
        )
    sizes = []
    for part in parts:
        if not re.fullmatch(r"[+-]?\d+", part):
            raise ValueError(
                f"Layer sizes: {shown(part)} is not a whole number. Write the hidden layer "
                f"sizes separated by commas, e.g. 4, 4"
            )
        digits = part.lstrip("+-").lstrip("0")  # never int() on thousands of digits
        sign = -1 if part[0] == "-" else 1
        size = sign * (int(digits or "0") if len(digits) <= 6 else 10**6)
        if size < 1:
            raise ValueError(f"Layer sizes: every hidden layer needs at least 1 unit, got {size}.")
        if size > MAX_UNITS:
            given = size if len(digits) <= 6 else f"a number of {len(digits)} digits"
            raise ValueError(
                f"Layer sizes: at most {MAX_UNITS} units per layer keeps the playground quick, "
                f"got {given}."
            )
        sizes.append(size)
    return tuple(sizes)


def _check_choice(name, value, options):
    if not _is_text(value) or value not in options:
        raise ValueError(f"{name}: expected one of {', '.join(options)}; got {shown(value)}")


def _check_whole(name, value, lo, hi):
    if not is_whole(value):
        raise TypeError(f"{name}: expected a whole number from {lo} to {hi}, got {shown(value)}")
    if not lo <= value <= hi:
        raise ValueError(f"{name}: expected a whole number from {lo} to {hi}, got {shown(value)}")


def _finite(value):
    """Whether a real number is finite (a huge int, too big for a float, is not)."""
    try:
        return bool(np.isfinite(float(value)))
    except OverflowError:
        return False


def _check_real(name, label, value, lo, hi):
    if not _is_real(value):
        raise TypeError(f"{name}: expected a number, got {shown(value)}")
    if not _finite(value) or not lo <= value <= hi:
        raise ValueError(f"{label}: expected a number from {lo:g} to {hi:g}, got {shown(value)}")


def check_settings(settings):
    """Raise ValueError/TypeError naming the first setting that is out of range.

    Inputs: settings, a Settings. Returns: the hidden layer sizes, parsed.
    """
    if not isinstance(settings, Settings):
        raise TypeError(f"settings: expected a Settings, got {type(settings).__name__}")
    eta = settings.eta
    if not _is_real(eta):
        raise TypeError(f"eta: expected a number, got {shown(eta)}")
    if not _finite(eta) or not ETA_RANGE[0] <= eta <= ETA_RANGE[1]:
        raise ValueError(
            f"η: expected a learning rate from {ETA_RANGE[0]:g} to {ETA_RANGE[1]:g}, "
            f"got {shown(eta)}"
        )
    _check_choice("hidden", settings.hidden, HIDDEN_ACTIVATIONS)
    _check_choice("pairing", settings.pairing, tuple(PAIRINGS))
    _check_choice("dataset", settings.dataset, tuple(DATASETS))
    _check_whole("epochs", settings.epochs, 0, MAX_EPOCHS)
    _check_whole("seed", settings.seed, 0, 2**32 - 1)
    _check_whole("chunk", settings.chunk, 1, MAX_EPOCHS)
    _check_whole("n", settings.n, *N_RANGE)
    _check_whole("sample", settings.sample, 0, 10**6)
    _check_real("noise", "noise", settings.noise, 0.0, 1.0)
    if classes(settings.dataset) > 2 and settings.pairing not in MULTI_CLASS_PAIRINGS:
        raise ValueError(
            f"pairing: {settings.dataset} has {classes(settings.dataset)} classes, and "
            f"{settings.pairing} gives one output for two; choose softmax+ce"
        )
    _check_choice("reduction", settings.reduction, REDUCTIONS)
    _check_whole("batch", settings.batch, 0, N_RANGE[1])
    return parse_layers(settings.layers)
