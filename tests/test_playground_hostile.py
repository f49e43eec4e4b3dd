"""The playground's settings and Step against hostile input, by kind of input.

Every integer type means the same number (NumPy's included, bool never); a setting no
branch can use is refused naming it; a long entry never reaches int(); Step is bounded like a
retrain, so nothing the controls allow raises out of it; a rejected change leaves the state as
it was. Run with warnings as errors.
"""

import warnings

import numpy as np
import pytest

from backprop_lib.playground.session import RETRAIN_WORK, Playground, affordable_epochs
from backprop_lib.playground.settings import (
    N_RANGE,
    PAIRINGS,
    Settings,
    check_settings,
    default_eta,
    parse_layers,
)

INTEGER_TYPES = [int, np.int8, np.int16, np.int32, np.int64, np.uint16, np.uint32, np.uint64]


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# -- every integer type alike -------------------------------------------------------------------


@pytest.mark.parametrize("kind", INTEGER_TYPES)
@pytest.mark.parametrize(
    "values",
    [
        dict(dataset="moons", n=100),
        dict(dataset="moons", reduction="mean", batch=8),
        dict(dataset="circles", reduction="mean", batch=20, n=120),
        dict(dataset="spiral3", pairing="softmax+ce", n=120, batch=10, reduction="mean"),
    ],
)
def test_every_integer_type_gives_the_same_settings(kind, values):
    plain = Settings(**values)
    typed = Settings(**{k: kind(v) if isinstance(v, int) else v for k, v in values.items()})
    assert typed.eta == plain.eta
    assert check_settings(typed) == check_settings(plain)


@pytest.mark.parametrize("kind", INTEGER_TYPES)
def test_every_integer_type_trains_the_same_network(kind):
    values = dict(dataset="moons", n=40, epochs=30, seed=2, chunk=5, sample=3, batch=8)
    plain = Playground(Settings(**values), resolution=8)
    typed_values = {k: kind(v) if isinstance(v, int) else v for k, v in values.items()}
    typed = Playground(Settings(**typed_values), resolution=8)
    assert plain.step() and typed.step() and plain.step(kind(7)) and typed.step(kind(7))
    assert np.array_equal(typed.cost, plain.cost)


@pytest.mark.parametrize("flag", [True, False, np.bool_(True)])
@pytest.mark.parametrize("name", ["n", "batch", "epochs", "seed", "chunk", "sample"])
def test_a_bool_is_not_a_whole_number(name, flag):
    settings = Settings(**{name: flag})
    with pytest.raises(TypeError, match=f"^{name}: expected a whole number") as raised:
        check_settings(settings)
    assert len(str(raised.value)) < 200


@pytest.mark.parametrize("eta", [np.float32(0.25), np.float16(0.5), np.int64(1), 0.25])
def test_every_real_type_is_a_learning_rate(eta):
    pg = Playground(Settings(eta=eta, epochs=5), resolution=8)
    assert pg.settings.eta == eta and pg.epoch == 5


# -- default_eta: a setting it cannot use is named ----------------------------------------------


@pytest.mark.parametrize(
    "arguments, name",
    [
        (dict(pairing="tanh+mse"), "pairing"),
        (dict(pairing=None), "pairing"),
        (dict(pairing=np.array(["sigmoid+bce"])), "pairing"),
        (dict(dataset="mnist"), "dataset"),
        (dict(dataset=3), "dataset"),
        (dict(reduction="median"), "reduction"),
        (dict(reduction=np.array(["sum"])), "reduction"),
        (dict(n=0), "n"),
        (dict(n=-5, dataset="moons"), "n"),
        (dict(n=10**100, dataset="moons"), "n"),
        (dict(n=2.5, dataset="moons"), "n"),
        (dict(n=None), "n"),
        (dict(batch=-1), "batch"),
        (dict(batch=1.5), "batch"),
    ],
)
def test_default_eta_names_what_it_cannot_use(arguments, name):
    with pytest.raises((TypeError, ValueError), match=f"^{name}: expected") as raised:
        default_eta(**arguments)
    assert len(str(raised.value)) < 200


