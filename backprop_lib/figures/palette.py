"""The colours of the static figures, in one place.

CLASS_CMAP maps ŷ: ColorBrewer PuOr, orange = class 0, white = ½, purple = class 1 (colour-blind
safe; the playground's views use the same ends). SETUP_COLOURS and SETUP_MARKERS give each of
notebook 04's setups (a), (b), (c) one look wherever it is drawn.
"""

CLASS_CMAP = "PuOr"  # ŷ: orange = 0, white = 0.5, purple = 1 (colour-blind safe)

# One colour per setup wherever notebook 04 draws one: Okabe–Ito colours, safe for colour-blind
# readers, and neither red nor blue, which the decision-boundary maps use for ŷ.
SETUP_COLOURS = {"a": "#000000", "b": "#E69F00", "c": "#009E73"}
SETUP_MARKERS = {"a": "o", "b": "s", "c": "^"}
