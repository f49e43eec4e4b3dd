"""tools/fp_matrix.py: which floating-point environments it runs, and what it reports."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
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


def test_counts_come_from_the_junit_file_when_there_is_one(tmp_path):
    junit = tmp_path / "run.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest" errors="1" failures="2" skipped="3" tests="10">'
        "</testsuite></testsuites>"
    )
    report = "FAILED a.py::t1\nFAILED a.py::t2\nERROR a.py::t3\n"  # -qq: no counts in the text
    assert fp_matrix.outcome(report, junit) == (4, 3, ["a.py::t1", "a.py::t2", "a.py::t3"])
    assert fp_matrix.outcome(report, tmp_path / "missing.xml")[:2] == (0, 0)


@pytest.mark.slow  # runs pytest in two environments of its own
def test_a_test_that_fails_in_one_environment_fails_the_matrix(tmp_path, monkeypatch, capsys):
    (tmp_path / "test_env.py").write_text(
        "import os\ndef test_native():\n    assert 'NPY_DISABLE_CPU_FEATURES' not in os.environ\n"
    )
    runs = [("own", {}), ("baseline", {"NPY_DISABLE_CPU_FEATURES": " ".join(ABOVE)})]
    monkeypatch.setattr(fp_matrix, "environments", lambda *args: runs)
    monkeypatch.chdir(tmp_path)
    assert fp_matrix.main(["--", "-q", str(tmp_path / "test_env.py")]) == 1  # -qq: counts kept
    out = capsys.readouterr().out
    assert "pass  own: 1 passed, 0 failed" in out
    assert "FAIL  baseline: 0 passed, 1 failed" in out and "test_env.py::test_native" in out
    monkeypatch.setattr(fp_matrix, "environments", lambda *args: runs[:1])
    assert fp_matrix.main([str(tmp_path / "test_env.py")]) == 0


def test_bad_options_are_refused_naming_the_option(capsys):
    for argv, named in ((["--threads", "0"], "--threads"), (["--perturb", "-1"], "--perturb")):
        with pytest.raises(SystemExit):
            fp_matrix.main(argv)
        assert named in capsys.readouterr().err


@pytest.mark.slow  # a Python process of its own, where the startup file patches the package
def test_the_startup_file_moves_every_weight_one_ulp_train_many_included(tmp_path):
    folder = fp_matrix.perturbed_ipython_dir(tmp_path, 3)
    startup = Path(folder) / "profile_default" / "startup" / "00-perturb.py"
    script = f"""
import json, runpy
import numpy as np
from backprop_lib import Network, xor
from backprop_lib.training import train_many
exact = [Network([2, 3, 1], seed=s).thetas for s in (0, 1)]
runpy.run_path({str(startup)!r})  # as IPython runs a startup file
moved = [Network([2, 3, 1], seed=0).thetas]
moved += [train_many([2, 3, 1], *xor(), eta=0.5, epochs=0, seeds=[0, 1]).networks[1].thetas]
ulps = [np.abs(b - a)[a != 0] / np.spacing(np.abs(a[a != 0])) for e, m in zip(exact, moved)
        for a, b in zip(e, m)]
print(json.dumps([u.tolist() for u in ulps]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for ulps in json.loads(done.stdout):  # x (1 ± 2⁻⁵²) is 1 or 2 ulps of x from x
        assert ulps and all(u in (1.0, 2.0) for u in ulps), ulps


@pytest.mark.slow  # nbval starts two kernels
def test_a_notebook_that_prints_a_start_exactly_fails_only_perturbed(tmp_path, monkeypatch, capsys):
    from backprop_lib import Network

    first = float(Network([2, 3, 1], seed=0).thetas[0][0, 1])  # a weight (biases start at 0)
    nb = nbformat.v4.new_notebook()
    source = "from backprop_lib import Network\nnet = Network([2, 3, 1], seed=0)\n"
    cell = nbformat.v4.new_code_cell(source + "print(repr(float(net.thetas[0][0, 1])))")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"{first!r}\n")]
    nb.cells = [cell]
    nbformat.write(nb, tmp_path / "start.ipynb")
    monkeypatch.setattr(fp_matrix, "environments", lambda *args: [("own", {})])
    monkeypatch.chdir(tmp_path)
    argv = ["--perturb", "1", "--", "--nbval", "--nbval-current-env", "start.ipynb"]
    assert fp_matrix.main(argv) == 1
    out = capsys.readouterr().out
    assert out.startswith("2 environments") and "pass  own: 1 passed" in out
    assert "FAIL  own, every start one ulp away (pattern 1): 0 passed, 1 failed" in out
