"""The foreseeable slips of notebook 04's exercise 1, stage by stage, and the library names.

Each table lists (message, slipped): the message names the slip, and slipped(v) computes the
array that slip gives from the stage's right values v (a SimpleNamespace). The checker in
`xor_stages` tries them in order with `answers.first_slip`, after the right answer.
"""

import numpy as np

from .. import activations, data, losses
from ..activations import sigmoid

# Foreseeable slips, stage by stage: (message, the slipped array computed from the values v).
Z_SLIPS = [
    ("misses the bias: add column 0 of Θ, the bias weights b", lambda v: v.prev @ v.W.T),
    ("uses W untransposed: z = b + a Wᵀ (Θ is units × inputs)", lambda v: v.prev @ v.W + v.b),
    (
        "takes the bias from the last column: the bias weights are column 0",
        lambda v: v.prev @ v.theta[:, :-1].T + v.theta[:, -1],
    ),
]
A_SLIPS = [
    ("equals z: apply σ, eq. (1)", lambda v: v.z),
    (
        "is σ'(z) = σ(1 − σ): the forward pass applies σ itself",
        lambda v: sigmoid(v.z) * (1 - sigmoid(v.z)),
    ),
]
OUTPUT_DELTA_SLIPS = {
    "mse": [
        (
            "is the article's ŷ − y, the error signal of cross-entropy; ½(ŷ − y)² on a sigmoid "
            "output keeps the factor σ'(z) = ŷ(1 − ŷ), eq. (31)",
            lambda v: v.y_hat - v.y,
        ),
        ("has σ where σ' belongs: multiply by ŷ(1 − ŷ)", lambda v: (v.y_hat - v.y) * v.y_hat),
    ],
    "bce": [
        (
            "has the factor ŷ(1 − ŷ) of ½(ŷ − y)²; for cross-entropy on a sigmoid output it "
            "cancels, leaving ŷ − y",
            lambda v: (v.y_hat - v.y) * v.y_hat * (1 - v.y_hat),
        ),
    ],
    "any": [
        ("has the wrong sign: eq. (14) starts from ŷ − y, not y − ŷ", lambda v: -v.right),
        ("is averaged over the samples: δ is per sample, with no 1/m", lambda v: v.right / v.m),
    ],
}
HIDDEN_DELTA_SLIPS = [
    (
        "has σ where σ' belongs: multiply by σ'(z) = a(1 − a), eq. (5)",
        lambda v: (v.above @ v.W) * v.a,
    ),
    (
        "applies σ' to a instead of z: σ'(z) is a(1 − a) from the stored a, eq. (5)",
        lambda v: (v.above @ v.W) * sigmoid(v.a) * (1 - sigmoid(v.a)),
    ),
    ("misses the factor σ'(z) = a(1 − a) of eq. (16)", lambda v: v.above @ v.W),
    (
        "uses W transposed: δ^(l) = (δ^(l+1) W) ⊙ a(1 − a)",
        lambda v: (v.above @ v.W.T) * v.a * (1 - v.a),
    ),
    (
        "drops the wrong column of Θ: the bias weights are column 0, keep Θ[:, 1:]",
        lambda v: (v.above @ v.theta[:, :-1]) * v.a * (1 - v.a),
    ),
]
GRADIENT_SLIPS = [
    ("is a mean where the article sums over the samples: drop the 1/m", lambda v: v.right / v.m),
    ("has the wrong sign: the −η belongs to the update", lambda v: -v.right),
    (
        "puts the bias gradient last: it is column 0, like Θ's bias weights",
        lambda v: np.hstack([v.delta.T @ v.a, v.delta.sum(axis=0)[:, None]]),
    ),
    ("is transposed (its shape happens to fit): δ^(l+1)ᵀ [1, a^(l)]", lambda v: v.right.T),
]
UPDATE_SLIPS = [
    ("climbs: it is Θ + η ∂J/∂Θ, and descent subtracts", lambda v: v.theta + v.eta * v.grad),
    ("misses η: Θ − η ∂J/∂Θ", lambda v: v.theta - v.grad),
    ("is only the change ΔΘ = −η ∂J/∂Θ: return Θ + ΔΘ", lambda v: -v.eta * v.grad),
]


# Modules whose functions a plain-NumPy stage may use: they compute nothing it is checked on.
ALLOWED_MODULES = {activations.__name__, data.__name__, losses.__name__}


def _library_object(value):
    """Whether `value` is a part of backprop_lib that computes what the exercise asks for:
    the package or one of its modules, a class, function or method defined there, or an
    instance of such a class (a Network). Activations, losses and data are allowed."""
    module = getattr(value, "__module__", None) or ""
    if hasattr(value, "__file__") and hasattr(value, "__name__"):  # a module
        module = value.__name__
    elif not callable(value) and not isinstance(value, type):
        module = type(value).__module__ or ""  # an instance: judged by its class
    if not (module == "backprop_lib" or module.startswith("backprop_lib.")):
        return False
    return module not in ALLOWED_MODULES


def library_names(fn):
    """The global names a function's code (nested functions included) uses that are the
    library's own answers (by what they are, not by what they are called): a student's own
    helper named `predict` is fine, an alias N = Network is not."""
    found = set()
    namespace = getattr(fn, "__globals__", {})
    codes = [getattr(fn, "__code__", None)]
    while codes:
        code = codes.pop()
        if code is None:
            continue
        for name in code.co_names:
            if name in namespace and _library_object(namespace[name]):
                found.add(name)
        codes += [c for c in code.co_consts if hasattr(c, "co_names")]
    return found
