"""diagnostics: per-layer gradient sizes and learning speed, against independent computations."""

import numpy as np
import pytest

from backprop_lib import Network, numerical_gradients, xor
from backprop_lib.studies.diagnostics import (
    GradientTrace,
    LearningSpeed,
    layer_delta_norms,
    layer_gradient_norms,
    learning_speed,
    trace_gradient_norms,
)
from backprop_lib.studies.stall import first_solves, solves

X, Y = xor()


def solved_xor_net():
    """A [2, 2, 1] sigmoid net set by hand: OR and NAND in the hidden layer, AND on top."""
    net = Network([2, 2, 1], seed=0)
    net.thetas = [
        np.array([[-10.0, 20.0, 20.0], [30.0, -20.0, -20.0]]),
        np.array([[-30.0, 20.0, 20.0]]),
    ]
    return net


def copy_of(net):
    twin = Network(net.layers, hidden=net.hidden, output=net.output, loss=net.loss, seed=0)
    twin.thetas = [t.copy() for t in net.thetas]
    return twin


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu"])
def test_gradient_norms_match_central_differences(hidden):
    rng = np.random.default_rng(5)
    Xr, yr = rng.normal(size=(5, 3)), rng.random((5, 2))
    net = Network([3, 4, 3, 2], hidden=hidden, loss="bce", seed=5)
    # central differences need every z away from ReLU's kink: this seed keeps |z| > 0.01
    assert min(np.abs(z).min() for z in net.forward(Xr).z[1:]) > 1e-2
    numeric = [np.linalg.norm(g) for g in numerical_gradients(net, Xr, yr)]
    np.testing.assert_allclose(layer_gradient_norms(net, Xr, yr), numeric, rtol=1e-7)


def test_output_delta_norm_is_the_error_norm_for_cross_entropy():
    net = Network([2, 3, 3, 1], loss="bce", seed=4)
    norms = layer_delta_norms(net, X, Y)
    assert norms.shape == (3,)
    assert norms[-1] == pytest.approx(np.linalg.norm(net.predict(X) - Y), rel=1e-12)


@pytest.mark.parametrize("hidden,largest_slope", [("sigmoid", 0.25), ("tanh", 1.0), ("relu", 1.0)])
@pytest.mark.parametrize("seed", range(5))
def test_delta_shrinks_at_most_by_the_weights_and_the_largest_slope(hidden, largest_slope, seed):
    """‖δ^(l)‖ ≤ max f' · ‖W^(l)‖₂ · ‖δ^(l+1)‖, from eq. (16) for whole layers."""
    rng = np.random.default_rng(seed)
    Xr = rng.uniform(-1, 1, size=(16, 2))
    yr = (Xr[:, :1] * Xr[:, 1:] > 0).astype(float)
    net = Network([2, 6, 6, 6, 6, 1], hidden=hidden, loss="bce", seed=seed)
    norms = layer_delta_norms(net, Xr, yr)
    for l in range(1, len(net.thetas)):
        bound = largest_slope * np.linalg.norm(net.thetas[l][:, 1:], 2) * norms[l]
        assert norms[l - 1] <= bound * (1 + 1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_deep_sigmoid_gradients_vanish_towards_the_input(seed):
    rng = np.random.default_rng(seed)
    Xr = rng.uniform(-1, 1, size=(32, 2))
    yr = (Xr[:, :1] * Xr[:, 1:] > 0).astype(float)
    norms = {
        hidden: layer_gradient_norms(
            Network([2] + [10] * 6 + [1], hidden=hidden, loss="bce", seed=seed), Xr, yr
        )
        for hidden in ("sigmoid", "tanh")
    }
    assert norms["sigmoid"][0] < 1e-2 * norms["sigmoid"][-1]
    assert norms["tanh"][0] > 1e-2 * norms["tanh"][-1]


def test_trace_trains_exactly_like_one_fit_call():
    net = Network([2, 3, 2, 1], seed=3)
    twin = copy_of(net)
    start = layer_gradient_norms(net, X, Y)
    trace = trace_gradient_norms(net, X, Y, eta=0.5, epochs=25, every=10)
    history = twin.fit(X, Y, eta=0.5, epochs=25)
    assert isinstance(trace, GradientTrace)
    np.testing.assert_array_equal(trace.epochs, [0, 10, 20, 25])
    assert trace.norms.shape == (4, 3)
    np.testing.assert_array_equal(trace.norms[0], start)
    np.testing.assert_allclose(trace.cost, history.cost, rtol=1e-12)
    for mine, theirs in zip(net.thetas, twin.thetas):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-12)
    np.testing.assert_allclose(trace.norms[-1], layer_gradient_norms(twin, X, Y), rtol=1e-9)


def test_trace_of_zero_epochs_is_the_starting_point():
    net = Network([2, 2, 1], seed=0)
    trace = trace_gradient_norms(net, X, Y, eta=0.1, epochs=0, every=5)
    np.testing.assert_array_equal(trace.epochs, [0])
    assert trace.norms.shape == (1, 2) and trace.cost.shape == (0,)


