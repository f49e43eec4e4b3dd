"""derivations.multiclass: the softmax + cross-entropy δ^(L) = ŷ − y, in SymPy and in numbers."""

import numpy as np
import pytest
import sympy as sp

from backprop_lib import Network
from backprop_lib.data import spiral
from backprop_lib.derivations.multiclass import one_hot_difference, softmax_ce_delta

X3, Y3 = spiral(n=60, seed=0, classes=3)


def net3(**kw):
    return Network([2, 6, 3], hidden="tanh", output="softmax", loss="ce", seed=0, **kw)


@pytest.mark.parametrize("K", [2, 3])
def test_softmax_ce_delta_is_y_hat_minus_y_for_every_one_hot(K):
    derivation = softmax_ce_delta(K)
    for label in range(K):
        assert all(d == 0 for d in one_hot_difference(derivation, label))


def test_softmax_ce_delta_needs_targets_summing_to_one():
    d = softmax_ce_delta(3)
    two_hot = {d.y[0]: 1, d.y[1]: 1, d.y[2]: 0}
    diff = sp.simplify((d.by_diff[2] - d.claimed[2]).subs(two_hot))
    assert diff != 0  # ŷ_k Σy − y_k: the cancellation needs Σ y = 1


def test_softmax_ce_delta_numbers_match_network_deltas():
    d = softmax_ce_delta(3)
    net = net3()
    z = net.forward(X3[:1]).z[-1][0]
    values = {**dict(zip(d.z, z)), **{yk: int(k == int(Y3[0, 0])) for k, yk in enumerate(d.y)}}
    by_diff = np.array([float(e.subs(values)) for e in d.by_diff])
    assert np.allclose(by_diff, net.deltas(X3[:1], Y3[:1])[-1][0], atol=1e-12)


def test_bad_k_and_label_are_named():
    with pytest.raises(ValueError, match="K:"):
        softmax_ce_delta(1)
    with pytest.raises(ValueError, match="label:"):
        one_hot_difference(softmax_ce_delta(2), 2)
