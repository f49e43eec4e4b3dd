"""What measured advice costs: the playground's diagnosis of a failing run, which retrains.

Usage: python benchmarks/bench_diagnosis.py

For each failing run, the median wall time in milliseconds of: the retrain itself; the first
diagnosis (it retrains with each candidate change until one classifies better, at most
diagnosis.MAX_TRIALS retrains); a repeated diagnosis (the trials are cached); and the ratio
of the first diagnosis to the retrain.
"""

import statistics
import time

from backprop_lib.playground import Playground, Settings, diagnosis

CASES = {
    "xor, η = 5": Settings(eta=5.0),
    "spiral, η = 0.5": Settings(dataset="spiral", eta=0.5),
    "xor, η = 1.58 (saturated)": Settings(eta=1.58),
    "circles, sigmoid + mse (chance)": Settings(
        dataset="circles", hidden="sigmoid", pairing="sigmoid+mse"
    ),
    "spiral 8-8-8, η = 0.5": Settings(dataset="spiral", layers="8, 8, 8", eta=0.5),
}


def _ms(action):
    start = time.perf_counter()
    result = action()
    return 1000 * (time.perf_counter() - start), result


def main(repeats=3):
    print(f"{'run':34s} {'retrain':>9s} {'first diagnosis':>16s} {'again':>7s} {'ratio':>6s}")
    for name, settings in CASES.items():
        retrain, first, again, kind = [], [], [], None
        for _ in range(repeats):
            diagnosis._TRIALS.clear()
            t, pg = _ms(lambda s=settings: Playground(s))
            retrain.append(t)
            t, d = _ms(pg.diagnosis)
            first.append(t)
            again.append(_ms(pg.diagnosis)[0])
            kind = d.kind
        r, f, a = (statistics.median(v) for v in (retrain, first, again))
        print(f"{name:34s} {r:7.0f} ms {f:13.0f} ms {a:4.0f} ms {f / r:5.1f}×  ({kind})")


if __name__ == "__main__":
    main()
