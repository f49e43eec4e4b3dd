"""The output layer's error signal δ^(L) = ∂J/∂z^(L), derived in SymPy for each output/cost pair.

Eq. (14) finds δ^(4) = ŷ − y for a linear output g(z) = z and J = ½(ŷ − y)² (eq. 7). For any
output g and cost J the chain rule gives δ^(L) = ∂J/∂ŷ · g'(z^(L)); this module works that
product out symbolically, so a notebook can show where the activation's slope g' (σ', eq. 5)
stays in δ (sigmoid with ½(ŷ − y)²) and where it cancels (sigmoid with cross-entropy).
Symbols: z = z^(L), y the target, Y_HAT = ŷ = a^(L) = g(z); one output unit, one sample.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp

from ..validation import check_choice

Z = sp.Symbol("z")
Y = sp.Symbol("y")
Y_HAT = sp.Symbol(r"\hat{y}")

# name -> (g(z), g⁻¹(ŷ)): the inverse lets g'(z) be rewritten in terms of ŷ = g(z), as eq. (5)
# does for σ' = σ(1 − σ).
OUTPUTS = {
    "linear": (Z, Y_HAT),
    "sigmoid": (1 / (1 + sp.exp(-Z)), sp.log(Y_HAT / (1 - Y_HAT))),
    "tanh": (sp.tanh(Z), sp.atanh(Y_HAT)),
}

# name -> J(ŷ, y) for one output and one sample
COSTS = {
    "mse": (Y_HAT - Y) ** 2 / 2,  # eq. (7)
    "bce": -(Y * sp.log(Y_HAT) + (1 - Y) * sp.log(1 - Y_HAT)),
}

# The three pairings the article's "Activation Function" section talks about.
PAIRINGS = (("linear", "mse"), ("sigmoid", "mse"), ("sigmoid", "bce"))

# Their δ^(L), written by hand: eq. (14); the same with σ' = ŷ(1 − ŷ) (eq. 5) kept; and with
# σ' cancelled.
CLOSED_FORMS = {
    ("linear", "mse"): Y_HAT - Y,
    ("sigmoid", "mse"): (Y_HAT - Y) * Y_HAT * (1 - Y_HAT),
    ("sigmoid", "bce"): Y_HAT - Y,
}


@dataclass(frozen=True)
class OutputDelta:
    """One output/cost pair's δ^(L), eq. (13) at the output layer, and the pieces it is made of.

    cost       J(ŷ, y)
    dJ_dyhat   ∂J/∂ŷ, in ŷ and y
    g_prime_z  g'(z), differentiated in z
    g_prime    the same slope rewritten in ŷ = g(z) (σ' = ŷ(1 − ŷ) is eq. 5)
    delta      ∂J/∂ŷ · g'(z), cancelled and factored: δ^(L) in ŷ and y
    delta_z    ∂/∂z J(g(z), y) taken in one go, without the chain-rule split: δ^(L) in z and y
    """

    output: str
    loss: str
    cost: sp.Expr
    dJ_dyhat: sp.Expr
    g_prime_z: sp.Expr
    g_prime: sp.Expr
    delta: sp.Expr
    delta_z: sp.Expr

    @property
    def activation(self):
        """g(z) for this output. Returns: SymPy expression in Z."""
        return OUTPUTS[self.output][0]

    @property
    def error_factor(self):
        """δ^(L) / (ŷ − y): 1 when g' has cancelled (or is 1), else what is left of g'."""
        return sp.simplify(sp.cancel(self.delta / (Y_HAT - Y)))


def check_pairing(output, loss):
    """Return (output, loss) if SymPy can derive δ^(L) for them, else raise naming the parameter."""
    check_choice("output", output, tuple(OUTPUTS))
    check_choice("loss", loss, tuple(COSTS))
    if loss == "bce" and output != "sigmoid":
        raise ValueError(
            f"loss: 'bce' (cross-entropy) needs output='sigmoid' so that ŷ lies in (0, 1); "
            f"got output={output!r}"
        )
    return output, loss


def derive_output_delta(output, loss):
    """δ^(L) = ∂J/∂ŷ · g'(z^(L)), eqs. (13)–(14) for any output g, derived symbolically.

    Inputs: output, a key of OUTPUTS ("linear", "sigmoid", "tanh"); loss, a key of COSTS
    ("mse", eq. 7, or "bce", which needs a sigmoid output).
    Returns: OutputDelta, all expressions for one output unit and one sample.
    """
    return _derive(*check_pairing(output, loss))


@cache
def _derive(output, loss):
    """derive_output_delta for a checked pairing, computed once per pairing (SymPy is slow)."""
    g, g_inverse = OUTPUTS[output]
    cost = COSTS[loss]
    dJ_dyhat = sp.factor(sp.cancel(sp.diff(cost, Y_HAT)))
    g_prime_z = sp.diff(g, Z)
    g_prime = sp.simplify(g_prime_z.subs(Z, g_inverse))
    delta = sp.factor(sp.cancel(dJ_dyhat * g_prime))
    delta_z = sp.diff(cost.subs(Y_HAT, g), Z)
    return OutputDelta(output, loss, cost, dJ_dyhat, g_prime_z, g_prime, delta, delta_z)


def delta_function(output, loss):
    """δ^(L)(ŷ, y) from `derive_output_delta`, as a NumPy function for numeric comparisons.

    Inputs: output, loss as for derive_output_delta.
    Returns: f(y_hat, y) -> array; y_hat and y are arrays of one shape, (m, k) for example.
    """
    f = sp.lambdify((Y_HAT, Y), derive_output_delta(output, loss).delta, modules="numpy")

    def delta(y_hat, y):
        y_hat, y = np.broadcast_arrays(np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float))
        return np.asarray(f(y_hat, y), dtype=float) * np.ones_like(y_hat)

    return delta


def times_error(expr):
    """`expr` split as (ŷ − y) · n / d, for display: n and d simplified, signs tidied.

    Inputs: expr, a SymPy expression that has ŷ − y as a factor (∂J/∂ŷ or δ^(L) here).
    Returns: (n, d), SymPy expressions with expr = (ŷ − y) n / d.
    """
    n, d = sp.fraction(sp.cancel(sp.sympify(expr) / (Y_HAT - Y)))
    if (d.is_Number and d < 0) or (not d.is_Number and n.could_extract_minus_sign()):
        n, d = -n, -d
    return sp.simplify(n), sp.simplify(d)


def latex_times_error(expr):
    """LaTeX for `expr` written as (ŷ − y) times the rest, e.g. (ŷ − y) ŷ(1 − ŷ). Returns: str."""
    n, d = times_error(expr)
    error = r"\hat{y} - y"
    if n == 1 or n == -1:
        top = error if n == 1 else rf"-\left({error}\right)"
    else:
        rest = rf"\left({sp.latex(n)}\right)" if n.is_Add else sp.latex(n)
        top = rf"\left({error}\right) {rest}"
    return top if d == 1 else rf"\frac{{{top}}}{{{sp.latex(d)}}}"
