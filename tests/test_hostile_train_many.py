"""train_many under hostile input: clear errors naming the parameter, at once, no warnings."""

import time

import numpy as np
import pytest

from backprop_lib import xor
from backprop_lib.training import train_many

pytestmark = pytest.mark.filterwarnings("error")

X, Y = xor()
GOOD = dict(layers=[2, 2, 1], X=X, y=Y, eta=0.1, epochs=10, seeds=[0, 1])

HOSTILE = [
    # seeds: an ordered list of whole numbers ≥ 0, not too many
    (dict(seeds={0, 1}), TypeError, "seeds"),
    (dict(seeds=(s for s in range(3))), TypeError, "seeds"),
    (dict(seeds=range(10**12)), ValueError, "seeds"),
    (dict(seeds=[0, True]), TypeError, "seeds[1]"),
    (dict(seeds=[0, "1"]), TypeError, "seeds[1]"),
    (dict(seeds=[0, -1]), ValueError, "seeds[1]"),
    (dict(seeds=[0.5]), TypeError, "seeds[0]"),
    (dict(seeds=None), TypeError, "seeds"),
    # the runs' total size and the work of the call
    (dict(layers=[2, 100, 100, 1], seeds=range(5000)), ValueError, "seeds"),
    (dict(epochs=10**8), ValueError, "epochs"),
    (
        dict(layers=[2, 300, 300, 1], X=np.zeros((2000, 2)), y=np.zeros(2000), epochs=100),
        ValueError,
        "epochs",
    ),
    (dict(seeds=range(1000), X=np.zeros((5000, 2)), y=np.zeros(5000)), ValueError, "X"),
    # settings, data and the rest
    (dict(eta=10**400), ValueError, "eta"),
    (dict(eta="0.1"), TypeError, "eta"),
    (dict(epochs=-1), ValueError, "epochs"),
    (dict(layers={2, 1}), TypeError, "layers"),
    (dict(hidden=np.array(["tanh"])), ValueError, "hidden"),
    (dict(reduction="avg"), ValueError, "reduction"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(shuffle_seed=-2), ValueError, "shuffle_seed"),
    (dict(on_divergence="x" * 10_000), ValueError, "on_divergence"),
    (dict(watch="x" * 10_000), TypeError, "watch"),
    (dict(X=None), TypeError, "X"),
    (dict(y=None), TypeError, "y"),
    (dict(y=[[0], [1], [1, 0], [0]]), ValueError, "y"),
    (dict(loss="bce", y=Y * 3), ValueError, "y"),
]


@pytest.mark.parametrize("change,error,name", HOSTILE)
def test_hostile_arguments_are_named_at_once(change, error, name):
    kwargs = {**GOOD, **change}
    layers, X_, y_ = kwargs.pop("layers"), kwargs.pop("X"), kwargs.pop("y")
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        train_many(layers, X_, y_, **kwargs)
    message = str(caught.value)
    assert name in message and len(message) < 300, message
    assert time.perf_counter() - started < 5


def test_many_diverged_runs_make_a_short_message():
    X2 = np.array([[1.0, 2.0], [3.0, -1.0], [-2.0, 0.5], [0.0, 1.0]]) * 10
    Y2 = np.array([[1.0], [-2.0], [3.0], [0.0]])
    with pytest.raises(FloatingPointError) as caught:
        train_many(
            [2, 8, 1], X2, Y2, eta=5.0, epochs=50, seeds=range(40), hidden="relu", output="linear"
        )
    message = str(caught.value)
    assert "40 of 40 runs" in message and "38 more" in message and len(message) < 400
