"""Your own data: points placed on the decision-boundary view or read from a CSV file.

Plain functions, tested without a browser:
  pixel_to_data   a click on the view (px from the SVG's top-left corner) → (x₁, x₂)
  data_to_pixel   the inverse, for tests and for placing marks
  read_points     a CSV file of x₁, x₂, label (or an (m, 3) array) → X, y, with errors that
                  name the line and what is wrong with it
and `PointEditing`, the part of `session.Playground` that edits its points: add, move,
delete, clear, load; each change retrains at once (as any control does), and Play goes on.
"""

import csv
import io
import math
import os
from dataclasses import replace

import numpy as np

from .boundary import LEFT, SIZE_X, SIZE_Y, TOP
from .settings import ETA_RANGE, N_RANGE, classes, eta_times_samples
from .svg import HEIGHT, WIDTH

MAX_POINTS = N_RANGE[1]  # as many as the largest generated data set: the work budget's size
COLUMNS = "x₁, x₂, label"


def _view_scale(width, height):
    """The SVG's scale and offsets on screen (preserveAspectRatio="xMidYMid meet")."""
    scale = min(width / WIDTH, height / HEIGHT)
    return scale, (width - WIDTH * scale) / 2, (height - HEIGHT * scale) / 2


def pixel_to_data(px, py, width, height, box):
    """Where a click on the boundary view falls in the input plane.

    Inputs: px, py, the click in CSS px from the top-left corner of the view's SVG element;
    width, height, that element's size in px; box, (x_min, x_max, y_min, y_max) of the plot.
    Returns: (x₁, x₂) as floats, or None when the click is outside the plot area.
    """
    scale, dx, dy = _view_scale(width, height)
    if scale <= 0:
        return None
    vx, vy = (px - dx) / scale, (py - dy) / scale  # view units
    fx, fy = (vx - LEFT) / SIZE_X, (TOP + SIZE_Y - vy) / SIZE_Y  # 0..1 across the plot
    if not (0 <= fx <= 1 and 0 <= fy <= 1):
        return None
    x_min, x_max, y_min, y_max = box
    return float(x_min + fx * (x_max - x_min)), float(y_min + fy * (y_max - y_min))


def data_to_pixel(x1, x2, width, height, box):
    """The inverse of pixel_to_data: the px position of (x₁, x₂) in an SVG of width × height."""
    scale, dx, dy = _view_scale(width, height)
    x_min, x_max, y_min, y_max = box
    vx = LEFT + (x1 - x_min) / (x_max - x_min) * SIZE_X
    vy = TOP + SIZE_Y - (x2 - y_min) / (y_max - y_min) * SIZE_Y
    return dx + vx * scale, dy + vy * scale


def _classes_text(k):
    return f"classes 0 to {k - 1}" if k > 2 else "classes 0 and 1"


