"""The quiz bank's questions on notebooks 01–04 (the derivations and XOR), and the Question
record every question is. quiz.py grades them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One quiz question: id (q<notebook>_<word>), notebook ("01" … "08", "08b"), kind, prompt,
    the right answer (a letter for "choice", a number otherwise), the choices of a multiple
    choice."""

    id: str
    notebook: str
    kind: str  # "choice", "number" or "predict"
    prompt: str
    answer: object
    choices: tuple = ()


def _q(id, notebook, kind, prompt, answer, *choices):
    label = f"{notebook:02d}" if isinstance(notebook, int) else notebook  # 8 → "08"; "08b"
    return Question(id, label, kind, prompt, answer, tuple(choices))


DERIVATIONS = (
    # 01 · the derivative of the sigmoid
    _q("q01_max_slope", 1, "number", "The largest value σ'(z) takes, over all z.", 0.25),
    _q("q01_slope_at", 1, "number", "σ'(z) where σ(z) = 0.9, by eq. (5).", 0.09),
    _q(
        "q01_from_output",
        1,
        "choice",
        "σ' can be computed from",
        "b",
        "a) z only, by a new call to exp",
        "b) the stored output a = σ(z) alone",
        "c) neither: it needs a finite difference",
    ),
    _q(
        "q01_five_layers",
        1,
        "predict",
        "Predict the largest factor five sigmoid derivatives in a row can give (σ'_max⁵).",
        0.25**5,
    ),
    _q(
        "q01_overflow",
        1,
        "choice",
        "Why compute σ(−1000) as e^x / (1 + e^x) for x < 0?",
        "c",
        "a) it is more accurate for x > 0",
        "b) it is faster",
        "c) e^(−x) = e^1000 overflows a float64",
    ),
    # 02 · a single path
    _q(
        "q02_chain_terms",
        2,
        "number",
        "On the path x → θ1 → θ2 → θ3 → ŷ, how many activation derivatives g'(z) does the "
        "chain rule multiply in ∂J/∂θ1?",
        3,
    ),
    _q("q02_cost_grad", 2, "number", "∂J/∂ŷ for J = ½(ŷ − y)² at ŷ = 0.8, y = 1.", -0.2),
    _q(
        "q02_zero_weight",
        2,
        "choice",
        "If θ3 = 0 on the single path, what is ∂J/∂θ1?",
        "a",
        "a) 0: every path to the output passes through θ3",
        "b) unchanged",
        "c) undefined",
    ),
    _q(
        "q02_check",
        2,
        "choice",
        "A gradient check compares the analytic gradient with",
        "b",
        "a) the gradient of a second network",
        "b) central finite differences of J",
        "c) the cost after one step",
    ),
    _q(
        "q02_predict_sign",
        2,
        "predict",
        "ŷ = 0.3 and y = 1 with a sigmoid output and J = ½(ŷ − y)². Predict the sign of "
        "∂J/∂z at the output (type +1 or −1).",
        -1,
    ),
    # 03 · the error signal δ
    _q(
        "q03_delta_def",
        3,
        "choice",
        "δ of a unit is",
        "c",
        "a) ∂J/∂θ of its incoming weight",
        "b) its output minus the target",
        "c) ∂J/∂z, the cost's slope with respect to its input sum",
    ),
    _q(
        "q03_reuse",
        3,
        "choice",
        "Computing δ layer by layer from the output saves work because",
        "a",
        "a) each layer's δ reuses the next layer's δ instead of redoing the chain",
        "b) it skips the forward pass",
        "c) it needs no derivatives",
    ),
    _q(
        "q03_grad_from_delta",
        3,
        "number",
        "A unit has δ = 0.5 and an incoming activation a = 0.4. What is ∂J/∂θ of that weight?",
        0.2,
    ),
    _q(
        "q03_shape",
        3,
        "predict",
        "A layer maps 3 units to 4 (Θ has a bias column). Predict how many entries ∂J/∂Θ has.",
        16,
    ),
    _q("q03_bias", 3, "number", "The gradient of a bias weight equals δ times what number?", 1),
    # 04 · XOR
    _q(
        "q04_linear",
        4,
        "choice",
        "A network with no hidden layer cannot learn XOR because",
        "b",
        "a) η is too small",
        "b) XOR's classes are not linearly separable",
        "c) four samples are too few",
    ),
    _q(
        "q04_params",
        4,
        "number",
        "How many θ's (biases included) has the network with layers [2, 2, 2, 1]?",
        15,
    ),
    _q(
        "q04_stall",
        4,
        "choice",
        "A stalled XOR run sits at J ≈ constant because",
        "c",
        "a) η is too large",
        "b) the data are noisy",
        "c) the start put the hidden units where the gradient is nearly flat",
    ),
    _q(
        "q04_chance",
        4,
        "number",
        "Accuracy, as a fraction, of a net answering ŷ = ½ for every XOR input (ties count "
        "as class 0).",
        0.5,
    ),
    _q(
        "q04_predict_seed",
        4,
        "choice",
        "A run stalls from one seed. With the same η and layers but another seed, predict:",
        "b",
        "a) it must stall too",
        "b) it may well solve XOR",
        "c) it diverges",
    ),
)
