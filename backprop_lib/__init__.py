"""backprop_lib: the article's backpropagation (eqs. 1–17) in a few small NumPy modules.

activations  σ, tanh, ReLU, linear and their derivatives (eq. 5)
losses       J: ½(ŷ − y)² (eq. 7) and cross-entropy; the output δ (eq. 14)
network      Network: forward (6), deltas (13)–(16), gradients and fit (12), (17)
gradcheck    gradient_check: analytic against central differences
data         xor() and other small training sets
"""

from .activations import ACTIVATIONS
from .data import xor
from .gradcheck import central_difference, gradient_check, numerical_gradients, relative_error
from .losses import LOSSES
from .network import Forward, History, Network

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "Forward",
    "History",
    "Network",
    "central_difference",
    "gradient_check",
    "numerical_gradients",
    "relative_error",
    "xor",
]
