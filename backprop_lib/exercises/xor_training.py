"""Checkers for notebook 04's exercises: one training step written by hand, its shapes, its stalls.

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong: which stage and which layer of the training loop, which
layer's ΔΘ, which input's ŷ. Layers are named as in the article, 1-based: the code's lists are
0-based, so a[l] is the article's a^(l+1), thetas[l] is Θ^(l+1) and delta[l] is δ^(l+1).
"""

import functools
import math
import warnings
from types import SimpleNamespace

import numpy as np
import sympy as sp

from ..activations import sigmoid
from ..data import xor
from ..network import Network
from ..studies.stall import stall_study
from . import CheckResult, not_answered, verdict
from .answers import digits_agreeing, read_array, read_number, shown, typed_close

LOOP_LAYERS = [2, 2, 2, 1]  # the training-loop exercise's network: the article's
LOOP_SEED = 3  # its Θ: U[0, 1) entries, so that every bias is non-zero
LOOP_ETA = 0.5
LOOP_EPOCHS = 200  # the student's loop, composed, is run this long against Network.fit
SHAPES_LAYERS = [2, 3, 2, 1]  # exercise 2's network
SHAPES_SAMPLES = 4
INPUT_NAMES = ("00", "01", "10", "11")
MERGED = (1, 2, 3)  # exercise 3: the hidden layer cannot tell 01, 10 and 11 apart
ZERO_TOL = 0.005  # a hand-typed 0 target: 0.00 to two decimals
FRACTION_SETUP = dict(eta=0.5, epochs=2000, seeds=range(256), init="uniform", loss="bce")

# -- exercise 1: forward pass, backward pass, gradients and update, written by hand -----------

STAGES = ("forward", "backward", "gradients", "update")
STAGE_NAMES = ("the forward pass", "the backward pass", "the gradients", "the update")
STILL_NONE = "is still None"


# Names whose use means a stage asks the library for its answer instead of computing it.
LIBRARY_NAMES = {
    "Network",
    "deltas",
    "predict",
    "train_many",
    "Descent",
    "output_delta",
    "seed_epoch",
}


def _library_names(fn):
    """The library names a function's code (nested functions included) refers to."""
    found, codes = set(), [getattr(fn, "__code__", None)]
    while codes:
        code = codes.pop()
        if code is None:
            continue
        found |= LIBRARY_NAMES & set(code.co_names)
        codes += [c for c in code.co_consts if hasattr(c, "co_names")]
    return found


