"""The two network views: the forward pass (Θ on the edges, a in the units) and the backward
pass (δ = ∂J/∂z in the units, the terms θ δ of eq. (16) on the edges), for one sample.

One colour meaning in both: magenta negative, green positive, stronger for larger |value|
(relative to the largest in the view); a colour bar says so. Values are printed inside the
units when the network is small enough for them to fit; text never overlaps another mark.
"""

import functools
import html
import itertools

import numpy as np

from .svg import (
    HEIGHT,
    INK,
    SIGNED_TABLE,
    TITLE,
    WIDTH,
    colour_bar,
    colours,
    readable,
    sup,
    svg,
    text,
    text_tag,
)

LEFT, RIGHT, TOP, BOTTOM = 40, 410, 58, HEIGHT - 34  # where the columns of units go
MAX_LABELLED_UNITS = 6  # values are printed only up to this many units in a layer...
MAX_LABELLED_LAYERS = 5  # ...and this many layers (inputs and output included)
PILL_W, PILL_H = 68, 22  # wide enough for readable()'s longest, −0.00123


def labelled(layers):
    """Whether the values fit inside the units for these layer sizes."""
    return max(layers) <= MAX_LABELLED_UNITS and len(layers) <= MAX_LABELLED_LAYERS


def node_positions(layers, bias=True):
    """Where each unit sits: layer l in column l, units spread evenly, centred vertically.

    Returns: list of arrays, positions[l] of shape (layers[l], 2), in view units; and the
    positions of the bias units ("+1"), one above each layer but the last.
    """
    columns = np.linspace(LEFT + PILL_W / 2, RIGHT - PILL_W / 2, len(layers))
    rows = max(layers) + (1 if bias else 0)
    spacing = (BOTTOM - TOP) / max(rows, 1)
    top = TOP + spacing / 2 + (spacing if bias else 0)
    positions = []
    for x, n in zip(columns, layers):
        first = top + (max(layers) - n) * spacing / 2
        positions.append(np.column_stack([np.full(n, x), first + spacing * np.arange(n)]))
    biases = np.column_stack([columns[:-1], np.full(len(layers) - 1, TOP + spacing / 2)])
    return positions, biases, spacing


def _signed(values, limit):
    """Colours for signed values: 0 → white, ±limit → the map's ends."""
    return colours(SIGNED_TABLE, 0.5 + 0.5 * np.asarray(values) / limit)


def _light(values, limit):
    """Paler colours for unit fills, so that black text inside stays readable."""
    return colours(SIGNED_TABLE, 0.5 + 0.3 * np.asarray(values) / limit)


def _limit(values):
    finite = np.abs(np.asarray(values, float)[np.isfinite(values)])
    return float(finite.max()) if finite.size and finite.max() > 0 else 1.0


class Slot(str):
    """A note's place, not its text: noted() then writes data-n="k" where the note's data-info,
    aria-label and <title> go; pad.NotedView puts the notes sent apart back in the page."""


def noted(note, mark, css="bp-unit"):
    """A mark with a note (notes.py): focusable, named for screen readers, shown on hover."""
    if not note:
        return mark
    if isinstance(note, Slot):
        return f'<g class="{css}" tabindex="0" role="img" data-n="{note}">{mark}</g>'
    quoted = html.escape(note)
    attribute = quoted.replace("\n", "&#10;")  # a line break that survives in an attribute
    return (
        f'<g class="{css}" tabindex="0" role="img" data-info="{attribute}" '
        f'aria-label="{attribute}"><title>{quoted}</title>{mark}</g>'
    )


