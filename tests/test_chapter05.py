"""Chapter 5 (The fall of sigmoid): its figure helpers, the claims
its prose rests on, and its exercises marked as the coursework convention requires."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import experiments, plotting  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "05_fall_of_sigmoid.ipynb"
LABELS = {"ch5-ex-signal": "code", "ch5-ex-depth": "written", "ch5-ex-sign": "written"}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- the figure helpers ---


def test_signal_by_depth_draws_each_result_and_the_bound():
    r = experiments.signal_norms("sigmoid", depth=4, width=8, n=16, seed=0)
    ax = plotting.plot_signal_by_depth({"sigmoid": r, "flat": np.ones(4)}, bound=0.25)
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), r.relative)
    np.testing.assert_allclose(lines[2].get_ydata(), 0.25 ** np.arange(3, -1, -1))
    assert ax.get_yscale() == "log" and ax.get_xlabel().startswith("hidden layer")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "sigmoid", "flat", "0.25 per layer",
    ]  # fmt: skip
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "$" not in "".join(labels) and "10⁻³" in labels  # plain text, no mathtext


@pytest.mark.parametrize(
    ("results", "error"),
    [({}, TypeError), ([1.0], TypeError), ({"a": np.ones((2, 2))}, ValueError)],
)
def test_signal_by_depth_names_bad_arguments(results, error):
    with pytest.raises(error, match="plot_signal_by_depth"):
        plotting.plot_signal_by_depth(results)


def test_curves_spread_draws_the_mean_and_the_band():
    runs = [[3.0, 2.0, 1.0], [1.0, 1.0, 1.0]]
    ax = plotting.plot_curves_spread({"a": runs}, reference=2.3, reference_label="guess")
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [2.0, 1.5, 1.0])
    np.testing.assert_allclose(ax.get_lines()[0].get_xdata(), [1, 2, 3])
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].max() == 3.0 and band[:, 1].min() == 1.0
    assert ax.get_lines()[1].get_ydata()[0] == 2.3
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["a (mean of 2; band: min-max)", "guess"]


@pytest.mark.parametrize(("curves", "error"), [(None, TypeError), ({"a": [1.0, 2.0]}, ValueError)])
def test_curves_spread_names_bad_arguments(curves, error):
    with pytest.raises(error, match="plot_curves_spread"):
        plotting.plot_curves_spread(curves)


def test_weight_paths_draws_each_path_diagonals_and_target():
    path = np.array([[0.0, 0.0], [0.5, -0.5], [1.0, -1.0]])
    ax = plotting.plot_weight_paths({"run": path}, target=(1.0, -1.0))
    lines = ax.get_lines()
    assert len(lines) == 4  # two diagonals, one path, the target
    np.testing.assert_allclose(lines[2].get_xydata(), path)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["run (2 steps)", "best weights"]
    assert ax.get_xlim() == (-1.5, 1.5)


@pytest.mark.parametrize(
    ("paths", "error"), [([], TypeError), ({"a": np.zeros((3, 3))}, ValueError)]
)
def test_weight_paths_names_bad_arguments(paths, error):
    with pytest.raises(error, match="plot_weight_paths"):
        plotting.plot_weight_paths(paths, target=(1.0, -1.0))


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
