"""The widget layer in-process: controls set from code change the state, message and picture."""

import asyncio

import comm
import pytest
from comm.base_comm import BaseComm

from backprop_lib.playground import MAX_EPOCHS, Playground, PresenterApp, Settings
from backprop_lib.playground import widget as widgets_module
from backprop_lib.playground.widget import PlaygroundWidget

CSS = {
    "eta": "bp-eta",
    "layers": "bp-layers",
    "hidden": "bp-hidden",
    "pairing": "bp-pairing",
    "dataset": "bp-dataset",
    "play_button": "bp-play",
    "pause_button": "bp-pause",
    "step_button": "bp-step",
    "reset_button": "bp-reset",
    "status": "bp-status",
    "message": "bp-message",
    "view_grid": "bp-views",
}


@pytest.fixture
def w():
    return PlaygroundWidget()


def epoch_of(widget):
    return int(widget.status.value.split("epoch ")[1].split()[0])


def test_css_classes_follow_the_contract(w):
    for name, css in CSS.items():
        assert css in getattr(w, name)._dom_classes, name
    assert "bp-playground" in w._dom_classes


def test_controls_start_from_the_settings_and_update_only_on_release(w):
    s = w.playground.settings
    assert (w.eta.value, w.layers.value, w.hidden.value) == (s.eta, s.layers, s.hidden)
    assert (w.pairing.value, w.dataset.value, w.epochs.value) == (s.pairing, s.dataset, s.epochs)
    assert w.eta.options[0][1] == 1e-3 and w.eta.options[-1][1] == 10  # η from 1e-3 to 10
    assert set(w.pairing.options) == {"linear+mse", "sigmoid+mse", "sigmoid+bce", "softmax+ce"}
    assert set(w.dataset.options) == {"xor", "circles", "moons", "spiral", "spiral3"}
    for control in (w.eta, w.layers, w.noise, w.epochs, w.seed):
        assert control.continuous_update is False
    assert w.epochs.max == MAX_EPOCHS


def test_initial_view_shows_the_trained_default(w):
    for name, view in w.views.items():
        assert view.value.startswith("<svg") and f"bp-view-{name}" in view._dom_classes
    assert epoch_of(w) == 500 and "accuracy 100%" in w.status.value
    assert w.message.value == ""
    assert not w.play_button.disabled and w.pause_button.disabled
    assert w.noise.disabled  # noise does not apply to the XOR table


def test_moving_eta_retrains_and_redraws(w):
    picture, retrains = w.views["boundary"].value, w.playground.retrains
    w.eta.value = 0.05
    assert w.playground.retrains == retrains + 1
    assert w.playground.settings.eta == pytest.approx(0.05)
    assert w.views["boundary"].value != picture


def test_layer_sizes_change_the_network_and_bad_text_gives_a_message(w):
    w.layers.value = "5 3"
    assert w.playground.net.layers == [2, 5, 3, 1]
    picture = w.views["boundary"].value
    w.layers.value = "five"
    assert "&#x27;five&#x27; is not a whole number" in w.message.value  # escaped for HTML
    assert w.playground.net.layers == [2, 5, 3, 1] and w.views["boundary"].value == picture
    assert w.layers.value == w.playground.settings.layers  # the value in use, not the bad text
    w.layers.value = "0"
    assert "at least 1 unit" in w.message.value
    w.layers.value = "4"
    assert w.message.value == "" and w.playground.net.layers == [2, 4, 1]


def test_dropdowns_reach_the_network(w):
    w.hidden.value = "relu"
    w.pairing.value = "linear+mse"
    net = w.playground.net
    assert (net.hidden, net.output, net.loss) == ("relu", "linear", "mse")


def test_dataset_change_enables_noise_and_resizes_the_sample_range(w):
    w.eta.value = 0.01
    w.dataset.value = "circles"
    assert not w.noise.disabled and w.sample.max == 199
    assert "(200 samples)" in w.status.value
    w.noise.value = 0.3
    assert w.playground.settings.noise == 0.3


def test_divergence_shows_a_message_and_no_traceback(w):
    w.dataset.value = "moons"
    w.pairing.value = "linear+mse"
    w.eta.value = 0.05
    assert "Training diverged at epoch" in w.message.value
    assert "Try η ≈" in w.message.value
    assert w.views["boundary"].value.startswith("<svg")
    w.play()
    assert not w.playground.playing and not w.play_button.disabled


def test_step_advances_by_the_chunk_and_reset_goes_back_to_epoch_0(w):
    w.chunk.value = 40
    w.step()
    assert epoch_of(w) == 540
    w.reset()
    assert epoch_of(w) == 0
    w.step()
    assert epoch_of(w) == 40


def test_buttons_are_wired(w):
    w.step_button.click()
    assert epoch_of(w) == 525
    w.reset_button.click()
    assert epoch_of(w) == 0
    w.play_button.click()  # no event loop here: it only marks the playground as playing
    assert w.playground.playing and w.play_button.disabled and not w.pause_button.disabled
    assert w.frame() and epoch_of(w) == 25
    w.pause_button.click()
    assert not w.playground.playing and w.pause_button.disabled


