"""Checkers for notebook 03's debugging exercises: a gradient check of one's own, a wrong
gradient found with it, and a backward pass with a planted bug, fixed.

Exercise 4: the student writes `my_gradient_check(cost, grads, thetas)`, the largest relative
error |a − n| / max(ε, |a| + |n|) between given gradients and central differences of `cost`,
and uses it to name the wrong one of three `suspects()`. Exercise 5: `broken_gradients` has one
planted bug; the student's fixed copy is run on random networks and compared with
Network.gradients. Layers are named in the article's numbering: thetas[l] is Θ^(l+1).
"""

import numpy as np

from ..activations import sigmoid
from ..network import Network
from . import CheckResult, not_answered, report
from .answers import call_student, read_number, shown

NET_LAYERS = [2, 3, 2, 1]  # the network the suspects are gradients of
NET_SEED = 5
WRONG_SUSPECT = "B"
RIGHT_TOLERANCE = 1e-6  # a right gradient: central differences agree to round-off and ε²
WRONG_TOLERANCE = 1e-3  # a gradient 1 % off in one entry must show at least this much


def exercise_network():
    """The network, data and cost of exercise 4. Returns: (net, X, y, cost), cost(thetas) = J."""
    rng = np.random.default_rng(NET_SEED)
    X, y = rng.normal(size=(8, 2)), rng.uniform(size=(8, 1))
    net = Network(NET_LAYERS, hidden="sigmoid", output="sigmoid", loss="mse", seed=NET_SEED)

    def cost(thetas):
        trial = Network(NET_LAYERS, hidden="sigmoid", output="sigmoid", loss="mse")
        trial.thetas = [np.array(t, dtype=float) for t in thetas]
        return float(trial.cost(X, y))

    return net, X, y, cost


def _backward(thetas, X, y, slip=None):
    """∂J/∂Θ of a sigmoid net with J = ½ Σ (ŷ − y)², eqs. (14)–(17), with one optional slip:
    "bias" (the bias column's gradient left at 0) or "sigma_prime" (σ' missing in layer 2)."""
    a = [X]
    for theta in thetas:
        a.append(sigmoid(a[-1] @ theta[:, 1:].T + theta[:, 0]))
    delta = (a[-1] - y) * a[-1] * (1 - a[-1])  # eq. (14) through σ'
    grads = [None] * len(thetas)
    for l in range(len(thetas) - 1, -1, -1):
        grads[l] = np.hstack([delta.sum(axis=0)[:, None], delta.T @ a[l]])  # eq. (17)
        if slip == "bias" and l == 1:
            grads[l][:, 0] = 0.0
        if l:
            carried = delta @ thetas[l][:, 1:]
            keep_slope = not (slip == "sigma_prime" and l == 1)
            delta = carried * a[l] * (1 - a[l]) if keep_slope else carried  # eq. (16)
    return grads


def suspects():
    """Three gradient functions grads(thetas) for exercise_network(); exactly one is wrong."""
    _, X, y, _ = exercise_network()
    return {
        "A": lambda thetas: _backward(thetas, X, y),
        "B": lambda thetas: _backward(thetas, X, y, slip="bias"),
        "C": lambda thetas: [g.copy() for g in _backward(thetas, X, y)],
    }


def _run_check(my_gradient_check, cost, grads, thetas):
    """The student's check on copies of thetas: (a float or a CheckResult, thetas changed?)."""
    given = [t.copy() for t in thetas]
    value, error = call_student(my_gradient_check, cost, grads, given)
    changed = not all(np.array_equal(a, b) for a, b in zip(given, thetas))
    if error is not None:
        return CheckResult(False, f"my_gradient_check raised {type(error).__name__}"), changed
    if value is None:
        return not_answered("my_gradient_check's return value: the largest relative error"), False
    return read_number(value, "my_gradient_check(...)", "the largest relative error"), changed


