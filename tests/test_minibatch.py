"""studies.minibatch: update counts, cost noise, batch gradient spread, final costs per η."""

import numpy as np
import pytest

from backprop_lib import Network
from backprop_lib.data import spiral
from backprop_lib.studies.minibatch import (
    batch_gradient_spread,
    cost_noise,
    final_costs,
    update_counts,
)

X3, Y3 = spiral(n=60, seed=0, classes=3)


def net3(**kw):
    return Network([2, 6, 3], hidden="tanh", output="softmax", loss="ce", seed=0, **kw)


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
