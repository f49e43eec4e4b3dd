"""Cost functions J(ŷ, y), summed over samples and outputs, looked up by name.

"mse" is eq. (7), ½(ŷ − y)², summed over the training set the way the article's
batch update sums over its rows. "bce" is cross-entropy, −[y ln ŷ + (1 − y) ln(1 − ŷ)],
which the article's NumPy example differentiates without saying so. "ce" is its sibling for
K classes, −Σ_k y_k ln ŷ_k with one-hot rows y and a softmax output.

A Network's `reduction` chooses between the sum over samples (the article's, the default) and
the mean, J / m: `reduction_scale` gives the factor, applied to J and to δ^(L) alike.
"""

import numpy as np

from .refusal import check_allowed

REDUCTIONS = ("sum", "mean")


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


def ce(y_hat, y, z):
    """J = −Σ_samples Σ_k y_k ln ŷ_k with ŷ = softmax(z), y one-hot rows. Inputs: (m, K) each.

    Evaluated from z as Σ_samples [ln Σ_k e^(z_k) − Σ_k y_k z_k] (ln ŷ_k = z_k − ln Σ_j e^(z_j),
    and each row of y sums to 1), with the log-sum-exp shifted by the row's largest z: no
    overflow, and no ln 0 when some ŷ_k rounds to 0 (which is why "ce" requires a softmax output).
    Returns: float.
    """
    top = z.max(axis=1, keepdims=True)
    log_sum_exp = np.log(np.exp(z - top).sum(axis=1)) + top[:, 0]
    return float(np.sum(log_sum_exp - np.sum(y * z, axis=1)))


def ce_grad(y_hat, y):
    """∂J/∂ŷ for "ce": −y / ŷ. Shapes: (m, K) → (m, K).

    Only for reading: softmax's K × K Jacobian turns it into δ^(L) = ŷ − y (output_delta),
    which never divides by ŷ.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y == 0, 0.0, -y / y_hat)


# name -> (J(ŷ, y, z), ∂J/∂ŷ)
LOSSES = {
    "mse": (mse, mse_grad),
    "bce": (bce, bce_grad),
    "ce": (ce, ce_grad),
}


def reduction_scale(reduction, m):
    """The factor J and δ^(L) carry: 1 for "sum" (the article's), 1/m for "mean" over m samples."""
    return 1.0 if reduction == "sum" else 1.0 / m


def output_delta(loss, output, y_hat, y, output_prime):
    """δ^(L) = ∂J/∂z^(L) at the output layer, eq. (14) generalised to any output g.

    δ^(L) = ∂J/∂ŷ ⊙ g'(z^(L)). With "bce" and a sigmoid output the σ' in g' cancels the
    denominator of ∂J/∂ŷ exactly, leaving ŷ − y: the article's NumPy delta. It is computed in
    that cancelled form, which stays exact when ŷ saturates. With "ce" and a softmax output
    the same happens for K classes: Σ_j (−y_j / ŷ_j) ŷ_j (1[j = k] − ŷ_k) = ŷ_k − y_k, because
    each row of y sums to 1 (notebook 08 derives it in SymPy).
    Inputs: ŷ, y (m, k); output_prime, the output activation's derivative as a function of ŷ
    (unused for "ce"). Returns: δ^(L), (m, k), for the summed J (times reduction_scale for
    the mean).
    """
    check_allowed("output_delta")
    if loss == "ce" or (loss == "bce" and output == "sigmoid"):
        return y_hat - y
    return LOSSES[loss][1](y_hat, y) * output_prime(y_hat)
