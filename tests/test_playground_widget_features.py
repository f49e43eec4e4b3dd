"""The playground widget's newer controls, wired to the logic (no browser): the η slider on its
grid with a typed value beside it; own points; export; the unit inspector."""

import pytest

from backprop_lib.playground import PlaygroundWidget, load_network
from backprop_lib.playground.controls import eta_grid
from backprop_lib.playground.points import data_to_pixel


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


def _click(w, kind, x1, x2, **extra):
    """What the boundary view sends for a click (or drop) at (x₁, x₂), in a 600 × 375 view."""
    px, py = data_to_pixel(x1, x2, 600, 375, w.playground.view_box)
    w._pad_message(w.views["boundary"], {"event": kind, "px": px, "py": py, **extra} | SIZE, [])


SIZE = {"width": 600, "height": 375}


def test_a_click_on_the_view_adds_a_point_of_the_chosen_class(w):
    w.point_class.value = 1
    _click(w, "add", 0.25, 0.75)
    assert w.playground.X[-1] == pytest.approx([0.25, 0.75]) and w.playground.y[-1, 0] == 1
    assert "5 samples" in w.status.value and 'data-i="4"' in w.views["boundary"].value
    w._pad_message(w.views["boundary"], {"event": "add", "px": 1, "py": 1} | SIZE, [])
    assert len(w.playground.X) == 5  # the title, outside the plot: no point


def test_a_point_dragged_selected_and_deleted(w):
    _click(w, "move", 0.5, 0.4, i=0)
    assert w.playground.X[0] == pytest.approx([0.5, 0.4])
    w._pad_message(w.views["boundary"], {"event": "select", "i": 2}, [])
    assert w.views["boundary"].selected == 2
    w._pad_message(w.views["boundary"], {"event": "delete"}, [])
    assert len(w.playground.X) == 3 and w.views["boundary"].selected == -1
    w._pad_message(w.views["boundary"], {"event": "move", "i": "x"}, [])  # malformed: ignored
    w.clear_button.click()
    assert "no points" in w.status.value and "add some" in w.message.value
    w.generated_button.click()
    assert len(w.playground.X) == 4 and w.playground.points is None


def test_the_spiral_offers_three_classes_and_a_bad_file_is_named(w, tmp_path):
    w.dataset.value = "spiral3"
    assert [value for _label, value in w.point_class.options] == [0, 1, 2]
    path = tmp_path / "points.csv"
    path.write_text("0,0,0\n1,1,7\n")
    assert not w.load_points(path)
    assert "line 2: label 7 is out of range" in w.message.value
    path.write_text("0,0,0\n1,1,2\n0,1,1\n")
    assert w.load_points(path) and "3 samples" in w.status.value


def test_export_writes_a_file_that_reloads_and_offers_it(w, tmp_path):
    path = w.export(tmp_path / "run.json")
    assert load_network(path).predict(w.playground.X).tobytes() == (
        w.playground.net.predict(w.playground.X).tobytes()
    )
    assert "data:application/json;base64," in w.export_link.value
    assert w.code.layout.display == "none"
    w.code_button.click()
    assert w.code.layout.display is None and "Network([2, 4, 4, 1]" in w.code.value


def test_the_network_view_switches_to_the_hidden_units_and_back(w):
    assert "bp-svg-forward" in w.views["forward"].value
    w.network_view.value = "hidden units"
    assert "bp-svg-units" in w.views["forward"].value
    w.step_button.click()  # it stays through training
    assert "bp-svg-units" in w.views["forward"].value
    w.network_view.value = "forward pass"
    assert "bp-svg-forward" in w.views["forward"].value
    assert w.inspector in w.children and "Point at a unit" in w.inspector.hint
