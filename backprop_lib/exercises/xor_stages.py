"""The four stages of notebook 04's exercise 1, each checked layer by layer against the library.

Every stage check returns None when the stage is right, or one line naming the first wrong
layer in the article's 1-based numbering, with the slip when it is a foreseeable one and the
shape or formula expected otherwise. The code's lists are 0-based: a[l] is the article's
a^(l+1), thetas[l] is Θ^(l+1) and delta[l] is δ^(l+1).
"""

from types import SimpleNamespace

import numpy as np

from ..activations import sigmoid
from . import CheckResult
from .answers import first_slip, read_array, shown
from .xor_calls import STAGE_SECONDS, raised_message, student, watched
from .xor_slips import (
    A_SLIPS,
    GRADIENT_SLIPS,
    HIDDEN_DELTA_SLIPS,
    OUTPUT_DELTA_SLIPS,
    UPDATE_SLIPS,
    Z_SLIPS,
)

LOOP_LAYERS = [2, 2, 2, 1]  # the training-loop exercise's network: the article's
STILL_NONE = "is still None"


def same_array(given, candidate):
    """Whether two arrays have one shape and agree to 1e-7 (relative); False on NaN."""
    with np.errstate(all="ignore"):
        candidate = np.asarray(candidate, dtype=float)
        return (
            given.shape == candidate.shape
            and bool(np.all(np.isfinite(candidate)))
            and bool(np.allclose(given, candidate, rtol=1e-7, atol=1e-10))
        )


def _entries(stage, name, value, count):
    """`value` as a list of `count` entries (a list or tuple), or a problem message."""
    if isinstance(value, np.ndarray) and value.dtype == object and value.ndim == 1:
        value = list(value)
    if not isinstance(value, (list, tuple)):
        return f"{stage}: {name} should be a list of {count} entries, got {shown(value)}"
    if len(value) == count - 1:
        return (
            f"{stage}: {name} has {count - 1} entries, expected {count}: put None first "
            f"({name}[0]) so that {name}[l] lines up with a[l]"
        )
    if len(value) != count:
        return f"{stage}: {name} should be a list of {count} entries, got {len(value)}"
    return list(value)


def _layer(name, l):
    """How a message names the code's name[l]: the article's 1-based symbol with the list entry."""
    symbol = {"z": "z", "a": "a", "delta": "δ"}[name]
    return f"{symbol}^({l + 1}) ({name}[{l}])"


def _read(stage, name, l, value, shape, lead=""):
    """One array of a stage's answer, read; or a problem message naming stage and layer."""
    if value is None:
        return f"{stage}: {_layer(name, l)} {STILL_NONE}"
    got = read_array(value, f"{name}[{l}]", shape)
    if isinstance(got, CheckResult):
        arr = np.asarray(value, dtype=object) if not isinstance(value, np.ndarray) else value
        if name in ("a", "z") and arr.shape == (shape[0], shape[1] + 1):
            return (
                f"{stage}: {_layer(name, l)} has a column of ones: keep {name}[l] to the "
                f"{shape[1]} units; the bias column goes in only inside the product"
            )
        if name == "delta" and arr.shape == (shape[0], shape[1] + 1):
            return (
                f"{stage}: {_layer(name, l)} has {shape[1] + 1} columns, one too many: drop "
                f"the bias column of Θ (Θ[:, 1:], the weights W) in eq. (16)"
            )
        return f"{stage}: {got.message}"
    return got


def check_forward(forward, thetas, X, seconds=STAGE_SECONDS):
    """The forward stage's problems, layer by layer; each layer judged from the student's own
    previous layer, so only the first wrong layer is blamed."""
    stage = "forward pass"
    L = len(thetas)
    log = []
    out, error = student(forward, *watched(log, thetas=thetas), X.copy(), seconds=seconds)
    if error is not None:
        return [raised_message(stage, error, log)]
    if out is None:
        return [f"{stage}: forward returned None; it should return z, a"]
    if not isinstance(out, (list, tuple)) or len(out) != 2:
        return [f"{stage}: forward should return two lists, z, a; got {shown(out)}"]
    z, a = (_entries(stage, name, v, L + 1) for name, v in zip("za", out))
    problems = [p for p in (z, a) if isinstance(p, str)]
    if problems:
        return problems
    prev = X
    for l in range(1, L + 1):
        theta, m, n = thetas[l - 1], len(X), LOOP_LAYERS[l]
        b, W = theta[:, 0], theta[:, 1:]
        zl = _read(stage, "z", l, z[l], (m, n))
        if isinstance(zl, str):
            return [zl]
        v = SimpleNamespace(prev=prev, theta=theta, W=W, b=b)
        if not same_array(zl, prev @ W.T + b):
            text = (
                first_slip(zl, Z_SLIPS, same_array, v)
                or "is not [1, a] Θᵀ of the layer below (eq. 6)"
            )
            return [f"{stage}, layer {l + 1}: {_layer('z', l)} {text}"]
        al = _read(stage, "a", l, a[l], (m, n))
        if isinstance(al, str):
            return [al]
        if not same_array(al, sigmoid(zl)):
            text = (
                first_slip(al, A_SLIPS, same_array, SimpleNamespace(z=zl))
                or "is not σ(z) of its layer"
            )
            return [f"{stage}, layer {l + 1}: {_layer('a', l)} {text}"]
        prev = al
    a_in = _read(stage, "a", 0, a[0], X.shape)
    if isinstance(a_in, str) or not same_array(a_in, X):
        return [f"{stage}: a[0] should be the input X itself, the article's a^(1) = x"]
    return []


