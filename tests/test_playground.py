"""The playground's logic without a browser: settings → network, messages, chunks, the picture."""

import io

import numpy as np
import PIL.Image
import pytest

from backprop_lib import Network
from backprop_lib import playground as pg_module
from backprop_lib.playground import (
    PAIRINGS,
    Playground,
    Settings,
    accuracy,
    build_data,
    build_network,
    check_settings,
    parse_layers,
)

DIVERGING = dict(dataset="moons", pairing="linear+mse", eta=0.05)


@pytest.mark.parametrize(
    "text,sizes",
    [("4, 4", (4, 4)), ("8 3", (8, 3)), (" 2,3 , 1 ", (2, 3, 1)), ("", ()), ("16", (16,))],
)
def test_parse_layers_reads_sizes(text, sizes):
    assert parse_layers(text) == sizes


@pytest.mark.parametrize(
    "text,message",
    [
        ("abc", r"'abc' is not a whole number.*e\.g\. 4, 4"),
        ("4, x", r"'x' is not a whole number"),
        ("2.5", r"'2\.5' is not a whole number"),
        ("0", r"at least 1 unit, got 0"),
        ("4, -2", r"at least 1 unit, got -2"),
        ("17", r"at most 16 units per layer.*got 17"),
        ("1 1 1 1 1 1 1", r"at most 6 hidden layers, got 7"),
    ],
)
def test_parse_layers_explains_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_layers(text)
    with pytest.raises(TypeError, match=r"layers: expected text"):
        parse_layers([4, 4])


@pytest.mark.parametrize("pairing", list(PAIRINGS))
def test_build_network_follows_the_settings(pairing):
    settings = Settings(layers="3, 2", hidden="relu", pairing=pairing, seed=5)
    net = build_network(settings)
    assert net.layers == [2, 3, 2, 1] and net.hidden == "relu"
    assert (net.output, net.loss) == PAIRINGS[pairing]
    again = build_network(settings)
    for a, b in zip(net.thetas, again.thetas):
        np.testing.assert_array_equal(a, b)
    other = build_network(Settings(layers="3, 2", hidden="relu", pairing=pairing, seed=6))
    assert not np.array_equal(net.thetas[0], other.thetas[0])


def test_build_data_uses_dataset_size_noise_and_seed():
    X, y = build_data(Settings(dataset="spiral", n=60, noise=0.0, seed=2))
    assert X.shape == (60, 2) and y.shape == (60, 1)
    X4, _ = build_data(Settings())
    assert X4.shape == (4, 2)  # the default is the article's XOR


@pytest.mark.parametrize(
    "changes,message",
    [
        (dict(eta=0.0), r"η: expected a learning rate from 0\.001 to 10"),
        (dict(eta=50.0), r"η: expected a learning rate"),
        (dict(eta="fast"), r"eta: expected a number"),
        (dict(hidden="softmax"), r"hidden: expected one of sigmoid, tanh, relu, linear"),
        (dict(pairing="linear+bce"), r"pairing: expected one of linear\+mse"),
        (dict(dataset="iris"), r"dataset: expected one of xor, circles"),
        (dict(epochs=-1), r"epochs: expected a whole number from 0"),
        (dict(epochs=2.5), r"epochs: expected a whole number"),
        (dict(seed=-3), r"seed: expected a whole number from 0"),
        (dict(chunk=0), r"chunk: expected a whole number from 1"),
        (dict(layers="4,,x"), r"'x' is not a whole number"),
        (dict(noise=2.0), r"noise: expected a number from 0 to 1"),
        (dict(noise=float("nan")), r"noise: expected a number from 0 to 1"),
        (dict(n=3), r"n: expected a whole number from 4"),
    ],
)
def test_check_settings_names_the_bad_setting(changes, message):
    with pytest.raises((ValueError, TypeError), match=message):
        check_settings(Settings(**changes))