class _Layout:
    """The marks of one network's view that only its layer sizes decide, written once.

    Per frame a view then fills in only what the values change: colours, widths, labels, notes.
    The strings are the ones the marks had when drawn whole (the picture is the same)."""

    def __init__(self, layers, bias):
        layers = list(layers)
        self.show = show = labelled(layers)
        positions, biases, spacing = node_positions(layers, bias)
        self.positions = positions
        radius = min(11.0, spacing * 0.35)
        starts, ends = [], []
        for l in range(len(layers) - 1):
            for j in range(layers[l + 1]):
                end = positions[l + 1][j]
                if bias:
                    starts.append(biases[l])
                    ends.append(end)
                for i in range(layers[l]):
                    starts.append(positions[l][i])
                    ends.append(end)
        inset = PILL_W / 2 if show else 0
        ends_at = [
            f'x1="{x1 + inset:.1f}" y1="{y1:.1f}" x2="{x2 - inset:.1f}" y2="{y2:.1f}"'
            for (x1, y1), (x2, y2) in zip(starts, ends)
        ]
        self.lines = [f"<line {where} stroke=" for where in ends_at]
        self.hits = [f'<line {where} stroke="transparent" stroke-width="7"/>' for where in ends_at]
        self.units = []  # (before the fill, after it: up to the label), per unit
        for x, y in np.concatenate(positions):
            if show:
                self.units.append(
                    (
                        f'<rect x="{x - PILL_W / 2:.1f}" y="{y - PILL_H / 2:.1f}" '
                        f'width="{PILL_W}" height="{PILL_H}" rx="8" fill="',
                        f'" stroke="{INK}" stroke-width="1.2"/>' + text_tag(x, y),
                    )
                )
            else:
                self.units.append(
                    (
                        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="',
                        f'" stroke="{INK}"/>',
                    )
                )
        bias_marks = []
        for bx, by in biases if bias else ():
            half = PILL_H / 2 if show else radius
            bias_marks.append(
                f'<rect x="{bx - half:.1f}" y="{by - half:.1f}" width="{2 * half:.1f}" '
                f'height="{2 * half:.1f}" fill="#e0e0e0" stroke="{INK}"/>'
            )
            if show:
                bias_marks.append(text(bx, by, "+1"))
        self.biases = "".join(bias_marks)


@functools.lru_cache(maxsize=16)
def _layout(layers, bias):
    return _Layout(layers, bias)


def _units(layout, fills, values, notes, first=0):
    """The units first, first + 1, ... of a layout, with their fills, values and notes."""
    marks = []
    for (before, after), fill, value, note in zip(layout.units[first:], fills, values, notes):
        mark = before + fill + after
        if layout.show:
            mark += html.escape(readable(value)) + "</text>"
        marks.append(noted(note, mark) if note else mark)
    return "".join(marks)


def _edges(layout, values, limit, notes=None):
    """The layout's lines, width and colour by value; they stop at the pills. With notes, each
    line has a wide invisible twin to hover or focus, carrying its note."""
    values = np.nan_to_num(np.asarray(values, dtype=float), posinf=limit, neginf=-limit)
    widths = (0.6 + 4.5 * np.minimum(np.abs(values) / limit, 1.0)).tolist()
    lines = "".join(
        f'{line}"{c}" stroke-width="{w:.2f}"/>'
        for line, w, c in zip(layout.lines, widths, _signed(values, limit))
    )
    if notes:
        lines += "".join(noted(note, hit, "bp-edge") for hit, note in zip(layout.hits, notes))
    return lines


@functools.lru_cache(maxsize=4)
def _legend(title, gid):
    return colour_bar(
        WIDTH - 40,
        TOP + 20,
        BOTTOM - TOP - 40,
        SIGNED_TABLE,
        [(0, "−"), (0.5, "0"), (1, "+")],
        title,
        gid,
    )


def _flat(per_layer):
    """Notes per layer, flattened in drawing order; None stays None."""
    return None if per_layer is None else [note for layer in per_layer for note in layer]


def _nothing():
    """As many Nones as any view has marks."""
    return itertools.repeat(None)


@functools.lru_cache(maxsize=16)
def _layer_names(layers, bias):
    positions = _layout(layers, bias).positions
    if bias:
        names = [f"a{sup(l + 1)}" for l in range(len(layers))]
    else:
        names = ["x"] + [f"δ{sup(l + 1)}" for l in range(1, len(layers))]
    return "".join(text(p[0, 0], BOTTOM + 18, name) for p, name in zip(positions, names))


