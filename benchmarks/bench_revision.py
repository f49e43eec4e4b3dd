"""This tree's training loop against an earlier commit's, paired in one process (never a test).

Usage: .venv/bin/python benchmarks/bench_revision.py [REVISION] [--rounds N]
  REVISION  any git revision (default: 59e1d7a, the last commit before the layout of issue 17)

`git archive` writes that commit's backprop_lib/ into a temporary folder under another package
name (the package imports itself by relative imports only), so both versions load side by side.
Each round times every case once in each version from the same start, the one that goes first
alternating between rounds (the second of a pair ran up to 4 % faster with the same code in
both): Network.fit full batch on XOR [2, 2, 2, 1] (2000 epochs, the article's setup),
train_many over 256 seeds (1000 epochs), and mini-batch fit (batch 32 of 256 samples, a
[2, 8, 1] tanh net, 100 epochs).
It prints the medians and this tree's time over the other's (below 1: this tree is faster).
"""

import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BEFORE_LAYOUT = "59e1d7a"


def load_revision(revision, folder):
    """backprop_lib as of `revision`, imported as the package `backprop_lib_<revision>`."""
    archive = subprocess.run(
        ["git", "archive", revision, "backprop_lib"], cwd=ROOT, capture_output=True, check=False
    )
    if archive.returncode != 0:
        sys.exit(f"revision: git archive {revision} failed: {archive.stderr.decode().strip()}")
    name = f"backprop_lib_{revision}".replace("-", "_").replace(".", "_").replace("~", "_")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    (Path(folder) / "backprop_lib").rename(Path(folder) / name)
    sys.path.insert(0, str(folder))
    return importlib.import_module(name), importlib.import_module(f"{name}.training")


def cases(package, training):
    """{case: a function that runs it once} for one version of the package."""
    X, y = package.xor()
    rng = np.random.default_rng(0)
    Xm = rng.normal(size=(256, 2))
    ym = (Xm[:, :1] * Xm[:, 1:] > 0).astype(float)

    def full_batch():
        net = package.Network([2, 2, 2, 1], hidden="sigmoid", output="sigmoid", loss="bce", seed=0)
        net.fit(X, y, eta=0.5, epochs=2000)

    def many():
        training.train_many(
            [2, 2, 2, 1], X, y, eta=0.5, epochs=1000, seeds=range(256), init="uniform", loss="bce"
        )

    def mini_batch():
        net = package.Network([2, 8, 1], hidden="tanh", output="sigmoid", loss="bce", seed=0)
        net.fit(Xm, ym, eta=0.05, epochs=100, batch_size=32, shuffle_seed=0)

    return {
        "fit, full batch, µs per epoch": (full_batch, 2000),
        "train_many, µs per run per epoch": (many, 1000 * 256),
        "fit, mini-batch 32, µs per epoch": (mini_batch, 100),
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", nargs="?", default=BEFORE_LAYOUT)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    import backprop_lib
    import backprop_lib.training

    with tempfile.TemporaryDirectory() as folder:
        other = cases(*load_revision(args.revision, folder))
        this = cases(backprop_lib, backprop_lib.training)
        times = {case: ([], []) for case in this}
        for round_ in range(args.rounds):
            for case, (ours, theirs) in times.items():
                pair = [(this, ours), (other, theirs)]
                for version, record in pair[
                    :: 1 if round_ % 2 else -1
                ]:  # who goes first alternates
                    run, units = version[case]
                    start = time.perf_counter()
                    run()
                    record.append((time.perf_counter() - start) / units * 1e6)
    print(f"this tree against {args.revision}, median of {args.rounds} interleaved rounds")
    print(f"{'case':<34} {'this tree':>10} {args.revision:>10}   ratio")
    for case, (ours, theirs) in times.items():
        a, b = np.median(ours), np.median(theirs)
        print(f"{case:<34} {a:10.3f} {b:10.3f}   {a / b:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
