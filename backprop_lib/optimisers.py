"""Update rules for gradient descent: plain steps (eq. 12), momentum, Adam; L2 weight decay.

Each rule is written twice. The readable one takes Θ, its gradient g = ∂J/∂Θ and the rule's
state, and returns the new Θ and state, as a notebook would write it. The fast one (make_step)
is what the training loop in descent.py calls once per update: it turns the gradient, held in
one flat vector of every parameter, into the step Θ ← Θ − step, in place. Tests hold the two
equal.

  plain SGD, eq. (12):   step = η g
  momentum, eq. (33):    v ← β v + g,                     step = η v
  Adam, eq. (34):        m ← β₁ m + (1 − β₁) g,  s ← β₂ s + (1 − β₂) g²,
                         step = η m̂ / (√ŝ + ε),  m̂ = m / (1 − β₁ᵗ),  ŝ = s / (1 − β₂ᵗ)
L2 weight decay, eqs. (31)–(32), adds λ W to g before any rule (W: the weights, not the biases).
"""

import numpy as np

from .validation import check_choice, check_real, shown

OPTIMIZERS = ("sgd", "adam")
ADAM_BETAS = (0.9, 0.999)  # Kingma and Ba's defaults, used by every library that has Adam
ADAM_EPSILON = 1e-8


def check_l2(l2):
    """l2 as a float ≥ 0 (λ of eqs. 31–32), or raise naming the parameter."""
    wanted = "a number ≥ 0 (the L2 weight-decay factor λ)"
    value = check_real("l2", l2, wanted)
    if not 0 <= value < np.inf:
        raise ValueError(f"l2: expected {wanted}, got {shown(l2)}")
    return value


def check_momentum(momentum, optimizer):
    """momentum as a float in [0, 1) (β of eq. 33), or raise; only plain SGD takes one."""
    wanted = "a number from 0 to below 1 (the momentum factor β)"
    value = check_real("momentum", momentum, wanted)
    if not 0 <= value < 1:
        raise ValueError(f"momentum: expected {wanted}, got {shown(momentum)}")
    if value and optimizer != "sgd":
        raise ValueError(
            f"momentum: optimizer={optimizer!r} keeps its own moving averages; "
            "give momentum only with optimizer='sgd'"
        )
    return value


def check_rule(momentum=0.0, optimizer="sgd", **unknown):
    """The update rule of fit as dict(momentum=β, optimizer=name), checked; see make_step."""
    if unknown:
        raise TypeError(
            f"fit: unexpected argument {next(iter(unknown))!r}; an update rule takes "
            "momentum=β or optimizer='adam'"
        )
    optimizer = check_choice("optimizer", optimizer, OPTIMIZERS)
    return dict(momentum=check_momentum(momentum, optimizer), optimizer=optimizer)


def l2_penalty(thetas, l2):
    """(λ/2) Σ w² over every Θ's weights (column 0, the biases, left out), eq. (31)."""
    if not l2:
        return 0.0
    return 0.5 * l2 * sum(np.sum(np.asarray(theta)[:, 1:] ** 2) for theta in thetas)


def with_weight_decay(grads, thetas, l2):
    """grads, each + λ W of its Θ (eq. 32); grads unchanged when l2 is 0."""
    if not l2:
        return grads
    return [g + weight_decay_gradient(t, l2) for g, t in zip(grads, thetas)]


# -- the readable rules ---------------------------------------------------------------------


def weight_decay_gradient(theta, l2):
    """λ W with a zero bias column: the gradient of (λ/2) Σ w² over one Θ, eq. (32).

    Inputs: theta (n_out, n_in + 1), bias weights in column 0; l2, λ ≥ 0.
    Returns: an array shaped like theta.
    """
    decay = l2 * np.asarray(theta, dtype=float)
    decay[..., 0] = 0.0  # the biases are not decayed
    return decay


def momentum_update(theta, velocity, grad, eta, beta):
    """One momentum step, eq. (33): v ← β v + g, Θ ← Θ − η v.

    Inputs: theta, velocity, grad, arrays of one shape (velocity starts at zeros); eta > 0;
    beta in [0, 1). Returns: (new theta, new velocity).
    """
    velocity = beta * velocity + grad
    return theta - eta * velocity, velocity


