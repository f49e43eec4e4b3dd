"""Notebook 09's figures: digits as 8 × 8 images, learning curves, a confusion matrix, saliency.

Every function draws into axes it is given and returns nothing; the caller makes the figure.
"""

import numpy as np

from ..data import DIGIT_SIDE
from .palette import CMAPS, COLOURS

TRAIN_COLOUR, VAL_COLOUR = COLOURS["training"], COLOURS["validation"]
DIGIT_CMAP = CMAPS["ink"]  # ink dark on white paper, as written
SALIENCY_CMAP = CMAPS["saliency"]  # red: more ink raises the score; blue: lowers it


def show_digits(axes, X, titles=None):
    """Each row of X (one per axis of `axes`) as an 8 × 8 image, with an optional title."""
    for i, ax in enumerate(np.ravel(axes)):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= len(X):
            ax.set_axis_off()
            continue
        ax.imshow(X[i].reshape(DIGIT_SIDE, DIGIT_SIDE), cmap=DIGIT_CMAP, vmin=0, vmax=1)
        if titles is not None:
            ax.set_title(titles[i], fontsize=10)


def plot_curves(ax_cost, ax_accuracy, curves, stop=None):
    """Training and validation cost (left) and accuracy (right) against the epoch.

    curves: a studies.generalisation.Curves of one network; stop: an epoch to mark, or None.
    """
    epochs = np.arange(len(curves.train_cost))
    for ax, train, val, label in (
        (ax_cost, curves.train_cost, curves.val_cost, "cost J (mean cross-entropy)"),
        (ax_accuracy, curves.train_accuracy, curves.val_accuracy, "accuracy"),
    ):
        ax.plot(epochs, train, color=TRAIN_COLOUR, label="training")
        ax.plot(epochs, val, color=VAL_COLOUR, ls="--", label="validation")
        if stop is not None:
            ax.axvline(stop, color="k", lw=0.8, ls=":", label=f"lowest validation J (epoch {stop})")
        ax.set_xlabel("epoch", fontsize=12)
        ax.set_ylabel(label, fontsize=12)
    ax_cost.set_yscale("log")
    ax_accuracy.legend(fontsize=10, loc="lower right")


def plot_confusion(ax, counts):
    """A confusion matrix: rows the true class, columns the predicted one; counts written in."""
    K = len(counts)
    ax.imshow(np.log1p(counts), cmap=CMAPS["counts"])
    for t in range(K):
        for p in range(K):
            if counts[t, p]:
                colour = "white" if counts[t, p] > counts.max() / 2 else "black"
                ax.text(p, t, str(counts[t, p]), ha="center", va="center", fontsize=9, color=colour)
    ax.set_xticks(range(K))
    ax.set_yticks(range(K))
    ax.set_xlabel("predicted class", fontsize=12)
    ax.set_ylabel("true class", fontsize=12)


def show_saliency(axes, maps, titles):
    """Each map (one per axis) as an 8 × 8 image on a colour scale symmetric about 0."""
    for ax, grid, title in zip(np.ravel(axes), maps, titles):
        top = np.abs(grid).max() or 1.0
        ax.imshow(grid.reshape(DIGIT_SIDE, DIGIT_SIDE), cmap=SALIENCY_CMAP, vmin=-top, vmax=top)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=10)
