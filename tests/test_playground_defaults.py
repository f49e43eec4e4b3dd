"""Every data set's default settings train to a good fit without a warning, and choosing a data
set applies its defaults (layers, activation, pairing and η), not those left on the screen."""

import pytest

from backprop_lib.playground import Playground
from backprop_lib.playground.settings import (
    DATASET_DEFAULTS,
    DATASETS,
    dataset_defaults,
    default_eta,
    defaults_for,
)

PLAY_EPOCHS = 3000  # what a presenter lets Play run before moving on
CHECKPOINT = 100  # epochs between two looks at the status line's diagnosis
GOOD_FIT = {"xor": 1.0, "circles": 0.95, "moons": 0.95, "spiral": 0.95, "spiral3": 0.95}


def test_every_data_set_has_defaults_and_a_stated_fit():
    assert set(DATASET_DEFAULTS) == set(DATASETS) == set(GOOD_FIT)


@pytest.mark.parametrize("dataset", DATASETS)
def test_defaults_train_to_a_good_fit_with_no_warning_on_the_way(dataset):
    pg = Playground(defaults_for(dataset, epochs=CHECKPOINT), resolution=8)
    warnings = []
    while True:
        diagnosis = pg.diagnosis()
        if pg.message or diagnosis.failing:
            warnings.append((pg.epoch, pg.message or diagnosis.text))
        if pg.epoch >= PLAY_EPOCHS or pg.message:
            break
        assert pg.step(CHECKPOINT)
    assert not warnings, f"{dataset}: warned at {warnings[:3]}"
    assert pg.epoch == PLAY_EPOCHS
    assert pg.accuracy >= GOOD_FIT[dataset], f"{dataset}: {pg.accuracy:.3f} after {pg.epoch}"


def test_choosing_a_data_set_applies_its_defaults_not_the_previous_ones():
    pg = Playground(resolution=8)
    assert pg.apply(layers="8, 8, 8", hidden="relu", eta=0.05)
    for dataset in DATASETS:
        assert pg.apply(dataset=dataset)
        s = pg.settings
        own = dataset_defaults(dataset)
        assert (s.layers, s.hidden, s.pairing) == (own["layers"], own["hidden"], own["pairing"])
        own = (s.reduction, s.batch, s.layers, s.hidden)
        assert s.eta == default_eta(dataset, s.n, s.pairing, *own)
        rate = DATASET_DEFAULTS[dataset]["eta_m"]  # its own η·m, not the pairing's
        assert s.eta == float(
            f"{rate / len(pg.X) * (s.batch or 1 if s.reduction == 'mean' else 1):.3g}"
        )
    assert pg.apply(dataset="xor")
    assert pg.accuracy == 1.0  # layers 8, 8, 8 with the previous η once sat at chance here


def test_a_data_set_chosen_with_other_settings_keeps_those():
    pg = Playground(resolution=8)
    assert pg.apply(dataset="moons", layers="3", eta=0.02)
    assert (pg.settings.layers, pg.settings.eta) == ("3", 0.02)
    assert pg.settings.hidden == dataset_defaults("moons")["hidden"]


def test_a_bad_data_set_is_named_and_changes_nothing():
    pg = Playground(resolution=8)
    before = pg.settings
    assert not pg.apply(dataset="spirals")
    assert "dataset" in pg.message and pg.settings == before
    with pytest.raises(ValueError, match="dataset"):
        dataset_defaults("spirals")
