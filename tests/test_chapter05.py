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

from actlab import experiments

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
