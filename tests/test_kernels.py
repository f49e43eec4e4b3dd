"""kernels: the fast loop's in-place activations are the library's activations, bit for bit."""

import numpy as np
import pytest

from backprop_lib import ACTIVATIONS, Network, epochs, kernels, xor
from backprop_lib.divergence import Diverged
from backprop_lib.kernels import in_place

Z = np.concatenate([np.linspace(-800, 800, 41), np.random.default_rng(0).normal(size=60) * 5])
Z = Z.reshape(-1, 1) * np.ones((1, 3))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_in_place_pair_equals_the_activation_table(name):
    f, f_prime = ACTIVATIONS[name]
    f_into, times_prime = in_place(name)
    out = np.empty_like(Z)
    with np.errstate(all="ignore"):
        f_into(Z, out)
        expected = f(Z)
    np.testing.assert_array_equal(out, expected)
    delta = np.random.default_rng(1).normal(size=Z.shape)
    product = delta * f_prime(expected)
    times_prime(delta, expected, np.empty_like(Z))
    np.testing.assert_array_equal(delta, product)


def test_an_activation_without_a_hand_written_pair_still_trains(monkeypatch):
    X, y = xor()
    reference = Network([2, 3, 1], hidden="tanh", seed=0)
    expected = reference.fit(X, y, eta=0.3, epochs=200).cost
    monkeypatch.delitem(kernels._IN_PLACE, "tanh")
    net = Network([2, 3, 1], hidden="tanh", seed=0)
    np.testing.assert_allclose(net.fit(X, y, eta=0.3, epochs=200).cost, expected, rtol=1e-12)
    for a, b in zip(net.thetas, reference.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


# -- mini-batches: one shuffled copy per epoch, and J finished once per epoch ------------------


def test_shuffled_batches_are_the_samples_in_the_new_order():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(11, 3)), np.eye(4)[rng.integers(0, 4, 11)]
    shuffled = epochs.Shuffled(X, y, [4, 4, 3])
    rows = rng.permutation(11)
    shuffled.shuffle(rows)
    for (A0, A0T, minus_Y), batch in zip(shuffled.batches, np.split(rows, [4, 8])):
        np.testing.assert_array_equal(A0[0], 1.0)  # the bias row
        np.testing.assert_array_equal(A0[1:], X[batch].T)
        np.testing.assert_array_equal(A0T, A0.T)
        np.testing.assert_array_equal(minus_Y, -y[batch].T)


@pytest.mark.parametrize("lead", [(), (3,)])
def test_costs_finished_once_per_epoch_are_each_batchs_own(lead):
    # Each batch's J from LaterCosts must be bit for bit the J that output_kernel computes
    # for that batch on its own (the same operations per sample, the same sums per batch).
    rng = np.random.default_rng(4)
    layers, sizes = [2, 5], [4, 4, 3]
    # The batches' z^(L) stay in LaterCosts' views, and their −Σ y z is computed per epoch.
    later = epochs.LaterCosts(lead, sizes, 5)
    expected = np.empty((len(sizes),) + lead + (1, 1))
    targets = [-np.eye(5)[rng.integers(0, 5, n)].T for n in sizes]
    for j, (n, minus_Y) in enumerate(zip(sizes, targets)):
        p = kernels.Pass(layers, lead, n)
        now, leave = kernels.output_kernel("ce", "softmax", p, None)
        p.Z[1][...] = rng.normal(size=lead + (5, n)) * 30
        now(expected[j], minus_Y)
        s, z = later.views[j]
        z[...] = p.Z[1]
        p.Z[1][...] = np.nan  # leave must read z^(L) from the view given
        leave(minus_Y, s, z)
    got = np.full_like(expected, np.nan)
    later.costs(got, np.stack(targets[:2]), targets[2])
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("scale", [1e20, 1e40])
@pytest.mark.parametrize("loss", ["mse", "ce", "bce"])
def test_unchecked_mini_batches_diverge_where_the_readable_loop_does(loss, scale):
    # Without a watch, mini-batches' J is looked at once per epoch; a failure replays the run
    # update by update, so the epoch, cause and parameters are the readable loop's.
    rng = np.random.default_rng(0)
    X, classes = rng.normal(size=(12, 2)) * scale, rng.integers(0, 3, 12)
    y = {"mse": rng.normal(size=(12, 1)), "ce": np.eye(3)[classes], "bce": classes[:, None] % 2}
    output = {"mse": "linear", "ce": "softmax", "bce": "sigmoid"}[loss]
    errors, nets = [], []
    for fit in ("fit", "readable_fit"):
        net = Network([2, 4, y[loss].shape[1]], hidden="linear", output=output, loss=loss, seed=0)
        with pytest.raises(Diverged) as caught:
            getattr(net, fit)(X, y[loss] * 1.0, eta=1e-3, epochs=50, batch_size=3)
        errors.append(caught.value)
        nets.append(net)
    assert (errors[0].epoch, errors[0].cause, str(errors[0])) == (
        errors[1].epoch,
        errors[1].cause,
        str(errors[1]),
    )
    for a, b in zip(*(net.thetas for net in nets)):
        np.testing.assert_allclose(a, b, rtol=1e-12)
