"""Chapter 4 (Sigmoid): the calibration measurements it uses, and its exercises marked as the
coursework convention requires (its checker is tested from its known mistakes in
tests/test_checks.py, its figure helpers in tests/test_plotting_*.py)."""

import json
from pathlib import Path

import numpy as np
import pytest

from actlab import activations, experiments

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "04_sigmoid.ipynb"
LABELS = {"ch4-ex-stable": "code", "ch4-ex-slope": "written", "ch4-ex-why": "written"}


# --- calibration ---------------------------------------------------------------------------


def test_logistic_labels_follow_their_true_probabilities():
    X, y, p = experiments.logistic_labels(n=20000, w=2.0, b=-1.0, seed=3)
    assert X.shape == (20000, 1) and set(np.unique(y)) == {0.0, 1.0}
    np.testing.assert_allclose(p, activations.get("sigmoid")(2.0 * X[:, 0] - 1.0))
    assert abs(y.mean() - p.mean()) < 0.01  # the labels are drawn with probability p
    assert experiments.expected_calibration_error(p, y) < 0.02  # the truth is calibrated
    again = experiments.logistic_labels(n=20000, w=2.0, b=-1.0, seed=3)
    np.testing.assert_array_equal(y, again[1])


def test_reliability_bins_and_an_overconfident_model_has_a_larger_ece():
    r = experiments.reliability([0.05, 0.15, 0.15, 0.95], [0, 0, 1, 1], bins=10)
    np.testing.assert_allclose(r.mean_predicted, [0.05, 0.15, 0.95])
    np.testing.assert_allclose(r.observed, [0.0, 0.5, 1.0])
    assert r.counts.tolist() == [1, 2, 1] and r.edges.size == 11
    assert experiments.reliability([1.0], [1], bins=4).counts.tolist() == [1]  # p = 1: last bin
    X, y, p = experiments.logistic_labels(n=5000, seed=1)
    sharp = activations.get("sigmoid")(3 * 2.0 * X[:, 0])
    ece = experiments.expected_calibration_error
    assert ece(sharp, y) > ece(p, y) + 0.05


@pytest.mark.parametrize(
    ("p", "y", "match"),
    [([0.5, 1.5], [0, 1], r"lie in \[0, 1\]"), ([0.5], [2], "0 or 1"), ([0.5], [0, 1], "length")],
)
def test_reliability_refuses_bad_input(p, y, match):
    with pytest.raises(ValueError, match=match):
        experiments.reliability(p, y)


def test_logistic_labels_refuses_an_empty_range():
    with pytest.raises(ValueError, match="low must be below high"):
        experiments.logistic_labels(low=1.0, high=1.0)


# --- the notebook's exercises ----------------------------------------------------------------


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


def test_the_markup_follows_the_nbgrader_convention():
    import nbformat
    from nbgrader_course import check_markup

    assert check_markup(nbformat.read(CHAPTER, as_version=4)) == []


@pytest.mark.parametrize(("label", "kind"), LABELS.items())
def test_each_exercise_has_a_prompt_one_dropdown_and_an_answer(label, kind):
    cells = _cells()
    by_id = {
        c["metadata"]["nbgrader"]["grade_id"]: i
        for i, c in enumerate(cells)
        if "nbgrader" in c["metadata"]
    }
    prompt = by_id[f"{label}-prompt"]
    assert f":label: {label}" in _text(cells[prompt])
    answer = by_id[f"{label}-answer"]
    starts = [i for i, c in enumerate(cells) if f"{{solution-start}} {label}" in _text(c)]
    boxes = [i for i, c in enumerate(cells) if f"{{solution}} {label}" in _text(c)]
    if kind == "code":  # solution-start, the hidden code cell, solution-end
        assert len(starts) == 1 and not boxes and prompt < starts[0]
        assert answer == starts[0] + 1 and cells[answer]["cell_type"] == "code"
        assert "{solution-end}" in _text(cells[starts[0] + 2])
    else:  # one markdown cell: a whole {solution} dropdown, right after the prompt
        assert boxes == [answer] == [prompt + 1] and not starts
        text = _text(cells[answer])
        assert cells[answer]["cell_type"] == "markdown"
        assert ":class: dropdown" in text and "<!--" not in text


def test_the_predict_then_run_cell_comes_after_the_answer_and_is_folded():
    cells = _cells()
    run = [i for i, c in enumerate(cells) if "sigmoid.derivative(x0)" in _text(c)
           and "for x0 in [5.0, 10.0]" in _text(c)]  # fmt: skip
    answer = next(
        i for i, c in enumerate(cells)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch4-ex-slope-answer"
    )  # fmt: skip
    assert len(run) == 1 and answer < run[0]
    assert "hide-output" in cells[run[0]]["metadata"]["tags"]