def _quiet(fn, *args):
    """fn(*args) with NumPy's warnings silenced: (value, None), or (None, the exception)."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args), None
    except Exception as error:  # the student's code may raise anything
        return None, error


def _raised(stage, error):
    """The message for a student's function that raised: the stage and the exception's type."""
    text = shown(str(error), 80)
    hint = ""
    if isinstance(error, ValueError) and ("matmul" in str(error) or "shape" in str(error)):
        hint = "; check the shapes of each product: Θ is units × (1 + inputs)"
    return f"{stage}: your function raised {type(error).__name__} ({text}){hint}"


def _same(given, candidate):
    """Whether two arrays have one shape and agree to 1e-7 (relative); False on NaN."""
    with np.errstate(all="ignore"):
        candidate = np.asarray(candidate, dtype=float)
        return (
            given.shape == candidate.shape
            and bool(np.all(np.isfinite(candidate)))
            and bool(np.allclose(given, candidate, rtol=1e-7, atol=1e-10))
        )


def _first_match(given, slips, v):
    """The message of the first slip whose array `given` equals, or None.

    slips: a table of (message, make), make(v) computing the slipped array from the values v.
    """
    for message, make in slips:
        value, error = _quiet(make, v)
        if error is None and value is not None and _same(given, value):
            return message
    return None


# Foreseeable slips, stage by stage: (message, the slipped array computed from the values v).
Z_SLIPS = [
    ("misses the bias: add column 0 of Θ, the bias weights b", lambda v: v.prev @ v.W.T),
    ("uses W untransposed: z = b + a Wᵀ (Θ is units × inputs)", lambda v: v.prev @ v.W + v.b),
    (
        "takes the bias from the last column: the bias weights are column 0",
        lambda v: v.prev @ v.theta[:, :-1].T + v.theta[:, -1],
    ),
]
A_SLIPS = [
    ("equals z: apply σ, eq. (1)", lambda v: v.z),
    (
        "is σ'(z) = σ(1 − σ): the forward pass applies σ itself",
        lambda v: sigmoid(v.z) * (1 - sigmoid(v.z)),
    ),
]
OUTPUT_DELTA_SLIPS = {
    "mse": [
        (
            "is the article's ŷ − y, the error signal of cross-entropy; ½(ŷ − y)² on a sigmoid "
            "output keeps the factor σ'(z) = ŷ(1 − ŷ), eq. (14)",
            lambda v: v.y_hat - v.y,
        ),
        ("has σ where σ' belongs: multiply by ŷ(1 − ŷ)", lambda v: (v.y_hat - v.y) * v.y_hat),
    ],
    "bce": [
        (
            "has the factor ŷ(1 − ŷ) of ½(ŷ − y)²; for cross-entropy on a sigmoid output it "
            "cancels, leaving ŷ − y",
            lambda v: (v.y_hat - v.y) * v.y_hat * (1 - v.y_hat),
        ),
    ],
    "any": [
        ("has the wrong sign: eq. (14) starts from ŷ − y, not y − ŷ", lambda v: -v.right),
        ("is averaged over the samples: δ is per sample, with no 1/m", lambda v: v.right / v.m),
    ],
}
HIDDEN_DELTA_SLIPS = [
    (
        "has σ where σ' belongs: multiply by σ'(z) = a(1 − a), eq. (5)",
        lambda v: (v.above @ v.W) * v.a,
    ),
    (
        "applies σ' to a instead of z: σ'(z) is a(1 − a) from the stored a, eq. (5)",
        lambda v: (v.above @ v.W) * sigmoid(v.a) * (1 - sigmoid(v.a)),
    ),
    ("misses the factor σ'(z) = a(1 − a) of eq. (16)", lambda v: v.above @ v.W),
    (
        "uses W transposed: δ^(l) = (δ^(l+1) W) ⊙ a(1 − a)",
        lambda v: (v.above @ v.W.T) * v.a * (1 - v.a),
    ),
    (
        "drops the wrong column of Θ: the bias weights are column 0, keep Θ[:, 1:]",
        lambda v: (v.above @ v.theta[:, :-1]) * v.a * (1 - v.a),
    ),
]
GRADIENT_SLIPS = [
    ("is a mean where the article sums over the samples: drop the 1/m", lambda v: v.right / v.m),
    ("has the wrong sign: the −η belongs to the update", lambda v: -v.right),
    (
        "puts the bias gradient last: it is column 0, like Θ's bias weights",
        lambda v: np.hstack([v.delta.T @ v.a, v.delta.sum(axis=0)[:, None]]),
    ),
    ("is transposed (its shape happens to fit): δ^(l+1)ᵀ [1, a^(l)]", lambda v: v.right.T),
]
UPDATE_SLIPS = [
    ("climbs: it is Θ + η ∂J/∂Θ, and descent subtracts", lambda v: v.theta + v.eta * v.grad),
    ("misses η: Θ − η ∂J/∂Θ", lambda v: v.theta - v.grad),
    ("is only the change ΔΘ = −η ∂J/∂Θ: return Θ + ΔΘ", lambda v: -v.eta * v.grad),
]


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


def _check_forward(forward, thetas, X):
    """The forward stage's problems, layer by layer; each layer judged from the student's own
    previous layer, so only the first wrong layer is blamed."""
    stage = "forward pass"
    L = len(thetas)
    out, error = _quiet(forward, [t.copy() for t in thetas], X.copy())
    if error is not None:
        return [_raised(stage, error)]
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
        if not _same(zl, prev @ W.T + b):
            text = _first_match(zl, Z_SLIPS, v) or "is not [1, a] Θᵀ of the layer below (eq. 6)"
            return [f"{stage}, layer {l + 1}: {_layer('z', l)} {text}"]
        al = _read(stage, "a", l, a[l], (m, n))
        if isinstance(al, str):
            return [al]
        if not _same(al, sigmoid(zl)):
            text = _first_match(al, A_SLIPS, SimpleNamespace(z=zl)) or "is not σ(z) of its layer"
            return [f"{stage}, layer {l + 1}: {_layer('a', l)} {text}"]
        prev = al
    a_in = _read(stage, "a", 0, a[0], X.shape)
    if isinstance(a_in, str) or not _same(a_in, X):
        return [f"{stage}: a[0] should be the input X itself, the article's a^(1) = x"]
    return []


def _check_backward(backward, thetas, a, y, loss, right):
    """The backward stage's problems for one loss, each layer judged from the student's own
    δ of the layer above."""
    stage = f"backward pass (loss={loss!r})"
    L = len(thetas)
    out, error = _quiet(backward, [t.copy() for t in thetas], [v.copy() for v in a], y.copy(), loss)
    if error is not None:
        return [_raised(stage, error)]
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
    if not _same(dL, right[L]):
        v = SimpleNamespace(y_hat=y_hat, y=y, right=right[L], m=m)
        slips = OUTPUT_DELTA_SLIPS[loss] + OUTPUT_DELTA_SLIPS["any"]
        return [f"{where} {_first_match(dL, slips, v) or 'is wrong (eq. 14)'}"]
    above = dL
    for l in range(L - 1, 0, -1):
        dl = _read(stage, "delta", l, delta[l], (m, LOOP_LAYERS[l]))
        if isinstance(dl, str):
            return [dl]
        theta, al = thetas[l], a[l]
        W, slope = theta[:, 1:], al * (1 - al)
        if not _same(dl, (above @ W) * slope):
            v = SimpleNamespace(above=above, W=W, a=al, theta=theta)
            text = _first_match(dl, HIDDEN_DELTA_SLIPS, v) or "is not (δ W) ⊙ a(1 − a), eq. (16)"
            return [f"{stage}, layer {l + 1}: {_layer('delta', l)} {text}"]
        above = dl
    return []


def _check_gradients(gradients, thetas, a, delta, right):
    stage = "gradients"
    L = len(thetas)
    out, error = _quiet(gradients, [v.copy() for v in a], [None] + [d.copy() for d in delta[1:]])
    if error is not None:
        return [_raised(stage, error)]
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
        if _same(arr, right[l]):
            continue
        v = SimpleNamespace(right=right[l], m=m, delta=d, a=prev)
        slip = _first_match(arr, GRADIENT_SLIPS, v)
        problems.append(f"{name} {slip or 'is not δ^(l+1)ᵀ [1, a^(l)] of eq. (17)'}")
    return problems


def _check_update(update, thetas, grads, eta):
    stage = "update"
    L = len(thetas)
    out, error = _quiet(update, [t.copy() for t in thetas], [g.copy() for g in grads], eta)
    if error is not None:
        return [_raised(stage, error)]
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
        if _same(arr, theta - eta * grad):
            continue
        v = SimpleNamespace(theta=theta, grad=grad, eta=eta)
        slip = _first_match(arr, UPDATE_SLIPS, v)
        problems.append(f"{name} {slip or 'is not Θ − η ∂J/∂Θ (eq. 12)'}")
    return problems


def check_training_loop(forward, backward, gradients, update):
    """Exercise 1: one training step of the [2, 2, 2, 1] net, stage by stage, in plain NumPy.

    Each stage is run on the same Θ and XOR data and compared with the library:
      forward(thetas, X) -> z, a            with Network.forward (eq. 6)
      backward(thetas, a, y, loss) -> delta with Network.deltas, for loss "bce" and "mse"
                                            (eqs. 14-16)
      gradients(a, delta) -> grads          with Network.gradients (eq. 17 without −η)
      update(thetas, grads, eta) -> thetas  with Θ − η ∂J/∂Θ (eq. 12)
    Lists are 0-based as in Network (z[0] and delta[0] are None). Every stage is given the
    library's right inputs, so a mistake in one stage is not blamed on the next. When all four
    are right, LOOP_EPOCHS epochs of the student's loop must land where Network.fit does.
    Inputs: the four functions (or None). Returns: CheckResult naming each wrong stage and
    its 1-based (article) layer, with the slip when it is a known one; never raises.
    """
    functions = (forward, backward, gradients, update)
    if all(f is None for f in functions):
        return not_answered("the four functions forward, backward, gradients and update")
    for stage, fn in zip(STAGES, functions):
        if not callable(fn):
            return CheckResult(False, f"{stage}: expected a function, got {shown(fn)}")
        used = _library_names(fn)
        if used:
            return CheckResult(
                False,
                f"{stage}: write it in plain NumPy; it uses {', '.join(sorted(used))} from "
                f"the library, whose answers it is checked against",
            )
    X, y = xor()
    nets = {
        loss: Network(LOOP_LAYERS, loss=loss, seed=LOOP_SEED, init="uniform")
        for loss in ("bce", "mse")
    }
    thetas = nets["bce"].thetas
    fwd = nets["bce"].forward(X)
    found = [_check_forward(forward, thetas, X)]
    found.append(
        [
            p
            for loss, net in nets.items()
            for p in _check_backward(backward, thetas, fwd.a, y, loss, net.deltas(X, y))
        ]
    )
    grads = nets["bce"].gradients(X, y)
    found.append(_check_gradients(gradients, thetas, fwd.a, nets["bce"].deltas(X, y), grads))
    found.append(_check_update(update, thetas, grads, LOOP_ETA))
    problems = [p for stage in found for p in stage]
    if all(stage and all(p.endswith(STILL_NONE) for p in stage) for stage in found):
        return not_answered("your NumPy lines in forward, backward, gradients and update")
    if problems:
        done = [name for name, stage in zip(STAGE_NAMES, found) if not stage]
        result = verdict(problems, "")
        if done:
            return CheckResult(False, f"Right so far: {', '.join(done)}. " + result.message)
        return result
    trained, error = _quiet(_train, functions, thetas, X, y)
    reference = Network(LOOP_LAYERS, loss="bce", seed=LOOP_SEED, init="uniform")
    reference.fit(X, y, eta=LOOP_ETA, epochs=LOOP_EPOCHS)
    if error is not None:
        return CheckResult(False, f"Each stage is right, but {_raised('the loop', error)}")
    if not all(_same(np.asarray(t, dtype=float), r) for t, r in zip(trained, reference.thetas)):
        return CheckResult(
            False,
            f"Each stage is right once, but {LOOP_EPOCHS} epochs of your loop do not land where "
            f"Network.fit does: do your functions change their inputs in place?",
        )
    return CheckResult(
        True,
        f"Right: forward, δ, gradients and update agree with Network at every layer, and "
        f"{LOOP_EPOCHS} epochs of your loop land where Network.fit does.",
    )


def _train(functions, thetas, X, y):
    """LOOP_EPOCHS epochs of the student's loop (loss "bce"), from copies of thetas; each
    stage's output is made a list of float arrays, as a list of lists would be in NumPy code."""

    def arrays(values, skip_first=False):
        out = [np.asarray(v, dtype=float) for v in values[int(skip_first) :]]
        return [None] + out if skip_first else out

    forward, backward, gradients, update = functions
    thetas = [t.copy() for t in thetas]
    for _ in range(LOOP_EPOCHS):
        _, a = forward(thetas, X)
        a = arrays(a)
        delta = arrays(backward(thetas, a, y, "bce"), skip_first=True)
        thetas = arrays(update(thetas, arrays(gradients(a, delta)), LOOP_ETA))
    return thetas