def test_default_playground_trains_xor_and_reports_it():
    pg = Playground()
    assert pg.epoch == Settings().epochs == len(pg.cost)
    assert pg.message == "" and not pg.playing
    assert accuracy(pg.net, pg.X, pg.y) == 1.0
    assert pg.status.startswith(f"epoch {pg.epoch} · cost J = ")
    assert "accuracy 100%" in pg.status
    assert pg.cost[-1] < pg.cost[0]


def test_same_settings_same_training():
    a, b = Playground(), Playground()
    np.testing.assert_array_equal(a.cost, b.cost)
    for ta, tb in zip(a.net.thetas, b.net.thetas):
        np.testing.assert_array_equal(ta, tb)


def test_the_network_is_what_fit_gives_from_the_seed():
    pg = Playground(Settings(epochs=40))
    net = build_network(pg.settings)
    history = net.fit(pg.X, pg.y, eta=pg.settings.eta, epochs=40)
    np.testing.assert_allclose(pg.cost, history.cost, rtol=1e-12)
    np.testing.assert_allclose(pg.net.thetas[0], net.thetas[0], rtol=1e-12)


def test_invalid_layer_text_becomes_a_message_and_keeps_the_network():
    pg = Playground()
    net, settings = pg.net, pg.settings
    assert pg.apply(layers="four") is False
    assert "'four' is not a whole number" in pg.message
    assert pg.net is net and pg.settings == settings
    assert pg.apply(layers="3") is True
    assert pg.message == "" and pg.net.layers == [2, 3, 1]


def test_every_invalid_setting_becomes_a_message_in_apply():
    pg = Playground()
    for changes in [dict(noise=3.0), dict(eta=100.0), dict(epochs=-5), dict(dataset="iris")]:
        assert pg.apply(**changes) is False
        assert pg.message.split(":")[0] in {"noise", "η", "epochs", "dataset"}
    assert pg.settings == Settings()


def test_unknown_setting_is_a_programming_error():
    with pytest.raises(TypeError, match=r"apply: unknown setting\(s\) speed"):
        Playground().apply(speed=3)


def test_divergence_becomes_a_message_not_an_exception():
    pg = Playground()
    assert pg.apply(**DIVERGING) is True  # the settings are valid; training is what fails
    assert pg.diverged
    assert pg.message.startswith("Training diverged at epoch ")
    assert "η = 0.05" in pg.message and "smaller η" in pg.message
    stopped_at = int(pg.message.split("epoch ")[1].split()[0])
    assert 0 < stopped_at < pg.settings.epochs
    assert pg.epoch == stopped_at  # the history ends where training broke
    assert all(np.all(np.isfinite(t)) for t in pg.net.thetas)
    assert np.all(np.isfinite(pg.cost))
    assert pg.step() is False and pg.epoch == stopped_at  # stays stopped
    assert pg.play() is False and not pg.playing
    assert pg.render()[:8] == b"\x89PNG\r\n\x1a\n"  # and still draws
    pg.apply(eta=0.002)
    assert pg.message == "" and not pg.diverged and pg.epoch == pg.settings.epochs


def test_step_trains_one_chunk_more():
    pg = Playground(Settings(epochs=100, chunk=30))
    before = [t.copy() for t in pg.net.thetas]
    assert pg.step() is True
    assert pg.epoch == 130
    assert not np.array_equal(pg.net.thetas[0], before[0])
    assert pg.step(epochs=5) and pg.epoch == 135
    # 100 epochs then 35 in chunks give the same network as 135 at once
    straight = Playground(Settings(epochs=135, chunk=30))
    np.testing.assert_allclose(pg.net.thetas[0], straight.net.thetas[0], rtol=1e-10)


def test_reset_restores_the_untrained_network():
    pg = Playground()
    fresh = build_network(pg.settings)
    pg.step()
    pg.reset()
    assert pg.epoch == 0 and len(pg.cost) == 0 and pg.message == ""
    for a, b in zip(pg.net.thetas, fresh.thetas):
        np.testing.assert_array_equal(a, b)
    assert pg.status.startswith("epoch 0 ·")


