"""The plotting views: they draw what the network computes and update their artists in place."""

import matplotlib
import matplotlib.text

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from backprop_lib import Network, xor
from backprop_lib.data import circles, grid_box, pixel_centres
from backprop_lib.figures.palette import CLASS_CMAP
from backprop_lib.figures.plotting import (
    MIN_FONT_PT,
    plot_decision_boundary,
    plot_loss,
)


def axes(n=1):
    fig = Figure()
    return fig.subplots(1, n) if n > 1 else fig.subplots()


def trained_xor(seed=0):
    X, y = xor()
    net = Network([2, 4, 1], hidden="tanh", loss="bce", seed=seed)
    history = net.fit(X, y, eta=0.5, epochs=400)
    return net, X, y, history


def test_grid_box_covers_the_data_and_the_unit_square():
    X, _ = circles(50, 0.1, 0)
    x0, x1, y0, y1 = grid_box(X, margin=0.1)
    assert x0 < X[:, 0].min() and x1 > X[:, 0].max() and y0 < X[:, 1].min() and y1 > X[:, 1].max()
    assert grid_box(np.array([[0.4, 0.5]]), margin=0.0) == (0.0, 1.0, 0.0, 1.0)
    points = pixel_centres((0, 3, 0, 6), 3)  # pixels 1 wide and 2 high: centres at .5 and 1
    assert points.shape == (9, 2)
    np.testing.assert_allclose(points[:4], [[0.5, 1], [1.5, 1], [2.5, 1], [0.5, 3]])


def test_decision_boundary_image_is_the_networks_prediction():
    net, X, y, _ = trained_xor()
    ax = axes()
    view = plot_decision_boundary(ax, net, X, y, resolution=30)
    image = np.asarray(view.image.get_array())
    assert image.shape == (30, 30)
    expected = np.clip(net.predict(view.points)[:, 0].reshape(30, 30), 0, 1)
    np.testing.assert_allclose(image, expected, rtol=0, atol=1e-12)
    # row 0 is the bottom of the box (origin="lower"): at (0, 0) XOR is 0, at (0, 1) it is 1
    corner = view.points.reshape(30, 30, 2)
    assert corner[0, 0, 1] < corner[-1, 0, 1]
    assert view.contour is not None  # a trained XOR net crosses ŷ = 0.5
    assert ax.get_xlim()[0] < 0 < 1 < ax.get_xlim()[1]


def test_decision_boundary_update_changes_the_same_image_and_replaces_the_contour():
    net, X, y, _ = trained_xor()
    ax = axes()
    view = plot_decision_boundary(ax, net, X, y, resolution=20)
    image, first = view.image, np.array(view.image.get_array())
    old_contour = view.contour
    net.thetas[-1] = -net.thetas[-1]  # flips which side is class 1
    view.update(net)
    assert view.image is image and len(ax.images) == 2  # the map and its colour bar
    assert not np.allclose(view.image.get_array(), first)
    assert old_contour not in ax.get_children() and view.contour in ax.get_children()


def test_decision_boundary_needs_two_inputs_and_a_sane_resolution():
    X, y = xor()
    with pytest.raises(ValueError, match=r"net: a decision boundary needs a network with 2"):
        plot_decision_boundary(axes(), Network([3, 2, 1]), X, y)
    with pytest.raises(
        ValueError, match=r"resolution: expected a whole number from 2 to 1000 \(grid points\)"
    ):
        plot_decision_boundary(axes(), Network([2, 2, 1]), X, y, resolution=1)
    with pytest.raises(TypeError, match=r"resolution: expected a whole number"):
        plot_decision_boundary(axes(), Network([2, 2, 1]), X, y, resolution=10.5)


def test_loss_curve_plots_history_and_updates_in_place():
    *_, history = trained_xor()
    ax = axes()
    view = plot_loss(ax, history.cost)
    xs, ys = view.line.get_data()
    np.testing.assert_array_equal(ys, history.cost)
    np.testing.assert_array_equal(xs, np.arange(len(history.cost)))
    assert ax.get_yscale() == "log"
    view.update(history.cost[:10])
    assert len(view.line.get_ydata()) == 10 and len(ax.lines) == 1
    long = np.geomspace(1.0, 1e-3, 50_000)
    view.update(long)
    xs, ys = view.line.get_data()
    assert len(xs) <= 2000 and xs[0] == 0 and xs[-1] == 49_999 and ys[-1] == long[-1]


def test_several_loss_curves_share_limits_that_fit_them_all():
    ax = axes()
    plot_loss(ax, np.geomspace(10.0, 1.0, 50), color="C0", label="slow")
    plot_loss(ax, np.geomspace(5.0, 1e-3, 20), color="C1", label="fast")
    assert len(ax.lines) == 2 and [line.get_label() for line in ax.lines] == ["slow", "fast"]
    lo, hi = ax.get_ylim()
    assert lo < 1e-3 and hi > 10.0
    assert ax.get_xlim()[1] == 49


def _texts(fig):
    fig.canvas.draw()
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


def test_decision_boundary_follows_the_figure_rules():
    net, X, y, _ = trained_xor()
    ax = axes()
    view = plot_decision_boundary(ax, net, X, y, resolution=20)
    assert view.colorbar is not None and len(ax.figure.axes) == 1  # drawn inside the Axes
    assert view.colorbar.get_cmap().name == "PuOr" and view.colorbar.get_clim() == (0.0, 1.0)
    labels = {t.get_text() for t in ax.texts}
    assert {"ŷ", "0", "0.5", "1"} <= labels
    assert view.image.get_cmap().name == CLASS_CMAP == "PuOr"  # ColorBrewer, colour-blind safe
    assert np.allclose(view.scatter.get_edgecolors()[0][:3], 0)  # dark edges on the points
    texts = _texts(ax.figure)
    assert texts and min(t.get_fontsize() for t in texts) >= MIN_FONT_PT
    bare = axes()
    plot_decision_boundary(bare, net, X, y, resolution=20, colorbar=False)
    assert not bare.texts


def test_loss_curve_text_is_at_least_ten_points():
    ax = axes()
    plot_loss(ax, np.geomspace(10.0, 1.0, 50))
    assert min(t.get_fontsize() for t in _texts(ax.figure)) >= MIN_FONT_PT
    assert ax.get_ylabel() == "cost J (log scale)"
