"""The data sets under hostile input: clear errors naming the parameter, no warnings."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from backprop_lib.data import circles, make_dataset, moons, spiral

pytestmark = pytest.mark.filterwarnings("error")

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
