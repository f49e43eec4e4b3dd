"""Pictures of a network at work: decision boundary, loss curve, Θ diagram, backward pass.

Every picture draws into an Axes the caller owns and is a small class whose `update(...)`
changes the existing artists in place (set_data, set_array, set_text) instead of drawing new
ones, so a live view can redraw one reused figure quickly. The `plot_*` functions are the
one-call versions: they create the view, draw it once and return it.
"""

import numbers

import numpy as np
from matplotlib.collections import LineCollection

from .validation import check_array, check_int

CLASS_CMAP = "RdBu"  # class 0 red, class 1 blue; ŷ = 0.5 is white
THETA_CMAP = "coolwarm"  # negative weights blue, positive red
DELTA_CMAP = "PuOr"
Y_MAX = 1e30  # the loss curve's highest y limit
MAX_LABELLED_UNITS = 6  # a diagram prints values only up to this many units in a layer


def _check_two_inputs(net):
    if net.layers[0] != 2:
        raise ValueError(
            f"net: a decision boundary needs a network with 2 inputs, got layers {net.layers}"
        )


def _check_sample(net, X, y, sample):
    """X, y validated for `net`, and the row index `sample` checked against them."""
    X, y = net._check(X, y)
    if isinstance(sample, bool) or not isinstance(sample, numbers.Integral):
        raise TypeError(f"sample: expected a row index of X, got {sample!r}")
    if not 0 <= sample < X.shape[0]:
        raise ValueError(f"sample: expected a row index 0..{X.shape[0] - 1}, got {sample!r}")
    return X, y, int(sample)


def _axis_labels(ax, x_label, y_label):
    """Axis labels at fixed places, so a redraw need not measure the tick labels to place them."""
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    ax.xaxis.set_label_coords(0.5, -0.11)
    ax.yaxis.set_label_coords(-0.13, 0.5)


def grid_box(X, margin=0.25):
    """The square-ish box the decision boundary is drawn over: the data's bounding box, padded.

    The box always contains the unit square [0, 1]², the XOR input square.
    Inputs: X (m, 2); margin, padding as a fraction of the larger side.
    Returns: (x_min, x_max, y_min, y_max).
    """
    X = check_array("X", X, 2)
    lo = np.minimum(X.min(axis=0), 0.0)
    hi = np.maximum(X.max(axis=0), 1.0)
    pad = margin * float(np.max(hi - lo))
    return (lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad)


def grid_points(box, resolution):
    """A resolution × resolution grid over box. Returns: points (resolution², 2), row-major."""
    x_min, x_max, y_min, y_max = box
    gx = np.linspace(x_min, x_max, resolution)
    gy = np.linspace(y_min, y_max, resolution)
    xx, yy = np.meshgrid(gx, gy)
    return np.column_stack([xx.ravel(), yy.ravel()])


class DecisionBoundary:
    """ŷ over a grid around the data (colour), the ŷ = 0.5 contour, and the data points.

    Inputs: ax; X (m, 2), y (m, 1) with labels 0/1; resolution, grid points per side;
    margin, padding around the data (see grid_box).
    """

    def __init__(self, ax, X, y, resolution=100, margin=0.25):
        self.ax = ax
        self.resolution = check_int("resolution", resolution, 2, 1000, "grid points")
        X = check_array("X", X, 2)
        y = check_array("y", y, 1)
        self.box = grid_box(X, margin)
        self.points = grid_points(self.box, self.resolution)
        self.image = ax.imshow(
            np.full((self.resolution, self.resolution), 0.5),
            extent=self.box,
            origin="lower",
            cmap=CLASS_CMAP,
            vmin=0.0,
            vmax=1.0,
            alpha=0.6,
            aspect="auto",
            interpolation="bilinear",
        )
        self.contour = None
        self.scatter = ax.scatter(
            X[:, 0],
            X[:, 1],
            c=y[:, 0],
            cmap=CLASS_CMAP,
            vmin=0,
            vmax=1,
            edgecolors="k",
            s=45,
            linewidths=1.2,
            zorder=3,
        )
        ax.set_xlim(self.box[0], self.box[1])
        ax.set_ylim(self.box[2], self.box[3])
        ax.locator_params(nbins=4)
        _axis_labels(ax, "x₁", "x₂")
        ax.set_title("decision boundary, ŷ = 0.5", y=1.0)

    def update(self, net):
        """Colour the grid by the network's ŷ (clipped to [0, 1]) and redraw the 0.5 contour.

        Inputs: net, a Network with 2 inputs and 1 output. Returns: ŷ on the grid, (res, res).
        """
        _check_two_inputs(net)
        with np.errstate(all="ignore"):
            y_hat = net.predict(self.points)[:, 0].reshape(self.resolution, self.resolution)
        y_hat = np.clip(np.nan_to_num(y_hat, nan=0.5), 0.0, 1.0)
        self.image.set_data(y_hat)
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if y_hat.min() < 0.5 < y_hat.max():
            x_min, x_max, y_min, y_max = self.box
            self.contour = self.ax.contour(
                np.linspace(x_min, x_max, self.resolution),
                np.linspace(y_min, y_max, self.resolution),
                y_hat,
                levels=[0.5],
                colors="k",
                linewidths=1.5,
            )
        return y_hat


