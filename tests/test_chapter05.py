"""Chapter 5 (The fall of sigmoid): the claims its prose rests on, and its exercises marked as
the coursework convention requires (its checker is tested from its known mistakes in
tests/test_checks.py, its figure helpers in tests/test_plotting_*.py)."""

import json
from pathlib import Path

import numpy as np
import pytest

from actlab import experiments

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "05_fall_of_sigmoid.ipynb"
LABELS = {"ch5-ex-signal": "code", "ch5-ex-depth": "written", "ch5-ex-sign": "written"}


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


def _cells():
    return json.loads(CHAPTER.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


def test_every_code_line_fits_in_79_columns():
    long = [
        (i, line)
        for i, cell in enumerate(_cells())
        if cell["cell_type"] == "code"
        for line in _text(cell).splitlines()
        if len(line) > 79
    ]
    assert not long, long


@pytest.mark.parametrize(("label", "kind"), LABELS.items())
def test_each_exercise_has_prompt_answer_and_dropdown(label, kind):
    cells = _cells()
    by_id = {
        c["metadata"]["nbgrader"]["grade_id"]: (i, c)
        for i, c in enumerate(cells)
        if "nbgrader" in c["metadata"]
    }
    i_prompt, prompt = by_id[f"{label}-prompt"]
    assert f":label: {label}" in _text(prompt)
    i_answer, answer = by_id[f"{label}-answer"]
    if kind == "code":
        start = next(
            i for i, c in enumerate(cells)
            if f"{{solution-start}} {label}\n" in _text(c)
        )  # fmt: skip
        assert i_prompt < start and ":class: dropdown" in _text(cells[start])
        assert i_answer == start + 1 and "{solution-end}" in _text(cells[start + 2])
        assert answer["metadata"]["jupyter"] == {"source_hidden": True}
        assert by_id[f"{label}-check"][0] == start + 3
    else:  # a written answer: one {solution} dropdown cell right after the prompt
        text = _text(answer)
        assert i_answer == i_prompt + 1 and answer["cell_type"] == "markdown"
        assert text.startswith(f"````{{solution}} {label}\n:class: dropdown\n")
        assert text.rstrip().endswith("````") and "<!--" not in text
        assert not any(f"{{solution-start}} {label}\n" in _text(c) for c in cells)


def test_the_depth_prediction_is_run_after_it_and_folded():
    cells = _cells()
    run = [i for i, c in enumerate(cells) if 'first_to_last("sigmoid", depth=20)' in _text(c)]
    answer = next(
        i for i, c in enumerate(cells)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch5-ex-depth-answer"
    )  # fmt: skip
    assert len(run) == 1 and answer < run[0]
    assert "hide-output" in cells[run[0]]["metadata"]["tags"]
