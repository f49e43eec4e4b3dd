"""Checkers for notebook 09's exercises: the L2 gradient term, the momentum step, ∂z_k/∂x.

Exercise 1 is a 2 × 3 array typed to 3 significant digits; 2 and 3 are functions, run on fixed
inputs against optimisers.momentum_update and saliency.input_gradient. Slips are named by the
numbers they give."""

import numpy as np

from ..network import Network
from ..optimisers import momentum_update, weight_decay_gradient
from ..refusal import LibraryRefused
from ..saliency import input_gradient
from . import CheckResult, not_answered
from .answers import StudentTimeout, call_student, read_array, shown, typed_close

SECONDS = 10  # the longest a student's function may run (call_student's limit)
REFUSAL = "the library is switched off while your function runs: write it in plain NumPy"

# -- exercise 1: the gradient of J + (λ/2) Σ w², eq. (32) ----------------------------------

L2_THETA = np.array([[0.5, -1.0, 2.0], [-0.3, 0.4, -0.6]])  # column 0: the biases
L2_GRAD = np.array([[0.1, 0.2, -0.3], [0.05, -0.1, 0.15]])  # ∂J/∂Θ of the data term
L2_LAMBDA = 0.1


def l2_exercise():
    """Θ, the data term's ∂J/∂Θ and λ of exercise 1 (copies)."""
    return L2_THETA.copy(), L2_GRAD.copy(), L2_LAMBDA


def _close_all(given, right):
    return all(typed_close(g, r) for g, r in zip(given.ravel(), right.ravel()))


def check_l2_gradient(gradient):
    """Exercise 1: ∂/∂Θ of J + (λ/2) Σ w² at L2_THETA, L2_GRAD, L2_LAMBDA, eq. (32).

    Inputs: gradient, 2 × 3 numbers to 3 significant digits, or None. Returns: CheckResult
    naming a decayed bias, a lost ½ (2λW), a minus sign, a missing data term or a missing λ.
    """
    if gradient is None:
        return not_answered("a 2 × 3 array: ∂J/∂Θ with the L2 term, bias column first")
    given = read_array(gradient, "gradient", L2_THETA.shape, "∂J/∂Θ, shaped like Θ")
    if isinstance(given, CheckResult):
        return given
    decay = weight_decay_gradient(L2_THETA, L2_LAMBDA)
    right = L2_GRAD + decay
    if _close_all(given, right):
        return CheckResult(
            True,
            "∂J/∂Θ + λW, eq. (32): each weight gains λ times itself, and the bias column "
            "keeps the data term's gradient.",
        )
    W = L2_THETA.copy()
    W[:, 0] = 0.0
    slips = [
        (
            L2_GRAD + L2_LAMBDA * L2_THETA,
            "the biases (column 0) are decayed too; (31) sums w² "
            "over the weights only, so column 0 keeps ∂J/∂Θ alone",
        ),
        (L2_GRAD + 2 * L2_LAMBDA * W, "that is 2λW: the ½ in (λ/2) Σ w² cancels the 2 from w²"),
        (L2_GRAD - decay, "the sign: the penalty's gradient λW is added to ∂J/∂Θ"),
        (decay, "that is λW alone; add it to the data term's ∂J/∂Θ"),
        (L2_GRAD + W, "λ is missing: the term is λW with λ = 0.1"),
        (L2_GRAD, "that is the data term alone; (31) adds (λ/2) Σ w², whose gradient is λW"),
        (L2_GRAD + L2_LAMBDA * W**2, "that is λw²; differentiate (λ/2) w² with respect to w"),
        (L2_GRAD + 0.5 * L2_LAMBDA * W, "that is (λ/2)W: d/dw of (λ/2) w² is λw"),
    ]
    for slip, message in slips:
        if _close_all(given, slip):
            return CheckResult(False, f"gradient: {message}.")
    wrong = sum(not typed_close(g, r) for g, r in zip(given.ravel(), right.ravel()))
    return CheckResult(
        False, f"gradient: {wrong} of 6 entries are not ∂J/∂Θ + λW to 3 significant digits."
    )


# -- helpers for the function exercises -----------------------------------------------------


def _raised(name, error):
    if isinstance(error, (StudentTimeout, LibraryRefused)):  # ran too long, or asked the library
        return CheckResult(False, f"{name}: {error}")
    return CheckResult(
        False, f"{name}: your function raised {type(error).__name__} ({shown(str(error), 80)})"
    )


