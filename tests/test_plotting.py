"""The plotting views: they draw what the network computes and update their artists in place."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from backprop_lib import Network, xor
from backprop_lib.data import circles
from backprop_lib.plotting import (
    BackwardPass,
    NetworkDiagram,
    grid_box,
    grid_points,
    node_positions,
    plot_backward_pass,
    plot_decision_boundary,
    plot_loss,
    plot_network,
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
    points = grid_points((0, 1, 0, 2), 3)
    assert points.shape == (9, 2)
    np.testing.assert_allclose(points[:3], [[0, 0], [0.5, 0], [1, 0]])


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
    assert view.image is image and len(ax.images) == 1
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


def test_node_positions_are_columns_centred_on_zero():
    positions = node_positions([2, 3, 1])
    assert [p.shape for p in positions] == [(2, 2), (3, 2), (1, 2)]
    assert [p[:, 0].tolist() for p in positions] == [[0, 0], [1, 1, 1], [2]]
    assert all(abs(p[:, 1].mean()) < 1e-12 for p in positions)


def test_network_diagram_edges_follow_theta_and_units_the_activations():
    net, X, y, _ = trained_xor()
    ax = axes()
    view = plot_network(ax, net, X[2])
    weights = np.concatenate([t.ravel() for t in net.thetas])
    np.testing.assert_allclose(view.edges.get_array(), weights)
    widths = np.asarray(view.edges.get_linewidths())
    assert widths[np.argmax(np.abs(weights))] == widths.max()  # the largest |θ|, the widest
    activations = np.concatenate([a[0] for a in net.forward(X[2:3]).a])
    np.testing.assert_allclose(view.units.get_array(), activations)
    assert view.labels[-1].get_text() == f"{activations[-1]:+.3g}"


def test_network_diagram_rebuilds_when_the_layers_change():
    net, X, *_ = trained_xor()
    ax = axes()
    view = NetworkDiagram(ax, net.layers)
    view.update(net, X[0])
    bigger = Network([2, 3, 3, 1], seed=1)
    view.update(bigger, X[0])
    assert view.layers == [2, 3, 3, 1] and len(view.units.get_offsets()) == 9
    assert len(view.edges.get_segments()) == sum(t.size for t in bigger.thetas)


def test_backward_pass_shows_each_units_delta_for_the_chosen_sample():
    net, X, y, _ = trained_xor()
    net2 = Network([2, 3, 2, 1], hidden="sigmoid", output="linear", loss="mse", seed=2)
    ax = axes()
    view = plot_backward_pass(ax, net2, X, y, sample=3)
    expected = net2.deltas(X[3:4], y[3:4])
    np.testing.assert_allclose(view.units.get_array(), np.concatenate([d[0] for d in expected[1:]]))
    # the output δ of linear + ½(ŷ − y)² is ŷ − y, eq. (14)
    assert view.labels[-1].get_text() == f"{(net2.predict(X[3:4]) - y[3]).item():+.3g}"
    assert "sample 3" in view.caption.get_text() and "x = (1, 1)" in view.caption.get_text()
    # edge widths ∝ |θ_ji δ_j|: the terms of eq. (16)
    flows = np.concatenate(
        [np.abs(t[:, 1:] * d[0][:, None]).ravel() for t, d in zip(net2.thetas, expected[1:])]
    )
    widths = np.asarray(view.edges.get_linewidths())
    assert np.argmax(widths) == np.argmax(flows)
    returned = view.update(net2, X, y, sample=0)
    assert returned[0] is None
    np.testing.assert_allclose(returned[1], net2.deltas(X[:1], y[:1])[1][0])


def test_backward_pass_rejects_a_bad_sample():
    net, X, y, _ = trained_xor()
    view = BackwardPass(axes(), net.layers)
    with pytest.raises(ValueError, match=r"sample: expected a row index 0\.\.3, got 4"):
        view.update(net, X, y, sample=4)
    with pytest.raises(TypeError, match=r"sample: expected a row index"):
        view.update(net, X, y, sample=1.0)


def test_views_survive_a_diverged_network_without_warnings():
    X, y = xor()
    net = Network([2, 2, 1], output="linear", seed=0)
    net.thetas = [t * 1e300 for t in net.thetas]
    ax1, ax2, ax3 = axes(3)
    plot_decision_boundary(ax1, net, X, y, resolution=10)
    plot_network(ax2, net, X[0])
    plot_backward_pass(ax3, net, X, y)
    ax1.figure.canvas.draw()


def test_diagram_values_are_hidden_when_a_layer_is_too_tall_for_them():
    X, y = xor()
    small = plot_network(axes(), Network([2, 4, 1], seed=0), X[0])
    tall = plot_backward_pass(axes(), Network([2, 12, 1], seed=0), X, y)
    assert all(label.get_visible() for label in small.labels)
    assert not any(label.get_visible() for label in tall.labels)
    assert tall.labels[0].get_text() != ""  # still kept up to date
