"""A classifier's predictions: the predicted class of each row, and the accuracy.

The playground scores its two-class networks with these, and notebook 08 measures how well a
softmax network separates the K arms of a spiral.
"""

import numpy as np

from .network import Network
from .validation import check_array


def predicted_classes(net, X):
    """The class each row of X is given: ŷ > ½ for a network with one output (two classes),
    else the index of the largest output. A NaN output counts as 0, so that a network whose
    training diverged is scored, not refused.

    Inputs: net, a Network; X (m, layers[0]). Returns: (m,) int array.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a backprop_lib Network, got {type(net).__name__}")
    with np.errstate(all="ignore"):
        y_hat = np.nan_to_num(net.predict(X), nan=0.0)
    return y_hat.argmax(axis=1) if y_hat.shape[1] > 1 else (y_hat[:, 0] > 0.5).astype(int)


def accuracy(net, X, labels):
    """The fraction of rows of X whose predicted class is its label.

    Inputs: net, a Network; X (m, layers[0]); labels, (m,) or (m, 1) class indices 0..K−1
    (0 and 1 for a network with one output). Returns: float in [0, 1].
    """
    labels = check_array("labels", labels, 1)[:, 0]
    predicted = predicted_classes(net, X)
    if len(labels) != len(predicted):
        raise ValueError(
            f"X and labels: expected the same number of rows, "
            f"got {len(predicted)} and {len(labels)}"
        )
    return float(np.mean(predicted == labels))
