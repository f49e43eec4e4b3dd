"""Checkers for notebook 02's exercises: the single-path network's gradients, eqs. (6)–(12).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong: which factor of the gradient, which θ.
"""

import functools

import numpy as np
import sympy as sp

from ..derivations.floats import backprop_gradients
from ..derivations.symbolic import sigma, sigma_prime, single_path_network
from . import CheckResult, not_answered, report
from .answers import (
    agreement,
    first_slip,
    precision_note,
    read_expression,
    read_vector,
    same_values,
    typed_close,
    values_at,
)

# Exercise 2's point: one gradient-descent step of eq. (12) from here.
GD_POINT = {"x": 1.5, "y": 0.25, "thetas": (0.8, -1.2, 2.0), "eta": 0.5}


def _gradient_factors(net, k):
    """The named factors of ∂J/∂θ^(k), eqs. (9)–(11), output end first (k = 0: ∂J/∂x)."""
    factors = [("the output error (ŷ − y)", net.y_hat - net.y)]
    for j in range(net.depth, max(k, 1), -1):
        factors.append((f"θ^({j})", net.theta[j]))
        factors.append((f"σ'(z^({j}))", sigma_prime(net.z[j])))
    if k == 0:
        factors.append(("θ^(1) (∂z^(2)/∂x)", net.theta[1]))
    else:
        factors.append(("x = a^(1)" if k == 1 else f"a^({k})", net.a[k]))
    return factors


@functools.cache
def _network(depth):
    """single_path_network(depth), built once: the checkers only read it."""
    return single_path_network(depth)


@functools.cache
def _derivative(depth, k):
    """∂J/∂θ^(k) of _network(depth) by SymPy (k = 0: ∂J/∂x), the truth the answer must equal."""
    net = _network(depth)
    return sp.diff(net.J, net.x if k == 0 else net.theta[k])


@functools.cache
def _values(expr, depth):
    """values_at(expr, _points(_network(depth))), remembered for the fixed expressions."""
    return values_at(expr, _points(_network(depth)))


def _points(net):
    """Four points (x, y, θ^(1), …) in general position, as {symbol: Rational} for `agree`."""
    rng = np.random.default_rng(0)
    symbols = [net.x, net.y, *(net.theta[k] for k in sorted(net.theta))]
    return [
        {s: sp.Rational(round(v, 3)).limit_denominator(1000) for s, v in zip(symbols, row)}
        for row in rng.uniform(-1.5, 1.5, size=(4, len(symbols)))
    ]


def _check_product(answer, net, right, factors, what, success):
    """Compare a student's product formula with `right`; name a missing, extra or wrong factor.

    Inputs: answer (not None); net, SinglePath; right, the true derivative; factors,
    [(name, expr)] of the true product; what, its name for messages; success, the message for
    a right answer. Returns: CheckResult.
    """
    symbols = [net.x, net.y, *(net.theta[k] for k in sorted(net.theta))]
    expr = read_expression(
        answer,
        "answer",
        symbols,
        f"a SymPy expression in x, y and θ^(1) … θ^({net.depth}) of "
        f"single_path_network({net.depth}) (write z^(l), a^(l) as net.z[l], net.a[l])",
    )
    if isinstance(expr, CheckResult):
        return expr
    if not expr.free_symbols:
        return CheckResult(
            False, f"answer: {what} depends on x, y and the θ's; a number cannot be it"
        )
    points = _points(net)
    given, truth = values_at(expr, points), _values(right, net.depth)
    if given is None:
        return CheckResult(False, f"answer: not a real, finite number at every point; not {what}")
    if same_values(given, truth):
        return CheckResult(True, success)
    if same_values(-given, truth):
        return CheckResult(
            False, "The sign is flipped: the product starts with (ŷ − y), not (y − ŷ)."
        )
    for name, factor in factors:
        value = _values(factor, net.depth)
        if same_values(given * value, truth):
            return CheckResult(False, f"The factor {name} is missing.")
        if same_values(given, truth * value):
            return CheckResult(False, f"The factor {name} appears once too often.")
    slope = {l: _values(sigma_prime(net.z[l]), net.depth) for l in range(2, net.output)}
    for l in range(2, net.output):
        if same_values(given * slope[l], truth * _values(sigma(net.z[l]), net.depth)):
            return CheckResult(
                False, f"σ(z^({l})) is used where σ'(z^({l})) = σ(1 − σ) belongs, eq. (5)."
            )
        for m in range(2, net.output):
            if l != m and same_values(given * slope[l], truth * slope[m]):
                return CheckResult(
                    False, f"σ'(z^({l})) is needed where the answer has σ'(z^({m}))."
                )
    names = " · ".join(name for name, _ in factors)
    return CheckResult(False, f"Not {what}: it is the product {names}.")


