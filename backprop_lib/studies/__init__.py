"""Measurements of training that the notebooks report: each returns numbers, never a picture.

  stall           the article's stalls over many seeds: first-solve epochs, first-step lengths,
                  merged inputs and how stuck runs are stuck
  sweep_data      the stored long sweeps of the stall study, read from the package's JSON
  shapes          the arrays of one training step with their shapes (eqs. 6, 13–17)
  diagnostics     per-layer gradient norms, epochs to solve: vanishing gradients, learning speed
  minibatch       mean or sum, batch sizes: update counts, cost noise, batch gradient spread
  initialisation  Glorot's range, per-layer spreads of a and δ, scaled weights
  generalisation  held-out data: learning curves, early stopping, confusion matrix, epochs to
                  a target accuracy
  showing         a helper's working lines (no docstring, no argument checks), printed in a
                  notebook before the notebook calls it

May import: the core (backprop_lib's top-level modules), NumPy and one another. Nothing here
imports matplotlib (backprop_lib.figures draws), the derivations, the playground or the
exercises.
"""
