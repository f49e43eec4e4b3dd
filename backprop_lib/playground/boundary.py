"""The decision-boundary view: ŷ over the input plane, the ŷ = 0.5 line, the data points.

The heat map is a small PNG (one pixel per grid point, smoothed by the browser); the ŷ = 0.5
line is traced by marching squares over the same grid, so the picture needs no matplotlib.
"""

import numpy as np

from ..data import grid_box, pixel_centres
from .svg import (
    CLASS_COLOURS,
    INK,
    TITLE,
    WIDTH,
    YHAT_TABLE,
    _rgb,
    colour_bar,
    colours,
    png_data_url,
    png_rgb_data_url,
    svg,
    tenths,
    text,
    unit_interval,
)

# the plot area inside the view's box, in view units
LEFT, TOP, SIZE_X, SIZE_Y = 70, 36, 300, 210


def level_segments(values, level=0.5):
    """Marching squares: the line where a grid of values crosses `level`, as segments.

    Inputs: values (rows, cols), row 0 at the bottom. Returns: array (k, 2, 2) of segment
    end points in grid coordinates (column, row), linearly interpolated along cell edges.
    """
    v = np.nan_to_num(np.asarray(values, dtype=float), nan=level) - level
    above = v > 0
    rows, cols = v.shape
    with np.errstate(all="ignore"):
        # crossing position along horizontal edges (row i, col j → j+1) and vertical ones
        th = np.clip(v[:, :-1] / (v[:, :-1] - v[:, 1:]), 0, 1)
        tv = np.clip(v[:-1, :] / (v[:-1, :] - v[1:, :]), 0, 1)
    cross_h = above[:, :-1] != above[:, 1:]
    cross_v = above[:-1, :] != above[1:, :]
    # each cell's edges in order: bottom, right, top, left
    masks = np.stack([cross_h[:-1], cross_v[:, 1:], cross_h[1:], cross_v[:, :-1]])
    count = masks.sum(axis=0)
    segments = []
    for wanted in (2, 4):
        i, j = np.nonzero(count == wanted)  # the cells the line crosses, row by row
        if not i.size:
            continue
        m = masks[:, i, j]
        x = np.stack([j + th[i, j], j + 1.0, j + th[i + 1, j], j + 0.0])
        y = np.stack([i + 0.0, i + tv[i, j + 1], i + 1.0, i + tv[i, j]])
        order = np.argsort(~m, axis=0, kind="stable")  # the crossed edges first
        px = np.take_along_axis(x, order, axis=0)
        py = np.take_along_axis(y, order, axis=0)
        for a, b in ((0, 1), (2, 3))[: wanted // 2]:
            segments.append(np.stack([np.stack([px[a], py[a]], 1), np.stack([px[b], py[b]], 1)], 1))
    return np.concatenate(segments) if segments else np.empty((0, 2, 2))


def _ticks(lo, hi):
    """About four round tick values inside [lo, hi]."""
    raw = (hi - lo) / 4
    step = 10 ** np.floor(np.log10(raw))
    step *= min((k for k in (1, 2, 2.5, 5, 10) if k * step >= raw), default=10)
    return np.arange(np.ceil(lo / step) * step, hi + 1e-9, step)


class BoundaryView:
    """Draws ŷ over the plane for one data set; the points and axes are built once.

    Inputs: X (m, 2), y (m, 1) labels 0/1 (or 0..K−1); resolution, grid pixels per side;
    classes, K (default: the largest label + 1, at least 2).
    With two classes and one output the colour is ŷ (a colour bar); with K outputs (softmax)
    it is the class the network picks, paler where it is less sure (a legend of classes).
    """

    def __init__(self, X, y, resolution=64, classes=None):
        self.resolution = resolution
        self.box = grid_box(X if len(X) else np.zeros((1, 2)))  # no points: the unit square
        self.points = pixel_centres(self.box, resolution)
        self.classes = classes or max(2, int(np.max(y, initial=0)) + 1)
        self._frame_one = self._frame()
        self._frame_many = self._frame(multi=True)
        self._points = self._data(X, y)
        lx, ly = LEFT + SIZE_X + 14, TOP + SIZE_Y + 33
        self._line_legend = (
            f'<line x1="{lx}" x2="{lx + 18}" y1="{ly}" y2="{ly}" stroke="{INK}" '
            f'stroke-width="2.2"/>' + text(lx + 22, ly, "ŷ = 0.5", anchor="start")
        )

    def _sx(self, x):
        return LEFT + (x - self.box[0]) / (self.box[1] - self.box[0]) * SIZE_X

    def _sy(self, y):
        return TOP + SIZE_Y - (y - self.box[2]) / (self.box[3] - self.box[2]) * SIZE_Y

    def _frame(self, multi=False):
        x_min, x_max, y_min, y_max = self.box
        parts = [
            text(WIDTH / 2 - 40, 16, "decision boundary: ŷ over the inputs", TITLE, "middle"),
        ]
        for t in _ticks(x_min, x_max):
            sx = self._sx(t)
            parts.append(
                f'<line x1="{sx:.1f}" x2="{sx:.1f}" y1="{TOP + SIZE_Y}" '
                f'y2="{TOP + SIZE_Y + 4}" stroke="{INK}"/>'
            )
            parts.append(text(sx, TOP + SIZE_Y + 14, "0" if abs(t) < 1e-9 else f"{t:g}"))
        for t in _ticks(y_min, y_max):
            sy = self._sy(t)
            parts.append(
                f'<line x1="{LEFT - 4}" x2="{LEFT}" y1="{sy:.1f}" y2="{sy:.1f}" stroke="{INK}"/>'
            )
            parts.append(text(LEFT - 7, sy, "0" if abs(t) < 1e-9 else f"{t:g}", anchor="end"))
        parts.append(text(LEFT + SIZE_X / 2, TOP + SIZE_Y + 33, "x₁"))
        parts.append(text(LEFT - 46, TOP + SIZE_Y / 2, "x₂"))
        if multi:
            parts.append(text(LEFT + SIZE_X + 14, TOP + 4, "class", anchor="start"))
            for k in range(self.classes):
                y = TOP + 26 + 24 * k
                parts.append(
                    f'<rect x="{LEFT + SIZE_X + 14}" y="{y - 8}" width="16" height="16" '
                    f'fill="{CLASS_COLOURS[k]}" stroke="{INK}"/>'
                )
                parts.append(text(LEFT + SIZE_X + 36, y, str(k), anchor="start"))
            parts.append(
                text(LEFT + SIZE_X + 14, TOP + 40 + 24 * self.classes, "paler:", anchor="start")
            )
            parts.append(
                text(LEFT + SIZE_X + 14, TOP + 58 + 24 * self.classes, "less sure", anchor="start")
            )
        else:
            parts.append(
                colour_bar(
                    LEFT + SIZE_X + 22,
                    TOP + 14,
                    SIZE_Y - 14,
                    YHAT_TABLE,
                    [(0, "0"), (0.5, "0.5"), (1, "1")],
                    "ŷ",
                    "bp-yhat-bar",
                )
            )
        return "".join(parts)

    def _data(self, X, y):
        labels = np.round(y[:, 0]).astype(int)
        fills = (
            [CLASS_COLOURS[k] for k in labels]
            if self.classes > 2
            else colours(YHAT_TABLE, np.where(labels > 0, 1.0, 0.0))
        )
        radius = 6 if len(X) <= 50 else 3.5
        return "".join(
            f'<circle class="bp-point" data-i="{i}" cx="{self._sx(a):.1f}" '
            f'cy="{self._sy(b):.1f}" r="{radius}" fill="{f}" stroke="{INK}" stroke-width="1.2"/>'
            for i, ((a, b), f) in enumerate(zip(X, fills))
        )

    def grid_values(self, net):
        """ŷ on the grid, (resolution, resolution), row 0 at the bottom, clipped to [0, 1];
        with K outputs, (resolution, resolution, K)."""
        with np.errstate(all="ignore"):
            y_hat = net.predict(self.points)
        y_hat = unit_interval(y_hat)
        shape = (self.resolution, self.resolution)
        return y_hat[:, 0].reshape(shape) if y_hat.shape[1] == 1 else y_hat.reshape(*shape, -1)

    def _many(self, p):
        """Heat map and class-boundary segments for class probabilities p (res, res, K)."""
        k = p.shape[-1]
        pick = p.argmax(axis=-1)
        sure = np.clip((p.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
        rgb = _rgb(CLASS_COLOURS[:k] if k <= len(CLASS_COLOURS) else CLASS_COLOURS * k)[pick]
        image = 255.0 + (rgb - 255.0) * (0.25 + 0.75 * sure)[..., None]
        segments = [
            level_segments(p[..., j] - np.delete(p, j, axis=-1).max(axis=-1), level=0.0)
            for j in range(k)
        ]
        return png_rgb_data_url(image[::-1]), np.concatenate(segments)

    def draw(self, net):
        """The view as an SVG string for the network's current ŷ."""
        y_hat = self.grid_values(net)
        if y_hat.ndim == 3:
            image, segments = self._many(y_hat)
            static = self._frame_many + self._points
        else:
            image = png_data_url(y_hat[::-1], YHAT_TABLE)
            segments = level_segments(y_hat)
            static = self._frame_one + self._points
        scale_x = SIZE_X / self.resolution
        scale_y = SIZE_Y / self.resolution
        # grid coordinate k is pixel centre k + 0.5
        px = LEFT + (segments[..., 0] + 0.5) * scale_x
        py = TOP + SIZE_Y - (segments[..., 1] + 0.5) * scale_y
        ends = np.stack([px[:, 0], py[:, 0], px[:, 1], py[:, 1]], axis=1)
        path = "M%s %sL%s %s" * len(ends) % tuple(tenths(ends))
        body = [
            f'<image href="{image}" x="{LEFT}" y="{TOP}" width="{SIZE_X}" height="{SIZE_Y}" '
            f'preserveAspectRatio="none"/>',
            f'<path d="{path}" stroke="{INK}" stroke-width="2.2" fill="none"/>' if path else "",
            f'<rect x="{LEFT}" y="{TOP}" width="{SIZE_X}" height="{SIZE_Y}" fill="none" '
            f'stroke="{INK}"/>',
            static,
            self._line_legend if path and y_hat.ndim == 2 else "",
        ]
        return svg(
            body,
            "Decision boundary: the network's output over the input plane, "
            "the ŷ = 0.5 line and the training points",
            "bp-svg-boundary",
        )
