"""Own data in the playground, without a browser: a click's pixel → the input plane, CSV files
read with errors that name the line, and points added, moved, deleted, cleared and loaded."""

import numpy as np
import pytest

from backprop_lib.playground import Playground, Settings
from backprop_lib.playground.boundary import LEFT, SIZE_X, SIZE_Y, TOP
from backprop_lib.playground.export import settings_code
from backprop_lib.playground.points import (
    MAX_POINTS,
    _m_eta,
    data_to_pixel,
    pixel_to_data,
    read_points,
)
from backprop_lib.playground.settings import ETA_RANGE, default_eta
from backprop_lib.playground.svg import HEIGHT, WIDTH

BOX = (-0.5, 1.5, -1.0, 2.0)


@pytest.mark.parametrize("width,height", [(WIDTH, HEIGHT), (960, 600), (1200, 300), (300, 900)])
def test_a_click_maps_to_the_plot_and_back(width, height):
    scale = min(width / WIDTH, height / HEIGHT)
    dx, dy = (width - WIDTH * scale) / 2, (height - HEIGHT * scale) / 2  # letterbox bands
    # the plot's corners: top-left is (x_min, y_max), bottom-right is (x_max, y_min)
    assert pixel_to_data(dx + LEFT * scale, dy + TOP * scale, width, height, BOX) == (-0.5, 2.0)
    corner = pixel_to_data(
        dx + (LEFT + SIZE_X) * scale, dy + (TOP + SIZE_Y) * scale, width, height, BOX
    )
    assert corner == pytest.approx((1.5, -1.0), abs=1e-12)
    for x1, x2 in [(0.0, 0.0), (1.2, -0.3), (-0.4, 1.9)]:
        px, py = data_to_pixel(x1, x2, width, height, BOX)
        assert pixel_to_data(px, py, width, height, BOX) == pytest.approx((x1, x2), abs=1e-12)


def test_a_click_outside_the_plot_is_no_point():
    assert pixel_to_data(1, 1, WIDTH, HEIGHT, BOX) is None  # the title corner
    assert pixel_to_data(LEFT - 1, TOP + 5, WIDTH, HEIGHT, BOX) is None  # the axis labels
    assert pixel_to_data(5, 150, 1200, 300, BOX) is None  # the letterbox band
    assert pixel_to_data(0, 0, 0, 0, BOX) is None  # a view not laid out yet


def _csv(tmp_path, text):
    path = tmp_path / "points.csv"
    path.write_text(text)
    return path


