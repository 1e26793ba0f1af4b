"""Chapter 5 (The fall of sigmoid): the claims its prose rests on,
and which run reveals its prediction.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), its figure
helpers in tests/test_plotting_*.py, the notebook's conventions in
tests/test_chapter_conventions.py."""

import json
from pathlib import Path

import numpy as np
import pytest
from _chapters import exercise_kinds

from actlab import activations, data, experiments, nn
from actlab.experiments import plateau

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "05_fall_of_sigmoid.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {"ch5-ex-signal": "code", "ch5-ex-depth": "written", "ch5-ex-sign": "written"}


# --- what the chapter's prose relies on, at the chapter's sizes ---


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_sigmoid_factor_per_layer_is_below_a_quarter_and_tanh_near_one(seed):
    def factor(name, init="xavier"):
        r = experiments.signal_norms(name, init=init, depth=10, width=32, n=64, seed=seed)
        return r.relative[0] ** (1 / 9)

    assert 0.15 < factor("sigmoid") < 0.25
    assert factor("sigmoid", "standard") < factor("sigmoid")  # standard is worse
    assert factor("tanh") > 0.75 > factor("tanh", "standard")
    assert 0.5 < factor("relu") < 0.9  # Xavier lets ReLU's signal shrink


def test_large_weights_carry_the_sigmoid_signal_by_saturating_the_units():
    """The explorer's lesson: gain 8 passes far more signal, with outputs near 0 or 1."""
    kw = {"init": "normal", "depth": 10, "width": 32, "n": 64, "seed": 0}
    small = experiments.signal_norms("sigmoid", init_scale=1 / np.sqrt(32), **{
        k: v for k, v in kw.items()})  # fmt: skip
    large = experiments.signal_norms("sigmoid", init_scale=8 / np.sqrt(32), **kw)
    assert large.relative[0] > 1e3 * small.relative[0]
    assert large.activation_std.min() > 0.4 > small.activation_std.max()


def test_a_deep_sigmoid_stack_forgets_its_input_unit_by_unit():
    """Each unit's spread across inputs falls about fourfold per sigmoid layer, while the
    pooled spread, which also counts differences between units, stays large."""
    r = experiments.signal_norms("sigmoid", depth=10, width=32, n=64, seed=0)
    assert 0.1 < r.unit_spread[0] < 0.3 and r.unit_spread[-1] < 1e-4
    assert np.all(np.diff(r.unit_spread) < 0) and r.activation_std[-1] > 0.05
    tanh = experiments.signal_norms("tanh", depth=10, width=32, n=64, seed=0)
    assert tanh.unit_spread[-1] > 0.1


SIGMOID = activations.get("sigmoid")
CONTROLS = {  # the chapter's controls: (function, derivative)
    "centred": (lambda z: SIGMOID(z) - 0.5, SIGMOID.derivative),
    "steep": (lambda z: 4 * SIGMOID(z), lambda z: 4 * SIGMOID.derivative(z)),
    "centred_steep": (lambda z: 4 * (SIGMOID(z) - 0.5), lambda z: 4 * SIGMOID.derivative(z)),
}


def test_the_controls_change_one_property_each():
    acts = {n: experiments.as_activation(f, df, name=n) for n, (f, df) in CONTROLS.items()}
    for act in acts.values():
        assert experiments.check_derivative(act).max_error < 1e-6
    z = np.linspace(-5, 5, 101)
    assert np.allclose(acts["centred_steep"](z), 2 * np.tanh(z / 2))  # as the chapter says
    assert acts["centred"].derivative_at_zero == 0.25 and acts["centred"].value_at_zero == 0
    assert acts["steep"].derivative_at_zero == 1.0 and acts["steep"].value_at_zero == 2.0

    def share(act):
        return experiments.signal_norms(act, depth=10, width=32, n=64, seed=0).relative[0]

    # centring alone leaves the signal to vanish; slope 1 keeps far more of it
    assert share(acts["centred"]) < 1e-4 < 0.1 < share(acts["centred_steep"])
    assert share(acts["centred"]) < 1e-4 < share(acts["steep"])


@pytest.mark.parametrize("seed", [5])
def test_the_relu_failure_of_the_review_is_the_lone_image_batch(seed):
    """On base seed 5 ReLU (lr 0.1, 4 x 16, Xavier) ended above ln 10 with batches of 16 on 449
    images; the same batches on 448 images (nothing left over) stay below it."""
    d = data.load("digits", seed=seed, fractions=(0.25, 0.25, 0.5))

    def peak(n, batch_size):
        highest = []
        for s in (seed, seed + 1, seed + 2):
            net = nn.MLP([64, 16, 16, 16, 16, 10], activation="relu", output="softmax", seed=s)
            h = net.fit(d.X_train[:n], d.y_train[:n], epochs=12, lr=0.1, batch_size=batch_size,
                        optimizer="sgd", seed=experiments.derived_seed(s, "batches"))  # fmt: skip
            highest.append(max(h["loss"][6:]))
        return max(highest)

    assert peak(449, 16) > 2 * np.log(10)
    assert peak(448, 16) < np.log(10) and peak(449, 15) < np.log(10)


def test_the_long_run_cache_holds_every_base_seed_and_is_small():
    for seed in plateau.SEEDS:
        run = experiments.cached_long_run(seed)
        assert run["seeds"] == [seed, seed + 1, seed + 2] and run["epochs"] == plateau.EPOCHS
        assert run["loss"].shape == (3, len(run["loss_epochs"]))
        assert run["weight_change"].shape == (3, 5)
    assert (ROOT / "code" / "actlab" / "_data" / plateau.CACHE).stat().st_size < 100_000
    with pytest.raises(ValueError, match="cached_long_run: the cache holds base seeds 0 to 24"):
        experiments.cached_long_run(25)


def test_the_script_reproduces_the_start_of_the_cached_long_run():
    """tools/plateau_cache.py's run, shortened to 30 epochs on one seed, gives the stored
    losses (the rest is the same loop, run longer)."""
    fresh = plateau.long_run(3, epochs=30, seeds=(3,))
    stored = experiments.cached_long_run(3)
    np.testing.assert_allclose(fresh["loss"][0], stored["loss"][0][:10], atol=1e-4)


# --- the notebook's exercises follow the coursework convention ---


def _text(cell):
    return "".join(cell["source"])


def test_the_twice_as_deep_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if 'first_to_last("sigmoid", depth=20)' in _text(c)]
    assert runs == [ids.index("ch5-ex-depth-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())
