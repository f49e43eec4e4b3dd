"""Play pauses by itself when nobody watches: when the playground cannot be seen (KeyGuard's
`visible`, which its front-end sets from visibilitychange and an IntersectionObserver), and
after PLAY_IDLE_SECONDS without a click or a control change. An idle class costs nothing."""

import asyncio
import re

import pytest

from backprop_lib.playground import widget as widget_module
from backprop_lib.playground.widget import IDLE_NOTE, PlaygroundWidget


def test_play_pauses_out_of_view_and_resumes_in_view():
    w = PlaygroundWidget()
    w.play()  # no event loop here: only marks it playing
    assert w.playground.playing
    w.key_guard.visible = False  # what the browser reports for a hidden tab or a scrolled cell
    assert not w.playground.playing and not w.play_button.disabled
    w.key_guard.visible = True
    assert w.playground.playing  # it was paused for being out of view, so it goes on
    w.pause()
    w.key_guard.visible = False
    w.key_guard.visible = True
    assert not w.playground.playing  # paused by the student: seeing it again does not restart


def test_play_stops_after_the_idle_time_and_says_why(monkeypatch):
    async def play_until_it_stops():
        w = PlaygroundWidget()
        task = w.play()
        assert task is not None
        await asyncio.wait_for(task, timeout=60)
        return w

    monkeypatch.setattr(widget_module, "PLAY_IDLE_SECONDS", 0.2)
    w = asyncio.run(play_until_it_stops())
    assert not w.playground.playing and w.playground.epoch > 500  # it played, then stopped
    assert w.playground.advice() == IDLE_NOTE
    assert IDLE_NOTE in w.message.value and not w.play_button.disabled
    w.play()
    assert w.playground.playing and w.playground.advice() != IDLE_NOTE


@pytest.mark.parametrize("name", ["eta", "chunk"])
def test_a_control_change_counts_as_activity(name):
    w = PlaygroundWidget()
    w._touched = 0.0  # as if the last touch were long ago
    getattr(w, name).value = 0.3 if name == "eta" else 10
    assert w._touched > 0.0


def _hover_texts(svg):
    """The notes (hover text) of a view's units and weights, in order."""
    return re.findall(r'aria-label="([^"]*)"><title>', svg)


def test_notes_lag_only_during_play_and_are_current_when_paused_or_stepped():
    w = PlaygroundWidget()
    w.play()  # no event loop here: frame() is Play's frame
    current = []
    for _ in range(widget_module.FRAMES_PER_SECOND):
        assert w.frame()
        shown = w.views["forward"].markup()
        current.append(_hover_texts(shown) == _hover_texts(w.playground.views()["forward"]))
    # refreshed NOTES_PER_SECOND times in a second of frames, stale (but there) in between
    assert sum(current) == widget_module.NOTES_PER_SECOND and not all(current)
    assert _hover_texts(shown) and len(_hover_texts(shown)) == len(_hover_texts(fresh_view(w)))
    w.frame()  # a frame with notes from an earlier one
    w.pause()
    assert w.views["forward"].markup() == fresh_view(w)  # paused: notes of this very state
    assert w.views["backward"].markup() == w.playground.views()["backward"]
    w.step()
    assert w.views["forward"].markup() == fresh_view(w)  # stepped: the same
    w.play()
    w.frame()
    w.reset()
    assert w.views["forward"].markup() == fresh_view(w)


def test_notes_are_current_when_play_stops_by_itself(monkeypatch):
    async def play_until_it_stops():
        w = PlaygroundWidget()
        await asyncio.wait_for(w.play(), timeout=60)
        return w

    monkeypatch.setattr(widget_module, "PLAY_IDLE_SECONDS", 0.2)
    w = asyncio.run(play_until_it_stops())
    assert not w.playground.playing
    assert w.views["forward"].markup() == fresh_view(w)


def fresh_view(w):
    """The forward view as a redraw with fresh notes draws it, for w's state."""
    return w.playground.views()["forward"]


def test_the_diagnosis_is_refreshed_with_the_notes_during_play(monkeypatch):
    """Play's frames between the notes' refreshes show the diagnosis made at the last refresh,
    for the same run; a new run (a retrain) and any other redraw get a diagnosis of their own."""
    w = PlaygroundWidget()
    made = []
    diagnosis = type(w.playground).diagnosis
    monkeypatch.setattr(
        type(w.playground), "diagnosis", lambda pg: made.append(pg.epoch) or diagnosis(pg)
    )
    w.play()  # no event loop here: frame() is Play's frame; play() redraws once, fresh
    assert made == [w.playground.epoch]
    for _ in range(widget_module.FRAMES_PER_SECOND):
        assert w.frame()
    assert len(made) == 1 + widget_module.NOTES_PER_SECOND
    w.playground.retrain()  # another run (a new network): not the old run's diagnosis
    w.frame()
    assert len(made) == 2 + widget_module.NOTES_PER_SECOND and made[-1] == w.playground.epoch
    w.frame()
    assert len(made) == 2 + widget_module.NOTES_PER_SECOND  # the same run: reused
    w.pause()  # paused: the diagnosis of this very state
    assert len(made) == 3 + widget_module.NOTES_PER_SECOND and made[-1] == w.playground.epoch