def check_gradient_check(my_gradient_check, wrong):
    """Exercise 4: a gradient check of one's own, and the suspect it shows to be wrong.

    Inputs: my_gradient_check(cost, grads, thetas) -> largest relative error (a float);
    wrong, the name of the wrong suspect ("A", "B" or "C"), or None.
    Returns: CheckResult, one line each for a right gradient, a gradient 1 % off in one entry,
    the parameters restored, and the suspect named.
    """
    if my_gradient_check is None and wrong is None:
        return not_answered("your my_gradient_check function and the wrong suspect's name")
    if not callable(my_gradient_check):
        return CheckResult(
            False, f"my_gradient_check: expected a function, got {shown(my_gradient_check)}"
        )
    net, X, y, cost = exercise_network()
    right = net.gradients(X, y)
    off = [g.copy() for g in right]
    off[0][1, 2] *= 1.01
    parts = []
    for name, grads, good in (
        ("a right gradient", right, True),
        ("a gradient 1 % off", off, False),
    ):
        value, changed = _run_check(my_gradient_check, cost, grads, net.thetas)
        if isinstance(value, CheckResult):
            return value
        if good:
            ok = 0 <= value < RIGHT_TOLERANCE
            parts.append(
                (
                    ok,
                    f"{name}: relative error below {RIGHT_TOLERANCE:g}"
                    if ok
                    else f"{name} gets {value:.1e}; it should be below "
                    f"{RIGHT_TOLERANCE:g}: central differences (J(θ+ε) − J(θ−ε)) / 2ε?",
                )
            )
        else:
            ok = value > WRONG_TOLERANCE
            parts.append(
                (
                    ok,
                    f"{name} shows: relative error above {WRONG_TOLERANCE:g}"
                    if ok
                    else f"{name} gets only {value:.1e}: compare each entry, |a − n| / (|a| + |n|)",
                )
            )
        if changed:
            parts.append((False, "thetas changed: put each nudged entry back after measuring J"))
            break
    named = str(wrong).strip().upper() if wrong is not None else None
    if named is None:
        parts.append((False, "wrong: still None; name the suspect your check flags"))
    else:
        parts.append(
            (
                named == WRONG_SUSPECT,
                f"suspect {named} "
                + ("is the wrong one" if named == WRONG_SUSPECT else "passes a gradient check"),
            )
        )
    return report(
        parts,
        f"Your check passes a right gradient, flags a 1 % slip, and finds suspect {WRONG_SUSPECT}.",
    )


# -- exercise 5: a planted bug ---------------------------------------------------------------


def broken_gradients(thetas, X, y):
    """∂J/∂Θ with one planted bug (exercise 5): a sigmoid net, J = ½ Σ (ŷ − y)², eqs. (14)–(17).
    Inputs: thetas, list of (units × (1 + inputs)) arrays; X (m, n_in); y (m, n_out).
    Returns: list shaped like thetas."""
    a = [X]
    for theta in thetas:
        a.append(sigmoid(a[-1] @ theta[:, 1:].T + theta[:, 0]))  # eq. (6)
    delta = (a[-1] - y) * a[-1] * (1 - a[-1])  # eq. (14), through the output's σ'
    grads = [None] * len(thetas)
    for l in range(len(thetas) - 1, -1, -1):
        grads[l] = np.hstack([delta.sum(axis=0)[:, None], delta.T @ a[l]])  # eq. (17)
        if l:
            delta = delta @ thetas[l][:, 1:]  # eq. (16)
    return grads


RANDOM_NETS = 4  # networks of random shape the fixed function is tried on


def check_fixed_gradients(fixed_gradients, seed=None):
    """Exercise 5: the fixed copy of broken_gradients, run on random sigmoid networks.

    Inputs: fixed_gradients(thetas, X, y) -> list of arrays; seed, for the networks (default:
    drawn anew for each call, so no network can be aimed at). Returns: CheckResult, one line per
    network, naming its first wrong layer in the article's numbering.
    """
    if fixed_gradients is None:
        return not_answered("your fixed copy of broken_gradients")
    if not callable(fixed_gradients):
        return CheckResult(
            False, f"fixed_gradients: expected a function, got {shown(fixed_gradients)}"
        )
    rng = np.random.default_rng(seed)
    parts = []
    for _ in range(RANDOM_NETS):
        layers = [int(rng.integers(1, 5)) for _ in range(int(rng.integers(3, 6)))]
        net = Network(
            layers, hidden="sigmoid", output="sigmoid", loss="mse", seed=int(rng.integers(10**6))
        )
        X, y = rng.normal(size=(5, layers[0])), rng.uniform(size=(5, layers[-1]))
        right = net.gradients(X, y)
        got, error = call_student(
            fixed_gradients, [t.copy() for t in net.thetas], X.copy(), y.copy()
        )
        name = f"network {layers}"
        if error is None and got is None:
            return not_answered("fixed_gradients' return value: the list of ∂J/∂Θ^(l)")
        if error is not None:
            parts.append((False, f"{name}: raised {type(error).__name__}: {shown(str(error), 60)}"))
            continue
        if not isinstance(got, (list, tuple)) or len(got) != len(right):
            parts.append((False, f"{name}: expected a list of {len(right)} arrays"))
            continue
        wrong = [
            l
            for l, (g, r) in enumerate(zip(got, right))
            if np.shape(g) != r.shape or not np.allclose(g, r, rtol=1e-7, atol=1e-12)
        ]
        if wrong:
            l = wrong[-1]  # the wrong layer nearest the output: where the bug starts
            below = ", and every layer below it" if l else ""
            parts.append(
                (
                    False,
                    f"{name}: ∂J/∂Θ^({l + 1}) (thetas[{l}]) is wrong{below}; look at "
                    f"δ^({l + 2}), eq. (16)",
                )
            )
        else:
            parts.append((True, f"{name}: every layer agrees with Network.gradients"))
    return report(
        parts,
        f"Fixed: the gradients agree with Network.gradients on {RANDOM_NETS} random networks.",
    )
