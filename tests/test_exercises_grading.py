"""The grading rules every checker shares: typed precision relative to size, the slip runner,
feedback as one line per part (text and HTML), symbolic answers checked at unknown points."""

import numpy as np
import pytest
import sympy as sp
from test_exercises_xor import RIGHT, backward, forward, gradients, update

from backprop_lib import Network
from backprop_lib.derivations.floats import backprop_gradients, single_path_forward
from backprop_lib.exercises import CheckResult, report
from backprop_lib.exercises.answers import (
    attempt,
    first_slip,
    precision_note,
    same_expression,
    typed_close,
)
from backprop_lib.exercises.error_signal import DELTA_POINT, check_single_path_deltas
from backprop_lib.exercises.playground import check_hidden_delta, delta_playground
from backprop_lib.exercises.sigmoid import T_POINTS, T, check_tanh_derivative
from backprop_lib.exercises.single_path import GD_POINT, check_gd_step
from backprop_lib.exercises.xor_training import check_merged_output, check_training_loop

# -- the shared rules ---------------------------------------------------------------------------


def test_typed_numbers_are_graded_relative_to_their_own_size():
    for right in (0.02715, 2715.0, -0.0002715):
        assert typed_close(round(right, 3 - 1 - int(np.floor(np.log10(abs(right))))), right)
        assert not typed_close(right * 1.01, right)  # 1 % is a different number at 3 digits
    assert typed_close(0.0272, 0.02715) and typed_close(0.02715, 0.02715)


def test_precision_note_only_when_the_idea_is_right():
    assert precision_note(0.027, 0.02715) == "agrees to 2 significant digits; give 3"
    assert precision_note(0.03, 0.02715) is None  # one digit: not a rounding of the right value
    assert precision_note(0.02715 * 1.09, 0.02715) is None  # 9 % off: another idea


def test_first_slip_tries_slips_in_order_and_skips_ones_that_raise():
    slips = [("raises", lambda v: 1 / 0), ("doubled", lambda v: 2 * v), ("also", lambda v: 2 * v)]
    assert first_slip(6.0, slips, typed_close, 3.0) == "doubled"
    assert first_slip(7.0, slips, typed_close, 3.0) is None
    assert first_slip(4.0, [("a value", 4.0)], typed_close) == "a value"
    value, error = attempt(lambda: np.ones(2) @ np.ones(3))
    assert value is None and isinstance(error, ValueError)


def test_feedback_is_one_line_per_part_in_text_and_html():
    result = report([(True, "θ^(1) is right"), (False, "θ^(2) <moved> uphill")])
    assert not result.passed
    assert str(result) == "✓ θ^(1) is right\n✗ θ^(2) <moved> uphill" == result.message
    page = result._repr_html_()
    assert page.count("<li") == 2 and "&lt;moved&gt;" in page and "monospace" not in page
    single = CheckResult(True, "right")
    assert str(single) == "✓ right" and single._repr_html_().count("<li") == 1
    assert report([(True, "a"), (True, "b")], "all right") == CheckResult(True, "all right")


# -- the calls the review found graded wrongly -----------------------------------------------


def test_gd_step_grades_the_step_so_a_gradient_9_percent_off_fails():
    thetas, eta = GD_POINT["thetas"], GD_POINT["eta"]
    grads = backprop_gradients(thetas, GD_POINT["x"], GD_POINT["y"])
    right = [t - eta * g for t, g in zip(thetas, grads)]
    assert check_gd_step([round(v, 4) for v in right]).passed
    assert check_gd_step(right).passed and check_gd_step(np.array(right)[:, None]).passed
    for factor in (1.09, 0.91):
        result = check_gd_step([round(t - eta * g * factor, 4) for t, g in zip(thetas, grads)])
        assert not result.passed and result.message.count("✗") == 3, result.message
        assert "is wrong: its gradient is eq." in result.message
    result = check_gd_step([round(v, 3) for v in right])
    assert not result.passed and "give 4 decimal places" in result.message