def adam_update(theta, state, grad, eta, t, betas=ADAM_BETAS, eps=ADAM_EPSILON):
    """One Adam step, eq. (34), the t-th (t = 1, 2, …).

    Inputs: theta, grad, arrays of one shape; state, (m, s) arrays of that shape (zeros at
    first); eta > 0. Returns: (new theta, new state).
    """
    beta1, beta2 = betas
    m, s = state
    m = beta1 * m + (1 - beta1) * grad
    s = beta2 * s + (1 - beta2) * grad**2
    m_hat, s_hat = m / (1 - beta1**t), s / (1 - beta2**t)
    return theta - eta * m_hat / (np.sqrt(s_hat) + eps), (m, s)


# -- the fast rules, for descent.py ---------------------------------------------------------


def make_step(eta, flat, decay=None, momentum=0.0, optimizer="sgd"):
    """A function step(grad) that turns grad (the flat ∂J/∂Θ) into the step, in place.

    Inputs: eta > 0; flat, the flat parameter vector the loop updates (read for the decay);
    decay, None or a flat vector λ · (1 for weights, 0 for biases); momentum, β; optimizer,
    one of OPTIMIZERS. Every call starts the rule's state afresh (zeros, t = 0).
    Returns: step(grad), writing the step into grad; the loop then subtracts it from flat.
    step.eta: η (0-d) for plain steps without decay, where step is grad × η; else None.
    """
    eta = np.array(eta)
    scratch = np.empty_like(flat) if decay is not None or optimizer == "adam" else None

    def add_decay(grad):
        if decay is not None:  # eq. (32): g + λ W
            np.multiply(flat, decay, out=scratch)
            np.add(grad, scratch, out=grad)

    if optimizer == "adam":
        beta1, beta2 = ADAM_BETAS
        m, s, t = np.zeros_like(flat), np.zeros_like(flat), [0]

        def step(grad):
            add_decay(grad)
            t[0] += 1
            np.multiply(m, beta1, out=m)  # m ← β₁ m + (1 − β₁) g
            np.multiply(grad, 1 - beta1, out=scratch)
            np.add(m, scratch, out=m)
            np.multiply(s, beta2, out=s)  # s ← β₂ s + (1 − β₂) g²
            np.multiply(grad, grad, out=scratch)
            np.multiply(scratch, 1 - beta2, out=scratch)
            np.add(s, scratch, out=s)
            np.divide(s, 1 - beta2 ** t[0], out=scratch)  # √ŝ + ε
            np.sqrt(scratch, out=scratch)
            np.add(scratch, ADAM_EPSILON, out=scratch)
            np.divide(m, scratch, out=grad)
            np.multiply(grad, eta / (1 - beta1 ** t[0]), out=grad)  # η m̂ / (√ŝ + ε)

    elif momentum:
        velocity, beta = np.zeros_like(flat), np.array(momentum)

        def step(grad):
            add_decay(grad)
            np.multiply(velocity, beta, out=velocity)
            np.add(velocity, grad, out=velocity)
            np.multiply(velocity, eta, out=grad)

    else:

        def step(grad):
            add_decay(grad)
            np.multiply(grad, eta, out=grad)  # eq. (12): Θ ← Θ − η ∂J/∂Θ

    # plain steps (eq. 12, no decay): η, for a loop that folds it into its gradient
    step.eta = eta if optimizer != "adam" and not momentum and decay is None else None
    return step


def no_step(grad):
    """The step for a loop that folded η into its gradient (make_step's step.eta): grad as is."""


def step_for(eta, descent, rule=None):
    """make_step for a descent.Descent: its flat Θ, its network's L2 decay, `rule` checked.

    Inputs: eta > 0; descent, with flat, l2 and _views (the flat vector shaped as each Θ);
    rule, None (plain steps, eq. 12) or a dict of check_rule's arguments.
    Returns: step(grad), as make_step.
    """
    rule = check_rule(**(rule or {}))
    decay = None
    if descent.l2:  # λ on every weight, 0 on the biases (column 0 of each Θ), eq. (32)
        decay = np.zeros_like(descent.flat)
        for d in descent._views(decay):
            d[..., 1:] = descent.l2
    return make_step(eta, descent.flat, decay, **rule)
