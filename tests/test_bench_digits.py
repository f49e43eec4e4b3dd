"""The digits benchmark compares like with like: the same data, network size, batches and η.

Timing is never tested (benchmarks/bench_digits.py prints it, in make bench).
"""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_digits.py"
spec = importlib.util.spec_from_file_location("bench_digits", BENCH)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


@pytest.mark.slow  # trains with scikit-learn too
def test_every_case_trains_the_same_network_to_a_comparable_accuracy():
    X, y, X_test, y_test = bench.data()
    assert len(X) + len(X_test) == 1797 and abs(len(X_test) - 360) <= 5
    ours = bench.ours(X, y, X_test, y_test, 5)
    theirs = bench.sklearn(X, y, X_test, y_test, 5)
    assert ours > 0.9 and theirs > 0.9 and abs(ours - theirs) < 0.05


def test_scikit_learn_runs_plain_mini_batch_sgd():
    import inspect

    source = inspect.getsource(bench.sklearn)
    for setting in ('solver="sgd"', "momentum=0.0", "alpha=0.0", "batch_size=BATCH"):
        assert setting in source
    assert (bench.LAYERS, bench.ETA, bench.BATCH, bench.EPOCHS) == ([64, 32, 10], 0.1, 32, 30)


def test_summary_gives_wall_and_cpu_ratios_per_threading(capsys):
    # Fake figures (seconds for the whole run): the summary divides theirs by this library's.
    results = {"this library": (1.0, 0.5, 0.98), "scikit-learn": (3.0, 2.5, 0.97)}
    bench.summary({"BLAS 1 thread": results}, 30)
    out = capsys.readouterr().out
    assert "3.0× / 5.0× (CPU met)" in out and "CPU time is the fair figure" in out
    assert "every threading: met" in out
    slower = {**results, "scikit-learn": (3.0, 1.5, 0.97)}
    bench.summary({"BLAS 1 thread": results, "BLAS default threads": slower}, 30)
    out = capsys.readouterr().out
    assert "3.0× / 3.0× (CPU NOT MET)" in out and "every threading: NOT MET (lowest 3.0×)" in out


def test_every_case_records_the_same_learning_curve():
    # Like with like: the mean of each epoch's batch costs, which scikit-learn always records.
    import inspect

    assert 'record="batches"' in inspect.getsource(bench.ours)
    assert "loss_curve_" in inspect.getsource(bench.sklearn)
    assert "J.item() * len(batch)" in inspect.getsource(bench.torch_case)