def test_a_csv_with_a_header_comments_and_blank_lines_reads(tmp_path):
    X, y = read_points(_csv(tmp_path, "x1,x2,label\n# mine\n0.5, 1, 0\n\n-2,3e-1,1\n"))
    assert X.tolist() == [[0.5, 1.0], [-2.0, 0.3]] and y.tolist() == [[0.0], [1.0]]
    X, y = read_points([[0, 0, 2], [1, 1, 1]], n_classes=3)
    assert y[:, 0].tolist() == [2.0, 1.0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("0,0,0\n1,1\n", "line 2: expected 3 columns"),
        ("0,0,0\n1,1,1,1\n", "line 2: expected 3 columns"),
        ("0,0,0\n0,abc,1\n", "line 2: x₂ 'abc' is not a number"),
        ("0,0,0\n\n0,nan,1\n", "line 3: x₂ is nan"),
        ("0,0,0\ninf,0,1\n", "line 2: x₁ is inf"),
        ("0,0,0\n0,0,2\n", "line 2: label 2 is out of range: this data set has classes 0 and 1"),
        ("0,0,0.5\n", "line 1: label 0.5 is out of range"),
        ("0,0,-1\n", "line 1: label -1 is out of range"),
        ("x1,x2,label\n", "no points found"),
        ("0,0,0\n" * (MAX_POINTS + 1), f"{MAX_POINTS + 1} points; at most {MAX_POINTS}"),
    ],
)
def test_a_malformed_csv_is_refused_naming_the_line(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        read_points(_csv(tmp_path, text))


def test_arrays_are_checked_by_row_and_missing_files_by_name(tmp_path):
    with pytest.raises(ValueError, match=r"shape \(m, 3\)"):
        read_points(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"row 1 \(from 0\): x₁ is nan"):
        read_points([[0, 0, 0], [np.nan, 0, 1]])
    with pytest.raises(ValueError, match="cannot read"):
        read_points(tmp_path / "missing.csv")


def test_an_added_point_is_trained_on_at_once_and_play_goes_on():
    run = Playground(Settings(seed=0))
    run.play()
    assert run.add_point(0.5, 0.5, 1)
    assert run.X.shape == (5, 2) and run.y[-1, 0] == 1.0
    assert run.epoch == run.settings.epochs and run.playing  # retrained, still playing
    assert run.settings.eta == pytest.approx(2.0 / 5)  # η followed the default for 5 points
    assert run.tick() and run.epoch > run.settings.epochs


def test_an_eta_set_by_hand_stays_when_points_change():
    run = Playground(Settings(seed=0, eta=0.3))
    run.add_point(0.5, 0.5, 1)
    assert run.settings.eta == 0.3


def test_points_move_delete_clear_and_the_views_still_draw():
    run = Playground(Settings(seed=0))
    run.move_point(0, -0.25, 0.1)
    assert run.X[0].tolist() == [-0.25, 0.1] and run.X.shape == (4, 2)
    run.delete_point(1)
    assert run.X.tolist() == [[-0.25, 0.1], [1.0, 0.0], [1.0, 1.0]]
    assert run.y[:, 0].tolist() == [0.0, 1.0, 0.0]
    run.clear_points()
    assert run.X.shape == (0, 2) and run.epoch == 0 and not run.step()
    assert "no points" in run.status and "add some" in run.advice()
    assert set(run.views()) == {"boundary", "loss", "forward", "backward"}
    run.add_point(0.0, 0.0, 0)
    assert run.X.shape == (1, 2) and run.epoch == run.settings.epochs


def test_bad_edits_are_refused_by_name_and_change_nothing():
    run = Playground(Settings(seed=0))
    with pytest.raises(ValueError, match="label: 2 is out of range"):
        run.add_point(0, 0, 2)
    with pytest.raises(IndexError, match="from 0 to 3"):
        run.delete_point(4)
    with pytest.raises(TypeError, match="label"):
        run.add_point(0, 0, "1")
    assert run.X.shape == (4, 2) and run.points is None


def test_three_classes_load_on_the_spiral_and_a_new_data_set_drops_them(tmp_path):
    run = Playground(Settings(dataset="spiral3", pairing="softmax+ce", n=60, seed=0))
    path = _csv(tmp_path, "".join(f"{i % 3},{i // 3},{i % 3}\n" for i in range(9)))
    assert run.load_points(path)
    assert run.X.shape == (9, 2) and set(run.y[:, 0]) == {0.0, 1.0, 2.0}
    assert run.net.layers[-1] == 3 and run.epoch == run.settings.epochs
    before = run.X.copy()
    with pytest.raises(ValueError, match="line 1"):
        run.load_points(_csv(tmp_path, "0,0,3\n"))
    assert np.array_equal(run.X, before)  # a refused file leaves the points as they were
    run.apply(dataset="moons")
    assert run.points is None and run.X.shape == (60, 2)


def test_too_many_points_are_refused_with_a_message():
    run = Playground(Settings(seed=0))
    run.load_points(np.column_stack([np.zeros((MAX_POINTS, 2)), np.zeros(MAX_POINTS)]))
    assert not run.add_point(0, 0, 0) and f"at most {MAX_POINTS}" in run.message
    assert len(run.X) == MAX_POINTS


def test_the_code_of_a_run_on_own_points_retrains_the_same_thetas():
    run = Playground(Settings(seed=1))
    run.add_point(0.3, 0.7, 1)
    run.step(5)
    scope = {}
    exec(settings_code(run), scope)
    assert scope["X"].tobytes() == run.X.tobytes()
    for theta, original in zip(scope["net"].thetas, run.net.thetas):
        assert theta.tobytes() == original.tobytes()


@pytest.mark.parametrize("dataset", ["moons", "spiral"])
def test_the_eta_of_own_points_follows_default_etas_rule(dataset):
    for m in (4, 50, 200):
        points = Playground(Settings(seed=0, dataset=dataset, n=m, epochs=1))
        assert _m_eta(points.settings, m) == default_eta(dataset, m) == points.settings.eta
    assert _m_eta(Settings(), 1) == ETA_RANGE[1] / 5  # 2 / 1, one point
