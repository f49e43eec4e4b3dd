"""Every activation × output/loss pairing against central differences, on random networks."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pairings import PAIRINGS

from backprop_lib import Network, gradient_check, numerical_gradients, xor

architectures = st.lists(st.integers(1, 5), min_size=2, max_size=5)


def random_targets(loss, m, width, rng):
    """Targets the loss accepts: class indices for "ce", numbers in [0, 1] for "bce"."""
    if loss == "ce":
        return rng.integers(0, width, size=m)
    return rng.random((m, width)) if loss == "bce" else rng.normal(size=(m, width))


def test_pairings_cover_every_activation_and_loss():
    assert len(PAIRINGS) == 4 * 4 + 4 + 4  # mse with any output, bce with σ, ce with softmax
    assert {loss for *_, loss in PAIRINGS} == {"mse", "bce", "ce"}


@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("hidden,output,loss", PAIRINGS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layers=architectures,
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(1, 6),
    init=st.sampled_from(["glorot", "uniform"]),
)
def test_gradients_match_central_differences(
    hidden, output, loss, reduction, layers, seed, m, init
):
    rng = np.random.default_rng(seed)
    if output == "softmax":
        layers = [*layers[:-1], max(2, layers[-1])]  # a softmax needs two classes or more
    X = rng.normal(size=(m, layers[0]))
    y = random_targets(loss, m, layers[-1], rng)
    net = Network(
        layers, hidden=hidden, output=output, loss=loss, seed=rng, init=init, reduction=reduction
    )
    for theta in net.thetas:  # Glorot starts biases at 0; any bias value must work too
        theta[:, 0] += rng.normal(scale=0.5, size=theta.shape[0])
    # Central differences are meaningless across ReLU's kink at z = 0: keep away from it.
    assume(all(np.abs(z).min() > 1e-2 for z in net.forward(X).z[1:]))
    # A saturated net's gradient can sit at round-off level of J itself (|∂J/∂θ| ~ 1e-8 J),
    # where no finite difference resolves it to 1e-7: such draws test float64, not backprop.
    grad_norm = np.sqrt(sum(float(np.sum(g**2)) for g in net.gradients(X, y)))
    assume(grad_norm > 1e-4 * max(1.0, net.cost(X, y)))
    assert gradient_check(net, X, y) < 1e-7


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layers=st.lists(st.integers(1, 6), min_size=1, max_size=4),
    classes=st.integers(2, 6),
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(1, 8),
    hidden=st.sampled_from(["sigmoid", "tanh", "linear"]),
    reduction=st.sampled_from(["sum", "mean"]),
    scale=st.sampled_from([0.5, 3.0]),
)
def test_softmax_cross_entropy_gradients_on_random_architectures(
    layers, classes, seed, m, hidden, reduction, scale
):
    """δ^(L) = ŷ − y through softmax + ce, on wide and confident outputs alike."""
    rng = np.random.default_rng(seed)
    net = Network(
        [*layers, classes],
        hidden=hidden,
        output="softmax",
        loss="ce",
        seed=rng,
        reduction=reduction,
    )
    net.thetas = [scale * rng.normal(size=t.shape) for t in net.thetas]
    X = rng.normal(size=(m, layers[0]))
    y = np.eye(classes)[rng.integers(0, classes, size=m)]  # one-hot rows this time
    grad_norm = np.sqrt(sum(float(np.sum(g**2)) for g in net.gradients(X, y)))
    assume(grad_norm > 1e-4 * max(1.0, net.cost(X, y)))
    assert gradient_check(net, X, y) < 1e-7


def test_deltas_match_central_differences_in_z():
    """δ^(l) = ∂J/∂z^(l), eq. (13): nudge z^(l) itself by adding ε to a bias column entry."""
    X, y = xor()
    net = Network([2, 3, 2, 1], seed=0)
    deltas = net.deltas(X, y)
    # A bias weight adds to z for every sample at once, so ∂J/∂b = Σ_rows δ.
    numeric = numerical_gradients(net, X, y)
    for l in range(1, 4):
        np.testing.assert_allclose(deltas[l].sum(axis=0), numeric[l - 1][:, 0], rtol=1e-6)


def test_gradient_check_catches_a_wrong_gradient():
    X, y = xor()
    net = Network([2, 2, 1], seed=0)
    grads = net.gradients(X, y)
    grads[0] = grads[0] * 1.01
    assert gradient_check(net, X, y, analytic=grads) > 1e-3


def test_gradient_check_restores_the_parameters():
    X, y = xor()
    net = Network([2, 2, 1], seed=0)
    before = [t.copy() for t in net.thetas]
    originals = net.thetas
    gradient_check(net, X, y)
    assert net.thetas is originals
    for t, b in zip(net.thetas, before):
        np.testing.assert_array_equal(t, b)


def test_gradient_check_warns_when_relu_sits_on_its_kink():
    X, y = xor()
    net = Network([2, 3, 1], hidden="relu", output="sigmoid", seed=0)  # Glorot: biases 0
    with pytest.warns(UserWarning, match=r"within the step ε = 0.001 of the kink"):
        gradient_check(net, X, y)  # input 00 gives z = 0 in every hidden unit
    for theta in net.thetas:
        theta[:, 0] = 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gradient_check(net, X, y)
