"""See inside: what each unit and weight holds for one sample, with the formula that made it.

`unit_notes` gives, per unit, its z, a and δ with the article's equations: z and a by the
forward pass, eq. (6); δ = ∂J/∂z, eq. (13), at the output by eq. (14) (ŷ − y) and in the hidden
layers by eqs. (15)–(16), (Θᵀδ) ⊙ f′(z). `edge_notes` gives, per weight θ, its value, ∂J/∂θ =
δ a of eq. (17) for the sample and summed over the training set, and the step −η ∂J/∂θ.
The views put each note in an SVG <title> and in a data-info attribute, which the inspector
panel shows on hover or keyboard focus and screen readers read.

`draw_hidden_units` draws what each hidden unit responds to: its activation a over the input
plane, one small picture per unit, layer by layer.
"""

import functools

import numpy as np

from .diagram import noted
from .svg import HEIGHT, INK, SIGNED_TABLE, TITLE, WIDTH, png_data_url, sup, svg, text

MAX_EDGE_NOTES = 300  # weights; a larger network's edges get no notes (the SVG stays small)
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(number):
    return str(number).translate(SUB)


def _v(value):
    """A value in 4 significant digits, with a true minus sign; zero (or −0) is 0."""
    return "0" if value == 0 else f"{value:.4g}".replace("-", "−")


def _output_delta(output, loss):
    """The formula of δ at the output unit for the network's output and loss."""
    if (loss, output) in (("bce", "sigmoid"), ("ce", "softmax"), ("mse", "linear")):
        return "ŷ − y", "eq. (14)"
    return f"(ŷ − y) · {output}′(z)", "eq. (13) with J of eq. (7)"


@functools.lru_cache(maxsize=16)
def _unit_templates(layers, hidden, output, loss):
    """The notes of unit_notes with holes ({}) for the values: they only depend on the layers."""
    last = len(layers) - 1
    templates = [
        [
            f"input x{_sub(j + 1)} = a{sup(1)}{_sub(j + 1)} = {{}}, eq. (6): a{sup(1)} = x"
            for j in range(layers[0])
        ]
    ]
    for l in range(1, last + 1):
        f = output if l == last else hidden
        kind = "output" if l == last else "hidden"
        layer = []
        for j in range(layers[l]):
            name = f"{sup(l + 1)}{_sub(j + 1)}"
            if l == last:
                formula, eq = _output_delta(output, loss)
                d_text = f"δ{name} = ∂J/∂z (eq. 13) = {formula} = {{}}, {eq}"
            else:
                d_text = (
                    f"δ{name} = ∂J/∂z (eq. 13) = (Θ{sup(l + 1)}ᵀ δ{sup(l + 2)}){_sub(j + 1)} "
                    f"· {f}′(z) = {{}}, eqs. (15)–(16)"
                )
            applied = f"softmax(z{sup(l + 1)}){_sub(j + 1)}" if f == "softmax" else f"{f}(z)"
            layer.append(
                f"{kind} unit {j + 1} of layer {l + 1}\n"
                f"z{name} = Θ{sup(l)} row {j + 1} · [1, a{sup(l)}] = {{}}, eq. (6)\n"
                f"a{name} = {applied} = {{}}, eq. (6)\n{d_text}"
            )
        templates.append(layer)
    return templates


def unit_notes(net, x_row, y_row):
    """One note per unit for one sample, layer by layer (inputs first), as text.

    Inputs: net; x_row (layers[0],), y_row, the sample's target as the loss expects.
    Returns: list of lists, notes[l][j] for unit j of layer l (0-based; the article's a^(l+1)).
    """
    x_row, y_row = np.reshape(x_row, (1, -1)), np.reshape(y_row, (1, -1))
    with np.errstate(all="ignore"):
        forward = net.forward(x_row)
        delta = net.deltas(x_row, y_row)
    templates = _unit_templates(tuple(net.layers), net.hidden, net.output, net.loss)
    notes = [[t.format(_v(v)) for t, v in zip(templates[0], forward.a[0][0].tolist())]]
    for l in range(1, len(templates)):
        values = zip(forward.z[l][0].tolist(), forward.a[l][0].tolist(), delta[l][0].tolist())
        notes.append([t.format(_v(z), _v(a), _v(d)) for t, (z, a, d) in zip(templates[l], values)])
    return notes


