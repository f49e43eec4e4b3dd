"""The loss view: J per epoch on a log scale, as one SVG polyline."""

import functools

import numpy as np

from .svg import FONT, INK, TITLE, WIDTH, readable, svg, tenths, text

LEFT, TOP, SIZE_X, SIZE_Y = 78, 36, 380, 210
MAX_POINTS = 400  # a long history is thinned to this many points: the same curve, lighter


def _log_ticks(lo, hi):
    """Tick values covering [lo, hi]: powers of ten (at most six, evenly thinned), or, when the
    range spans less than two of them, 1, 2 and 5 times powers of ten. Returns: list of floats."""
    first, last = int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi)))
    powers = [10.0**p for p in range(first, last + 1) if lo <= 10.0**p <= hi]
    if len(powers) >= 2:
        every = max(1, int(np.ceil(len(powers) / 6)))
        return powers[::every]
    return [
        m * 10.0**p for p in range(first, last + 1) for m in (1, 2, 5) if lo <= m * 10.0**p <= hi
    ]


def _epoch_ticks(last):
    raw = max(last, 1) / 4
    step = 10 ** np.floor(np.log10(raw))
    step *= min((k for k in (1, 2, 2.5, 5, 10) if k * step >= raw), default=10)
    return np.arange(0, max(last, 1) + 1e-9, step)


@functools.lru_cache(maxsize=256)
def _tick_label(value):
    """10ⁿ for a power of ten beyond 0.01–100, else the plain number."""
    power = int(round(np.log10(value)))
    if np.isclose(value, 10.0**power) and not -2 <= power <= 2:
        return "10" + str(power).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    return f"{value:g}"


def draw_loss(cost):
    """The loss view as an SVG string. Inputs: cost, J at the start of each epoch (may be empty)."""
    cost = np.asarray(cost, dtype=float).ravel()
    body = [
        text(
            WIDTH / 2,
            16,
            "cost J per epoch, log scale" + (f" · now {readable(cost[-1])}" if cost.size else ""),
            TITLE,
        ),
        f'<rect x="{LEFT}" y="{TOP}" width="{SIZE_X}" height="{SIZE_Y}" fill="none" '
        f'stroke="{INK}"/>',
        text(LEFT + SIZE_X / 2, TOP + SIZE_Y + 33, "epoch"),
        text(LEFT - 60, TOP + SIZE_Y / 2, "J"),
    ]
    finite = cost[np.isfinite(cost) & (cost > 0)]
    last = max(cost.size - 1, 1)
    if finite.size:
        lo, hi = np.log10(finite.min()) - 0.1, np.log10(finite.max()) + 0.1
        if hi - lo < 1:
            mid = (hi + lo) / 2
            lo, hi = mid - 0.5, mid + 0.5
        keep = np.linspace(0, cost.size - 1, min(cost.size, MAX_POINTS)).astype(int)
        keep = keep[np.r_[True, keep[1:] != keep[:-1]]]  # sorted already: drop the repeats
        with np.errstate(all="ignore"):
            logs = np.log10(np.clip(cost[keep], 10**lo, 10**hi))
        sx = LEFT + keep / last * SIZE_X
        sy = TOP + SIZE_Y - (logs - lo) / (hi - lo) * SIZE_Y
        ok = np.isfinite(sy)
        xy = np.stack([sx[ok], sy[ok]], axis=1)
        points = " ".join(map(",".join, zip(*[iter(tenths(xy))] * 2)))  # "x,y x,y …"
        body.append(f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="2"/>')
        for tick in _log_ticks(10**lo, 10**hi):
            y = TOP + SIZE_Y - (np.log10(tick) - lo) / (hi - lo) * SIZE_Y
            body.append(
                f'<line x1="{LEFT}" x2="{LEFT + SIZE_X}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="#bbbbbb" stroke-width="0.6"/>'
            )
            body.append(text(LEFT - 6, y, _tick_label(tick), FONT, "end"))
    for t in _epoch_ticks(last):
        x = LEFT + t / last * SIZE_X
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP + SIZE_Y}" y2="{TOP + SIZE_Y + 4}" '
            f'stroke="{INK}"/>'
        )
        body.append(text(x, TOP + SIZE_Y + 14, f"{t:g}"))
    return svg(body, "Loss curve: the cost J after each epoch, log scale", "bp-svg-loss")
