"""Argument checks shared by the library: each names the parameter and what was expected."""

import numbers

import numpy as np


def check_layers(layers):
    """Return `layers` as a list of ints, or raise naming what is wrong with it."""
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__len__"):
        raise TypeError(f"layers: expected a list of layer sizes such as [2, 2, 1], got {layers!r}")
    layers = list(layers)
    if len(layers) < 2:
        raise ValueError(
            f"layers: expected at least two sizes (inputs and outputs), got {layers!r}"
        )
    for i, n in enumerate(layers):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"layers[{i}]: expected a positive integer, got {n!r}")
        if n <= 0:
            raise ValueError(f"layers[{i}]: expected a positive integer, got {n!r}")
    return [int(n) for n in layers]


def check_choice(parameter, value, options):
    """Return `value` if it is one of `options`, else raise listing the valid ones."""
    if not isinstance(value, str) or value not in options:
        valid = ", ".join(repr(o) for o in options)
        raise ValueError(f"{parameter}: expected one of {valid}; got {value!r}")
    return value


def check_eta(eta):
    """Return the learning rate η as a float; it must be a finite number > 0."""
    if isinstance(eta, bool) or not isinstance(eta, numbers.Real):
        raise TypeError(f"eta: expected a positive number (the learning rate), got {eta!r}")
    if not np.isfinite(eta) or eta <= 0:
        raise ValueError(f"eta: expected a finite number > 0 (the learning rate), got {eta!r}")
    return float(eta)


def check_int(parameter, value, lo, hi=None, meaning=""):
    """Return `value` as an int in [lo, hi] (no upper bound when hi is None), or raise.

    The message names the parameter and the range, e.g. "epochs: expected a whole number ≥ 0";
    `meaning`, if given, is added in brackets ("a whole number ≥ 1 (the number of θ's)").
    """
    wanted = f"a whole number ≥ {lo}" if hi is None else f"a whole number from {lo} to {hi}"
    if meaning:
        wanted += f" ({meaning})"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{parameter}: expected {wanted}, got {value!r}")
    if value < lo or (hi is not None and value > hi):
        raise ValueError(f"{parameter}: expected {wanted}, got {value!r}")
    return int(value)


def check_epochs(epochs):
    """Return the number of epochs as an int ≥ 0."""
    return check_int("epochs", epochs, 0)


def check_array(parameter, values, width):
    """Return `values` as a float64 array of shape (m, width), m ≥ 1, all finite.

    A 1-D array is accepted as a single column when width is 1.
    """
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{parameter}: expected numbers, got an array of dtype {arr.dtype}")
    arr = arr.astype(float)
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
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{parameter}: expected finite numbers, found NaN or inf")
    return arr


def check_data(X, y, n_in, n_out):
    """Validate a training set for a network with n_in inputs and n_out outputs."""
    X = check_array("X", X, n_in)
    y = check_array("y", y, n_out)
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y: expected the same number of rows (samples), "
            f"got {X.shape[0]} and {y.shape[0]}"
        )
    return X, y


def check_seeds(seeds):
    """Return `seeds` as a tuple of ints ≥ 0 (at least one), or raise naming what is wrong."""
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds: expected a list of whole numbers ≥ 0, got {seeds!r}")
    seeds = tuple(seeds)
    if not seeds:
        raise ValueError("seeds: expected at least one seed, got none")
    return tuple(check_int(f"seeds[{i}]", s, 0) for i, s in enumerate(seeds))
