"""The handwritten digits, trained three ways with the same mini-batch SGD (make bench).

Never run as a test. The same [64, 32, 10] network (tanh hidden layer, softmax output, mean
cross-entropy), batches of 32, η = 0.1, 30 epochs, no momentum, no L2, on the same 80 % of
digits() (the other 20 % scores the test accuracy), in
  * this library:  Network.fit(..., record="batches");
  * scikit-learn:  MLPClassifier(solver="sgd", momentum=0, alpha=0, ...), what a user would
                   pick instead (float64, like this library);
  * PyTorch (when importable, here or through BENCH_TORCH_SITE, see run.py): a plain training
                   loop over nn.Linear layers, float64, one thread.
Like with like, each also records the same learning curve: per epoch, the mean of the batch
costs it met during that epoch (scikit-learn's loss_curve_, which it always computes; fit's
record="batches"; PyTorch's loop adds up loss.item()), none taking an extra pass over the data.
The cases run interleaved in this one process; each figure is the best of 7 rounds. Each
case runs twice: with BLAS limited to one thread (threadpoolctl), and with the BLAS's own
default, to show what threads do to matrices this small on a busy machine. Each figure is
given as wall time and as CPU time (time.process_time); on a loaded machine CPU time is the
fair one, since wall time also counts the time spent waiting for a core.

Usage: .venv/bin/python benchmarks/bench_digits.py [--quick]
"""

import os
import sys
import time
import warnings

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from backprop_lib import Network
from backprop_lib.classes import accuracy
from backprop_lib.data import digits, split

LAYERS, ETA, BATCH, EPOCHS, ROUNDS = [64, 32, 10], 0.1, 32, 30, 7
TARGET_RATIO = 4.0
# With more than one BLAS thread, OpenBLAS's idle threads spin for a while (~0.1 s) after each
# multi-threaded product before they sleep; that CPU time would be counted to whichever case
# runs next (process_time counts every thread), so the cases start that much apart.
SETTLE = 0.25


def data():
    X, y = digits(seed=0)
    (X_train, y_train), (X_test, y_test) = split(X, y, (0.8, 0.2), seed=0)
    return X_train, y_train, X_test, y_test


def ours(X, y, X_test, y_test, epochs):
    net = Network(LAYERS, hidden="tanh", output="softmax", loss="ce", reduction="mean", seed=0)
    history = net.fit(
        X, y, eta=ETA, epochs=epochs, batch_size=BATCH, shuffle_seed=0, record="batches"
    )
    assert len(history.cost) == epochs  # the curve every case records
    return accuracy(net, X_test, y_test)


def sklearn(X, y, X_test, y_test, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(LAYERS[1],),
        activation="tanh",
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=ETA,
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        batch_size=BATCH,
        max_iter=epochs,
        tol=0.0,
        n_iter_no_change=epochs + 1,  # no early stop: exactly `epochs` epochs
        shuffle=True,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached, as asked
        model.fit(X, y[:, 0].astype(int))
    assert len(model.loss_curve_) == epochs
    return model.score(X_test, y_test[:, 0].astype(int))


def torch_case(torch):
    def run(X, y, X_test, y_test, epochs):
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Linear(LAYERS[0], LAYERS[1]),
            torch.nn.Tanh(),
            torch.nn.Linear(LAYERS[1], LAYERS[2]),
        ).double()
        optimizer = torch.optim.SGD(model.parameters(), lr=ETA, momentum=0.0)
        loss = torch.nn.CrossEntropyLoss()  # the mean over the batch, softmax inside
        Xt = torch.tensor(X, dtype=torch.float64)
        yt = torch.tensor(y[:, 0], dtype=torch.long)
        order, curve = np.random.default_rng(0), []
        for _ in range(epochs):
            rows, total = torch.from_numpy(order.permutation(len(X))), 0.0
            for start in range(0, len(X), BATCH):
                batch = rows[start : start + BATCH]
                optimizer.zero_grad()
                J = loss(model(Xt[batch]), yt[batch])
                J.backward()
                optimizer.step()
                total += J.item() * len(batch)
            curve.append(total / len(X))  # the mean of the epoch's batch costs
        assert len(curve) == epochs
        with torch.no_grad():
            predicted = model(torch.tensor(X_test, dtype=torch.float64)).argmax(dim=1).numpy()
        return float(np.mean(predicted == y_test[:, 0]))

    return run


