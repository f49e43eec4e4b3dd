"""The playground as a class sees it: frames per second and control latency, in Chromium.

Usage: .venv/bin/python benchmarks/bench_browser.py [--seconds S] [--changes N]
                                                      [--notebook PATH] [--source DIR]
(or `make bench-browser`). Starts Voilà on the presenter app (presenter/playground_app.ipynb)
at 1920×1080 in headless Chromium (/usr/bin/chromium) and prints:

  latency   a control change (η, by the keyboard) until its new picture is painted: the time
            from the key press to the animation frame after the views' DOM changed; median
            and max over N changes. Target: median ≤ 120 ms.
  play      frames painted per second while Play runs, counted as updates of the loss view
            over S seconds: on the default XOR setup (target ≥ 20) and on the spiral with
            hidden layers 8, 8, 8 (target ≥ 10).

--notebook and --source measure another version (e.g. a checkout of an older commit:
--source /tmp/old --notebook /tmp/old/notebooks/05_playground.ipynb, whose picture is an
<img class="bp-figure">): --source goes first on the kernel's PYTHONPATH. Timing never decides
a test; benchmarks/README.md records the figures.
"""

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from jupyter_env import free_port, isolated_env  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PICTURE = ".bp-views, img.bp-figure"  # the new SVG views, or the old PNG picture

# An observer that stamps every change of the picture (after the next paint), and every
# change of the loss view alone (one per Play frame).
OBSERVE = """() => {
  window.bpPaints = [];
  const picture = document.querySelector('.bp-views') || document.querySelector('img.bp-figure');
  const stamp = () => requestAnimationFrame(() => window.bpPaints.push(performance.now()));
  const all = {subtree: true, childList: true, attributes: true, characterData: true};
  new MutationObserver(stamp).observe(picture, all);
  window.bpFrames = [];
  const loss = document.querySelector('.bp-view-loss') || picture;
  new MutationObserver(() => window.bpFrames.push(performance.now())).observe(loss, all);
}"""


def start_voila(notebook, source, home):
    port, token = free_port(), secrets.token_hex(16)
    target = home / Path(notebook).name
    shutil.copy(notebook, target)
    env = isolated_env(home)
    if source:  # the editable install's import hook would win over PYTHONPATH: drop it
        (home / "sitecustomize.py").write_text(
            "import sys\nsys.meta_path[:] = [f for f in sys.meta_path\n"
            "    if 'editable' not in getattr(f, '__module__', '') + repr(f)]\n"
        )
        env["PYTHONPATH"] = os.pathsep.join([str(home), str(source), env.get("PYTHONPATH", "")])
    argv = [
        sys.executable,
        "-m",
        "voila",
        target.name,
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        f"--Voila.token={token}",
    ]
    server = subprocess.Popen(
        argv, cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "login", timeout=1)
            return server, f"{url}?token={token}"
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("Voilà did not start")


def _epoch(page):
    text = page.locator(".bp-status").inner_text()
    return int(text.split("epoch")[1].split()[0].replace(",", ""))


def latency(page, changes):
    """Milliseconds from an η key press to the painted new picture, one figure per change."""
    handle = page.locator(".bp-eta .noUi-handle")
    times = []
    for i in range(changes):
        handle.focus()
        page.evaluate("() => { window.bpPaints = []; }")
        start = page.evaluate("() => performance.now()")
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            paints = page.evaluate("() => window.bpPaints")
            if paints:
                break
            time.sleep(0.005)
        else:
            raise RuntimeError("the picture did not change within 10 s")
        times.append(paints[0] - start)
        time.sleep(0.25)  # let the change settle before the next one
    return times


def play_rate(page, seconds):
    """Frames per second painted while Play runs (loss-view updates), over `seconds`."""
    page.locator(".bp-play").click()
    time.sleep(1.0)  # past the first frames
    page.evaluate("() => { window.bpFrames = []; }")
    first = _epoch(page)
    time.sleep(seconds)
    frames = len(page.evaluate("() => window.bpFrames"))
    last = _epoch(page)
    page.locator(".bp-pause").click()
    time.sleep(0.5)
    return frames / seconds, last - first


def measure(seconds=5.0, changes=15, notebook=None, source=None):
    from playwright.sync_api import sync_playwright

    notebook = Path(notebook or ROOT / "presenter" / "playground_app.ipynb")
    home = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    server, url = start_voila(notebook, source, home)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(url)
            page.locator(".bp-playground").first.wait_for(timeout=180_000)
            page.locator(PICTURE).first.wait_for(timeout=180_000)
            time.sleep(1.0)
            page.evaluate(OBSERVE)
            result = {"latency_ms": latency(page, changes)}
            result["xor_fps"], result["xor_epochs"] = play_rate(page, seconds)
            page.locator(".bp-reset").click()
            page.locator(".bp-dataset select").select_option("spiral")
            time.sleep(1.5)
            box = page.locator(".bp-layers input")
            box.fill("8, 8, 8")
            box.press("Enter")
            time.sleep(2.0)
            result["spiral_fps"], result["spiral_epochs"] = play_rate(page, seconds)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--changes", type=int, default=15)
    parser.add_argument("--notebook")
    parser.add_argument("--source")
    args = parser.parse_args(argv)
    r = measure(args.seconds, args.changes, args.notebook, args.source)
    lat = r["latency_ms"]
    print(f"playground in Chromium, 1920×1080 ({args.notebook or 'presenter app'}):")
    print(
        f"  control change → painted picture: median {statistics.median(lat):.0f} ms, "
        f"max {max(lat):.0f} ms over {len(lat)} changes (target: median ≤ 120 ms)"
    )
    print(
        f"  Play, default XOR:          {r['xor_fps']:.1f} frames/s "
        f"({r['xor_epochs']} epochs in {args.seconds:g} s; target ≥ 20)"
    )
    print(
        f"  Play, spiral, hidden 8 8 8: {r['spiral_fps']:.1f} frames/s "
        f"({r['spiral_epochs']} epochs in {args.seconds:g} s; target ≥ 10)"
    )
    return r


if __name__ == "__main__":
    main()
