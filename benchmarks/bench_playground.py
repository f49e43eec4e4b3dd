"""How quickly the playground answers, in Python: retrain, draw the views, one Play frame.

Usage: python benchmarks/bench_playground.py [--repeats N]

Each figure is the median wall time, in milliseconds, over N runs, for the default XOR setup
and for the spiral with hidden layers 8, 8, 8:
  train            rebuild the network from its seed and train settings.epochs epochs
  views            draw all four views as SVG (heat-map PNG included)
  views_no_weight_notes  the same without the weights' hover notes (the units' stay)
  boundary, loss, forward, backward   each view alone
  retrain_redraw_warm  what a moved control costs in the kernel: new η, retrain, views
  play_frame       one frame of Play: one chunk of epochs, then the views
What the browser adds (transport, painting) is measured by benchmarks/bench_browser.py.
"""

import argparse
import statistics
import time

from backprop_lib.playground import Playground, Settings, build_network
from backprop_lib.playground.curve import draw_loss
from backprop_lib.playground.diagram import draw_backward, draw_forward

TARGET_MS = 120.0  # the browser's whole budget for a control change
SETUPS = {"xor": Settings(), "spiral 8-8-8": Settings(dataset="spiral", layers="8, 8, 8")}


def _median_ms(action, repeats):
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return 1000.0 * statistics.median(times)


def measure(repeats=15, settings=None):
    """Median timings (ms) of one setup. Returns: dict name -> milliseconds (see docstring)."""
    settings = Settings() if settings is None else settings
    pg = Playground(settings)
    pg.views()
    etas = [settings.eta * (1.0 + 0.01 * (i % 7 + 1)) for i in range(repeats)]

    def train(_):
        net = build_network(settings)
        net.fit(pg.X, pg.y, eta=settings.eta, epochs=settings.epochs)

    return {
        "train": _median_ms(train, repeats),
        "views": _median_ms(lambda _: pg.views(), repeats),
        "views_no_weight_notes": _median_ms(lambda _: pg.views(weight_notes=False), repeats),
        "boundary": _median_ms(lambda _: pg._boundary.draw(pg.net), repeats),
        "loss": _median_ms(lambda _: draw_loss(pg.cost), repeats),
        "forward": _median_ms(lambda _: draw_forward(pg.net, pg.X[1]), repeats),
        "backward": _median_ms(lambda _: draw_backward(pg.net, pg.X, pg.y, 1), repeats),
        "retrain_redraw_warm": _median_ms(lambda i: (pg.apply(eta=etas[i]), pg.views()), repeats),
        "play_frame": _median_ms(lambda _: (pg.step(), pg.views()), repeats),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    results = {}
    for name, settings in SETUPS.items():
        results[name] = timings = measure(args.repeats, settings)
        print(f"playground, {name} ({settings.epochs} epochs), median of {args.repeats} runs:")
        for key, ms in timings.items():
            print(f"  {key:<21} {ms:8.1f} ms")
        notes = timings["views"] / timings["views_no_weight_notes"]
        print(f"  views with the weights' notes / without: {notes:.2f}×")
    warm = results["xor"]["retrain_redraw_warm"]
    print(f"XOR retrain + views {warm:.0f} ms of the browser's {TARGET_MS:.0f} ms budget")
    return results["xor"]


if __name__ == "__main__":
    main()
