"""A class on JupyterHub, sized by measurement: per-student memory, CPU per Play second, and
the time from a control change to its new picture, for 1, 5 and 10 students (never a test).

Usage: .venv/bin/python benchmarks/bench_hub.py [--students 1 5 10] [--play-seconds S]
                                                  [--changes K]
(or `make bench-hub`). For each class size N it starts the hub of tests/e2e/test_hub.py
(hub/jupyterhub_config.py in test mode, the students' servers from the Binder environment,
hub/harness.py), and N students, all at once, each in a thread of this process:

  1. log in and follow the nbgitpuller link (the notebooks into their home);
  2. notebook 04: run every code cell of their copy, in order, in one kernel (as Restart & Run
     All would; its exercises stay unanswered), through the kernel protocol (jupyter_server's
     REST API and websocket); "nb04 s" is the wall time of that, per student;
  3. the playground: in a second kernel, run notebook 05 up to its `PlaygroundWidget()` cell,
     the live widget, and press Play (`w.play()`, what the Play button's click calls); its
     frames run in the kernel exactly as with a browser attached, and every view update
     travels as a widget message over the websocket to this client (nothing renders it);
  4. Play for S seconds, measuring: frames per second (updates of the loss view received),
     kernel CPU per Play second (its process's user + system time over wall time, as a share of
     a core), the server's CPU per Play second (it relays the messages), and kernel CPU ms per
     frame;
  5. while Play goes on, K control changes: the η slider's value set by a widget "update"
     message from this client, as the browser sends it when the slider is released; the latency
     is the time from sending it until the boundary view's new SVG arrives (the first boundary
     update once the status line shows the new η; both travel in the playground's one
     message per redraw, pad.Stage), p50 and p95 over all students' changes;
  6. memory: RSS of each student's server, notebook 04 kernel and playground kernel.

The per-student targets (README, "A class on a JupyterHub") are printed beside the figures: a
kernel after notebook 04 under 200 MB, a Play frame under 8 ms of kernel CPU. --save writes
the figures as JSON: benchmarks/results/hub_sizing.json is the record that hub/values.yaml's
memory settings are checked against (tests/test_hub_config.py).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from hub import harness  # noqa: E402 (the repository's hub/ folder, after the path)

NOTEBOOK_04 = "backprop/notebooks/04_xor_training.ipynb"
NOTEBOOK_05 = "backprop/notebooks/05_playground.ipynb"
KERNEL_TARGET_MB, FRAME_TARGET_MS = 200, 8
ETAS = (0.3, 0.8)  # η values the changes alternate between: on the slider's grid (default 0.5)
WIDGET = """
import json
w = _  # the PlaygroundWidget the cell above displayed
print(json.dumps({"eta": w.eta.model_id, "stage": w.stage.model_id,
                  "eta_index": {repr(v): w.eta._options_values.index(v) for v in ETAS}}))
""".replace("ETAS", repr(ETAS))


def mb(process):
    return process.memory_info().rss / 2**20


def cpu(process):
    times = process.cpu_times()
    return times.user + times.system


class Play:
    """One student's playground kernel, with its widget ids, read and written as messages."""

    def __init__(self, kernel):
        self.kernel = kernel
        cells = harness.code_cells(kernel.student.notebook(NOTEBOOK_05))
        upto = next(i for i, c in enumerate(cells) if "PlaygroundWidget()" in c)
        for code in cells[: upto + 1]:
            done = kernel.execute(code)
            assert done.error is None, done.error
        self.ids = json.loads(kernel.execute(WIDGET).text.strip().splitlines()[-1])

    def _recv(self, deadline):
        """The next message's raw text, or None at the deadline. Only the messages a figure
        needs are parsed: this client runs on the same cores as the class, so it must be cheap
        (a view's update is found by its widget id in the raw text)."""
        self.kernel.ws.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            return self.kernel.ws.recv()
        except websocket.WebSocketTimeoutException:
            return None

    def frames(self, seconds):
        """How many updates of the loss view (one per Play frame: the stage's messages that
        carry it, pad.py) arrive in `seconds`."""
        count, deadline, stage = 0, time.monotonic() + seconds, self.ids["stage"]
        while time.monotonic() < deadline:
            raw = self._recv(deadline)
            if raw and stage in raw and '"update"' in raw and '"loss"' in raw:
                count += 1
        return count

    def change_eta(self, value, timeout=60):
        """Set the η slider as the browser does; seconds until the boundary's new picture."""
        _, message = self.kernel._message(
            "comm_msg",
            {
                "comm_id": self.ids["eta"],
                # the slider's synced state is the index of its value (a SelectionSlider)
                "data": {
                    "method": "update",
                    "state": {"index": self.ids["eta_index"][repr(value)]},
                    "buffer_paths": [],
                },
            },
        )
        sent = time.monotonic()
        self.kernel.ws.send(json.dumps(message))
        shown = f"η = {value:.3g}</b>"
        status_seen, deadline = False, sent + timeout
        while time.monotonic() < deadline:
            raw = self._recv(deadline)
            if raw is None or '"update"' not in raw:
                continue
            if self.ids["stage"] not in raw:
                continue
            state = json.loads(raw)["content"]["data"]["state"]
            if "status" in state:
                status_seen = shown in state["status"]
            if status_seen and "boundary" in state:  # the status line and the picture arrive
                return time.monotonic() - sent  # together, in one message of the stage
        return None  # counted as a change whose picture never came


