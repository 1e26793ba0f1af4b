"""Chapter 1 (What an activation function does): what its experiment relies on, and its
exercises marked as the coursework convention requires.

The chapter says that the networks it compares start from the same weights and that every
run gives the same numbers; those checks live here rather than in the reader's view.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from actlab import data, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "01_what_activations_do.ipynb"
LABELS = {
    "ch1-ex-layer": "code",
    "ch1-ex-floor": "code",
    "ch1-ex-far": "written",
    "ch1-ex-rescale": "written",
}


def make_network(output, hidden="tanh", seed=0):  # as in the chapter
    return nn.MLP([1, 16, 1], activation=hidden, output=output, init="xavier", seed=seed)


def trained(output, X, y, hidden="tanh", seed=0):  # as in the chapter
    net = make_network(output, hidden, seed)
    net.fit(X, y, epochs=100, lr=0.03, batch_size=32, optimizer="adam")
    return net


def chapter_data(seed):
    X, height = data.sine(n=200, noise=0.1, seed=seed)
    return data.split(X, height, fractions=(0.75, 0.25), seed=seed)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sigmoid_and_linear_output_networks_start_from_the_same_weights(seed):
    sig, lin = make_network("sigmoid", seed=seed), make_network("linear", seed=seed)
    for (W1, b1), (W2, b2) in zip(sig.params, lin.params, strict=True):
        np.testing.assert_array_equal(W1, W2)
        np.testing.assert_array_equal(b1, b2)
    other = make_network("sigmoid", seed=seed + 1)
    assert not np.array_equal(sig.params[0][0], other.params[0][0])


@pytest.mark.parametrize("output", ["sigmoid", "linear"])
def test_the_chapter_experiment_is_deterministic(output):
    X_train, h_train, X_test, _ = chapter_data(0)
    y = (h_train > 0.5).astype(float) if output == "sigmoid" else h_train
    first = trained(output, X_train, y).predict(X_test)
    second = trained(output, X_train, y).predict(X_test)
    np.testing.assert_array_equal(first, second)


def test_the_regression_targets_leave_0_1_so_a_sigmoid_output_is_refused():
    X_train, h_train, _, _ = chapter_data(0)
    assert (h_train < 0).any() and (h_train > 1).any()
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\] for output='sigmoid'"):
        make_network("sigmoid").fit(X_train, h_train, epochs=1)


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


def test_grade_ids_are_unique_and_every_nbgrader_cell_has_schema_3():
    metas = [c["metadata"]["nbgrader"] for c in _cells() if "nbgrader" in c["metadata"]]
    ids = [m["grade_id"] for m in metas]
    assert len(ids) == len(set(ids)), ids
    assert all(m["schema_version"] == 3 for m in metas)


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
        assert len(starts) == 1, f"{label}: one solution dropdown, got {len(starts)}"
        start = starts[0]
        assert ":class: dropdown" in _text(cells[start])
        assert "{solution-end}" in _text(cells[start + 2])
        assert i_answer == start + 1, "the answer sits between solution-start and solution-end"
        assert answer["cell_type"] == "code"
        assert meta == {
            "grade": False, "solution": True, "locked": False,
            "grade_id": f"{label}-answer", "schema_version": 3,
        }  # fmt: skip
        assert answer["metadata"]["jupyter"] == {"source_hidden": True}
        source = _text(answer)
        assert source.startswith("def ") and "### BEGIN SOLUTION" in source
        assert source.rstrip().endswith("### END SOLUTION")
        i_check, check = by_id[f"{label}-check"]
        assert i_check == start + 3, "the checker cell comes right after the solution"
        name = source.split("(")[0].removeprefix("def ")
        assert _text(check) == (
            f"result = checks.{name}({name})\n"
            "### BEGIN HIDDEN TESTS\n"
            "assert result, result.message\n"
            "### END HIDDEN TESTS\n"
            "result"
        )
        assert check["metadata"]["nbgrader"] == {
            "grade": True, "solution": False, "locked": True, "points": 2,
            "grade_id": f"{label}-check", "schema_version": 3,
        }  # fmt: skip
    else:
        assert answer["cell_type"] == "markdown"
        assert meta == {
            "grade": True, "solution": True, "locked": False, "points": 2,
            "grade_id": f"{label}-answer", "schema_version": 3,
        }  # fmt: skip
        # One cell holding a whole {solution} dropdown: it collapses on the site and in
        # JupyterLab, and the release puts "YOUR ANSWER HERE" in its place.
        source = _text(answer).strip()
        assert source.startswith(f"```{{solution}} {label}\n:class: dropdown\n")
        assert source.endswith("```") and "BEGIN SOLUTION" not in source
        assert i_answer == i_prompt + 1, "the answer cell comes right after the prompt"
        assert not any(f"{{solution-start}} {label}" in _text(c) for c in cells)
        start = i_answer
    assert i_prompt < start


def test_the_predict_then_run_result_comes_after_the_prediction_and_is_folded():
    cells = _cells()
    run = [i for i, c in enumerate(cells) if "far = np.array" in _text(c)]
    assert len(run) == 1
    answer = next(
        i for i, c in enumerate(cells)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch1-ex-far-answer"
    )  # fmt: skip
    assert run[0] == answer + 1, "prompt, then the learner's prediction, then the reveal"
    assert "hide-output" in cells[run[0]]["metadata"]["tags"]
