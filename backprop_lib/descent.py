"""The fast training loop behind Network.fit and train_many: eqs. (6), (13)–(17), vectorised.

The readable version of the same maths is Network._forward / Network._backward (used by
forward, deltas and gradients); tests hold the two equal. This module trades that
readability for speed, as explained below.
"""

import math

import numpy as np

from .activations import ACTIVATIONS


def divergence_cause(cost, epoch):
    """How a run diverged at `epoch`, for error messages: its cost, or its parameters."""
    if epoch < len(cost) and not np.isfinite(cost[epoch]):
        return f"the cost became {cost[epoch]}"
    return "the parameters overflowed"


# -- the training loop ------------------------------------------------------------------------
#
# Written for speed on small networks, where NumPy's per-call overhead, not arithmetic, is the
# cost: every array is preallocated and written with out=; samples run along the LAST axis, so
# that the bias is a row of ones on top of each activation matrix (the article's bias column,
# transposed) and one matmul gives z = Θ [1; a] and one more ∂J/∂Θ with its bias column; σ' comes
# from the stored activations (eq. 5); all parameters live in one flat vector updated by a
# single subtraction. The same loop trains one network (2-D arrays) or R networks of one shape
# at once (3-D arrays with a leading runs axis, batched matmuls), so train_many and fit agree.

_ONE, _ZERO = np.array(1.0), np.array(0.0)  # 0-d arrays: faster in ufuncs than Python floats


def _sigmoid_into(z, out):
    """out = 1 / (1 + e^(−z)), eq. (1), the same operations as activations.sigmoid."""
    np.negative(z, out=out)
    np.exp(out, out=out)
    np.add(out, _ONE, out=out)
    np.divide(_ONE, out, out=out)


def _tanh_into(z, out):
    np.tanh(z, out=out)


def _relu_into(z, out):
    np.maximum(z, _ZERO, out=out)


def _linear_into(z, out):
    np.copyto(out, z)


def _times_sigmoid_prime(delta, a, tmp):
    """delta ⊙= a(1 − a), eq. (5) from the stored output a."""
    np.subtract(_ONE, a, out=tmp)
    np.multiply(a, tmp, out=tmp)
    np.multiply(delta, tmp, out=delta)


def _times_tanh_prime(delta, a, tmp):
    np.multiply(a, a, out=tmp)
    np.subtract(_ONE, tmp, out=tmp)
    np.multiply(delta, tmp, out=delta)


def _times_relu_prime(delta, a, tmp):
    np.greater(a, _ZERO, out=tmp)
    np.multiply(delta, tmp, out=delta)


def _times_linear_prime(delta, a, tmp):
    pass  # g' = 1


