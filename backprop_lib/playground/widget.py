"""The playground's ipywidgets: controls wired to a `session.Playground`, nothing more.

All the logic (settings, training in chunks, messages, the views) is in the other modules
and tested there; the controls themselves (one per setting, Play / Pause / Step / Reset, a
status line, a message line and the four views, each holding one SVG) are built in panel.py.
Here: what a change of a control, a click and Play do.

In a kernel, control changes are coalesced: a change only records the new value and schedules
one retrain a moment later, so values that arrive while a retrain runs (a dragged slider)
are applied together in a single retrain instead of queueing one each. Play runs as an asyncio
task that trains a chunk, redraws and yields, at most FRAMES_PER_SECOND times a second, so the
kernel keeps answering (Pause, controls). Play pauses by itself when nobody is watching: when
the playground cannot be seen (the browser tab hidden, or the cell scrolled away; KeyGuard
reports it, and Play resumes when it is seen again), and after PLAY_IDLE_SECONDS without a
click or a change of a control. A view is sent to the browser only when its SVG
changed. While Play runs, the units' and weights' notes (the hover text) and the diagnosis in
the message line are recomputed only NOTES_PER_SECOND times a second; every other redraw
(Pause, Step, Reset, a change, the end of Play) shows the current ones. The status line and the
four views are this frame's. Every widget carries a CSS class "bp-..." so that browser tests
can find it.
"""

import asyncio
import html
import time

import ipywidgets as widgets

from .keys import KeyGuard
from .panel import CONTROLS, NOTED_VIEWS, ControlPanel
from .session import Playground
from .tools import PointsAndExport

COALESCE_SECONDS = 0.005  # wait this long after a change for more before retraining
FRAMES_PER_SECOND = 30  # Play's ceiling; the browser shows each frame
PLAY_IDLE_SECONDS = 180  # Play stops after this long without a click or a control change
NOTES_PER_SECOND = 3  # while Play runs, the notes (hover text) are refreshed this often
IDLE_NOTE = "Play paused after 3 minutes without a click or a change: press Play to go on."


def _running_loop():
    """The kernel's asyncio loop when called from it, else None (plain Python, tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class PlaygroundWidget(ControlPanel, PointsAndExport, widgets.VBox):
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
        self._frames = 0  # frames of Play so far (which of them refresh the notes)
        self._quiet = False  # True while controls are set from the playground, not the user
        self._touched = time.monotonic()  # the last click or control change
        self._hidden_pause = False  # Play was paused because the playground went out of view
        self.key_guard = KeyGuard()
        self.key_guard.observe(lambda change: self._seen(change["new"]), "visible")

        self._settings_controls(s)
        self.views["boundary"].on_msg(self._pad_message)
        self._points_controls()
        self._export_controls()

        self.eta_text.observe(lambda change: self._changed("eta", change["new"]), "value")
        for name in CONTROLS:
            control = getattr(self, name)
            control.observe(lambda change, name=name: self._changed(name, change["new"]), "value")
        for button, action in [
            (self.play_button, self.play),
            (self.pause_button, self.pause),
            (self.step_button, self.step),
            (self.reset_button, self.reset),
        ]:
            button.on_click(lambda _button, action=action: action())
        super().__init__(self.arrange(), **kwargs)
        self.add_class("bp-playground")
        self.redraw()

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

    def redraw(self, fresh_notes=True):
        """Show the playground's state: the status line, the message and the views (in that
        order, so that a new picture never arrives with a stale message), all in one widget
        message (the stage's, pad.py). fresh_notes False (Play's frames in between refreshes)
        reuses the notes and the diagnosis of an earlier frame."""
        with self.stage.hold_sync():
            self._show_frame(fresh_notes)
        playing = self.playground.playing
        self.play_button.disabled = playing
        self.pause_button.disabled = not playing

    def _show_frame(self, fresh_notes):
        self.status.value = f"<b>{html.escape(self.playground.status)}</b>"
        message = self.playground.advice(fresh=fresh_notes)
        self.message.value = (
            f'<span class="bp-advice" style="color:#b00020">{html.escape(message)}</span>'
            if message
            else ""
        )
        views, notes = self.playground.live_views(fresh_notes=fresh_notes)
        for name, svg in views.items():
            shown = self.network_picture(svg) if name == "forward" else svg
            if name in NOTED_VIEWS:  # the notes apart (pad.NotedView)
                self.views[name].show(shown, notes[name] if shown is svg else ())
            else:
                self.views[name].value = shown  # unchanged text is not sent again

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
        """One frame of Play: pending changes, one chunk, a redraw (with fresh notes and
        diagnosis every FRAMES_PER_SECOND // NOTES_PER_SECOND frames). Returns: True if trained."""
        self.apply_pending()
        trained = self.playground.tick()
        self._frames += 1
        self.redraw(fresh_notes=self._frames % (FRAMES_PER_SECOND // NOTES_PER_SECOND) == 0)
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
