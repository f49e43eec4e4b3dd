"""kernels: the fast loop's in-place activations are the library's activations, bit for bit."""

import numpy as np
import pytest

from backprop_lib import ACTIVATIONS, Network, kernels, xor
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
