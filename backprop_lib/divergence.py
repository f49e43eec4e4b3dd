"""When training has diverged, and why: the words both training loops report.

Network.readable_fit and the fast loop (descent.py) stop at the same update for the same
reason; Network.fit and train_many raise Diverged, which carries the epoch and the cause.
"""

import math

import numpy as np

from .validation import MAX_MAGNITUDE

# Σ θ² up to this (float64's largest number, MAX_MAGNITUDE²) means every |θ| ≤ MAX_MAGNITUDE;
# above it (or inf, NaN) the entries are looked at one by one.
_SQUARES_LIMIT = np.finfo(float).max


class Diverged(FloatingPointError):
    """Training diverged: J stopped being finite, or an update would move a parameter beyond
    ±validation.MAX_MAGNITUDE (or make it NaN).

    epoch: the epoch it happened in (the parameters are left as at that epoch's start);
    cause: what happened, in words, e.g. "the cost became inf" (see why_diverged).
    A FloatingPointError, so `except FloatingPointError` catches it.
    """

    def __init__(self, message, epoch=None, cause=None):
        super().__init__(message)
        self.epoch, self.cause = epoch, cause

    @classmethod
    def in_fit(cls, epoch, eta, cause):
        """The error Network.fit raises, its message naming the epoch, η and the cause."""
        message = (
            f"fit: training diverged at epoch {epoch} with eta={eta:.6g}: {cause}. "
            f"Try a smaller eta (learning rate)."
        )
        return cls(message, epoch, cause)


def why_diverged(J, batch_J, thetas):
    """Why training has diverged, in the words the loops report, or "" if it has not.

    Inputs: J over the whole set at the epoch's start; batch_J, J of the batch just used
    (the same J for the full batch); thetas, the parameters after its update.
    """
    if not np.isfinite(J):
        return f"the cost became {J}"
    if not np.isfinite(batch_J):
        return f"a mini-batch's cost became {batch_J}"
    largest = np.max([np.abs(t).max() for t in thetas])  # NaN if any entry is NaN
    return "" if largest <= MAX_MAGNITUDE else range_cause(largest)


def range_cause(size):
    """Why an update that makes a parameter `size` (> MAX_MAGNITUDE, inf or NaN) diverged."""
    if np.isnan(size):
        return "an update made a parameter NaN"
    if np.isinf(size):
        return "an update overflowed a parameter to inf"
    return (
        f"an update would make a parameter {size:.2g}, beyond ±{MAX_MAGNITUDE:.2g} "
        f"(where its square overflows float64)"
    )


def out_of_range(flat):
    """Whether some entry of a flat vector of parameters lies beyond ±MAX_MAGNITUDE (or is NaN)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return not np.dot(flat, flat) <= _SQUARES_LIMIT and not np.abs(flat).max() <= MAX_MAGNITUDE


def new_failures(c, diverged, cause):
    """{run: cause} for the runs not yet in `diverged` whose cost in c is not finite.

    Inputs: c, one cost per run (any shape); diverged, {run: ...} so far; cause, a text with
    {} for the cost, e.g. "the cost became {}".
    """
    values = c.ravel()
    if math.isfinite(values[0]) if values.size == 1 else np.isfinite(values).all():
        return {}
    return {
        int(r): cause.format(values[r])
        for r in np.flatnonzero(~np.isfinite(values))
        if int(r) not in diverged
    }
