"""Checker for notebook 08b's second exercise: the variance of z one layer on, eq. (28).

The answer is a hand-typed number and passes when right to 3 significant digits; the
foreseeable slips are recognised by the number they give and named.
"""

from . import CheckResult, not_answered
from .answers import first_slip, read_number, shown, typed_close

# the layer of exercise 2: n_in inputs of variance VAR_A (mean 0), weights from U(−R, R)
N_IN, VAR_A, R = 120, 0.5, 0.25


def check_layer_variance(var_z):
    """Exercise 2: Var(z) = n_in Var(w) Var(a) (eq. 28), Var(w) = r²/3 for U(−r, r).

    Inputs: var_z, a number to 3 significant digits, or None. Returns: CheckResult naming a
    range used as the variance, a missing Var(a), a standard deviation in place of a variance.
    """
    if var_z is None:
        return not_answered("one number, the variance of z")
    value = read_number(var_z, "var_z")
    if isinstance(value, CheckResult):
        return value
    var_w = R**2 / 3
    right = N_IN * var_w * VAR_A
    if typed_close(value, right):
        return CheckResult(
            True,
            f"Var(z) = n_in · r²/3 · Var(a) = {N_IN} · {R}²/3 · {VAR_A}: independent terms add "
            "their variances.",
        )
    slips = [
        ("that takes Var(w) = r²; U(−r, r) has variance r²/3", N_IN * R**2 * VAR_A),
        ("that takes Var(w) = r; U(−r, r) has variance r²/3", N_IN * R * VAR_A),
        ("that leaves out Var(a); each product wa has variance Var(w) Var(a)", N_IN * var_w),
        ("that is the variance of one product wa; z sums n_in of them", var_w * VAR_A),
        ("that is the standard deviation of z; the question asks for its variance", right**0.5),
        (
            "that multiplies by the standard deviation of a, √Var(a), not by Var(a)",
            N_IN * var_w * VAR_A**0.5,
        ),  # fmt: skip
    ]
    slip = first_slip(value, slips, typed_close)
    if slip:
        return CheckResult(False, f"var_z: {slip}.")
    return CheckResult(
        False,
        f"var_z: {shown(var_z)} is not Var(z) to 3 significant digits; use eq. (28) with "
        "Var(w) = r²/3.",
    )
