"""Argument checks shared by the library: each names the parameter and what was expected.

Scalars (η, epochs, seeds, choices) and arrays (X, y) are checked here, and the limits on one
call are set here; a network's own shape and size are checked in architecture.py. Every value
a message echoes goes through `shown`, which caps it at about 60 characters.
"""

import decimal
import numbers
import reprlib
from collections.abc import Sequence

import numpy as np

# The largest size of a parameter that training may produce: the square root of float64's
# largest number (≈ 1.34e154). Beyond it squares such as ½(ŷ − y)², or the product of two such
# numbers, overflow: an update that goes there has diverged (Network.fit, train_many).
MAX_MAGNITUDE = float(np.sqrt(np.finfo(float).max))

# Limits on the size of one call, so that anything a user types answers within seconds (each
# figure is of the order of 10 s of one core at most) and fits in memory. See check_work.
MAX_LAYERS = 100  # sizes in `layers`: the input, the hidden layers and the output
MAX_WIDTH = 10_000  # units in one layer
MAX_PARAMETERS = 1_000_000  # entries of all Θ^(l) together (8 MB); for train_many, of all runs
MAX_VALUES = 10_000_000  # samples × units (input included) one pass holds: 80 MB per array
MAX_EPOCHS = 1_000_000  # epochs of one fit or train_many call
MAX_STEPS = 2_000_000  # updates × weight layers of one call: NumPy's fixed cost per call
MAX_WORK = 10_000_000_000  # epochs × samples × parameters (× runs): the arithmetic of one call
MAX_RUNS = 10_000  # seeds of one train_many call


# -- echoing values ---------------------------------------------------------------------------

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxtuple, _REPR.maxlist, _REPR.maxset = 2, 6, 6, 6
_REPR.maxdict, _REPR.maxstring, _REPR.maxother, _REPR.maxlong = 4, 40, 40, 40


def shown(value, limit=60):
    """repr(value) for a message, cut to at most `limit` characters (… marks a cut).

    Never fails: an integer too long to print, or an object whose repr raises, is described.
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        bits = abs(int(value)).bit_length()
        if bits > 128:
            return f"a whole number of about {int(bits * 0.30103) + 1} digits"
    try:
        text = _REPR.repr(value)
    except Exception:  # a hostile __repr__, or an int inside a list too long to print
        text = f"a {type(value).__name__}"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- scalars ----------------------------------------------------------------------------------


def check_choice(parameter, value, options):
    """Return `value` if it is one of `options` (compared as strings), else raise listing them."""
    if not isinstance(value, str) or value not in options:
        valid = ", ".join(repr(o) for o in options)
        raise ValueError(f"{parameter}: expected one of {valid}; got {shown(value)}")
    return value


def check_real(parameter, value, wanted):
    """Return `value` as a float, or raise naming `wanted` (e.g. "a number > 0").

    Any real number is accepted (int, float, NumPy scalar, Fraction, Decimal), but not bool
    or text; one too large for a float raises a ValueError rather than becoming inf.
    """
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise TypeError(f"{parameter}: expected {wanted}, got {shown(value)}")
    try:
        return float(value)
    except (OverflowError, ValueError):
        raise ValueError(
            f"{parameter}: expected {wanted}, got {shown(value)}, too large for a float"
        ) from None


def check_eta(eta):
    """Return the learning rate η as a float; it must be a finite number > 0."""
    wanted = "a finite number > 0 (the learning rate)"
    value = check_real("eta", eta, wanted)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"eta: expected {wanted}, got {shown(eta)}")
    return value


def check_int(parameter, value, lo, hi=None, meaning=""):
    """Return `value` as an int in [lo, hi] (no upper bound when hi is None), or raise.

    The message names the parameter and the range, e.g. "epochs: expected a whole number ≥ 0";
    `meaning`, if given, is added in brackets ("a whole number ≥ 1 (the number of θ's)").
    """
    wanted = f"a whole number ≥ {lo}" if hi is None else f"a whole number from {lo} to {hi}"
    if meaning:
        wanted += f" ({meaning})"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{parameter}: expected {wanted}, got {shown(value)}")
    if value < lo or (hi is not None and value > hi):
        raise ValueError(f"{parameter}: expected {wanted}, got {shown(value)}")
    return int(value)


def check_epochs(epochs):
    """Return the number of epochs as an int from 0 to MAX_EPOCHS."""
    return check_int("epochs", epochs, 0, MAX_EPOCHS)


def check_batch_size(batch_size):
    """Return None (the full batch) or the mini-batch size as an int ≥ 1."""
    if batch_size is None:
        return None
    return check_int("batch_size", batch_size, 1, meaning="samples per update, or None")


def check_seed(seed, parameter="seed", allow_none=True):
    """Return a np.random.Generator for `seed`: an int ≥ 0, a Generator (used as it is), or
    None (fresh, unpredictable randomness) where allowed. Anything else raises naming it."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None and allow_none:
        return np.random.default_rng()
    wanted = "an int ≥ 0 or a np.random.Generator" + (", or None" if allow_none else "")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{parameter}: expected {wanted}, got {shown(seed)}")
    if seed < 0:
        raise ValueError(f"{parameter}: expected {wanted}, got {shown(seed)}")
    return np.random.default_rng(int(seed))


# -- arrays -----------------------------------------------------------------------------------


