"""Cost functions J(ŷ, y), summed over samples and outputs, looked up by name.

"mse" is eq. (7), ½(ŷ − y)², summed over the training set the way the article's
batch update sums over its rows. "bce" is cross-entropy, −[y ln ŷ + (1 − y) ln(1 − ŷ)],
which the article's NumPy example differentiates without saying so.
"""

import numpy as np


def mse(y_hat, y, z):
    """J = Σ ½(ŷ − y)², eq. (7) summed. Inputs: ŷ, y, z all (m, k). Returns: float.

    z (the output layer's input) is unused; it is in the signature so every cost is called alike.
    """
    return 0.5 * float(np.sum((y_hat - y) ** 2))


def mse_grad(y_hat, y):
    """∂J/∂ŷ for "mse": ŷ − y. Shapes: (m, k) → (m, k)."""
    return y_hat - y


def bce(y_hat, y, z):
    """J = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)] with ŷ = σ(z). Inputs: (m, k) each. Returns: float.

    Evaluated from z as Σ [ln(1 + e^z) − y z], the same number without ln 0 when ŷ
    rounds to exactly 0 or 1 (which is why "bce" requires a sigmoid output).
    """
    return float(np.sum(np.logaddexp(0.0, z) - y * z))


def bce_grad(y_hat, y):
    """∂J/∂ŷ for "bce": (ŷ − y) / (ŷ(1 − ŷ)). Shapes: (m, k) → (m, k)."""
    return (y_hat - y) / (y_hat * (1.0 - y_hat))


# name -> (J(ŷ, y, z), ∂J/∂ŷ)
LOSSES = {
    "mse": (mse, mse_grad),
    "bce": (bce, bce_grad),
}


def output_delta(loss, output, y_hat, y, output_prime):
    """δ^(L) = ∂J/∂z^(L) at the output layer, eq. (14) generalised to any output g.

    δ^(L) = ∂J/∂ŷ ⊙ g'(z^(L)). With "bce" and a sigmoid output the σ' in g' cancels the
    denominator of ∂J/∂ŷ exactly, leaving ŷ − y: the article's NumPy delta. It is computed in
    that cancelled form, which stays exact when ŷ saturates.
    Inputs: ŷ, y (m, k); output_prime, the output activation's derivative as a function of ŷ.
    Returns: δ^(L), (m, k).
    """
    if loss == "bce" and output == "sigmoid":
        return y_hat - y
    return LOSSES[loss][1](y_hat, y) * output_prime(y_hat)