def one_student(hub, name, link, barrier, args):
    """Steps 1-6 for one student; a dict of their figures. A student who fails breaks the
    barrier, so that the others stop too instead of waiting for them."""
    try:
        return _one_student(hub, name, link, barrier, args)
    except BaseException:
        barrier.abort()
        raise


def _one_student(hub, name, link, barrier, args):
    student = hub.student(name)
    student.log_in()
    _, events = student.follow_pull_link(link)
    assert events and events[-1] == {"phase": "finished"}, events
    figures = {}
    k04 = student.kernel()
    started, figures["nb04_errors"] = time.monotonic(), []
    for code in harness.code_cells(student.notebook(NOTEBOOK_04)):
        done = k04.execute(code, timeout=1200)
        if done.error:  # reported, and the run goes on (the cells after it may fail too)
            figures["nb04_errors"].append(done.error.splitlines()[0][:160])
    figures["nb04_s"] = time.monotonic() - started
    figures["kernel04_mb"] = mb(k04.process())
    k05 = student.kernel()
    play = Play(k05)
    kernel, server = k05.process(), hub.server_process(name)
    barrier.wait()  # every student presses Play together
    k05.execute("w.play();")
    play.frames(1.0)  # the first frames: let every student's Play get going
    c0, s0, t0 = cpu(kernel), cpu(server), time.monotonic()
    frames = play.frames(args.play_seconds)
    wall = time.monotonic() - t0
    figures["fps"] = frames / wall
    figures["kernel_cpu"] = (cpu(kernel) - c0) / wall
    figures["server_cpu"] = (cpu(server) - s0) / wall
    figures["ms_per_frame"] = 1000 * (cpu(kernel) - c0) / max(frames, 1)
    latencies = []
    for i in range(args.changes):
        latencies.append(play.change_eta(ETAS[i % 2]))
        play.frames(0.3)  # Play goes on between changes
    figures["latencies"] = latencies
    k05.execute("w.pause()")
    figures["server_mb"] = mb(server)
    figures["playground_mb"] = mb(kernel)
    barrier.wait()  # nobody stops before every student is measured
    return figures


def run_class(venv, n, args):
    with tempfile.TemporaryDirectory(prefix="backprop-bench-hub-") as tmp:
        tmp = Path(tmp)
        notebooks = [f for f in harness.repository_files() if f.startswith("notebooks/")]
        _, bare = harness.make_upstream(tmp, notebooks)
        hub = harness.ClassHub(venv, tmp / "state")
        try:
            hub.start()
            names = [f"student{i:02d}" for i in range(1, n + 1)]
            started = time.monotonic()
            hub.add_students(names)
            hub.start_servers(names, timeout=60 + 20 * n)
            start_s = time.monotonic() - started
            link = harness.pull_link(
                hub.url, f"file://{bare}", "lab/tree/backprop/notebooks/05_playground.ipynb"
            )
            barrier = threading.Barrier(n, timeout=1800)
            with ThreadPoolExecutor(n) as pool:
                jobs = [pool.submit(one_student, hub, m, link, barrier, args) for m in names]
                results = [job.result() for job in jobs]
        finally:
            hub.stop()
            left = hub.leftovers()
            if left:
                print(f"  warning: {len(left)} processes left behind: {left}", file=sys.stderr)
    return start_s, results


