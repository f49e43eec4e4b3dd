"""backprop_lib: the article's backpropagation (eqs. 1–17) in small NumPy modules.

The core, at the top of the package (NumPy only)
  validation      argument checks whose messages name the parameter
  refusal         the library switched off while a checker runs a student's function
  activations     σ, tanh, ReLU, linear and their derivatives from the stored output (eq. 5);
                  softmax, for the output layer only
  losses          J: ½(ŷ − y)² (eq. 7), cross-entropy, categorical cross-entropy; sum or mean;
                  the output δ (eq. 14)
  network         Network: forward (6), deltas (13)–(16), gradients, and the training loop
                  (12), (17) written to be read (readable_fit); full batch or mini-batches
  descent         the same loop as Network.readable_fit, made fast: fit and train_many run it
  optimisers      update rules of fit: plain steps, momentum, Adam; L2 weight decay
  kernels         its building blocks: activations in place, the arrays of one pass, one BLAS
                  thread for small products
  epochs          an epoch's bookkeeping: shuffled mini-batches, their costs, History
  divergence      Diverged, and why training diverged, in the words both loops report
  architecture    a network's layers, activations, loss and Θ checked; Θ made; the size
                  of one call
  training        train_many: one network per seed, all trained at once with stacked Θ
  gradcheck       gradient_check: analytic against central differences
  saliency        ∂(class score)/∂x: the δ recursion carried to the input
  classes         a K-class network's predicted classes and accuracy
  data            xor() and seeded 2-D sets: circles, moons, spiral (2 or more classes);
                  digits(), the 8×8 handwritten digits; split(), stratified parts
  autodiff        Value: scalar reverse-mode autodiff; a Network's cost as a graph of Values
  seed_reference  the article's NumPy algorithm restated, for tests and benchmarks
The layers above it, one subpackage each (imports point down only)
  derivations     SymPy: eqs. (1)–(17) on the single-path network, the output δ for each
                  output/cost pair, whole layers, the softmax + cross-entropy δ
  studies         measurements: the stall study, one step's shapes, gradient norms and
                  learning speed, mini-batches, initialisation
  figures         static matplotlib figures: decision boundary, loss curves, the stall study
  playground      the live playground: settings → network → training in chunks → SVG views,
                  with its ipywidgets controls and the presenter layout
  exercises       the notebooks' exercise checkers, one module per notebook
"""

from .activations import ACTIVATIONS
from .data import xor
from .divergence import Diverged
from .gradcheck import central_difference, gradient_check, numerical_gradients
from .losses import LOSSES
from .network import Forward, History, Network
from .training import TrainedRuns, train_many

__all__ = [
    "ACTIVATIONS",
    "Diverged",
    "LOSSES",
    "Forward",
    "History",
    "Network",
    "TrainedRuns",
    "central_difference",
    "gradient_check",
    "numerical_gradients",
    "train_many",
    "xor",
]
