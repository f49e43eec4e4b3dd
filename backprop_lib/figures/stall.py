"""Notebook 04's stall-study figures: first-solve histograms, the η sweep against the first step."""

import numpy as np

from .palette import SETUP_COLOURS, SETUP_MARKERS


def plot_first_solve(ax, studies, bins=25, colours=None, styles=None):
    """Histograms of first-solve epochs, one per study, with the share solved in the legend.

    Inputs: ax, a matplotlib Axes; studies, a list of StallStudy trained for the same epochs;
    colours, one palette colour per study (None: matplotlib's cycle); styles, one line style
    per study (None: all solid), the second channel for two runs of one setup.
    Returns: ax.
    """
    epochs = max(s.epochs for s in studies)
    edges = np.linspace(0, epochs, bins + 1)
    colours = colours or [None] * len(studies)
    styles = styles or ["-"] * len(studies)
    for study, colour, style in zip(studies, colours, styles):
        ax.hist(
            study.first_solve[study.solved],
            bins=edges,
            histtype="step",
            lw=2,
            ls=style,
            color=colour,
            label=f"{study.label}: {study.fraction_solved:.0%} solve",
        )
    ax.set_xlabel("first epoch at which all four outputs are on the right side of ½")
    ax.set_ylabel("runs")
    ax.set_xlim(0, epochs)
    ax.legend(fontsize=10)
    return ax


def plot_step_sweep(axes, rows, labels):
    """The η sweep against the first step's length: share solved, and median first-solve epoch.

    Inputs: axes, two matplotlib Axes; rows, StallStudy.row() dicts with "setup" ("a", "b",
    "c") and "step" (initial_step_length) keys; labels, {setup: legend text}.
    Returns: axes.
    """
    left, right = axes
    for setup, label in labels.items():
        mine = sorted((r for r in rows if r["setup"] == setup), key=lambda r: r["step"])
        style = dict(
            color=SETUP_COLOURS[setup],
            marker=SETUP_MARKERS[setup],
            markeredgecolor="black",
            markersize=7,
            lw=1.8,
            label=label,
        )
        left.plot([r["step"] for r in mine], [r["solved"] / r["runs"] for r in mine], **style)
        solved = [r for r in mine if r["median"] is not None]
        right.plot([r["step"] for r in solved], [r["median"] for r in solved], **style)
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("length of the first step, mean of ‖η ∂J/∂Θ‖")
        ax.grid(alpha=0.3)
    left.set_ylabel("share of runs that solve XOR")
    right.set_ylabel("median first-solve epoch")
    right.set_yscale("log")
    left.legend(fontsize=10)
    return axes
