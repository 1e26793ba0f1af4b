"""Chapter 4 (Sigmoid): its checker tested both ways, the calibration measurements and figure
helpers it uses, and which run reveals its prediction (the notebook's conventions:
tests/test_chapter_conventions.py)."""

import json
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import activations, checks, experiments, plotting  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "04_sigmoid.ipynb"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- the checker -------------------------------------------------------------------------


def reference(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def stub(x):
    raise NotImplementedError()


WRONG = {
    "naive": (lambda x: 1 / (1 + np.exp(-x)), "warned", "overflows"),
    "where both branches": (
        lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
        "warned",
        "BOTH",
    ),
    "exp over one plus exp": (lambda x: np.exp(x) / (1 + np.exp(x)), "failed", "inf / inf"),
    "tanh form": (lambda x: 0.5 * (1 + np.tanh(x / 2)), "failed", "1 + tanh"),
    "sign flipped": (lambda x: 1 / (1 + np.exp(x)), "failed", "sign of x is flipped"),
}


def test_the_reference_and_scipy_pass():
    from scipy.special import expit

    assert checks.stable_sigmoid(reference)
    assert checks.stable_sigmoid(expit)
    assert checks.stable_sigmoid(activations.get("sigmoid"))


def test_the_untouched_stub_is_not_attempted():
    result = checks.stable_sigmoid(stub)
    assert not result and result.status == "not attempted"


@pytest.mark.parametrize("name", WRONG)
def test_each_known_wrong_answer_fails_with_its_hint(name):
    fn, kind, words = WRONG[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the checker must not let a warning escape
        result = checks.stable_sigmoid(fn)
    assert not result and result.status == "failed"
    if kind == "warned":
        assert "NumPy warned" in result.message
    assert words in " ".join(result.message.split()), result.message
    assert all(len(line) <= 79 for line in result.message.splitlines())


@pytest.mark.parametrize("answer", ["0.5", True, [0.5, 0.5], None])
def test_answers_of_the_wrong_type_are_refused(answer):
    result = checks.stable_sigmoid(lambda x: answer)
    assert not result and result.status == "failed"
    assert "it returned" in result.message


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


# --- figure helpers -----------------------------------------------------------------------


def test_sigmoid_unit_shades_where_the_slope_is_below_a_tenth_of_its_maximum():
    ax = plotting.plot_sigmoid_unit(2.0, -1.0)
    out, slope = ax.get_lines()[:2]
    x, y = out.get_data()
    sigmoid = activations.get("sigmoid")
    np.testing.assert_allclose(y, sigmoid(2.0 * x - 1.0))
    np.testing.assert_allclose(slope.get_ydata(), 4 * sigmoid.derivative(2.0 * x - 1.0))
    share = np.mean(np.abs(2.0 * x - 1.0) > 3.6376)
    assert f"{share:.0%}" in ax.get_title()
    assert ax.get_xlim() == (-4.0, 4.0) and ax.get_xlabel() and ax.get_ylabel()


def test_output_error_draws_both_losses_error_at_z():
    ax = plotting.plot_output_error(np.array([-10.0, 0.0, 10.0]))
    ce, se = (line.get_ydata() for line in ax.get_lines())
    sigmoid = activations.get("sigmoid")
    np.testing.assert_allclose(ce, 1 - sigmoid([-10.0, 0.0, 10.0]))
    assert se[0] < 1e-3 * ce[0]  # confidently wrong: the squared error's signal has vanished
    assert ax.get_yscale() == "log" and ax.get_legend() is not None


def test_reliability_diagram_one_line_per_model_and_a_diagonal():
    y = np.array([0, 0, 1, 1])
    ax = plotting.plot_reliability({"a": [0.1, 0.2, 0.8, 0.9], "b": [0.4, 0.4, 0.6, 0.6]}, y)
    assert len(ax.get_lines()) == 3 and ax.get_xlim() == (0.0, 1.0)
    with pytest.raises(TypeError, match="must map a label"):
        plotting.plot_reliability([0.1, 0.9], y)


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