# -- exercise 2: the shapes of eq. (17) --------------------------------------------------------


def check_update_shapes(shapes):
    """Exercise 2: the shapes of ΔΘ^(1), ΔΘ^(2), ΔΘ^(3) for a [2, 3, 2, 1] net on 4 samples.

    Inputs: shapes, three (rows, columns) pairs in layer order, as a list, tuple or array
    (or None). Returns: CheckResult naming each layer whose shape is wrong, and why.
    """
    if shapes is None:
        return not_answered("a list of three (rows, columns) tuples, one per ΔΘ^(l)")
    thetas = Network(SHAPES_LAYERS, seed=0).thetas
    if isinstance(shapes, sp.MatrixBase):
        shapes = shapes.tolist()
    if isinstance(shapes, np.ndarray) and shapes.ndim == 2:
        shapes = list(shapes)
    if not isinstance(shapes, (list, tuple)) or len(shapes) != len(thetas):
        return CheckResult(
            False, f"expected a list of {len(thetas)} (rows, columns) shapes, got {shown(shapes)}"
        )
    problems = []
    for l, (given, theta) in enumerate(zip(shapes, thetas), start=1):
        name = f"ΔΘ^({l})"
        pair = read_array(given, name, (2,), "a (rows, columns) pair of whole numbers")
        if isinstance(pair, CheckResult):
            problems.append(pair.message)
            continue
        if not np.all(pair == np.round(pair)) or np.any(pair < 0):
            problems.append(f"{name}: a shape is two whole numbers, got {shown(given)}")
            continue
        given = tuple(int(v) for v in pair)
        rows, cols = theta.shape
        n_in, n_out = SHAPES_LAYERS[l - 1], SHAPES_LAYERS[l]
        if given == (rows, cols):
            continue
        if given == (cols, rows):
            problems.append(f"{name} is transposed: δ^({l + 1})ᵀ A^({l}) has a row per unit")
        elif given == (n_out, n_in):
            problems.append(f"{name} misses the bias column: Θ^({l}) has {n_in} + 1 columns")
        elif SHAPES_SAMPLES in given:
            problems.append(f"{name} has a samples axis: eq. (17) sums over the {SHAPES_SAMPLES}")
        else:
            problems.append(f"{name} is wrong: it has the shape of Θ^({l})")
    return verdict(problems, "Right: every ΔΘ^(l) has the shape of its Θ^(l), bias column first.")


