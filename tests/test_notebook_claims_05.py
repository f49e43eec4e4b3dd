"""The claims notebook 05 makes about the widget's controls, asserted here, out of the lesson.

The notebook's text says: layer sizes arrive as text and anything but whole numbers from 1 to
16 is refused with a message saying what to write; a refused setting keeps the network in use;
Step trains in chunks, which is the same arithmetic as training at once.
"""

import numpy as np
import pytest

from backprop_lib.playground import Playground, Settings, parse_layers

SEED = 0  # the notebook's seed


def test_layer_sizes_are_parsed_from_text():
    assert parse_layers("4, 4") == (4, 4)
    assert parse_layers("8 3") == (8, 3)
    assert parse_layers("") == ()  # no hidden layer
    assert parse_layers(" 5,2 ") == (5, 2)


@pytest.mark.parametrize(
    "text, words",
    [("4, x", "'x' is not a whole number"), ("0", "at least 1 unit"), ("40", "at most 16")],
)
def test_bad_layer_sizes_are_refused_with_what_to_write(text, words):
    with pytest.raises(ValueError, match=words):
        parse_layers(text)


def test_a_refused_setting_keeps_the_network_and_says_why():
    pg = Playground(Settings(seed=SEED))
    before = [t.copy() for t in pg.net.thetas]
    assert pg.apply(layers="4, x") is False
    assert pg.message.startswith("Layer sizes:") and "e.g. 4, 4" in pg.message
    assert pg.net.layers == [2, 4, 4, 1]
    assert all(np.array_equal(a, b) for a, b in zip(before, pg.net.thetas))
    assert pg.apply(layers="3, 3") is True
    assert pg.net.layers == [2, 3, 3, 1] and pg.message == ""


def test_training_in_chunks_is_training_at_once():
    chunked = Playground(Settings(seed=SEED, epochs=100, chunk=50))
    chunked.step()
    chunked.step()
    straight = Playground(Settings(seed=SEED, epochs=200))
    assert chunked.epoch == straight.epoch == 200
    assert chunked.status == straight.status
    for a, b in zip(chunked.net.thetas, straight.net.thetas):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
    chunked.reset()
    assert chunked.epoch == 0


def test_the_default_run_is_the_one_the_text_describes():
    default = Playground(Settings(seed=SEED))
    assert default.net.layers == [2, 4, 4, 1]
    assert (default.net.hidden, default.net.output, default.net.loss) == ("tanh", "sigmoid", "bce")
    assert default.settings.eta == 0.5 and default.settings.epochs == 500
    assert default.epoch == 500 and default.message == ""
    y_hat = default.net.predict(default.X)
    assert np.all((y_hat > 0.5) == (default.y > 0.5))  # the default network solves XOR
