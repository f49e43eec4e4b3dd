"""train_many: every run equals its own Network.fit; divergence stays in its run; bad and
hostile input refused at once with clear errors naming the parameter, and no warnings."""

import time
import warnings

import numpy as np
import pytest

from backprop_lib import Network, xor
from backprop_lib.descent import Descent
from backprop_lib.training import TrainedRuns, train_many

X, Y = xor()


pytestmark = pytest.mark.filterwarnings("error")


def fit_alone(layers, X, y, seed, eta, epochs, **kwargs):
    net = Network(layers, seed=seed, **kwargs)
    history = net.fit(X, y, eta=eta, epochs=epochs)
    return net, history.cost


@pytest.mark.parametrize(
    "layers,kwargs",
    [
        ([2, 2, 2, 1], dict(init="uniform", loss="bce")),  # the article's setup
        ([2, 2, 2, 1], dict(init="uniform", loss="mse")),
        ([2, 2, 2, 1], dict()),  # glorot, ½(ŷ − y)²
        ([2, 3, 1], dict(hidden="tanh", output="linear", eta=0.05)),
        ([2, 4, 3, 1], dict(hidden="relu", output="sigmoid", loss="bce")),
        ([2, 1], dict(output="linear", eta=0.05)),  # no hidden layer
    ],
)
def test_every_run_equals_its_own_fit(layers, kwargs):
    seeds = [0, 7, 3, 12, 5]
    eta = kwargs.pop("eta", 0.5)
    result = train_many(layers, X, Y, eta=eta, epochs=3000, seeds=seeds, **kwargs)
    assert isinstance(result, TrainedRuns)
    assert result.seeds == tuple(seeds) and result.diverged == {}
    assert result.cost.shape == (len(seeds), 3000)
    for r, seed in enumerate(seeds):
        net, cost = fit_alone(layers, X, Y, seed, eta, 3000, **kwargs)
        mine = result.networks[r]
        assert isinstance(mine, Network) and mine.layers == layers
        assert (mine.hidden, mine.output, mine.loss) == (net.hidden, net.output, net.loss)
        # Bit for bit on most BLAS kernels; OpenBLAS's Nehalem kernels round the batched product
        # and the single one differently, and 3000 epochs grew that to 1.3e-9 of J (measured),
        # or, where J has fallen to 1e-17 (an exact fit), to 1e-7 of it: hence atol too
        for a, b in zip(mine.thetas, net.thetas):
            assert a.shape == b.shape
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-7)
        np.testing.assert_allclose(result.cost[r], cost, rtol=1e-7, atol=1e-12 * cost[0])


def test_the_articles_xor_run_over_many_seeds_and_10000_epochs():
    seeds = range(40)
    result = train_many(
        [2, 2, 2, 1], X, Y, eta=0.1, epochs=10_000, seeds=seeds, init="uniform", loss="bce"
    )
    for seed in (0, 13, 39):
        net, cost = fit_alone([2, 2, 2, 1], X, Y, seed, 0.1, 10_000, init="uniform", loss="bce")
        for a, b in zip(result.networks[seed].thetas, net.thetas):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
        np.testing.assert_allclose(result.cost[seed], cost, rtol=1e-9)


def test_more_samples_and_outputs():
    rng = np.random.default_rng(0)
    X3, y3 = rng.normal(size=(7, 3)), rng.random((7, 2))
    result = train_many([3, 5, 2], X3, y3, eta=0.05, epochs=200, seeds=[1, 2], loss="bce")
    for r, seed in enumerate([1, 2]):
        net, cost = fit_alone([3, 5, 2], X3, y3, seed, 0.05, 200, loss="bce")
        for a, b in zip(result.networks[r].thetas, net.thetas):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
        np.testing.assert_allclose(result.cost[r], cost, rtol=1e-9)


def test_networks_own_their_parameters():
    result = train_many([2, 2, 1], X, Y, eta=0.1, epochs=5, seeds=[0, 1])
    a, b = result.networks
    a.thetas[0][:] = 0.0
    assert np.all(b.thetas[0] != 0.0) and np.all(a.thetas[1] == result.networks[0].thetas[1])
    assert a.predict(X).shape == (4, 1)


