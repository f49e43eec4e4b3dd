"""What every view draws with: SVG text and shapes, the colour maps, number formats.

The live views are SVG strings (with one small PNG inside for the decision boundary's
heat map), not matplotlib figures: text stays real text that scales with the window, and a
frame costs a few milliseconds of string building instead of ~75 ms of rasterising
(benchmarks/README.md has the numbers). Every view draws in a WIDTH × HEIGHT box of its own
units; the browser scales the box to the space it gets.
"""

import base64
import functools
import html
import io

import numpy as np
import PIL.Image

WIDTH, HEIGHT = 480, 300  # every view's viewBox
FONT = 13  # smallest text, in view units: at 1920×1080 a view is ≥ 1.4× its box, so ≥ 18 px
TITLE = 15
INK = "#1a1a1a"

# ColorBrewer's colour-blind-safe diverging maps, light at the middle.
# ŷ (decision boundary): orange = class 0, purple = class 1.
PUOR = ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"]
# signed values (Θ, a, δ and the terms θδ in the diagrams): magenta negative, green positive.
PIYG = ["#c51b7d", "#e9a3c9", "#fde0ef", "#f7f7f7", "#e6f5d0", "#a1d76a", "#4d9221"]


def _rgb(hex_colours):
    return np.array([[int(h[i : i + 2], 16) for i in (1, 3, 5)] for h in hex_colours], float)


def colour_table(anchors, size=256):
    """A (size, 3) uint8 lookup table interpolating the anchor colours evenly over [0, 1]."""
    rgb = _rgb(anchors)
    where = np.linspace(0, 1, len(anchors))
    t = np.linspace(0, 1, size)
    return np.stack([np.interp(t, where, rgb[:, k]) for k in range(3)], axis=1).astype(np.uint8)


YHAT_TABLE = colour_table(PUOR)
SIGNED_TABLE = colour_table(PIYG)


_HEX = {}  # a table's bytes -> its entries as hex colours, written once per table


def unit_interval(values, nan=0.5):
    """values as a float array clipped to [0, 1], NaN → `nan`: what np.nan_to_num then np.clip
    give, in fewer array operations."""
    values = np.clip(np.asarray(values, dtype=float), 0.0, 1.0)
    return np.where(np.isnan(values), nan, values)


def colours(table, values):
    """Hex colours for values in [0, 1] (clipped; NaN → the middle) from a lookup table."""
    index = np.round(unit_interval(values) * (len(table) - 1)).astype(int)
    key = table.tobytes()
    if key not in _HEX:
        _HEX[key] = ["#{:02x}{:02x}{:02x}".format(*row) for row in table.tolist()]
    codes = _HEX[key]
    return [codes[i] for i in index.tolist()]


CLASS_COLOURS = ["#b35806", "#542788", "#56b4e9"]  # class 0, 1 (PuOr's ends), 2 (sky blue)


@functools.lru_cache(maxsize=16)
def _png(pixels, shape, palette=None):
    """The data: URL of pixel bytes of `shape`: RGB, or (palette given: the RGB bytes of up to
    256 colours) one palette index per pixel. An unchanged heat map (Play near the end of
    training, a redraw without training) is not encoded again."""
    buffer = io.BytesIO()
    array = np.frombuffer(pixels, dtype=np.uint8).reshape(shape)
    if palette is None:
        image = PIL.Image.fromarray(array)
    else:
        image = PIL.Image.frombytes("P", (shape[1], shape[0]), pixels)
        image.putpalette(palette)
    image.save(buffer, format="png", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def png_rgb_data_url(rgb):
    """A PNG (as a data: URL) of an (h, w, 3) array of colours 0..255, row 0 at the top."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    return _png(rgb.tobytes(), rgb.shape)


def png_data_url(values, table):
    """A PNG (as a data: URL) of a 2-D array of values in [0, 1], row 0 at the top: pixel
    table[round(value × (len(table) − 1))]. It is stored as palette indices into the table (a
    third of the bytes of RGB to encode, the same colours)."""
    index = np.round(unit_interval(values) * (len(table) - 1)).astype(np.uint8)
    palette = np.ascontiguousarray(table, dtype=np.uint8).tobytes()
    return _png(np.ascontiguousarray(index).tobytes(), index.shape, palette)


_TENTHS = [f"{k / 10:.1f}" for k in range(10 * WIDTH + 1)]  # "0.0" … "480.0"


def tenths(values):
    """Numbers written with one decimal, as SVG coordinates are: a flat list of strings, row by
    row. What "%.1f" writes, from a table of the view box's tenths (a third of the time); a value
    within round-off of halfway between two tenths may round to the other one."""
    flat = np.asarray(values, dtype=float).ravel()
    index = np.rint(flat * 10)
    if flat.size and (index.min() >= 0 and index.max() < len(_TENTHS)):
        return list(map(_TENTHS.__getitem__, index.astype(np.intp).tolist()))
    return [f"{v:.1f}" for v in flat.tolist()]  # outside the box, or NaN: written one by one


def text_tag(x, y, size=FONT, anchor="middle", weight="normal", extra=""):
    """The opening tag of `text(...)`: views whose labels move little build it once."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'dominant-baseline="central" font-weight="{weight}" fill="{INK}" {extra}>'
    )


