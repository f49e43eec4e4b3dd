"""The fast loop's building blocks: activations computed in place, and one pass's arrays.

descent.Descent trains with these. Each activation f has a pair: f(z) written into a given
array, and δ ⊙= f'(z) from the stored output a = f(z) (eq. 5), with the same operations as
activations.py, so that the fast loop's numbers are the readable loop's, bit for bit.
"""

import contextlib

import numpy as np

from .activations import ACTIVATIONS
from .refusal import check_allowed

ONE, ZERO = np.array(1.0), np.array(0.0)  # 0-d arrays: faster in ufuncs than Python floats


def _sigmoid_into(z, out):
    """out = 1 / (1 + e^(−z)), eq. (1), the same operations as activations.sigmoid."""
    np.negative(z, out=out)
    np.exp(out, out=out)
    np.add(out, ONE, out=out)
    np.divide(ONE, out, out=out)


def _tanh_into(z, out):
    np.tanh(z, out=out)


def _relu_into(z, out):
    np.maximum(z, ZERO, out=out)


def _linear_into(z, out):
    np.copyto(out, z)


def _times_sigmoid_prime(delta, a, tmp):
    """delta ⊙= a(1 − a), eq. (5) from the stored output a."""
    np.subtract(ONE, a, out=tmp)
    np.multiply(a, tmp, out=tmp)
    np.multiply(delta, tmp, out=delta)


def _times_tanh_prime(delta, a, tmp):
    np.multiply(a, a, out=tmp)
    np.subtract(ONE, tmp, out=tmp)
    np.multiply(delta, tmp, out=delta)


def _times_relu_prime(delta, a, tmp):
    np.greater(a, ZERO, out=tmp)
    np.multiply(delta, tmp, out=delta)


def _times_linear_prime(delta, a, tmp):
    pass  # g' = 1


def _softmax_into(z, out):
    """out = softmax of z over the units (axis −2; samples run along the last axis)."""
    np.subtract(z, z.max(axis=-2, keepdims=True), out=out)
    np.exp(out, out=out)
    np.divide(out, out.sum(axis=-2, keepdims=True), out=out)


# name -> (f(z) written into out, delta ⊙= f'(z) from the stored a = f(z)), as in ACTIVATIONS
_IN_PLACE = {
    "sigmoid": (_sigmoid_into, _times_sigmoid_prime),
    "tanh": (_tanh_into, _times_tanh_prime),
    "relu": (_relu_into, _times_relu_prime),
    "linear": (_linear_into, _times_linear_prime),
    "softmax": (_softmax_into, None),  # output only, with "ce": δ^(L) = ŷ − y needs no f'
}


def in_place(name):
    """The training loop's (f into out, delta ⊙= f') for an activation name.

    Any activation of ACTIVATIONS without a hand-written pair above still works, through
    its own functions (with temporary arrays).
    """
    if name in _IN_PLACE:
        return _IN_PLACE[name]
    f, f_prime = ACTIVATIONS[name]

    def f_into(z, out):
        np.copyto(out, f(z))

    def times_prime(delta, a, tmp):
        np.multiply(delta, f_prime(a), out=delta)

    return f_into, times_prime


class Pass:
    """The arrays that one forward and backward pass over m samples writes into.

    Samples are columns: A[l] = [1; a^(l)] is (…, n_l + 1, m), its first row the bias ones (the
    output layer has no bias row); Z, D (δ) and tmp are (…, n_l, m); Y is (n_L, m). The input
    A[0] is 2-D even for R stacked runs: every run sees the same samples.
    """

    def __init__(self, layers, lead, m):
        check_allowed("Descent")  # the fast loop behind fit and train_many
        self.m = m
        self.A = [np.ones((layers[0] + 1, m))]
        self.A += [np.ones(lead + (n + 1, m)) for n in layers[1:-1]]
        self.A.append(np.empty(lead + (layers[-1], m)))
        self.a = [self.A[0][1:]] + [A[..., 1:, :] for A in self.A[1:-1]] + [self.A[-1]]
        self.Z = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.D = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.tmp = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.Y = np.empty((layers[-1], m))

    def load(self, XT, YT, rows=None):
        """Copy the samples (all, or the columns `rows` of XT and YT) into A[0] and Y."""
        if rows is None:
            self.a[0][...], self.Y[...] = XT, YT
        else:
            np.take(XT, rows, axis=1, out=self.a[0])
            np.take(YT, rows, axis=1, out=self.Y)


# -- BLAS threads: one for small matrices ------------------------------------------------------
#
# A mini-batch of 32 through a [64, 32, 10] network multiplies matrices of a few thousand
# entries: splitting such a product over threads costs more in hand-over than it saves, and on a
# machine whose cores are busy (a class on one hub) a thread that waits for a core stalls every
# product. benchmarks/bench_digits.py measured it: on 2 busy cores the default 2 threads made an
# epoch up to 3× slower than one thread. Larger products keep the BLAS's default.

SMALL_WORK = 2**20  # multiply-adds in the largest product of one pass; below: one thread

_controller = []  # threadpoolctl's controller, made on first use (it scans loaded libraries)


def blas_threads_for(samples, layers):
    """A context manager: BLAS limited to one thread while the products are small, else none.

    Inputs: samples, the columns of one pass (the batch size); layers, the network's sizes.
    """
    work = samples * max(n_in * n_out for n_in, n_out in zip(layers, layers[1:]))
    if work >= SMALL_WORK:
        return contextlib.nullcontext()
    if not _controller:
        from threadpoolctl import ThreadpoolController

        _controller.append(ThreadpoolController())
    return _controller[0].limit(limits=1, user_api="blas")