# name -> (f(z) written into out, delta ⊙= f'(z) from the stored a = f(z)), as in ACTIVATIONS
_IN_PLACE = {
    "sigmoid": (_sigmoid_into, _times_sigmoid_prime),
    "tanh": (_tanh_into, _times_tanh_prime),
    "relu": (_relu_into, _times_relu_prime),
    "linear": (_linear_into, _times_linear_prime),
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


class Descent:
    """Full-batch gradient descent, eqs. (6), (13)–(17), for one network or R of one shape.

    Inputs: net, for its layers, hidden, output and loss; thetas, a list of Θ^(l) shaped
    (n_out, n_in + 1) for one network or (R, n_out, n_in + 1) for R stacked networks (copied:
    the caller's arrays are never changed); X (m, layers[0]) and y (m, layers[-1]), validated.
    """

    def __init__(self, net, thetas, X, y):
        layers, L = net.layers, len(net.layers) - 1
        self.stacked = np.ndim(thetas[0]) == 3
        self.runs = len(thetas[0]) if self.stacked else 1
        lead = (self.runs,) if self.stacked else ()
        m = X.shape[0]
        self.mm = np.matmul if self.stacked else np.dot
        self.flat = np.concatenate([np.asarray(t, dtype=float).ravel() for t in thetas])
        self.grad = np.empty_like(self.flat)
        shapes = [lead + (n_out, n_in + 1) for n_in, n_out in zip(layers, layers[1:])]
        bounds = np.cumsum([0] + [int(np.prod(s)) for s in shapes])
        self.T = [self.flat[i:j].reshape(s) for i, j, s in zip(bounds, bounds[1:], shapes)]
        self.G = [self.grad[i:j].reshape(s) for i, j, s in zip(bounds, bounds[1:], shapes)]
        # A[l] = [1; a^(l)] with samples as columns: (…, n_l + 1, m); the output has no bias row.
        self.A = [np.vstack([np.ones((1, m)), X.T])]  # the input is shared by every run
        self.A += [np.ones(lead + (n + 1, m)) for n in layers[1:-1]]
        self.A.append(np.empty(lead + (layers[-1], m)))
        self.a = [self.A[0][1:]] + [A[..., 1:, :] for A in self.A[1:-1]] + [self.A[-1]]
        self.Z = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.D = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        self.tmp = [None] + [np.empty(lead + (n, m)) for n in layers[1:]]
        names = [net.hidden] * (L - 1) + [net.output]
        self.f = [None] + [in_place(name)[0] for name in names]
        self.times_prime = [None] + [in_place(name)[1] for name in names]
        self.Y = np.ascontiguousarray(y.T)  # (n_L, m), broadcast over runs
        self.loss, self.output = net.loss, net.output
        # The first layer's input is shared, so all runs' Θ^(1) form one 2-D matmul.
        self.T0 = self.T[0].reshape(-1, layers[0] + 1)
        self.G0 = self.G[0].reshape(-1, layers[0] + 1)
        self.Z1 = self.Z[1].reshape(-1, m)
        self.D1 = self.D[1].reshape(-1, m)
        self.A0T = self.A[0].T
        self.WT = [None] + [t[..., 1:].mT for t in self.T[1:]]  # Θ^(l) without bias, transposed
        self.AT = [A.mT for A in self.A]
        km = layers[-1] * m
        self.D_row = self.D[L].reshape(lead + (1, km))
        self.tmp_row = self.tmp[L].reshape(lead + (1, km))
        self.ones_col = np.ones((km, 1))

    def thetas(self):
        """The current Θ^(l), copied: a list of arrays (one network) or R lists (stacked)."""
        if not self.stacked:
            return [t.copy() for t in self.T]
        return [[t[r].copy() for t in self.T] for r in range(self.runs)]

    def run(self, eta, epochs, freeze=False, watch=None):
        """Train for `epochs` epochs at learning rate eta; the data were given to __init__.

        A run whose cost stops being finite at epoch e keeps Θ as at the start of epoch e.
        freeze=False: stop every run there and return. freeze=True (stacked only): freeze the
        diverged runs (their cost is nan after e) and carry on with the others.
        Returns: cost, (R, epochs), J at the start of each epoch (epochs not run are nan);
        diverged, {run index: epoch}. A run whose parameters overflow in the very last update
        is reset to the start of that epoch and reported with epoch = epochs − 1.
        watch: None, or a function called as watch(epoch, y_hat) after each forward pass, with
        y_hat = a^(L) at the start of that epoch, (…, n_L, m) (samples along the last axis).
        Calling run again continues from where the last call stopped.
        """
        L, R, stacked = len(self.T), self.runs, self.stacked
        mm, f, times_prime, Y = self.mm, self.f, self.times_prime, self.Y
        T, G, A, a, Z, D, tmp = self.T, self.G, self.A, self.a, self.Z, self.D, self.tmp
        T0, G0, Z1, D1, A0, A0T = self.T0, self.G0, self.Z1, self.D1, self.A[0], self.A0T
        flat, grad, eta = self.flat, self.grad, np.array(eta)
        bce = self.loss == "bce"  # only with a sigmoid output: δ^(L) = ŷ − y, σ' cancelled
        out_prime = times_prime[L]
        zL, aL, dL, tL, yz = Z[L], a[L], D[L], tmp[L], np.empty_like(Z[L])
        D_row, D_col, tmp_row, ones_col = self.D_row, self.D_row.mT, self.tmp_row, self.ones_col
        forward = [(T[l], A[l], Z[l + 1], f[l + 1], a[l + 1]) for l in range(1, L)]
        backward = [
            (G[l], D[l + 1], self.AT[l], self.WT[l], D[l], a[l], tmp[l], times_prime[l])
            for l in range(L - 1, 0, -1)
        ]
        cost = np.full((epochs, R, 1, 1), np.nan)
        flat_cost = cost.reshape(-1)
        diverged = {}
        dead = None
        with np.errstate(all="ignore"):
            for epoch in range(epochs):
                c = cost[epoch] if stacked else cost[epoch, 0]
                # forward pass, eq. (6): z^(l+1) = Θ^(l) [1; a^(l)], a^(l+1) = f(z^(l+1))
                np.dot(T0, A0, out=Z1)
                f[1](Z[1], a[1])
                for theta, A_l, z, f_l, a_next in forward:
                    mm(theta, A_l, out=z)
                    f_l(z, a_next)
                if watch is not None:
                    watch(epoch, aL)
                # J and δ^(L), eqs. (7) and (14)
                np.subtract(aL, Y, out=dL)
                if bce:  # Σ ln(1 + e^z) − y z
                    np.logaddexp(_ZERO, zL, out=tL)
                    np.multiply(Y, zL, out=yz)
                    np.subtract(tL, yz, out=tL)
                    mm(tmp_row, ones_col, out=c)
                else:  # ½ Σ (ŷ − y)²; the ½ is applied to the whole history at the end
                    mm(D_row, D_col, out=c)
                    out_prime(dL, aL, tL)
                if not (math.isfinite(flat_cost[epoch]) if R == 1 else np.isfinite(c).all()):
                    bad = [r for r in np.flatnonzero(~np.isfinite(c.ravel())) if r not in diverged]
                    if bad:
                        diverged.update((int(r), epoch) for r in bad)
                        if not freeze:
                            break
                        dead = np.array(sorted(diverged))
                # backward pass, eqs. (15)-(17): ∂J/∂Θ^(l) = δ^(l+1) [1; a^(l)]ᵀ
                for G_l, delta, A_lT, W_lT, delta_prev, a_l, tmp_l, times_prime_l in backward:
                    mm(delta, A_lT, out=G_l)
                    mm(W_lT, delta, out=delta_prev)  # eq. (16), the bias row dropped
                    times_prime_l(delta_prev, a_l, tmp_l)
                np.dot(D1, A0T, out=G0)
                if dead is not None:
                    for G_l in G:
                        G_l[dead] = 0.0
                if epoch == epochs - 1:
                    before = flat.copy()
                # eq. (12): Θ ← Θ − η ∂J/∂Θ, every layer in one operation
                np.multiply(grad, eta, out=grad)
                np.subtract(flat, grad, out=flat)
            else:
                if epochs:
                    self._undo_overflow(before, diverged, epochs - 1)
        if not bce:
            cost *= 0.5
        cost = cost.reshape(epochs, R).T.copy()
        for r, e in diverged.items():
            cost[r, e + 1 :] = np.nan
        return cost, diverged

    def _undo_overflow(self, before, diverged, epoch):
        """Reset runs whose parameters overflowed in the last update; record them."""
        if not self.stacked:
            if not np.all(np.isfinite(self.flat)):
                self.flat[:] = before
                diverged[0] = epoch
            return
        finite = np.ones(self.runs, dtype=bool)
        for t in self.T:
            finite &= np.isfinite(t).all(axis=(1, 2))
        bad = np.flatnonzero(~finite)
        if len(bad):
            for t, b in zip(self.T, self._views(before)):
                t[bad] = b[bad]
            diverged.update((int(r), epoch) for r in bad if int(r) not in diverged)

    def _views(self, flat):
        """Views of another flat vector with the shapes of self.T."""
        out, start = [], 0
        for t in self.T:
            out.append(flat[start : start + t.size].reshape(t.shape))
            start += t.size
        return out
