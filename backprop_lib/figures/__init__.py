"""Static matplotlib figures for the notebooks.

  palette   the colours: one per concept (Okabe–Ito), shades for families, the colour maps
  plotting  decision boundary (with its colour bar) and loss curves, redrawn in place
  stall     notebook 04's stall-study figures: first-solve histograms, the η sweep
  digits    notebook 09: digits as images, learning curves, confusion matrix, saliency maps

May import: the core (backprop_lib's top-level modules), NumPy and matplotlib. Figures take
what the studies measured as arguments; nothing here imports the studies, the derivations, the
playground (which draws SVG of its own) or the exercises.
"""
