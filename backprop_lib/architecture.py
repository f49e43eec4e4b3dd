"""A network's architecture: its layer sizes, activations and loss checked, its parameters Θ
made and checked, and the size of one pass or one training call (the limits are in
validation.py).

Each check names the parameter and what was expected, as every check of the library does.
"""

import numbers
from collections.abc import Sequence

import numpy as np

from .validation import (
    MAX_LAYERS,
    MAX_PARAMETERS,
    MAX_STEPS,
    MAX_VALUES,
    MAX_WIDTH,
    MAX_WORK,
    as_real_array,
    check_choice,
    shown,
)

INITS = ("glorot", "uniform")


def initial_thetas(layers, init, rng):
    """Fresh parameter matrices Θ^(l), one per pair of adjacent layers.

    "uniform": every entry from U[0, 1), the article's scheme (np.random.rand).
    "glorot":  weights from U(−r, r) with r = √(6 / (n_in + n_out)), biases 0.
    Glorot is Network's default because its weights are centred on zero and scaled to the
    layer sizes, so every unit starts on the steep middle of its activation whatever the
    width. The article's all-positive start only suits tiny nets: on its 2-2-2-1 XOR net it
    even solves a little more often (notebook 04 measures both), but a 64-input layer starts
    with z near 16, deep in σ's flat tail where σ' < 1e-7 and learning stalls.
    Inputs: layers, list of sizes; init, one of INITS; rng, np.random.Generator.
    Returns: list of (layers[l+1], layers[l] + 1) arrays; column 0 holds the bias weights.
    """
    thetas = []
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        if init == "uniform":
            theta = rng.random((n_out, n_in + 1))
        else:
            r = np.sqrt(6.0 / (n_in + n_out))
            theta = np.zeros((n_out, n_in + 1))
            theta[:, 1:] = rng.uniform(-r, r, size=(n_out, n_in))
        thetas.append(theta)
    return thetas


def check_layers(layers):
    """Return `layers` as a list of ints, or raise naming what is wrong with it.

    layers must be an ordered sequence (list, tuple, range, 1-D array): a set has no order.
    """
    if isinstance(layers, np.ndarray) and layers.ndim == 1:
        layers = layers.tolist()
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence):
        raise TypeError(
            f"layers: expected an ordered list of layer sizes such as [2, 2, 1], "
            f"got {shown(layers)}"
        )
    if len(layers) < 2:
        raise ValueError(
            f"layers: expected at least two sizes (inputs and outputs), got {shown(layers)}"
        )
    if len(layers) > MAX_LAYERS:
        raise ValueError(f"layers: expected at most {MAX_LAYERS} sizes, got {len(layers)}")
    for i, n in enumerate(layers):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"layers[{i}]: expected a positive integer, got {shown(n)}")
        if not 0 < n <= MAX_WIDTH:
            raise ValueError(
                f"layers[{i}]: expected a positive integer up to {MAX_WIDTH:,} (units in a "
                f"layer), got {shown(n)}"
            )
    layers = [int(n) for n in layers]
    check_parameter_count("layers", count_parameters(layers))
    return layers


def count_parameters(layers):
    """The number of entries of all Θ^(l): Σ n_out (n_in + 1) over adjacent layers."""
    return sum(n_out * (n_in + 1) for n_in, n_out in zip(layers, layers[1:]))


def check_parameter_count(parameter, count):
    """Raise when `count` parameters exceed MAX_PARAMETERS, naming `parameter`."""
    if count > MAX_PARAMETERS:
        raise ValueError(
            f"{parameter}: at most {MAX_PARAMETERS:,} parameters are allowed in one call "
            f"(8 MB of Θ), this needs {count:,}"
        )


def check_pass(parameter, m, layers, runs=1):
    """Raise when one pass over m samples would hold more than MAX_VALUES numbers per array,
    or cost more than MAX_WORK: m × (sum of layer sizes) × runs and m × parameters × runs."""
    values = m * sum(layers) * runs
    if values > MAX_VALUES:
        raise ValueError(
            f"{parameter}: {m:,} samples through layers of {sum(layers):,} units"
            + (f" in {runs} runs" if runs > 1 else "")
            + f" need {values:,} numbers at once, more than the {MAX_VALUES:,} allowed; "
            f"pass fewer rows at a time"
        )
    check_work("X", 1, m, count_parameters(layers) * runs, len(layers) - 1, 1)


