"""Run the notebooks (or any tests) in each floating-point environment this CPU can run.

By default every notebook runs under strict nbval in each environment, and a table says which
passed.

`make test` checks two environments (tools/fp_env.py): the machine's own and one far from it.
A CPU of another family picks other kernels again, and a claim with a thin margin can hold in
both and fail there. This runs the same tests under each NumPy SIMD level this CPU offers
(every dispatch target from one level up disabled with NPY_DISABLE_CPU_FEATURES) and each
OpenBLAS kernel family it can execute (OPENBLAS_CORETYPE; x86-64 only), so one machine stands
in for many. It takes about a minute per environment for the notebooks, so it is a tool for
whoever changes a notebook's claims, not part of `make test`.

A CPU is one rounding among many. --perturb adds runs in this machine's own environment where
every network starts one unit in the last place away from its seed's Θ (each entry times
1 ± 2⁻⁵², the signs drawn from pattern K; an IPython startup file in a temporary IPYTHONDIR
patches architecture.initial_thetas in each notebook's kernel), so a notebook's claim that only
some rounding makes true fails there, whichever CPUs are at hand. It reaches notebooks only.

Usage: python tools/fp_matrix.py [--all] [--threads N] [--perturb K ...] [-- PYTEST ARG...]
  default   each NumPy level with this machine's OpenBLAS kernel, then each OpenBLAS kernel
            family with this machine's NumPy level
  --all     every NumPy level with every OpenBLAS kernel family (the product)
  --threads OPENBLAS_NUM_THREADS for every run (default: OpenBLAS's own choice)
  --perturb instead, this machine's own environment and one run per pattern K (an int ≥ 0)
  PYTEST ARG  what to run (default: notebooks)
Exit code: 0 when every environment passed, 1 otherwise.
"""

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

from fp_env import simd_targets

# OpenBLAS kernel families (OPENBLAS_CORETYPE), oldest first, with the NumPy CPU features each
# one's kernels execute: a family the CPU lacks would stop the process with SIGILL.
OPENBLAS_CORES = {
    "Prescott": ("SSE3",),
    "Nehalem": ("SSE42", "POPCNT"),
    "Sandybridge": ("AVX",),
    "Haswell": ("AVX2", "FMA3"),
    "Zen": ("AVX2", "FMA3"),
    "SkylakeX": ("AVX512_SKX",),
    "Cooperlake": ("AVX512_SKX", "AVX512BF16"),
    "SapphireRapids": ("AVX512_SPR", "AVX512BF16"),
}


def cpu_features():
    """The CPU features NumPy detected, as a set of names."""
    from numpy._core._multiarray_umath import __cpu_features__

    return {name for name, found in __cpu_features__.items() if found}


def numpy_levels(above, found):
    """[(label, NPY_DISABLE_CPU_FEATURES or None)]: this CPU's own level first, then one level
    lower at a time down to the baseline. `above`: the dispatch targets above the baseline, in
    NumPy's order (lowest first); `found`: those this CPU has."""
    have = [name for name in above if name in found]
    levels = [(f"NumPy {have[-1] if have else 'baseline'}", None)]
    for i in range(len(have) - 1, -1, -1):
        label = have[i - 1] if i else "baseline"
        levels.append((f"NumPy {label}", " ".join(above[above.index(have[i]) :])))
    return levels


def blas_cores(features, machine=None):
    """The OpenBLAS kernel families this CPU can execute (x86-64 only; else none)."""
    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64"):
        return []
    return [core for core, needs in OPENBLAS_CORES.items() if set(needs) <= features]


def environments(levels, cores, product=False):
    """[(label, {variable: value})]: the runs to make, this machine's own environment first."""
    own_level, *lower = levels
    runs = [(f"{own_level[0]}, OpenBLAS own choice", {})]
    runs += [
        (f"{label}, OpenBLAS own choice", {"NPY_DISABLE_CPU_FEATURES": off}) for label, off in lower
    ]
    pairs = (
        [(level, core) for level in levels for core in cores]
        if product
        else [(own_level, c) for c in cores]
    )
    for (label, off), core in pairs:
        env = {"OPENBLAS_CORETYPE": core}
        if off:
            env["NPY_DISABLE_CPU_FEATURES"] = off
        runs.append((f"{label}, OpenBLAS {core}", env))
    return runs