def quantile(values, q):
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--play-seconds", type=float, default=10.0)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument(
        "--save",
        type=Path,
        help="also write the figures as JSON (benchmarks/results/hub_sizing.json is what "
        "hub/values.yaml's memory and tests/test_hub_config.py are checked against)",
    )
    args = parser.parse_args()
    harness.ensure_proxy()
    venv = harness.binder_venv()
    print(
        f"JupyterHub {harness.HUB_VERSION}; {args.play_seconds:g} s of Play, "
        f"{args.changes} η changes per student\n"
    )
    rows = []
    for n in args.students:
        cpu0, wall0 = time.process_time(), time.monotonic()
        start_s, results = run_class(venv, n, args)
        client_cpu = (time.process_time() - cpu0) / (time.monotonic() - wall0)
        load = os.getloadavg()[0]  # this machine's other work shows in the timings
        for error in sorted({e for r in results for e in r.pop("nb04_errors")}):
            print(f"  notebook 04 raised (the run went on): {error}")
        med = {
            key: statistics.median(r[key] for r in results)
            for key in results[0]
            if key != "latencies"
        }
        worst = {key: max(r[key] for r in results) for key in med}
        changes = [x for r in results for x in r["latencies"]]
        latencies = [x for x in changes if x is not None] or [float("nan")]
        lost = len(changes) - len(latencies)
        rows.append((n, start_s, med, worst, latencies, round(os.getloadavg()[0], 1)))
        per_student = med["server_mb"] + med["kernel04_mb"] + med["playground_mb"]
        print(
            f"{n:>2} students: servers up in {start_s:.0f} s; notebook 04 {med['nb04_s']:.0f} s "
            f"(median; slowest {worst['nb04_s']:.0f} s)\n"
            f"   RSS MB, median (max): server {med['server_mb']:.0f} ({worst['server_mb']:.0f}), "
            f"kernel after notebook 04 {med['kernel04_mb']:.0f} ({worst['kernel04_mb']:.0f}; "
            f"target < {KERNEL_TARGET_MB}), playground kernel {med['playground_mb']:.0f} "
            f"({worst['playground_mb']:.0f}); per student {per_student:.0f}\n"
            f"   Play: {med['fps']:.1f} frames/s per student, "
            f"kernel {100 * med['kernel_cpu']:.0f} % + server {100 * med['server_cpu']:.0f} % "
            "of a core per Play second, "
            f"{med['ms_per_frame']:.1f} ms kernel CPU per frame (target < {FRAME_TARGET_MS})\n"
            f"   control change → new picture: p50 {1000 * quantile(latencies, 50):.0f} ms, "
            f"p95 {1000 * quantile(latencies, 95):.0f} ms over {len(changes)} changes"
            + (f" ({lost} without a new picture within 60 s)" if lost else "")
            + f"\n   this client (all students' requests): {100 * client_cpu:.0f} % of a core; "
            f"load average at the end {load:.1f} on {os.cpu_count()} cores"
        )
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "jupyterhub": harness.HUB_VERSION,
            "play_seconds": args.play_seconds,
            "changes": args.changes,
            "classes": [
                {
                    "students": n,
                    "servers_up_s": round(start_s, 1),
                    "median": {k: round(v, 3) for k, v in med.items()},
                    "max": {k: round(v, 3) for k, v in worst.items()},
                    "latency_p50_ms": round(1000 * quantile(latencies, 50), 1),
                    "latency_p95_ms": round(1000 * quantile(latencies, 95), 1),
                    "load_average": load,
                }
                for n, start_s, med, worst, latencies, load in rows
            ],
        }
        args.save.write_text(json.dumps(record, indent=1) + "\n")
    print(
        "\n| students | RSS per student, MB (server + nb04 kernel + playground kernel) |"
        " frames/s each | CPU per Play second (kernel + server) | kernel ms/frame |"
        " change → picture p50 / p95, ms |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for n, _, med, _, latencies, _ in rows:
        total = med["server_mb"] + med["kernel04_mb"] + med["playground_mb"]
        print(
            f"| {n} | {total:.0f} ({med['server_mb']:.0f} + {med['kernel04_mb']:.0f} + "
            f"{med['playground_mb']:.0f}) | {med['fps']:.1f} | "
            f"{100 * (med['kernel_cpu'] + med['server_cpu']):.0f} % "
            f"({100 * med['kernel_cpu']:.0f} + {100 * med['server_cpu']:.0f}) | "
            f"{med['ms_per_frame']:.1f} | {1000 * quantile(latencies, 50):.0f} / "
            f"{1000 * quantile(latencies, 95):.0f} |"
        )


if __name__ == "__main__":
    main()
