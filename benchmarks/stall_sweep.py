"""The stall study's long sweeps, run once and stored for notebook 04 to load.

Usage: .venv/bin/python benchmarks/stall_sweep.py [--quick]
Writes backprop_lib/studies/stall_sweep.json, data of the package (with --quick: 64 seeds,
2000 epochs, to a temporary file, for trying the script out).

1. η sweep: setups (a) the article's (U[0, 1) init, ŷ − y, i.e. loss="bce"), (b) ½(ŷ − y)²
   with a sigmoid output (loss="mse"), (c) Glorot init with ŷ − y, each over a grid of η, with
   the mean length of the first gradient step at that η. Every row is StallStudy.row().
2. What predicts a stall: the share of runs still stuck after the epochs, for each init
   ("uniform", "glorot") × network shape (width and depth), loss="bce", at a few η.
Every study trains 256 seeds for 10 000 epochs with train_many (diverged runs stopped and
counted as not solved). About 0.6 µs per run per epoch on XOR: a few minutes in all.
"""

import json
import sys
import tempfile
import time
from pathlib import Path

from backprop_lib import xor
from backprop_lib.studies.stall import initial_step_length, stall_study
from backprop_lib.studies.sweep_data import sweep_file

RESULTS = Path(str(sweep_file()))  # the source tree's copy (an editable install)
LAYERS = [2, 2, 2, 1]
SETUPS = {
    "a": dict(init="uniform", loss="bce"),
    "b": dict(init="uniform", loss="mse"),
    "c": dict(init="glorot", loss="bce"),
}
ETAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0]
SHAPES = [[2, 2, 1], [2, 2, 2, 1], [2, 3, 3, 1], [2, 4, 4, 1], [2, 2, 2, 2, 1], [2, 3, 3, 3, 1]]
SHAPE_ETAS = [0.1, 0.5, 2.0]


def row(layers, setup, eta, epochs, seeds):
    """One stored row: stall_study's figures for one setup, shape and η, and its first step."""
    X, y = xor()
    study = stall_study(
        layers, X, y, eta=eta, epochs=epochs, seeds=seeds, on_divergence="stop", **SETUPS[setup]
    )
    out = study.row()
    out.update(
        setup=setup,
        layers=list(layers),
        step=initial_step_length(layers, X, y, eta=eta, seeds=seeds, **SETUPS[setup]),
    )
    return out


def main(quick=False):
    seeds, epochs = (range(64), 2000) if quick else (range(256), 10_000)
    started = time.perf_counter()
    sweep = []
    for setup in SETUPS:
        for eta in ETAS:
            sweep.append(row(LAYERS, setup, eta, epochs, seeds))
            r = sweep[-1]
            print(
                f"({setup}) η={eta:<5} solved {r['solved']:>3}/{r['runs']}  median {r['median']}"
                f"  step {r['step']:.3f}  diverged {r['diverged']}",
                flush=True,
            )
    shapes = []
    for setup in ("a", "c"):
        for layers in SHAPES:
            for eta in SHAPE_ETAS:
                shapes.append(row(layers, setup, eta, epochs, seeds))
                r = shapes[-1]
                print(f"({setup}) {layers} η={eta}: solved {r['solved']}/{r['runs']}", flush=True)
    results = {
        "about": "benchmarks/stall_sweep.py: XOR stall study rows (StallStudy.row) for notebook 04",
        "seeds": [min(seeds), max(seeds)],
        "epochs": epochs,
        "setups": SETUPS,
        "eta_sweep": sweep,
        "shapes": shapes,
    }
    path = Path(tempfile.gettempdir()) / "stall_sweep_quick.json" if quick else RESULTS
    path.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {path} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
