"""Chapter 3 (The linear activation): the facts its experiments rely on, and its exercises
marked as the coursework convention requires (its checker is tested from its known mistakes in
tests/test_checks.py, its figure helpers in tests/test_plotting_*.py)."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from actlab import data, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "03_linear.ipynb"
LABELS = {"ch3-ex-bias": "code", "ch3-ex-spirals": "written", "ch3-ex-output": "written"}


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
