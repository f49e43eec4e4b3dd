"""Static matplotlib pictures for the notebooks: a decision boundary and loss curves.

Figure rules (issue 9 §4): a colour bar wherever colour encodes a value, a colour-blind-safe
map (ColorBrewer PuOr: orange = class 0, purple = class 1, the same meaning as the
playground's decision-boundary view), points with a dark edge so they show on any background,
and no text under 10 pt. The live playground draws SVG instead (backprop_lib.playground).
"""

import numpy as np
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle

from ..data import grid_box, pixel_centres
from ..validation import check_array, check_int
from .palette import CLASS_CMAP, COLOURS

MIN_FONT_PT = 10
Y_MAX = 1e30  # the loss curve's highest y limit


def _check_two_inputs(net):
    if net.layers[0] != 2 or net.layers[-1] != 1:
        raise ValueError(
            f"net: a decision boundary needs a network with 2 inputs and 1 output, got layers "
            f"{net.layers}"
        )


def _readable(ax):
    """Every text of ax at least MIN_FONT_PT."""
    ax.tick_params(labelsize=MIN_FONT_PT)
    for label in (ax.title, ax.xaxis.label, ax.yaxis.label):
        label.set_fontsize(max(label.get_fontsize(), MIN_FONT_PT))


def _colour_bar(ax, cmap, label):
    """A colour bar for values 0..1 drawn just right of ax, inside ax (an AxesImage with axes
    coordinates, not a second Axes, so a figure keeps its number of Axes). Returns: the image."""
    bar = AxesImage(ax, cmap=cmap, origin="lower", interpolation="nearest")
    bar.set_data(np.linspace(0.0, 1.0, 256)[:, None])
    bar.set_clim(0.0, 1.0)
    bar.set_extent((1.04, 1.09, 0.0, 1.0))
    bar.set_transform(ax.transAxes)
    bar.set_clip_on(False)
    ax.add_artist(bar)
    frame = Rectangle(
        (1.04, 0.0), 0.05, 1.0, transform=ax.transAxes, fill=False, lw=0.8, clip_on=False
    )
    ax.add_artist(frame)
    for value in (0.0, 0.5, 1.0):
        ax.text(
            1.11,
            value,
            f"{value:g}",
            transform=ax.transAxes,
            va="center",
            fontsize=MIN_FONT_PT,
            clip_on=False,
        )
    ax.text(
        1.065,
        1.03,
        label,
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=MIN_FONT_PT + 1,
        clip_on=False,
    )
    return bar


class DecisionBoundary:
    """ŷ over a grid around the data (colour, with a colour bar), the ŷ = 0.5 line, the points.

    Inputs: ax; X (m, 2), y (m, 1) with labels 0/1; resolution, grid points per side;
    margin, padding around the data (see data.grid_box); colorbar, whether to
    add the colour bar that says what the colours mean (ŷ from 0, orange, to 1, purple).
    """

    def __init__(self, ax, X, y, resolution=100, margin=0.25, colorbar=True):
        self.ax = ax
        self.resolution = check_int("resolution", resolution, 2, 1000, "grid points")
        X = check_array("X", X, 2)
        y = check_array("y", y, 1)
        self.box = grid_box(X, margin)
        self.points = pixel_centres(self.box, self.resolution)
        self.image = ax.imshow(
            np.full((self.resolution, self.resolution), 0.5),
            extent=self.box,
            origin="lower",
            cmap=CLASS_CMAP,
            vmin=0.0,
            vmax=1.0,
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
        self.colorbar = _colour_bar(ax, CLASS_CMAP, "ŷ") if colorbar else None
        ax.set_xlim(self.box[0], self.box[1])
        ax.set_ylim(self.box[2], self.box[3])
        ax.locator_params(nbins=4)
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        ax.set_title("decision boundary, ŷ = 0.5 (black line)")
        _readable(ax)

    def update(self, net):
        """Colour the grid by the network's ŷ (clipped to [0, 1]) and redraw the 0.5 line.

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
            res = self.resolution
            self.contour = self.ax.contour(
                self.points[:res, 0],  # the pixel centres' x along a row, y up a column
                self.points[::res, 1],
                y_hat,
                levels=[0.5],
                colors="k",
                linewidths=1.5,
            )
        return y_hat


def plot_decision_boundary(ax, net, X, y, resolution=100, margin=0.25, colorbar=True):
    """Draw a trained network's decision boundary over the data's box, with the data points.

    The box is the data's bounding box (at least the input square [0, 1]²), padded by margin.
    Inputs: ax, a matplotlib Axes; net, a Network with 2 inputs and 1 output; X (m, 2);
    y (m, 1) labels 0/1; resolution, grid points per side; colorbar, add the ŷ colour bar.
    Returns: the DecisionBoundary view (call .update(net) to redraw after more training).
    """
    _check_two_inputs(net)
    view = DecisionBoundary(ax, X, y, resolution, margin, colorbar)
    view.update(net)
    return view


class LossCurve:
    """J per epoch on a log scale, one Line2D updated in place."""

    def __init__(self, ax, color=COLOURS["mse"], label=None):
        self.ax = ax
        (self.line,) = ax.plot([], [], color=color, lw=1.8, label=label)
        ax.set_yscale("log")
        ax.locator_params(axis="x", nbins=4)
        ax.set_xlabel("epoch")
        ax.set_ylabel("cost J (log scale)")
        ax.set_title("loss curve")
        ax.grid(True, which="major", alpha=0.3)
        _readable(ax)

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


def plot_loss(ax, cost, color=COLOURS["mse"], label=None):
    """Draw the loss curve J(epoch) on a log scale, e.g. `plot_loss(ax, history.cost)`.

    Several calls on one Axes draw several curves (give each a color and label, and call
    ax.legend(): the colours then mean the labelled runs).
    Inputs: ax; cost, 1-D array, J at the start of each epoch (History.cost).
    Returns: the LossCurve view (call .update(cost) to redraw).
    """
    view = LossCurve(ax, color, label)
    view.update(cost)
    return view