def test_watch_sees_each_epochs_outputs_before_its_update():
    seen = []
    result = train_many(
        [2, 2, 1],
        X,
        Y,
        eta=0.2,
        epochs=3,
        seeds=[0, 1],
        watch=lambda e, y_hat: seen.append((e, y_hat.copy())),
    )
    assert [e for e, _ in seen] == [0, 1, 2]
    for r, seed in enumerate([0, 1]):
        net = Network([2, 2, 1], seed=seed)
        for _, y_hat in seen:
            assert y_hat.shape == (2, 4, 1)
            np.testing.assert_allclose(y_hat[r], net.predict(X), rtol=1e-12)
            net.fit(X, Y, eta=0.2, epochs=1)
        np.testing.assert_allclose(result.networks[r].thetas[0], net.thetas[0], rtol=1e-12)


def test_zero_epochs_returns_the_initial_networks():
    result = train_many([2, 2, 1], X, Y, eta=0.1, epochs=0, seeds=[4, 5])
    assert result.cost.shape == (2, 0)
    for net, seed in zip(result.networks, [4, 5]):
        for a, b in zip(net.thetas, Network([2, 2, 1], seed=seed).thetas):
            np.testing.assert_array_equal(a, b)


# -- divergence ------------------------------------------------------------------------------

# relu + linear output on spread-out targets: with η = 0.1, seed 4 diverges (at epoch 6, where
# an update would make a parameter ~1e195), the others converge. Each run must come out as if
# it had been trained alone.
X2 = np.array([[1.0, 2.0], [3.0, -1.0], [-2.0, 0.5], [0.0, 1.0]])
Y2 = np.array([[1.0], [-2.0], [3.0], [0.0]])
SETUP = dict(hidden="relu", output="linear")


def alone_or_error(seed, eta=0.1, epochs=300):
    net = Network([2, 8, 1], seed=seed, **SETUP)
    try:
        return net, net.fit(X2, Y2, eta=eta, epochs=epochs).cost, None
    except FloatingPointError as error:
        return net, None, error


def test_a_diverging_run_raises_naming_its_seed():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(
            FloatingPointError,
            match=r"1 of 6 runs \(seed 4 at epoch 6: an update would make a parameter",
        ):
            train_many([2, 8, 1], X2, Y2, eta=0.1, epochs=300, seeds=range(6), **SETUP)


def test_stopping_a_diverging_run_leaves_the_others_exactly_as_alone():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train_many(
            [2, 8, 1], X2, Y2, eta=0.1, epochs=300, seeds=range(6), on_divergence="stop", **SETUP
        )
    assert result.diverged == {4: 6}
    for seed, net in zip(range(6), result.networks):
        alone, cost, error = alone_or_error(seed)
        for a, b in zip(net.thetas, alone.thetas):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
            assert np.all(np.isfinite(a))
        if seed == 4:
            assert error is not None and "epoch 6" in str(error)
            assert np.all(np.isfinite(result.cost[seed, :7]))  # J at the start of epoch 6 too
            assert np.all(np.isnan(result.cost[seed, 7:]))
        else:
            assert error is None
            np.testing.assert_allclose(result.cost[seed], cost, rtol=1e-9)


@pytest.mark.parametrize("batch_size", [None, 2])
def test_checking_every_update_or_only_the_end_gives_the_same_runs(batch_size, monkeypatch):
    # A watch makes the loop check every update's range; without one it checks at the end and
    # replays from the start when a parameter left the range. Both must find the same epochs.
    # At η = 0.2 most runs diverge, some by an update far beyond the range (≈ 1e190).
    kwargs = dict(eta=0.2, epochs=300, seeds=range(6), on_divergence="stop", **SETUP)
    kwargs["batch_size"] = batch_size
    loop = "_epochs"
    passes, original = [], getattr(Descent, loop)
    monkeypatch.setattr(
        Descent, loop, lambda self, *args: passes.append(args[-1]) or original(self, *args)
    )
    plain = train_many([2, 8, 1], X2, Y2, **kwargs)
    assert passes == [False, True]  # unchecked, then replayed update by update
    seen = []
    watched = train_many([2, 8, 1], X2, Y2, watch=lambda e, y_hat: seen.append(e), **kwargs)
    assert passes == [False, True, True] and seen == list(range(300))  # each epoch once
    assert plain.diverged == watched.diverged and len(plain.diverged) >= 5
    np.testing.assert_array_equal(plain.cost, watched.cost)
    for a, b in zip(plain.networks, watched.networks):
        for ta, tb in zip(a.thetas, b.thetas):
            np.testing.assert_array_equal(ta, tb)
            assert np.abs(ta).max() < 1e154


