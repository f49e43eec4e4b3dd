"""What the views keep between frames changes nothing they show: a view drawn from the caches
(the marks a network's shape decides, the notes' text, the colour table's hex codes, the
heat map's PNG, the accuracy of the status line) is the view drawn from nothing."""

import numpy as np
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
