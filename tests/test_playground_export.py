"""Export of a playground run: the file reads back to the same network bit for bit, and the
printed code retrains to the same Θ."""

import json

import numpy as np
import pytest

from backprop_lib.playground import Playground, Settings
from backprop_lib.playground.export import load_network, load_run, save_run, settings_code

RUNS = {
    "xor": Settings(seed=3, epochs=300),
    "moons, mini-batches of 16, mean": Settings(
        dataset="moons", n=60, epochs=40, batch=16, reduction="mean", seed=1
    ),
    "spiral3, relu": Settings(
        dataset="spiral3", pairing="softmax+ce", n=60, hidden="relu", epochs=50, layers="5"
    ),
}


def _trained(settings):
    run = Playground(settings)
    run.step(7)  # a chunk more: the run is then made of two fits
    return run


@pytest.mark.parametrize("name", RUNS)
def test_saved_run_reloads_bit_for_bit(name, tmp_path):
    run = _trained(RUNS[name])
    path = save_run(run, tmp_path / "run.json")
    saved = load_run(path)
    assert saved.settings == run.settings and saved.epoch == run.epoch
    assert saved.X.tobytes() == run.X.tobytes() and saved.y.tobytes() == run.y.tobytes()
    for theta, original in zip(saved.network.thetas, run.net.thetas):
        assert theta.tobytes() == original.tobytes()
    grid = np.random.default_rng(0).normal(size=(50, 2))
    assert load_network(path).predict(grid).tobytes() == run.net.predict(grid).tobytes()
    assert repr(saved.network) == repr(run.net)


@pytest.mark.parametrize("name", RUNS)
def test_settings_code_retrains_the_same_thetas(name):
    run = _trained(RUNS[name])
    code = settings_code(run)
    assert "Network(" in code and "fit(" in code
    scope = {}
    exec(code, scope)
    assert scope["X"].tobytes() == run.X.tobytes()
    for theta, original in zip(scope["net"].thetas, run.net.thetas):
        assert theta.tobytes() == original.tobytes()


def test_settings_code_of_one_fit_is_one_call():
    run = Playground(Settings(seed=2, epochs=120))
    code = settings_code(run)
    assert code.count("net.fit(") == 1 and "epochs=120" in code
    scope = {}
    exec(code, scope)
    assert all(np.array_equal(a, b) for a, b in zip(scope["net"].thetas, run.net.thetas))


def test_settings_code_after_divergence_reproduces_the_stopped_network():
    run = Playground(Settings(seed=0, dataset="moons", pairing="linear+mse", eta=0.05))
    assert run.diverged
    scope = {}
    exec(settings_code(run), scope)
    assert all(np.array_equal(a, b) for a, b in zip(scope["net"].thetas, run.net.thetas))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r.pop("format"), "not a saved playground run"),
        (lambda r: r.update(version=99), "version 99"),
        (lambda r: r["thetas"].pop(), "Θ matrices"),
        (lambda r: r["thetas"][0].pop(), "shape"),
        (lambda r: r.update(X="abc"), "not a table of numbers"),
        (lambda r: r["y"].pop(), "do not fit the network"),
        (lambda r: r["settings"].update(colour=1), "settings"),
    ],
)
def test_a_damaged_file_is_refused_by_name(change, message, tmp_path):
    path = save_run(Playground(Settings(epochs=5)), tmp_path / "run.json")
    record = json.loads(path.read_text())
    change(record)
    with pytest.raises(ValueError, match=message):
        load_run(record)


def test_a_file_that_is_not_json_names_the_line(tmp_path):
    path = tmp_path / "run.json"
    path.write_text('{"format":\n oops}')
    with pytest.raises(ValueError, match="line 2"):
        load_run(path)
