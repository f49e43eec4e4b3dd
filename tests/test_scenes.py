"""The presenter's named scenes do what their names promise, trained without a browser; and the
one number format the views and the status line use."""

import numpy as np
import pytest

from backprop_lib.playground import Playground
from backprop_lib.playground.scenes import BY_NAME, SCENES
from backprop_lib.playground.svg import readable
from backprop_lib.studies.diagnostics import layer_gradient_norms

NAMES = [
    "XOR learns",
    "the stall",
    "η too large",
    "vanishing gradients with sigmoid",
    "the spiral with softmax",
]


def trained(scene):
    """The scene's playground after all the epochs it asks for (Play goes on past a retrain)."""
    pg = Playground(scene.settings)
    while pg.epoch < scene.settings.epochs and pg.step(min(1000, scene.settings.epochs - pg.epoch)):
        pass
    return pg


def test_the_presenter_has_the_five_scenes_in_order():
    assert [scene.name for scene in SCENES] == NAMES
    for scene in SCENES:
        assert set(scene.changes()) >= {"eta", "layers", "seed", "dataset", "pairing"}
        assert len(scene.shows) > 30


def test_xor_learns():
    pg = trained(BY_NAME["XOR learns"])
    assert pg.accuracy == 1.0 and not pg.diagnosis().failing and not pg.message
    assert pg.cost[-1] < 0.01 * pg.cost[0]


def test_the_stall_stays_at_chance_on_a_plateau():
    pg = trained(BY_NAME["the stall"])
    assert pg.accuracy == 0.5 and pg.diagnosis().kind == "chance"
    assert abs(pg.cost[-1] - 0.25) < 0.02 and abs(pg.cost[-1] - pg.cost[-500]) < 0.01
    solved = Playground(
        BY_NAME["the stall"].settings.__class__(**{**BY_NAME["the stall"].changes(), "seed": 1})
    )
    assert solved.accuracy == 1.0, "another seed solves it: the stall is the start, not the net"


def test_eta_too_large_oscillates_and_learns_nothing():
    pg = trained(BY_NAME["η too large"])
    assert pg.accuracy <= 0.75
    assert pg.diverged or pg.diagnosis().kind in ("oscillating", "rising")
    calm = Playground(BY_NAME["XOR learns"].settings)
    assert calm.settings.eta < pg.settings.eta and calm.accuracy == 1.0


def test_vanishing_gradients_with_sigmoid_stay_at_chance_where_tanh_learns():
    scene = BY_NAME["vanishing gradients with sigmoid"]
    pg = trained(scene)
    assert pg.accuracy < 0.6 and pg.diagnosis().failing
    tanh = Playground(scene.settings.__class__(**{**scene.changes(), "hidden": "tanh"}))
    assert tanh.accuracy > 0.95
    first_sigmoid = layer_gradient_norms(pg.net, pg.X, pg.y)[0]
    first_tanh = layer_gradient_norms(tanh.net, tanh.X, tanh.y)[0]
    assert first_sigmoid < first_tanh / 3, (first_sigmoid, first_tanh)


def test_the_spiral_with_softmax_separates_three_arms():
    pg = trained(BY_NAME["the spiral with softmax"])
    assert pg.net.layers[-1] == 3 and pg.settings.pairing == "softmax+ce"
    assert pg.accuracy >= 0.9 and not pg.diagnosis().failing and not pg.message


def test_a_scene_replaces_every_setting_on_screen():
    pg = Playground(BY_NAME["the spiral with softmax"].settings)
    assert pg.apply(**BY_NAME["XOR learns"].changes())
    assert pg.settings == BY_NAME["XOR learns"].settings and pg.accuracy == 1.0


@pytest.mark.parametrize(
    "value, shown",
    [
        (0, "0"),
        (1e-3, "0.001"),
        (-4.3e-5, "−4.3×10⁻⁵"),
        (0.000999, "9.99×10⁻⁴"),
        (0.123456, "0.123"),
        (-0.5, "−0.5"),
        (12.345, "12.3"),
        (999.95, "1000"),
        (1234.5, "1230"),
        (9999.7, "1×10⁴"),
        (12345, "1.23×10⁴"),
        (float("nan"), "nan"),
        (float("-inf"), "−∞"),
    ],
)
def test_readable_prints_three_significant_digits_without_e_notation(value, shown):
    assert readable(value) == shown


def test_readable_never_uses_e_notation_from_1e_minus_3_to_1e4():
    for value in np.geomspace(1e-3, 9.99e3, 400):
        for signed in (value, -value):
            text = readable(signed)
            assert "e" not in text and "×" not in text, text
            assert abs(float(text.replace("−", "-")) - signed) <= 0.005 * abs(signed), text
