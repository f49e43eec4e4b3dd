"""A K-class network's predictions: the predicted class of each row, and the accuracy.

Notebook 08 measures with these how well a softmax network separates the K arms of a spiral.
"""

import numpy as np

from .network import Network
from .validation import check_array


def predicted_classes(net, X):
    """The class each row of X is given: the index of the largest output of the network.

    Inputs: net, a Network with K ≥ 2 outputs; X (m, layers[0]). Returns: (m,) int array.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a backprop_lib Network, got {type(net).__name__}")
    if net.layers[-1] < 2:
        raise ValueError(f"net: expected a network with 2 or more outputs, got {net.layers[-1]}")
    return np.argmax(net.predict(X), axis=1)


def accuracy(net, X, labels):
    """The fraction of rows of X whose predicted class is its label.

    Inputs: net, a Network with K ≥ 2 outputs; X (m, layers[0]); labels, (m,) or (m, 1) class
    indices 0..K−1. Returns: float in [0, 1].
    """
    labels = check_array("labels", labels, 1)[:, 0]
    predicted = predicted_classes(net, X)
    if len(labels) != len(predicted):
        raise ValueError(
            f"X and labels: expected the same number of rows, "
            f"got {len(predicted)} and {len(labels)}"
        )
    return float(np.mean(predicted == labels))
