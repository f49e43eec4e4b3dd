"""Draw a digit: downsampling as digits() was made, the reading, and the widget's wiring."""

import numpy as np
import pytest

from backprop_lib import Network
from backprop_lib.data import digits
from backprop_lib.playground.digit_pad import DigitPad
from backprop_lib.playground.drawing import CANVAS, downsample, read_drawing
from backprop_lib.saliency import input_gradient


def bitmap_of(x):
    """A 32 × 32 bitmap whose 4 × 4 blocks hold x * 16 inked cells each (the UCI counts)."""
    cells = np.zeros((CANVAS, CANVAS), dtype=int)
    for p, value in enumerate(np.round(x * 16).astype(int)):
        r, c = divmod(p, 8)
        block = np.zeros(16, dtype=int)
        block[:value] = 1
        cells[4 * r : 4 * r + 4, 4 * c : 4 * c + 4] = block.reshape(4, 4)
    return cells


@pytest.fixture(scope="module")
def trained():
    X, y = digits(seed=0)
    net = Network(
        [64, 16, 10], hidden="tanh", output="softmax", loss="ce", reduction="mean", seed=0
    )
    net.fit(X[:600], y[:600], eta=0.3, epochs=15, batch_size=32)
    return net, X, y


def test_downsample_counts_inked_cells_per_block():
    cells = np.zeros((CANVAS, CANVAS))
    cells[:4, :4] = 1  # the whole top-left block
    cells[4, 4:8] = 1  # a quarter of the block below-right of it
    x = downsample(cells)
    assert x.shape == (64,) and x[0] == 1.0 and x[9] == 0.25 and x.sum() == 1.25
    np.testing.assert_array_equal(downsample(cells.ravel().tolist()), x)


def test_a_dataset_digit_drawn_cell_by_cell_reads_as_the_network_reads_it(trained):
    net, X, _ = trained
    for i in range(5):
        cells = bitmap_of(X[i])
        np.testing.assert_array_equal(downsample(cells), X[i])
        reading = read_drawing(net, cells)
        np.testing.assert_allclose(reading.probabilities, net.predict(X[i : i + 1])[0], rtol=1e-14)
        assert reading.predicted == int(np.argmax(net.predict(X[i : i + 1])))
        assert abs(reading.probabilities.sum() - 1) < 1e-12
        np.testing.assert_array_equal(
            reading.saliency, input_gradient(net, X[i : i + 1], reading.predicted)[0]
        )


@pytest.mark.parametrize(
    "cells, error",
    [
        ([0] * 10, ValueError),
        ([[2] * 32] * 32, ValueError),
        ("drawing", TypeError),
        (None, TypeError),
    ],
)
def test_bad_drawings_are_named(cells, error):
    with pytest.raises(error, match="cells"):
        downsample(cells)


def test_the_widget_reads_each_drawing_and_never_raises(trained):
    net, X, _ = trained
    pad = DigitPad(net)
    assert pad.probabilities == [] and pad.predicted == -1
    pad.cells = bitmap_of(X[3]).ravel().tolist()
    assert pad.predicted == read_drawing(net, bitmap_of(X[3])).predicted
    assert len(pad.probabilities) == 10 and len(pad.saliency) == 64
    assert abs(sum(pad.probabilities) - 1) < 1e-5
    pad.cells = [1] * 10  # malformed: a message, no exception, the last reading kept
    assert "cells" in pad.message and len(pad.probabilities) == 10
    pad.cells = [0] * CANVAS * CANVAS  # cleared
    assert pad.probabilities == [] and pad.predicted == -1 and pad.message == ""
    with pytest.raises(TypeError, match="net"):
        DigitPad(Network([2, 3, 1]))
