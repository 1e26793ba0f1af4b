"""Chapter 3 (The linear activation): its checker tested both ways, the facts its experiments
rely on, its figure helpers, and which run reveals its prediction (the notebook's conventions:
tests/test_chapter_conventions.py)."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import checks, data, nn, plotting  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "03_linear.ipynb"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- the checker ---------------------------------------------------------------------------


def reference(params):
    b_total = np.zeros(params[0][0].shape[0])
    for W, b in params:
        b_total = b_total @ W + b
    return b_total


def stub(params):
    raise NotImplementedError()


def sum_of_biases(params):
    return sum(b for _, b in params)


def last_bias(params):
    return params[-1][1]


def without_last_bias(params):
    return reference(params) - params[-1][1]


def matrix_times_vector(params):
    b_total = np.zeros(params[0][0].shape[0])
    for W, b in params:
        b_total = W @ b_total + b
    return b_total


def whole_map(params):  # the weights instead of the bias
    W_total = params[0][0]
    for W, _ in params[1:]:
        W_total = W_total @ W
    return W_total


def test_the_reference_passes():
    result = checks.collapsed_bias(reference)
    assert result and result.status == "passed"


def test_the_stub_is_not_attempted():
    result = checks.collapsed_bias(stub)
    assert not result and result.status == "not attempted"
    assert "not attempted yet" in result.message


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (sum_of_biases, "pass through the weights of every layer after it"),
        (last_bias, "the earlier biases count too"),
        (without_last_bias, "add the last layer's bias"),
        (matrix_times_vector, "b @ W, not W @ b"),
        (whole_map, "its bias has shape"),
        (lambda params: params[0][1], "start from zeros"),
    ],
)
def test_each_known_wrong_answer_fails_with_its_hint(answer, hint):
    result = checks.collapsed_bias(answer)
    assert not result and result.status == "failed"
    assert hint in result.message.replace("\n    ", " "), result.message


@pytest.mark.parametrize(
    "answer", [lambda p: "0.5", lambda p: True, lambda p: list(reference(p)), lambda p: None]
)
def test_answers_of_the_wrong_type_are_refused(answer):
    result = checks.collapsed_bias(answer)
    assert not result and result.status == "failed"
    assert "Hint" not in result.message


def test_a_crashing_answer_is_reported_with_a_hint_not_raised():
    result = checks.collapsed_bias(lambda params: params[0][1] @ params[0][1].T @ params[1][0])
    assert not result and "Hint" in result.message


# --- the facts the chapter's experiments rely on -----------------------------------------


@pytest.mark.parametrize("num_layers", [1, 3, 8])
def test_a_trained_deep_linear_network_is_one_linear_layer(num_layers):
    X, y = data.moons(n=100, seed=1)
    sizes = [2] + [8] * (num_layers - 1) + [1]
    net = nn.MLP(sizes, activation="linear", output="linear", seed=1)
    net.fit(X, y.astype(float), epochs=5, lr=0.05, batch_size=None, optimizer="adam")
    W = np.eye(2)
    for W_layer, _ in net.params:
        W = W @ W_layer
    assert any(np.abs(b).max() > 0 for _, b in net.params)  # the biases did move
    np.testing.assert_allclose(net.predict(X), X @ W + reference(net.params), atol=1e-12)


def test_the_chapter_classifier_comparison_is_deterministic():
    X, y = data.moons(n=200, noise=0.15, seed=0)
    first, second = (
        nn.MLP([2, 16, 16, 1], activation="linear", output="sigmoid", seed=0) for _ in range(2)
    )
    for net in (first, second):
        net.fit(X, y, epochs=10, lr=0.05, batch_size=None, optimizer="adam")
    np.testing.assert_array_equal(first.predict(X), second.predict(X))


# --- the figure helpers -------------------------------------------------------------------


class Threshold:
    def predict(self, X):
        return (X[:, :1] + X[:, 1:] > 0).astype(float)


def test_decision_regions_one_panel_per_model_with_both_classes():
    X, y = data.moons(n=60, seed=0)
    axes = plotting.plot_decision_regions(X, y, {"a": Threshold(), "b": Threshold()}, n_grid=21)
    assert [ax.get_title() for ax in axes] == ["a", "b"]
    texts = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert texts == ["class 0", "class 1"]
    assert axes[0].get_ylabel() == "input $x_2$" and axes[1].get_xlabel() == "input $x_1$"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((np.zeros((3, 3)), [0, 1, 0], {"a": Threshold()}), ValueError),
        ((np.zeros((3, 2)), [0, 1], {"a": Threshold()}), ValueError),
        ((np.zeros((3, 2)), [0, 1, 0], {}), TypeError),
        ((np.zeros((3, 2)), [0, 1, 0], {"a": object()}), TypeError),
    ],
)
def test_decision_regions_name_their_bad_arguments(args, error):
    with pytest.raises(error, match="plot_decision_regions"):
        plotting.plot_decision_regions(*args)


@pytest.mark.parametrize("w", [-1.0, 0.0, 0.5, 1.0])
def test_two_layer_linear_hidden_units_draw_a_straight_line(w):
    ax = plotting.plot_two_layer(w, "linear")
    x, out = ax.get_lines()[3].get_data()  # three units, then their sum
    np.testing.assert_allclose(np.diff(out, 2), 0.0, atol=1e-12)
    ax_relu = plotting.plot_two_layer(w, "relu")
    _, bent = ax_relu.get_lines()[3].get_data()
    assert np.abs(np.diff(bent, 2)).max() > 1e-3
    for a in (ax, ax_relu):  # every curve inside the fixed limits
        low, high = a.get_ylim()
        assert all(low <= line.get_ydata().min() and line.get_ydata().max() <= high
                   for line in a.get_lines()[:4])  # fmt: skip


def test_two_layer_refuses_a_bad_activation():
    with pytest.raises(TypeError, match="plot_two_layer"):
        plotting.plot_two_layer(1.0, 3)


def test_learning_curves_log_scale_distinct_styles_and_reference():
    runs = {"a": {"loss": [1.0, 0.5]}, "b": {"loss": [2.0, 0.1]}}
    ax = plotting.plot_learning_curves(runs, reference=0.05, reference_label="best")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["a", "b", "best"]
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert ax.get_yscale() == "log"
    with pytest.raises(TypeError, match="plot_learning_curves"):
        plotting.plot_learning_curves({"a": {"accuracy": [1.0]}})


# --- the notebook -------------------------------------------------------------------------


def _text(cell):
    return "".join(cell["source"])


def test_the_deep_linear_spirals_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if "compare(spirals" in _text(c)]
    assert runs == [ids.index("ch3-ex-spirals-answer") + 1], runs


def test_reachable_names_the_gaps_only_when_there_are_some():
    # A fix made for chapter 3, whose targets all lie inside the band: plot_reachable used to
    # list "out of reach" in its legend even when it drew no such line.
    inside = plotting.plot_reachable([0.0, 1.0, 2.0], [0.0, 0.5, 1.0], 0.0, 1.0)
    texts = [t.get_text() for t in inside.get_legend().get_texts()]
    assert not any("out of reach" in t for t in texts)
    outside = plotting.plot_reachable([0.0, 1.0, 2.0], [-1.0, 0.5, 2.0], 0.0, 1.0)
    texts = [t.get_text() for t in outside.get_legend().get_texts()]
    assert "out of reach: gap to the band" in texts