def _number(text, line, column):
    try:
        value = float(text)
    except ValueError:
        shown = text if len(text) <= 20 else text[:19] + "…"
        raise ValueError(f"line {line}: {column} {shown!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"line {line}: {column} is {text.strip()}; every value must be finite")
    return value


def _rows_of_csv(text):
    """(line number, fields) of each data line: blank lines, # comments and a header skipped."""
    rows = []
    for number, fields in enumerate(csv.reader(io.StringIO(text)), start=1):
        fields = [f.strip() for f in fields]
        if not any(fields) or fields[0].startswith("#"):
            continue
        if not rows and number == 1 and not _numeric(fields[0]):
            continue  # a header line such as "x1,x2,label"
        rows.append((number, fields))
    return rows


def _numeric(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _rows_of_array(source):
    try:
        array = np.asarray(source, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"points: expected numbers in {COLUMNS} columns") from None
    if array.ndim != 2 or array.shape[1] != 3:
        raise ValueError(f"points: expected an array of shape (m, 3), {COLUMNS}; got {array.shape}")
    return [(f"{i} (from 0)", [repr(float(v)) for v in row]) for i, row in enumerate(array)]


def read_points(source, n_classes=2):
    """Training points from a CSV file (x₁, x₂, label per line) or an (m, 3) array.

    Inputs: source, a file path or an array-like of rows (x₁, x₂, label); n_classes, how many
    classes the data set has (labels must be 0 .. n_classes − 1, whole numbers).
    Returns: X (m, 2) float, y (m, 1) float labels. Raises ValueError naming the line (the
    row, for an array) and the problem: wrong columns, not a number, NaN or ∞, a label out of
    range, too many points.
    """
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, encoding="utf-8", newline="") as file:
                text = file.read()
        except OSError as err:
            raise ValueError(f"points: cannot read {source}: {err.strerror}") from None
        rows, where = _rows_of_csv(text), "line"
    else:
        rows, where = _rows_of_array(source), "row"
    if not rows:
        raise ValueError(f"points: no points found; expected lines of {COLUMNS}")
    if len(rows) > MAX_POINTS:
        raise ValueError(
            f"points: {len(rows)} points; at most {MAX_POINTS} keep training quick enough to watch"
        )
    X, y = np.empty((len(rows), 2)), np.empty((len(rows), 1))
    for k, (line, fields) in enumerate(rows):
        at = f"{where} {line}"
        if len(fields) != 3:
            raise ValueError(f"{at}: expected 3 columns ({COLUMNS}), got {len(fields)}")
        try:
            X[k] = [_number(fields[0], line, "x₁"), _number(fields[1], line, "x₂")]
            label = _number(fields[2], line, "label")
        except ValueError as err:
            raise ValueError(str(err).replace(f"line {line}", at, 1)) from None
        if label != int(label) or not 0 <= label < n_classes:
            raise ValueError(
                f"{at}: label {label:g} is out of range: this data set has "
                f"{_classes_text(n_classes)}"
            )
        y[k, 0] = label
    return X, y


def _m_eta(settings, m):
    """The default η for m points placed by hand (m may be under the generated data's 4):
    default_eta's rule, eta_times_samples(...) / m, times the samples an update averages
    over for the mean, rounded to 3 digits and kept inside ETA_RANGE."""
    m = max(m, 1)
    per_update = settings.batch if 0 < settings.batch < m else m
    eta = eta_times_samples(settings.dataset, settings.pairing, settings.layers, settings.hidden)
    eta /= m
    eta *= per_update if settings.reduction == "mean" else 1
    return float(np.clip(float(f"{eta:.3g}"), *ETA_RANGE))


class PointEditing:
    """The points part of `session.Playground`: the training set as placed by hand.

    `points` is None while the data set's generated points are used, else (X, y). Every edit
    retrains from the seed at once, as any change of a control does; Play goes on. η follows
    the default for the new number of points unless it was set to something else by hand.
    Methods return True if they changed the points; else False with `message` saying why.
    """

    points = None
    selected = None  # the index of the point picked on the view, for Delete

    def _training_data(self, generated):
        """The points in use: the hand-placed ones, or the generated (X, y)."""
        return generated if self.points is None else self.points

    @property
    def view_box(self):
        """The input-plane box the decision-boundary view is drawn over (x_min, x_max, y_min,
        y_max): what a click's pixel is mapped into."""
        return self._boundary.box

    @property
    def n_classes(self):
        """How many classes a point may have: the data set's."""
        return classes(self.settings.dataset)

    def _set_points(self, X, y):
        if len(X) > MAX_POINTS:
            self.message = (
                f"points: at most {MAX_POINTS} keep training quick enough to watch; "
                f"delete some first"
            )
            return False
        if self.settings.eta == _m_eta(self.settings, len(self.X)):  # not set by hand
            self.settings = replace(self.settings, eta=_m_eta(self.settings, len(X)))
        self.points = (
            np.asarray(X, dtype=float).reshape(-1, 2),
            np.asarray(y, float).reshape(-1, 1),
        )
        self.selected = None
        self.retrain()
        return True

    def _label(self, label):
        if isinstance(label, bool) or not isinstance(label, (int, np.integer)):
            raise TypeError(f"label: expected a whole number, got {type(label).__name__}")
        if not 0 <= label < self.n_classes:
            raise ValueError(
                f"label: {label} is out of range: this data set has {_classes_text(self.n_classes)}"
            )
        return float(label)

    def _index(self, i):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < len(self.X):
            raise IndexError(f"point: expected an index from 0 to {len(self.X) - 1}, got {i!r}")
        return int(i)

    def add_point(self, x1, x2, label):
        """Add the point (x₁, x₂) of class `label` and retrain. Returns: True if added."""
        y_new = self._label(label)
        return self._set_points(np.vstack([self.X, [[x1, x2]]]), np.vstack([self.y, [[y_new]]]))

    def move_point(self, i, x1, x2):
        """Move point i to (x₁, x₂) and retrain."""
        X = self.X.copy()
        X[self._index(i)] = (x1, x2)
        return self._set_points(X, self.y)

    def delete_point(self, i):
        """Delete point i and retrain."""
        keep = np.arange(len(self.X)) != self._index(i)
        return self._set_points(self.X[keep], self.y[keep])

    def clear_points(self):
        """Remove every point: start from nothing and add points by hand."""
        return self._set_points(np.empty((0, 2)), np.empty((0, 1)))

    def load_points(self, source):
        """Train on points from a CSV file of x₁, x₂, label lines (or an (m, 3) array).

        Raises ValueError naming the line and the problem (see read_points); the points in
        use stay as they were. Returns: True.
        """
        X, y = read_points(source, self.n_classes)
        return self._set_points(X, y)

    def use_generated(self):
        """Back to the data set's own generated points."""
        self.points = None
        self.selected = None
        self.retrain()
        return True