def text(x, y, content, size=FONT, anchor="middle", weight="normal", extra=""):
    """An SVG <text> at (x, y), baseline-centred, escaped."""
    return f"{text_tag(x, y, size, anchor, weight, extra)}{html.escape(str(content))}</text>"


def svg(body, label, css_class):
    """A whole view: an SVG scaled to its container, with a title for screen readers."""
    return (
        f'<svg class="{css_class}" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" height="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="{html.escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, Arial, sans-serif">'
        f"<title>{html.escape(label)}</title>{''.join(body)}</svg>"
    )


def colour_bar(x, y, height, table, labels, title, gid, width=14):
    """A vertical colour bar: the table bottom (0) to top (1), labels [(fraction, text)].

    gid: the id of its gradient, unique to the view."""
    stops = "".join(
        f'<stop offset="{k / 10:.1f}" stop-color="{c}"/>'
        for k, c in enumerate(colours(table, np.linspace(1, 0, 11)))
    )
    parts = [
        f'<defs><linearGradient id="{gid}" x1="0" y1="0" x2="0" y2="1">{stops}'
        f"</linearGradient></defs>",
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="url(#{gid})" '
        f'stroke="{INK}" stroke-width="0.8"/>',
        text(x + width / 2, y - 18, title, anchor="middle"),
    ]
    for fraction, label in labels:
        ty = y + height * (1 - fraction)
        parts.append(
            f'<line x1="{x + width}" x2="{x + width + 4}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{INK}"/>'
        )
        parts.append(text(x + width + 6, ty, label, anchor="start"))
    return "".join(parts)


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def sup(number):
    """(number) in superscript digits: the article's layer index, e.g. a⁽²⁾."""
    return "⁽" + str(number).translate(SUPERSCRIPT) + "⁾"


def readable(value, digits=3):
    """A number as a class reads it: `digits` significant digits (3), plain decimals from 10⁻³
    to 10⁴, outside that a mantissa and a power of ten (4.3×10⁻⁵), a true minus sign.

    Every number the views and the status line print goes through here. Trailing zeros are
    dropped (0.5, not 0.500). Inputs: a real number. Returns: str; "nan", "+∞" or "−∞" when
    it is not finite.
    """
    value = float(value)
    if not np.isfinite(value):
        return "nan" if np.isnan(value) else ("+∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent)  # after rounding: 9999.7 is 1.00e4
    if -3 <= exponent < 4:
        decimals = digits - 1 - exponent  # negative: round to tens, hundreds (1234 → 1230)
        out = f"{round(value, decimals):.{max(0, decimals)}f}"
    else:
        out = mantissa + "×10" + str(exponent).translate(SUPERSCRIPT)
    if "." in out:
        head, _, tail = out.partition("×")
        head = head.rstrip("0").rstrip(".")
        out = head + ("×" + tail if tail else "")
    return out.replace("-", "−")
