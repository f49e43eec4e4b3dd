"""Notebook 04's checkers: right answers pass, wrong ones name the wrong part."""

import pytest

from backprop_lib import Network, xor
from backprop_lib.exercises.xor_training import (
    FRACTION_SETUP,
    SHAPES_LAYERS,
    check_fraction_solved,
    check_merged_output,
    check_update_shapes,
)
from backprop_lib.studies import stall_study


def test_update_shapes():
    right = [t.shape for t in Network(SHAPES_LAYERS, seed=1).thetas]
    assert check_update_shapes(right).passed
    assert not check_update_shapes(None).passed
    assert "Not answered yet" in check_update_shapes(None).message
    wrong = check_update_shapes([(3, 2), right[1], right[2]])
    assert not wrong.passed and "ΔΘ^(1) misses the bias column" in wrong.message
    assert "ΔΘ^(2)" not in wrong.message
    wrong = check_update_shapes([right[0], right[1][::-1], right[2]])
    assert not wrong.passed and "ΔΘ^(2) is transposed" in wrong.message
    wrong = check_update_shapes([right[0], right[1], (4, 3)])
    assert not wrong.passed and "ΔΘ^(3) has a samples axis" in wrong.message
    assert "expected a list of 3 shapes" in check_update_shapes([(3, 3)]).message
    assert (
        "ΔΘ^(2): expected a (rows, columns) pair"
        in check_update_shapes([right[0], 8, right[2]]).message
    )


def test_merged_output():
    assert check_merged_output([0.0, 2 / 3, 2 / 3, 2 / 3]).passed
    assert check_merged_output([0.01, 0.66, 0.67, 0.665]).passed
    assert "Not answered yet" in check_merged_output(None).message
    wrong = check_merged_output([0.0, 1.0, 1.0, 2 / 3])
    assert not wrong.passed
    assert "ŷ for 01 cannot reach its own target" in wrong.message
    assert "ŷ for 10 cannot reach" in wrong.message and "ŷ for 11" not in wrong.message
    wrong = check_merged_output([0.0, 0.5, 2 / 3, 2 / 3])
    assert "ŷ for 01: three inputs are merged, not two" in wrong.message
    wrong = check_merged_output([0.5, 2 / 3, 2 / 3, 2 / 3])
    assert "ŷ for 00: it is not merged" in wrong.message and "01" not in wrong.message
    assert "expected a list of four numbers" in check_merged_output([0, 1]).message
    assert "expected four numbers" in check_merged_output([0, "a", 1, 1]).message


@pytest.fixture(scope="module")
def right_fraction():
    X, y = xor()
    return stall_study([2, 2, 2, 1], X, y, **FRACTION_SETUP).fraction_solved


def test_fraction_solved(right_fraction):
    assert check_fraction_solved(right_fraction).passed
    assert "Not answered yet" in check_fraction_solved(None).message
    high = check_fraction_solved(min(1.0, right_fraction + 0.05))
    assert not high.passed and "too high" in high.message
    low = check_fraction_solved(right_fraction - 0.05)
    assert not low.passed and "too low" in low.message
    percent = check_fraction_solved(100 * right_fraction)
    assert not percent.passed and "percentage" in percent.message
    assert "expected a number" in check_fraction_solved("0.5").message
    assert "between 0 and 1" in check_fraction_solved(-0.2).message