def test_single_path_deltas_accept_values_from_rounded_inputs():
    assert check_single_path_deltas({4: -0.389, 3: -0.1569, 2: 0.0271}).passed
    _, a = single_path_forward(DELTA_POINT["thetas"], DELTA_POINT["x"])
    right4 = a[4] - DELTA_POINT["y"]
    right3 = right4 * DELTA_POINT["thetas"][2] * a[3] * (1 - a[3])
    right2 = right3 * DELTA_POINT["thetas"][1] * a[2] * (1 - a[2])
    for typed in (f"{right2:.3g}", f"{right2:.4g}"):
        assert check_single_path_deltas({4: right4, 3: right3, "2": typed}).passed
    assert not check_single_path_deltas({4: right4, 3: right3, 2: right2 * 1.05}).passed


def test_hidden_delta_accepts_four_printed_digits_and_names_a_near_miss():
    pg = delta_playground()
    x, y = pg.X[1:2], pg.y[1:2]
    right = pg.net.deltas(x, y)[-2][0]
    printed = [float(f"{v:.4g}") for v in right]
    assert check_hidden_delta(printed).passed and check_hidden_delta(right).passed
    near = list(printed)
    near[0] = right[0] * 1.015  # 1.5 % off: two digits agree
    result = check_hidden_delta(near)
    assert not result.passed and "✗ unit 1 agrees to 2 significant digits; give 3" in str(result)
    assert "unit(s) :" not in result.message


def test_merged_output_accepts_a_column_as_predict_returns_it():
    for column in (np.array([[0], [2 / 3], [2 / 3], [2 / 3]]), sp.Matrix([0, 2, 2, 2]) / 3):
        assert check_merged_output(column).passed
    assert check_merged_output(["0", "2/3", 0.667, 0.6667]).passed


def test_training_loop_judges_library_use_by_what_a_name_is_not_what_it_is_called():
    def predict(thetas, X):  # a student's own helper may be called predict
        return forward(thetas, X)

    def forward_via_helper(thetas, X):
        return predict(thetas, X)

    globals()["predict"] = predict
    assert check_training_loop(forward_via_helper, backward, gradients, update).passed
    globals()["N"] = Network  # an alias of the library's class is still the library

    def backward_via_alias(thetas, a, y, loss):
        net = N([2, 2, 2, 1], loss=loss)  # noqa: F821
        net.thetas = thetas
        return net.deltas(a[0], y)

    result = check_training_loop(forward, backward_via_alias, gradients, update)
    assert not result.passed and "it uses N from the library" in result.message


def test_training_loop_index_slip_names_the_layer_read_last_in_a_short_list():
    def backward_index_slip(thetas, a, y, loss):
        L = len(a) - 1
        delta = [None] * (L + 1)
        delta[L] = a[L] - y if loss == "bce" else (a[L] - y) * a[L] * (1 - a[L])
        for l in range(L - 1, 0, -1):
            delta[l] = (delta[l + 1] @ thetas[l - 1][:, 1:]) * a[l] * (1 - a[l])
        return delta

    result = check_training_loop(forward, backward_index_slip, gradients, update)
    lines = str(result).split("\n")
    assert [line[0] for line in lines] == ["✓", "✗", "✓", "✓"]
    assert "right after reading thetas[1] (Θ^(2), shape (2, 3))" in lines[1]
    assert "Right so far" not in result.message and "gufunc" not in result.message
    assert all(len(line) < 260 for line in lines)
    assert str(check_training_loop(*RIGHT)).count("✓") == 5


# -- symbolic answers are checked where the student cannot aim ---------------------------------


def test_tanh_derivative_rejects_a_polynomial_vanishing_at_fixed_points():
    vanishing = sp.Mul(*(T - next(iter(point.values())) for point in T_POINTS))
    assert not check_tanh_derivative(1 - T**2 + vanishing).passed
    for form in (1 - T**2, (1 - T) * (1 + T), "1 - t**2", sp.sech(sp.atanh(T)) ** 2):
        assert check_tanh_derivative(form).passed, form


@pytest.mark.parametrize("extra", [sp.Rational(1, 10**6) * T**7, 1e-9 * sp.sin(40 * T)])
def test_same_expression_tells_a_tiny_difference(extra):
    assert same_expression(1 - T**2, 1 - T**2, {T: (-0.99, 0.99)})
    assert not same_expression(1 - T**2 + extra, 1 - T**2, {T: (-0.99, 0.99)})
