"""Chapter 4 (Sigmoid): the calibration measurements it uses,
and which run reveals its prediction.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), its figure
helpers in tests/test_plotting_*.py, the notebook's conventions in
tests/test_chapter_conventions.py."""

import json
from pathlib import Path

import numpy as np
import pytest
from _chapters import exercise_kinds

from actlab import activations, experiments

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "04_sigmoid.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {"ch4-ex-stable": "code", "ch4-ex-slope": "written", "ch4-ex-why": "written"}


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


def _text(cell):
    return "".join(cell["source"])


def test_the_slope_at_5_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    run = ("sigmoid.derivative(x0)", "for x0 in [5.0, 10.0]")
    runs = [i for i, c in enumerate(cells) if all(part in _text(c) for part in run)]
    assert runs == [ids.index("ch4-ex-slope-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())


# --- the stable-sigmoid checker (its known mistakes: tests/test_checks.py) -------------------


def _naive_silenced(x):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-x))


def test_the_checker_holds_subnormal_values_that_the_naive_formula_turns_into_0():
    from actlab.checks import chapter04

    sigmoid = activations.get("sigmoid")
    tiny = float(np.finfo(np.float64).tiny)  # the smallest normal float64
    for cases in (chapter04._cases(), chapter04._fresh(np.random.default_rng(7))):
        x = np.concatenate([np.ravel(c[0]) for c in cases])
        want = sigmoid(x)
        subnormal = (want > 0) & (want < tiny)
        assert subnormal.sum() >= 2, x  # e.g. 2.0e-313 at -720, 4.2e-322 at -740
        assert np.all(_naive_silenced(x[subnormal]) == 0)  # the naive form gives 0 there
    visible = chapter04._cases()[1][0]
    assert {-720.0, -740.0} <= set(visible.tolist())
    assert float(sigmoid(np.array([-740.0]))[0]) > 4e-322


def test_the_naive_formula_fails_with_its_warnings_silenced_either_way():
    import warnings

    from actlab import checks

    def caught(x):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return 1 / (1 + np.exp(-x))

    for answer in (_naive_silenced, caught):
        result = checks.stable_sigmoid(answer)
        assert result.status == "failed" and "0 at x = -720" in " ".join(str(result).split())


def test_a_float32_answer_is_told_so_and_not_shown_two_equal_numbers():
    from actlab import checks

    def in_float32(x):
        e = np.exp(-np.abs(x)).astype(np.float32)
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))

    text = " ".join(str(checks.stable_sigmoid(in_float32)).split())
    assert "expected 0.119202922, got 0.119202919" in text
    assert "float32's precision" in text and "expected 0.119203, got 0.119203" not in text
