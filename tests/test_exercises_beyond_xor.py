"""Checkers of notebook 08: right answers pass in every form, wrong ones and slips are named."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network
from backprop_lib.activations import sigmoid, softmax
from backprop_lib.data import spiral
from backprop_lib.exercises.beyond_xor import (
    BATCH,
    GLOROT_FANS,
    MEAN_ETA,
    SAMPLES,
    check_glorot_range,
    check_softmax_delta,
    check_sum_eta,
    softmax_exercise,
)

Z, LABELS = softmax_exercise()
ONE_HOT = np.eye(3)[LABELS]
RIGHT_DELTA = softmax(Z) - ONE_HOT
TYPED_DELTA = [[-0.295, 0.259, 0.0351], [0.245, 0.0900, -0.335]]  # 3 significant digits
RIGHT_R = np.sqrt(6 / sum(GLOROT_FANS))
HOSTILE = [
    float("nan"),
    float("inf"),
    1 + 2j,
    sp.nan,
    sp.zoo,
    sp.I,
    sp.Matrix([[1, 2]]),
    "9" * 10_000,
    "9**9**9**9",
    True,
    "hello",
    {"a": 1},
    object(),
]


def test_typed_delta_is_the_right_one():
    assert np.allclose(TYPED_DELTA, RIGHT_DELTA, atol=6e-4)


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT_DELTA,
        TYPED_DELTA,
        tuple(map(tuple, TYPED_DELTA)),
        np.array(TYPED_DELTA),
        sp.Matrix(TYPED_DELTA),
        [[sp.Float(v) for v in row] for row in TYPED_DELTA],
        [[str(v) for v in row] for row in TYPED_DELTA],
    ],
)
def test_softmax_delta_right_in_every_form(answer):
    result = check_softmax_delta(answer)
    assert result.passed, result.message
    assert "ŷ − y" in result.message


@pytest.mark.parametrize(
    "answer,named",
    [
        (softmax(Z), "subtract the one-hot y"),
        (-RIGHT_DELTA, "the sign is flipped"),
        (softmax(Z.T).T - ONE_HOT, "down the columns"),
        (sigmoid(Z) - ONE_HOT, "uses σ(z)"),
        (RIGHT_DELTA * softmax(Z) * (1 - softmax(Z)), "the slope ŷ(1 − ŷ) is extra"),
        (RIGHT_DELTA / 2, "the mean's δ"),
        (RIGHT_DELTA.T, "transposed"),
        (RIGHT_DELTA + np.array([[0, 0, 0], [0, 0, 0.01]]), "1 of 6 entries"),
        (np.zeros((2, 3)), "6 of 6 entries"),
        ([1, 2, 3], "shape"),
    ],
)
def test_softmax_delta_slips_are_named(answer, named):
    result = check_softmax_delta(answer)
    assert not result.passed
    assert named in result.message


def test_softmax_delta_wants_three_digits_not_two():
    rough = np.round(RIGHT_DELTA, 2)  # two decimals: 0.04 for 0.0351
    assert not check_softmax_delta(rough).passed


@pytest.mark.parametrize("answer", HOSTILE)
def test_softmax_delta_never_passes_nor_crashes_on_hostile_answers(answer):
    result = check_softmax_delta(answer)
    assert not result.passed
    assert len(result.message) < 300


def test_softmax_delta_hostile_entries():
    for bad in (float("nan"), 1j, sp.zoo, "9" * 500):
        answer = [list(row) for row in TYPED_DELTA]
        answer[1][2] = bad
        result = check_softmax_delta(answer)
        assert not result.passed and len(result.message) < 300


def test_unanswered_say_so():
    for check in (check_softmax_delta, check_glorot_range, check_sum_eta):
        result = check(None)
        assert not result.passed and result.message.startswith("Not answered yet")


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT_R,
        0.194,
        "0.194",
        np.float32(0.1936),
        sp.sqrt(sp.Rational(6, 160)),
        sp.sqrt(3) / sp.sqrt(80),
        [0.1936],
        np.array(0.1936),
    ],
)
def test_glorot_range_right_in_every_form(answer):
    result = check_glorot_range(answer)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "answer,named",
    [
        (np.sqrt(6 / 48), "uses n_in only"),
        (np.sqrt(6 / 112), "uses n_out only"),
        (np.sqrt(3 / 48), "forward pass only"),
        (np.sqrt(3 / 112), "backward pass only"),
        (np.sqrt(2 / 160), "standard deviation"),
        (2 / 160, "that is the variance"),
        (6 / 160, "that is r²"),
        (np.sqrt(1 / 48), "LeCun"),
        (-RIGHT_R, "not Glorot's range"),
        (0.20, "not Glorot's range"),
    ],
)
def test_glorot_range_slips_are_named(answer, named):
    result = check_glorot_range(answer)
    assert not result.passed
    assert named in result.message


@pytest.mark.parametrize("check", [check_glorot_range, check_sum_eta])
@pytest.mark.parametrize("answer", HOSTILE)
def test_number_checkers_never_pass_nor_crash_on_hostile_answers(check, answer):
    result = check(answer)
    assert not result.passed
    assert len(result.message) < 300


@pytest.mark.parametrize(
    "answer", [0.02, "0.02", Fraction(1, 50), sp.Rational(1, 50), np.float64(0.02), [0.02], "1/50"]
)
def test_sum_eta_right_in_every_form(answer):
    result = check_sum_eta(answer)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "answer,named",
    [
        (MEAN_ETA / SAMPLES, "divides by all m"),
        (MEAN_ETA * BATCH, "that multiplies;"),
        (MEAN_ETA * SAMPLES, "multiplies by m"),
        (MEAN_ETA, "the same η"),
        (MEAN_ETA / 5, "divides by √b"),
        (0.03, "not right"),
    ],
)
def test_sum_eta_slips_are_named(answer, named):
    result = check_sum_eta(answer)
    assert not result.passed
    assert named in result.message


def test_the_sum_eta_really_makes_the_same_steps():
    X, y = spiral(n=SAMPLES, seed=3, classes=3)
    runs = {}
    for reduction, eta in (("mean", MEAN_ETA), ("sum", MEAN_ETA / BATCH)):
        net = Network(
            [2, 8, 3], hidden="tanh", output="softmax", loss="ce", reduction=reduction, seed=0
        )
        net.fit(X, y, eta=eta, epochs=3, batch_size=BATCH, shuffle_seed=1)
        runs[reduction] = net.thetas
    for a, b in zip(runs["mean"], runs["sum"]):
        assert np.allclose(a, b, rtol=0, atol=1e-10)
