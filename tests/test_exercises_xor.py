"""Notebook 04's checkers: right answers in every form pass, wrong ones name the wrong part."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from student_loop import RIGHT, backward, forward, gradients, update

from backprop_lib import Network, xor
from backprop_lib.activations import sigmoid
from backprop_lib.exercises.xor_training import (
    FRACTION_SETUP,
    SHAPES_LAYERS,
    check_fraction_solved,
    check_merged_output,
    check_training_loop,
    check_update_shapes,
)
from backprop_lib.studies.stall import stall_study

HOSTILE = [
    float("nan"),
    float("inf"),
    1 + 2j,
    sp.nan,
    sp.zoo,
    sp.I,
    sp.Matrix([[1, 2], [3, 4]]),
    "9" * 5000,
    "x" * 5000,
    {"a": 1},
    object(),
]


# -- exercise 1: the training loop, stage by stage ----------------------------------------


def scaffold_forward(thetas, X):
    z, a = [None], [X]
    for _theta in thetas:
        z.append(None)
        a.append(None)
    return z, a


def scaffold_backward(thetas, a, y, loss):
    L = len(a) - 1
    delta = [None] * (L + 1)
    delta[L] = None
    for l in range(L - 1, 0, -1):
        delta[l] = None
    return delta


def scaffold_gradients(a, delta):
    return [None for l in range(len(a) - 1)]


def scaffold_update(thetas, grads, eta):
    return [None for theta, grad in zip(thetas, grads)]


SCAFFOLD = (scaffold_forward, scaffold_backward, scaffold_gradients, scaffold_update)


def with_stage(index, fn):
    """The right four functions with one replaced."""
    functions = list(RIGHT)
    functions[index] = fn
    return functions


def test_training_loop_right_answers_in_every_form():
    result = check_training_loop(*RIGHT)
    assert result.passed and "200 epochs of your loop land where Network.fit does" in repr(result)

    def forward_tuples(thetas, X):  # tuples, nested lists
        z, a = forward(thetas, X)
        return tuple(z), tuple(v.tolist() for v in a)

    def backward_tuple(thetas, a, y, loss):
        return tuple(backward(thetas, a, y, loss))

    def gradients_lists(a, delta):
        return tuple(g.tolist() for g in gradients(a, delta))

    def update_in_place(thetas, grads, eta):  # changes its inputs, returns them
        for theta, grad in zip(thetas, grads):
            theta -= eta * grad
        return thetas

    result = check_training_loop(forward_tuples, backward_tuple, gradients_lists, update_in_place)
    assert result.passed, result.message


def test_training_loop_unanswered_and_partly_answered():
    assert "Not answered yet" in check_training_loop(None, None, None, None).message
    result = check_training_loop(*SCAFFOLD)
    assert not result.passed and result.message.startswith("Not answered yet")
    partly = check_training_loop(forward, *SCAFFOLD[1:])
    assert not partly.passed
    assert [ok for ok, _ in partly.parts] == [True, False, False, False]
    assert partly.message.startswith("✓ the forward pass is right at every layer\n✗ backward")
    assert "δ^(4) (delta[3]) is still None" in partly.message
    assert "forward pass:" not in partly.message


def test_training_loop_forward_slips_name_the_layer():
    def no_bias(thetas, X):
        z, a = [None], [X]
        for theta in thetas:
            z.append(a[-1] @ theta[:, 1:].T)
            a.append(sigmoid(z[-1]))
        return z, a

    message = check_training_loop(*with_stage(0, no_bias)).message
    assert "forward pass, layer 2: z^(2) (z[1]) misses the bias" in message

    def transposed(thetas, X):  # runs on the square 2×2 W of layer 2, then fails on layer 4
        z, a = [None], [X]
        for theta in thetas:
            z.append(a[-1] @ theta[:, 1:] + theta[:, 0])
            a.append(sigmoid(z[-1]))
        return z, a

    message = check_training_loop(*with_stage(0, transposed)).message
    assert "forward pass: your function raised ValueError" in message
    assert "check the shapes: Θ^(l) (thetas[l-1]) is units × (1 + inputs)" in message

    def transposed_first(thetas, X):  # only layer 2's W transposed: right shapes, wrong values
        z, a = forward(thetas, X)
        z[1] = X @ thetas[0][:, 1:] + thetas[0][:, 0]
        a[1] = sigmoid(z[1])
        z2 = a[1] @ thetas[1][:, 1:].T + thetas[1][:, 0]
        z[2], a[2] = z2, sigmoid(z2)
        z[3] = a[2] @ thetas[2][:, 1:].T + thetas[2][:, 0]
        a[3] = sigmoid(z[3])
        return z, a

    message = check_training_loop(*with_stage(0, transposed_first)).message
    assert "forward pass, layer 2: z^(2) (z[1]) uses W untransposed" in message
    assert "layer 3" not in message  # later layers follow from the student's own a^(2)

    def no_sigma(thetas, X):
        z, a = forward(thetas, X)
        z3 = a[2] @ thetas[2][:, 1:].T + thetas[2][:, 0]
        z[3], a[3] = z3, z3
        return z, a

    message = check_training_loop(*with_stage(0, no_sigma)).message
    assert "forward pass, layer 4: a^(4) (a[3]) equals z: apply σ" in message

    def sigma_prime(thetas, X):
        z, a = [None], [X]
        for theta in thetas:
            z.append(a[-1] @ theta[:, 1:].T + theta[:, 0])
            a.append(sigmoid(z[-1]) * (1 - sigmoid(z[-1])))
        return z, a

    assert "a^(2) (a[1]) is σ'(z)" in check_training_loop(*with_stage(0, sigma_prime)).message

    def bias_column_kept(thetas, X):  # the article's A^(l) = [1, a^(l)] stored in a
        ones = np.ones((len(X), 1))
        z, a = [None], [X]
        for theta in thetas:
            A = a[-1] if a[-1].shape[1] == theta.shape[1] else np.hstack([ones, a[-1]])
            z.append(A @ theta.T)
            a.append(np.hstack([ones, sigmoid(z[-1])]))
        return z, a

    message = check_training_loop(*with_stage(0, bias_column_kept)).message
    assert "a^(2) (a[1]) has a column of ones" in message

    def three_entries(thetas, X):
        z, a = forward(thetas, X)
        return z[1:], a

    message = check_training_loop(*with_stage(0, three_entries)).message
    assert "z has 3 entries, expected 4: put None first" in message


def test_training_loop_backward_slips_name_the_loss_and_layer():
    def article_delta(thetas, a, y, loss):  # ŷ − y whatever the loss: the article's slip
        return backward(thetas, a, y, "bce")

    message = check_training_loop(*with_stage(1, article_delta)).message
    assert "✓ the forward pass" in message and "✓ the gradients" in message
    assert "✓ the update" in message
    assert "backward pass (loss='mse'), layer 4: δ^(4) (delta[3]) is the article's ŷ − y" in message
    assert "loss='bce'" not in message

    def mse_delta(thetas, a, y, loss):
        return backward(thetas, a, y, "mse")

    message = check_training_loop(*with_stage(1, mse_delta)).message
    assert "(loss='bce'), layer 4: δ^(4) (delta[3]) has the factor ŷ(1 − ŷ)" in message

    def sigma_not_prime(thetas, a, y, loss):
        delta = backward(thetas, a, y, loss)
        delta[1] = (delta[2] @ thetas[1][:, 1:]) * a[1]
        return delta

    message = check_training_loop(*with_stage(1, sigma_not_prime)).message
    assert "layer 2: δ^(2) (delta[1]) has σ where σ' belongs" in message

    def bias_not_dropped(thetas, a, y, loss):
        delta = backward(thetas, a, y, loss)
        delta[2] = (delta[3] @ thetas[2]) * np.hstack([np.ones((4, 1)), a[2] * (1 - a[2])])
        return delta

    message = check_training_loop(*with_stage(1, bias_not_dropped)).message
    assert "δ^(3) (delta[2]) has 3 columns, one too many: drop the bias column" in message

    def transposed_w(thetas, a, y, loss):
        delta = backward(thetas, a, y, loss)
        delta[1] = (delta[2] @ thetas[1][:, 1:].T) * a[1] * (1 - a[1])
        return delta

    message = check_training_loop(*with_stage(1, transposed_w)).message
    assert "δ^(2) (delta[1]) uses W transposed" in message

    def sign(thetas, a, y, loss):
        delta = backward(thetas, a, y, loss)
        return [None] + [-d for d in delta[1:]]

    assert "has the wrong sign" in check_training_loop(*with_stage(1, sign)).message

    def mean(thetas, a, y, loss):
        delta = backward(thetas, a, y, loss)
        delta[3] = delta[3] / 4
        return delta

    assert "is averaged over the samples" in check_training_loop(*with_stage(1, mean)).message


def test_training_loop_gradient_and_update_slips():
    def mean(a, delta):
        return [g / 4 for g in gradients(a, delta)]

    message = check_training_loop(*with_stage(2, mean)).message
    assert "gradients, layer 1: ∂J/∂Θ^(1) is a mean where the article sums" in message

    def no_bias(a, delta):
        return [delta[l + 1].T @ a[l] for l in range(3)]

    message = check_training_loop(*with_stage(2, no_bias)).message
    assert "∂J/∂Θ^(1) misses the bias column" in message and "(and 2 more)" in message

    def transposed(a, delta):
        return [g.T for g in gradients(a, delta)]

    message = check_training_loop(*with_stage(2, transposed)).message
    assert "∂J/∂Θ^(1) is transposed" in message

    def bias_last(a, delta):
        return [
            np.hstack([delta[l + 1].T @ a[l], delta[l + 1].sum(axis=0)[:, None]]) for l in range(3)
        ]

    assert "puts the bias gradient last" in check_training_loop(*with_stage(2, bias_last)).message

    def climbs(thetas, grads, eta):
        return [t + eta * g for t, g in zip(thetas, grads)]

    message = check_training_loop(*with_stage(3, climbs)).message
    assert "update, layer 1: the new Θ^(1) climbs" in message

    def no_eta(thetas, grads, eta):
        return [t - g for t, g in zip(thetas, grads)]

    assert "misses η" in check_training_loop(*with_stage(3, no_eta)).message

    def change_only(thetas, grads, eta):
        return [-eta * g for g in grads]

    assert "is only the change ΔΘ" in check_training_loop(*with_stage(3, change_only)).message


def test_training_loop_never_crashes():
    def raises(*args):
        raise KeyError("oops")

    for stage, name in enumerate(["forward pass", "backward pass", "gradients", "update"]):
        result = check_training_loop(*with_stage(stage, raises))
        assert not result.passed and f"{name}" in result.message and "KeyError" in result.message

    def returns_none(*args):
        return None

    message = check_training_loop(*with_stage(0, returns_none)).message
    assert "forward returned None; it should return z, a" in message

    def nan_forward(thetas, X):
        z, a = forward(thetas, X)
        a[2] = np.full_like(a[2], np.nan)
        return z, a

    message = check_training_loop(*with_stage(0, nan_forward)).message
    assert "a[2]: expected numbers" in message and "NaN" in message

    def complex_update(thetas, grads, eta):
        return [t - eta * g + 1j for t, g in zip(thetas, grads)]

    assert "complex" in check_training_loop(*with_stage(3, complex_update)).message

    def wrong_shape(a, delta):
        return [np.zeros((5, 5))] * 3

    message = check_training_loop(*with_stage(2, wrong_shape)).message
    assert "∂J/∂Θ^(1) has shape (5, 5)" in message

    def garbage(*args):
        return "x" * 10_000

    for stage in range(4):
        result = check_training_loop(*with_stage(stage, garbage))
        assert not result.passed and len(result.message) < 600

    def library_deltas(thetas, a, y, loss):  # the library's answer, pasted: not accepted
        net = Network([2, 2, 2, 1], loss=loss)
        net.thetas = thetas
        return net.deltas(a[0], y)

    result = check_training_loop(*with_stage(1, library_deltas))
    assert not result.passed
    assert "backward: write it in plain NumPy; it uses Network from the library" in result.message

    result = check_training_loop(forward, 3, gradients, update)
    assert not result.passed and "backward: expected a function" in result.message

    def drifts(thetas, grads, eta):  # right once, but keeps a hidden state between calls
        drifts.calls += 1
        return update(thetas, grads, eta if drifts.calls < 3 else 2 * eta)

    drifts.calls = 0
    result = check_training_loop(*with_stage(3, drifts))
    assert not result.passed and "do not land where Network.fit does" in result.message


# -- exercise 2: shapes ------------------------------------------------------------------------


def test_update_shapes_right_in_every_form():
    right = [t.shape for t in Network(SHAPES_LAYERS, seed=1).thetas]
    for answer in (
        right,
        tuple(right),
        [list(s) for s in right],
        np.array(right),
        [tuple(np.int64(v) for v in s) for s in right],
        [(3.0, 3.0), (2, 4), (1, 3)],
        sp.Matrix(right),
    ):
        result = check_update_shapes(answer)
        assert result.passed, (answer, result.message)


def test_update_shapes_wrong_and_hostile():
    right = [t.shape for t in Network(SHAPES_LAYERS, seed=1).thetas]
    assert "Not answered yet" in check_update_shapes(None).message
    wrong = check_update_shapes([(3, 2), right[1], right[2]])
    assert not wrong.passed and "ΔΘ^(1) misses the bias column" in wrong.message
    assert "ΔΘ^(2)" not in wrong.message
    wrong = check_update_shapes([right[0], right[1][::-1], right[2]])
    assert not wrong.passed and "ΔΘ^(2) is transposed" in wrong.message
    wrong = check_update_shapes([right[0], right[1], (4, 3)])
    assert not wrong.passed and "ΔΘ^(3) has a samples axis" in wrong.message
    assert "expected a list of 3 (rows, columns) shapes" in check_update_shapes([(3, 3)]).message
    message = check_update_shapes([right[0], 8, right[2]]).message
    assert "ΔΘ^(2): expected a (rows, columns) pair" in message
    assert "two whole numbers" in check_update_shapes([(3, 3.5), (2, 4), (1, 3)]).message
    for bad in HOSTILE:
        result = check_update_shapes(bad)
        assert not result.passed and len(result.message) < 300
        result = check_update_shapes([bad, right[1], right[2]])
        assert not result.passed and "ΔΘ^(1)" in result.message and len(result.message) < 300


# -- exercise 3: a stuck run's outputs, typed by hand -------------------------------------


def test_merged_output_right_in_every_form_to_three_digits():
    for answer in (
        [0.0, 2 / 3, 2 / 3, 2 / 3],
        [0, 0.667, 0.667, 0.667],
        (0.001, 0.6667, 0.667, 0.6665),
        np.array([0.0, 0.667, 0.667, 0.667]),
        [0, Fraction(2, 3), sp.Rational(2, 3), "2/3"],
        sp.Matrix([0, sp.Rational(2, 3), sp.Rational(2, 3), sp.Rational(2, 3)]).T,
        [np.float32(0), np.float64(0.667), 0.667, 0.667],
    ):
        result = check_merged_output(answer)
        assert result.passed, (answer, result.message)


def test_merged_output_wrong_answers_and_slips():
    assert "Not answered yet" in check_merged_output(None).message
    wrong = check_merged_output([0.0, 1.0, 1.0, 2 / 3])
    assert not wrong.passed
    assert "ŷ for 01 cannot reach its own target" in wrong.message
    assert "ŷ for 10 cannot reach" in wrong.message and "ŷ for 11" not in wrong.message
    wrong = check_merged_output([0.0, 0.5, 2 / 3, 2 / 3])
    assert "ŷ for 01: three inputs are merged, not two" in wrong.message
    wrong = check_merged_output([0.5, 2 / 3, 2 / 3, 2 / 3])
    assert "ŷ for 00: it is not merged" in wrong.message and "01" not in wrong.message
    two_digits = check_merged_output([0, 0.67, 0.67, 0.67])
    assert not two_digits.passed
    assert "ŷ for 01 agrees to 2 significant digits; give 3" in (two_digits.message)
    assert "2/3" not in two_digits.message and "0.667" not in two_digits.message
    assert "got shape (2,)" in check_merged_output([0, 1]).message
    assert "outputs[1]" in check_merged_output([0, "a", 1, 1]).message


def test_merged_output_rejects_hostile_answers():
    for bad in HOSTILE:
        for answer in (bad, [0, bad, 2 / 3, 2 / 3]):
            result = check_merged_output(answer)
            assert not result.passed and len(result.message) < 300, (bad, result.message)
    assert not check_merged_output([0, float("nan"), 2 / 3, 2 / 3]).passed
    assert not check_merged_output([0, 2 / 3 + 0j * 1, 2 / 3, 2 / 3 + 1e-3j]).passed


# -- exercise 4: a share of runs, computed ------------------------------------------------


@pytest.fixture(scope="module")
def right_fraction():
    X, y = xor()
    return stall_study([2, 2, 2, 1], X, y, **FRACTION_SETUP).fraction_solved


def test_fraction_solved(right_fraction):
    for answer in (right_fraction, np.float64(right_fraction), f"{right_fraction:.4f}"):
        assert check_fraction_solved(answer).passed, answer
    assert check_fraction_solved(sp.Float(right_fraction)).passed
    assert "Not answered yet" in check_fraction_solved(None).message
    high = check_fraction_solved(min(1.0, right_fraction + 0.05))
    assert not high.passed and "too high" in high.message
    low = check_fraction_solved(right_fraction - 0.05)
    assert not low.passed and "too low" in low.message
    percent = check_fraction_solved(100 * right_fraction)
    assert not percent.passed and "percentage" in percent.message
    assert "between 0 and 1" in check_fraction_solved(-0.2).message
    for bad in HOSTILE:
        result = check_fraction_solved(bad)
        assert not result.passed and len(result.message) < 300, (bad, result.message)
