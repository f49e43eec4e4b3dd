"""Backpropagation carried one layer further, to the input: ∂(class score)/∂x, eq. (35).

The class score is z_k^(L), the output layer's input for class k (before the softmax or
sigmoid). Its error signals follow eq. (16) from δ^(L) = e_k (1 for unit k, 0 elsewhere)
down to the first hidden layer, and one more product with the first layer's weights gives
∂z_k/∂x. The input has no activation, so no f' multiplies that last step.
"""

import numpy as np

from .network import Network
from .validation import check_int, shown


def input_gradient(net, X, k):
    """∂z_k^(L)/∂x for each row of X, eq. (35): the δ recursion (16) carried to the input.

    Inputs: net, a Network; X (m, layers[0]); k, a class (an output unit) 0 … layers[-1] − 1.
    Returns: (m, layers[0]), row i the gradient of sample i's score z_k with respect to its x.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net: expected a Network, got {shown(net)}")
    k = check_int("k", k, 0, net.layers[-1] - 1, "an output unit")
    a = net.forward(X).a
    thetas = net.thetas
    L = len(a) - 1
    delta = np.zeros_like(a[L])
    delta[:, k] = 1.0  # ∂z_k/∂z^(L) = e_k
    for l in range(L - 1, 0, -1):  # eq. (16): δ^(l) = (δ^(l+1) W^(l)) ⊙ f'(a^(l))
        delta = (delta @ thetas[l][:, 1:]) * net._derivative(l - 1)(a[l])
    return delta @ thetas[0][:, 1:]  # into x: the first weights, no f' (the input has none)


def saliency_maps(net, X):
    """input_gradient for every class: (K, m, layers[0]); maps[k] = ∂z_k/∂x for each row."""
    return np.stack([input_gradient(net, X, k) for k in range(net.layers[-1])])