PERTURB_STARTUP = """# tools/fp_matrix.py --perturb: every network starts one ulp from its seed's Θ
import sys as _sys

import backprop_lib.architecture as _architecture


def _perturbed(initial_thetas, pattern):
    import numpy as np

    def initial_thetas_one_ulp_away(layers, init, rng):
        signs = np.random.default_rng(pattern)
        return [
            t * (1 + signs.choice([-1.0, 1.0], size=t.shape) * 2.0**-52)
            for t in initial_thetas(layers, init, rng)
        ]

    return initial_thetas_one_ulp_away


_original = _architecture.initial_thetas
_replacement = _perturbed(_original, {pattern})
for _module in list(_sys.modules.values()):  # every module that imported it by name
    if getattr(_module, "__name__", "").startswith("backprop_lib"):
        if getattr(_module, "initial_thetas", None) is _original:
            _module.initial_thetas = _replacement
del _sys, _architecture, _perturbed, _original, _replacement, _module
"""


def perturbed_ipython_dir(folder, pattern):
    """An IPYTHONDIR under `folder` whose startup file perturbs every start by pattern."""
    startup = Path(folder) / f"ipython-perturb-{pattern}" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-perturb.py").write_text(PERTURB_STARTUP.replace("{pattern}", str(pattern)))
    return str(startup.parent.parent)


def outcome(report, junit=None):
    """(passed, failed, failed test ids) from a pytest run: the counts from its JUnit XML file
    `junit` where it wrote one (whatever -q or -v asked of the text), else from the report's
    text; the failed ids from the text's short summary."""
    failures = re.findall(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", report, flags=re.MULTILINE)
    if junit is not None and Path(junit).is_file():
        suite = ElementTree.parse(junit).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        tests, failed, errors, skipped = (
            int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")
        )
        return tests - failed - errors - skipped, failed + errors, failures
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|error)", report)}
    return counts.get("passed", 0), counts.get("failed", 0) + counts.get("error", 0), failures


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--threads", type=int)
    parser.add_argument("--perturb", type=int, nargs="+", default=[], metavar="K")
    parser.add_argument("pytest_args", nargs="*", default=["notebooks"])
    args = parser.parse_args(argv)
    if args.threads is not None and args.threads < 1:
        parser.error(f"--threads: expected a whole number ≥ 1, got {args.threads}")
    if any(k < 0 for k in args.perturb):
        parser.error(f"--perturb: expected whole numbers ≥ 0, got {args.perturb}")
    _, above, found = simd_targets()
    features = cpu_features()
    runs = environments(numpy_levels(above, set(found)), blas_cores(features), args.all)
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE")
    }
    if args.threads:
        base["OPENBLAS_NUM_THREADS"] = str(args.threads)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args.pytest_args]
    folder = tempfile.TemporaryDirectory(prefix="fp-matrix-")
    if args.perturb:  # a probe of its own: the unperturbed run first, to compare with
        runs = runs[:1]
    for k in args.perturb:
        extra = {"IPYTHONDIR": perturbed_ipython_dir(folder.name, k)}
        runs.append((f"{runs[0][0]}, every start one ulp away (pattern {k})", extra))
    print(f"{len(runs)} environments; each runs: {' '.join(command[2:])}", flush=True)
    rows, all_passed = [], True
    for i, (label, extra) in enumerate(runs):
        start, junit = time.perf_counter(), Path(folder.name) / f"run-{i}.xml"
        run = [*command, "-rfE", f"--junitxml={junit}"]
        done = subprocess.run(run, env=base | extra, capture_output=True, text=True)
        passed, failed, failures = outcome(done.stdout + done.stderr, junit)
        ok = done.returncode == 0 and passed > 0
        all_passed &= ok
        rows.append((label, passed, failed, time.perf_counter() - start))
        print(f"{'pass' if ok else 'FAIL'}  {label}: {passed} passed, {failed} failed", flush=True)
        for test in failures:
            print(f"      {test}", flush=True)
    width = max(len(label) for label, *_ in rows)
    print(f"\n{'environment':<{width}}  passed  failed  seconds")
    for label, passed, failed, seconds in rows:
        print(f"{label:<{width}}  {passed:6d}  {failed:6d}  {seconds:7.1f}")
    folder.cleanup()
    return 0 if all_passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
