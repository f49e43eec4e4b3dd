"""The benchmark's rivals do the same arithmetic, so its ratios compare like with like.

Timing itself is never tested: benchmarks/run.py prints figures (make bench).
"""

import importlib.util
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cases = load("cases")


def test_seed_fit_and_train_many_cases_land_on_the_same_parameters():
    X, y = cases.xor_data()
    start = cases.start(cases.XOR_LAYERS, init="uniform", seed=1)
    seed = cases.seed_loop(start, X, y, 200)
    fit = cases.fit_loop(start, X, y, 200, loss="bce")
    many = cases.many_loop(cases.XOR_LAYERS, X, y, 200, seeds=[1, 2])
    for a, b, c in zip(seed, fit, many.networks[0].thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
        np.testing.assert_allclose(a, c, rtol=0, atol=1e-12)


def test_big_case_has_the_digits_shape_and_trains_alike():
    X, y = cases.big_data()
    assert X.shape == (1797, 64) and y.shape == (1797, 10)
    np.testing.assert_array_equal(y.sum(axis=1), 1)
    start = cases.start(cases.BIG_LAYERS, init="glorot")
    for a, b in zip(cases.seed_loop(start, X, y, 2), cases.fit_loop(start, X, y, 2)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)


def test_interleaved_timing_reports_every_case():
    run = load("run")
    calls = []
    times = run.interleaved({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}, 3)
    assert set(times) == {"a", "b"} and all(t >= 0 for t in times.values())
    assert calls == ["a", "b"] * 4  # one warm-up round, then three, alternating