FORWARD_TITLE = text(WIDTH / 2, 14, "forward pass: Θ on the edges, a in the units", TITLE)
BACKWARD_TITLE = text(WIDTH / 2, 14, "backward pass: δ = ∂J/∂z, eq. (13)", TITLE)
SUBTITLE = text_tag(WIDTH / 2, 34)


def draw_forward(net, x, unit_notes=None, edge_notes=None):
    """The forward-pass view for one input row x: returns (svg, activations a^(l) per layer).

    unit_notes, edge_notes: the notes of notes.py (per layer), shown on hover; or None."""
    layers = tuple(net.layers)
    layout = _layout(layers, True)
    with np.errstate(all="ignore"):
        a = [row[0] for row in net.forward(np.reshape(x, (1, -1))).a]
    weights = np.concatenate([t.ravel() for t in net.thetas])  # row j: bias, then inputs
    values = np.concatenate(a)
    a_limit = _limit(values)
    sample = "sample x = (" + ", ".join(readable(v) for v in x) + ")"
    body = [
        FORWARD_TITLE,
        SUBTITLE + html.escape(sample) + "</text>",
        _edges(layout, weights, _limit(weights), _flat(edge_notes)),
        _units(layout, _light(values, a_limit), values, _flat(unit_notes) or _nothing()),
        layout.biases,
        _layer_names(layers, True),
        _legend("θ, a", "bp-theta-bar"),
    ]
    label = "Forward pass: the weights Θ as edges, the activations a as units, for one sample"
    return svg(body, label, "bp-svg-forward"), a


def draw_backward(net, X, y, sample, unit_notes=None, y_hat=None):
    """The backward-pass view for row `sample` of (X, y): returns (svg, δ per layer, δ[0] None).

    unit_notes: the notes of notes.py (per layer), shown on hover; or None. y_hat: the
    network's output for that row when already computed (the forward view's last a), or None."""
    layers = tuple(net.layers)
    layout = _layout(layers, False)
    x_row, y_row = X[sample : sample + 1], y[sample : sample + 1]
    with np.errstate(all="ignore"):
        delta = [None] + [d[0] for d in net.deltas(x_row, y_row)[1:]]
        y_hat = net.predict(x_row)[0] if y_hat is None else y_hat
        terms = np.concatenate(
            [(t[:, 1:] * d[:, None]).ravel() for t, d in zip(net.thetas, delta[1:])]
        )
    values = np.concatenate(delta[1:])
    d_limit = _limit(np.concatenate([values, terms]))
    shown_y = (
        readable(y_hat[0]) if len(y_hat) == 1 else "(" + ", ".join(f"{v:.2f}" for v in y_hat) + ")"
    )
    subtitle = f"sample {sample}: y = {readable(y_row[0, 0])}, ŷ = " + shown_y
    notes = _flat(unit_notes)
    inputs = layers[0]
    body = [
        BACKWARD_TITLE,
        SUBTITLE + html.escape(subtitle) + "</text>",
        _edges(layout, np.nan_to_num(terms), d_limit),
        _units(layout, ["#e0e0e0"] * inputs, x_row[0], notes or _nothing()),
        _units(
            layout,
            _light(values, d_limit),
            values,
            notes[inputs:] if notes else _nothing(),
            first=inputs,
        ),
        _layer_names(layers, False),
        _legend("θδ, δ", "bp-delta-bar"),
    ]
    label = "Backward pass: the error signal δ at each unit for one sample, eq. (16) on the edges"
    return svg(body, label, "bp-svg-backward"), delta


def draw_empty(title):
    """A view with only a title, for when there is nothing to draw (no training points)."""
    return svg([text(WIDTH / 2, HEIGHT / 2, title, TITLE)], title, "bp-svg-empty")
