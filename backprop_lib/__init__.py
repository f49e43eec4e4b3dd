"""backprop_lib: the article's backpropagation (eqs. 1–17) in small NumPy modules.

The maths
  activations   σ, tanh, ReLU, linear and their derivatives from the stored output (eq. 5);
                softmax, for the output layer only
  losses        J: ½(ŷ − y)² (eq. 7), cross-entropy, categorical cross-entropy; sum or mean;
                the output δ (eq. 14)
  network       Network: forward (6), deltas (13)–(16), gradients and fit (12), (17), full
                batch or mini-batches
  descent       the fast training loop behind fit and train_many
  optimisers    update rules of fit: plain steps, momentum, Adam; L2 weight decay
  saliency      ∂(class score)/∂x: the δ recursion carried to the input
  training      train_many: one network per seed, all trained at once with stacked Θ
  gradcheck     gradient_check: analytic against central differences
  symbolic      SymPy derivations of eqs. (1)–(17) on the single-path network
  output_layer  the output δ^(L) derived in SymPy for each output/cost pair (eqs. 13, 14)
  graphs        SymPy on whole layers: many paths, Θᵀδ, ∂J/∂Θ = δᵀ [1, a] entry by entry
  autodiff      Value: scalar reverse-mode autodiff; a Network's cost as a graph of Values
  multiclass    the softmax + cross-entropy δ in SymPy; predicted classes, accuracy
The data and the studies
  data          xor() and seeded 2-D sets: circles, moons, spiral (2 or more classes);
                digits(), the 8×8 handwritten digits; split(), stratified parts
  studies       XOR's training step in shapes; the stall study (first-solve epochs)
  diagnostics   per-layer gradient norms, epochs to solve: learning speed measured
  minibatch     mean or sum, batch sizes: update counts, cost noise, batch gradient spread
  initialisation  Glorot's range, per-layer spreads of a and δ, scaled weights
  generalisation  held-out data: learning curves, early stopping, confusion matrix, epochs
                to a target accuracy
Pictures and the playground
  plotting      decision boundary, loss curve, Θ diagram, backward pass (updated in place)
  playground    the live playground's logic: settings → network → training in chunks → PNG
  widgets       the ipywidgets layer over playground (import it from its submodule)
  exercises     the notebooks' exercise checkers, one module per notebook
Yardsticks
  validation    argument checks whose messages name the parameter
  seed_reference  the article's NumPy algorithm restated, for tests and benchmarks
"""

from .activations import ACTIVATIONS
from .data import xor
from .gradcheck import central_difference, gradient_check, numerical_gradients
from .losses import LOSSES
from .network import Forward, History, Network
from .training import TrainedRuns, train_many

__all__ = [
    "ACTIVATIONS",
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
