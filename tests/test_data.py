"""The training sets: XOR as the article has it; circles, moons, spiral seeded and well formed;
under hostile input, clear errors naming the parameter and no warnings."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from backprop_lib.data import DATASETS, circles, make_dataset, moons, spiral, xor

pytestmark = pytest.mark.filterwarnings("error")
GENERATED = [circles, moons, spiral]


def test_xor_is_the_articles_table():
    X, y = xor()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y.ravel(), [0, 1, 1, 0])
    assert make_dataset("xor")[0].shape == (4, 2)


@pytest.mark.parametrize("make", GENERATED)
@pytest.mark.parametrize("n", [2, 7, 200])
def test_shapes_labels_and_balance(make, n):
    X, y = make(n=n, noise=0.1, seed=3)
    assert X.shape == (n, 2) and y.shape == (n, 1)
    assert X.dtype == float and y.dtype == float
    assert set(np.unique(y)) == {0.0, 1.0}
    assert (y == 0).sum() == n - n // 2 and (y == 1).sum() == n // 2
    assert np.all(np.isfinite(X)) and np.abs(X).max() < 2.0


@pytest.mark.parametrize("make", GENERATED)
def test_same_seed_same_set_other_seed_other_set(make):
    a, b, c = make(50, 0.1, 1), make(50, 0.1, 1), make(50, 0.1, 2)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])
    rng_version = make(50, 0.1, np.random.default_rng(1))
    np.testing.assert_array_equal(rng_version[0], a[0])


def test_noise_free_shapes_are_exact():
    X, y = circles(100, noise=0.0, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y[:, 0] == 0], 1.0, rtol=1e-12)
    np.testing.assert_allclose(radius[y[:, 0] == 1], 0.5, rtol=1e-12)
    X, y = spiral(100, noise=0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r.min() >= 0.1 - 1e-12 and r.max() <= 1.0 + 1e-12
    X, y = moons(100, noise=0.0, seed=0)
    upper, lower = X[y[:, 0] == 0], X[y[:, 0] == 1]
    assert upper[:, 1].mean() > lower[:, 1].mean()  # class 0 is the upper moon


def test_noise_moves_points_by_about_its_size():
    clean, _ = circles(2000, noise=0.0, seed=5)
    noisy, _ = circles(2000, noise=0.2, seed=5)
    assert 0.15 < np.std(noisy - clean) < 0.25


def test_the_table_lists_every_set():
    assert set(DATASETS) == {"xor", "circles", "moons", "spiral"}
    for name in DATASETS:
        X, y = make_dataset(name, 20, 0.05, 0)
        assert X.shape[1] == 2 and len(X) == len(y)


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        (dict(n=1), ValueError, r"n: expected a whole number from 2 to 5000 \(samples\)"),
        (dict(n=10_000), ValueError, r"n: expected a whole number from 2 to 5000 \(samples\)"),
        (dict(n=2.5), TypeError, r"n: expected a whole number"),
        (dict(n=True), TypeError, r"n: expected a whole number"),
        (dict(noise=-0.1), ValueError, r"noise: expected a number from 0 to 1"),
        (dict(noise=float("nan")), ValueError, r"noise: expected a number from 0 to 1"),
        (dict(noise="a"), TypeError, r"noise: expected a number"),
        (dict(seed=-1), ValueError, r"seed: expected an int ≥ 0"),
        (dict(seed="x"), TypeError, r"seed: expected an int"),
        (dict(seed=None), TypeError, r"seed: expected an int"),
    ],
)
@pytest.mark.parametrize("make", GENERATED)
def test_bad_arguments_name_the_parameter(make, kwargs, error, message):
    with pytest.raises(error, match=message):
        make(**kwargs)


def test_bad_dataset_name_and_spiral_turns():
    with pytest.raises(ValueError, match=r"dataset: expected one of 'xor', 'circles'"):
        make_dataset("blobs")
    with pytest.raises(ValueError, match=r"noise: expected"):
        make_dataset("xor", noise=5)
    with pytest.raises(ValueError, match=r"turns: expected a number in \(0, 3\]"):
        spiral(turns=0)


LONG = "x" * 10_000

HOSTILE = [
    (dict(n=10**400), ValueError, "n"),
    (dict(n="50"), TypeError, "n"),
    (dict(n=50.0), TypeError, "n"),
    (dict(n=True), TypeError, "n"),
    (dict(n=None), TypeError, "n"),
    (dict(n=-1), ValueError, "n"),
    (dict(noise=10**400), ValueError, "noise"),
    (dict(noise=Fraction(10**400, 7)), ValueError, "noise"),
    (dict(noise=float("nan")), ValueError, "noise"),
    (dict(noise=float("inf")), ValueError, "noise"),
    (dict(noise=0.1j), TypeError, "noise"),
    (dict(noise=LONG), TypeError, "noise"),
    (dict(noise=True), TypeError, "noise"),
    (dict(noise=np.array([0.1])), TypeError, "noise"),
    (dict(seed=True), TypeError, "seed"),
    (dict(seed=-1), ValueError, "seed"),
    (dict(seed="x"), TypeError, "seed"),
    (dict(seed=1.5), TypeError, "seed"),
    (dict(seed=None), TypeError, "seed"),
]


@pytest.mark.parametrize("make", [circles, moons, spiral])
@pytest.mark.parametrize("kwargs,error,name", HOSTILE)
def test_hostile_arguments_are_named(make, kwargs, error, name):
    with pytest.raises(error) as caught:
        make(**kwargs)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and len(message) < 300 and LONG not in message


@pytest.mark.parametrize(
    "kwargs,error,name",
    [
        (dict(turns=float("nan")), ValueError, "turns"),
        (dict(turns=10**400), ValueError, "turns"),
        (dict(turns="1"), TypeError, "turns"),
        (dict(classes=10**400), ValueError, "classes"),
        (dict(classes=np.float64(3)), TypeError, "classes"),
    ],
)
def test_spiral_arguments_are_named(kwargs, error, name):
    with pytest.raises(error) as caught:
        spiral(**kwargs)
    assert str(caught.value).startswith(f"{name}: ") and len(str(caught.value)) < 300


@pytest.mark.parametrize("name", [LONG, None, np.array(["xor"]), ["xor"], 5])
def test_a_data_set_name_is_compared_by_type_and_value(name):
    with pytest.raises(ValueError) as caught:
        make_dataset(name)
    message = str(caught.value)
    assert message.startswith("dataset: ") and len(message) < 300


@pytest.mark.parametrize("noise", [Fraction(1, 10), Decimal("0.1"), np.float32(0.1), 0.1])
def test_exact_and_numpy_numbers_are_noise(noise):
    X, _ = moons(n=20, noise=noise, seed=1)
    np.testing.assert_allclose(X, moons(n=20, noise=0.1, seed=1)[0], rtol=0, atol=1e-7)
