"""Training sets: the article's XOR table and seeded 2-D sets (circles, moons, spiral).

Every 2-D set returns X of shape (n, 2), inside about [−1.5, 1.5]², and y of shape (n, 1)
holding the labels 0.0 and 1.0, half of the samples in each class (the first class gets the
odd one). The same (n, noise, seed) always gives the same set. spiral(classes=K) has K arms
labelled 0.0 … K − 1 (class indices, as Network(output="softmax", loss="ce") takes them),
n // K samples each, the first n % K classes one more. grid_box is the box around a 2-D set
that a picture of its input plane covers, pixel_centres the points such a picture shows.

digits() is real data: the 1797 handwritten 8×8 digits that scikit-learn ships inside its
package (read from disk, no network), and split() divides any labelled set into training,
validation and test parts, stratified and seeded.
"""

import numpy as np

from .validation import check_int, check_real, check_seed, shown

MAX_SAMPLES = 5000
MAX_CLASSES = 10


def xor():
    """The XOR truth table of the article's NumPy example.

    Returns: X, (4, 2) float, rows 00, 01, 10, 11; y, (4, 1) float, 0 1 1 0.
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    return X, y


def _check_n(n):
    return check_int("n", n, 2, MAX_SAMPLES, "samples")


def _check_noise(noise):
    wanted = "a number from 0 to 1 (a standard deviation)"
    value = check_real("noise", noise, wanted)
    if not 0 <= value <= 1:  # NaN fails this too
        raise ValueError(f"noise: expected {wanted}, got {shown(noise)}")
    return value


def _rng(seed):
    return check_seed(seed, "seed", allow_none=False)


def _labelled(parts, noise, rng):
    """Stack the classes' points, add Gaussian noise, and label them 0, 1, … in order."""
    X = np.vstack(parts)
    X = X + rng.normal(scale=noise, size=X.shape) if noise else X
    y = np.concatenate([np.full(len(part), float(k)) for k, part in enumerate(parts)])[:, None]
    return X, y


def _shares(n, k):
    """n samples split into k classes as evenly as possible, the first ones getting the extras."""
    return [n // k + (i < n % k) for i in range(k)]


def _halves(n):
    return _shares(n, 2)


def circles(n=200, noise=0.1, seed=0):
    """Two concentric rings: class 0 on radius 1, class 1 on radius 0.5 inside it.

    Inputs: n, samples (2..5000); noise, std of Gaussian noise added to each coordinate;
    seed, int ≥ 0 or np.random.Generator. Returns: X (n, 2), y (n, 1).
    """
    n, noise, rng = _check_n(n), _check_noise(noise), _rng(seed)
    parts = []
    for count, radius in zip(_halves(n), (1.0, 0.5)):
        angle = rng.uniform(0.0, 2 * np.pi, count)
        parts.append(radius * np.column_stack([np.cos(angle), np.sin(angle)]))
    return _labelled(parts, noise, rng)


def moons(n=200, noise=0.1, seed=0):
    """Two interleaved half circles, centred on the origin: class 0 the upper, class 1 the lower.

    Inputs: n, samples (2..5000); noise, std of Gaussian noise added to each coordinate;
    seed, int ≥ 0 or np.random.Generator. Returns: X (n, 2), y (n, 1).
    """
    n, noise, rng = _check_n(n), _check_noise(noise), _rng(seed)
    n0, n1 = _halves(n)
    t0, t1 = rng.uniform(0.0, np.pi, n0), rng.uniform(0.0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    centre = np.array([0.5, 0.25])
    return _labelled([(upper - centre) * 0.8, (lower - centre) * 0.8], noise, rng)


def spiral(n=200, noise=0.1, seed=0, turns=1.25, classes=2):
    """Arms of a spiral wound around each other, arm k the first turned by k · 360° / classes.

    Inputs: n, samples (2..5000, at least one per class); noise, std of Gaussian noise added to
    each coordinate; seed, int ≥ 0 or np.random.Generator; turns, how far each arm winds
    (> 0, ≤ 3); classes, the number of arms (2..10). With classes=2 the second arm is the
    first turned by 180°. Returns: X (n, 2), y (n, 1) with labels 0.0 … classes − 1.
    """
    n, noise, rng = _check_n(n), _check_noise(noise), _rng(seed)
    wanted = "a number in (0, 3] (how far each arm winds)"
    turns = check_real("turns", turns, wanted)
    if not 0 < turns <= 3:
        raise ValueError(f"turns: expected {wanted}, got {shown(turns)}")
    classes = check_int("classes", classes, 2, MAX_CLASSES, "arms of the spiral")
    if n < classes:
        raise ValueError(
            f"n: expected at least one sample per class (n ≥ classes = {classes}), got {n}"
        )
    parts = []
    offsets = 2 * np.pi * np.arange(classes) / classes
    for count, offset in zip(_shares(n, classes), offsets):
        r = rng.uniform(0.1, 1.0, count)  # the radius grows with the angle along the arm
        angle = 2 * np.pi * turns * r + offset
        parts.append(r[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]))
    return _labelled(parts, noise, rng)


DIGIT_SIDE = 8  # the images are 8 × 8 pixels
DIGIT_LEVELS = 16  # each pixel is a count of 0 … 16 dark cells of a 4 × 4 block


def digits(seed=0):
    """The UCI handwritten digits: 1797 images of 8 × 8 pixels, labelled 0 … 9.

    Each pixel counts how many of the 16 cells of a 4 × 4 block of the original 32 × 32
    bitmap are dark (0 … 16); it is divided by 16, so the inputs lie in [0, 1]. The rows are
    shuffled by np.random.default_rng(seed) (the file holds them in the order they were
    written). Needs scikit-learn, whose wheel holds the data.
    Inputs: seed, int ≥ 0 or np.random.Generator.
    Returns: X (1797, 64) floats in [0, 1], row-major pixels (X[i].reshape(8, 8) is the
    image); y (1797, 1) class indices 0.0 … 9.0, as Network(output="softmax", loss="ce")
    takes them.
    """
    rng = _rng(seed)
    from sklearn.datasets import load_digits  # imported here: only this set needs it

    data = load_digits()
    order = rng.permutation(len(data.target))
    X = data.data[order].astype(float) / DIGIT_LEVELS
    y = data.target[order].astype(float)[:, None]
    return X, y


def _check_fractions(fractions):
    wanted = "two or three fractions > 0 summing to 1 (e.g. (0.6, 0.2, 0.2))"
    if isinstance(fractions, (str, bytes)) or not hasattr(fractions, "__len__"):
        raise TypeError(f"fractions: expected {wanted}, got {shown(fractions)}")
    values = [check_real("fractions", f, wanted) for f in fractions]
    if not 2 <= len(values) <= 3 or min(values) <= 0 or abs(sum(values) - 1) > 1e-9:
        raise ValueError(f"fractions: expected {wanted}, got {shown(fractions)}")
    return values


def split(X, y, fractions=(0.6, 0.2, 0.2), seed=0):
    """X and y divided into parts (training, validation, test), stratified and seeded.

    Stratified: each class is shuffled on its own (np.random.default_rng(seed)) and dealt
    into the parts in the given fractions (rounded per class, the last part taking the rest),
    so every part holds the classes in nearly the proportions of the whole. Each part keeps
    the samples in their original order.
    Inputs: X (m, n); y (m, 1) or (m,) class indices; fractions, 2 or 3 numbers summing to 1;
    seed, int ≥ 0 or np.random.Generator.
    Returns: a list of (X_part, y_part) pairs, one per fraction.
    """
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(y) != len(X):
        raise ValueError(
            f"X, y: expected X (m, n) and y with m rows, got shapes {X.shape} and {y.shape}"
        )
    fractions, rng = _check_fractions(fractions), _rng(seed)
    labels = y.reshape(len(y), -1)[:, 0]
    parts = [[] for _ in fractions]
    for label in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == label))
        ends = np.round(np.cumsum(fractions[:-1]) * len(rows)).astype(int)
        for part, chunk in zip(parts, np.split(rows, ends)):
            part.append(chunk)
    chosen = [np.sort(np.concatenate(part)) for part in parts]
    return [(X[rows], y[rows]) for rows in chosen]


