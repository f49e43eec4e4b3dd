"""What the playground's settings build: the training set, the untrained network, and how many
epochs of training a time budget affords (so a retrain or a Play frame never blocks the page).
"""

from ..architecture import count_parameters
from ..data import make_dataset, spiral
from ..network import Network
from .settings import PAIRINGS, check_settings, classes

# Work budgets, in sample-parameter products (one multiply-add each, forward and backward)
# plus a fixed cost per epoch (NumPy's per-call overhead on small arrays). Calibrated in
# benchmarks/README.md: RETRAIN_WORK is about 0.3 s of training, FRAME_WORK about 25 ms.
EPOCH_OVERHEAD = 40_000
RETRAIN_WORK = 3.0e8
FRAME_WORK = 2.5e7


def epoch_work(layers, samples, batch=0):
    """The work of one epoch, in the budget's units: one fixed cost per update (per mini-batch
    of `batch` samples; 0 is the full batch, one update)."""
    updates = 1 if batch <= 0 or batch >= samples else -(-samples // batch)
    return samples * count_parameters(layers) + EPOCH_OVERHEAD * updates


def affordable_epochs(layers, samples, work, batch=0):
    """How many epochs fit in `work` for this network and data size (at least 1)."""
    return max(1, int(work // epoch_work(layers, samples, batch)))


def build_network(settings, n_inputs=2):
    """The untrained Network the settings describe (seeded, Glorot start).

    Inputs: settings; n_inputs, the data's width. Returns: Network([n_inputs, *hidden, K]),
    K = 1, or with softmax+ce the number of classes.
    """
    hidden_sizes = check_settings(settings)
    output, loss = PAIRINGS[settings.pairing]
    outputs = classes(settings.dataset) if output == "softmax" else 1
    return Network(
        [n_inputs, *hidden_sizes, outputs],
        hidden=settings.hidden,
        output=output,
        loss=loss,
        seed=settings.seed,
        reduction=settings.reduction,
    )


def build_data(settings):
    """The training set the settings describe. Returns: X (m, 2), y (m, 1) (class indices)."""
    check_settings(settings)
    if settings.dataset == "spiral3":
        return spiral(settings.n, settings.noise, settings.seed, classes=3)
    return make_dataset(settings.dataset, settings.n, settings.noise, settings.seed)