def best_of(cases, args, rounds, threads):
    """{name: (best wall seconds, best CPU seconds of `rounds`, test accuracy)}, the cases taken
    round-robin. CPU time (time.process_time: this process's time on a core, all its threads)
    is the fair figure on a loaded machine, where wall time also counts waiting for a core."""
    walls, cpus, scores = {n: [] for n in cases}, {n: [] for n in cases}, {}
    with threadpool_limits(limits=threads):
        for _ in range(rounds + 1):  # the first round warms up (imports, caches)
            for name, run in cases.items():
                if threads is None:
                    time.sleep(SETTLE)  # the last case's idle BLAS threads stop spinning
                t0, c0 = time.perf_counter(), time.process_time()
                scores[name] = run(*args)
                cpus[name].append(time.process_time() - c0)
                walls[name].append(time.perf_counter() - t0)
    return {n: (min(walls[n][1:]), min(cpus[n][1:]), scores[n]) for n in cases}


def verdict(ratio):
    return "met" if ratio >= TARGET_RATIO else "NOT MET"


def report(results, epochs, label):
    print(f"  {label}")
    wall0, cpu0, _ = results["this library"]
    for name, (wall, cpu, score) in results.items():
        ratios = ""
        if name != "this library":
            ratios = (
                f"   ratio wall {wall / wall0:4.1f}×, CPU {cpu / cpu0:4.1f}×"
                f" (target ≥ {TARGET_RATIO:g}×: CPU {verdict(cpu / cpu0)})"
            )
        print(
            f"    {name:14s} {wall / epochs * 1e3:7.2f} ms per epoch wall, "
            f"{cpu / epochs * 1e3:6.2f} CPU   test accuracy {score:.1%}{ratios}"
        )


def summary(by_threads, epochs):
    """The ratios against every other library, per threading, wall and CPU, and the accuracies."""
    names = [n for n in next(iter(by_threads.values())) if n != "this library"]
    print(
        f"  Summary: their time per epoch / this library's (target ≥ {TARGET_RATIO:g}×); CPU time "
        "is the fair figure on a loaded machine (wall time adds the wait for a busy core)"
    )
    print("    " + " " * 16 + "".join(f"{label + ', wall / CPU':>34s}" for label in by_threads))
    for name in names:
        cells = []
        for results in by_threads.values():
            (wall0, cpu0, _), (wall, cpu, _) = results["this library"], results[name]
            cells.append(f"{wall / wall0:.1f}× / {cpu / cpu0:.1f}× (CPU {verdict(cpu / cpu0)})")
        print(f"    vs {name:13s}" + "".join(f"{c:>34s}" for c in cells))
    ratios = [r[n][1] / r["this library"][1] for r in by_threads.values() for n in names]
    print(
        f"    {TARGET_RATIO:g}× target by CPU time against every library, every threading: "
        + ("met" if min(ratios) >= TARGET_RATIO else f"NOT MET (lowest {min(ratios):.1f}×)")
    )
    scores = {n: s for n, (_, _, s) in next(iter(by_threads.values())).items()}
    spread = max(scores.values()) - min(scores.values())
    print(
        "    test accuracy: "
        + ", ".join(f"{n} {s:.1%}" for n, s in scores.items())
        + f" (spread {spread:.1%} after {epochs} epochs)"
    )


def main(quick=False):
    sys.path.insert(0, os.path.dirname(__file__))
    from run import load_torch

    torch, note = load_torch()
    epochs, rounds = (10, 3) if quick else (EPOCHS, ROUNDS)
    cases = {"this library": ours, "scikit-learn": sklearn}
    if torch is not None:
        torch.set_num_threads(1)
        cases["PyTorch"] = torch_case(torch)
    args = (*data(), epochs)
    blas = ", ".join(f"{i['internal_api']} {i['num_threads']} threads" for i in threadpool_info())
    print(
        f"Handwritten digits {LAYERS} tanh/softmax, batch {BATCH}, η {ETA}, {epochs} epochs, "
        f"{len(args[0])} training images; best of {rounds}, interleaved"
    )
    print(f"  {note}; BLAS default: {blas}; PyTorch threads: 1")
    print(
        "  like with like: each case records, per epoch, the mean of the batch costs it met "
        "(scikit-learn's loss_curve_, fit(record=\"batches\"), PyTorch's loss.item())"
    )
    by_threads = {}
    for label, threads in (("BLAS 1 thread", 1), ("BLAS default threads", None)):
        by_threads[label] = best_of(cases, args, rounds, threads=threads)
        report(by_threads[label], epochs, label)
    summary(by_threads, epochs)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
