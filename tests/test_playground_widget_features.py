"""The playground widget's newer controls, wired to the logic (no browser): the η slider on its
grid with a typed value beside it; own points; export; the unit inspector."""

import pytest

from backprop_lib.playground import PlaygroundWidget
from backprop_lib.playground.controls import eta_grid


@pytest.fixture
def w():
    return PlaygroundWidget()


def test_the_default_eta_is_on_the_slider_and_in_the_box(w):
    assert w.eta.value == 0.5 == w.eta_text.value and w.eta.label == "0.5"
    assert [value for _label, value in w.eta.options] == list(eta_grid())


def test_a_typed_eta_joins_the_slider_and_trains(w):
    w.eta_text.value = 0.0137
    assert w.playground.settings.eta == 0.0137
    assert w.eta.value == 0.0137 and w.eta.label == "0.0137"
    w.eta.index += 1  # one step right, one left: back to the typed value
    assert w.eta.value == 0.015 and w.eta_text.value == 0.015
    w.eta.index -= 1
    assert w.playground.settings.eta == 0.0137 == w.eta_text.value
    w.eta_text.value = 7.77  # a second typed value: both stay, in order
    values = [value for _label, value in w.eta.options]
    assert values == sorted(values) and {0.0137, 7.77} <= set(values)
