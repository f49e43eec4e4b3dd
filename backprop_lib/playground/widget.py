"""The playground's ipywidgets: controls wired to a `session.Playground`, nothing more.

All the logic (settings, training in chunks, messages, the views) is in the other modules
and tested there. Here: one control per setting, Play / Pause / Step / Reset, a status line,
a message line and the four views, each an ipywidgets.HTML holding one SVG.

In a kernel, control changes are coalesced: a change only records the new value and schedules
one retrain a moment later, so values that arrive while a retrain runs (a dragged slider)
are applied together in a single retrain instead of queueing one each. Play runs as an asyncio
task that trains a chunk, redraws and yields, at most FRAMES_PER_SECOND times a second, so the
kernel keeps answering (Pause, controls). Play pauses by itself when nobody is watching: when
the playground cannot be seen (the browser tab hidden, or the cell scrolled away; KeyGuard
reports it, and Play resumes when it is seen again), and after PLAY_IDLE_SECONDS without a
click or a change of a control. A view is sent to the browser only when its SVG
changed. Every widget carries a CSS class "bp-..." so that browser tests can find it.
"""

import asyncio
import html
import time

import ipywidgets as widgets

from .controls import eta_options
from .keys import KeyGuard
from .pad import BoundaryPad
from .session import Playground
from .settings import (
    DATASETS,
    ETA_RANGE,
    HIDDEN_ACTIVATIONS,
    MAX_EPOCHS,
    N_RANGE,
    PAIRINGS,
)
from .tools import PointsAndExport

CONTROLS = (
    "eta",
    "layers",
    "hidden",
    "pairing",
    "epochs",
    "seed",
    "dataset",
    "noise",
    "n",
    "sample",
    "chunk",
    "reduction",
    "batch",
)
VIEWS = ("boundary", "loss", "forward", "backward")
COALESCE_SECONDS = 0.005  # wait this long after a change for more before retraining
FRAMES_PER_SECOND = 30  # Play's ceiling; the browser shows each frame
PLAY_IDLE_SECONDS = 180  # Play stops after this long without a click or a control change
IDLE_NOTE = "Play paused after 3 minutes without a click or a change: press Play to go on."

_STYLE = {"description_width": "10.5em"}


def _control(kind, description, value, **options):
    """One labelled control of the playground, e.g. _control(widgets.Text, "seed", 0)."""
    if "options" in options:
        options["options"] = tuple(options["options"])
    layout = widgets.Layout(width="auto", max_width="24em")
    return kind(value=value, description=description, style=_STYLE, layout=layout, **options)


def _value(option):
    """The value of a (label, value) option."""
    return option[1]


