"""Notebook 05's checkers: right answers pass, wrong ones are told which part is wrong."""

import re

import numpy as np
import pytest

from backprop_lib.exercises.playground import (
    DELTA_SAMPLE,
    check_hidden_delta,
    check_learning_rates,
    delta_playground,
    moons_run,
)


def test_learning_rates_unanswered():
    for answer in [(None, None), (0.05, None), (None, 0.002)]:
        result = check_learning_rates(*answer)
        assert not result.passed and result.message.startswith("Not answered yet")


def test_learning_rates_right_answer_passes():
    assert moons_run(0.05).diverged and not moons_run(0.002).diverged
    result = check_learning_rates(0.05, 0.002)
    assert result.passed and "η = 0.05 diverges" in result.message


def test_a_rate_that_does_not_diverge_is_named():
    result = check_learning_rates(0.002, 0.003)
    assert not result.passed
    assert result.message.startswith("diverging: η = 0.002 trains without blowing up")
    assert "training:" not in result.message  # the training rate was fine


def test_a_diverging_training_rate_is_named():
    result = check_learning_rates(0.5, 0.5)
    assert not result.passed
    assert "training: η = 0.5 diverges" in result.message and "diverging:" not in result.message


def test_a_training_rate_too_small_to_reach_the_target_is_named(monkeypatch):
    from backprop_lib.exercises import playground as ex

    monkeypatch.setattr(ex, "TARGET_ACCURACY", 0.999)  # unreachable by linear+mse in 500 epochs
    result = ex.check_learning_rates(0.05, 0.002)
    assert not result.passed and "training: η = 0.002 reaches only" in result.message


@pytest.mark.parametrize(
    "answer,message",
    [
        (
            ("fast", 0.002),
            r"diverging: expected a learning rate \(a number\), got an expression in fast",
        ),
        ((0.05, 20.0), r"training: 20 is outside the slider's range 0.001 to 10"),
        ((float("nan"), 0.002), r"diverging: expected a learning rate .*finite"),
        ((0.05, 1j), r"training: expected a learning rate .*complex"),
        ((True, 0.05), r"diverging: expected .*True/False"),
    ],
)
def test_learning_rates_bad_input(answer, message):
    result = check_learning_rates(*answer)
    assert not result.passed
    assert re.search(message, result.message)


def delta_parts():
    pg = delta_playground()
    x, y = pg.X[DELTA_SAMPLE : DELTA_SAMPLE + 1], pg.y[DELTA_SAMPLE : DELTA_SAMPLE + 1]
    fwd = pg.net.forward(x)
    a, y_hat = fwd.a[-2][0], fwd.a[-1][0]
    return pg.net.thetas[-1], a, y_hat, y[0]


def test_hidden_delta_by_eq_16_passes():
    theta, a, y_hat, y = delta_parts()
    answer = ((y_hat - y) @ theta[:, 1:]) * (1 - a**2)
    result = check_hidden_delta(answer)
    assert result.passed and "eq. (16)" in result.message
    for form in (list(answer), tuple(answer), answer[None, :], answer[:, None]):
        assert check_hidden_delta(form).passed  # any array-like will do
    assert check_hidden_delta([float(v) for v in answer]).passed


def test_hidden_delta_unanswered():
    result = check_hidden_delta(None)
    assert not result.passed and result.message.startswith("Not answered yet")


@pytest.mark.parametrize(
    "wrong,message",
    [
        (lambda t, a, yh, y: ((y - yh) @ t[:, 1:]) * (1 - a**2), "wrong sign"),
        (lambda t, a, yh, y: (yh - y) @ t[:, 1:], "misses the factor f'(z^(3))"),
        (lambda t, a, yh, y: ((yh - y) @ t[:, 1:]) * a * (1 - a), "the sigmoid's a(1 − a)"),
        (lambda t, a, yh, y: ((yh - y) @ t[:, 1:]) * (1 - a), "uses 1 − a for tanh'"),
        (
            lambda t, a, yh, y: ((yh - y) * yh * (1 - yh)) @ t[:, 1:] * (1 - a**2),
            "½(ŷ − y)² output δ",
        ),
        (lambda t, a, yh, y: (yh - y) * (1 - a**2), "misses the weights Θ^(3)"),
        (lambda t, a, yh, y: (yh - y) @ t, "drop Θ^(3)'s bias column"),
        (lambda t, a, yh, y: np.zeros(3), "expected 4 numbers (one per unit), got 3"),
        (lambda t, a, yh, y: "abc", "delta: expected the 4 numbers of δ^(3)"),
        (lambda t, a, yh, y: np.zeros((2, 2)), "expected 4 numbers in a row, got shape (2, 2)"),
        (lambda t, a, yh, y: [np.nan] * 4, "finite"),
    ],
)
def test_hidden_delta_wrong_answers_name_the_term(wrong, message):
    result = check_hidden_delta(wrong(*delta_parts()))
    assert not result.passed
    assert message in result.message


def test_hidden_delta_names_the_wrong_units():
    theta, a, y_hat, y = delta_parts()
    answer = ((y_hat - y) @ theta[:, 1:]) * (1 - a**2)
    answer[2] *= 1.5
    result = check_hidden_delta(answer)
    assert not result.passed and "✗ unit 3 wrong: eq. (16)" in result.message
    assert result.message.count("✓") == 3  # one line per unit, 1-based
