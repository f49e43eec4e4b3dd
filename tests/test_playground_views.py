"""What the views keep between frames changes nothing they show: a view drawn from the caches
(the marks a network's shape decides, the notes' text, the colour table's hex codes, the
heat map's PNG, the accuracy of the status line) is the view drawn from nothing."""

import base64
import io
import re

import numpy as np
import PIL.Image
import pytest

from backprop_lib.classes import accuracy
from backprop_lib.playground import Playground, Settings, curve, diagram, notes, svg

SHAPES = [
    Settings(),
    Settings(dataset="spiral", layers="8, 8, 8"),
    Settings(dataset="spiral3", pairing="softmax+ce", layers="6"),
    Settings(layers=""),
]


def _forget():
    """Empty every cache the views keep."""
    for cached in (
        diagram._layout,
        diagram._layer_names,
        diagram._legend,
        notes._unit_templates,
        notes._edge_templates,
        svg._png,
        curve._tick_label,
    ):
        cached.cache_clear()
    svg._HEX.clear()


def test_views_drawn_from_the_caches_are_the_views_drawn_fresh():
    playgrounds = [Playground(s) for s in SHAPES]
    for pg in playgrounds:
        pg.step(7)
    cached = [(pg.views(), pg.picture(), pg.status) for pg in playgrounds]  # shapes interleaved
    for pg, before in zip(playgrounds, cached):
        _forget()
        assert (pg.views(), pg.picture(), pg.status) == before


@pytest.mark.parametrize("settings", SHAPES[:3])
def test_a_view_follows_the_network_after_training(settings):
    """The cached marks are only the shape's: the values drawn are the network's of now."""
    pg = Playground(settings)
    before = pg.views()
    pg.step(50)
    after = pg.views()
    assert after["forward"] != before["forward"] and after["boundary"] != before["boundary"]
    _forget()
    assert pg.views() == after


def test_the_accuracy_follows_weights_changed_in_place():
    pg = Playground(Settings())
    trained = pg.accuracy
    assert trained == accuracy(pg.net, pg.X, pg.y)
    for theta in pg.net.thetas:
        theta[:] = 0.0  # in place: the same arrays, other values (ŷ = 0.5 everywhere)
    assert pg.accuracy == accuracy(pg.net, pg.X, pg.y) != trained
    assert np.isclose(pg.accuracy, 0.5)


def _heat_map(view):
    """The decision-boundary view's heat map, decoded: an (h, w, 3) array of colours."""
    found = re.search(r'href="data:image/png;base64,([^"]+)"', view)
    assert found, "no PNG in the view"
    return np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(found.group(1)))).convert("RGB"))


@pytest.mark.parametrize("settings", SHAPES[:2])
def test_the_heat_map_shows_each_grid_point_in_its_table_colour(settings):
    """Stored as palette indices, the PNG still shows table[round(255 ŷ)] at every pixel, top
    row first: the picture an RGB PNG of the same colours showed."""
    pg = Playground(settings)
    pg.step(30)
    y_hat = pg._boundary.grid_values(pg.net)
    expected = svg.YHAT_TABLE[np.round(y_hat[::-1] * 255).astype(int)]
    shown = _heat_map(pg.views()["boundary"])
    assert shown.shape == expected.shape and np.array_equal(shown, expected)
    pg.step(30)  # a trained network: another picture, drawn as such
    assert not np.array_equal(_heat_map(pg.views()["boundary"]), shown)


def test_tenths_write_what_one_decimal_formatting_writes():
    rng = np.random.default_rng(0)
    values = rng.uniform(0, svg.WIDTH, size=(500, 2))
    assert svg.tenths(values) == [f"{v:.1f}" for v in values.ravel()]
    # off the table (negative, beyond the box, not a number): written one by one
    odd = np.array([-3.25, 1e6, np.nan, 12.34])
    assert svg.tenths(odd) == [f"{v:.1f}" for v in odd]
    # halfway between two tenths, round-off may pick either neighbour, never a third number
    for v in np.arange(0.05, 10, 0.1):
        assert abs(float(svg.tenths([v])[0]) - v) <= 0.05 + 1e-9


def test_the_loss_curve_holds_the_costs_as_it_did():
    """The polyline's points are each epoch's (x, y) in tenths of the view box, as written with
    "%.1f" before the table of tenths."""
    pg = Playground(Settings())
    pg.step(600)
    view = curve.draw_loss(pg.cost)
    points = re.search(r'<polyline points="([^"]+)"', view).group(1).split(" ")
    xy = np.array([p.split(",") for p in points], dtype=float)
    assert len(xy) == curve.MAX_POINTS
    cost = pg.cost
    keep = np.unique(np.linspace(0, cost.size - 1, curve.MAX_POINTS).astype(int))
    x = curve.LEFT + keep / (cost.size - 1) * curve.SIZE_X
    assert np.allclose(xy[:, 0], x, atol=0.05 + 1e-9)
    # a larger J is drawn higher up (a smaller y): the order of the costs is kept
    order = np.argsort(cost[keep], kind="stable")
    assert np.all(np.diff(xy[order, 1]) <= 0.1) and xy[order[-1], 1] < xy[order[0], 1] - 100