def test_play_trains_in_the_background_until_pause(monkeypatch):
    monkeypatch.setattr(widgets_module, "FRAMES_PER_SECOND", 1000)

    async def scenario():
        w = PlaygroundWidget()
        pictures = set()
        w.stage.observe(lambda change: pictures.add(change["new"]), "loss")  # the loss view
        task = w.play()
        assert isinstance(task, asyncio.Task)  # play() returned at once
        for _ in range(200):
            await asyncio.sleep(0.01)
            if epoch_of(w) >= 600:
                break
        w.pause_button.click()
        await asyncio.wait_for(task, timeout=5)
        return w, pictures

    w, pictures = asyncio.run(scenario())
    assert epoch_of(w) >= 600 and not w.playground.playing
    assert len(pictures) >= 4  # watched as it happened: a new picture per frame
    assert w._play_task is None and not w.play_button.disabled


def test_a_dragged_slider_is_coalesced_into_one_retrain():
    async def scenario():
        w = PlaygroundWidget()
        retrains = w.playground.retrains
        for eta in (0.1, 0.2, 0.3, 0.4, 0.6):
            w.eta.value = eta  # five changes arrive before the kernel is free again
        w.layers.value = "3"
        assert w.playground.retrains == retrains  # nothing retrained yet
        await asyncio.sleep(0.2)
        return w, retrains

    w, retrains = asyncio.run(scenario())
    assert w.playground.retrains == retrains + 1
    assert w.playground.settings.eta == pytest.approx(0.6) and w.playground.net.layers == [2, 3, 1]


def test_playground_widget_takes_settings():
    w = PlaygroundWidget(Playground(Settings(layers="3", dataset="moons", eta=0.01)))
    assert w.layers.value == "3" and w.dataset.value == "moons"
    assert w.playground.net.layers == [2, 3, 1]
    own = Playground(Settings(epochs=10))
    assert PlaygroundWidget(own).playground is own


def test_a_new_data_set_shows_its_eta_on_the_slider(w):
    w.dataset.value = "spiral"
    assert w.playground.settings.eta == 0.0025 and w.eta.value == 0.0025
    assert w.playground.retrains == 2  # the slider's update did not retrain again
    assert not w.n.disabled and not w.noise.disabled


def test_failing_training_shows_its_diagnosis(w):
    w.eta_text.value = 1.58  # typed: off the slider's grid
    assert "flat tails of tanh" in w.message.value


@pytest.mark.parametrize("name,bad", [("hidden", "softmax"), ("seed", -1), ("layers", "4, x")])
def test_a_rejected_entry_never_lingers(w, name, bad):
    before = getattr(w, name).value
    try:
        getattr(w, name).value = bad
    except Exception:  # the control itself refuses it (a dropdown, a bounded box): fine too
        pass
    assert getattr(w, name).value == before
    assert getattr(w.playground.settings, name) == before


def test_the_presenter_holds_a_subset_of_the_controls_and_its_style():
    """The presenter shows the controls a lecture moves; the cost reduction and the batch size
    are the notebook playground's only (they exist in the app, but are not laid out)."""
    app = PresenterApp()
    assert "bp-presenter" in app._dom_classes and "bp-playground" in app._dom_classes
    style, _guard, body = app.children
    assert "<style>" in style.value and ".bp-presenter" in style.value
    side, main = body.children
    assert app.eta_row in side.children and app.view_grid in main.children
    assert app.reduction not in side.children and app.batch not in side.children


def test_the_cost_reduction_and_the_batch_size_have_controls(w):
    assert w.reduction.options == ("sum", "mean") and w.batch.value == 0
    w.reduction.value = "mean"
    assert w.playground.net.reduction == "mean" and w.eta.value == 2.0  # XOR: 0.5 × 4
    w.batch.value = 2
    assert w.playground.settings.batch == 2 and w.eta.value == 1.0
    assert "bp-reduction" in w.reduction._dom_classes and "bp-batch" in w.batch._dom_classes


def test_the_three_class_spiral_is_offered_and_switches_the_pairing(w):
    assert "spiral3" in w.dataset.options and "softmax+ce" in w.pairing.options
    w.dataset.value = "spiral3"
    assert w.pairing.value == "softmax+ce" and w.playground.net.layers[-1] == 3
    w.pairing.value = "sigmoid+bce"
    assert "choose softmax+ce" in w.message.value and w.pairing.value == "softmax+ce"


def test_a_frame_of_play_is_one_widget_message_of_what_changed(monkeypatch):
    """The status line and the four views travel together, in the Stage's message; what did
    not change is not in it, and a redraw that changes nothing sends nothing."""
    sent = []

    class CountingComm(BaseComm):
        kernel = True  # ipywidgets sends only through a comm that has a kernel

        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            sent.append((self.comm_id, msg_type, data))

    monkeypatch.setattr(comm, "create_comm", lambda **kwargs: CountingComm(**kwargs))
    w = PlaygroundWidget()
    w.play_button.click()  # no event loop here: it only marks the playground as playing
    sent.clear()
    assert w.frame()
    assert [(comm_id, kind) for comm_id, kind, _ in sent] == [(w.stage.comm.comm_id, "comm_msg")]
    state = sent[0][2]["state"]
    assert {"status", "boundary", "loss", "forward", "backward"} <= set(state)
    assert "message" not in state and state["loss"] == w.views["loss"].value
    sent.clear()
    w.redraw(fresh_notes=False)
    assert sent == []
