"""Chapter 3 (The linear activation): the facts its experiments
rely on, its figure helpers, and its exercises marked as the coursework convention requires."""

import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import data, nn, plotting  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "03_linear.ipynb"
LABELS = {"ch3-ex-bias": "code", "ch3-ex-spirals": "written", "ch3-ex-output": "written"}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- the collapsed bias, as the exercise computes it ----------------------------------------


def reference(params):
    b_total = np.zeros(params[0][0].shape[0])
    for W, b in params:
        b_total = b_total @ W + b
    return b_total


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


def test_every_doc_link_has_explicit_text():
    bare = [i for i, c in enumerate(_cells()) if "{doc}`0" in _text(c) or "{doc}`1" in _text(c)]
    assert not bare


@pytest.mark.parametrize(("label", "kind"), LABELS.items())
def test_each_exercise_follows_the_coursework_convention(label, kind):
    cells = _cells()
    by_id = {
        c["metadata"]["nbgrader"]["grade_id"]: (i, c)
        for i, c in enumerate(cells)
        if "nbgrader" in c["metadata"]
    }
    i_prompt, prompt = by_id[f"{label}-prompt"]
    assert f":label: {label}" in _text(prompt)
    assert prompt["metadata"]["nbgrader"] == {
        "grade": False, "solution": False, "locked": True,
        "grade_id": f"{label}-prompt", "schema_version": 3,
    }  # fmt: skip
    i_answer, answer = by_id[f"{label}-answer"]
    meta = answer["metadata"]["nbgrader"]
    if kind == "code":
        starts = [i for i, c in enumerate(cells) if f"{{solution-start}} {label}" in _text(c)]
        assert len(starts) == 1
        start = starts[0]
        assert ":class: dropdown" in _text(cells[start])
        assert "{solution-end}" in _text(cells[start + 2])
        assert i_prompt < start and i_answer == start + 1
        assert answer["metadata"]["jupyter"] == {"source_hidden": True}
        assert meta == {
            "grade": False, "solution": True, "locked": False,
            "grade_id": f"{label}-answer", "schema_version": 3,
        }  # fmt: skip
        source = _text(answer)
        assert source.startswith("def ") and source.rstrip().endswith("### END SOLUTION")
        name = source.split("(")[0].removeprefix("def ")
        i_check, check = by_id[f"{label}-check"]
        assert i_check == start + 3
        assert _text(check) == (
            f"result = checks.{name}({name})\n### BEGIN HIDDEN TESTS\n"
            "assert result, result.message\n### END HIDDEN TESTS\nresult"
        )
        assert check["metadata"]["nbgrader"]["points"] > 0
        # the cell that uses the learner's function guards itself for the student release
        assert _text(cells[i_check + 1]).startswith("if result:")
    else:
        # one markdown cell that is a whole {solution} dropdown, right after the prompt
        assert answer["cell_type"] == "markdown" and meta["grade"] and meta["points"] > 0
        assert i_answer == i_prompt + 1
        lines = _text(answer).strip().splitlines()
        assert re.fullmatch(r"(`{3,})\{solution\} " + label, lines[0])
        assert lines[1] == ":class: dropdown" and lines[-1] == lines[0].split("{")[0]
        assert "SOLUTION" not in _text(answer) and "{solution-" not in _text(answer)


def test_the_spirals_run_comes_after_the_prediction_and_is_folded():
    cells = _cells()
    run = [i for i, c in enumerate(cells) if "compare(spirals" in _text(c)]
    answer = next(
        i for i, c in enumerate(cells)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch3-ex-spirals-answer"
    )  # fmt: skip
    assert len(run) == 1 and answer < run[0]
    assert "hide-output" in cells[run[0]]["metadata"]["tags"]


def test_reachable_names_the_gaps_only_when_there_are_some():
    # A fix made for chapter 3, whose targets all lie inside the band: plot_reachable used to
    # list "out of reach" in its legend even when it drew no such line.
    inside = plotting.plot_reachable([0.0, 1.0, 2.0], [0.0, 0.5, 1.0], 0.0, 1.0)
    texts = [t.get_text() for t in inside.get_legend().get_texts()]
    assert not any("out of reach" in t for t in texts)
    outside = plotting.plot_reachable([0.0, 1.0, 2.0], [-1.0, 0.5, 2.0], 0.0, 1.0)
    texts = [t.get_text() for t in outside.get_legend().get_texts()]
    assert "out of reach: gap to the band" in texts
