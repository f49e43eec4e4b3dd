"""Every activation × output/loss pairing that Network accepts (24), for the gradient tests."""

import itertools

from backprop_lib import ACTIVATIONS

PAIRINGS = [
    (hidden, output, loss)
    for hidden, output in itertools.product(ACTIVATIONS, [*ACTIVATIONS, "softmax"])
    for loss in ("mse", "bce", "ce")
    if (loss == "bce") == (output == "sigmoid") or (loss == "mse" and output != "softmax")
    if (loss == "ce") == (output == "softmax")
]
