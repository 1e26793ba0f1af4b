"""experiments.dead_units_during_training: which hidden units are negative on every training
example, epoch by epoch (chapter 7's measurement), checked on small runs."""

import warnings

import numpy as np
import pytest

from actlab import data, experiments, nn

SMALL = {"dataset": "moons", "hidden": (8, 8), "epochs": 3, "data_kw": {"n": 80}}


def test_records_one_row_per_epoch_and_agrees_with_dead_units_for_relu():
    r = experiments.dead_units_during_training(lr=0.5, seed=1, **SMALL)
    assert r.epochs.tolist() == [0, 1, 2, 3] and not r.diverged
    assert [m.shape for m in r.negative] == [(4, 8), (4, 8)]
    assert r.fraction.shape == (4, 2) and r.overall.shape == (4,)
    assert r.loss.shape == r.val_accuracy.shape == (4,) and r.alpha is None
    X = data.load("moons", seed=0, n=80).X_train
    now = experiments.dead_units(r.net, X)  # for ReLU, z <= 0 everywhere is dead
    assert [np.flatnonzero(m[-1]).tolist() for m in r.negative] == [u.tolist() for u in now.units]
    np.testing.assert_allclose(r.fraction[-1], now.fraction)
    np.testing.assert_allclose(r.overall, r.fraction.mean(axis=1))  # equal widths


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    a, b = (experiments.dead_units_during_training(seed=3, **SMALL) for _ in range(2))
    c = experiments.dead_units_during_training(seed=4, **SMALL)
    np.testing.assert_array_equal(a.loss, b.loss)
    assert not np.array_equal(a.loss, c.loss)


def test_a_bias_shift_lowers_every_hidden_bias_and_kills_units_at_the_start():
    plain = experiments.dead_units_during_training(**{**SMALL, "epochs": 1})
    shifted = experiments.dead_units_during_training(bias_shift=3.0, **{**SMALL, "epochs": 1})
    assert shifted.overall[0] > plain.overall[0]
    fresh = nn.MLP([2, 8, 8, 1], activation="relu", init="he", seed=0)
    start = np.concatenate([b for _, b in fresh.params[:-1]])
    assert start.max() == 0.0  # He's biases start at 0; the shift is what moves them


@pytest.mark.parametrize("seed", [0, 1])
def test_killed_units_stay_dead_and_the_first_layer_never_revives(seed):
    r = experiments.dead_units_during_training(killed=0.5, lr=1.0, seed=seed, **SMALL)
    assert [k.tolist() for k in r.killed] == [[0, 1, 2, 3], [0, 1, 2, 3]]
    for mask, killed in zip(r.negative, r.killed, strict=True):
        assert mask[:, killed].all()
    # Once dead, a first-layer unit stays dead: its mask never goes from True to False.
    first = r.negative[0]
    assert not (first[:-1] & ~first[1:]).any()


def test_prelu_slopes_are_recorded_per_unit_from_their_start():
    r = experiments.dead_units_during_training("prelu", lr=0.5, **SMALL)
    assert [a.shape for a in r.alpha] == [(4, 8), (4, 8)]
    assert np.all(r.alpha[0][0] == 0.25) and not np.all(r.alpha[0][-1] == 0.25)
    fixed = experiments.dead_units_during_training(
        "leaky_relu", activation_params={"alpha": 0.2}, **SMALL
    )
    assert fixed.alpha is None  # a fixed slope is not learned


def test_divergence_stops_the_run_and_is_recorded_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = experiments.dead_units_during_training("leaky_relu", lr=1e4, **SMALL)
    assert r.diverged and r.epochs.tolist() == [0] and r.loss.shape == (1,)


def test_base_rate_is_the_training_majority_scored_on_validation():
    r = experiments.dead_units_during_training(dataset="digits", hidden=(4,), epochs=1)
    d = data.load("digits", seed=0)
    assert r.base_rate == np.mean(d.y_val == np.bincount(d.y_train).argmax())


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [({"activation": 1}, TypeError, "activation must be a name"),
     ({"hidden": 8}, TypeError, "hidden must be a list"),
     ({"epochs": 0}, ValueError, "epochs must be a positive integer"),
     ({"lr": -1.0}, ValueError, "lr must be > 0"),
     ({"batch_size": 1.5}, TypeError, "batch_size must be a positive integer"),
     ({"init": "kaiming"}, ValueError, "unknown init 'kaiming'"),
     ({"bias_shift": "1"}, TypeError, "bias_shift must be a real number"),
     ({"killed": 1.5}, ValueError, "killed must be a share of the units in [0, 1]"),
     ({"seed": None}, ValueError, "seed must be an integer >= 0"),
     ({"seed": -1}, ValueError, "seed must be None or a non-negative integer"),
     ({"data_kw": [1]}, TypeError, "data_kw must be a dict"),
     ({"dataset": "sine"}, ValueError, "'sine' is a regression set")],
)  # fmt: skip
def test_bad_arguments_are_refused_by_name(kwargs, error, words):
    with pytest.raises(error) as caught:
        experiments.dead_units_during_training(**{**SMALL, **kwargs})
    message = str(caught.value)
    assert message.startswith("experiments.dead_units_during_training: ") and words in message