def check_deep_gradient(answer):
    """Exercise 1: ∂J/∂θ^(1) of a single path with four weights, by the pattern of (9)–(11).

    Inputs: answer, a SymPy expression built from `single_path_network(4)` (or None).
    Returns: CheckResult naming the missing, extra or misplaced factor.
    """
    if answer is None:
        return not_answered("∂J/∂θ^(1) of single_path_network(4), as a SymPy expression")
    net = _network(4)
    return _check_product(
        answer,
        net,
        _derivative(4, 1),
        _gradient_factors(net, 1),
        "∂J/∂θ^(1)",
        "∂J/∂θ^(1) = (ŷ − y) · θ^(4)σ'(z^(4)) · θ^(3)σ'(z^(3)) · θ^(2)σ'(z^(2)) · x.",
    )


def check_input_gradient(answer):
    """Exercise 3: ∂J/∂x of the article's three-weight path, the pattern of (9)–(11) continued.

    Inputs: answer, a SymPy expression built from `single_path_network(3)` (or None).
    Returns: CheckResult naming the missing, extra or misplaced factor.
    """
    if answer is None:
        return not_answered("∂J/∂x of single_path_network(3), as a SymPy expression")
    net = _network(3)
    return _check_product(
        answer,
        net,
        _derivative(3, 0),
        _gradient_factors(net, 0),
        "∂J/∂x",
        "∂J/∂x = (ŷ − y) · θ^(3)σ'(z^(3)) · θ^(2)σ'(z^(2)) · θ^(1): the same pattern, "
        "ending in the weight that multiplies x.",
    )


def check_gd_step(new_thetas):
    """Exercise 2: the weights after one step of eq. (12) from GD_POINT.

    The step is small next to the weights, so a new θ right to 3 significant digits says little
    about its gradient. Each new θ is graded by the step it took, Δθ = new − old, which must be
    −η ∂J/∂θ to 3 significant digits: type the new weights to 4 decimal places (or paste them).
    Inputs: new_thetas, three numbers (θ^(1), θ^(2), θ^(3)) after the step, as a list, tuple
    or array (or None). Returns: CheckResult, one line per θ, naming each wrong one and how
    (sign, η, Δθ instead of θ, too few decimals).
    """
    if new_thetas is None:
        return not_answered("the three new weights (θ^(1), θ^(2), θ^(3)) after one step")
    given = read_vector(new_thetas, "new_thetas", 3, "new weights")
    if isinstance(given, CheckResult):
        return given
    thetas, eta = GD_POINT["thetas"], GD_POINT["eta"]
    grads = backprop_gradients(thetas, GD_POINT["x"], GD_POINT["y"])
    parts = []
    for k, (new, old, g) in enumerate(zip(given, thetas, grads), start=1):
        name, step = f"θ^({k})", new - old
        slips = [
            ("moved uphill: Δθ = −η ∂J/∂θ, with the minus sign", eta * g),
            (f"moved by the whole gradient: multiply it by η = {eta}", -g),
            (f"has not moved: add Δθ^({k}) = −η ∂J/∂θ^({k})", 0.0),
        ]
        if typed_close(step, -eta * g):
            parts.append((True, f"{name}: the step Δθ agrees {agreement(step, -eta * g)}"))
        elif round(new, 3) == new and typed_close(new, old - eta * g, digits=2):
            parts.append(
                (
                    False,
                    f"{name} rounds to the right weight, but with {digits_after(new)} decimal"
                    f"{'s' * (digits_after(new) != 1)} its step Δθ = new − old cannot show the "
                    f"gradient: give 4 decimal places",
                )
            )
        elif typed_close(new, -eta * g):
            parts.append((False, f"{name} is Δθ^({k}) alone: add it to the old θ^({k}) = {old}"))
        elif (slip := first_slip(step, slips, typed_close)) is not None:
            parts.append((False, f"{name} {slip}"))
        else:
            note = precision_note(step, -eta * g)
            why = f"its step Δθ {note}" if note else f"its gradient is eq. ({12 - k})"
            parts.append((False, f"{name} is wrong: {why}"))
    return report(parts, "All three weights took the step of eq. (12), each Δθ = −η ∂J/∂θ.")


def digits_after(number):
    """How many decimal places a typed number has (0 to 3; 4 for more)."""
    return next((d for d in range(4) if round(number, d) == number), 4)
