"""The fast training loop behind Network.fit and train_many: eqs. (6), (13)–(17), vectorised.

The readable version of the same maths is Network._forward / Network._backward (used by
forward, deltas and gradients); tests hold the two equal. This module trades that
readability for speed, as explained below.
"""

import math
from collections import namedtuple

import numpy as np

from .activations import ACTIVATIONS
from .blas import blas_threads_for
from .optimisers import make_step
from .validation import MAX_MAGNITUDE

Run = namedtuple("Run", ["cost", "batch_cost", "diverged"])
Run.__doc__ = """What Descent.run returns.

cost: (R, epochs), J over the whole training set at the start of each epoch (nan after a run
diverged); batch_cost: (R, epochs, batches), J of each mini-batch just before its update (one
batch, equal to cost, for the full batch); diverged: {run index: (epoch, cause)}.
"""

# Σ θ² up to this (float64's largest number, MAX_MAGNITUDE²) means every |θ| ≤ MAX_MAGNITUDE;
# above it (or inf, NaN) the entries are looked at one by one.
_SQUARES_LIMIT = np.finfo(float).max


# -- the training loop ------------------------------------------------------------------------
#
# Written for speed on small networks, where NumPy's per-call overhead, not arithmetic, is the
# cost: every array is preallocated and written with out=; samples run along the LAST axis, so
# that the bias is a row of ones on top of each activation matrix (the article's bias column,
# transposed) and one matmul gives z = Θ [1; a] and one more ∂J/∂Θ with its bias column; σ' comes
# from the stored activations (eq. 5); all parameters live in one flat vector updated by a
# single subtraction. The same loop trains one network (2-D arrays) or R networks of one shape
# at once (3-D arrays with a leading runs axis, batched matmuls), so train_many and fit agree.
# The loop body is two closures over one set of arrays (_Pass): forward_cost and backward.
# Mini-batches get their own _Pass (one per batch size) sharing the same flat parameters.

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


def _range_cause(size):
    """Why an update that makes a parameter `size` (> MAX_MAGNITUDE, inf or NaN) diverged."""
    if np.isnan(size):
        return "an update made a parameter NaN"
    if np.isinf(size):
        return "an update overflowed a parameter to inf"
    return (
        f"an update would make a parameter {size:.2g}, beyond ±{MAX_MAGNITUDE:.2g} "
        f"(where its square overflows float64)"
    )


class _Pass:
    """The arrays that one forward and backward pass over m samples writes into.

    Samples are columns: A[l] = [1; a^(l)] is (…, n_l + 1, m), its first row the bias ones (the
    output layer has no bias row); Z, D (δ) and tmp are (…, n_l, m); Y is (n_L, m). The input
    A[0] is 2-D even for R stacked runs: every run sees the same samples.
    """

    def __init__(self, layers, lead, m):
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


