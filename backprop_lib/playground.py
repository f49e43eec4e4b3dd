"""The playground's logic, with no browser: settings → network → training in chunks → picture.

`Playground` holds one network, its data and its cost history, trains it in chunks of epochs
(Step; Play is repeated Steps; Reset starts over from the seed), turns bad settings and
divergence into a readable `message` instead of an exception, and renders everything into
one reused matplotlib figure as PNG bytes. widgets.py only wires ipywidgets controls to it.
Training is full-batch gradient descent, eqs. (12) and (17), by `Network.fit`.
"""

import io
import numbers
import re
from dataclasses import dataclass, fields, replace

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .activations import ACTIVATIONS
from .data import DATASETS, make_dataset
from .network import Network
from .plotting import BackwardPass, DecisionBoundary, LossCurve, NetworkDiagram
from .validation import check_int

# pairing name -> (output activation, loss): the three of the article's "Activation Function"
PAIRINGS = {
    "linear+mse": ("linear", "mse"),
    "sigmoid+mse": ("sigmoid", "mse"),
    "sigmoid+bce": ("sigmoid", "bce"),
}
HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)
MAX_HIDDEN_LAYERS = 6
MAX_UNITS = 16
MAX_EPOCHS = 20_000  # per retrain; Play may go on past it, up to MAX_PLAY_EPOCHS
MAX_PLAY_EPOCHS = 200_000
ETA_RANGE = (1e-3, 10.0)


@dataclass(frozen=True)
class Settings:
    """Everything the playground's controls set. The defaults train XOR in about 20 ms.

    layers is the text of the hidden layer sizes, e.g. "4, 4" (see parse_layers); chunk is
    the number of epochs one Step (or one frame of Play) trains; sample is the training row
    whose backward pass is drawn; n and noise apply to the generated data sets, not XOR.
    """

    eta: float = 0.5
    layers: str = "4, 4"
    hidden: str = "tanh"
    pairing: str = "sigmoid+bce"
    epochs: int = 500
    seed: int = 0
    dataset: str = "xor"
    noise: float = 0.1
    n: int = 200
    chunk: int = 25
    sample: int = 1


def parse_layers(text):
    """Hidden layer sizes from text such as "4, 4" or "8 3"; "" means no hidden layer.

    Inputs: text, whole numbers separated by commas and/or spaces.
    Returns: tuple of ints. Raises ValueError with a message a student can act on.
    """
    if not isinstance(text, str):
        raise TypeError(f"layers: expected text such as '4, 4', got {text!r}")
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    sizes = []
    for part in parts:
        if not re.fullmatch(r"[+-]?\d+", part):
            raise ValueError(
                f"Layer sizes: {part!r} is not a whole number. Write the hidden layer sizes "
                f"separated by commas, e.g. 4, 4"
            )
        size = int(part)
        if size < 1:
            raise ValueError(f"Layer sizes: every hidden layer needs at least 1 unit, got {size}.")
        if size > MAX_UNITS:
            raise ValueError(
                f"Layer sizes: at most {MAX_UNITS} units per layer keeps the playground quick, "
                f"got {size}."
            )
        sizes.append(size)
    if len(sizes) > MAX_HIDDEN_LAYERS:
        raise ValueError(
            f"Layer sizes: at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(sizes)}."
        )
    return tuple(sizes)


def check_settings(settings):
    """Raise ValueError/TypeError naming the first setting that is out of range.

    Inputs: settings, a Settings. Returns: the hidden layer sizes, parsed.
    """
    if not isinstance(settings, Settings):
        raise TypeError(f"settings: expected a Settings, got {type(settings).__name__}")
    eta = settings.eta
    if isinstance(eta, bool) or not isinstance(eta, numbers.Real) or not np.isfinite(eta):
        raise TypeError(f"eta: expected a number, got {eta!r}")
    if not ETA_RANGE[0] <= eta <= ETA_RANGE[1]:
        raise ValueError(f"η: expected a learning rate from {ETA_RANGE[0]:g} to {ETA_RANGE[1]:g}")
    for name, options in (
        ("hidden", HIDDEN_ACTIVATIONS),
        ("pairing", tuple(PAIRINGS)),
        ("dataset", tuple(DATASETS)),
    ):
        if getattr(settings, name) not in options:
            valid = ", ".join(options)
            raise ValueError(f"{name}: expected one of {valid}; got {getattr(settings, name)!r}")
    check_int("epochs", settings.epochs, 0, MAX_EPOCHS)
    check_int("seed", settings.seed, 0, 2**32 - 1)
    check_int("chunk", settings.chunk, 1, MAX_EPOCHS)
    check_int("n", settings.n, 4, 1000)
    check_int("sample", settings.sample, 0, 10**6)
    noise = settings.noise
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not 0 <= noise <= 1:
        raise ValueError(f"noise: expected a number from 0 to 1, got {noise!r}")
    return parse_layers(settings.layers)