def as_real_array(parameter, values):
    """`values` as a float64 array of finite numbers, or raise.

    Accepts nested lists, tuples and arrays of ints, floats, bools, Fractions, Decimals; refuses
    None, text, complex numbers, ragged rows and anything else, in plain words.
    """
    if values is None:
        raise TypeError(f"{parameter}: expected an array of numbers, got None")
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{parameter}: expected an array of numbers, got text {shown(values)}")
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError, OverflowError):
        raise ValueError(
            f"{parameter}: expected a rectangular array of numbers (rows of equal length)"
        ) from None
    kind = arr.dtype.kind
    if kind == "O":
        arr = _object_to_float(parameter, arr)
    elif kind == "c":
        raise TypeError(f"{parameter}: expected real numbers, got complex ones ({arr.dtype})")
    elif kind not in "biuf":
        raise TypeError(f"{parameter}: expected numbers, got an array of dtype {arr.dtype}")
    with np.errstate(over="ignore"):  # a long double beyond float64 becomes inf, refused below
        arr = np.asarray(arr, dtype=float)
    check_finite(parameter, arr)
    return arr


def _object_to_float(parameter, arr):
    """An object array (mixed or exotic numbers) as float64, if every entry is a real number."""
    flat = arr.ravel()
    for value in flat:
        if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
            if isinstance(value, (list, tuple, np.ndarray)):
                raise ValueError(
                    f"{parameter}: expected a rectangular array of numbers (rows of equal length)"
                )
            raise TypeError(f"{parameter}: expected numbers, found {shown(value)}")
    try:
        return np.array([float(v) for v in flat]).reshape(arr.shape)
    except (OverflowError, ValueError):
        raise ValueError(
            f"{parameter}: expected finite numbers, found one too large for a float"
        ) from None


def check_finite(parameter, arr):
    """Raise unless every entry of the float array is finite."""
    if not np.isfinite(arr).all():
        raise ValueError(f"{parameter}: expected finite numbers, found NaN or inf")


def check_array(parameter, values, width):
    """Return `values` as a float64 array of shape (m, width), m ≥ 1, all finite.

    A 1-D array is accepted as a single column when width is 1.
    """
    arr = as_real_array(parameter, values)
    if arr.ndim == 1 and width == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(
            f"{parameter}: expected a 2-D array of shape (samples, {width}), got shape {arr.shape}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{parameter}: expected at least one sample (row), got shape {arr.shape}")
    if arr.shape[1] != width:
        raise ValueError(
            f"{parameter}: expected {width} column(s) to match the network, got shape {arr.shape}"
        )
    return arr


def check_targets(y, loss, width):
    """Return the targets y as a float64 (m, width) array that the loss can use, or raise.

    "mse": any finite numbers. "bce": numbers from 0 to 1 (labels or probabilities).
    "ce": one-hot rows, shape (m, width), or class indices, shape (m,) or (m, 1), whole numbers
    from 0 to width − 1, returned as one-hot rows.
    """
    if loss != "ce":
        y = check_array("y", y, width)
        if loss == "bce" and (y.min() < 0 or y.max() > 1):
            bad = y[(y < 0) | (y > 1)][0]
            raise ValueError(
                f"y: loss='bce' (cross-entropy) needs targets from 0 to 1 (labels or "
                f"probabilities), found {bad:.6g}"
            )
        return y
    arr = as_real_array("y", y)
    wanted = (
        f"for loss='ce', expected class indices from 0 to {width - 1} (shape (samples,) or "
        f"(samples, 1)) or one-hot rows (shape (samples, {width}))"
    )
    if arr.ndim == 2 and arr.shape[1] == width:
        if arr.shape[0] == 0:
            raise ValueError(f"y: expected at least one sample (row), got shape {arr.shape}")
        one_hot = np.all((arr == 0) | (arr == 1), axis=1) & (arr.sum(axis=1) == 1)
        if not one_hot.all():
            row = int(np.flatnonzero(~one_hot)[0])
            raise ValueError(f"y: {wanted}; row {row} is {shown(arr[row].tolist())}, not one-hot")
        return arr
    if arr.ndim == 1 or (arr.ndim == 2 and arr.shape[1] == 1):
        labels = arr.ravel()
        if labels.size == 0:
            raise ValueError(f"y: expected at least one sample, got shape {arr.shape}")
        wrong = (labels != np.round(labels)) | (labels < 0) | (labels >= width)
        if wrong.any():
            raise ValueError(f"y: {wanted}; found {labels[wrong][0]:.6g}")
        return np.eye(width)[labels.astype(int)]
    raise ValueError(f"y: {wanted}; got shape {arr.shape}")


def check_data(X, y, n_in, n_out, loss="mse"):
    """Validate a training set for a network with n_in inputs, n_out outputs and this loss."""
    X = check_array("X", X, n_in)
    y = check_targets(y, loss, n_out)
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y: expected the same number of rows (samples), "
            f"got {X.shape[0]} and {y.shape[0]}"
        )
    return X, y


def check_seeds(seeds):
    """Return `seeds` as a tuple of ints ≥ 0 (at least one), or raise naming what is wrong."""
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, np.ndarray)):
        raise TypeError(f"seeds: expected a list of whole numbers ≥ 0, got {shown(seeds)}")
    if len(seeds) > MAX_RUNS:
        raise ValueError(f"seeds: expected at most {MAX_RUNS:,} seeds, got {len(seeds):,}")
    seeds = tuple(np.ravel(seeds).tolist() if isinstance(seeds, np.ndarray) else seeds)
    if not seeds:
        raise ValueError("seeds: expected at least one seed, got none")
    return tuple(check_int(f"seeds[{i}]", s, 0) for i, s in enumerate(seeds))