# -- exercise 3: a stuck run's outputs, typed by hand -----------------------------------------


def check_merged_output(outputs):
    """Exercise 3: ŷ of a stuck run whose last hidden layer merges the inputs 01, 10 and 11.

    Hand-typed: each ŷ must be right to 3 significant digits (a 0 target to within 0.005).
    Inputs: outputs, four numbers, ŷ for the inputs 00, 01, 10, 11, as a list, tuple, array
    or SymPy Matrix (or None).
    Returns: CheckResult naming each input whose ŷ is wrong, and how many digits agree.
    """
    if outputs is None:
        return not_answered("a list of four numbers, ŷ for the inputs 00, 01, 10, 11")
    if isinstance(outputs, (np.ndarray, sp.MatrixBase)) and sorted(outputs.shape) == [1, 4]:
        outputs = list(outputs)  # a row or a column of four
    values = read_array(outputs, "outputs", (4,), "four numbers, ŷ for 00, 01, 10, 11")
    if isinstance(values, CheckResult):
        return values
    _, y = xor()
    targets = y.ravel()
    merged_mean = float(targets[list(MERGED)].mean())

    def near(value, right):
        return typed_close(value, right, atol=ZERO_TOL if right == 0 else 0.0)

    problems = []
    for i, (value, name) in enumerate(zip(values, INPUT_NAMES)):
        right = merged_mean if i in MERGED else float(targets[i])
        if near(value, right):
            continue
        if i in MERGED and near(value, targets[i]):
            problems.append(
                f"ŷ for {name} cannot reach its own target: its hidden values are those of the "
                f"other merged inputs, so all three share one output"
            )
        elif i in MERGED and near(value, 0.5):
            problems.append(
                f"ŷ for {name}: three inputs are merged, not two; average their targets"
            )
        elif i in MERGED and digits_agreeing(value, right):
            problems.append(
                f"ŷ for {name} agrees with the right value to {digits_agreeing(value, right)} "
                f"significant digit(s); give 3"
            )
        elif i in MERGED:
            problems.append(f"ŷ for {name}: the cost is smallest at the mean target of the group")
        else:
            problems.append(f"ŷ for {name}: it is not merged, so it can reach its own target")
    return verdict(problems, "Right: 00 gets its target 0; the merged three share ⅔, their mean.")