@functools.lru_cache(maxsize=16)
def _edge_templates(layers):
    """The notes of edge_notes with holes ({}) for the values, per Θ, row by row."""
    templates = []
    for l in range(len(layers) - 1):
        layer = []
        for j in range(layers[l + 1]):
            for i in range(layers[l] + 1):
                source = "the bias +1" if i == 0 else f"unit {i} of layer {l + 1}"
                a_name = "1 (the bias)" if i == 0 else f"a{sup(l + 1)}{_sub(i)}"
                name = f"θ{sup(l + 1)}{_sub(j + 1)}{_sub(i)}"
                layer.append(
                    f"{name} = {{}}, from {source} to unit {j + 1} of layer {l + 2}\n"
                    f"∂J/∂θ = δ{sup(l + 2)}{_sub(j + 1)} · {a_name} = "
                    f"{{}} for this sample, {{}} over all {{}}, eq. (17)\n"
                    f"next step: Δθ = −η ∂J/∂θ = {{}}"
                )
        templates.append(layer)
    return templates


def edge_notes(net, X, y, sample, eta):
    """One note per weight θ for training row `sample` of (X, y), in the order of each Θ's rows
    (bias column 0 first). Returns: list of lists, notes[l] for Θ^(l+1), flattened; or None
    when the network has more than MAX_EDGE_NOTES weights."""
    if sum(t.size for t in net.thetas) > MAX_EDGE_NOTES:
        return None
    x_row, y_row = X[sample : sample + 1], y[sample : sample + 1]
    with np.errstate(all="ignore"):
        a = net.forward(x_row).a
        delta = net.deltas(x_row, y_row)
        whole = net.gradients(X, y)
    notes = []
    for l, (theta, template) in enumerate(zip(net.thetas, _edge_templates(tuple(net.layers)))):
        with np.errstate(all="ignore"):
            # ∂J/∂θ for this sample: δ_j · a_i, with a_0 = 1 for the bias column
            here = delta[l + 1][0][:, None] * np.concatenate([[1.0], a[l][0]])[None, :]
            step = -eta * whole[l]
        values = zip(
            theta.ravel().tolist(),
            here.ravel().tolist(),
            whole[l].ravel().tolist(),
            step.ravel().tolist(),
        )
        notes.append(
            [
                t.format(_v(th), _v(d), _v(w), len(X), _v(s))
                for t, (th, d, w, s) in zip(template, values)
            ]
        )
    return notes


def hidden_unit_values(net, points):
    """Every hidden unit's activation at each point. Inputs: points (k, 2).
    Returns: list per hidden layer of (k, units) arrays."""
    with np.errstate(all="ignore"):
        return [np.nan_to_num(a) for a in net.forward(points).a[1:-1]]


def draw_hidden_units(net, box, resolution=32):
    """What each hidden unit responds to: a over the input plane, one picture per unit.

    Colours as in the network views (magenta negative, green positive, white 0), scaled to the
    largest |a| of all hidden units. Inputs: net; box, the decision-boundary view's box.
    Returns: an SVG string.
    """
    x_min, x_max, y_min, y_max = box
    gx = x_min + (np.arange(resolution) + 0.5) * (x_max - x_min) / resolution
    gy = y_min + (np.arange(resolution) + 0.5) * (y_max - y_min) / resolution
    xx, yy = np.meshgrid(gx, gy)
    values = hidden_unit_values(net, np.column_stack([xx.ravel(), yy.ravel()]))
    body = [text(WIDTH / 2, 14, "hidden units: each unit's a over the inputs (x₁ →, x₂ ↑)", TITLE)]
    if not values:
        body.append(text(WIDTH / 2, HEIGHT / 2, "no hidden layer"))
        return svg(body, "Hidden units: none", "bp-svg-units")
    limit = max(float(np.max(np.abs(v))) for v in values) or 1.0
    rows = max(v.shape[1] for v in values)
    size = min((WIDTH - 40) / len(values) - 12, (HEIGHT - 70) / rows - 4, 90)
    for l, layer in enumerate(values):
        x = 20 + l * (WIDTH - 40) / len(values) + ((WIDTH - 40) / len(values) - size) / 2
        body.append(text(x + size / 2, HEIGHT - 14, f"a{sup(l + 2)}"))
        top = 34 + (HEIGHT - 70 - layer.shape[1] * (size + 4)) / 2
        for j in range(layer.shape[1]):
            y = top + j * (size + 4)
            grid = layer[:, j].reshape(resolution, resolution)[::-1]
            image = png_data_url(0.5 + 0.5 * grid / limit, SIGNED_TABLE)
            label = f"unit {j + 1} of layer {l + 2}: a from {_v(grid.min())} to {_v(grid.max())}"
            body.append(
                noted(
                    label,
                    f'<image href="{image}" x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" '
                    f'height="{size:.1f}" preserveAspectRatio="none"/>'
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" '
                    f'fill="none" stroke="{INK}" stroke-width="0.8"/>',
                    "bp-unit-picture",
                )
            )
    return svg(body, "Hidden units: what each unit responds to over the inputs", "bp-svg-units")
