"""The timed cases of the benchmark: each trains a network for a number of epochs and returns it.

Every case starts from the same Θ as its rivals, so that all of them do the same arithmetic:
  seed_loop    the article's algorithm (backprop_lib.seed_reference: hstack'ed bias columns,
               δ carried with its bias column, σ' recomputed from z), no cost history kept;
  fit_loop     Network.fit, with its argument checks and the per-epoch cost history;
  many_loop    train_many, one run per seed;
  torch_loop   a PyTorch CPU autograd loop of the same network (float64, same δ = ŷ − y
               through cross-entropy on a sigmoid output, same full-batch update, cost history).
"""

import numpy as np

from backprop_lib import Network, xor
from backprop_lib.seed_reference import seed_epoch
from backprop_lib.training import train_many

XOR_LAYERS = [2, 2, 2, 1]
BIG_LAYERS = [64, 64, 10]
ETA = 0.1


def xor_data():
    """The article's XOR set. Returns: X (4, 2), y (4, 1)."""
    return xor()


def big_data(seed=0):
    """Random data the size of the 8×8 digits set, made here: X (1797, 64) in [0, 1), y one-hot.

    Returns: X (1797, 64), y (1797, 10).
    """
    rng = np.random.default_rng(seed)
    X = rng.random((1797, 64))
    y = np.eye(10)[rng.integers(0, 10, size=1797)]
    return X, y


def start(layers, init="uniform", seed=1):
    """The common starting Θ: a list of (n_out, n_in + 1) arrays (init as in Network)."""
    return Network(layers, loss="bce", init=init, seed=seed).thetas


def seed_loop(thetas, X, y, epochs, eta=ETA):
    """The article's algorithm for `epochs` epochs. Returns: the final list of Θ."""
    thetas = [t.copy() for t in thetas]
    for _ in range(epochs):
        thetas = seed_epoch(thetas, X, y, eta)
    return thetas


def fit_loop(thetas, X, y, epochs, eta=ETA, loss="bce"):
    """Network.fit from the given Θ (sigmoid layers). Returns: the final list of Θ."""
    net = Network([X.shape[1]] + [t.shape[0] for t in thetas], loss=loss)
    net.thetas = [t.copy() for t in thetas]
    net.fit(X, y, eta=eta, epochs=epochs)
    return net.thetas


def many_loop(layers, X, y, epochs, seeds, eta=ETA):
    """train_many with the article's setup (uniform init, sigmoid, "bce"). Returns: TrainedRuns."""
    return train_many(layers, X, y, eta=eta, epochs=epochs, seeds=seeds, init="uniform", loss="bce")


def torch_loop(torch, thetas, X, y, epochs, eta=ETA):
    """The same network and updates in PyTorch (CPU, float64, autograd). Returns: list of Θ.

    Θ is split into weights and biases as torch.nn.functional.linear expects; the cost
    Σ cross-entropy has the article's output δ = ŷ − y, and its value is kept every epoch.
    """
    F = torch.nn.functional
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    params = []
    for t in thetas:
        params += [
            torch.tensor(t[:, 1:], dtype=torch.float64, requires_grad=True),
            torch.tensor(t[:, 0], dtype=torch.float64, requires_grad=True),
        ]
    cost = []
    for _ in range(epochs):
        a = Xt
        for W, b in zip(params[:-2:2], params[1:-2:2]):
            a = torch.sigmoid(F.linear(a, W, b))
        z = F.linear(a, params[-2], params[-1])
        loss = F.binary_cross_entropy_with_logits(z, yt, reduction="sum")
        cost.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= eta * p.grad
                p.grad = None
    return [
        np.hstack([b.detach().numpy()[:, None], W.detach().numpy()])
        for W, b in zip(params[::2], params[1::2])
    ]
