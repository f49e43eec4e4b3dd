"""Training speed, printed side by side and as ratios (make bench). Never run as a test.

Usage: .venv/bin/python benchmarks/run.py [--quick]

All figures come from this one process. Each figure is the median over many repetitions,
and the cases being compared run interleaved (round-robin), so a busy machine slows them
alike. PyTorch is optional and is not in requirements.txt: it is used when `import torch`
works, or when BENCH_TORCH_SITE names the site-packages folder of another environment of
the same Python version that has it (e.g. `python3 -m venv /tmp/tv && /tmp/tv/bin/pip install
torch`, then BENCH_TORCH_SITE=/tmp/tv/lib/python3.11/site-packages make bench).
"""

import datetime
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cases  # noqa: E402

TARGETS = {  # the speed issue's ratios
    "fit vs seed": 2.5,
    "fit vs PyTorch": 6.0,
    "train_many (256) per run vs seed": 50.0,
}
PLAYGROUND_TARGET_MS = 150.0


def load_torch():
    """PyTorch if importable (here or from BENCH_TORCH_SITE), else None; and a note saying which."""
    try:
        import torch

        return torch, f"PyTorch {torch.__version__} (this environment)"
    except ImportError:
        pass
    site = os.environ.get("BENCH_TORCH_SITE")
    if site:
        sys.path.append(site)  # after this venv's own packages, so its NumPy stays in use
        try:
            import torch

            return torch, f"PyTorch {torch.__version__} (from BENCH_TORCH_SITE={site})"
        except ImportError as error:
            return None, f"PyTorch not available: BENCH_TORCH_SITE={site} failed ({error})"
    return None, "PyTorch not installed: its comparisons are skipped (see the docstring)"


def machine():
    """One line naming the date, CPU, core count, Python, NumPy and its BLAS."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{today}; {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; NumPy {np.__version__} "
        f"({blas.get('name')} {blas.get('version')})"
    )


def interleaved(named, rounds, warmup=1):
    """Median seconds per call of each callable, calls taken round-robin.

    Inputs: named, {name: callable()}; rounds, repetitions of each. Returns: {name: seconds}.
    """
    times = {name: [] for name in named}
    for r in range(warmup + rounds):
        for name, f in named.items():
            t0 = time.perf_counter()
            f()
            dt = time.perf_counter() - t0
            if r >= warmup:
                times[name].append(dt)
    return {name: float(np.median(t)) for name, t in times.items()}


def xor_per_epoch(torch, epochs, rounds):
    """µs per epoch on the article's XOR net, every case from the same uniform Θ."""
    X, y = cases.xor_data()
    th = cases.start(cases.XOR_LAYERS, init="uniform")
    named = {
        "seed": lambda: cases.seed_loop(th, X, y, epochs),
        "fit": lambda: cases.fit_loop(th, X, y, epochs, loss="bce"),
        "fit_mse": lambda: cases.fit_loop(th, X, y, epochs, loss="mse"),
    }
    if torch is not None:
        # 4×2 tensors gain nothing from threads: one thread is PyTorch's fastest setting here,
        # and the one that suffers least when the machine is busy.
        torch.set_num_threads(1)
        named["torch"] = lambda: cases.torch_loop(torch, th, X, y, epochs)
    return {k: v / epochs * 1e6 for k, v in interleaved(named, rounds).items()}


def many_per_run(epochs, rounds, runs=256):
    """µs per run per epoch of train_many with `runs` seeds, and of the seed's loop alone."""
    X, y = cases.xor_data()
    th = cases.start(cases.XOR_LAYERS, init="uniform")
    named = {
        "many": lambda: cases.many_loop(cases.XOR_LAYERS, X, y, epochs, range(runs)),
        "seed": lambda: cases.seed_loop(th, X, y, epochs),
    }
    t = interleaved(named, rounds)
    return {"many": t["many"] / epochs / runs * 1e6, "seed": t["seed"] / epochs * 1e6}


def big_per_epoch(torch, epochs, rounds):
    """ms per epoch for a 64-64-10 sigmoid net on random 1797×64 data (glorot Θ for all)."""
    X, y = cases.big_data()
    th = cases.start(cases.BIG_LAYERS, init="glorot")
    named = {
        "seed": lambda: cases.seed_loop(th, X, y, epochs),
        "fit": lambda: cases.fit_loop(th, X, y, epochs, loss="bce"),
    }
    if torch is not None:
        torch.set_num_threads(os.cpu_count() or 1)  # its default, like NumPy's BLAS
        named["torch"] = lambda: cases.torch_loop(torch, th, X, y, epochs)
    return {k: v / epochs * 1e3 for k, v in interleaved(named, rounds).items()}


