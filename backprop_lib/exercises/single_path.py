"""Checkers for notebook 02's exercises: the single-path network's gradients, eqs. (6)–(12).

Each takes the student's answer (None while unanswered) and returns a CheckResult whose
message names the part that is wrong: which factor of the gradient, which θ.
"""

import math
import numbers

import numpy as np
import sympy as sp

from ..symbolic import backprop_gradients, lambdify_net, same, sigma_prime, single_path_network
from . import CheckResult, not_answered, sympy_expression, verdict

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


def _agree(net, a, b, points):
    """a = b numerically at every point (x, y, θ's): a fast test before a symbolic proof."""
    fa, fb = lambdify_net(net, a), lambdify_net(net, b)
    with np.errstate(all="ignore"):
        va = np.array([fa(*p) for p in points], dtype=float)
        vb = np.array([fb(*p) for p in points], dtype=float)
    return bool(np.all(np.isfinite(va)) and np.allclose(va, vb, rtol=1e-9, atol=1e-12))


def _check_product(answer, net, right, factors, what, success):
    """Compare a student's product formula with `right`; name a missing, extra or wrong factor.

    Inputs: answer (SymPy expr or None-checked before); net, SinglePath; right, the true
    derivative; factors, [(name, expr)] of the true product; what, its name for messages;
    success, the message for a right answer. Returns: CheckResult.
    """
    expr = sympy_expression(answer, "answer")
    if isinstance(expr, CheckResult):
        return expr
    allowed = {net.x, net.y, *net.theta.values()}
    strangers = sorted(s.name for s in expr.free_symbols - allowed)
    if strangers:
        return CheckResult(
            False,
            f"answer: use only x, y and θ^(1) … θ^({net.depth}) of "
            f"single_path_network({net.depth}); found {', '.join(strangers)} "
            f"(write z^(l), a^(l) as net.z[l], net.a[l])",
        )
    rng = np.random.default_rng(0)
    points = [tuple(rng.uniform(-1.5, 1.5, size=2 + net.depth)) for _ in range(4)]
    if _agree(net, expr, right, points) and same(expr, right):
        return CheckResult(True, success)
    if _agree(net, -expr, right, points):
        return CheckResult(
            False, "The sign is flipped: the product starts with (ŷ − y), not (y − ŷ)."
        )
    for name, factor in factors:
        if _agree(net, expr * factor, right, points):
            return CheckResult(False, f"The factor {name} is missing.")
        if _agree(net, expr, right * factor, points):
            return CheckResult(False, f"The factor {name} appears once too often.")
    for l in range(2, net.output):
        for m in range(2, net.output):
            if l != m and _agree(
                net, expr * sigma_prime(net.z[l]), right * sigma_prime(net.z[m]), points
            ):
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
    net = single_path_network(4)
    return _check_product(
        answer,
        net,
        sp.diff(net.J, net.theta[1]),
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
    net = single_path_network(3)
    return _check_product(
        answer,
        net,
        sp.diff(net.J, net.x),
        _gradient_factors(net, 0),
        "∂J/∂x",
        "∂J/∂x = (ŷ − y) · θ^(3)σ'(z^(3)) · θ^(2)σ'(z^(2)) · θ^(1): the same pattern, "
        "ending in the weight that multiplies x.",
    )


def check_gd_step(new_thetas):
    """Exercise 2: the weights after one step of eq. (12) from GD_POINT.

    Inputs: new_thetas, three numbers (θ^(1), θ^(2), θ^(3)) after the step (or None).
    Returns: CheckResult naming each θ that is wrong and how (sign, η, Δθ instead of θ).
    """
    if new_thetas is None:
        return not_answered("the three new weights (θ^(1), θ^(2), θ^(3)) after one step")
    if isinstance(new_thetas, (str, bytes)) or not hasattr(new_thetas, "__len__"):
        return CheckResult(False, f"new_thetas: expected three numbers, got {new_thetas!r}")
    if len(new_thetas) != 3:
        return CheckResult(False, f"new_thetas: expected three numbers, got {len(new_thetas)}")
    for k, value in enumerate(new_thetas, start=1):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return CheckResult(False, f"θ^({k}): expected a number, got {value!r}")
    thetas, eta = GD_POINT["thetas"], GD_POINT["eta"]
    grads = backprop_gradients(thetas, GD_POINT["x"], GD_POINT["y"])
    problems = []
    for k, (new, old, g) in enumerate(zip(new_thetas, thetas, grads), start=1):
        new = float(new)

        def near(value, new=new):
            return math.isclose(new, value, rel_tol=1e-6, abs_tol=1e-9)

        if near(old - eta * g):
            continue
        if near(old + eta * g):
            problems.append(f"θ^({k}) moved uphill: Δθ = −η ∂J/∂θ, with the minus sign")
        elif near(old - g):
            problems.append(f"θ^({k}) moved by the whole gradient: multiply it by η = {eta}")
        elif near(-eta * g):
            problems.append(f"θ^({k}) is Δθ^({k}) alone: add it to the old θ^({k}) = {old}")
        else:
            problems.append(f"θ^({k}) is wrong: its gradient is eq. ({12 - k})")
    return verdict(problems, "All three weights took the step of eq. (12): J is now lower.")