def _running_loop():
    """The kernel's asyncio loop when called from it, else None (plain Python, tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class PlaygroundWidget(PointsAndExport, widgets.VBox):
    """The live playground: display it in a notebook (`PlaygroundWidget()` as a cell's value).

    Inputs: playground, a Playground (default: Playground(Settings())).
    Attributes: one widget per control (eta, layers, hidden, pairing, epochs, seed, dataset,
    noise, n, sample, chunk, reduction, batch), the buttons (play_button, pause_button, step_button,
    reset_button), status, message, views (name → HTML widget), and playground (the logic).
    """

    def __init__(self, playground=None, **kwargs):
        self.playground = Playground() if playground is None else playground
        s = self.playground.settings
        self._scheduled = None
        self._play_task = None
        self._quiet = False  # True while controls are set from the playground, not the user
        self._touched = time.monotonic()  # the last click or control change
        self._hidden_pause = False  # Play was paused because the playground went out of view
        self.key_guard = KeyGuard()
        self.key_guard.observe(lambda change: self._seen(change["new"]), "visible")

        on_release = dict(continuous_update=False)  # text on Enter or blur, sliders on release
        self.eta = _control(
            widgets.SelectionSlider,
            "η (learning rate)",
            s.eta,
            options=eta_options(s.eta),
            **on_release,
        )
        self.eta.layout = widgets.Layout(width="auto", flex="1 1 28em", max_width="40em")
        self.eta_text = widgets.BoundedFloatText(
            value=s.eta,
            min=ETA_RANGE[0],
            max=ETA_RANGE[1],
            description="typed η",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="11em", flex="0 0 auto"),
            **on_release,
        )
        self.eta_text.add_class("bp-eta-text")
        self.eta_text.observe(lambda change: self._changed("eta", change["new"]), "value")
        self.eta_row = widgets.HBox(
            [self.eta, self.eta_text],
            layout=widgets.Layout(width="100%", max_width="52em", flex_flow="row wrap"),
        )
        self.eta_row.add_class("bp-eta-row")
        self.layers = _control(
            widgets.Text, "hidden sizes", s.layers, placeholder="e.g. 4, 4", **on_release
        )
        self.hidden = _control(
            widgets.Dropdown, "hidden activation", s.hidden, options=HIDDEN_ACTIVATIONS
        )
        self.pairing = _control(widgets.Dropdown, "output + loss", s.pairing, options=PAIRINGS)
        self.epochs = _control(
            widgets.BoundedIntText,
            "epochs",
            s.epochs,
            min=0,
            max=MAX_EPOCHS,
            step=100,
            **on_release,
        )
        self.seed = _control(widgets.BoundedIntText, "seed", s.seed, min=0, max=9999, **on_release)
        self.dataset = _control(widgets.Dropdown, "data set", s.dataset, options=DATASETS)
        self.noise = _control(
            widgets.FloatSlider,
            "noise",
            s.noise,
            min=0.0,
            max=0.5,
            step=0.01,
            disabled=s.dataset == "xor",
            **on_release,
        )
        self.n = _control(
            widgets.BoundedIntText,
            "points",
            s.n,
            min=N_RANGE[0],
            max=N_RANGE[1],
            step=50,
            disabled=s.dataset == "xor",
            **on_release,
        )
        self.sample = _control(
            widgets.BoundedIntText,
            "δ for sample",
            s.sample,
            min=0,
            max=len(self.playground.X) - 1,
            **on_release,
        )
        self.chunk = _control(
            widgets.BoundedIntText, "epochs per step", s.chunk, min=1, max=1000, **on_release
        )
        self.reduction = _control(
            widgets.Dropdown, "cost J over samples", s.reduction, options=("sum", "mean")
        )
        self.batch = _control(
            widgets.BoundedIntText,
            "batch (0 = all)",
            s.batch,
            min=0,
            max=N_RANGE[1],
            **on_release,
        )
        self.play_button = widgets.Button(description="Play", icon="play")
        self.pause_button = widgets.Button(description="Pause", icon="pause", disabled=True)
        self.step_button = widgets.Button(description="Step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.status = widgets.HTML()
        self.message = widgets.HTML()
        self.views = {
            name: BoundaryPad() if name == "boundary" else widgets.HTML() for name in VIEWS
        }
        self.views["boundary"].on_msg(self._pad_message)
        self._points_controls()
        self._export_controls()

        for name in CONTROLS:  # each control's CSS class is "bp-" + its setting's name
            control = getattr(self, name)
            control.add_class("bp-" + name)
            control.observe(lambda change, name=name: self._changed(name, change["new"]), "value")
        self.buttons = widgets.HBox(
            [self.play_button, self.pause_button, self.step_button, self.reset_button]
        )
        for button, css, action in [
            (self.play_button, "bp-play", self.play),
            (self.pause_button, "bp-pause", self.pause),
            (self.step_button, "bp-step", self.step),
            (self.reset_button, "bp-reset", self.reset),
        ]:
            button.add_class(css)
            button.on_click(lambda _button, action=action: action())
        self.status.add_class("bp-status")
        self.message.add_class("bp-message")
        for name, view in self.views.items():
            view.add_class("bp-view")
            view.add_class("bp-view-" + name)
        self.view_grid = widgets.GridBox(
            list(self.views.values()),
            layout=widgets.Layout(grid_template_columns="1fr 1fr", width="100%"),
        )
        self.view_grid.add_class("bp-views")
        super().__init__(self.arrange(), **kwargs)
        self.add_class("bp-playground")
        self.redraw()

    def arrange(self):
        """The children in a notebook: η, controls in three columns, buttons, the points and
        export bars, status, views."""
        column = widgets.Layout(margin="0 12px 0 0", width="22em")
        controls = widgets.HBox(
            [
                widgets.VBox([self.layers, self.hidden, self.pairing], layout=column),
                widgets.VBox([self.dataset, self.noise, self.n, self.epochs], layout=column),
                widgets.VBox(
                    [self.seed, self.sample, self.chunk, self.reduction, self.batch], layout=column
                ),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        for view in self.views.values():
            view.layout = widgets.Layout(height="320px", width="100%")
        return [
            self.key_guard,
            self.eta_row,
            controls,
            self.buttons,
            self.points_bar,
            self.export_bar,
            self.code,
            self.status,
            self.message,
            self.view_grid,
            self.inspector,
        ]

    # -- from controls to the playground ------------------------------------------------------

    def _changed(self, name, value):
        """A control moved: record it, and retrain once soon (or now, outside a kernel)."""
        if self._quiet:
            return
        self._touched = time.monotonic()
        self.playground.request(**{name: value})
        loop = _running_loop()
        if loop is None:
            self.apply_pending()
        elif self._scheduled is None:
            self._scheduled = loop.call_later(COALESCE_SECONDS, self.apply_pending)

    def apply_pending(self):
        """Retrain once with every change recorded so far, then redraw."""
        self._scheduled = None
        if self.playground.flush():
            self.show_settings()
            self.redraw()

    def show_settings(self):
        """Make every control show the value in use: a rejected entry never lingers, and an η
        chosen for new data shows on the slider."""
        settings = self.playground.settings
        self._quiet = True
        try:
            for name in CONTROLS:
                value = getattr(settings, name)
                control = getattr(self, name)
                if name == "eta" and value not in [v for _label, v in control.options]:
                    control.options = sorted({*control.options, *eta_options(value)}, key=_value)
                if control.value != value:
                    control.value = value
            if self.eta_text.value != settings.eta:
                self.eta_text.value = settings.eta
            self.noise.disabled = self.n.disabled = settings.dataset == "xor"
            self.sample.max = max(len(self.playground.X) - 1, 0)
            classes = tuple((f"class {k}", k) for k in range(self.playground.n_classes))
            if self.point_class.options != classes:
                self.point_class.options = classes
        finally:
            self._quiet = False

    def redraw(self):
        """Show the playground's state: the status line, the message and the views (in that
        order, so that a new picture never arrives with a stale message)."""
        self.status.value = f"<b>{html.escape(self.playground.status)}</b>"
        message = self.playground.advice()
        self.message.value = (
            f'<span class="bp-advice" style="color:#b00020">{html.escape(message)}</span>'
            if message
            else ""
        )
        for name, svg in self.playground.views().items():
            if name == "forward":
                svg = self.network_picture(svg)
            self.views[name].value = svg  # unchanged text is not sent again
        playing = self.playground.playing
        self.play_button.disabled = playing
        self.pause_button.disabled = not playing

    def _seen(self, visible):
        """KeyGuard says whether the playground can be seen: pause Play while it cannot, and
        resume a Play paused that way when it can again."""
        if not visible and self.playground.playing:
            self._hidden_pause = True
            self.pause()
        elif visible and self._hidden_pause:
            self._hidden_pause = False
            self.play()

    # -- buttons ------------------------------------------------------------------------------

    def step(self):
        """Train one chunk of epochs and redraw."""
        self._touched = time.monotonic()
        self.apply_pending()
        self.playground.step()
        self.redraw()

    def reset(self):
        """Stop, and go back to the untrained network of the current settings."""
        self._touched = time.monotonic()
        self._hidden_pause = False
        self.apply_pending()
        self.playground.pause()
        self.playground.reset()
        self.redraw()

    def pause(self):
        """Stop playing after the current frame."""
        self._touched = time.monotonic()
        self.playground.pause()
        self.redraw()

    def play(self):
        """Train chunk after chunk, redrawing after each, until Pause (or divergence).

        In a kernel this starts an asyncio task and returns at once; without a running
        event loop (plain Python) it only marks the playground as playing: call `frame()`.
        """
        self._touched = time.monotonic()
        if self.playground.note == IDLE_NOTE:
            self.playground.note = ""
        if not self.playground.play():
            self.redraw()
            return None
        self.redraw()
        loop = _running_loop()
        if loop is not None and self._play_task is None:
            self._play_task = loop.create_task(self._play_loop())
        return self._play_task

    def frame(self):
        """One frame of Play: pending changes, one chunk, a redraw. Returns: True if trained."""
        self.apply_pending()
        trained = self.playground.tick()
        self.redraw()
        return trained

    async def _play_loop(self):
        period = 1.0 / FRAMES_PER_SECOND
        try:
            while self.playground.playing:
                if time.monotonic() - self._touched > PLAY_IDLE_SECONDS:
                    self.playground.pause()  # nobody has touched it: an idle class costs nothing
                    self.playground.note = IDLE_NOTE
                    break
                started = time.perf_counter()
                if not self.frame():
                    break
                # always yield, so that Pause and the controls get through between frames
                await asyncio.sleep(max(0.002, period - (time.perf_counter() - started)))
        finally:
            self._play_task = None
            self.redraw()