def test_stopping_diverging_runs_with_mini_batches_leaves_every_run_as_alone():
    # batch_size=2, η = 0.15: seeds 0 and 4 diverge within an epoch (at epochs 5 and 4).
    kwargs = dict(eta=0.15, epochs=300, batch_size=2, shuffle_seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train_many(
            [2, 8, 1], X2, Y2, seeds=range(6), on_divergence="stop", **kwargs, **SETUP
        )
    assert result.diverged == {0: 5, 4: 4}
    for seed, net in zip(range(6), result.networks):
        epochs = result.diverged.get(seed, 300)  # a diverged run ends at that epoch's start
        alone = Network([2, 8, 1], seed=seed, **SETUP)
        cost = alone.fit(X2, Y2, **{**kwargs, "epochs": epochs}).cost
        np.testing.assert_allclose(result.cost[seed, :epochs], cost, rtol=1e-12)
        assert np.all(np.isnan(result.cost[seed, epochs + 1 :]))
        for a, b in zip(net.thetas, alone.thetas):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
        if seed in result.diverged:
            with pytest.raises(FloatingPointError, match=f"at epoch {epochs} "):
                Network([2, 8, 1], seed=seed, **SETUP).fit(X2, Y2, **kwargs)


def test_an_update_that_overflows_is_caught_before_it_is_made():
    # One epoch at an absurd η: J at epoch 0 is finite, the update would send Θ to ±inf.
    kwargs = dict(eta=1e308, epochs=1, seeds=[0, 1], **SETUP)
    with pytest.raises(
        FloatingPointError, match=r"seed 0 at epoch 0: an update overflowed a parameter"
    ):
        train_many([2, 8, 1], X2, Y2, **kwargs)
    result = train_many([2, 8, 1], X2, Y2, on_divergence="stop", **kwargs)
    assert result.diverged == {0: 0, 1: 0}
    for seed, net in zip([0, 1], result.networks):
        start = Network([2, 8, 1], seed=seed, **SETUP)
        with pytest.raises(
            FloatingPointError, match="epoch 0 .*: an update overflowed a parameter"
        ):
            start.fit(X2, Y2, eta=1e308, epochs=1)
        for a, b in zip(net.thetas, start.thetas):
            np.testing.assert_array_equal(a, b)
            assert np.all(np.isfinite(a))


# -- bad input -------------------------------------------------------------------------------

GOOD = dict(layers=[2, 2, 1], X=X, y=Y, eta=0.1, epochs=10, seeds=[0, 1])
BAD = [
    (dict(seeds=[]), ValueError, r"seeds: expected at least one seed"),
    (dict(seeds="012"), TypeError, r"seeds: expected a list"),
    (dict(seeds=5), TypeError, r"seeds: expected a list"),
    (dict(seeds=[0, 1.5]), TypeError, r"seeds\[1\]: expected a whole number"),
    (dict(seeds=[0, True]), TypeError, r"seeds\[1\]: expected a whole number"),
    (dict(seeds=[-1]), ValueError, r"seeds\[0\]: expected a whole number ≥ 0"),
    (dict(eta=0), ValueError, r"eta: expected"),
    (dict(eta="0.1"), TypeError, r"eta: expected"),
    (dict(epochs=-1), ValueError, r"epochs: expected"),
    (dict(epochs=1.0), TypeError, r"epochs: expected"),
    (dict(layers=[2, 0, 1]), ValueError, r"layers\[1\]"),
    (dict(hidden="softmax"), ValueError, r"hidden: expected one of"),
    (dict(output="linear", loss="bce"), ValueError, r"loss: 'bce'"),
    (dict(init="normal"), ValueError, r"init: expected one of"),
    (dict(on_divergence="ignore"), ValueError, r"on_divergence: expected one of"),
    (dict(watch=3), TypeError, r"watch: expected None or a function"),
    (dict(X=np.ones((4, 3))), ValueError, r"X: expected 2 column"),
    (dict(y=Y[:3]), ValueError, r"X and y: expected the same number of rows"),
    (dict(y=np.full((4, 1), np.nan)), ValueError, r"y: expected finite numbers"),
]


@pytest.mark.parametrize("change,error,message", BAD)
def test_bad_arguments_are_named(change, error, message):
    kwargs = {**GOOD, **change}
    layers, X_, y_ = kwargs.pop("layers"), kwargs.pop("X"), kwargs.pop("y")
    with pytest.raises(error, match=message):
        train_many(layers, X_, y_, **kwargs)


def test_train_many_is_exported_from_the_package():
    import backprop_lib

    assert backprop_lib.train_many is train_many and backprop_lib.TrainedRuns is TrainedRuns


X, Y = xor()
GOOD = dict(layers=[2, 2, 1], X=X, y=Y, eta=0.1, epochs=10, seeds=[0, 1])

HOSTILE = [
    # seeds: an ordered list of whole numbers ≥ 0, not too many
    (dict(seeds={0, 1}), TypeError, "seeds"),
    (dict(seeds=(s for s in range(3))), TypeError, "seeds"),
    (dict(seeds=range(10**12)), ValueError, "seeds"),
    (dict(seeds=[0, True]), TypeError, "seeds[1]"),
    (dict(seeds=[0, "1"]), TypeError, "seeds[1]"),
    (dict(seeds=[0, -1]), ValueError, "seeds[1]"),
    (dict(seeds=[0.5]), TypeError, "seeds[0]"),
    (dict(seeds=None), TypeError, "seeds"),
    # the runs' total size and the work of the call
    (dict(layers=[2, 100, 100, 1], seeds=range(5000)), ValueError, "seeds"),
    (dict(epochs=10**8), ValueError, "epochs"),
    (
        dict(layers=[2, 300, 300, 1], X=np.zeros((2000, 2)), y=np.zeros(2000), epochs=100),
        ValueError,
        "epochs",
    ),
    (dict(seeds=range(1000), X=np.zeros((5000, 2)), y=np.zeros(5000)), ValueError, "X"),
    # settings, data and the rest
    (dict(eta=10**400), ValueError, "eta"),
    (dict(eta="0.1"), TypeError, "eta"),
    (dict(epochs=-1), ValueError, "epochs"),
    (dict(layers={2, 1}), TypeError, "layers"),
    (dict(hidden=np.array(["tanh"])), ValueError, "hidden"),
    (dict(reduction="avg"), ValueError, "reduction"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(shuffle_seed=-2), ValueError, "shuffle_seed"),
    (dict(on_divergence="x" * 10_000), ValueError, "on_divergence"),
    (dict(watch="x" * 10_000), TypeError, "watch"),
    (dict(X=None), TypeError, "X"),
    (dict(y=None), TypeError, "y"),
    (dict(y=[[0], [1], [1, 0], [0]]), ValueError, "y"),
    (dict(loss="bce", y=Y * 3), ValueError, "y"),
]


@pytest.mark.parametrize("change,error,name", HOSTILE)
def test_hostile_arguments_are_named_at_once(change, error, name):
    kwargs = {**GOOD, **change}
    layers, X_, y_ = kwargs.pop("layers"), kwargs.pop("X"), kwargs.pop("y")
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        train_many(layers, X_, y_, **kwargs)
    message = str(caught.value)
    assert name in message and len(message) < 300, message
    assert time.perf_counter() - started < 5


def test_many_diverged_runs_make_a_short_message():
    X2 = np.array([[1.0, 2.0], [3.0, -1.0], [-2.0, 0.5], [0.0, 1.0]]) * 10
    Y2 = np.array([[1.0], [-2.0], [3.0], [0.0]])
    with pytest.raises(FloatingPointError) as caught:
        train_many(
            [2, 8, 1], X2, Y2, eta=5.0, epochs=50, seeds=range(40), hidden="relu", output="linear"
        )
    message = str(caught.value)
    assert "40 of 40 runs" in message and "38 more" in message and len(message) < 400


def test_each_network_train_many_returns_is_the_network_its_seed_builds():
    settings = dict(hidden="tanh", output="sigmoid", loss="bce", init="uniform")
    seeds = [0, 5, 9]
    runs = train_many([2, 3, 1], X, Y, eta=0.5, epochs=0, seeds=seeds, **settings)
    for seed, net in zip(seeds, runs.networks):
        alone = Network([2, 3, 1], seed=seed, **settings)
        assert vars(net).keys() == vars(alone).keys()
        for name, value in vars(alone).items():
            if name == "thetas":
                assert all(np.array_equal(a, b) for a, b in zip(net.thetas, value))
            else:
                assert getattr(net, name) == value, name
    firsts, *others = runs.networks
    for net in others:  # nothing shared that a caller could change in one run and not another
        assert net.layers is not firsts.layers and net.thetas is not firsts.thetas
