"""The playground's state and training, with no browser: settings → network → chunks of epochs.

`Playground` holds one network, its data and its cost history; trains it in chunks of epochs
(Step; Play is repeated Steps; Reset starts over from the seed); and turns bad settings,
divergence and failing training into a readable `message` instead of an exception. What it
shows (the status line, the advice, the four views as SVG) is in views.py; widget.py only
wires ipywidgets controls to it.
Training is `Network.fit`, eqs. (12) and (17): full batch or mini-batches.
"""

from dataclasses import fields, replace

import numpy as np

from ..divergence import Diverged
from ..validation import check_int, shown
from .boundary import BoundaryView
from .building import FRAME_WORK, RETRAIN_WORK, affordable_epochs, build_data, build_network
from .points import PointEditing
from .settings import (
    MAX_EPOCHS,
    MAX_PLAY_EPOCHS,
    Settings,
    check_settings,
    dataset_defaults,
    default_eta,
)
from .svg import readable
from .views import PlaygroundViews

# changing one of these picks the default η for the new data (unless η changes too)
ETA_FOLLOWS = {"dataset", "n", "pairing", "reduction", "batch"}
REDRAW_ONLY = {"sample", "chunk"}  # these change no training: keep the network
DATA_SETTINGS = {"dataset", "n", "noise"}  # changing one returns to generated points


def _same(a, b):
    """Settings values compared by type and value (np.array(["tanh"]) is not "tanh")."""
    return type(a) is type(b) and a == b