def build_network(settings, n_inputs=2):
    """The untrained Network the settings describe (seeded, Glorot start).

    Inputs: settings; n_inputs, the data's width. Returns: Network([n_inputs, *hidden, 1]).
    """
    hidden_sizes = check_settings(settings)
    output, loss = PAIRINGS[settings.pairing]
    return Network(
        [n_inputs, *hidden_sizes, 1],
        hidden=settings.hidden,
        output=output,
        loss=loss,
        seed=settings.seed,
    )


def build_data(settings):
    """The training set the settings describe. Returns: X (m, 2), y (m, 1)."""
    check_settings(settings)
    return make_dataset(settings.dataset, settings.n, settings.noise, settings.seed)


def accuracy(net, X, y):
    """Fraction of samples on the right side of ŷ = 0.5. Inputs: X (m, 2), y (m, 1)."""
    with np.errstate(all="ignore"):
        y_hat = net.predict(X)
    return float(np.mean((y_hat > 0.5) == (y > 0.5)))


class Playground:
    """A network being trained, its data, its history, and the one figure that shows them.

    Inputs: settings (default: Settings()); resolution, decision-boundary grid points per side;
    dpi, of the rendered PNG.
    State a widget shows: epoch, cost (J per epoch so far), message ("" when all is well),
    status (a line with the epoch, J and the accuracy), playing.
    """

    def __init__(self, settings=None, resolution=60, dpi=72):
        self.settings = Settings() if settings is None else settings
        check_settings(self.settings)
        self.resolution = resolution
        self.dpi = dpi
        self.figure = None
        self.playing = False
        self.message = ""
        self.retrains = 0  # how many times the network was rebuilt and retrained
        self._pending = {}
        self._views = None
        self.retrain()

    # -- settings ------------------------------------------------------------------------

    def apply(self, **changes):
        """Change some settings and retrain from the seed; on bad settings keep the old ones.

        Changing only `sample` or `chunk` keeps the trained network (nothing to retrain).

        Inputs: keyword arguments named like Settings fields. Returns: True if applied; else
        False, with `message` saying what was wrong.
        """
        unknown = set(changes) - {f.name for f in fields(Settings)}
        if unknown:
            raise TypeError(f"apply: unknown setting(s) {', '.join(sorted(unknown))}")
        candidate = replace(self.settings, **changes)
        try:
            check_settings(candidate)
        except (TypeError, ValueError) as err:
            self.message = str(err)
            return False
        redraw_only = {"sample", "chunk"}  # these change no training: keep the network
        needs_retrain = any(
            getattr(candidate, name) != getattr(self.settings, name)
            for name in changes
            if name not in redraw_only
        )
        self.settings = candidate
        if needs_retrain:
            self.retrain()
        elif not self.diverged:
            self.message = ""
        return True

    def request(self, **changes):
        """Remember changes to apply later with `flush`; later values of a setting win."""
        self._pending.update(changes)

    def flush(self):
        """Apply every requested change in one retrain (if any). Returns: True if one ran."""
        if not self._pending:
            return False
        changes, self._pending = self._pending, {}
        self.apply(**changes)
        return True

    # -- training ------------------------------------------------------------------------

    def reset(self):
        """Back to the untrained network of the current settings: epoch 0, no history."""
        self.net = build_network(self.settings)
        self.X, self.y = build_data(self.settings)
        self.cost = np.empty(0)
        self.message = ""

    def retrain(self):
        """Reset, then train settings.epochs epochs: what any change of a control does."""
        self.reset()
        self.retrains += 1
        self._train(self.settings.epochs)

    def step(self, epochs=None):
        """Train one chunk more (settings.chunk epochs by default). Returns: True if it trained.

        After a divergence the network stays stopped (message set) until Reset or a change.
        """
        if self.diverged or self.epoch >= MAX_PLAY_EPOCHS:
            self.playing = False
            return False
        return self._train(self.settings.chunk if epochs is None else epochs)

    def _train(self, epochs):
        epochs = min(epochs, MAX_PLAY_EPOCHS - self.epoch)
        if epochs <= 0:
            return False
        eta, start = self.settings.eta, self.epoch
        before = [t.copy() for t in self.net.thetas]
        try:
            history = self.net.fit(self.X, self.y, eta=eta, epochs=epochs)
        except FloatingPointError as err:
            # fit names the (chunk-relative) epoch that failed; redo the finite epochs before
            # it from the same start, so the history and the network end where training broke.
            found = re.search(r"epoch (\d+)", str(err))
            finite = int(found.group(1)) if found else 0
            self.net.thetas = [t.copy() for t in before]
            try:
                self.cost = np.concatenate(
                    [self.cost, self.net.fit(self.X, self.y, eta=eta, epochs=finite).cost]
                )
            except FloatingPointError:  # the weights overflowed on the last finite epoch
                self.net.thetas, finite = before, 0
            self.playing = False
            self.message = (
                f"Training diverged at epoch {start + finite} with η = {eta:.3g}: the cost "
                f"(or the weights) stopped being a finite number. Try a smaller η."
            )
            return False
        self.cost = np.concatenate([self.cost, history.cost])
        return True

    def play(self):
        """Start playing: each `tick` then trains one chunk."""
        self.playing = not self.diverged
        return self.playing

    def pause(self):
        """Stop playing."""
        self.playing = False

    def tick(self):
        """One frame of Play: train one chunk if playing. Returns: True if it trained."""
        return self.playing and self.step()

    @property
    def epoch(self):
        """Epochs trained since the last reset."""
        return int(self.cost.size)

    @property
    def diverged(self):
        return self.message.startswith("Training diverged")

    @property
    def status(self):
        """One line for the status bar: epoch, current J, accuracy on the training set."""
        with np.errstate(all="ignore"):
            J = self.net.cost(self.X, self.y)
        return (
            f"epoch {self.epoch} · cost J = {J:.4g} · "
            f"accuracy {100 * accuracy(self.net, self.X, self.y):.0f}% "
            f"({len(self.X)} samples)"
        )

    # -- picture -------------------------------------------------------------------------

    def _make_figure(self):
        self.figure = Figure(figsize=(10.0, 7.2), dpi=self.dpi)
        FigureCanvasAgg(self.figure)
        axes = self.figure.subplots(2, 2)
        self.figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.07, top=0.95, wspace=0.22, hspace=0.3
        )
        self.axes = axes.ravel()
        self._views = {"data": None}
        self._loss = LossCurve(self.axes[1])
        self._diagram = NetworkDiagram(self.axes[2], self.net.layers)
        self._backward = BackwardPass(self.axes[3], self.net.layers)

    def draw(self):
        """Bring the reused figure up to date with the network; creates it the first time.

        Returns: the matplotlib Figure (always the same object).
        """
        if self.figure is None:
            self._make_figure()
        data_key = (self.settings.dataset, self.settings.n, self.settings.noise, self.settings.seed)
        if self._views["data"] != data_key:
            self.axes[0].clear()
            self._boundary = DecisionBoundary(self.axes[0], self.X, self.y, self.resolution)
            self._views["data"] = data_key
        sample = min(self.settings.sample, len(self.X) - 1)
        self._boundary.update(self.net)
        self._loss.update(self.cost)
        self._diagram.update(self.net, self.X[sample])
        self._backward.update(self.net, self.X, self.y, sample)
        return self.figure

    def render(self):
        """The figure as PNG bytes, drawn from the current state. Returns: bytes."""
        canvas = self.draw().canvas
        canvas.draw()
        image = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)  # fast beats small
        return buffer.getvalue()