@pytest.mark.parametrize("pairing", PAIRINGS)
@pytest.mark.parametrize("n", [N_RANGE[0], 200, N_RANGE[1]])
def test_default_eta_is_inside_the_slider_for_every_valid_setting(pairing, n):
    for reduction, batch in [("sum", 0), ("mean", 0), ("mean", 1), ("mean", N_RANGE[1])]:
        eta = default_eta("moons", n, pairing, reduction, batch)
        assert 1e-3 <= eta <= 10.0


# -- text and arrays where a setting belongs ---------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("9" * 5000, "a number of 5000 digits"),
        ("0" * 5000 + "4", None),
        ("+" + "0" * 5000 + "3, 2", None),
        ("-" + "0" * 5000, "at least 1 unit, got 0"),
        ("0" * 5000, "at least 1 unit, got 0"),
        ("-" + "7" * 5000, "at least 1 unit"),
        ("4, " + "1" * 4301, "a number of 4301 digits"),
        ("1e5000", "is not a whole number"),
        ("٣", None),  # a digit of another script is a digit
    ],
)
def test_parse_layers_on_long_numbers(text, words):
    if words is None:
        sizes = parse_layers(text)
        assert all(1 <= s <= 16 for s in sizes)
        return
    with pytest.raises(ValueError, match=words) as raised:
        parse_layers(text)
    assert str(raised.value).startswith("Layer sizes:") and len(str(raised.value)) < 200


@pytest.mark.parametrize(
    "value",
    [np.array(["sum"]), np.array("sum"), ["sum"], ("mean",), {"sum"}, None, b"sum", 0],
)
@pytest.mark.parametrize("name", ["reduction", "pairing", "dataset", "hidden"])
def test_a_choice_that_is_not_text_is_named(name, value):
    settings = Settings(**{name: value})  # building it never raises
    with pytest.raises((TypeError, ValueError), match=f"^{name}: expected one of") as raised:
        check_settings(settings)
    assert len(str(raised.value)) < 200


def test_a_choice_that_is_a_str_subclass_is_the_same_choice():
    typed = Settings(dataset=np.str_("moons"), reduction=np.str_("mean"), batch=8)
    assert typed.eta == Settings(dataset="moons", reduction="mean", batch=8).eta
    check_settings(typed)


@pytest.mark.parametrize(
    "change",
    [
        dict(reduction=np.array(["sum"])),
        dict(n=True),
        dict(n=0),
        dict(batch=-1),
        dict(pairing="tanh+mse"),
        dict(layers="9" * 5000),
        dict(eta=np.array([0.1])),
    ],
)
def test_a_rejected_change_leaves_the_playground_as_it_was(change):
    pg = Playground(Settings(dataset="moons", n=40, epochs=20), resolution=8)
    settings, cost, thetas = pg.settings, pg.cost.copy(), [t.copy() for t in pg.net.thetas]
    assert pg.apply(**change) is False
    name = next(iter(change))
    assert name in pg.message.lower() or "η" in pg.message or "layer sizes" in pg.message.lower()
    assert len(pg.message) < 300
    assert pg.settings is settings and np.array_equal(pg.cost, cost)
    assert all(np.array_equal(a, b) for a, b in zip(pg.net.thetas, thetas))


# -- Step is bounded like a retrain -------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        dict(dataset="spiral3", pairing="softmax+ce", n=1000, batch=1, chunk=1000),
        dict(dataset="moons", n=1000, batch=1, chunk=1000, layers="16 16 16 16 16 16"),
        dict(dataset="circles", n=1000, batch=0, chunk=20_000, layers="16, 16, 16"),
        dict(dataset="xor", batch=1, chunk=20_000, layers="16 16 16 16 16 16"),
    ],
    ids=["spiral3 batch 1", "moons deep batch 1", "circles full batch", "xor deep"],
)
def test_step_never_raises_at_the_controls_extremes(values):
    pg = Playground(Settings(epochs=1, **values), resolution=8)
    most = affordable_epochs(pg.net.layers, len(pg.X), RETRAIN_WORK, pg.settings.batch)
    before = pg.epoch
    assert pg.step() is True
    assert pg.epoch - before == min(pg.settings.chunk, most)
    if most < pg.settings.chunk:
        assert f"Trained {most} of the {pg.settings.chunk} epochs" in pg.note
    assert pg.step(20_000) is True  # the largest Step asked for directly
    assert pg.epoch - before == min(pg.settings.chunk, most) + min(20_000, most)
