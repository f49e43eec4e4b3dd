"""studies.initialisation: Glorot's range, scaled weights, per-layer spreads of a and δ."""

import numpy as np
import pytest

from backprop_lib import Network
from backprop_lib.studies.initialisation import (
    glorot_range,
    layer_spreads,
    per_layer_factor,
    scale_weights,
)


def test_glorot_range_and_scaled_weights():
    assert glorot_range(64, 32) == pytest.approx(0.25)
    net = Network([4, 5, 2], seed=0)
    before = [t.copy() for t in net.thetas]
    net.thetas[0][:, 0] = 1.0
    scale_weights(net, 3.0)
    assert np.allclose(net.thetas[0][:, 1:], 3 * before[0][:, 1:])
    assert np.all(net.thetas[0][:, 0] == 1.0)  # biases untouched
    assert np.abs(before[0][:, 1:]).max() <= glorot_range(4, 5)
    for bad in (0, -1.0, np.nan, np.inf):
        with pytest.raises(ValueError, match="factor:"):
            scale_weights(net, bad)
    with pytest.raises(TypeError, match="factor:"):
        scale_weights(net, "2")
    with pytest.raises(TypeError, match="net:"):
        scale_weights([1], 2.0)


def test_layer_spreads_on_a_deep_tanh_net():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 32)), rng.normal(size=(64, 1))
    layers = [32] * 6 + [1]
    spreads = {}
    for factor in (0.5, 1.0, 3.0):
        net = scale_weights(Network(layers, hidden="tanh", output="linear", seed=0), factor)
        spreads[factor] = layer_spreads(net, X, y)
        assert spreads[factor].activation.shape == spreads[factor].delta.shape == (5,)
        assert spreads[factor].gradient.shape == (6,)
    assert per_layer_factor(spreads[0.5].activation) < 0.6  # shrinks forward
    assert per_layer_factor(spreads[0.5].delta[::-1]) < 0.6  # and backward: vanishing
    assert per_layer_factor(spreads[3.0].delta[::-1]) > 1.1  # grows backward: exploding
    assert 0.75 < per_layer_factor(spreads[1.0].activation) < 1.05


def test_per_layer_factor():
    assert per_layer_factor([1.0, 2.0, 4.0]) == pytest.approx(2.0)
    assert per_layer_factor([8.0, 1.0]) == pytest.approx(1 / 8)
    for bad in ([1.0], [1.0, 0.0], [1.0, np.nan]):
        with pytest.raises(ValueError, match="values:"):
            per_layer_factor(bad)
