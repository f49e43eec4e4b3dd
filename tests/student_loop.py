"""A right answer to notebook 04's training-loop exercise, written as a student would: the four
stages the checker calls (forward, backward, gradients, update), in plain NumPy."""

import numpy as np

from backprop_lib.activations import sigmoid


def forward(thetas, X):
    z, a = [None], [X]
    for theta in thetas:
        z.append(a[-1] @ theta[:, 1:].T + theta[:, 0])
        a.append(sigmoid(z[-1]))
    return z, a


def backward(thetas, a, y, loss):
    L = len(a) - 1
    delta = [None] * (L + 1)
    delta[L] = a[L] - y if loss == "bce" else (a[L] - y) * a[L] * (1 - a[L])
    for l in range(L - 1, 0, -1):
        delta[l] = (delta[l + 1] @ thetas[l][:, 1:]) * a[l] * (1 - a[l])
    return delta


def gradients(a, delta):
    return [
        np.hstack([delta[l + 1].sum(axis=0)[:, None], delta[l + 1].T @ a[l]])
        for l in range(len(a) - 1)
    ]


def update(thetas, grads, eta):
    return [theta - eta * grad for theta, grad in zip(thetas, grads)]


RIGHT = (forward, backward, gradients, update)