class Descent:
    """Gradient descent, eqs. (6), (13)–(17), for one network or R of one shape; full batch or
    mini-batches.

    Inputs: net, for its layers, hidden, output, loss and reduction; thetas, a list of Θ^(l)
    shaped (n_out, n_in + 1) for one network or (R, n_out, n_in + 1) for R stacked networks
    (copied: the caller's arrays are never changed); X (m, layers[0]) and y (m, layers[-1]),
    validated (y one-hot for "ce").
    """

    def __init__(self, net, thetas, X, y):
        self.layers = layers = net.layers
        L = len(layers) - 1
        self.stacked = np.ndim(thetas[0]) == 3
        self.runs = len(thetas[0]) if self.stacked else 1
        self.lead = (self.runs,) if self.stacked else ()
        self.mm = np.matmul if self.stacked else np.dot
        self.flat = np.concatenate([np.asarray(t, dtype=float).ravel() for t in thetas])
        self.grad = np.empty_like(self.flat)
        shapes = [self.lead + (n_out, n_in + 1) for n_in, n_out in zip(layers, layers[1:])]
        bounds = np.cumsum([0] + [int(np.prod(s)) for s in shapes])
        self.T = [self.flat[i:j].reshape(s) for i, j, s in zip(bounds, bounds[1:], shapes)]
        self.G = [self.grad[i:j].reshape(s) for i, j, s in zip(bounds, bounds[1:], shapes)]
        # The first layer's input is shared, so all runs' Θ^(1) form one 2-D matmul.
        self.T0 = self.T[0].reshape(-1, layers[0] + 1)
        self.G0 = self.G[0].reshape(-1, layers[0] + 1)
        self.WT = [None] + [t[..., 1:].mT for t in self.T[1:]]  # Θ^(l) without bias, transposed
        names = [net.hidden] * (L - 1) + [net.output]
        self.f = [None] + [in_place(name)[0] for name in names]
        self.times_prime = [None] + [in_place(name)[1] for name in names]
        self.loss, self.reduction = net.loss, net.reduction
        self.m = X.shape[0]
        self.XT, self.YT = np.ascontiguousarray(X.T), np.ascontiguousarray(y.T)
        self.full = _Pass(layers, self.lead, self.m)
        self.full.load(self.XT, self.YT)
        # L2 weight decay, eqs. (31)-(32), and the update rule (optimisers.make_step): Network.fit
        # sets `rule`; the default is the article's plain step.
        self.l2 = getattr(net, "l2", 0.0)
        self.decay = None
        if self.l2:
            self.decay = np.zeros_like(self.flat)
            for d in self._views(self.decay):
                d[..., 1:] = self.l2
        self.rule = dict(momentum=0.0, optimizer="sgd")

    def thetas(self):
        """The current Θ^(l), copied: a list of arrays (one network) or R lists (stacked)."""
        if not self.stacked:
            return [t.copy() for t in self.T]
        return [[t[r].copy() for t in self.T] for r in range(self.runs)]

    def _kernels(self, p, watch=None):
        """The loop body over the samples loaded in pass p: forward_cost(epoch, c), backward().

        forward_cost: eq. (6) layer by layer, J into c (without its constant factor: the ½ of
        "mse" and the 1/m of "mean" are applied to the whole history afterwards), and δ^(L),
        eq. (14), times 1/m for "mean". backward: eqs. (15)–(17), ∂J/∂Θ into self.grad.
        watch, if given, is called as watch(epoch, y_hat) after each forward pass.
        """
        L, mm, f, times_prime, lead = len(self.T), self.mm, self.f, self.times_prime, self.lead
        A, a, Z, D, tmp, Y, m = p.A, p.a, p.Z, p.D, p.tmp, p.Y, p.m
        T0, G0, A0, A0T = self.T0, self.G0, A[0], A[0].T
        Z1, D1, f1 = Z[1].reshape(-1, m), D[1].reshape(-1, m), f[1]
        zL, aL, dL, tL, yz = Z[L], a[L], D[L], tmp[L], np.empty_like(Z[L])
        D_row, tmp_row = dL.reshape(lead + (1, -1)), tL.reshape(lead + (1, -1))
        D_col, ones_col = D_row.mT, np.ones((self.layers[-1] * m, 1))
        loss, out_prime = self.loss, times_prime[L]
        scale = None if self.reduction == "sum" else np.array(1.0 / m)
        forward = [(self.T[l], A[l], Z[l + 1], f[l + 1], a[l + 1]) for l in range(1, L)]
        backward = [
            (self.G[l], D[l + 1], A[l].mT, self.WT[l], D[l], a[l], tmp[l], times_prime[l])
            for l in range(L - 1, 0, -1)
        ]

        def forward_cost(epoch, c):
            # forward pass, eq. (6): z^(l+1) = Θ^(l) [1; a^(l)], a^(l+1) = f(z^(l+1))
            np.dot(T0, A0, out=Z1)
            f1(Z[1], a[1])
            for theta, A_l, z, f_l, a_next in forward:
                mm(theta, A_l, out=z)
                f_l(z, a_next)
            if watch is not None:
                watch(epoch, aL)
            # J and δ^(L), eqs. (7) and (14)
            np.subtract(aL, Y, out=dL)
            if loss == "bce":  # Σ ln(1 + e^z) − y z; δ^(L) = ŷ − y, σ' cancelled
                np.logaddexp(_ZERO, zL, out=tL)
                np.multiply(Y, zL, out=yz)
                np.subtract(tL, yz, out=tL)
                mm(tmp_row, ones_col, out=c)
            elif loss == "ce":  # Σ [ln Σ_k e^(z_k) − Σ_k y_k z_k]; δ^(L) = ŷ − y
                top = zL.max(axis=-2, keepdims=True)
                np.subtract(zL, top, out=tL)
                np.exp(tL, out=tL)
                log_sum_exp = np.log(tL.sum(axis=-2, keepdims=True)) + top
                np.multiply(Y, zL, out=yz)
                np.sum(log_sum_exp - yz.sum(axis=-2, keepdims=True), axis=-1, keepdims=True, out=c)
            else:  # Σ (ŷ − y)², the ½ applied later; δ^(L) = (ŷ − y) ⊙ g'
                mm(D_row, D_col, out=c)
                out_prime(dL, aL, tL)
            if scale is not None:
                np.multiply(dL, scale, out=dL)

        def backward_pass():
            # eqs. (15)-(17): ∂J/∂Θ^(l) = δ^(l+1) [1; a^(l)]ᵀ, δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ f'
            for G_l, delta, A_lT, W_lT, delta_prev, a_l, tmp_l, times_prime_l in backward:
                mm(delta, A_lT, out=G_l)
                mm(W_lT, delta, out=delta_prev)  # eq. (16), the bias row dropped
                times_prime_l(delta_prev, a_l, tmp_l)
            np.dot(D1, A0T, out=G0)

        return forward_cost, backward_pass

    def run(self, eta, epochs, freeze=False, watch=None, batch_size=None, order=None):
        """Train for `epochs` epochs at learning rate eta; the data were given to __init__.

        batch_size None (or ≥ m): one full-batch update per epoch. Otherwise each epoch takes
        the samples in the order order.permutation(m) (order: a np.random.Generator) and makes
        one update per slice of batch_size samples.
        A run diverges at epoch e when J over the whole set, or J of one of its mini-batches,
        stops being finite, or an update of epoch e would put a parameter beyond ±MAX_MAGNITUDE
        (or make it NaN); its Θ is then put back as at the start of epoch e. freeze=False: stop
        every run there and return. freeze=True (stacked only): freeze the diverged runs (their
        cost is nan after e) and carry on with the others.
        watch: None, or a function called as watch(epoch, y_hat) after each forward pass over
        the whole set, with y_hat = a^(L) at the start of that epoch, (…, n_L, m) (samples along
        the last axis). Calling run again continues from where the last call stopped.
        Returns: Run(cost, batch_cost, diverged).

        Checking every update's range costs a reduction per step (~5 % of a small net's epoch),
        so the loop runs unchecked and looks at the parameters once, at the end (or where J
        failed): if some left the range, it runs again from the same start with every update
        checked, to find the epoch. With a watch, which must see each epoch once, it always
        checks. Either way the result is the same.
        """
        m, b = self.m, batch_size
        eta = np.array(eta)
        full = b is None or b >= m
        sizes = [m] if full else [b] * (m // b) + [m % b] * (m % b > 0)
        start, shuffle = self.flat.copy(), None if full else order.bit_generator.state
        with blas_threads_for(m if full else b, self.layers):  # small products: one thread
            return self._run(epochs, freeze, watch, full, sizes, order, start, shuffle, eta)

    def _run(self, epochs, freeze, watch, full, sizes, order, start, shuffle, eta):
        """Descent.run's loop, with its arguments checked and the BLAS threads set."""
        for checked in [True] if watch is not None else [False, True]:
            step = make_step(eta, self.flat, self.decay, **self.rule)  # fresh state each try
            if full:
                cost, diverged = self._full_batch(step, epochs, freeze, watch, checked)
                batch_cost = cost[:, None]
            else:
                cost, batch_cost, diverged = self._mini_batches(
                    step, epochs, freeze, watch, sizes, order, checked
                )
            if checked or not self._out_of_range(self.flat):
                break
            self.flat[:] = start  # some parameter left the range: find where, update by update
            if shuffle is not None:
                order.bit_generator.state = shuffle
        return self._history(cost, batch_cost, sizes, diverged)

    def _full_batch(self, step, epochs, freeze, watch, checked):
        """The article's loop: one update per epoch over every sample. Returns: cost, diverged."""
        R, stacked, flat, grad, G = self.runs, self.stacked, self.flat, self.grad, self.G
        forward_cost, backward = self._kernels(self.full, watch)
        cost = np.full((epochs, R, 1, 1), np.nan)
        flat_cost = cost.reshape(-1)
        diverged, dead = {}, None
        with np.errstate(all="ignore"):
            for epoch in range(epochs):
                c = cost[epoch] if stacked else cost[epoch, 0]
                forward_cost(epoch, c)
                if self.decay is not None:
                    self._add_penalty(c, self.m)
                if not (math.isfinite(flat_cost[epoch]) if R == 1 else np.isfinite(c).all()):
                    bad = self._new_failures(c, diverged, "the cost became {}")
                    if bad:
                        self._put_back(None, bad, diverged, epoch, -1)
                        if not freeze:
                            break
                        dead = np.array(sorted(diverged))
                backward()
                if dead is not None:
                    for G_l in G:
                        G_l[dead] = 0.0
                # eq. (12): Θ ← Θ − η ∂J/∂Θ, every layer in one operation (or another rule)
                step(grad)
                if checked:
                    dead = self._checked_update(None, diverged, epoch, 0, dead)
                    if diverged and not freeze:
                        break
                else:
                    np.subtract(flat, grad, out=flat)
        return cost, diverged

    def _mini_batches(self, step, epochs, freeze, watch, sizes, order, checked):
        """Mini-batch SGD: J over the whole set at each epoch's start (for the history and
        watch), then one update per batch of a fresh permutation. Returns: cost, batch_cost,
        diverged."""
        R, stacked, flat, grad, G = self.runs, self.stacked, self.flat, self.grad, self.G
        m, b = self.m, sizes[0]
        whole_cost = self._kernels(self.full, watch)[0]
        passes = {n: _Pass(self.layers, self.lead, n) for n in set(sizes)}
        kernels = {n: self._kernels(p) for n, p in passes.items()}
        cost = np.full((epochs, R, 1, 1), np.nan)
        batch_cost = np.full((epochs, len(sizes), R, 1, 1), np.nan)
        diverged, dead = {}, None
        with np.errstate(all="ignore"):
            for epoch in range(epochs):
                c = cost[epoch] if stacked else cost[epoch, 0]
                whole_cost(epoch, c)
                if self.decay is not None:
                    self._add_penalty(c, m)
                bad = self._new_failures(c, diverged, "the cost became {}")
                if bad:
                    self._put_back(None, bad, diverged, epoch, -1)
                    if not freeze:
                        break
                    dead = np.array(sorted(diverged))
                start = flat.copy()  # to put a run back if it diverges within the epoch
                rows = order.permutation(m)
                for j, n in enumerate(sizes):
                    passes[n].load(self.XT, self.YT, rows[j * b : j * b + n])
                    forward_cost, backward = kernels[n]
                    bc = batch_cost[epoch, j] if stacked else batch_cost[epoch, j, 0]
                    forward_cost(epoch, bc)
                    if self.decay is not None:
                        self._add_penalty(bc, n)
                    bad = self._new_failures(bc, diverged, "a mini-batch's cost became {}")
                    if bad:
                        self._put_back(start, bad, diverged, epoch, j)
                        if not freeze:
                            break
                        dead = np.array(sorted(diverged))
                    backward()
                    if dead is not None:
                        for G_l in G:
                            G_l[dead] = 0.0
                    step(grad)  # eq. (12), as in _full_batch
                    if checked:
                        dead = self._checked_update(start, diverged, epoch, j, dead)
                        if diverged and not freeze:
                            break
                    else:
                        np.subtract(flat, grad, out=flat)
                if diverged and not freeze:
                    break
        return cost, batch_cost, diverged

    def _new_failures(self, c, diverged, cause):
        """{run: cause} for runs not yet diverged whose cost in c is not finite."""
        values = c.ravel()
        if math.isfinite(values[0]) if self.runs == 1 else np.isfinite(values).all():
            return {}
        return {
            int(r): cause.format(values[r])
            for r in np.flatnonzero(~np.isfinite(values))
            if int(r) not in diverged
        }

    def _out_of_range(self, flat):
        """Whether some entry of the flat parameters lies beyond ±MAX_MAGNITUDE (or is NaN)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return (
                not np.dot(flat, flat) <= _SQUARES_LIMIT and not np.abs(flat).max() <= MAX_MAGNITUDE
            )

    def _checked_update(self, start, diverged, epoch, batch, dead):
        """Θ ← Θ − step (the step η ∂J/∂Θ is in self.grad), except for runs whose new Θ would
        have an entry beyond ±MAX_MAGNITUDE or NaN: those are recorded as diverged and put back
        (to `start`, a copy of flat from the start of the epoch, or left as they are when None)
        and frozen. Returns: the frozen runs (dead), updated."""
        new = np.subtract(self.flat, self.grad, out=self.grad)
        if not self._out_of_range(new):
            self.flat[:] = new
            return dead
        largest = np.zeros(self.runs)
        for theta in self._views(new):
            size = np.abs(theta).reshape(self.runs, -1).max(axis=1)
            largest = np.where(np.isnan(size) | (size > largest), size, largest)
        bad = {
            int(r): _range_cause(largest[r])
            for r in np.flatnonzero(~(largest <= MAX_MAGNITUDE))
            if int(r) not in diverged
        }
        keep = np.ones(self.runs, dtype=bool)
        keep[sorted(bad)] = False
        if dead is not None:
            keep[dead] = False
        for t, n in zip(self.T, self._views(new)):
            if self.stacked:
                t[keep] = n[keep]
            elif keep[0]:
                t[...] = n
        self._put_back(start, bad, diverged, epoch, batch)
        return np.array(sorted(diverged)) if bad else dead

    def _put_back(self, start, bad, diverged, epoch, batch):
        """Record runs `bad` as diverged at (epoch, batch) and put their Θ back as at the start
        of the epoch (start: a copy of flat then; None in full-batch mode, where no update of
        the epoch has been made yet)."""
        diverged.update((r, (epoch, cause, batch)) for r, cause in bad.items())
        if start is None:
            return
        if not self.stacked:
            self.flat[:] = start
            return
        runs = sorted(bad)
        for t, s in zip(self.T, self._views(start)):
            t[runs] = s[runs]

    def _factor(self, n):
        """The constant factor _history applies to a cost over n samples (½ of "mse", 1/n)."""
        half = 0.5 if self.loss == "mse" else 1.0
        return half / n if self.reduction == "mean" else half

    def _add_penalty(self, c, n):
        """c += (λ/2) Σ w² of each run, eq. (31), divided by the factor _history applies."""
        squares = sum((t[..., 1:] ** 2).reshape(self.runs, -1).sum(axis=1) for t in self.T)
        c += (0.5 * self.l2 * squares).reshape(c.shape) / self._factor(n)

    def _history(self, cost, batch_cost, sizes, diverged):
        """The recorded costs with their constant factors, as a Run; nan after divergence."""
        half = 0.5 if self.loss == "mse" else 1.0
        mean = self.reduction == "mean"
        if len(sizes) == 1:
            cost *= half / sizes[0] if mean else half
        else:
            cost *= half / self.m if mean else half
            for j, n in enumerate(sizes):
                batch_cost[:, j] *= half / n if mean else half
        cost = cost.reshape(-1, self.runs).T.copy()
        batch_cost = batch_cost.reshape(len(cost.T), len(sizes), self.runs).transpose(2, 0, 1)
        batch_cost = batch_cost.copy()
        for r, (e, _, j) in diverged.items():
            cost[r, e + 1 :] = np.nan
            batch_cost[r, e + 1 :] = np.nan
            batch_cost[r, e, j + 1 :] = np.nan
        return Run(cost, batch_cost, {r: (e, cause) for r, (e, cause, _) in diverged.items()})

    def _views(self, flat):
        """Views of another flat vector with the shapes of self.T."""
        out, start = [], 0
        for t in self.T:
            out.append(flat[start : start + t.size].reshape(t.shape))
            start += t.size
        return out
