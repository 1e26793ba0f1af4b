"""Chapter 7 (Dying ReLU, Leaky ReLU and PReLU): the facts its prose rests on, at the chapter's
sizes, and which run reveals its prediction.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), its
measurement in tests/test_experiments_dying.py, its figure helper in
tests/test_plotting_training.py, the notebook's conventions in
tests/test_chapter_conventions.py, its claims on other seeds in tests/test_claims.py."""

import json
from pathlib import Path

import numpy as np
import pytest
from _chapters import exercise_kinds

from actlab import activations, experiments

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "07_dying_relu.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {"ch7-ex-count": "code", "ch7-ex-revive": "written", "ch7-ex-slope": "written"}
RUN = {"dataset": "digits", "data_kw": {"fractions": (0.6, 0.2, 0.2)}, "epochs": 5}


def _text(cell):
    return "".join(cell["source"])


# --- what the chapter's prose relies on, at the chapter's sizes ---


def test_relu_slope_at_zero_is_zero_and_the_leaky_slopes_are_alpha():
    """'at z = 0 itself actlab uses 0'; leaky ReLU and PReLU pass alpha below 0, never 0."""
    z = np.array([-2.0, 0.0, 2.0])
    assert activations.get("relu").derivative(z).tolist() == [0.0, 0.0, 1.0]
    assert activations.get("leaky_relu").derivative(z).tolist() == [0.01, 0.01, 1.0]
    assert activations.get("prelu").derivative(z, alpha=0.25).tolist() == [0.25, 0.25, 1.0]


@pytest.mark.parametrize("seed", [3, 7])
def test_a_first_layer_unit_once_dead_stays_dead_and_its_weights_do_not_move(seed):
    """The section 'Dead forever?': exact under plain gradient descent, whatever the seed."""
    r = experiments.dead_units_during_training(lr=1.0, seed=seed, data_seed=seed, **RUN)
    first = r.negative[0]
    assert first.any(), "the rate 1.0 kills first-layer units"
    assert not (first[:-1] & ~first[1:]).any(), "a dead first-layer unit came back"


def test_killed_units_never_come_back_in_any_layer():
    """'their biases set to -1000, far below any weighted input these images give'."""
    r = experiments.dead_units_during_training(hidden=(8, 8, 8), killed=0.5, lr=0.1, **RUN)
    for mask, killed in zip(r.negative, r.killed, strict=True):
        assert killed.size == 4 and mask[:, killed].all()


def test_a_shift_of_one_kills_the_top_layer_before_the_first_step():
    """'A shift of 1 kills the whole top layer on all three seeds before the first step'."""
    for seed in (0, 5):
        r = experiments.dead_units_during_training(
            lr=0.1, bias_shift=1.0, seed=seed, data_seed=seed, **{**RUN, "epochs": 1}
        )
        assert r.fraction[0, -1] == 1.0


def test_width_one_born_dead_matches_its_closed_form():
    r = experiments.born_dead(width=1, depth=10, n_trials=4000, seed=1)
    np.testing.assert_allclose(r.probability, 1 - 0.5 ** (r.depths - 1), atol=0.03)


def test_the_opening_names_its_six_questions_as_a_list():
    """Each question starts its own line: run into the paragraph, they showed as one item."""
    opening = _text(json.loads(CHAPTER.read_text())["cells"][0])
    items = [line for line in opening.splitlines() if line[:2] in {f"{k}." for k in range(1, 7)}]
    assert [line[:5] for line in items] == [f"{k}. **" for k in range(1, 7)], items


# --- the notebook's exercises ---


def test_the_revival_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if "revive.fit(" in _text(c)]
    assert runs == [ids.index("ch7-ex-revive-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())