def test_play_ticks_until_paused():
    pg = Playground(Settings(chunk=10))
    assert pg.tick() is False and pg.epoch == 500  # not playing: nothing happens
    assert pg.play() is True
    assert pg.tick() and pg.tick() and pg.epoch == 520
    pg.pause()
    assert pg.tick() is False and pg.epoch == 520


def test_play_stops_at_the_epoch_cap(monkeypatch):
    monkeypatch.setattr(pg_module, "MAX_PLAY_EPOCHS", 530)
    pg = Playground(Settings(chunk=20))
    pg.play()
    assert pg.tick() and pg.epoch == 520
    assert pg.tick() and pg.epoch == 530
    assert pg.tick() is False and not pg.playing


def test_requests_are_coalesced_into_one_retrain():
    pg = Playground()
    retrains = pg.retrains
    for eta in (0.1, 0.2, 0.3, 0.4):
        pg.request(eta=eta)
    pg.request(layers="3")
    assert pg.retrains == retrains  # nothing happens until flush
    assert pg.flush() is True
    assert pg.retrains == retrains + 1
    assert pg.settings.eta == 0.4 and pg.net.layers == [2, 3, 1]
    assert pg.flush() is False and pg.retrains == retrains + 1


def test_changing_the_sample_or_chunk_redraws_without_retraining():
    pg = Playground()
    retrains, net = pg.retrains, pg.net
    assert pg.apply(sample=3, chunk=7)
    assert pg.retrains == retrains and pg.net is net
    assert pg.settings.sample == 3 and pg.settings.chunk == 7


def png_size(png):
    return PIL.Image.open(io.BytesIO(png)).size


def test_render_returns_png_bytes_and_reuses_one_figure():
    pg = Playground()
    png = pg.render()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    figure, axes = pg.figure, list(pg.axes)
    assert png_size(png) == (720, 518)  # 10 × 7.2 inches at 72 dpi
    pg.apply(layers="5, 3", dataset="circles")
    pg.step()
    pg.render()
    assert pg.figure is figure and list(pg.axes) == axes and len(pg.figure.axes) == 4


def test_redraw_changes_the_picture_when_eta_changes():
    pg = Playground()
    first = pg.render()
    assert pg.render() == first  # same state, same picture
    pg.apply(eta=0.01)
    assert pg.render() != first
    pixels = np.asarray(PIL.Image.open(io.BytesIO(pg.render())).convert("RGB"), dtype=float)
    baseline = np.asarray(PIL.Image.open(io.BytesIO(first)).convert("RGB"), dtype=float)
    assert np.abs(pixels - baseline).mean() > 0.5  # a visible change, not one pixel


def test_draw_shows_the_current_network():
    pg = Playground(Settings(sample=2))
    pg.draw()
    y_hat = pg.net.predict(pg._boundary.points)[:, 0]
    np.testing.assert_allclose(
        np.asarray(pg._boundary.image.get_array()).ravel(), np.clip(y_hat, 0, 1), atol=1e-12
    )
    np.testing.assert_array_equal(pg._loss.line.get_ydata(), pg.cost)
    expected = pg.net.deltas(pg.X[2:3], pg.y[2:3])[-1][0, 0]
    assert pg._backward.labels[-1].get_text() == f"{expected:+.3g}"


def test_sample_beyond_the_data_is_clamped_when_drawn():
    pg = Playground(Settings(sample=150, dataset="moons", eta=0.01))
    pg.apply(dataset="xor", eta=0.5)
    pg.draw()
    assert "sample 3" in pg._backward.caption.get_text()


def test_playground_rejects_bad_initial_settings():
    with pytest.raises(ValueError, match=r"at least 1 unit"):
        Playground(Settings(layers="0"))
    with pytest.raises(TypeError, match=r"settings: expected a Settings"):
        Playground(settings={"eta": 0.1})


def test_network_from_playground_is_an_ordinary_network():
    assert isinstance(Playground().net, Network)
