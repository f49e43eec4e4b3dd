"""What a Playground shows: the status line, the advice line and the four views as SVG.

`PlaygroundViews` is the part of `session.Playground` that reads its state (network, data,
cost history, message) and draws it; it trains nothing. The views are the decision boundary
(boundary.py), the loss curve (curve.py) and the forward and backward passes (diagram.py),
each unit and weight carrying its note (notes.py).
"""

import functools
import html

import numpy as np

from ..classes import accuracy
from .curve import draw_loss
from .diagnosis import OK, diagnose
from .diagram import Slot, draw_backward, draw_empty, draw_forward
from .notes import edge_notes, unit_notes
from .svg import readable


class PlaygroundViews:
    """Mixed into Playground, which provides net, X, y, cost, epoch, settings, message, note,
    diverged and _boundary (its BoundaryView)."""

    _accuracy_of = None  # (what it was computed for, the accuracy): status and advice share it

    @property
    def accuracy(self):
        """The share of training points the network classifies right (classes.accuracy)."""
        net = self.net
        key = (net, *(t.tobytes() for t in net.thetas), self.X.tobytes(), self.y.tobytes())
        if self._accuracy_of is None or not _same_key(self._accuracy_of[0], key):
            self._accuracy_of = key, accuracy(net, self.X, self.y)
        return self._accuracy_of[1]

    @property
    def status(self):
        """One line for the status bar: epoch, current J, accuracy on the training set."""
        if len(self.X) == 0:
            return f"epoch 0 · no points · η = {self.settings.eta:.3g}"
        with np.errstate(all="ignore"):
            J = self.net.cost(self.X, self.y)
        return (
            f"epoch {self.epoch} · cost J = {readable(J)} · "
            f"accuracy {100 * self.accuracy:.0f}% ({len(self.X)} samples) · η = "
            f"{readable(self.settings.eta)}"
        )

    def diagnosis(self):
        """What is going wrong with training, if anything (see diagnosis.diagnose)."""
        if self.diverged or self.epoch == 0:
            return OK
        noisy = 0 < self.settings.batch < len(self.X)
        return diagnose(
            self.cost,
            self.accuracy,
            self.y,
            self.net,
            self.X,
            self.settings.eta,
            noisy,
            settings=self.settings,
        )

    _diagnosis_of = None  # (the network, settings and data size it was made for, its text)

    def advice(self, fresh=True):
        """The message line: a rejected setting or divergence first, else the diagnosis, else
        why a retrain stopped short. "" when all is well.

        fresh False (Play, between the frames that refresh the notes) reuses the diagnosis made
        for this same run (network, settings, data) at an earlier frame, if any: the advice
        then lags training by a few frames, as the notes do."""
        if self.message:
            return self.message
        key = (self.net, self.settings, len(self.X))
        made = self._diagnosis_of
        if fresh or made is None or made[0][0] is not key[0] or made[0][1:] != key[1:]:
            self._diagnosis_of = key, self.diagnosis().text
        return self._diagnosis_of[1] or self.note

    # -- views ---------------------------------------------------------------------------

    _notes_of = None  # (what they were computed for, unit notes, weight notes): see views

    def views(self, weight_notes=True, fresh_notes=True):
        """The four views as SVG strings: {"boundary", "loss", "forward", "backward"}.

        Each unit carries its note (notes.py); each weight too, unless weight_notes is False.
        With fresh_notes False (Play, between the frames that refresh them) the notes are the
        ones last computed for this network shape, sample and data, if any: the hover text
        then lags the picture by a few frames; the picture itself is always this state's."""
        sample = min(self.settings.sample, len(self.X) - 1)
        if sample < 0:  # no points: the forward pass of the origin, no backward pass
            forward, _ = draw_forward(self.net, np.zeros(self.net.layers[0]))
            backward = draw_empty("backward pass: add a point to see δ")
        else:
            units, edges = self._notes(sample, weight_notes, fresh_notes)
            forward, _ = draw_forward(self.net, self.X[sample], units, edges)
            backward, _ = draw_backward(self.net, self.X, self.y, sample, units)
        return {
            "boundary": self._boundary.draw(self.net),
            "loss": draw_loss(self.cost),
            "forward": forward,
            "backward": backward,
        }

    def live_views(self, fresh_notes=True):
        """What a live widget sends: (views, notes). views as `views()`, but in the forward and
        backward views each note's place holds only its number (diagram.Slot); notes maps those
        two views to their notes, each as the <title> text (HTML-escaped). The notes change
        less often than the picture (see views' fresh_notes), so they travel apart."""
        sample = min(self.settings.sample, len(self.X) - 1)
        if sample < 0:
            return self.views(), {"forward": [], "backward": []}
        units, edges = self._notes(sample, True, fresh_notes)
        if self._escaped_of is None or self._escaped_of[0] is not self._notes_of:
            flat_units = [html.escape(n) for layer in units for n in layer]
            flat_edges = [html.escape(n) for layer in edges or [] for n in layer]
            self._escaped_of = self._notes_of, flat_units, flat_edges
        flat_units, flat_edges = self._escaped_of[1:]
        slots = _slots(len(flat_units) + len(flat_edges))
        unit_slots = _per_layer(slots[: len(flat_units)], self.net.layers)
        edge_slots = None
        if edges is not None:
            edge_slots = _per_layer(slots[len(flat_units) :], [t.size for t in self.net.thetas])
        forward, a = draw_forward(self.net, self.X[sample], unit_slots, edge_slots)
        backward, _ = draw_backward(self.net, self.X, self.y, sample, unit_slots, a[-1])
        views = {
            "boundary": self._boundary.draw(self.net),
            "loss": draw_loss(self.cost),
            "forward": forward,
            "backward": backward,
        }
        return views, {"forward": flat_units + flat_edges, "backward": flat_units}

    _escaped_of = None  # (the _notes_of they escape, unit notes, weight notes), flat

    def _notes(self, sample, weight_notes, fresh):
        """The unit and weight notes of views: computed now, or (fresh False) reused."""
        net = self.net
        key = (net, tuple(net.layers), sample, weight_notes, self.settings.eta, len(self.X))
        if fresh or self._notes_of is None or not _same_key(self._notes_of[0], key):
            units = unit_notes(net, self.X[sample], self.y[sample])
            edges = None
            if weight_notes:
                edges = edge_notes(net, self.X, self.y, sample, self.settings.eta)
            self._notes_of = key, units, edges
        return self._notes_of[1], self._notes_of[2]

    def picture(self):
        """The four views in one HTML block, 2 × 2, for a notebook without a kernel (the units'
        notes show on hover; the weights' are left out, to keep the page small)."""
        cells = "".join(
            f'<div style="flex:1 1 45%;min-width:320px;aspect-ratio:1.6">{svg}</div>'
            for svg in self.views(weight_notes=False).values()
        )
        return f'<div class="bp-picture" style="display:flex;flex-wrap:wrap;gap:8px">{cells}</div>'


@functools.lru_cache(maxsize=4)
def _slots(count):
    return [Slot(k) for k in range(count)]


def _per_layer(flat, sizes):
    """flat split into consecutive lists of the given sizes."""
    out, start = [], 0
    for size in sizes:
        out.append(flat[start : start + size])
        start += size
    return out


def _same_key(a, b):
    """Keys of PlaygroundViews.accuracy: the same network object, the same bytes."""
    return len(a) == len(b) and a[0] is b[0] and a[1:] == b[1:]
