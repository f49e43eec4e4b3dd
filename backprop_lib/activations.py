"""Activation functions and their derivatives, looked up by name.

Each derivative takes the *stored output* a = f(z), not z, where the maths allows:
σ'(z) = a(1 − a) is eq. (5) of the article, and tanh, ReLU and the identity have the
same property, so the backward pass never recomputes f.

Softmax is different: each of its outputs depends on every z of the layer, so its derivative
is a K × K matrix per sample, not a function of one unit. It is an output activation only
(OUTPUT_ONLY), paired with the categorical cross-entropy, whose δ^(L) is then ŷ − y.
"""

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), eq. (1), with no overflow warning for any z.

    For z below about −709, e^(−z) overflows to inf and 1 / (1 + inf) = 0.0, which is the
    correct limit; only that harmless warning is silenced. σ(0) is exactly 0.5.
    Inputs: z, array of any shape. Returns: array of the same shape, values in [0, 1].
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def sigmoid_prime(a):
    """σ'(z) from a = σ(z): σ' = a(1 − a), eq. (5). Shapes: a → same shape."""
    return a * (1.0 - a)


def tanh(z):
    """tanh(z). Shapes: z → same shape."""
    return np.tanh(z)


def tanh_prime(a):
    """tanh'(z) from a = tanh(z): 1 − a². Shapes: a → same shape."""
    return 1.0 - a * a


def relu(z):
    """max(0, z). Shapes: z → same shape."""
    return np.maximum(z, 0.0)


def relu_prime(a):
    """ReLU'(z) from a = max(0, z): 1 where a > 0, else 0 (0 at the kink). Shapes: a → same."""
    return (a > 0).astype(float)


def linear(z):
    """g(z) = z, the article's linear output of eq. (6). Shapes: z → same shape."""
    return z


def linear_prime(a):
    """g'(z) = 1. Shapes: a → same shape (all ones)."""
    return np.ones_like(a)


# name -> (f, f' as a function of the stored output a = f(z))
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "linear": (linear, linear_prime),
}


def softmax(z):
    """ŷ_k = e^(z_k) / Σ_j e^(z_j) along each row: K positive outputs that sum to 1.

    Computed as e^(z − max z) / Σ e^(z − max z), the same number with no overflow for any
    finite z (the largest exponential is e^0 = 1).
    Inputs: z, (m, K) (or any shape; the last axis holds the K units). Returns: same shape.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# name -> f, for activations that couple the units of a layer: allowed on the output only
OUTPUT_ONLY = {"softmax": softmax}