def _xor_table(n=4, noise=0.0, seed=0):
    """The article's four rows, whatever n, noise and seed say (they do not apply to XOR)."""
    return xor()


# name -> function(n, noise, seed) returning (X, y): the data sets of the playground
DATASETS = {
    "xor": _xor_table,
    "circles": circles,
    "moons": moons,
    "spiral": spiral,
}


def make_dataset(name, n=200, noise=0.1, seed=0):
    """One of DATASETS by name. Inputs: name, a key of DATASETS; n, noise, seed as for circles.

    "xor" is always the article's 4-row table: n, noise and seed do not apply to it.
    Returns: X (n, 2), y (n, 1).
    """
    if not isinstance(name, str) or name not in DATASETS:
        valid = ", ".join(repr(k) for k in DATASETS)
        raise ValueError(f"dataset: expected one of {valid}; got {shown(name)}")
    if name == "xor":
        (
            _check_n(n),
            _check_noise(noise),
            _rng(seed),
        )  # still reject nonsense arguments
    return DATASETS[name](n, noise, seed)


def grid_box(X, margin=0.25):
    """The box the decision boundary is drawn over: the data's bounding box, padded.

    The box always contains the unit square [0, 1]², the XOR input square.
    Inputs: X (m, 2); margin, padding as a fraction of the larger side.
    Returns: (x_min, x_max, y_min, y_max).
    """
    X = np.asarray(X, dtype=float)
    lo = np.minimum(X.min(axis=0), 0.0)
    hi = np.maximum(X.max(axis=0), 1.0)
    pad = margin * float(np.max(hi - lo))
    return (lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad)


def pixel_centres(box, resolution):
    """The centres of a resolution × resolution grid of pixels over box, row 0 at the bottom:
    where a picture of the input plane (imshow with extent=box) shows each pixel's value.

    Inputs: box, (x_min, x_max, y_min, y_max); resolution, pixels per side.
    Returns: points (resolution², 2), row by row (x varies fastest).
    """
    x_min, x_max, y_min, y_max = box
    gx = x_min + (np.arange(resolution) + 0.5) * (x_max - x_min) / resolution
    gy = y_min + (np.arange(resolution) + 0.5) * (y_max - y_min) / resolution
    xx, yy = np.meshgrid(gx, gy)
    return np.column_stack([xx.ravel(), yy.ravel()])
