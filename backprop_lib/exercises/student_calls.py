"""Running a student's function: its value or its exception, within a time limit.

  call_student(fn, *args, seconds=...)  warnings silenced, optionally with the library's
                                        training entry points refused (refusal.py)
Re-exported by `answers`, where the checkers import it from.
"""

import ctypes
import signal
import sys
import threading
import time
import warnings

import numpy as np

from ..refusal import LibraryRefused, refusing_library

STUDENT_SECONDS = 10.0  # the longest one call of a student's function may take


class StudentTimeout(BaseException):
    """A student's function ran past its time limit. A BaseException, like KeyboardInterrupt,
    so that the student's own `except Exception:` does not swallow it."""


def call_student(fn, *args, seconds=STUDENT_SECONDS, refuse=None):
    """fn(*args), bounded in time, with NumPy's warnings silenced: (value, None) or (None, error).

    error is the exception fn raised, or a StudentTimeout ("your function did not return within
    N s") if it ran longer than `seconds`. In the main thread the limit is a SIGALRM timer (it
    interrupts Python code, as in a Jupyter kernel or under nbgrader); elsewhere a watchdog
    thread raises StudentTimeout in the calling thread. Either way it is raised again every
    0.1 s until fn gives up; in the main thread, once one was swallowed, also at every line fn
    runs, so a bare `except:` in a loop cannot keep it running. A single long NumPy operation
    is interrupted only when it ends.
    refuse: None, or a reason (text): while fn runs, the library's entry points (building a
    Network and any of its methods, train_many, Descent, output_delta, seed_epoch) raise
    refusal.LibraryRefused naming themselves; a refusal that fn caught still counts.
    """
    limit = _TimeLimit(seconds)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                limit.arm()
                if refuse is None:
                    return fn(*args), None
                with refusing_library(refuse) as called:
                    value = fn(*args)
            finally:
                limit.disarm()
        if called:
            return None, LibraryRefused(f"{called[0]}: {refuse}")
        return value, None
    except StudentTimeout:
        limit.disarm()  # again: the timer may have fired as the first disarm began
        return None, StudentTimeout(f"your function did not return within {seconds:g} s")
    except (Exception, SystemExit) as error:  # the student's code may raise anything
        return None, error


class _TimeLimit:
    """Raises StudentTimeout in the calling thread `seconds` after arm(), then every 0.1 s,
    until disarm()."""

    def __init__(self, seconds):
        self.seconds, self.armed, self.restored = seconds, False, True
        self.signal = threading.current_thread() is threading.main_thread() and hasattr(
            signal, "setitimer"
        )

    def _fire(self, signum, frame):
        if not self.armed:
            return
        self.fired += 1
        if self.fired >= 2:  # the first was swallowed (a bare except): raise at every line
            if self.fired == 2:
                self.old_trace = sys.gettrace()
            sys.settrace(self._trace)
            while frame is not None and frame.f_code is not call_student.__code__:
                frame.f_trace, frame = self._trace, frame.f_back
        raise StudentTimeout

    def _trace(self, frame, event, arg):
        """At every line: StudentTimeout, raised at the next check for pending exceptions (a
        trace function that raised itself would be switched off by Python)."""
        if not self.armed:
            return None
        if event == "line":
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(threading.get_ident()), ctypes.py_object(StudentTimeout)
            )
        return self._trace

    def arm(self):
        self.armed, self.restored, self.fired, self.old_trace = True, False, 0, None
        if self.signal:
            self.old_handler = signal.signal(signal.SIGALRM, self._fire)
            self.old_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.1)
            self.start = time.monotonic()
        else:
            self.done, self.thread = threading.Event(), threading.get_ident()
            self.watchdog = threading.Thread(target=self._watch, daemon=True)
            self.watchdog.start()

    def _watch(self):
        wait = self.seconds
        while not self.done.wait(wait):  # raise in the student's thread until it gives up
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(self.thread), ctypes.py_object(StudentTimeout)
            )
            wait = 0.1

    def disarm(self):
        """Stop the timer and restore what was there before; safe to call again."""
        self.armed = False
        if self.restored:
            return
        if self.signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old_handler)
            if self.fired >= 2:
                sys.settrace(self.old_trace)
                # drop a StudentTimeout the trace function sent but this thread has not raised
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(threading.get_ident()), None
                )
            delay, interval = self.old_timer
            if delay:  # an outer timer was running: put it back with the time it had left
                left = delay - (time.monotonic() - self.start)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), interval)
        else:
            self.done.set()
            self.watchdog.join()
            # drop a StudentTimeout the watchdog sent but this thread has not yet raised
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread), None)
        self.restored = True
