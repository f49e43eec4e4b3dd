"""Many classes: the softmax + cross-entropy δ in SymPy.

Notebook 08 derives δ^(L) = ŷ − y for a softmax output with the categorical cross-entropy
(eq. 25 there), the K-class sibling of eq. (14).
"""

from collections import namedtuple

import sympy as sp

from ..validation import check_int

SoftmaxCE = namedtuple("SoftmaxCE", ["z", "y", "y_hat", "J", "by_diff", "claimed"])
SoftmaxCE.__doc__ = """The softmax + cross-entropy output layer of K units, in symbols.

z, y: (K,) tuples of symbols z_k, y_k; y_hat: softmax(z) as K expressions;
J = −Σ y_k ln ŷ_k; by_diff: ∂J/∂z_k by sp.diff; claimed: ŷ_k − y_k (eq. 25).
"""


def softmax_ce_delta(K=3):
    """∂J/∂z_k of J = −Σ_k y_k ln softmax(z)_k by SymPy, next to the claimed ŷ_k − y_k.

    The targets are K free symbols, so the result holds for any y; the two agree exactly when
    Σ y_k = 1 (a one-hot row is such a y), which `one_hot_difference` substitutes.
    Inputs: K, the number of classes (2..6). Returns: SoftmaxCE.
    """
    K = check_int("K", K, 2, 6, "classes")
    z = sp.symbols(f"z1:{K + 1}", real=True)
    y = sp.symbols(f"y1:{K + 1}", real=True)
    total = sum(sp.exp(zk) for zk in z)
    y_hat = tuple(sp.exp(zk) / total for zk in z)
    J = -sum(yk * sp.log(pk) for yk, pk in zip(y, y_hat))
    by_diff = tuple(sp.diff(J, zk) for zk in z)
    claimed = tuple(pk - yk for pk, yk in zip(y_hat, y))
    return SoftmaxCE(z, y, y_hat, J, by_diff, claimed)


def one_hot_difference(derivation, label):
    """by_diff − claimed, simplified, with y the one-hot row of class `label` (0-based).

    Inputs: derivation, a SoftmaxCE; label, 0..K−1. Returns: tuple of K SymPy expressions
    (all 0 when eq. 25 holds for that label).
    """
    K = len(derivation.z)
    label = check_int("label", label, 0, K - 1, "a class index")
    one_hot = {yk: int(k == label) for k, yk in enumerate(derivation.y)}
    return tuple(
        sp.simplify((d - c).subs(one_hot)) for d, c in zip(derivation.by_diff, derivation.claimed)
    )
