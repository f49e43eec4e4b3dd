"""Another floating-point environment than this machine's own, to prove stored outputs portable.

NumPy picks its SIMD kernels (exp, tanh, sums) at run time from what the CPU offers, and
OpenBLAS picks its matmul kernels by CPU type and thread count: each choice changes results in
their last bits. A stored output that holds only on the CPU it was made on fails on the next
one. This module names an environment that differs from the native one on any x86-64 or arm64
machine with SIMD above NumPy's baseline (that is, every machine since about 2013):

- NPY_DISABLE_CPU_FEATURES lists every SIMD target NumPy could dispatch to above its baseline,
  so NumPy runs its baseline kernels (X86_V2 on x86-64) instead of AVX2 or AVX-512;
- OPENBLAS_CORETYPE=Prescott (x86-64 only) makes OpenBLAS use its oldest SSE3 kernels;
- OPENBLAS_NUM_THREADS=1, so sums in matmuls are split the same way on any core count.

Usage: python tools/fp_env.py                 print the environment and what it differs in
       python tools/fp_env.py -- CMD ARG...   run CMD in it (exit code passed through)
"""

import os
import platform
import subprocess
import sys


def simd_targets():
    """(baseline, dispatchable targets above it, those this CPU has) as NumPy reports them."""
    from numpy._core._multiarray_umath import (
        __cpu_baseline__,
        __cpu_dispatch__,
        __cpu_features__,
    )

    above = [name for name in __cpu_dispatch__ if name not in __cpu_baseline__]
    return list(__cpu_baseline__), above, [name for name in above if __cpu_features__.get(name)]


def alternative_env(base=None):
    """A copy of `base` (default os.environ) with NumPy at its baseline SIMD level and another
    OpenBLAS kernel, single-threaded. Returns: dict of str to str."""
    env = dict(os.environ if base is None else base)
    _, above, _ = simd_targets()
    if above:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(above)
    if platform.machine().lower() in ("x86_64", "amd64"):
        env["OPENBLAS_CORETYPE"] = "Prescott"
    env["OPENBLAS_NUM_THREADS"] = "1"
    return env


def describe():
    baseline, above, found = simd_targets()
    native = ", ".join(found) or "none above the baseline"
    blas = os.environ.get("OPENBLAS_CORETYPE", "chosen by OpenBLAS for this CPU")
    return (
        f"native: NumPy SIMD {native} (baseline {', '.join(baseline)}), OpenBLAS core {blas}\n"
        f"alternative: NumPy SIMD baseline only (disabled: {' '.join(above) or 'nothing'}), "
        f"OpenBLAS core {alternative_env().get('OPENBLAS_CORETYPE', 'unchanged')}, 1 thread"
    )


def main(argv):
    if not argv:
        print(describe())
        return 0
    if argv[0] != "--" or len(argv) < 2:
        print("usage: python tools/fp_env.py [-- CMD ARG...]", file=sys.stderr)
        return 2
    print(describe(), flush=True)
    return subprocess.call(argv[1:], env=alternative_env())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