def epochs_to_solve(net, X, y, eta, max_epochs, check_every=10):
    """The reference: fit in chunks of check_every epochs until every output is on the right
    side of ½, looking before training and after each chunk; None if max_epochs pass first."""
    done = 0
    while not solves(net.predict(X), y):
        if done >= max_epochs:
            return None
        step = min(check_every, max_epochs - done)
        net.fit(X, y, eta=eta, epochs=step)
        done += step
    return done


def test_a_solved_start_needs_no_epochs_and_a_late_solve_counts_after_the_last():
    assert first_solves([solved_xor_net()], X, Y, eta=0.5, epochs=100).tolist() == [0]
    net = Network([2, 3, 1], loss="bce", seed=0)
    exact = first_solves([net], X, Y, eta=0.5, epochs=2000)[0]
    assert 0 < exact < 2000
    late = Network([2, 3, 1], loss="bce", seed=0)
    assert first_solves([late], X, Y, eta=0.5, epochs=exact).tolist() == [exact]  # the end


@pytest.mark.parametrize("check_every", [1, 7, 10])
def test_learning_speed_is_fit_in_chunks_per_seed(check_every):
    kwargs = dict(eta=0.5, max_epochs=2000, check_every=check_every)
    speed = learning_speed(X, Y, [2, 3, 1], [0, 1, 2], loss="bce", **kwargs)
    assert speed.seeds == (0, 1, 2) and speed.max_epochs == 2000
    for seed, epochs in zip((0, 1, 2), speed.epochs):
        net = Network([2, 3, 1], loss="bce", seed=seed)
        assert epochs == epochs_to_solve(net, X, Y, **kwargs)
        assert epochs is not None and epochs % check_every == 0 and epochs > 0


def test_learning_speed_gives_none_when_max_epochs_pass_first():
    speed = learning_speed(X, Y, [2, 2, 1], [0, 1], eta=0.01, max_epochs=25)
    assert speed.epochs == (None, None) and speed.fraction_solved == 0


def test_a_saturated_start_stalls_mse_but_not_cross_entropy():
    kwargs = dict(layers=[2, 3, 1], seeds=[0, 1, 2], eta=0.5, max_epochs=1000, output_bias=10.0)
    assert learning_speed(X, Y, loss="mse", **kwargs).fraction_solved == 0
    assert learning_speed(X, Y, loss="bce", **kwargs).fraction_solved == 1


def test_learning_speed_summaries():
    speed = LearningSpeed(seeds=(0, 1, 2, 3), epochs=(40, None, 20, 100), max_epochs=500)
    np.testing.assert_array_equal(speed.solved, [40, 20, 100])
    assert speed.fraction_solved == 0.75
    assert speed.median_epochs == 40.0
    np.testing.assert_array_equal(speed.capped, [40, 500, 20, 100])
    none = LearningSpeed(seeds=(0,), epochs=(None,), max_epochs=10)
    assert none.median_epochs is None and none.fraction_solved == 0


BAD_CALLS = [
    (lambda: layer_gradient_norms("net", X, Y), TypeError, r"net: expected a backprop_lib Network"),
    (lambda: layer_delta_norms(None, X, Y), TypeError, r"net: expected"),
    (
        lambda: trace_gradient_norms(Network([2, 1]), X, Y, 0.1, 10, every=0),
        ValueError,
        r"every: expected a whole number ≥ 1",
    ),
    (
        lambda: trace_gradient_norms(Network([2, 1]), X, Y, 0.1, 10, every=2.5),
        TypeError,
        r"every: expected a whole number",
    ),
    (lambda: trace_gradient_norms(Network([2, 1]), X, Y, -1, 10, 2), ValueError, r"eta:"),
    (lambda: trace_gradient_norms(Network([2, 1]), X, Y, 0.1, -3, 2), ValueError, r"epochs:"),
    (lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, tolerance=0), ValueError, r"tolerance:"),
    (lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, tolerance=1.5), ValueError, r"tolerance"),
    (lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, tolerance="a"), TypeError, r"tolerance"),
    (lambda: learning_speed(X[:, :1], Y, [2, 1], [0], 0.1, 10), ValueError, r"X: expected 2 col"),
    (
        lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, check_every=0),
        ValueError,
        r"check_every: expected a whole number ≥ 1",
    ),
    (lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 1.5), TypeError, r"epochs:"),
    (lambda: learning_speed(X, Y, [2, 1], [], 0.1, 10), ValueError, r"seeds: expected a non"),
    (lambda: learning_speed(X, Y, [2, 1], 3, 0.1, 10), ValueError, r"seeds: expected a non"),
    (lambda: learning_speed(X, Y, [2, 1], [0, "1"], 0.1, 10), TypeError, r"seeds\[1\]"),
    (
        lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, output_bias="big"),
        TypeError,
        r"output_bias: expected None or a number",
    ),
    (
        lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, output_bias=np.inf),
        ValueError,
        r"output_bias: expected a finite number",
    ),
    (lambda: learning_speed(X, Y, [2, 1], [0], 0.1, 10, loss="hinge"), ValueError, r"loss:"),
]


@pytest.mark.parametrize("call,error,message", BAD_CALLS)
def test_bad_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
