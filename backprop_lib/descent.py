"""The same loop as Network.readable_fit, made fast: it runs Network.fit and train_many.

Network.readable_fit is the training loop to read: eqs. (6), (13)–(17) in plain NumPy, one
batch at a time. This module runs the same steps vectorised, trading readability for speed
as explained below; tests hold the two equal.
"""

import math

import numpy as np

from .divergence import new_failures, out_of_range, range_cause
from .epochs import RECORDS, LaterCosts, Shuffled, history
from .kernels import Pass, blas_threads_for, in_place, output_kernel
from .optimisers import no_step, step_for
from .validation import MAX_MAGNITUDE, check_choice

# Written for speed on small networks, where NumPy's per-call overhead, not arithmetic, is the
# cost: arrays preallocated and written with out=; samples along the LAST axis, the bias a row of
# ones on top of each activation matrix (the article's bias column, transposed), so one matmul
# gives z = Θ [1; a] and one ∂J/∂Θ with its bias column; σ' from the stored activations (eq. 5);
# all parameters in one flat vector updated by one subtraction. The same loop trains one network
# (2-D arrays) or R of one shape (3-D, batched matmuls), so train_many and fit agree. The body is
# closures over one set of arrays (Pass, per batch size); mini-batches are views of one shuffled
# copy per epoch (Shuffled); unchecked "ce" batches take ŷ without softmax's max shift, keep
# z^(L) and get their J once per epoch (LaterCosts, which also checks the unshifted sums' range),
# and with plain steps carry η in δ^(L) (no separate step), in _epochs' lean loop.


