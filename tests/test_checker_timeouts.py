"""Checkers that call a student's function: bounded in time, the library switched off.

`call_student` (exercises/answers.py) runs one student function with a time limit and returns
its value or its exception. These tests hold it to that in the main thread (SIGALRM), in
another thread (a watchdog), and in a real Jupyter kernel; and hold the checkers of notebooks
04 and 07 to it: a function that never returns, at any stage or only in the replay, gives a
message saying so, and a function that gets its answer from the library by any route is
refused.
"""

import functools
import signal
import sys
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest
from student_loop import RIGHT, backward, forward, gradients, update

from backprop_lib import Network, train_many, xor
from backprop_lib.exercises import autodiff as autodiff_checkers
from backprop_lib.exercises import xor_training
from backprop_lib.exercises.answers import StudentTimeout, call_student
from backprop_lib.exercises.autodiff import check_division_local, check_softplus_local
from backprop_lib.exercises.xor_training import LOOP_LAYERS, LOOP_SEED, check_training_loop
from backprop_lib.losses import output_delta
from backprop_lib.refusal import LibraryRefused
from backprop_lib.seed_reference import seed_epoch

LIMIT = 0.3  # seconds: the time limit these tests give a function that never returns


def forever(*args):
    while True:
        pass


def forever_despite_except(*args):
    """A loop that swallows every exception, even with a bare except."""
    while True:
        try:
            while True:
                pass
        except:  # noqa: E722 (the point of the test)
            pass


def forever_catching_exception(*args):
    while True:
        try:
            while True:
                pass
        except Exception:
            pass


# -- call_student -------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [forever, forever_despite_except, forever_catching_exception])
def test_call_student_stops_a_function_that_never_returns(fn):
    value, error = call_student(fn, 1, 2, seconds=LIMIT)
    assert value is None and isinstance(error, StudentTimeout)
    assert str(error) == f"your function did not return within {LIMIT:g} s"


def test_call_student_returns_the_value_or_the_exception():
    assert call_student(lambda a, b: a + b, 2, 3) == (5, None)
    for fn, kind in [
        (lambda: 1 / 0, ZeroDivisionError),
        (lambda: [][1], IndexError),
        (lambda: exec("raise SystemExit(3)"), SystemExit),
        (lambda: functools.reduce(lambda f, _: f(), range(10**6), lambda: None), TypeError),
    ]:
        value, error = call_student(fn)
        assert value is None and isinstance(error, kind)


def test_call_student_leaves_no_timer_handler_or_warning_filter_behind():
    before = signal.getsignal(signal.SIGALRM), warnings.filters[:], np.geterr()
    call_student(forever, seconds=LIMIT)
    call_student(lambda: np.log(np.zeros(2)))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert (signal.getsignal(signal.SIGALRM), warnings.filters[:], np.geterr()) == before


def test_call_student_silences_numpy_warnings_even_when_warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, error = call_student(lambda: np.log(np.zeros(1)) - np.float64(1e308) * 10)
    assert error is None and np.isneginf(value[0])


def test_call_student_puts_an_outer_timer_back():
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        call_student(forever, seconds=LIMIT)
        delay, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25.0 < delay < 30.0 and not fired  # still running, with the time it had left
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("fn", [forever, forever_catching_exception])
def test_call_student_outside_the_main_thread(fn):
    found, handler = [], signal.getsignal(signal.SIGALRM)
    worker = threading.Thread(target=lambda: found.append(call_student(fn, seconds=LIMIT)))
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()
    ((value, error),) = found
    assert value is None and isinstance(error, StudentTimeout)
    assert signal.getsignal(signal.SIGALRM) is handler  # the main thread's timer untouched
    later = []  # nothing is left pending for the thread's next Python code
    worker = threading.Thread(target=lambda: later.append(call_student(lambda: sum(range(10)))))
    worker.start()
    worker.join(timeout=30)
    assert later == [(45, None)]


def test_call_student_refuses_the_library_only_while_the_function_runs():
    X, y = xor()
    net = Network([2, 2, 1], seed=0)
    for fn in [
        lambda: Network([2, 1]),
        lambda: net.forward(X),
        lambda: net.deltas(X, y),
        lambda: net.gradients(X, y),
        lambda: net.cost(X, y),
        lambda: net.predict(X),
        lambda: net.fit(X, y, epochs=1),
        lambda: net.readable_fit(X, y, epochs=1),
        lambda: train_many([2, 1], X, y, eta=0.1, epochs=1, seeds=[0]),
        lambda: seed_epoch(net.thetas, X, y, 0.1),
        lambda: output_delta("mse", "sigmoid", y, y, lambda a: a),
    ]:
        value, error = call_student(fn, refuse="write it yourself")
        assert isinstance(error, LibraryRefused) and "write it yourself" in str(error)
    caught = call_student(lambda: _swallowing(net, X), refuse="write it yourself")
    assert isinstance(caught[1], LibraryRefused)  # a refusal the student caught still counts
    assert net.forward(X).a[-1].shape == (4, 1)  # and the library works again afterwards
    assert call_student(lambda: net.forward(X).a[-1].shape) == ((4, 1), None)


def _swallowing(net, X):
    try:
        return net.forward(X)
    except Exception:
        return None


# -- notebook 04's training-loop checker --------------------------------------------------------


