"""How quickly the playground answers a control: retrain and redraw the default XOR setup.

Usage: python benchmarks/bench_playground.py [--repeats N]

Each figure is the median wall time, in milliseconds, over N runs:
  train                   rebuild the network from its seed and train settings.epochs epochs
  predict_grid            ŷ on the decision boundary's grid (resolution² points)
  render_warm             draw the reused figure and encode it as PNG
  render_cold             the same with a new figure (first display of a playground)
  retrain_redraw_warm     what a moved control costs: new η, retrain, render (figure reused)
  retrain_redraw_cold     a new Playground, trained and rendered from nothing
  play_frame_warm         one frame of Play: one chunk of epochs, then render
The aim is retrain_redraw_warm under 150 ms, and everything well under a second.
"""

import argparse
import statistics
import time

from backprop_lib.playground import Playground, Settings, build_network

TARGET_MS = 150.0


def _median_ms(action, repeats):
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return 1000.0 * statistics.median(times)


def measure(repeats=15, settings=None):
    """Median timings (ms) of the default XOR setup, end to end.

    Inputs: repeats, runs per figure; settings, a Settings (default: the playground's default).
    Returns: dict name -> milliseconds, with the names listed in this module's docstring.
    """
    settings = Settings() if settings is None else settings
    pg = Playground(settings)
    pg.render()  # the warm cases reuse this figure
    points = pg._boundary.points
    etas = [settings.eta * (1.0 + 0.01 * (i % 7 + 1)) for i in range(repeats)]

    def train(_):
        net = build_network(settings)
        net.fit(pg.X, pg.y, eta=settings.eta, epochs=settings.epochs)

    return {
        "train": _median_ms(train, repeats),
        "predict_grid": _median_ms(lambda _: pg.net.predict(points), repeats),
        "render_warm": _median_ms(lambda _: pg.render(), repeats),
        "render_cold": _median_ms(lambda _: Playground.render(_fresh_figure(pg)), repeats),
        "retrain_redraw_warm": _median_ms(lambda i: (pg.apply(eta=etas[i]), pg.render()), repeats),
        "retrain_redraw_cold": _median_ms(lambda _: Playground(settings).render(), repeats),
        "play_frame_warm": _median_ms(lambda _: (pg.step(), pg.render()), repeats),
    }


def _fresh_figure(pg):
    """pg, made to build a new figure at its next render (as a new playground would)."""
    pg.figure = None
    return pg


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    timings = measure(args.repeats)
    print(
        f"playground, default XOR setup ({Settings().layers!r} hidden, "
        f"{Settings().epochs} epochs), median of {args.repeats} runs:"
    )
    for name, ms in timings.items():
        print(f"  {name:<22} {ms:8.1f} ms")
    warm = timings["retrain_redraw_warm"]
    verdict = "meets" if warm < TARGET_MS else "misses"
    print(f"retrain + redraw (warm) {warm:.0f} ms {verdict} the {TARGET_MS:.0f} ms aim")
    return timings


if __name__ == "__main__":
    main()