def plot_decision_boundary(ax, net, X, y, resolution=100, margin=0.25):
    """Draw a trained network's decision boundary over the data's box, with the data points.

    The box is the data's bounding box (at least the input square [0, 1]²), padded by margin.
    Inputs: ax, a matplotlib Axes; net, a Network with 2 inputs and 1 output; X (m, 2);
    y (m, 1) labels 0/1; resolution, grid points per side.
    Returns: the DecisionBoundary view (call .update(net) to redraw after more training).
    """
    _check_two_inputs(net)
    view = DecisionBoundary(ax, X, y, resolution, margin)
    view.update(net)
    return view


class LossCurve:
    """J per epoch on a log scale, one Line2D updated in place."""

    def __init__(self, ax, color="C0", label=None):
        self.ax = ax
        (self.line,) = ax.plot([], [], color=color, lw=1.5, label=label)
        ax.set_yscale("log")
        ax.locator_params(axis="x", nbins=4)
        _axis_labels(ax, "epoch", "cost J")
        ax.set_title("loss curve", y=1.0)
        ax.grid(True, which="major", alpha=0.3)

    def update(self, cost):
        """Show cost[i] at epoch i. Inputs: cost, 1-D array of J values (may be empty)."""
        cost = np.asarray(cost, dtype=float).ravel()
        epochs = np.arange(cost.size)
        if cost.size > 2000:  # a long run: about 2000 points draw the same curve, faster
            keep = np.unique(np.linspace(0, cost.size - 1, 2000).astype(int))
            self.line.set_data(epochs[keep], cost[keep])
        else:
            self.line.set_data(epochs, cost)
        # limits that fit every curve on these axes (plot_loss may have drawn several)
        ys = np.concatenate([np.asarray(line.get_ydata(), dtype=float) for line in self.ax.lines])
        last = max(float(np.max(line.get_xdata(), initial=0)) for line in self.ax.lines)
        positive = ys[np.isfinite(ys) & (ys > 0)]
        if positive.size:
            self.ax.set_xlim(0, max(1.0, last))
            lo, hi = float(positive.min()), float(positive.max())
            top = min(hi * 1.5, Y_MAX)  # a diverging run leaves through the top
            self.ax.set_ylim(min(lo / 1.5, top / 10), top)


def plot_loss(ax, cost, color="C0", label=None):
    """Draw the loss curve J(epoch) on a log scale, e.g. `plot_loss(ax, history.cost)`.

    Several calls on one Axes draw several curves (give each a color and label).
    Inputs: ax; cost, 1-D array, J at the start of each epoch (History.cost).
    Returns: the LossCurve view (call .update(cost) to redraw).
    """
    view = LossCurve(ax, color, label)
    view.update(cost)
    return view


def node_positions(layers):
    """Where each unit sits in a diagram: layer l at x = l, units centred on y = 0.

    Inputs: layers, list of sizes. Returns: list of arrays, positions[l] of shape (layers[l], 2).
    """
    positions = []
    for l, n in enumerate(layers):
        ys = (n - 1) / 2.0 - np.arange(n)
        positions.append(np.column_stack([np.full(n, float(l)), ys]))
    return positions


def _sup(number):
    """(number) in superscript digits: the article's layer index, e.g. a⁽²⁾."""
    return "⁽" + str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")) + "⁾"


def _layer_names(ax, y, names):
    """Name each layer under its column of units; the diagram needs no axis or ticks."""
    ax.set_axis_off()
    for l, name in enumerate(names):
        ax.text(l, y, name, ha="center", va="top", fontsize=10)


def _unit_size(ax, rows):
    """Diameter (points) of a unit drawn with `rows` unit spacings in the axes' height."""
    height = ax.bbox.height * 72.0 / ax.figure.dpi
    return min(22.0, 0.55 * height / rows)


