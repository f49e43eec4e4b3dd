"""The library switched off while an exercise checker runs a student's function.

Inside `refusing_library(reason)` the library's entry points (building a Network, which goes
through architecture.check_layers; any Network method, which checks its X through
validation.check_array; train_many; the fast loop's passes; output_delta; seed_epoch) raise
LibraryRefused, so a function that is to be written in plain NumPy cannot get its answer from
the code it is checked against, by whatever route. The state is a context variable: nothing
is refused outside the block, in another thread, or after it.
"""

import contextvars
from contextlib import contextmanager

_REFUSAL = contextvars.ContextVar("refusal", default=None)


class LibraryRefused(RuntimeError):
    """Raised by the library's entry points (Network, fit, train_many, Descent...) while an
    exercise checker runs a student's function that is to be written without them."""


@contextmanager
def refusing_library(reason):
    """Within this block the library's entry points raise LibraryRefused(reason).

    Yields a list that collects the names of the entry points that were called (a refusal the
    student's code caught is still recorded). Used by exercises.answers.call_student.
    """
    called = []
    token = _REFUSAL.set((reason, called))
    try:
        yield called
    finally:
        _REFUSAL.reset(token)


def check_allowed(entry):
    """Raise LibraryRefused naming `entry` (e.g. "Network.forward") inside refusing_library."""
    refusal = _REFUSAL.get()
    if refusal is not None:
        reason, called = refusal
        called.append(entry)
        raise LibraryRefused(f"{entry}: {reason}")
