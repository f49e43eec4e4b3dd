"""The handwritten digits: the loader's shapes, scale and seeding; the stratified split."""

import numpy as np
import pytest

from backprop_lib.data import digits, split


def test_digits_are_1797_scaled_images_with_class_indices():
    X, y = digits(seed=0)
    assert X.shape == (1797, 64) and y.shape == (1797, 1)
    assert X.dtype == float and y.dtype == float
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.all(X * 16 == np.round(X * 16))  # counts of 0 … 16 dark cells, divided by 16
    counts = np.bincount(y[:, 0].astype(int))
    assert len(counts) == 10 and counts.min() >= 174 and counts.sum() == 1797


def test_digits_seed_shuffles_the_same_images():
    (X0, y0), (X1, y1), (X2, _) = digits(0), digits(0), digits(1)
    np.testing.assert_array_equal(X0, X1)
    np.testing.assert_array_equal(y0, y1)
    assert not np.array_equal(X0, X2)
    rows = lambda X: sorted(map(bytes, X))  # noqa: E731
    assert rows(X0) == rows(X2)  # the same images, in another order
    np.testing.assert_array_equal(digits(np.random.default_rng(0))[0], X0)


def test_split_is_stratified_disjoint_complete_and_seeded():
    X, y = digits(seed=0)
    parts = split(X, y, (0.6, 0.2, 0.2), seed=0)
    sizes = [len(p[0]) for p in parts]
    assert sum(sizes) == 1797 and all(len(px) == len(py) for px, py in parts)
    whole = np.bincount(y[:, 0].astype(int)) / len(y)
    for (_, yp), fraction in zip(parts, (0.6, 0.2, 0.2)):
        assert abs(len(yp) / len(y) - fraction) < 0.01
        share = np.bincount(yp[:, 0].astype(int), minlength=10) / len(yp)
        assert np.abs(share - whole).max() < 0.01  # every class in its proportion
    index = np.arange(len(X), dtype=float)[:, None]  # which row went where
    taken = np.concatenate([p[0][:, 0] for p in split(index, y, (0.6, 0.2, 0.2), seed=0)])
    np.testing.assert_array_equal(np.sort(taken), index[:, 0])  # each row in one part once
    again = split(X, y, (0.6, 0.2, 0.2), seed=0)
    other = split(X, y, (0.6, 0.2, 0.2), seed=1)
    np.testing.assert_array_equal(again[2][0], parts[2][0])
    assert not np.array_equal(other[2][0], parts[2][0])


def test_split_takes_two_parts_and_flat_labels():
    X, y = np.arange(40.0).reshape(20, 2), np.repeat([0, 1], 10)
    (Xa, ya), (Xb, yb) = split(X, y, (0.5, 0.5), seed=3)
    assert len(Xa) == len(Xb) == 10 and ya.sum() == yb.sum() == 5


@pytest.mark.parametrize(
    "fractions, error",
    [
        ((0.5, 0.6), ValueError),
        ((1.0,), ValueError),
        ((0.5, -0.1, 0.6), ValueError),
        ("ab", TypeError),
    ],
)
def test_split_refuses_bad_fractions(fractions, error):
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(error, match="fractions"):
        split(X, y, fractions)


def test_split_refuses_mismatched_rows():
    with pytest.raises(ValueError, match="X, y"):
        split(np.zeros((10, 2)), np.zeros(9))