def _value_labels(ax, points, diameter, layers):
    """Empty text under each unit for its value; hidden when the layers are too tall for it."""
    show = max(layers) <= MAX_LABELLED_UNITS
    return [
        ax.annotate(
            "",
            (x, y),
            xytext=(0, -diameter / 2 - 1),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7,
            zorder=3,
            visible=show,
        )
        for x, y in points
    ]


def _symmetric_limit(values):
    finite = np.abs(values[np.isfinite(values)])
    return float(finite.max()) if finite.size and finite.max() > 0 else 1.0


def _fmt(value):
    """A unit's value in a diagram: three significant digits, any magnitude."""
    return f"{value:+.3g}"


class NetworkDiagram:
    """The network as a graph: edge width and colour from Θ, units shaded by activation.

    Bias units (+1) sit above each layer; their edges are the bias weights, column 0 of Θ.
    Units show a^(l) for one training sample, with the value beside each unit.
    Inputs: ax; layers, the network's sizes.
    """

    def __init__(self, ax, layers):
        self.ax = ax
        self.layers = list(layers)
        ax.clear()
        self.positions = node_positions(self.layers)
        top = max(self.layers) / 2.0 + 0.4
        self.bias_positions = np.array([[l + 0.0, top] for l in range(len(self.layers) - 1)])
        segments = []
        for l, theta in enumerate(self._theta_shapes()):
            n_out, n_in = theta
            for j in range(n_out):
                end = self.positions[l + 1][j]
                segments.append([self.bias_positions[l], end])
                for i in range(n_in):
                    segments.append([self.positions[l][i], end])
        self.edges = LineCollection(segments, cmap=THETA_CMAP, zorder=1)
        ax.add_collection(self.edges)
        units = np.concatenate(self.positions)
        diameter = _unit_size(ax, rows=max(self.layers) + 2.2)
        self.units = ax.scatter(
            units[:, 0],
            units[:, 1],
            s=diameter**2,
            c=np.zeros(len(units)),
            cmap="Greens",
            edgecolors="k",
            zorder=2,
        )
        ax.scatter(
            self.bias_positions[:, 0],
            self.bias_positions[:, 1],
            s=(0.75 * diameter) ** 2,
            marker="s",
            color="0.85",
            edgecolors="k",
            zorder=2,
        )
        for bx, by in self.bias_positions:
            ax.text(bx, by, "+1", ha="center", va="center", fontsize=6, zorder=3)
        self.labels = _value_labels(ax, units, diameter, self.layers)
        bottom = -max(self.layers) / 2.0 - 0.55
        _layer_names(ax, bottom, [f"a{_sup(l + 1)}" for l in range(len(self.layers))])
        ax.set_xlim(-0.5, len(self.layers) - 0.5)
        ax.set_ylim(bottom - 0.25, top + 0.4)
        ax.set_title("forward pass: Θ (edges), a (units)", y=1.0)

    def _theta_shapes(self):
        return [(n_out, n_in) for n_in, n_out in zip(self.layers, self.layers[1:])]

    def update(self, net, x):
        """Show net's Θ and the activations a^(l) of one input row x, eq. (6).

        Inputs: net; x, (layers[0],) or (1, layers[0]). Returns: list of a^(l), each (layers[l],).
        """
        if list(net.layers) != self.layers:
            self.__init__(self.ax, net.layers)
        weights = np.concatenate([t.ravel() for t in net.thetas])  # row j: bias, then inputs
        limit = _symmetric_limit(weights)
        self.edges.set_array(weights)
        self.edges.set_clim(-limit, limit)
        self.edges.set_linewidths(0.3 + 4.5 * (np.abs(np.nan_to_num(weights)) / limit))
        with np.errstate(all="ignore"):
            a = [row[0] for row in net.forward(np.reshape(x, (1, -1))).a]
        values = np.concatenate(a)
        self.units.set_array(values)
        finite = values[np.isfinite(values)]
        lo = min(0.0, float(finite.min())) if finite.size else 0.0
        hi = max(1.0, float(finite.max())) if finite.size else 1.0
        self.units.set_clim(lo, hi)
        for label, value in zip(self.labels, values):
            label.set_text(_fmt(value))
        return a