def playground():
    """benchmarks/bench_playground.measure() if that file exists, else None."""
    if not (HERE / "bench_playground.py").exists():
        return None
    import bench_playground

    return bench_playground.measure()


def verdict(name, ratio):
    target = TARGETS[name]
    return f"{ratio:6.1f}×  (target ≥ {target:g}×: {'met' if ratio >= target else 'NOT MET'})"


def main(quick=False):
    scale = 0.2 if quick else 1.0
    torch, torch_note = load_torch()
    print("backprop_lib benchmarks")
    print(f"  machine: {machine()}")
    print(f"  {torch_note}")
    print()

    xor_epochs, xor_rounds = 2000, max(5, int(40 * scale))
    t = xor_per_epoch(torch, xor_epochs, xor_rounds)
    print(
        f"XOR {cases.XOR_LAYERS}, float64, µs per epoch "
        f"(median of {xor_rounds} runs of {xor_epochs} epochs each, interleaved)"
    )
    print(f"  seed's algorithm (hstack'ed bias columns)     {t['seed']:8.1f}")
    print(f"  Network.fit, the seed's setup (loss='bce')    {t['fit']:8.1f}")
    print(f"  Network.fit, ½(ŷ − y)² (loss='mse')           {t['fit_mse']:8.1f}")
    if torch is not None:
        print(f"  PyTorch CPU autograd loop, 1 thread          {t['torch']:8.1f}")
    print(f"  ratio fit vs seed:        {verdict('fit vs seed', t['seed'] / t['fit'])}")
    if torch is not None:
        print(f"  ratio fit vs PyTorch:     {verdict('fit vs PyTorch', t['torch'] / t['fit'])}")
    else:
        print("  ratio fit vs PyTorch:     not measured (PyTorch not installed)")
    print()

    many_epochs, many_rounds = 1000, max(3, int(9 * scale))
    m = many_per_run(many_epochs, many_rounds)
    print(
        f"train_many, 256 seeds at once on XOR, µs per run per epoch "
        f"(median of {many_rounds} runs of {many_epochs} epochs)"
    )
    print(f"  train_many                                    {m['many']:8.2f}")
    print(f"  seed's algorithm, one run                     {m['seed']:8.1f}")
    name = "train_many (256) per run vs seed"
    print(f"  ratio per run vs seed:    {verdict(name, m['seed'] / m['many'])}")
    print()

    big_epochs, big_rounds = 20, max(3, int(15 * scale))
    b = big_per_epoch(torch, big_epochs, big_rounds)
    print(
        f"{'-'.join(map(str, cases.BIG_LAYERS))} sigmoid net, 1797×64 random data, ms per epoch "
        f"(median of {big_rounds} runs of {big_epochs} epochs)"
    )
    print(f"  seed's algorithm                              {b['seed']:8.2f}")
    print(f"  Network.fit                                   {b['fit']:8.2f}")
    if torch is not None:
        print(f"  PyTorch CPU autograd loop, all cores         {b['torch']:8.2f}")
    print(
        f"  cost growth, fit: {b['fit'] * 1e3 / t['fit']:.0f}× the XOR net's per-epoch time "
        f"(ratio fit vs seed {b['seed'] / b['fit']:.2f}×"
        + (f", vs PyTorch {b['torch'] / b['fit']:.2f}×)" if torch is not None else ")")
    )
    print()

    p = playground()
    print("Playground retrain + redraw, default XOR setup, ms (benchmarks/bench_playground.py)")
    if p is None:
        print("  not measured: benchmarks/bench_playground.py does not exist yet")
    else:
        for key, value in p.items():
            print(f"  {key:44s} {value:8.1f}")
        warm = p.get("retrain_redraw_warm")
        if warm is None:
            print(f"  (target: retrain + redraw under {PLAYGROUND_TARGET_MS:g} ms warm)")
        else:
            met = "met" if warm < PLAYGROUND_TARGET_MS else "NOT MET"
            print(
                f"  retrain + redraw, warm: {warm:.0f} ms "
                f"(target < {PLAYGROUND_TARGET_MS:g}: {met})"
            )
    print()

    import bench_digits  # the handwritten digits: this library, scikit-learn, PyTorch

    bench_digits.main(quick=quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
