"""The η slider's grid: every default η is on it, and one step each way comes back."""

import itertools

import pytest

from backprop_lib.playground.controls import eta_grid, eta_options
from backprop_lib.playground.settings import DATASETS, ETA_RANGE, PAIRINGS, Settings, classes

DEFAULTS = sorted(
    {
        Settings(dataset=d, pairing=p, reduction=r).eta
        for d, p, r in itertools.product(DATASETS, PAIRINGS, ("sum", "mean"))
        if classes(d) == 2 or p == "softmax+ce"
    }
)


def test_the_grid_spans_the_range_with_steps_of_at_most_a_third():
    grid = eta_grid()
    assert grid[0] == ETA_RANGE[0] and grid[-1] == ETA_RANGE[1]
    ratios = [b / a for a, b in zip(grid, grid[1:])]
    assert min(ratios) > 1.15 and max(ratios) < 1.34


@pytest.mark.parametrize("eta", DEFAULTS)
def test_every_default_eta_is_on_the_grid(eta):
    assert eta in eta_grid()
    assert len(eta_options(eta)) == len(eta_grid())


@pytest.mark.parametrize("eta", [*DEFAULTS, 0.0137, 7.77, 0.001, 10.0])
def test_one_step_right_then_one_left_returns_to_the_value(eta):
    values = [value for _label, value in eta_options(eta)]
    assert values == sorted(values) and values.count(eta) == 1
    here = values.index(eta)
    right = min(here + 1, len(values) - 1)
    assert values[max(right - 1, 0)] == eta or here == len(values) - 1


def test_a_typed_value_off_the_grid_joins_it_with_its_label():
    options = dict(eta_options(0.0137))
    assert options["0.0137"] == 0.0137 and options["0.5"] == 0.5