def check_backward(backward, thetas, a, y, loss, right, seconds=STAGE_SECONDS):
    """The backward stage's problems for one loss, each layer judged from the student's own
    δ of the layer above."""
    stage = f"backward pass (loss={loss!r})"
    L = len(thetas)
    log = []
    out, error = student(
        backward, *watched(log, thetas=thetas, a=a), y.copy(), loss, seconds=seconds
    )
    if error is not None:
        return [raised_message(stage, error, log)]
    if out is None:
        return [f"{stage}: backward returned None; it should return the list delta"]
    delta = _entries(stage, "delta", out, L + 1)
    if isinstance(delta, str):
        return [delta]
    m, y_hat = len(y), a[L]
    dL = _read(stage, "delta", L, delta[L], y.shape)
    if isinstance(dL, str):
        return [dL]
    where = f"{stage}, layer {L + 1}: {_layer('delta', L)}"
    if not same_array(dL, right[L]):
        v = SimpleNamespace(y_hat=y_hat, y=y, right=right[L], m=m)
        slips = OUTPUT_DELTA_SLIPS[loss] + OUTPUT_DELTA_SLIPS["any"]
        return [f"{where} {first_slip(dL, slips, same_array, v) or 'is wrong (eq. 14)'}"]
    above = dL
    for l in range(L - 1, 0, -1):
        dl = _read(stage, "delta", l, delta[l], (m, LOOP_LAYERS[l]))
        if isinstance(dl, str):
            return [dl]
        theta, al = thetas[l], a[l]
        W, slope = theta[:, 1:], al * (1 - al)
        if not same_array(dl, (above @ W) * slope):
            v = SimpleNamespace(above=above, W=W, a=al, theta=theta)
            text = (
                first_slip(dl, HIDDEN_DELTA_SLIPS, same_array, v)
                or "is not (δ W) ⊙ a(1 − a), eq. (16)"
            )
            return [f"{stage}, layer {l + 1}: {_layer('delta', l)} {text}"]
        above = dl
    return []


def check_gradients(gradients, thetas, a, delta, right, seconds=STAGE_SECONDS):
    stage = "gradients"
    L = len(thetas)
    log = []
    out, error = student(gradients, *watched(log, a=a, delta=[None, *delta[1:]]), seconds=seconds)
    if error is not None:
        return [raised_message(stage, error, log)]
    if out is None:
        return [f"{stage}: gradients returned None; it should return a list of {L} arrays"]
    if isinstance(out, np.ndarray) and out.dtype == object:
        out = list(out)
    if not isinstance(out, (list, tuple)) or len(out) != L:
        return [f"{stage}: expected a list of {L} arrays, one per Θ, got {shown(out)}"]
    problems = []
    m = len(a[0])
    for l, (given, theta) in enumerate(zip(out, thetas)):
        name = f"{stage}, layer {l + 1}: ∂J/∂Θ^({l + 1})"
        n_out, n_in = theta.shape[0], theta.shape[1] - 1
        if given is None:
            problems.append(f"{name} {STILL_NONE}")
            continue
        arr = read_array(given, f"∂J/∂Θ^({l + 1})")
        if isinstance(arr, CheckResult):
            problems.append(f"{stage}: {arr.message}")
            continue
        d, prev = delta[l + 1], a[l]
        if arr.shape == (n_out, n_in):
            problems.append(
                f"{name} misses the bias column: column 0 is Σ δ over the samples "
                f"(the bias's input is 1)"
            )
            continue
        if arr.shape == (n_in + 1, n_out) and arr.shape != theta.shape:
            problems.append(
                f"{name} is transposed: it has Θ's shape {theta.shape}, one row per unit"
            )
            continue
        if arr.shape != theta.shape:
            problems.append(
                f"{name} has shape {arr.shape}; it should have Θ^({l + 1})'s shape {theta.shape}"
            )
            continue
        if same_array(arr, right[l]):
            continue
        v = SimpleNamespace(right=right[l], m=m, delta=d, a=prev)
        slip = first_slip(arr, GRADIENT_SLIPS, same_array, v)
        problems.append(f"{name} {slip or 'is not δ^(l+1)ᵀ [1, a^(l)] of eq. (17)'}")
    return problems


def check_update(update, thetas, grads, eta, seconds=STAGE_SECONDS):
    stage = "update"
    L = len(thetas)
    log = []
    out, error = student(update, *watched(log, thetas=thetas, grads=grads), eta, seconds=seconds)
    if error is not None:
        return [raised_message(stage, error, log)]
    if out is None:
        return [f"{stage}: update returned None; it should return the list of new Θ"]
    if isinstance(out, np.ndarray) and out.dtype == object:
        out = list(out)
    if not isinstance(out, (list, tuple)) or len(out) != L:
        return [f"{stage}: expected a list of {L} arrays, the new Θ^(l), got {shown(out)}"]
    problems = []
    for l, (given, theta, grad) in enumerate(zip(out, thetas, grads)):
        name = f"{stage}, layer {l + 1}: the new Θ^({l + 1})"
        if given is None:
            problems.append(f"{name} {STILL_NONE}")
            continue
        arr = read_array(given, f"Θ^({l + 1})", theta.shape)
        if isinstance(arr, CheckResult):
            problems.append(f"{stage}: {arr.message}")
            continue
        if same_array(arr, theta - eta * grad):
            continue
        v = SimpleNamespace(theta=theta, grad=grad, eta=eta)
        slip = first_slip(arr, UPDATE_SLIPS, same_array, v)
        problems.append(f"{name} {slip or 'is not Θ − η ∂J/∂Θ (eq. 12)'}")
    return problems