def _as_array(value, shape):
    """value as a float array of `shape`, or None."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array if array.shape == shape else None


def _same(given, candidate):
    with np.errstate(all="ignore"):
        return bool(np.isfinite(candidate).all() and np.allclose(given, candidate, 1e-7, 1e-10))


# -- exercise 2: one momentum step, eq. (33) ------------------------------------------------

MOMENTUM_ETA, MOMENTUM_BETA, MOMENTUM_STEPS = 0.1, 0.9, 4
MOMENTUM_THETA, *MOMENTUM_GRADS = np.random.default_rng(9).normal(size=(MOMENTUM_STEPS + 1, 2, 3))


def _trajectory(step):
    """The Θ after each of MOMENTUM_STEPS calls of step(theta, velocity, grad, eta, beta)."""
    theta, velocity, out = MOMENTUM_THETA.copy(), np.zeros((2, 3)), []
    for grad in MOMENTUM_GRADS:
        theta, velocity = step(theta, velocity, grad.copy(), MOMENTUM_ETA, MOMENTUM_BETA)
        out.append(np.array(theta, dtype=float))
    return np.array(out)


MOMENTUM_SLIPS = [
    (
        lambda th, v, g, eta, b: (th - eta * g, v),
        "that is the plain step Θ − η g: the velocity never builds up; return the new "
        "v = βv + g (so the next step sees it) and step by η v",
    ),
    (
        lambda th, v, g, eta, b: (th + eta * (b * v + g), b * v + g),
        "the sign: the step goes downhill, Θ ← Θ − η v",
    ),
    (
        lambda th, v, g, eta, b: (th - eta * (b * v + (1 - b) * g), b * v + (1 - b) * g),
        "that is the averaged form v ← βv + (1 − β)g; eq. (33) adds the whole gradient, v ← βv + g",
    ),
    (
        lambda th, v, g, eta, b: (th - eta * (v + b * g), v + b * g),
        "β multiplies the old velocity, not the gradient: v ← βv + g",
    ),
    (
        lambda th, v, g, eta, b: (th - eta * v, b * v + g),
        "the step uses the old velocity: update v first, then Θ ← Θ − η v with the new one",
    ),
]


def check_momentum_step(momentum_step):
    """Exercise 2: momentum_step(theta, velocity, grad, eta, beta) -> (theta, velocity), eq. (33).

    Run MOMENTUM_STEPS times from v = 0, each new Θ against the library's; v is the student's
    own (v ← βv − ηg, Θ ← Θ + v passes too). Returns: CheckResult naming the slip or step."""
    if momentum_step is None:
        return not_answered("your function momentum_step(theta, velocity, grad, eta, beta)")
    if not callable(momentum_step):
        return CheckResult(False, f"momentum_step: expected a function, got {shown(momentum_step)}")

    def pairs(theta, velocity, grad, eta, beta):
        result = momentum_step(theta, velocity, grad, eta, beta)
        if result is None:
            raise NotImplementedError  # the placeholder: not answered yet
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError(f"expected it to return (theta, velocity), got {shown(result, 60)}")
        if _as_array(result[0], (2, 3)) is None:
            raise TypeError(f"expected the new theta shaped (2, 3), got {shown(result[0], 60)}")
        return result

    given, error = call_student(_trajectory, pairs, seconds=SECONDS, refuse=REFUSAL)
    if isinstance(error, NotImplementedError):
        return CheckResult(False, "Not answered yet: momentum_step returns None; return (Θ, v).")
    if error is not None:
        if any(s in str(error) for s in ("return", "shaped")):
            return CheckResult(False, f"momentum_step: {error}")
        return _raised("momentum_step", error)
    right = _trajectory(momentum_update)
    if _same(given, right):
        return CheckResult(
            True,
            "v ← βv + g, Θ ← Θ − ηv, eq. (33): every step carries β times the last one's "
            "velocity, so steady gradients build up speed.",
        )
    for slip, message in MOMENTUM_SLIPS:
        if _same(given, _trajectory(slip)):
            return CheckResult(False, f"momentum_step: {message}.")
    first = next(i for i in range(MOMENTUM_STEPS) if not _same(given[i], right[i]))
    hint = " (the first step, from v = 0, is Θ − η g)" if first == 0 else ""
    return CheckResult(
        False, f"momentum_step: Θ after step {first + 1} of {MOMENTUM_STEPS} is not right{hint}."
    )


# -- exercise 3: ∂z_k/∂x, the δ recursion carried to the input, eq. (35) -------------------

SALIENCY_LAYERS = [4, 6, 5, 3]  # tanh hidden layers, softmax output
SALIENCY_CLASS = 2


def saliency_exercise():
    """The network, inputs X (3, 4) and their forward activations a of exercise 3."""
    net = Network(SALIENCY_LAYERS, hidden="tanh", output="softmax", loss="ce", seed=4)
    X = np.random.default_rng(5).random((3, SALIENCY_LAYERS[0]))
    return net, X, net.forward(X).a


def _recursion(thetas, a, start, prime, last_prime=None, stop=0):
    delta = start
    for l in range(len(a) - 2, stop, -1):
        delta = (delta @ thetas[l][:, 1:]) * prime(a[l])
    if stop:
        return delta
    out = delta @ thetas[0][:, 1:]
    return out if last_prime is None else out * last_prime(a[0])


def check_input_gradient(input_gradient_answer):
    """Exercise 3: input_gradient(thetas, a, k) -> ∂z_k^(L)/∂x for every row, eq. (35).

    Run on saliency_exercise()'s tanh network for class SALIENCY_CLASS and compared with
    saliency.input_gradient. Returns: CheckResult naming an f' at the input, a softmax δ in
    place of e_k, σ' in place of tanh', a recursion stopped one layer early or the bias kept.
    """
    if input_gradient_answer is None:
        return not_answered("your function input_gradient(thetas, a, k)")
    if not callable(input_gradient_answer):
        return CheckResult(
            False, f"input_gradient: expected a function, got {shown(input_gradient_answer)}"
        )
    net, X, a = saliency_exercise()
    thetas, k = [t.copy() for t in net.thetas], SALIENCY_CLASS
    value, error = call_student(
        input_gradient_answer, thetas, [x.copy() for x in a], k, seconds=SECONDS, refuse=REFUSAL
    )
    if error is not None:
        return _raised("input_gradient", error)
    if value is None:
        return CheckResult(False, "Not answered yet: input_gradient returns None; return ∂z_k/∂x.")
    m, n = X.shape
    given = _as_array(value, (m, n))
    if given is None:
        shape = getattr(value, "shape", None)
        if shape == (m, n + 1):
            return CheckResult(
                False,
                "input_gradient: one column too many: drop the bias column "
                "of Θ^(1), x has no bias input to differentiate by",
            )
        if shape == (m, SALIENCY_LAYERS[1]):
            return CheckResult(
                False,
                "input_gradient: that is δ of the first hidden layer; "
                "carry it one step further, through Θ^(1)'s weights, to x",
            )
        return CheckResult(
            False,
            f"input_gradient: expected an array shaped {(m, n)} (one row "
            f"per sample, one column per input), got {shown(value, 60)}",
        )
    right = input_gradient(net, X, k)
    if _same(given, right):
        return CheckResult(
            True,
            "δ^(L) = e_k, then (16) down to the first hidden layer, then one product with W^(1) "
            "and no f' at the input, eq. (35).",
        )
    e_k = np.zeros_like(a[-1])
    e_k[:, k] = 1.0
    tanh_prime = lambda v: 1 - v**2  # noqa: E731
    sigmoid_prime = lambda v: v * (1 - v)  # noqa: E731
    softmax_start = a[-1] - e_k
    y_hat_k = a[-1][:, [k]] * (e_k - a[-1])  # ∂ŷ_k/∂z: the probability's gradient
    slips = [
        (
            _recursion(thetas, a, e_k, tanh_prime, tanh_prime),
            "the input has no activation: drop the f' at the last step, ∂z_k/∂x = δ^(2) W^(1)",
        ),
        (
            _recursion(thetas, a, e_k, tanh_prime, sigmoid_prime),
            "the input has no activation: drop the f' at the last step, ∂z_k/∂x = δ^(2) W^(1)",
        ),
        (
            _recursion(thetas, a, e_k, sigmoid_prime),
            "the hidden layers are tanh: f' = 1 − a², not a(1 − a)",
        ),
        (
            _recursion(thetas, a, softmax_start, tanh_prime),
            "that starts from ŷ − y, the cost's δ; "
            "the score z_k's own δ^(L) is e_k (1 at unit k, 0 elsewhere)",
        ),
        (
            _recursion(thetas, a, y_hat_k, tanh_prime),
            "that is ∂ŷ_k/∂x, the probability's "
            "gradient; the exercise asks for the score z_k's, starting from δ^(L) = e_k",
        ),
        (-right, "the sign is flipped"),
    ]
    for slip, message in slips:
        if _same(given, slip):
            return CheckResult(False, f"input_gradient: {message}.")
    return CheckResult(
        False,
        "input_gradient: not ∂z_k/∂x; start from δ^(L) = e_k, apply (16) down to the first "
        "hidden layer, then multiply by Θ^(1) without its bias column.",
    )
