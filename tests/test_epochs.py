"""epochs: record="batches" adds up the batch costs; the lean loop's unshifted softmax is safe."""

import numpy as np
import pytest

from backprop_lib import Network, epochs
from backprop_lib.data import spiral
from backprop_lib.divergence import Diverged

SETTINGS = {
    "ce": dict(hidden="tanh", output="softmax", loss="ce"),
    "mse": dict(hidden="sigmoid", output="sigmoid", loss="mse"),
    "bce": dict(hidden="relu", output="sigmoid", loss="bce"),
}


def added_up(batch_cost, sizes, reduction):
    """J over the whole set from each epoch's batch costs, written out: Σ_j n_j J_j / m for
    "mean" (each J_j a mean over its n_j samples), Σ_j J_j for "sum"."""
    totals = []
    for row in batch_cost:
        if reduction == "mean":
            totals.append(sum(n * J for n, J in zip(sizes, row)) / sum(sizes))
        else:
            totals.append(sum(row))
    return np.array(totals)


def data(loss, n=50):
    X, classes = spiral(n=n, seed=3, classes=3)
    classes = np.asarray(classes).reshape(-1)
    if loss == "ce":
        return X, classes, 3
    return X, (classes == 1).astype(float)[:, None], 1


@pytest.mark.parametrize("loss", ["ce", "mse", "bce"])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("batch_size", [7, 16])  # 150 samples: a smaller last batch, or not
@pytest.mark.parametrize("rule", [{}, {"momentum": 0.8}, {"optimizer": "adam"}])
def test_record_batches_is_the_readable_loops_batch_costs_added_up(
    loss, reduction, batch_size, rule
):
    X, y, K = data(loss)
    settings = dict(SETTINGS[loss], reduction=reduction, seed=5)
    eta = 0.05 if reduction == "mean" else 0.005
    fast, slow = Network([2, 5, K], **settings), Network([2, 5, K], **settings)
    got = fast.fit(X, y, eta=eta, epochs=6, batch_size=batch_size, record="batches", **rule)
    if rule:  # readable_fit takes plain steps only; the default record is the reference
        slow = Network([2, 5, K], **settings)
        expected = slow.fit(X, y, eta=eta, epochs=6, batch_size=batch_size, **rule)
    else:
        expected = slow.readable_fit(X, y, eta=eta, epochs=6, batch_size=batch_size)
    sizes = [batch_size] * (len(X) // batch_size) + [len(X) % batch_size] * (
        len(X) % batch_size > 0
    )
    np.testing.assert_allclose(got.batch_cost, expected.batch_cost, rtol=1e-12)
    np.testing.assert_allclose(
        got.cost, added_up(expected.batch_cost, sizes, reduction), rtol=1e-12
    )
    assert not np.allclose(got.cost, expected.cost)  # not J over the whole set at the start
    for a, b in zip(fast.thetas, slow.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_record_batches_with_the_full_batch_is_the_default():
    X, y, K = data("ce")
    a, b = (Network([2, 4, K], **SETTINGS["ce"], seed=1) for _ in range(2))
    np.testing.assert_array_equal(
        a.fit(X, y, eta=0.01, epochs=5, record="batches").cost, b.fit(X, y, eta=0.01, epochs=5).cost
    )


def test_record_batches_diverges_at_the_readable_loops_epoch_with_its_parameters():
    rng = np.random.default_rng(0)
    X, classes = rng.normal(size=(12, 2)) * 1e20, rng.integers(0, 3, 12)
    nets, errors = [], []
    for record in ("batches", None):
        net = Network([2, 4, 3], hidden="linear", output="softmax", loss="ce", seed=0)
        with pytest.raises(Diverged) as caught:
            if record is None:
                net.readable_fit(X, classes, eta=1e-3, epochs=50, batch_size=3)
            else:
                net.fit(X, classes, eta=1e-3, epochs=50, batch_size=3, record=record)
        nets.append(net)
        errors.append(caught.value)
    assert errors[0].epoch == errors[1].epoch
    for a, b in zip(*(net.thetas for net in nets)):
        np.testing.assert_allclose(a, b, rtol=1e-12)


@pytest.mark.parametrize("record", ["whole", "", 1, "Batches"])
def test_a_bad_record_is_named(record):
    X, y, K = data("ce")
    with pytest.raises(ValueError, match="record"):
        Network([2, 4, K], **SETTINGS["ce"]).fit(X, y, epochs=1, batch_size=8, record=record)


# -- the lean loop's softmax: e^z unshifted, its over- and underflow sent to the checked replay --


@pytest.mark.parametrize("bias", [0.0, 720.0, -720.0, -800.0])
@pytest.mark.parametrize("record", [None, "batches"])
def test_unshifted_softmax_trains_as_the_readable_loop_at_any_logit_offset(bias, record):
    # softmax(z + c) = softmax(z): an output bias c on every unit changes neither ŷ nor J, but
    # e^720 overflows, e^−720 is subnormal (precision lost) and e^−800 is 0. The lean loop must
    # notice each and replay the run with the max-shifted softmax, as the readable loop uses.
    X, y, K = data("ce", n=20)
    fast, slow = (Network([2, 4, K], **SETTINGS["ce"], reduction="mean", seed=2) for _ in "ab")
    for net in (fast, slow):
        net.thetas[-1][:, 0] += bias
    got = fast.fit(X, y, eta=0.1, epochs=4, batch_size=8, record=record)
    expected = slow.readable_fit(X, y, eta=0.1, epochs=4, batch_size=8)
    np.testing.assert_allclose(got.batch_cost, expected.batch_cost, rtol=1e-12)
    for a, b in zip(fast.thetas, slow.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_later_costs_are_the_shifted_j_and_nan_where_the_unshifted_sum_left_its_range():
    sizes, n_L = [3, 3], 2
    later = epochs.LaterCosts((), sizes, n_L)
    minus_Y = -np.eye(n_L)[[0, 1, 0]].T
    blocks, last = np.stack([minus_Y, minus_Y]), np.empty((n_L, 0))
    z = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 40.0]])  # the last sample: ŷ ≈ (0, 1), y = (1, 0)

    def costs(sum_of_exp):  # J per batch with batch 1's second sample's Σ e^z set by hand
        for s, kept in later.views:
            kept[...] = z
            s[...] = np.exp(z).sum(axis=0)  # what output_kernel's later leaves
        if sum_of_exp is not None:
            later.views[1][0][0, 1] = sum_of_exp
        out = np.empty((2, 1, 1))
        with np.errstate(all="ignore"):
            later.costs(out, blocks, last)
        return out.ravel()

    by_hand = np.log(np.exp(z - z.max(axis=0)).sum(axis=0)) + z.max(axis=0) + (minus_Y * z).sum(0)
    np.testing.assert_allclose(costs(None), [by_hand.sum()] * 2, rtol=1e-15)
    np.testing.assert_array_equal(costs(1e-290), costs(None))  # small, still exact
    for out_of_range in (np.inf, np.nan, 1e-310, 0.0):  # overflowed; subnormal or 0: imprecise
        assert np.isnan(costs(out_of_range)).all()  # every J NaN, so the run replays


