"""How long one call at the library's work limits takes: the figures behind the README's "about
10 s" (validation.MAX_STEPS and MAX_WORK).

Usage: python benchmarks/bench_work_limit.py [--fraction F]

Each case is a Network.fit (or train_many) call that the limits allow and that sits on one of
them. It runs F of that call's epochs (default 0.1) and prints the CPU seconds of this process
(time.process_time, so that other load on a shared machine does not count; run it with
OPENBLAS_NUM_THREADS=1 so that CPU time is one core's), the µs per update ×
weight layer (the fixed NumPy cost MAX_STEPS bounds), and the whole call's time extrapolated
linearly (training time is linear in epochs). The last column is the ratio to the 10 s the
README states.
"""

import argparse
import time

import numpy as np

from backprop_lib import Network, train_many
from backprop_lib.data import spiral
from backprop_lib.validation import MAX_EPOCHS, MAX_STEPS, MAX_WORK, count_parameters

STATED_SECONDS = 10.0


def _data(m, n_in, n_out, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(m, n_in))
    y = (rng.random((m, n_out)) > 0.5).astype(float)
    return X, y


def cases():
    """(name, layers, m, batch_size, epochs at the limit, limit's name, fit keyword arguments)."""
    out = []
    for layers in ([2, 1], [2, 2, 1], [2, 2, 2, 1], [2, 16, 16, 16, 16, 16, 16, 1]):
        m, weight_layers = 1000, len(layers) - 1
        epochs = MAX_STEPS // (m * weight_layers)  # batch size 1: m updates per epoch
        out.append((f"batch 1, {layers}", layers, m, 1, epochs, "MAX_STEPS", {}))
    xor_epochs = min(MAX_EPOCHS, MAX_STEPS // 3)
    out.append(("full batch, XOR [2, 2, 2, 1]", [2, 2, 2, 1], 4, None, xor_epochs, "MAX_STEPS", {}))
    for big, m in [([64, 64, 10], 1797), ([2, 1000, 1], 9000), ([2, 100, 100, 1], 20_000)]:
        epochs = MAX_WORK // (m * count_parameters(big))
        out.append((f"full batch, {big} on {m}", big, m, None, epochs, "MAX_WORK", {}))
    return out


def measure(fraction):
    rows = []
    for name, layers, m, batch, epochs, limit, extra in cases():
        X, y = _data(m, layers[0], layers[-1])
        net = Network(layers, hidden="tanh", output="sigmoid", loss="bce", seed=0)
        run = max(1, int(epochs * fraction))
        start = time.process_time()
        net.fit(X, y, eta=1e-3, epochs=run, batch_size=batch, **extra)
        seconds = time.process_time() - start
        updates = run * (1 if batch is None else -(-m // batch))
        per_step = seconds / (updates * (len(layers) - 1)) * 1e6
        rows.append((name, limit, epochs, run, seconds, per_step, seconds * epochs / run))
    # train_many on the spiral: MAX_STEPS counts a stacked update once, whatever the runs
    X, y = spiral(n=200, seed=0)
    epochs = MAX_STEPS // (200 * 2)
    run = max(1, int(epochs * fraction))
    start = time.process_time()
    train_many([2, 4, 1], X, y, eta=1e-3, epochs=run, seeds=range(8), batch_size=1)
    seconds = time.process_time() - start
    rows.append(
        (
            "train_many 8 runs, batch 1, [2, 4, 1]",
            "MAX_STEPS",
            epochs,
            run,
            seconds,
            seconds / (run * 200 * 2) * 1e6,
            seconds * epochs / run,
        )
    )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=0.1)
    fraction = parser.parse_args().fraction
    print(f"MAX_STEPS = {MAX_STEPS:,} updates × weight layers, MAX_WORK = {MAX_WORK:.0e}")
    print(f"each case runs {fraction:g} of its epochs; 'whole call' extrapolates to all of them")
    header = f"{'case':42} {'limit':9} {'epochs':>8} {'ran':>7} {'s':>6} {'µs/step':>8}"
    print(header + f" {'whole call s':>12} {'÷ 10 s':>7}   (CPU seconds)")
    for name, limit, epochs, run, seconds, per_step, whole in measure(fraction):
        print(
            f"{name:42} {limit:9} {epochs:>8,} {run:>7,} {seconds:6.2f} {per_step:8.2f}"
            f" {whole:12.1f} {whole / STATED_SECONDS:7.2f}"
        )


if __name__ == "__main__":
    main()