class Playground(PlaygroundViews, PointEditing):
    """A network being trained, its data, its history, and what the views show.

    Inputs: settings (default: Settings()); resolution, decision-boundary grid points per side.
    State a widget shows: epoch, cost (J per epoch so far), message ("" when all is well),
    status (a line with the epoch, J and the accuracy), note (why a retrain stopped short),
    playing.
    """

    def __init__(self, settings=None, resolution=64):
        self.settings = Settings() if settings is None else settings
        check_settings(self.settings)
        self.resolution = resolution
        self.playing = False
        self.message = ""
        self.note = ""
        self.retrains = 0  # how many times the network was rebuilt and retrained
        self._pending = {}
        self._boundary = None
        self.retrain()

    # -- settings ------------------------------------------------------------------------

    def apply(self, **changes):
        """Change some settings and retrain from the seed; on bad settings keep the old ones.

        Changing only `sample` or `chunk` keeps the trained network (nothing to retrain).
        Changing the data set, its size or the pairing without giving η picks that data's
        default η (see settings.default_eta): J is summed over the samples, so an η that
        trains 4 rows throws 200 far off.

        Inputs: keyword arguments named like Settings fields. Returns: True if applied; else
        False, with `message` saying what was wrong (the settings stay as they were).
        """
        unknown = set(changes) - {f.name for f in fields(Settings)}
        if unknown:
            names = ", ".join(shown(name) for name in sorted(map(str, unknown))[:3])
            raise TypeError(f"apply: unknown setting(s) {names}")
        try:
            candidate = replace(self.settings, **changes)
            if "dataset" in changes:  # a data set brings its own layers, activation, pairing
                own = dataset_defaults(candidate.dataset).items()
                candidate = replace(candidate, **{k: v for k, v in own if k not in changes})
            check_settings(candidate)
            if (ETA_FOLLOWS & set(changes) or candidate.pairing != self.settings.pairing) and (
                "eta" not in changes
            ):
                c = candidate
                eta = default_eta(
                    c.dataset, c.n, c.pairing, c.reduction, c.batch, c.layers, c.hidden
                )
                candidate = replace(candidate, eta=eta)
        except (TypeError, ValueError, OverflowError) as err:
            self.message = _first_line(err)
            return False
        needs_retrain = any(
            not _same(getattr(candidate, f.name), getattr(self.settings, f.name))
            for f in fields(Settings)
            if f.name not in REDRAW_ONLY
        )
        self.settings = candidate
        if DATA_SETTINGS & set(changes):
            self.points = None
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
        X, y = self._training_data(build_data(self.settings))
        if self._boundary is None or not (
            np.array_equal(X, self.X)
            and np.array_equal(y, self.y)
            and self.resolution == self._boundary.resolution
        ):
            self._boundary = BoundaryView(X, y, self.resolution, self.n_classes)
        self.X, self.y = X, y
        self.cost = np.empty(0)
        self.segments = []  # (first epoch, epochs) of each fit since the reset (export.py)
        self.message = ""
        self.note = ""

    def retrain(self):
        """Reset, then train settings.epochs epochs (what any change of a control does).

        The work is bounded: a retrain trains at most RETRAIN_WORK's worth of epochs (about
        0.3 s); `note` then says how far it got, and Play or Step go on from there.
        """
        self.reset()
        self.retrains += 1
        if len(self.X) == 0:
            self.note = "No points yet: click on the decision boundary view to add some."
            return
        wanted = self.settings.epochs
        epochs = min(wanted, self.affordable(RETRAIN_WORK))
        self._train(epochs)
        if epochs < wanted and not self.diverged:
            self.note = (
                f"Trained {epochs} of the {wanted} epochs asked for: that many fit in the "
                f"time one redraw may take. Press Play or Step to go on."
            )

    def step(self, epochs=None):
        """Train one chunk more (settings.chunk epochs by default). Returns: True if it trained.

        Inputs: epochs, a whole number from 1 to MAX_EPOCHS, or None for the chunk.
        Bounded like a retrain: at most RETRAIN_WORK's worth of epochs (`note` says so).
        After a divergence the network stays stopped (message set) until Reset or a change.
        """
        wanted = (
            self.settings.chunk if epochs is None else check_int("epochs", epochs, 1, MAX_EPOCHS)
        )
        if self.diverged or self.epoch >= MAX_PLAY_EPOCHS or len(self.X) == 0:
            self.playing = False
            return False
        epochs = min(wanted, self.affordable(RETRAIN_WORK))  # bounded like a retrain
        trained = self._train(epochs)
        if epochs < wanted and trained:
            self.note = (
                f"Trained {epochs} of the {wanted} epochs asked for: that many fit in the "
                f"time one redraw may take. Press Step again to go on."
            )
        return trained

    def affordable(self, work):
        """How many epochs of this network on this data fit in `work` (at least 1)."""
        return affordable_epochs(self.net.layers, len(self.X), work, self.settings.batch)

    def _train(self, epochs):
        epochs = min(epochs, MAX_PLAY_EPOCHS - self.epoch)
        if epochs <= 0:
            return False
        eta, start = self.settings.eta, self.epoch
        before = [t.copy() for t in self.net.thetas]
        # mini-batches: the shuffles are seeded by the seed and the epoch a chunk starts at
        batches = dict(
            batch_size=self.settings.batch or None, shuffle_seed=self.settings.seed + start
        )
        try:
            history = self.net.fit(self.X, self.y, eta=eta, epochs=epochs, **batches)
        except Diverged as err:
            # err.epoch is the (chunk-relative) epoch that failed; redo the finite epochs before
            # it from the same start, so the history and the network end where training broke.
            finite = err.epoch
            self.net.thetas = [t.copy() for t in before]
            try:
                self.cost = np.concatenate(
                    [
                        self.cost,
                        self.net.fit(self.X, self.y, eta=eta, epochs=finite, **batches).cost,
                    ]
                )
            except FloatingPointError:  # the weights overflowed on the last finite epoch
                self.net.thetas, finite = before, 0
            if finite:
                self.segments.append((start, finite))
            self.playing = False
            self.message = (
                f"Training diverged at epoch {start + finite} with η = {readable(eta)}: the cost "
                f"(or the weights) stopped being a finite number. Try η ≈ {readable(eta / 10, 2)}."
            )
            return False
        self.cost = np.concatenate([self.cost, history.cost])
        self.segments.append((start, epochs))
        return True

    def frame_epochs(self):
        """The epochs one frame of Play trains: the chunk, or fewer if the network is big."""
        return min(self.settings.chunk, self.affordable(FRAME_WORK))

    def play(self):
        """Start playing: each `tick` then trains one frame's chunk."""
        self.playing = not self.diverged
        return self.playing

    def pause(self):
        """Stop playing."""
        self.playing = False

    def tick(self):
        """One frame of Play: train one chunk if playing. Returns: True if it trained."""
        return self.playing and self.step(self.frame_epochs())

    @property
    def epoch(self):
        """Epochs trained since the last reset."""
        return int(self.cost.size)

    @property
    def diverged(self):
        return self.message.startswith("Training diverged")


def _first_line(err):
    """An exception's message, first line, capped: what a message line may show."""
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text if len(text) <= 300 else text[:299] + "…"