class Descent:
    """Gradient descent, eqs. (6), (13)–(17), for one network or R of one shape; full batch or
    mini-batches. Inputs: net, for its layers, hidden, output, loss and reduction; thetas, a
    list of Θ^(l) shaped (n_out, n_in + 1) for one network or (R, n_out, n_in + 1) for R stacked
    networks (copied: the caller's arrays are never changed); X (m, layers[0]) and y (m,
    layers[-1]), validated (y one-hot for "ce")."""

    def __init__(self, net, thetas, X, y):
        self.layers = layers = net.layers
        L, self.stacked = len(layers) - 1, np.ndim(thetas[0]) == 3
        self.runs = len(thetas[0]) if self.stacked else 1
        self.lead = (self.runs,) if self.stacked else ()
        self.mm = np.matmul if self.stacked else np.dot
        self.flat = np.concatenate([np.asarray(t, dtype=float).ravel() for t in thetas])
        self.grad = np.empty_like(self.flat)
        shapes = [self.lead + (n_out, n_in + 1) for n_in, n_out in zip(layers, layers[1:])]
        bounds = np.cumsum([0] + [int(np.prod(s)) for s in shapes])
        self._slices = list(zip(bounds, bounds[1:], shapes))
        self.T, self.G = self._views(self.flat), self._views(self.grad)
        # The first layer's input is shared, so all runs' Θ^(1) form one 2-D matmul.
        self.T0, self.G0 = (v[0].reshape(-1, layers[0] + 1) for v in (self.T, self.G))
        self.WT = [None] + [t[..., 1:].mT for t in self.T[1:]]  # Θ^(l) without bias, transposed
        self.names = names = [net.hidden] * (L - 1) + [net.output]
        self.f, self.times_prime = zip((None, None), *(in_place(name) for name in names))
        self.loss, self.reduction, self.l2 = net.loss, net.reduction, getattr(net, "l2", 0.0)
        self.m, self.X, self.y = X.shape[0], X, y
        self.full = Pass(layers, self.lead, self.m)
        self.full.load(X, y)

    def thetas(self):
        """The current Θ^(l), copied: a list of arrays (one network) or R lists (stacked)."""
        if not self.stacked:
            return [t.copy() for t in self.T]
        return [[t[r].copy() for t in self.T] for r in range(self.runs)]

    def _kernels(self, p, delta=True, eta=None):
        """The loop body over p's arrays, the samples given as A0 = [1; xᵀ] (n_0 + 1, m), A0ᵀ and
        −Y (n_L, m): forward(A0), eq. (6); output(c, minus_Y), J into c (without the ½ of "mse"
        and 1/m of "mean", applied later) and, if delta, δ^(L), eq. (14) (times 1/m for "mean");
        later, output leaving J unfinished (kernels.output_kernel); backward(A0ᵀ), eqs. (15)–
        (17), ∂J/∂Θ (times eta if given: the step, eq. 12) into self.grad; forward_into(A0, z_L),
        forward writing z^(L) into z_L."""
        L, mm, m, A, a, Z, D, tmp = len(self.T), self.mm, p.m, p.A, p.a, p.Z, p.D, p.tmp
        T0, G0, Z1, D1 = self.T0, self.G0, Z[1].reshape(-1, m), D[1].reshape(-1, m)
        k = (1.0 if self.reduction == "sum" else 1.0 / m) * (1.0 if eta is None else eta)
        scale = None if eta is None and self.reduction == "sum" else np.array(k)
        output, later = output_kernel(self.loss, self.names[-1], p, scale, delta)
        # a^(l) = f(z^(l)), then z^(l+1) = Θ^(l) [1; a^(l)], for each hidden layer l
        hidden = [(self.f[l], Z[l], a[l], self.T[l], A[l], Z[l + 1]) for l in range(1, L)]
        backward = [
            (self.G[l], D[l + 1], A[l].mT, self.WT[l], D[l], a[l], tmp[l], self.times_prime[l])
            for l in range(L - 1, 0, -1)
        ]

        def forward(A0):
            np.dot(T0, A0, out=Z1)
            for f_l, z, a_l, theta, A_l, z_next in hidden:
                f_l(z, a_l)
                mm(theta, A_l, out=z_next)

        def forward_into(A0, z_L):  # the same, z^(L) written into z_L
            np.dot(T0, A0, out=Z1 if L > 1 else z_L.reshape(-1, m))
            for f_l, z, a_l, theta, A_l, z_next in hidden:
                f_l(z, a_l)
                mm(theta, A_l, out=z_next if z_next is not Z[L] else z_L)

        def backward_pass(A0T):
            # eqs. (15)-(17): ∂J/∂Θ^(l) = δ^(l+1) [1; a^(l)]ᵀ, δ^(l) = (Θ^(l)ᵀ δ^(l+1)) ⊙ f'
            for G_l, delta, A_lT, W_lT, delta_prev, a_l, tmp_l, times_prime_l in backward:
                mm(delta, A_lT, out=G_l)
                mm(W_lT, delta, out=delta_prev)  # eq. (16), the bias row dropped
                times_prime_l(delta_prev, a_l, tmp_l)
            np.dot(D1, A0T, out=G0)

        return forward, output, later, backward_pass, forward_into

    def run(
        self,
        eta,
        epochs,
        freeze=False,
        watch=None,
        batch_size=None,
        order=None,
        rule=None,
        record=None,
    ):
        """Train for `epochs` epochs at learning rate eta; the data were given to __init__.

        batch_size None (or ≥ m): one full-batch update per epoch. Otherwise each epoch takes
        the samples in the order order.permutation(m) (order: a np.random.Generator) and makes
        one update per slice of batch_size samples. rule: see optimisers.step_for (None:
        eq. 12). record: one of epochs.RECORDS (default "whole_set"; "batches" takes no J over
        the whole set, so a watch needs "whole_set").
        A run diverges at epoch e when J over the whole set, or J of one of its mini-batches,
        stops being finite, or an update of epoch e would put a parameter beyond ±MAX_MAGNITUDE
        (or make it NaN); its Θ is then put back as at the start of epoch e. freeze=False: stop
        every run there and return. freeze=True (stacked only): freeze the diverged runs (their
        cost is nan after e) and carry on with the others.
        watch: None, or a function called as watch(epoch, y_hat) after each forward pass over
        the whole set, with y_hat = a^(L) at the start of that epoch, (…, n_L, m) (samples along
        the last axis). Calling run again continues from where the last call stopped.
        Returns: Run(cost, batch_cost, diverged).

        Checking every update's range costs ~5 % of a small net's epoch, so the loop runs
        unchecked and looks at the parameters at the end: if some left the range (or, unless
        frozen, a run diverged), it runs again from the same start, every update checked, to
        find the epoch and cause (with a watch, which must see each epoch once, it always
        checks); that run's result is the one returned.
        """
        m, b, full = self.m, batch_size, batch_size is None or batch_size >= self.m
        record = check_choice("record", "whole_set" if record is None else record, RECORDS)
        sizes = [m] if full else [b] * (m // b) + [m % b] * (m % b > 0)
        start, shuffle = self.flat.copy(), None if full else order.bit_generator.state
        with blas_threads_for(sizes[0], self.layers):  # small products: one thread
            for checked in [True] if watch is not None else [False, True]:
                cost, batch_cost, diverged = self._epochs(  # a fresh rule (and state) each try
                    step_for(eta, self, rule), epochs, freeze, watch, sizes, order, record, checked
                )
                if checked or not (out_of_range(self.flat) or diverged and not freeze):
                    break
                self.flat[:] = start  # find where (and why: J, or an update beyond the range)
                if shuffle is not None:
                    order.bit_generator.state = shuffle
        return history(cost, batch_cost, sizes, diverged, self.loss, self.reduction, record)

    def _epochs(self, step, epochs, freeze, watch, sizes, order, record, checked):
        """The training loop: each epoch, one update per batch of `sizes` samples (full batch:
        sizes == [m], every sample in order; its J is the whole set's). Mini-batches first take
        J over the whole set (record "whole_set"), then a fresh permutation; unless checked or
        frozen, their J are looked at (for "ce", finished: LaterCosts) once per epoch, a
        failure making run replay the run, checked. Returns: cost, batch_cost, diverged."""
        R, stacked, flat, grad, G = self.runs, self.stacked, self.flat, self.grad, self.G
        m, full, subtract = self.m, len(sizes) == 1 and sizes[0] == self.m, np.subtract
        whole = self.full.A[0], self.full.A[0].T, self.full.minus_Y
        each = checked or freeze or full  # J of each batch looked at before its update
        forward_w, output_w, _, backward_w, _ = self._kernels(self.full, delta=full)
        steps, lean, later = [(forward_w, output_w, backward_w, *whole)], [], None
        if not full:
            shuffled, eta, lean_ce = Shuffled(self.X, self.y, sizes), None, self.loss == "ce"
            if lean_ce and not each and step.eta is not None:  # the lean loop: η folded in δ
                eta, step = step.eta, no_step
            passes = {n: Pass(self.layers, self.lead, n) for n in set(sizes)}
            kernels = {n: self._kernels(p, True, eta) for n, p in passes.items()}
            steps = [(*kernels[n][:2], kernels[n][3], *v) for n, v in zip(sizes, shuffled.batches)]
            if lean_ce and not each:  # the lean loop below
                later = LaterCosts(self.lead, sizes, self.layers[-1])
                batches = zip(sizes, shuffled.batches, later.views)
                lean = [(kernels[n][4], *kernels[n][2:4], *v, *c) for n, v, c in batches]
                steps = []
        batch_cost = np.full((epochs, len(sizes), R, 1, 1), np.nan)
        cost = batch_cost[:, 0] if full else np.full((epochs, R, 1, 1), np.nan)
        flat_cost, by_epoch = cost.reshape(-1), batch_cost if stacked else batch_cost[:, :, 0]
        quick = full and R == 1  # its J is one number: math.isfinite, not a reduction
        isfinite, batch_watch = math.isfinite, watch if full else None
        whole_set_first = not full and record == "whole_set"  # J over the whole set, then batches
        plain, multiply = getattr(step, "eta", None), np.multiply  # plain: step(grad) = grad × η
        batch_failed = "the cost became {}" if full else "a mini-batch's cost became {}"
        start = rows = None  # full batch: no update of an epoch is made before its J is known
        diverged, dead = {}, None
        with np.errstate(all="ignore"):
            for epoch in range(epochs):
                costs = by_epoch[epoch]
                if whole_set_first:
                    c = cost[epoch] if stacked else cost[epoch, 0]
                    forward_w(whole[0])
                    output_w(c, whole[2])
                    if watch is not None:
                        watch(epoch, self.full.a[-1])
                    bad = new_failures(c, diverged, "the cost became {}")
                    if bad:
                        dead = self._put_back(None, bad, diverged, epoch, -1)
                        if not freeze:
                            break
                if not full:
                    if each:
                        start = flat.copy()  # to put a run back if it diverges in the epoch
                    rows = order.permutation(m)
                    shuffled.shuffle(rows)
                for forward, output, backward, A0, A0T, minus_Y, s, z in lean:
                    forward(A0, z)  # mini-batches, unchecked, "ce": J finished after the epoch
                    output(minus_Y, s, z)
                    backward(A0T)
                    if step is not no_step:  # η not already in the gradient
                        step(grad)
                    subtract(flat, grad, flat)
                if later is not None:
                    later.costs(costs, shuffled.blocks, shuffled.last)
                for j, (forward, output, backward, A0, A0T, minus_Y) in enumerate(steps):
                    bc = costs[j]
                    forward(A0)
                    output(bc, minus_Y)
                    if batch_watch is not None:
                        batch_watch(epoch, self.full.a[-1])
                    if each and not (quick and isfinite(flat_cost[epoch])):
                        bad = new_failures(bc, diverged, batch_failed)
                        if bad:
                            dead = self._put_back(start, bad, diverged, epoch, j - full)
                            if not freeze:
                                break
                    backward(A0T)
                    if dead is not None:
                        for G_l in G:
                            G_l[dead] = 0.0
                    # eq. (12): Θ ← Θ − η ∂J/∂Θ (or another rule), every layer in one operation
                    if plain is None:
                        step(grad)
                    else:  # step(grad) written out: one Python call fewer per batch
                        multiply(grad, plain, grad)
                    if checked:
                        dead = self._checked_update(start, diverged, epoch, j, dead)
                        if diverged and not freeze:
                            break
                    else:
                        subtract(flat, grad, flat)
                if not each and not np.isfinite(costs).all():  # run replays it, checked
                    j, r = np.argwhere(~np.isfinite(costs.reshape(len(sizes), R)))[0]
                    c = costs.reshape(len(sizes), R)[j, r]
                    diverged[int(r)] = (epoch, batch_failed.format(c), int(j))
                if diverged and not freeze:
                    break
        return cost, batch_cost, diverged

    def _checked_update(self, start, diverged, epoch, batch, dead):
        """Θ ← Θ − step (the step η ∂J/∂Θ is in self.grad), except for runs whose new Θ would
        have an entry beyond ±MAX_MAGNITUDE or NaN: those are recorded as diverged and put back
        (to `start`, a copy of flat from the start of the epoch, or left as they are when None)
        and frozen. Returns: the frozen runs (dead), updated."""
        new = np.subtract(self.flat, self.grad, out=self.grad)
        if not out_of_range(new):
            self.flat[:] = new
            return dead
        largest = np.zeros(self.runs)
        for theta in self._views(new):
            size = np.abs(theta).reshape(self.runs, -1).max(axis=1)
            largest = np.where(np.isnan(size) | (size > largest), size, largest)
        bad = {
            int(r): range_cause(largest[r])
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
        return self._put_back(start, bad, diverged, epoch, batch) if bad else dead

    def _put_back(self, start, bad, diverged, epoch, batch):
        """Record runs `bad` as diverged at (epoch, batch) and put their Θ back as at the start
        of the epoch (start: a copy of flat then; None in full-batch mode, where no update of
        the epoch has been made yet). Returns: the runs diverged so far, frozen from now on."""
        diverged.update((r, (epoch, cause, batch)) for r, cause in bad.items())
        if start is not None and not self.stacked:
            self.flat[:] = start
        elif start is not None:
            for t, s in zip(self.T, self._views(start)):
                t[sorted(bad)] = s[sorted(bad)]
        return np.array(sorted(diverged))

    def _views(self, flat):
        """Views of a flat vector (the parameters, the gradient) shaped as each Θ^(l)."""
        return [flat[i:j].reshape(shape) for i, j, shape in self._slices]
