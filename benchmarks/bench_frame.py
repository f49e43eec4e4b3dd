"""A Play frame's kernel CPU, on a quiet machine and on a loaded one, paired in one run.

Usage: .venv/bin/python benchmarks/bench_frame.py [--seconds S] [--load-per-core K]
                                                  [--rounds R] [--compare-with DIR]

It starts an IPython kernel (jupyter_client, as JupyterLab does), builds notebook 05's widget,
`PlaygroundWidget()` with the default settings (XOR, hidden layers 4, 4), and presses Play
(`w.play()`, what the Play button's click calls). The frames then run in the kernel's event
loop exactly as with a browser attached: what changed goes out as widget messages on IOPub
(nobody renders them). For S seconds of Play it reads, inside the kernel, the process's
CPU time (user + system, all its threads) and the epochs trained; frames = epochs / the epochs
one frame trains, so

    kernel CPU ms per frame = CPU seconds / frames × 1000.

It also counts the widget messages (comm_msg) that reach this client over IOPub, and the bytes
of their content as JSON: per frame, those of Play's frames and of Pause's one redraw.

Each round measures twice, back to back, from a fresh Reset: quiet (as the machine is), then
loaded, with K busy-loop processes per core that this script starts and stops. CPU time per
frame grows under load (the cores' caches and SMT siblings are shared), so the loaded figure
is the one a class server sees. --compare-with DIR (a folder holding another version's
backprop_lib/, e.g. `git archive COMMIT backprop_lib | tar -x -C DIR`) starts a second kernel
that imports that version, and each measurement runs in both kernels back to back (same load),
so the two versions are compared paired, in one run. The per-student target (README, "A class
on a JupyterHub") is under 8 ms of kernel CPU per frame. Timing never decides a test.
"""

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
FRAME_TARGET_MS = 8
SETUP = """
from backprop_lib.playground import PlaygroundWidget
w = PlaygroundWidget()
"""
START = "w.reset(); w.play(); import os; _cpu0 = sum(os.times()[:2]); _e0 = w.playground.epoch"
STOP = "_cpu1 = sum(os.times()[:2]); _e1 = w.playground.epoch; w.pause()"
FIGURES = {
    "cpu": "_cpu1 - _cpu0",
    "epochs": "_e1 - _e0",
    "per_frame": "w.playground.frame_epochs()",
}


def _run(client, code, expressions=None, timeout=60):
    """Execute code in the kernel; the user expressions' values (as text)."""
    msg_id = client.execute(code, silent=False, user_expressions=expressions or {})
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    content = reply["content"]
    if content["status"] != "ok":
        raise RuntimeError(f"kernel: {content.get('ename')}: {content.get('evalue')}")
    values = content.get("user_expressions", {})
    return {name: values[name]["data"]["text/plain"] for name in values}


def _widget_messages(client, wait=0.5):
    """The widget messages (comm_msg) waiting on IOPub, read until none comes for `wait` s.
    Returns: (count, bytes of their content as JSON)."""
    count = size = 0
    while True:
        try:
            msg = client.get_iopub_msg(timeout=wait)
        except queue.Empty:
            return count, size
        if msg["msg_type"] == "comm_msg":
            count += 1
            size += len(json.dumps(msg["content"], ensure_ascii=False).encode())


def play(client, seconds):
    """Play for `seconds` from a fresh Reset. Returns: (kernel CPU ms per frame, frames/s,
    widget messages per frame, kB of them per frame)."""
    _widget_messages(client, wait=0.2)  # what earlier commands sent
    _run(client, START)
    time.sleep(seconds)
    _run(client, STOP)
    got = _run(client, "", FIGURES)
    messages, size = _widget_messages(client)  # Play's frames, and Pause's redraw
    frames = max(float(got["epochs"]) / float(got["per_frame"]), 1)
    ms = 1000 * float(got["cpu"]) / frames
    return ms, frames / seconds, messages / frames, size / frames / 1e3


def busy_loops(count):
    """count processes that each keep one core busy until terminated."""
    code = "while True:\n    pass"
    return [subprocess.Popen([sys.executable, "-c", code]) for _ in range(count)]


def _kernel(source=None):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    if source:
        env["PYTHONPATH"] = str(Path(source).resolve())
    manager, client = start_new_kernel(kernel_name="python3", env=env, cwd=str(ROOT))
    _run(client, SETUP)
    where = _run(client, "", {"where": "__import__('backprop_lib').__file__"})["where"]
    play(client, 1.0)  # warm up: imports, caches
    return manager, client, where


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="Play time per measurement")
    parser.add_argument("--load-per-core", type=int, default=2, help="busy loops per core")
    parser.add_argument("--rounds", type=int, default=2, help="quiet/loaded pairs")
    parser.add_argument("--compare-with", help="a folder with another version's backprop_lib/")
    args = parser.parse_args(argv)
    sources = {"this": None}
    if args.compare_with:
        sources["other"] = args.compare_with
    kernels, results = {}, {name: {"quiet": [], "loaded": []} for name in sources}
    try:
        for name, source in sources.items():
            kernels[name] = _kernel(source)
        for _ in range(args.rounds):
            for name in sources:
                results[name]["quiet"].append(play(kernels[name][1], args.seconds))
            loads = busy_loops(args.load_per_core * os.cpu_count())
            try:
                time.sleep(1.0)  # let the load settle
                for name in sources:
                    results[name]["loaded"].append(play(kernels[name][1], args.seconds))
            finally:
                for process in loads:
                    process.terminate()
                for process in loads:
                    process.wait()
    finally:
        for manager, client, _ in kernels.values():
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    print(
        f"Play frame, kernel CPU (default XOR playground, {args.seconds:g} s per figure, "
        f"{args.rounds} rounds; load: {args.load_per_core} busy loops per core × "
        f"{os.cpu_count()} cores):"
    )
    for name in sources:
        print(f" {name} version ({kernels[name][2]}):")
        for load, runs in results[name].items():
            ms = statistics.median(r[0] for r in runs)
            fps = statistics.median(r[1] for r in runs)
            messages = statistics.median(r[2] for r in runs)
            kilobytes = statistics.median(r[3] for r in runs)
            each = ", ".join(f"{r[0]:.2f}" for r in runs)
            print(
                f"  {load:<7} {ms:6.2f} ms per frame (rounds: {each}) at {fps:4.1f} frames/s; "
                f"target < {FRAME_TARGET_MS} ms; {messages:.2f} widget messages, "
                f"{kilobytes:.1f} kB per frame"
            )
        runs = results[name]
        ratio = statistics.median(r[0] for r in runs["loaded"]) / statistics.median(
            r[0] for r in runs["quiet"]
        )
        print(f"  loaded / quiet: {ratio:.2f}×")
    if "other" in sources:
        for load in ("quiet", "loaded"):
            pairs = zip(results["this"][load], results["other"][load])
            ratios = [this[0] / other[0] for this, other in pairs]
            print(f" this / other, {load}: {statistics.median(ratios):.2f}× (median of pairs)")
    print(f" load average now {os.getloadavg()[0]:.1f}")
    return results


if __name__ == "__main__":
    main()
