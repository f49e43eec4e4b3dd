"""See inside, without a browser: each unit's z, a and δ and each weight's θ and ∂J/∂θ, with
the article's equation numbers, in the views' SVG as titles and data-info for screen readers;
the hidden units' own pictures."""

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from backprop_lib.playground import Playground, Settings
from backprop_lib.playground.notes import (
    MAX_EDGE_NOTES,
    draw_hidden_units,
    edge_notes,
    hidden_unit_values,
    unit_notes,
)
from backprop_lib.playground.pad import NotedView

NUMBER = r"(−?[\d.]+(?:e[−+]?\d+)?)"


def _number(text):
    return float(text.replace("−", "-"))


@pytest.fixture(scope="module")
def run():
    return Playground(Settings(seed=0))


def test_each_unit_note_holds_its_z_a_and_delta_with_their_equations(run):
    sample = 1
    notes = unit_notes(run.net, run.X[sample], run.y[sample])
    forward = run.net.forward(run.X[sample : sample + 1])
    delta = run.net.deltas(run.X[sample : sample + 1], run.y[sample : sample + 1])
    assert [len(layer) for layer in notes] == run.net.layers
    for l in range(1, len(notes)):
        for j, note in enumerate(notes[l]):
            z = re.search(rf"z\S* = .* = {NUMBER}, eq\. \(6\)", note).group(1)
            a = re.search(rf"a\S* = \w+\(z\) = {NUMBER}, eq\. \(6\)", note).group(1)
            d = re.search(rf"δ\S* = ∂J/∂z \(eq\. 13\) = .* = {NUMBER}, eq", note).group(1)
            assert _number(z) == pytest.approx(forward.z[l][0, j], rel=1e-3)
            assert _number(a) == pytest.approx(forward.a[l][0, j], rel=1e-3)
            assert _number(d) == pytest.approx(delta[l][0, j], rel=1e-3)
            assert ("eq. (14)" in note) == (l == len(notes) - 1)  # ŷ − y at the output
            assert ("eqs. (15)–(16)" in note) == (l < len(notes) - 1)


def test_each_weight_note_holds_theta_its_gradient_and_the_step(run):
    notes = edge_notes(run.net, run.X, run.y, 1, run.settings.eta)
    gradients = run.net.gradients(run.X, run.y)
    for l, theta in enumerate(run.net.thetas):
        assert len(notes[l]) == theta.size
        for (j, i), note in zip(np.ndindex(theta.shape), notes[l]):
            value = re.match(rf"θ\S* = {NUMBER}", note).group(1)
            whole = re.search(rf"{NUMBER} over all 4, eq\. \(17\)", note).group(1)
            step = re.search(rf"Δθ = −η ∂J/∂θ = {NUMBER}", note).group(1)
            assert _number(value) == pytest.approx(theta[j, i], rel=1e-3)
            assert _number(whole) == pytest.approx(gradients[l][j, i], rel=1e-3, abs=1e-12)
            assert _number(step) == pytest.approx(
                -run.settings.eta * gradients[l][j, i], rel=1e-3, abs=1e-12
            )


def test_the_output_delta_of_squared_error_through_a_sigmoid_names_its_derivative():
    run = Playground(Settings(seed=0, pairing="sigmoid+mse", epochs=10))
    note = unit_notes(run.net, run.X[0], run.y[0])[-1][0]
    assert "(ŷ − y) · sigmoid′(z)" in note and "eq. (14)" not in note


def test_a_large_network_has_no_edge_notes():
    run = Playground(Settings(seed=0, layers="16, 16", epochs=1))
    assert sum(t.size for t in run.net.thetas) > MAX_EDGE_NOTES
    assert edge_notes(run.net, run.X, run.y, 0, 0.5) is None
    assert "bp-unit" in run.views()["forward"] and "bp-edge" not in run.views()["forward"]


def test_the_views_name_every_unit_and_weight_for_screen_readers(run):
    views = run.views()
    for name in ("forward", "backward"):
        root = ET.fromstring(views[name])
        units = [
            g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "bp-unit"
        ]
        assert len(units) == sum(run.net.layers)
        for g in units:
            title = g.find("{http://www.w3.org/2000/svg}title").text
            assert g.get("aria-label") == g.get("data-info") == title and g.get("tabindex") == "0"
    edges = [g for g in ET.fromstring(views["forward"]).iter() if g.get("class") == "bp-edge"]
    assert len(edges) == sum(t.size for t in run.net.thetas)


def test_hidden_unit_pictures_show_each_units_activation(run):
    svg = draw_hidden_units(run.net, run.view_box)
    root = ET.fromstring(svg)
    pictures = [g for g in root.iter() if g.get("class") == "bp-unit-picture"]
    assert len(pictures) == sum(run.net.layers[1:-1])
    points = np.array([[0.0, 0.0], [1.0, 1.0]])
    values = hidden_unit_values(run.net, points)
    assert [v.shape for v in values] == [(2, 4), (2, 4)]
    assert np.array_equal(values[0], run.net.forward(points).a[1])
    none = draw_hidden_units(Playground(Settings(layers="", epochs=1)).net, run.view_box)
    assert "no hidden layer" in none


@pytest.mark.parametrize("layers", ["4, 4", "16, 16"])  # with weight notes, and too many for them
def test_notes_sent_apart_put_back_give_the_same_svg(layers):
    pg = Playground(Settings(seed=0, layers=layers))
    views, notes = pg.live_views()
    whole = pg.views()
    for name in ("forward", "backward"):
        shown = NotedView()
        shown.show(views[name], notes[name])
        assert "data-info" not in shown.value and 'data-n="0"' in shown.value
        assert shown.markup() == whole[name]  # what the page holds: the SVG sent whole
    assert len(notes["forward"]) == sum(pg.net.layers) + (
        sum(t.size for t in pg.net.thetas) if layers == "4, 4" else 0
    )