class BackwardPass:
    """δ^(l) = ∂J/∂z^(l) at every unit for one training sample, with the numbers, eqs. (13)–(16).

    Edge width shows how much of δ^(l+1) flows back along each weight, |θ_ji δ_j^(l+1)|: the
    terms of Θ^(l)ᵀ δ^(l+1) in eq. (16). Units are coloured by δ; the input layer has none.
    Inputs: ax; layers, the network's sizes.
    """

    def __init__(self, ax, layers):
        self.ax = ax
        self.layers = list(layers)
        ax.clear()
        self.positions = node_positions(self.layers)
        segments = [
            [self.positions[l][i], self.positions[l + 1][j]]
            for l in range(len(self.layers) - 1)
            for j in range(self.layers[l + 1])
            for i in range(self.layers[l])
        ]
        self.edges = LineCollection(segments, colors="0.45", zorder=1)
        ax.add_collection(self.edges)
        inputs = self.positions[0]
        diameter = _unit_size(ax, rows=max(self.layers) + 2.15)
        ax.scatter(
            inputs[:, 0], inputs[:, 1], s=diameter**2, color="0.9", edgecolors="k", zorder=2
        )  # the inputs: no z, so no δ
        units = np.concatenate(self.positions[1:])
        self.units = ax.scatter(
            units[:, 0],
            units[:, 1],
            s=diameter**2,
            c=np.zeros(len(units)),
            cmap=DELTA_CMAP,
            edgecolors="k",
            zorder=2,
        )
        self.labels = _value_labels(ax, units, diameter, self.layers)
        self.input_labels = _value_labels(ax, inputs, diameter, self.layers)
        self.caption = ax.text(
            0.5, 0.99, "", transform=ax.transAxes, ha="center", va="top", fontsize=8
        )
        bottom = -max(self.layers) / 2.0 - 0.55
        _layer_names(ax, bottom, ["x"] + [f"δ{_sup(l + 1)}" for l in range(1, len(self.layers))])
        ax.set_xlim(-0.5, len(self.layers) - 0.5)
        ax.set_ylim(bottom - 0.25, max(self.layers) / 2.0 + 0.8)
        ax.set_title("backward pass: δ = ∂J/∂z, eq. (13), one sample", y=1.0)

    def update(self, net, X, y, sample=0):
        """Show δ at every unit for row `sample` of (X, y): δ^(L) by eq. (14), the rest by (16).

        Inputs: net; X (m, layers[0]); y (m, layers[-1]); sample, a row index.
        Returns: list of δ^(l) for that sample aligned with the layers, δ[0] None.
        """
        X, y, sample = _check_sample(net, X, y, sample)
        if list(net.layers) != self.layers:
            self.__init__(self.ax, net.layers)
        x_row, y_row = X[sample : sample + 1], y[sample : sample + 1]
        with np.errstate(all="ignore"):
            delta = [None] + [d[0] for d in net.deltas(x_row, y_row)[1:]]
            y_hat = net.predict(x_row)[0]
        values = np.concatenate(delta[1:])
        limit = _symmetric_limit(values)
        self.units.set_array(values)
        self.units.set_clim(-limit, limit)
        for label, value in zip(self.labels, values):
            label.set_text(_fmt(value))
        for label, value in zip(self.input_labels, x_row[0]):
            label.set_text(f"{value:.2f}")
        with np.errstate(all="ignore"):  # a diverged network's products may overflow
            flows = np.concatenate(
                [np.abs(t[:, 1:] * d[:, None]).ravel() for t, d in zip(net.thetas, delta[1:])]
            )
            flows = np.nan_to_num(flows)
        peak = flows.max() if flows.size and flows.max() > 0 else 1.0
        self.edges.set_linewidths(0.3 + 4.5 * (flows / peak))
        self.caption.set_text(
            f"sample {sample}: x = ({', '.join(f'{v:.3g}' for v in x_row[0])}), "
            f"y = {', '.join(f'{v:.3g}' for v in y_row[0])}, "
            f"ŷ = {', '.join(f'{v:.4g}' for v in y_hat)}"
        )
        return delta


def plot_network(ax, net, x):
    """Draw net as a graph, Θ on the edges and the activations of input row x on the units.

    Inputs: ax; net; x, one input row (layers[0],). Returns: the NetworkDiagram view.
    """
    view = NetworkDiagram(ax, net.layers)
    view.update(net, x)
    return view


def plot_backward_pass(ax, net, X, y, sample=0):
    """Draw δ^(l) at every unit for one training sample, eqs. (13)–(16), with the numbers.

    Inputs: ax; net; X (m, layers[0]); y (m, layers[-1]); sample, a row index.
    Returns: the BackwardPass view.
    """
    view = BackwardPass(ax, net.layers)
    view.update(net, X, y, sample)
    return view