def check_work(parameter, epochs, m, parameters, weight_layers, batches):
    """Raise when one call would do more than the allowed work, naming `parameter`.

    Two limits: MAX_STEPS on updates × weight layers (epochs × batches × layers: the fixed cost
    of each NumPy call) and MAX_WORK on epochs × samples × parameters (the arithmetic).
    """
    steps = epochs * batches * weight_layers
    work = epochs * m * parameters
    if steps > MAX_STEPS:
        most = MAX_STEPS // (batches * weight_layers)
        raise ValueError(
            f"{parameter}: too many updates for one call: epochs × batches × weight layers = "
            f"{steps:,} > {MAX_STEPS:,}; use at most {most:,} epochs per call (call again to "
            f"train on)"
        )
    if work > MAX_WORK:
        most = MAX_WORK // (m * parameters)
        raise ValueError(
            f"{parameter}: too much work for one call: epochs × samples × parameters = "
            f"{work:.3g} > {MAX_WORK:.0e}; use at most {most:,} epochs per call, fewer samples "
            f"or a smaller network"
        )


def check_training(epochs, m, layers, batch_size, runs=1):
    """Raise when training `runs` networks of `layers` for `epochs` epochs on m samples, in
    slices of batch_size (None: the full batch), is more than one call may do (check_work)."""
    batches = 1 if batch_size is None else -(-m // batch_size)
    check_work("epochs", epochs, m, runs * count_parameters(layers), len(layers) - 1, batches)


def check_hidden(hidden, options, output_only):
    """Return the hidden activation's name; an output-only one (softmax) is refused, saying so."""
    if isinstance(hidden, str) and hidden in output_only:
        valid = ", ".join(repr(o) for o in options)
        raise ValueError(
            f"hidden: expected one of {valid}; got {hidden!r}, which couples the units of a "
            f"layer and is for the output layer only (output={hidden!r}, loss='ce')"
        )
    return check_choice("hidden", hidden, options)


def check_output_loss(output, loss, n_out):
    """Refuse the output/loss pairings whose maths the library does not do.

    "bce" needs a sigmoid output (ŷ in (0, 1)); "ce" and softmax go together only, and a
    softmax needs at least two output units (classes).
    """
    if loss == "bce" and output != "sigmoid":
        raise ValueError(
            f"loss: 'bce' (cross-entropy) needs output='sigmoid' so that ŷ lies in (0, 1); "
            f"got output={output!r}"
        )
    if loss == "ce" and output != "softmax":
        raise ValueError(
            f"loss: 'ce' (categorical cross-entropy) needs output='softmax', whose outputs are "
            f"class probabilities summing to 1; got output={output!r}"
        )
    if output == "softmax" and loss != "ce":
        raise ValueError(
            f"loss: output='softmax' is paired with loss='ce' (categorical cross-entropy) "
            f"only; got loss={loss!r}"
        )
    if output == "softmax" and n_out < 2:
        raise ValueError(
            f"layers: output='softmax' needs at least 2 output units (one per class), "
            f"got layers[-1] = {n_out}"
        )


def check_thetas(thetas, layers):
    """A network's thetas as float arrays, after checking each entry's shape and values.

    `Network.thetas` is a plain list that code may change, so every method checks it on use:
    one array per layer, of real, finite numbers (no larger than MAX_MAGNITUDE), shaped
    (n_out, n_in + 1). Inputs: thetas; layers, the network's sizes. Returns: list of arrays.
    """
    count = len(layers) - 1
    wanted = f"thetas: expected a list of {count} arrays (one Θ per layer), got"
    if not isinstance(thetas, (list, tuple)):
        raise TypeError(f"{wanted} {shown(thetas)}")
    if len(thetas) != count:
        raise ValueError(f"{wanted} {len(thetas)}")
    checked = []
    for l, (theta, n_in, n_out) in enumerate(zip(thetas, layers, layers[1:])):
        theta = as_real_array(f"thetas[{l}] (the parameters of layer {l + 1})", theta)
        if theta.shape != (n_out, n_in + 1):
            raise ValueError(f"thetas[{l}]: expected shape {(n_out, n_in + 1)}, got {theta.shape}")
        checked.append(theta)
    return checked
