"""The collection's colours: one colour per concept, named, for every figure of every notebook.

The eight colours are Okabe and Ito's, chosen to stay apart for the common colour-blindnesses.
Black, white and greys are not concepts: they draw axes, marker edges, reference lines, the
ŷ = ½ contour and annotations (GREYS). Seven colours cannot give each of the collection's
concepts a hue of its own, so two rules hold, and tests/test_palette.py checks both:
  * a concept keeps its colour everywhere (figures look it up here by name, never by hex);
  * no two concepts used in one notebook share a colour.
Where a figure needs more than colour (a variant of one concept, a second property), line style
or marker is the second channel: e.g. notebook 06 colours an output + cost pairing by its cost
and draws a linear output dashed.

    concept                       colour (Okabe–Ito)   notebooks
    activations
      sigmoid (σ)                 blue        #0072B2  01, 06
      tanh                        green       #009E73  06
      relu                        orange      #E69F00  06
      linear                      sky blue    #56B4E9  06
      σ' (the derivative)         vermilion   #D55E00  01
    costs
      mse (the article's J, (7))  purple      #CC79A7  02, 03, 04, 06
      cross-entropy               vermilion   #D55E00  03, 06
    methods: one at a time (orange) against work shared (sky blue)
      per weight / reusing δ      orange / sky blue    03
      two-point / four-point      orange / sky blue    01
      graph / vectorised          orange / sky blue    07
    starts and setups
      article's setup, U[0, 1)    vermilion   #D55E00  04b, 08
      halved cost ½(ŷ − y)²       orange      #E69F00  04b
      glorot (and its scalings)   sky blue    #56B4E9  04b, 08
    data
      training / validation       blue / vermilion     09
      class 0 / 1 / 2             blue / orange / green  08
    families (one hue, shades from dark to light: `shades(concept, n)`)
      batch size                  purple               08
      glorot scale                sky blue             08
      step size η                 blue                 05

Colour maps (CMAPS) encode a value, each with a colour bar where it is drawn: ŷ in PuOr
(orange = class 0, white = ½, purple = class 1), a digit's ink in gray_r, a saliency map in
RdBu_r (symmetric about 0), confusion counts in Blues, a layer's number in viridis.
"""

from matplotlib.colors import to_hex, to_rgb

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "purple": "#CC79A7",
}
_O = OKABE_ITO

COLOURS = {
    # activations (hidden or output units, and the functions drawn in notebook 01)
    "sigmoid": _O["blue"],
    "σ": _O["blue"],  # the sigmoid itself: the same concept, the same colour
    "tanh": _O["green"],
    "relu": _O["orange"],
    "linear": _O["sky blue"],
    "σ'": _O["vermilion"],
    # costs
    "mse": _O["purple"],  # the article's J, eq. (7)
    "cross-entropy": _O["vermilion"],
    # methods: one at a time (orange) against work shared (sky blue)
    "per weight": _O["orange"],
    "reusing δ": _O["sky blue"],
    "two-point": _O["orange"],
    "four-point": _O["sky blue"],
    "graph": _O["orange"],
    "vectorised": _O["sky blue"],
    # starts and setups of notebooks 04b and 08
    "article's setup": _O["vermilion"],  # U[0, 1) start, J of eq. (7), η = 0.1
    "halved cost": _O["orange"],
    "glorot": _O["sky blue"],
    # data
    "training": _O["blue"],
    "validation": _O["vermilion"],
    "class 0": _O["blue"],
    "class 1": _O["orange"],
    "class 2": _O["green"],
    # families drawn in shades of one hue (see shades)
    "batch size": _O["purple"],
    "glorot scale": _O["sky blue"],
    "step size η": _O["blue"],
}

# The library's loss names (Network(loss=...)) and the concept each is drawn as.
COST_CONCEPT = {"mse": "mse", "bce": "cross-entropy", "ce": "cross-entropy"}

# Not concepts: axes, marker edges, reference lines, contours and annotations.
GREYS = {"edge": "#000000", "reference": "#999999", "annotation": "#696969", "paper": "#FFFFFF"}

CMAPS = {
    "ŷ": "PuOr",  # orange = class 0, white = 0.5, purple = class 1 (colour-blind safe)
    "ink": "gray_r",  # a digit's ink, dark on white paper
    "saliency": "RdBu_r",  # red: more ink raises the score; blue: lowers it
    "counts": "Blues",  # a confusion matrix's counts
    "layer": "viridis",  # a layer's number, ordered
}
CLASS_CMAP = CMAPS["ŷ"]

# Notebook 04b's setups (a), (b), (c), one look wherever they are drawn.
SETUP_COLOURS = {
    "a": COLOURS["article's setup"],
    "b": COLOURS["halved cost"],
    "c": COLOURS["glorot"],
}
SETUP_MARKERS = {"a": "o", "b": "s", "c": "^"}


def shades(concept, n):
    """n shades of one concept's hue, darkest first, for an ordered family (batch sizes, η).

    The hue is mixed with black (down to 45 %) and with white (up to 55 %), so the lightest
    still stands out on white paper. Inputs: concept, a key of COLOURS; n, 1 to 6.
    Returns: a list of n hex strings.
    """
    if concept not in COLOURS:
        raise KeyError(f"concept must be one of {sorted(COLOURS)}, not {concept!r}")
    if not isinstance(n, int) or not 1 <= n <= 6:
        raise ValueError(f"n must be an int from 1 to 6 (shades that stay apart), not {n!r}")
    rgb = to_rgb(COLOURS[concept])
    if n == 1:
        return [to_hex(rgb)]
    out = []
    for i in range(n):
        t = -0.45 + i / (n - 1)  # -0.45 (towards black) .. 0.55 (towards white)
        if t < 0:
            mixed = tuple(c * (1 + t) for c in rgb)
        else:
            mixed = tuple(c + (1 - c) * t for c in rgb)
        out.append(to_hex(mixed))
    return out