@pytest.fixture
def short_limits(monkeypatch):
    monkeypatch.setattr(xor_training, "STAGE_SECONDS", LIMIT)
    monkeypatch.setattr(xor_training, "LOOP_SECONDS", LIMIT)
    monkeypatch.setattr(autodiff_checkers, "CALL_SECONDS", LIMIT)


def test_the_right_loop_still_passes():
    assert check_training_loop(*RIGHT).passed


@pytest.mark.parametrize("stage", range(4))
@pytest.mark.parametrize("hang", [forever, forever_despite_except])
def test_training_loop_checker_stops_a_stage_that_never_returns(short_limits, stage, hang):
    functions = list(RIGHT)
    functions[stage] = hang
    result = check_training_loop(*functions)
    assert not result.passed
    assert f"did not return within {LIMIT:g} s" in result.message
    assert xor_training.STAGES[stage] in result.message or stage == 0
    assert len(result.message) < 400


def test_training_loop_checker_stops_a_loop_that_hangs_only_in_the_replay(short_limits):
    calls = []

    def update_late(thetas, grads, eta):  # right the first time, then never returns
        calls.append(1)
        if len(calls) > 1:
            forever()
        return update(thetas, grads, eta)

    result = check_training_loop(forward, backward, gradients, update_late)
    assert not result.passed and len(calls) == 2
    assert "✗ each stage is right, but the loop" in result.message  # the last of the lines
    assert f"did not return within {LIMIT:g} s" in result.message


def _library_net(thetas, loss="bce"):
    net = Network(LOOP_LAYERS, loss=loss, seed=LOOP_SEED, init="uniform")
    net.thetas = [np.array(t) for t in thetas]
    return net


PREBUILT = Network(LOOP_LAYERS, loss="bce", seed=LOOP_SEED, init="uniform")
X, Y = xor()


def forward_prebuilt(thetas, X):  # a network built outside the function, its method called
    PREBUILT.thetas = thetas
    return PREBUILT.forward(X)


def _via_helper(thetas, a, y, loss):  # the helper calls Network; the stage only calls it
    return _library_net(thetas, loss).deltas(a[0], y)


def backward_via_helper(thetas, a, y, loss):
    return _via_helper(thetas, a, y, loss)


def _gradients_from(net, a, delta):
    return net.gradients(a[0], Y)


def _fit_one_epoch(net, thetas, grads, eta):
    net.thetas = [t.copy() for t in thetas]
    net.fit(X, Y, eta=eta, epochs=1)
    return net.thetas


@pytest.mark.parametrize(
    "stage, cheat",
    [
        (0, forward_prebuilt),
        (1, backward_via_helper),
        (2, functools.partial(_gradients_from, PREBUILT)),
        (3, functools.partial(_fit_one_epoch, PREBUILT)),
    ],
    ids=["prebuilt network's method", "helper calling Network", "partial", "partial of fit"],
)
def test_training_loop_checker_refuses_the_library_by_any_route(stage, cheat):
    functions = list(RIGHT)
    functions[stage] = cheat
    result = check_training_loop(*functions)
    assert not result.passed
    assert "plain NumPy" in result.message and "from the library" in result.message
    assert xor_training.STAGES[stage] in result.message or stage == 0
    assert len(result.message) < 400


def test_training_loop_checker_refuses_a_cheat_that_catches_the_refusal():
    def backward_hedged(thetas, a, y, loss):
        try:
            return _via_helper(thetas, a, y, loss)
        except Exception:
            return backward(thetas, a, y, loss)

    result = check_training_loop(forward, backward_hedged, gradients, update)
    assert not result.passed and "from the library" in result.message


# -- notebook 07's local-derivative checkers ----------------------------------------------------


@pytest.mark.parametrize("hang", [forever, forever_despite_except])
def test_autodiff_checkers_stop_a_function_that_never_returns(short_limits, hang):
    for check in (check_division_local, check_softplus_local):
        result = check(hang)
        assert not result.passed
        assert f"did not return within {LIMIT:g} s" in result.message
        assert len(result.message) < 300


def test_autodiff_checkers_stop_a_function_that_hangs_at_one_point(short_limits):
    def division_local(u, v):
        if u < 0:
            forever()
        return 1 / v, -u / v**2

    result = check_division_local(division_local)
    assert not result.passed and "division_local(-1.5, 0.5)" in result.message


# -- in a real kernel, as in JupyterLab or under nbgrader ---------------------------------------

KERNEL_CELLS = [
    "from backprop_lib.exercises import autodiff, xor_training\n"
    "xor_training.STAGE_SECONDS = autodiff.CALL_SECONDS = 1",
    "def forever(*args):\n    while True:\n        pass",
    "print(xor_training.check_training_loop(forever, forever, forever, forever))",
    "print(autodiff.check_softplus_local(forever))",
    "print('the kernel answers')",
]


@pytest.mark.slow  # a Jupyter kernel of its own
def test_checkers_stop_an_endless_function_in_a_jupyter_kernel(tmp_path, monkeypatch):
    import nbclient
    import nbformat

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from jupyter_env import isolated_env  # only this venv's python3 kernel, no user settings

    for name in ("JUPYTER_PATH",):
        monkeypatch.delenv(name, raising=False)
    for name, value in isolated_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in KERNEL_CELLS]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    printed = ["".join(o.get("text", "") for o in cell.outputs) for cell in nb.cells[2:]]
    assert "forward pass: your function did not return within 1 s" in printed[0]
    assert "did not return within 1 s" in printed[1]
    assert printed[2] == "the kernel answers\n"
