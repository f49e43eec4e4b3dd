"""Learning curves, early stopping, confusion matrix, epochs to a target: against fit itself."""

import numpy as np
import pytest

from backprop_lib import Network
from backprop_lib.classes import accuracy
from backprop_lib.data import spiral, split
from backprop_lib.studies.generalisation import (
    confusion_matrix,
    epochs_to,
    train_seeds_with_validation,
    train_with_validation,
)

X, y = spiral(n=90, seed=2, classes=3)
TRAIN, VAL = split(X, y, (0.7, 0.3), seed=0)
SETTINGS = dict(hidden="tanh", output="softmax", loss="ce", reduction="mean")


@pytest.mark.parametrize("options", [{}, {"momentum": 0.9}, {"optimizer": "adam"}])
def test_curves_are_fit_scored_at_every_epoch(options):
    eta = 0.02 if options else 0.3
    net, ref = Network([2, 8, 3], seed=1, **SETTINGS), Network([2, 8, 3], seed=1, **SETTINGS)
    curves = train_with_validation(net, TRAIN, VAL, eta, 6, batch_size=8, **options)
    ref.fit(*TRAIN, eta=eta, epochs=6, batch_size=8, **options)
    # the same loop: fit's lean plain-step batches fold η into δ^(L), so equal to round-off
    for a, b in zip(net.thetas, ref.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    assert curves.val_accuracy.shape == (7,)
    assert curves.val_accuracy[-1] == accuracy(ref, *VAL)
    assert curves.train_accuracy[-1] == accuracy(ref, *TRAIN)
    assert curves.val_cost[-1] == pytest.approx(ref.cost(*VAL), rel=1e-12)
    assert curves.train_cost[-1] == pytest.approx(ref.cost(*TRAIN), rel=1e-12)
    assert curves.best_epoch == int(np.argmin(curves.val_cost))
    best = Network([2, 8, 3], seed=1, **SETTINGS)
    if curves.best_epoch:
        best.fit(*TRAIN, eta=eta, epochs=curves.best_epoch, batch_size=8, **options)
    for a, b in zip(curves.best_thetas, best.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_seeds_at_once_equal_one_at_a_time():
    many = train_seeds_with_validation(
        [2, 6, 3], TRAIN, VAL, eta=0.5, epochs=5, seeds=[3, 4], batch_size=16, **SETTINGS
    )
    assert many.val_accuracy.shape == (2, 6)
    for r, seed in enumerate([3, 4]):
        one = train_with_validation(
            Network([2, 6, 3], seed=seed, **SETTINGS), TRAIN, VAL, 0.5, 5, batch_size=16
        )
        np.testing.assert_allclose(many.val_cost[r], one.val_cost, rtol=1e-10)
        np.testing.assert_array_equal(many.val_accuracy[r], one.val_accuracy)
        assert many.best_epoch[r] == one.best_epoch


def test_epochs_to_and_confusion_matrix():
    assert epochs_to([0.1, 0.5, 0.9, 0.8], 0.85) == 2
    assert epochs_to([0.1, 0.5], 0.9) is None
    assert epochs_to([[0.1, 0.9], [0.9, 0.9]], 0.9) == [1, 0]
    net = Network([2, 8, 3], seed=0, **SETTINGS)
    net.fit(X, y, eta=0.5, epochs=20, batch_size=10)
    counts = confusion_matrix(net, X, y)
    assert counts.shape == (3, 3) and counts.sum() == len(X)
    assert np.trace(counts) == round(accuracy(net, X, y) * len(X))
    np.testing.assert_array_equal(counts.sum(axis=1), np.bincount(y[:, 0].astype(int)))


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="net"):
        train_with_validation("net", TRAIN, VAL, 0.1, 1)
    with pytest.raises(ValueError, match="optimizer"):
        train_with_validation(Network([2, 4, 3], **SETTINGS), TRAIN, VAL, 0.1, 1, optimizer="x")
    with pytest.raises(FloatingPointError, match="diverged"):
        train_with_validation(
            Network([2, 4, 3], seed=0, hidden="relu", output="softmax", loss="ce"),
            TRAIN,
            VAL,
            1e150,
            3,
        )
