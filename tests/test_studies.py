"""The stall study's pieces: the solve criterion, first-solve epochs, merged inputs, shapes."""

import json
from pathlib import Path

import numpy as np
import pytest

import backprop_lib.studies
from backprop_lib import Network, xor
from backprop_lib.figures.palette import SETUP_COLOURS
from backprop_lib.figures.stall import plot_first_solve, plot_step_sweep
from backprop_lib.studies.shapes import step_shapes
from backprop_lib.studies.stall import (
    FirstSolve,
    explain_stuck,
    initial_step_length,
    merged_inputs,
    solves,
    stall_study,
)
from backprop_lib.studies.sweep_data import stored_sweep, sweep_file
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
    assert study.outputs.shape == (3, 4, 1) and study.cost is None  # not kept unless asked


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
    assert [None if r["theta"] is None else r["theta"].shape for r in rows] == [
        (3, 3),
        (2, 4),
        (1, 3),
        None,
    ]


def test_stall_study_equals_train_many():
    kwargs = dict(eta=0.3, epochs=500, seeds=[1, 2], init="uniform", loss="mse")
    study = stall_study([2, 2, 1], X, Y, label="x", keep_cost=True, **kwargs)
    runs = train_many([2, 2, 1], X, Y, **kwargs)
    np.testing.assert_array_equal(study.cost, runs.cost)
    assert study.label == "x" and study.seeds == (1, 2)


def test_median_epoch_counts_stuck_runs_as_never_and_row_is_plain_numbers():
    study = stall_study(
        [2, 2, 2, 1], X, Y, eta=0.5, epochs=1500, seeds=range(8), init="uniform", loss="bce"
    )
    first = np.where(study.solved, study.first_solve, np.inf)
    assert study.median_epoch() == np.median(first)
    row = study.row()
    assert row["runs"] == 8 and row["solved"] == int(study.solved.sum()) and row["eta"] == 0.5
    assert row["diverged"] == 0 and row["epochs"] == 1500
    assert row["median"] == (None if not np.isfinite(np.median(first)) else np.median(first))
    solved = study.first_solve[study.solved]
    if len(solved):
        assert row["p10"] == np.percentile(solved, 10) and row["p90"] == np.percentile(solved, 90)
    json.dumps(row)  # JSON-ready


def test_median_epoch_is_never_when_most_runs_are_stuck():
    study = stall_study([2, 2, 2, 1], X, Y, eta=0.1, epochs=50, seeds=[0, 1, 2], loss="mse")
    assert study.fraction_solved == 0
    assert study.median_epoch() == np.inf
    assert study.row()["median"] is None and study.row()["p10"] is None


def test_diverged_runs_count_as_never_solved():
    study = stall_study(
        [2, 2, 1],
        X,
        Y,
        eta=1e300,
        epochs=5,
        seeds=[0, 1],
        output="linear",
        loss="mse",
        on_divergence="stop",
    )
    assert study.diverged == (0, 1) and study.row()["diverged"] == 2
    assert not study.solved.any()


def test_initial_step_length_is_eta_times_the_mean_gradient_norm():
    seeds = [0, 3]
    norms = []
    for s in seeds:
        grads = Network([2, 2, 2, 1], seed=s, init="uniform", loss="mse").gradients(X, Y)
        norms.append(np.sqrt(sum(np.sum(g**2) for g in grads)))
    step = initial_step_length([2, 2, 2, 1], X, Y, eta=0.3, seeds=seeds, init="uniform", loss="mse")
    assert step == pytest.approx(0.3 * np.mean(norms), rel=1e-12)
    # the article's output δ is several times the ½(ŷ − y)² one on the same starts
    bce = initial_step_length([2, 2, 2, 1], X, Y, eta=0.3, seeds=seeds, init="uniform", loss="bce")
    assert bce > 3 * step
    with pytest.raises(ValueError, match="eta"):
        initial_step_length([2, 2, 1], X, Y, eta=-1, seeds=[0])


def test_plots_draw_one_line_per_setup_in_its_colour():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [
        {"setup": k, "step": s, "solved": n, "runs": 10, "median": m}
        for k in "ab"
        for s, n, m in ((0.1, 9, 100.0), (1.0, 3, None))
    ]
    fig, axes = plt.subplots(1, 2)
    plot_step_sweep(axes, rows, {"a": "(a)", "b": "(b)"})
    left, right = axes
    assert [line.get_color() for line in left.lines] == [SETUP_COLOURS["a"], SETUP_COLOURS["b"]]
    assert list(right.lines[0].get_xdata()) == [0.1]  # a median of "never" is not drawn
    study = stall_study([2, 2, 1], X, Y, eta=0.5, epochs=200, seeds=[0, 1], label="x")
    fig2, ax = plt.subplots()
    plot_first_solve(ax, [study], colours=["#009E73"])
    assert ax.get_legend().get_texts()[0].get_fontsize() >= 10
    plt.close(fig)
    plt.close(fig2)


def load_sweep_script():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "stall_sweep.py"
    spec = importlib.util.spec_from_file_location("stall_sweep", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stored_stall_sweep_covers_the_script_grid_and_its_rows_are_study_rows():
    sweep = load_sweep_script()
    stored = stored_sweep()
    assert sweep.RESULTS == Path(str(sweep_file())) and sweep.RESULTS.is_file()
    assert sweep.RESULTS.parent == Path(backprop_lib.studies.__file__).parent  # package data
    with pytest.raises(FileNotFoundError, match="run .venv/bin/python benchmarks/stall_sweep.py"):
        stored_sweep(sweep.RESULTS.with_name("missing.json"))
    assert stored["epochs"] == 10_000 and stored["seeds"] == [0, 255]
    grid = {(r["setup"], r["eta"]) for r in stored["eta_sweep"]}
    assert grid == {(k, eta) for k in sweep.SETUPS for eta in sweep.ETAS}
    shapes = {(r["setup"], str(r["layers"]), r["eta"]) for r in stored["shapes"]}
    assert len(shapes) == 2 * len(sweep.SHAPES) * len(sweep.SHAPE_ETAS)
    for r in stored["eta_sweep"] + stored["shapes"]:
        assert r["runs"] == 256 and 0 <= r["solved"] <= 256 and r["step"] > 0
    # one small row, recomputed: the script's row is StallStudy.row plus its setup and first step
    row = sweep.row([2, 2, 1], "b", 0.5, 300, range(4))
    study = stall_study([2, 2, 1], X, Y, eta=0.5, epochs=300, seeds=range(4), **sweep.SETUPS["b"])
    assert {k: v for k, v in row.items() if k not in ("setup", "layers", "step")} == study.row()
    assert row["step"] == initial_step_length(
        [2, 2, 1], X, Y, eta=0.5, seeds=range(4), **sweep.SETUPS["b"]
    )
