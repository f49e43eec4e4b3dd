"""Static matplotlib figures for the notebooks.

  palette   the colours: the ŷ colour map, one colour and marker per setup of notebook 04
  plotting  decision boundary (with its colour bar) and loss curves, redrawn in place
  stall     notebook 04's stall-study figures: first-solve histograms, the η sweep
  digits    notebook 09: digits as images, learning curves, confusion matrix, saliency maps

May import: the core (backprop_lib's top-level modules), NumPy and matplotlib. Figures take
what the studies measured as arguments; nothing here imports the studies, the derivations, the
playground (which draws SVG of its own) or the exercises.
"""
