"""studies.showing prints a helper's working lines: no docstring, no argument checks."""

import pytest

from backprop_lib.derivations.floats import backprop_gradients
from backprop_lib.studies.showing import show_work, working_lines


def _sample(x, n):
    """A docstring that must not be shown."""
    if n < 0:
        raise ValueError("n: expected ≥ 0")
    for i in range(n):
        if i > 10:
            raise ValueError("too many")
    n = check_n(n)  # noqa: F821 (never run: only its source is read)
    total = x * n  # the work
    return total


def test_the_docstring_and_checks_are_left_out_and_the_work_kept():
    text = working_lines(_sample)
    assert text.splitlines() == [
        "def _sample(x, n):",
        "    # ... the checks of the arguments, left out here",
        "    total = x * n  # the work",
        "    return total",
    ]


def test_a_library_helper_shows_its_equations(capsys):
    show_work(backprop_gradients)
    out = capsys.readouterr().out
    assert out.startswith("# backprop_lib.derivations.floats.backprop_gradients\n")
    assert "eq. (14)" in out and "eqs. (15), (16)" in out and '"""' not in out
    assert "raise" not in out


def test_a_function_without_checks_has_no_note():
    def plain(a):
        return a + 1

    assert "left out" not in working_lines(plain)


@pytest.mark.parametrize("thing", [len, 3, "def f(): pass"])
def test_only_python_functions(thing):
    with pytest.raises(TypeError, match="func: expected a Python function"):
        working_lines(thing)
