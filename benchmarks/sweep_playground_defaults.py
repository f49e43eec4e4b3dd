"""Which settings should each playground data set start from? A measured sweep.

Usage: python benchmarks/sweep_playground_defaults.py [--epochs 3000] [--dataset NAME ...]

For every data set of the playground, every candidate (hidden layers, hidden activation, η·m,
the full batch under the summed cost or mini-batches of 20 under the mean) is trained in a
Playground for as many epochs as a presenter lets Play run (3000 by default), from seed 0, at
the data set's default size and noise. Every CHECK epochs the playground's own diagnosis is
read, as the status line would show it. The table prints, per candidate, the training accuracy
at the end, the first epoch at which it reached 95 %, and the first warning (its kind and epoch)
or "-". The candidate marked * is the one settings.DATASET_DEFAULTS holds, chosen by this rule,
which the script applies and prints: it passes (at least 95 % and no warning at any checkpoint,
and no warning either at a neighbouring η·m, ×2 or ÷2: a margin against other CPUs' round-off);
among those the full batch before mini-batches, then the highest accuracy, the soonest to 95 %,
the fewest units and the smaller η·m. XOR keeps notebook 04's 4, 4 tanh network and η = 0.5 (η·m
= 2), which passes.
"""

import argparse
import time

from backprop_lib.playground import Playground
from backprop_lib.playground.settings import DATASET_DEFAULTS, DATASETS, Settings, samples

CHECK = 100  # epochs between two looks at the diagnosis
LAYERS = ("4, 4", "8, 8", "16, 16", "16, 16, 16")
HIDDEN = ("tanh", "relu")
ETA_TIMES_SAMPLES = (0.5, 1.0, 2.0, 4.0)
BATCHES = ((0, "sum"), (20, "mean"))  # the full batch, or mini-batches of 20 samples


def run(dataset, layers, hidden, eta_m, batch, reduction, epochs):
    """Train one candidate. Returns: (final accuracy, first epoch ≥ 95 % or None, warning)."""
    pairing = DATASET_DEFAULTS[dataset]["pairing"]
    m = samples(dataset, Settings.n)
    eta = eta_m / m * (min(batch or m, m) if reduction == "mean" else 1)
    settings = Settings(
        eta=float(f"{eta:.3g}"),
        dataset=dataset,
        layers=layers,
        hidden=hidden,
        pairing=pairing,
        epochs=CHECK,
        batch=batch,
        reduction=reduction,
    )
    pg = Playground(settings, resolution=8)
    reached, warning = None, None
    while True:
        if reached is None and pg.accuracy >= 0.95:
            reached = pg.epoch
        kind = "diverged" if pg.message else pg.diagnosis().kind
        if warning is None and kind != "ok":
            warning = f"{kind}@{pg.epoch}"
        if pg.epoch >= epochs or pg.message:
            return pg.accuracy, reached, warning
        pg.step(CHECK)


def units(layers):
    return sum(int(n) for n in layers.split(","))


def passes(row, rows):
    """The rule: ≥ 95 % and no warning, and no warning at a neighbouring η·m (×2 or ÷2)."""
    layers, hidden, eta_m, batch, acc, _, warning = row
    neighbours = [
        r
        for r in rows
        if r[:2] == (layers, hidden) and r[3] == batch and r[2] in (eta_m * 2, eta_m / 2)
    ]
    clean = acc >= 0.95 and warning is None
    return clean and any(r[6] is None for r in neighbours)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3000)
    parser.add_argument("--dataset", nargs="*", default=list(DATASETS))
    args = parser.parse_args()
    for dataset in args.dataset:
        start = time.perf_counter()
        rows = []
        for batch, reduction in BATCHES:
            for layers in LAYERS:
                for hidden in HIDDEN:
                    for eta_m in ETA_TIMES_SAMPLES:
                        result = run(dataset, layers, hidden, eta_m, batch, reduction, args.epochs)
                        rows.append((layers, hidden, eta_m, batch, *result))
        own = DATASET_DEFAULTS[dataset]
        chosen = (own["layers"], own["hidden"], own["eta_m"], own["batch"])
        print(f"\n{dataset} ({own['pairing']}, {args.epochs} epochs, {CHECK}-epoch checks)")
        print(
            f"  {'layers':12s} {'hidden':6s} {'η·m':>5s} {'batch':>5s} {'accuracy':>9s} "
            f"{'≥95 % at':>9s}  warning"
        )
        for row in rows:
            layers, hidden, eta_m, batch, acc, reached, warning = row
            mark = "*" if row[:4] == chosen else " "
            rule = "  passes the rule" if passes(row, rows) else ""
            print(
                f"{mark} {layers:12s} {hidden:6s} {eta_m:5.2g} {batch or 'all':>5} {acc:9.3f} "
                f"{reached if reached is not None else '-':>9}  {warning or '-'}{rule}"
            )
        passing = [row for row in rows if passes(row, rows)]
        if passing:
            best = min(passing, key=lambda r: (r[3] > 0, -r[4], r[5], units(r[0]), r[2]))
            layers, hidden, eta_m, batch = best[:4]
            print(f"  the rule picks: {layers}, {hidden}, η·m = {eta_m:g}, batch {batch or 'all'}")
        print(f"  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
