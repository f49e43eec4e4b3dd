"""The one gradient check: analytic ∂J/∂Θ against central differences."""

import warnings

import numpy as np


def central_difference(f, x, eps=1e-3):
    """f'(x) by the fourth-order central difference.

    [8(f(x+ε) − f(x−ε)) − (f(x+2ε) − f(x−2ε))] / 12ε: the two-point formula
    (f(x+ε) − f(x−ε)) / 2ε with its ε² error term cancelled (Richardson), so the error is
    O(ε⁴) and ε can be large enough that round-off stays near 1e-13 of f.
    Inputs: f, a scalar function of one float; x, float. Returns: float.
    """
    return (8 * (f(x + eps) - f(x - eps)) - (f(x + 2 * eps) - f(x - 2 * eps))) / (12 * eps)


def numerical_gradients(net, X, y, eps=1e-3):
    """∂J/∂Θ by central differences (`central_difference`), one parameter at a time.

    Works on float64 copies of net.thetas and puts the originals back afterwards; each
    nudged entry is restored before the next one is nudged.
    Inputs: net (anything with .thetas and .cost(X, y)), X, y, eps. Returns: list like thetas.
    """
    originals = net.thetas
    net.thetas = [np.array(t, dtype=float) for t in originals]
    try:
        numeric = []
        for theta in net.thetas:
            g = np.zeros_like(theta)
            for idx in np.ndindex(theta.shape):
                old = theta[idx]

                def cost_at(value, theta=theta, idx=idx):
                    theta[idx] = value
                    return net.cost(X, y)

                g[idx] = central_difference(cost_at, old, eps)
                theta[idx] = old
            numeric.append(g)
    finally:
        net.thetas = originals
    return numeric


def gradient_check(net, X, y, analytic=None, eps=1e-3):
    """Largest relative error, over layers, between analytic and numerical ∂J/∂Θ.

    Each layer's error |a − n| is measured against the size of the whole gradient,
    |a| + |n| over all layers: a layer whose gradient has all but vanished (deep sigmoid
    nets) then is not judged on round-off alone, while an error there still shows.
    Inputs: net, X, y; analytic, a list shaped like net.thetas (default: net.gradients(X, y)),
    so that any candidate gradient can be checked against the cost net.cost differentiates.
    Returns: float; below 1e-7 the two agree (float64); a wrong term gives far more.
    """
    if analytic is None:
        analytic = net.gradients(X, y)
    _warn_near_relu_kink(net, X, eps)
    numeric = numerical_gradients(net, X, y, eps)
    if len(analytic) != len(numeric):
        raise ValueError(f"analytic: expected {len(numeric)} arrays, got {len(analytic)}")
    for l, (a, n) in enumerate(zip(analytic, numeric)):
        if np.shape(a) != n.shape:
            raise ValueError(f"analytic[{l}]: expected shape {n.shape}, got {np.shape(a)}")
    scale = np.linalg.norm(np.concatenate([np.ravel(a) for a in analytic])) + np.linalg.norm(
        np.concatenate([n.ravel() for n in numeric])
    )
    return max(
        float(np.linalg.norm(np.ravel(a) - n.ravel()) / max(1e-12, scale))
        for a, n in zip(analytic, numeric)
    )


def _warn_near_relu_kink(net, X, eps):
    """Warn when a ReLU unit's z lies so close to 0 that a nudge of ε can cross the kink.

    ReLU has no derivative at z = 0; a central difference taken across it measures neither
    side's slope, so gradient_check's error there says nothing about backpropagation.
    A nudge of ±2ε to a weight moves z by at most 2ε·max(1, |a|) (its input a, or 1 for a bias).
    """
    if "relu" not in (getattr(net, "hidden", None), getattr(net, "output", None)):
        return
    forward = net.forward(X)
    last = len(forward.z) - 1
    near = 0
    for l in range(1, last + 1):
        if (net.output if l == last else net.hidden) != "relu":
            continue
        reach = 2 * eps * max(1.0, float(np.abs(forward.a[l - 1]).max()))
        near += int(np.count_nonzero(np.abs(forward.z[l]) < reach))
    if near:
        warnings.warn(
            f"gradient_check: {near} ReLU input(s) z lie within the step ε = {eps} of the kink "
            f"at z = 0, where ReLU has no derivative: central differences across it do not "
            f"measure the gradient, so a large error there need not mean a bug. Move away from "
            f"the kink (non-zero biases, other inputs) to check the gradient.",
            UserWarning,
            stacklevel=3,
        )