# -- exercise 4: a share of runs, computed --------------------------------------------------


@functools.cache
def _right_fraction():
    """Exercise 4's answer, computed once per session (256 runs of 2000 epochs)."""
    X, y = xor()
    return stall_study([2, 2, 2, 1], X, y, **FRACTION_SETUP).fraction_solved


def check_fraction_solved(fraction):
    """Exercise 4: the share of the article's setup with η = 0.5 that solves XOR in 2000 epochs.

    Computed in code, so it must be right to half a run in 256 (0.6 / 256).
    Inputs: fraction, a number in [0, 1] (or None). Returns: CheckResult saying whether the
    answer is too high, too low, a percentage, or right.
    """
    if fraction is None:
        return not_answered("the fraction of the 256 runs that solve XOR, a number in [0, 1]")
    value = read_number(fraction, "fraction", "a number in [0, 1]")
    if isinstance(value, CheckResult):
        return value
    right = _right_fraction()
    tol = 0.6 / 256
    if 1 < value <= 100 and math.isclose(value / 100, right, abs_tol=tol):
        return CheckResult(False, "That is a percentage: give the fraction, between 0 and 1.")
    if not 0 <= value <= 1:
        return CheckResult(
            False, f"fraction: expected a number between 0 and 1, got {shown(fraction)}"
        )
    if math.isclose(value, right, abs_tol=tol):
        return CheckResult(True, f"Right: {right:.1%} of the runs solve XOR with η = 0.5.")
    side = "high" if value > right else "low"
    return CheckResult(
        False,
        f"The fraction is too {side}: use stall_study with eta=0.5, epochs=2000, seeds "
        f"range(256), init='uniform', loss='bce', and its fraction_solved.",
    )
