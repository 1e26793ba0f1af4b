"""Chapter 6 (The ReLU revolution): the facts its prose rests on, and which run reveals its
prediction.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), the L1
activity penalty in tests/test_nn.py, the timings' helpers in tests/test_experiments.py (never a
bound on a time), its figure helper in tests/test_plotting_units.py, the notebook's conventions
in tests/test_chapter_conventions.py, its claims in tests/test_claims.py."""

import json
from pathlib import Path

import numpy as np
import pytest
from _chapters import exercise_kinds

from actlab import experiments, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "06_relu.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {"ch6-ex-he": "code", "ch6-ex-zeros": "written", "ch6-ex-zero-slope": "written"}


def _cells():
    return json.loads(CHAPTER.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


# --- what the chapter's prose relies on, at the chapter's sizes ---


@pytest.mark.parametrize("seed", [0, 5, 11])
def test_xavier_loses_about_sqrt_half_per_relu_layer_and_he_keeps_the_signal(seed):
    def factor(init):
        r = experiments.signal_norms("relu", init=init, depth=10, width=32, n=64, seed=seed)
        return r.relative[0] ** (1 / 9)

    assert 0.6 < factor("xavier") < 0.8  # the derivation's sqrt(1/2) = 0.71
    assert 0.85 < factor("he") < 1.15


def test_too_small_weights_make_the_deep_relu_output_blind_to_its_input():
    """The prose: 0.05 * sqrt(32 / 2) = 0.2 per layer, about 1e-14 after 20 layers."""
    net = nn.MLP([64] + [32] * 20 + [10], activation="relu", output="softmax", init="normal",
                 init_scale=0.05, seed=0)  # fmt: skip
    X = np.random.default_rng(0).uniform(size=(50, 64))  # pixels in [0, 1], as the digits
    top = net.forward_trace(X)[-1]["A"]
    assert np.abs(top).max() < 1e-9


# --- the notebook's exercises follow the coursework convention ---


def test_the_zeros_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = _cells()
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if "net.forward_trace(X)]" in _text(c)]
    assert runs == [ids.index("ch6-ex-zeros-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())


def test_cross_chapter_links_are_markdown_links_not_doc_roles():
    for cell in _cells():
        if cell["cell_type"] == "markdown":
            assert "{doc}" not in _text(cell)
