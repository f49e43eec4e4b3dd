"""classes: predicted classes and accuracy, for one output (ŷ > ½) and K outputs (argmax)."""

import numpy as np
import pytest

from backprop_lib import Network
from backprop_lib.classes import accuracy, predicted_classes
from backprop_lib.data import spiral

X3, Y3 = spiral(n=60, seed=0, classes=3)


def net3(**kw):
    return Network([2, 6, 3], hidden="tanh", output="softmax", loss="ce", seed=0, **kw)


def test_accuracy_counts_right_argmax():
    net = net3()
    predicted = predicted_classes(net, X3)
    assert predicted.shape == (60,)
    assert accuracy(net, X3, Y3) == pytest.approx(np.mean(predicted == Y3[:, 0]))
    assert accuracy(net, X3, predicted) == 1.0
    with pytest.raises(ValueError, match="X and labels"):
        accuracy(net, X3, Y3[:5])
    two = Network([2, 1], seed=0)  # one output: class 1 where ŷ > ½
    np.testing.assert_array_equal(predicted_classes(two, X3), two.predict(X3)[:, 0] > 0.5)
    with pytest.raises(TypeError, match="net:"):
        predicted_classes("net", X3)
