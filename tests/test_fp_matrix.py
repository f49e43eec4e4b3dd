"""tools/fp_matrix.py: which floating-point environments it runs, and what it reports."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import fp_matrix  # noqa: E402

ABOVE = ["X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"]  # NumPy 2.4's x86-64 dispatch targets


def test_numpy_levels_go_down_from_this_cpus_own_to_the_baseline():
    levels = fp_matrix.numpy_levels(ABOVE, {"X86_V3", "X86_V4", "AVX512_ICL"})  # no SPR
    assert levels == [
        ("NumPy AVX512_ICL", None),
        ("NumPy X86_V4", "AVX512_ICL AVX512_SPR"),
        ("NumPy X86_V3", "X86_V4 AVX512_ICL AVX512_SPR"),
        ("NumPy baseline", "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"),
    ]
    assert fp_matrix.numpy_levels(ABOVE, set()) == [("NumPy baseline", None)]


def test_only_openblas_kernels_the_cpu_can_execute_are_chosen():
    avx2 = {"SSE3", "SSE42", "POPCNT", "AVX", "AVX2", "FMA3"}
    assert fp_matrix.blas_cores(avx2, "x86_64") == [
        "Prescott",
        "Nehalem",
        "Sandybridge",
        "Haswell",
        "Zen",
    ]
    skylake = fp_matrix.blas_cores(avx2 | {"AVX512_SKX"}, "x86_64")
    assert "SkylakeX" in skylake and "Cooperlake" not in skylake
    assert fp_matrix.blas_cores(avx2 | {"AVX512_SKX"}, "aarch64") == []  # x86-64 names only


def test_the_runs_start_with_this_machines_own_environment_and_differ_from_each_other():
    levels = fp_matrix.numpy_levels(ABOVE, {"X86_V3", "X86_V4"})
    cores = ["Prescott", "Haswell", "SkylakeX"]
    diagonal = fp_matrix.environments(levels, cores)
    assert diagonal[0] == ("NumPy X86_V4, OpenBLAS own choice", {})
    assert len(diagonal) == len(levels) + len(cores)
    product = fp_matrix.environments(levels, cores, product=True)
    assert len(product) == len(levels) + len(levels) * len(cores)
    for runs in (diagonal, product):
        labels = [label for label, _ in runs]
        settings = [tuple(sorted(env.items())) for _, env in runs]
        assert len(set(labels)) == len(labels) and len(set(settings)) == len(settings)
    assert (
        "NumPy baseline, OpenBLAS Prescott",
        dict(
            OPENBLAS_CORETYPE="Prescott",
            NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
        ),
    ) in product


def test_a_pytest_report_is_read_as_counts_and_failed_ids():
    report = (
        "FAILED notebooks/06_activation_and_cost.ipynb::Cell 19 - Notebook cell execution failed\n"
        "ERROR tests/test_x.py::test_y\n"
        "= 1 failed, 357 passed, 1 error in 68.85s =\n"
    )
    passed, failed, ids = fp_matrix.outcome(report)
    assert (passed, failed) == (357, 2)
    assert ids == ["notebooks/06_activation_and_cost.ipynb::Cell 19", "tests/test_x.py::test_y"]


@pytest.mark.slow  # runs pytest in two environments of its own
def test_a_test_that_fails_in_one_environment_fails_the_matrix(tmp_path, monkeypatch, capsys):
    (tmp_path / "test_env.py").write_text(
        "import os\ndef test_native():\n    assert 'NPY_DISABLE_CPU_FEATURES' not in os.environ\n"
    )
    runs = [("own", {}), ("baseline", {"NPY_DISABLE_CPU_FEATURES": " ".join(ABOVE)})]
    monkeypatch.setattr(fp_matrix, "environments", lambda *args: runs)
    monkeypatch.chdir(tmp_path)
    assert fp_matrix.main([str(tmp_path / "test_env.py")]) == 1
    out = capsys.readouterr().out
    assert "pass  own: 1 passed, 0 failed" in out
    assert "FAIL  baseline: 0 passed, 1 failed" in out and "test_env.py::test_native" in out
    monkeypatch.setattr(fp_matrix, "environments", lambda *args: runs[:1])
    assert fp_matrix.main([str(tmp_path / "test_env.py")]) == 0
