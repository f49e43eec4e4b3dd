"""Notebook 08's helpers: the softmax δ in SymPy, accuracy, cost noise, spreads per layer."""

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network
from backprop_lib.classes import accuracy, predicted_classes
from backprop_lib.data import spiral
from backprop_lib.derivations.multiclass import one_hot_difference, softmax_ce_delta
from backprop_lib.studies.initialisation import (
    glorot_range,
    layer_spreads,
    per_layer_factor,
    scale_weights,
)
from backprop_lib.studies.minibatch import (
    batch_gradient_spread,
    cost_noise,
    final_costs,
    update_counts,
)

X3, Y3 = spiral(n=60, seed=0, classes=3)


def net3(**kw):
    return Network([2, 6, 3], hidden="tanh", output="softmax", loss="ce", seed=0, **kw)


@pytest.mark.parametrize("K", [2, 3])
def test_softmax_ce_delta_is_y_hat_minus_y_for_every_one_hot(K):
    derivation = softmax_ce_delta(K)
    for label in range(K):
        assert all(d == 0 for d in one_hot_difference(derivation, label))


def test_softmax_ce_delta_needs_targets_summing_to_one():
    d = softmax_ce_delta(3)
    two_hot = {d.y[0]: 1, d.y[1]: 1, d.y[2]: 0}
    diff = sp.simplify((d.by_diff[2] - d.claimed[2]).subs(two_hot))
    assert diff != 0  # ŷ_k Σy − y_k: the cancellation needs Σ y = 1


def test_softmax_ce_delta_numbers_match_network_deltas():
    d = softmax_ce_delta(3)
    net = net3()
    z = net.forward(X3[:1]).z[-1][0]
    values = {**dict(zip(d.z, z)), **{yk: int(k == int(Y3[0, 0])) for k, yk in enumerate(d.y)}}
    by_diff = np.array([float(e.subs(values)) for e in d.by_diff])
    assert np.allclose(by_diff, net.deltas(X3[:1], Y3[:1])[-1][0], atol=1e-12)


def test_bad_k_and_label_are_named():
    with pytest.raises(ValueError, match="K:"):
        softmax_ce_delta(1)
    with pytest.raises(ValueError, match="label:"):
        one_hot_difference(softmax_ce_delta(2), 2)


def test_accuracy_counts_right_argmax():
    net = net3()
    predicted = predicted_classes(net, X3)
    assert predicted.shape == (60,)
    assert accuracy(net, X3, Y3) == pytest.approx(np.mean(predicted == Y3[:, 0]))
    assert accuracy(net, X3, predicted) == 1.0
    with pytest.raises(ValueError, match="X and labels"):
        accuracy(net, X3, Y3[:5])
    with pytest.raises(ValueError, match="2 or more outputs"):
        predicted_classes(Network([2, 1]), X3)
    with pytest.raises(TypeError, match="net:"):
        predicted_classes("net", X3)


def test_update_counts():
    assert update_counts(400, 100) == (100, 40_000)
    assert update_counts(400, 100, 32) == (1300, 40_000)  # 12 full batches and one of 16
    assert update_counts(400, 100, 400) == update_counts(400, 100, 1000) == (100, 40_000)
    with pytest.raises(ValueError, match="batch_size"):
        update_counts(10, 1, 0)


def test_update_counts_match_fit_batches():
    history = net3().fit(X3, Y3, eta=0.1, epochs=4, batch_size=7)
    assert history.batch_cost.size == update_counts(60, 4, 7).updates


def test_cost_noise():
    assert cost_noise([3.0, 2.0, 1.0]) == (0.0, pytest.approx(5 / 12))
    assert cost_noise([1.0, 2.0, 1.0, 2.0]).rises == pytest.approx(2 / 3)
    for bad in ([1.0], [1.0, np.nan], [[1.0, 2.0]], [1.0, 0.0]):
        with pytest.raises(ValueError, match="cost:"):
            cost_noise(bad)


def test_batch_gradient_spread_shrinks_like_one_over_root_b():
    X, y = spiral(n=400, seed=2, classes=3)
    net = net3(reduction="mean")
    small, large = (batch_gradient_spread(net, X, y, b, draws=300) for b in (8, 32))
    assert 1.7 < small / large < 2.3  # √4 = 2, times a finite-population factor
    assert batch_gradient_spread(net, X, y, 400, draws=3) < 1e-12  # the whole set: no noise
    same_sum = batch_gradient_spread(net3(reduction="sum"), X, y, 8, draws=300)
    assert same_sum == pytest.approx(small)  # the spread is relative: sum and mean alike


def test_final_costs_sum_is_mean_with_eta_times_m():
    kw = dict(hidden="tanh", output="softmax", loss="ce")
    by_sum = final_costs(X3, Y3, [2, 6, 3], [0.01, 1e160], 20, "sum", **kw)
    by_mean = final_costs(X3, Y3, [2, 6, 3], [0.01 * 60], 20, "mean", **kw)
    assert by_sum[0] == pytest.approx(by_mean[0], rel=1e-10)
    assert by_sum[1] == np.inf  # fit raises: an update beyond MAX_MAGNITUDE


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