def test_a_confident_networks_batch_costs_are_the_checked_loops_bit_for_bit():
    # J ≈ 1e-5 per sample where the target's logit leads by ~14, on logits near 30: ln Σ e^z − z_y
    # would lose J's digits to cancellation (1e-15 of 30); LaterCosts must compute, from the
    # kept z^(L), the very numbers the checked loop's per-batch "ce" does.
    from backprop_lib import kernels

    rng = np.random.default_rng(6)
    sizes, n_L = [8, 8, 5], 4
    later = epochs.LaterCosts((), sizes, n_L)
    expected, targets = np.empty((3, 1, 1)), []
    for j, n in enumerate(sizes):
        classes = rng.integers(0, n_L, n)
        minus_Y = -np.eye(n_L)[classes].T
        z = 30.0 + rng.normal(size=(n_L, n)) + 14.0 * np.eye(n_L)[classes].T
        p = kernels.Pass([2, n_L], (), n)
        check, lean = kernels.output_kernel("ce", "softmax", p, None)
        p.Z[1][...] = z
        check(expected[j], minus_Y)
        s, kept = later.views[j]
        kept[...] = z
        lean(minus_Y, s, kept)
        targets.append(minus_Y)
    got = np.empty_like(expected)
    later.costs(got, np.stack(targets[:2]), targets[2])
    assert (expected.ravel() / np.array(sizes) < 1e-4).all()  # J per sample ≈ 1e-5
    np.testing.assert_array_equal(got, expected)
