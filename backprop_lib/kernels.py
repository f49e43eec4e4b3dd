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
    "tanh": (np.tanh, _times_tanh_prime),  # np.tanh(z, out): no Python wrapper needed
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
    output layer has no bias row); Z, D (δ) and tmp are (…, n_l, m). The input A[0] and the
    targets, negated, −Y (n_L, m), are 2-D even for R stacked runs: every run sees the same
    samples. top, s and q hold one number per sample, (…, 1, m) (see output_kernel).
    """

    def __init__(self, layers, lead, m):
        check_allowed("Descent")  # the fast loop behind fit and train_many
        self.m, n_L = m, layers[-1]
        self.A = [np.ones((layers[0] + 1, m))]
        self.A += [np.ones(lead + (n + 1, m)) for n in layers[1:-1]]
        self.A.append(np.empty(lead + (n_L, m)))
        self.a = [self.A[0][1:]] + [A[..., 1:, :] for A in self.A[1:-1]] + [self.A[-1]]
        self.Z = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.D = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.tmp = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.top, self.s, self.q = (np.empty(lead + (1, m)) for _ in range(3))
        self.minus_Y = np.empty((n_L, m))

    def load(self, X, y):
        """Copy the samples (X (m, n_0), y (m, n_L), a row per sample) into A[0] and −Y."""
        self.a[0][...] = X.T
        np.negative(y.T, out=self.minus_Y)


def output_kernel(loss, output, p, scale, delta=True):
    """The output layer's step over pass p: out(c, minus_Y) writes, from z^(L) in p.Z[L] and
    the targets negated, −Y (n_L, m), ŷ = g(z^(L)) into p.a[L], J (without its constant
    factor) into c and, if delta, δ^(L) of eq. (14) into p.D[L], times `scale` (1/m for
    "mean"; None: 1). ŷ + (−y) is ŷ − y exactly, and so is every product with −y negated.
    Returns: (out, later); later(minus_Y, s, zL=p.Z[L]), for "ce" only (else None), the lean
    loop's: the same from z^(L) in zL, leaving J unfinished: Σ_k e^(z_k) per sample in s
    (…, 1, m), for LaterCosts.costs.
    """
    L = len(p.Z) - 1
    zL, aL, dL, tL, top, s, q = p.Z[L], p.a[L], p.D[L], p.tmp[L], p.top, p.s, p.q
    lead, (g, g_prime), yz = zL.shape[:-2], in_place(output), np.empty_like(zL)
    mm = np.matmul if lead else np.dot
    add, multiply, subtract, divide = np.add, np.multiply, np.subtract, np.divide
    maximum_of, sum_of, exp = np.maximum.reduce, np.add.reduce, np.exp
    t_row, d_row = tL.reshape(lead + (1, -1)), dL.reshape(lead + (1, -1))
    d_col, ones_col = d_row.mT, np.ones((zL.shape[-2] * zL.shape[-1], 1))
    ones_row = np.ones((1, zL.shape[-2]))

    def delta_out(minus_Y):
        if delta:
            add(aL, minus_Y, dL)  # δ^(L) = ŷ − y
            if scale is not None:
                multiply(dL, scale, dL)

    def later(minus_Y, s, zL=zL):
        # ŷ = e^z / Σ_k e^(z_k), without _softmax_into's shift by the max (two calls fewer):
        # LaterCosts.costs finds every e^z that overflowed or underflowed, and the run replays
        exp(zL, aL)
        mm(ones_row, aL, out=s)  # Σ_k over the units, one matmul (faster than a reduction)
        divide(aL, s, aL)
        if delta:  # delta_out, written out: one Python call fewer per batch
            add(aL, minus_Y, dL)
            if scale is not None:
                multiply(dL, scale, dL)

    def ce(c, minus_Y):  # J = Σ_i [ln Σ_k e^(z_k − max) + max − Σ_k y_k z_k], as losses.ce
        maximum_of(zL, -2, None, top, True)  # ŷ = softmax(z), the operations of _softmax_into
        subtract(zL, top, tL)
        exp(tL, aL)
        mm(ones_row, aL, out=s)
        divide(aL, s, aL)
        multiply(minus_Y, zL, yz)
        sum_of(yz, -2, None, q, True)
        delta_out(minus_Y)
        np.log(s, s)
        add(s, top, s)
        add(s, q, s)
        sum_of(s, -1, None, c, True)

    def bce(c, minus_Y):  # Σ ln(1 + e^z) − y z; δ^(L) = ŷ − y, σ' cancelled
        g(zL, aL)
        np.logaddexp(ZERO, zL, tL)
        multiply(minus_Y, zL, yz)
        add(tL, yz, tL)
        mm(t_row, ones_col, out=c)
        if delta:  # delta_out, written out: one Python call fewer per batch
            add(aL, minus_Y, dL)
            if scale is not None:
                multiply(dL, scale, dL)

    def mse(c, minus_Y):  # Σ (ŷ − y)², the ½ applied later; δ^(L) = (ŷ − y) ⊙ g'
        g(zL, aL)
        add(aL, minus_Y, dL)
        mm(d_row, d_col, out=c)
        if delta:
            g_prime(dL, aL, tL)
            if scale is not None:
                multiply(dL, scale, dL)

    return {"ce": ce, "bce": bce, "mse": mse}[loss], later if loss == "ce" else None


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
