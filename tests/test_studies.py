"""The stall study's pieces: the solve criterion, first-solve epochs, merged inputs, shapes."""

import numpy as np
import pytest

from backprop_lib import Network, xor
from backprop_lib.studies import (
    FirstSolve,
    explain_stuck,
    merged_inputs,
    shape_table,
    solves,
    stall_study,
    step_shapes,
)
from backprop_lib.training import train_many

X, Y = xor()


def test_solves_needs_every_output_on_the_right_side_of_a_half():
    assert solves([[0.1], [0.9], [0.6], [0.4]], Y)
    assert not solves([[0.1], [0.9], [0.6], [0.5]], Y)  # exactly ½ is not a decision
    many = np.array([[[0.1], [0.9], [0.9], [0.1]], [[0.6], [0.9], [0.9], [0.1]]])
    np.testing.assert_array_equal(solves(many, Y), [True, False])
    with pytest.raises(ValueError, match=r"y_hat: expected shape"):
        solves(np.zeros((4, 2)), Y)


def test_first_solve_is_the_first_epoch_whose_outputs_solve():
    seeds = [2, 0, 5]
    study = stall_study(
        [2, 2, 2, 1], X, Y, eta=0.1, epochs=6000, seeds=seeds, init="uniform", loss="bce"
    )
    for r, seed in enumerate(seeds):
        net = Network([2, 2, 2, 1], init="uniform", loss="bce", seed=seed)
        first = study.first_solve[r]
        if first < 0:  # never: not even after the last update's predecessor
            net.fit(X, Y, eta=0.1, epochs=5999)
            assert not solves(net.predict(X), Y)
            continue
        net.fit(X, Y, eta=0.1, epochs=int(first))
        assert solves(net.predict(X), Y)
        if first:
            net = Network([2, 2, 2, 1], init="uniform", loss="bce", seed=seed)
            net.fit(X, Y, eta=0.1, epochs=int(first) - 1)
            assert not solves(net.predict(X), Y)
    assert study.fraction_solved == np.mean(study.first_solve >= 0)
    np.testing.assert_array_equal(study.stuck, np.flatnonzero(study.first_solve < 0))
    assert study.outputs.shape == (3, 4, 1) and study.cost.shape == (3, 6000)


def test_first_solve_watch_records_once():
    watch = FirstSolve(Y, 2)
    bad = np.full((2, 4, 1), 0.5)
    good = np.array([[[0.1], [0.9], [0.9], [0.1]], [[0.5], [0.5], [0.5], [0.5]]])
    watch(0, bad)
    watch(1, good)
    watch(2, good)
    np.testing.assert_array_equal(watch.epoch, [1, -1])


def test_a_merged_net_outputs_the_mean_target_of_each_group():
    net = Network([2, 2, 2, 1], loss="bce", seed=0)
    # hidden layer 1 sees only x1 + x2 through a step-like σ: 01, 10 and 11 look alike
    net.thetas[0] = np.array([[-10.0, 20.0, 20.0], [-10.0, 20.0, 20.0]])
    net.thetas[1] = np.array([[0.0, 1.0, 1.0], [0.0, -1.0, -1.0]])
    net.thetas[2] = np.array([[0.0, 1.0, 1.0]])
    assert merged_inputs(net, X) == [(0,), (1, 2, 3)]
    net.fit(X, Y, eta=0.5, epochs=3000)  # only the output layer can still move usefully
    groups, gap = explain_stuck(net, X, Y)
    assert groups == [(0,), (1, 2, 3)]
    assert gap < 0.05
    np.testing.assert_allclose(net.predict(X)[1:], 2 / 3, atol=0.05)


def test_merged_inputs_rejects_bad_arguments():
    with pytest.raises(ValueError, match="net: expected a network with a hidden layer"):
        merged_inputs(Network([2, 1], seed=0), X)
    with pytest.raises(ValueError, match="tol: expected a number > 0"):
        merged_inputs(Network([2, 2, 1], seed=0), X, tol=0)


def test_step_shapes_follow_the_bias_column_convention_and_eq_17():
    net = Network([2, 3, 2, 1], seed=3)
    rows = step_shapes(net, X, Y, eta=0.1)
    assert [r["A"].shape for r in rows] == [(4, 3), (4, 4), (4, 3), (4, 1)]
    assert rows[0]["Z"] is None and rows[0]["delta"] is None
    for r, g, t in zip(rows, net.gradients(X, Y), net.thetas):
        assert r["delta_theta"].shape == t.shape
        np.testing.assert_allclose(r["delta_theta"], -0.1 * g, rtol=1e-12, atol=1e-15)
    table = shape_table(rows).splitlines()
    assert len(table) == 5 and table[2].split() == ["1", "4×4", "4×3", "4×3", "2×4", "2×4"]


def test_stall_study_equals_train_many():
    kwargs = dict(eta=0.3, epochs=500, seeds=[1, 2], init="uniform", loss="mse")
    study = stall_study([2, 2, 1], X, Y, label="x", **kwargs)
    runs = train_many([2, 2, 1], X, Y, **kwargs)
    np.testing.assert_array_equal(study.cost, runs.cost)
    assert study.label == "x" and study.seeds == (1, 2)
