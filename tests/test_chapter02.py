"""Chapter 2 (The step function): what its experiments rely on,
and its exercises marked as the coursework convention requires."""

import json
from pathlib import Path

import numpy as np
import pytest

from actlab import activations, data, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "02_step_function.ipynb"
LABELS = {
    "ch2-ex-update": "code",
    "ch2-ex-converge": "written",
    "ch2-ex-zero": "written",
}
step = activations.get("step")


# --- what the chapter's experiments rely on ---


def test_the_gradient_through_a_step_hidden_layer_is_exactly_zero():
    X, y = data.xor(n=50, noise=0.2, seed=1)
    net = nn.MLP([2, 8, 1], activation="step", output="sigmoid", seed=1)
    _, grads = net.loss_and_grads(X, y)
    assert np.all(grads[0][0] == 0) and np.all(grads[0][1] == 0)
    assert np.abs(grads[1][0]).max() > 0  # the output layer does get a gradient
    W = net.params[0][0].copy()
    net.fit(X, y, epochs=5, lr=0.1, batch_size=None, optimizer="adam")
    np.testing.assert_array_equal(net.params[0][0], W)


def test_step_is_0_at_0_as_the_chapter_says():
    assert step(0.0) == 0.0 and step(-0.0) == 0.0 and step(1e-300) == 1.0


# --- the notebook's exercises ---


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
    assert {i.rsplit("-", 1)[0] for i in ids} == set(LABELS)


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
    starts = [
        i
        for i, c in enumerate(cells)
        if f"{{solution-start}} {label}" in _text(c) or f"{{solution}} {label}" in _text(c)
    ]
    assert len(starts) == 1, f"{label}: one solution dropdown, got {len(starts)}"
    start = starts[0]
    assert ":class: dropdown" in _text(cells[start])
    i_answer, answer = by_id[f"{label}-answer"]
    meta = answer["metadata"]["nbgrader"]
    if kind == "code":
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
        # a written answer is ONE cell: a whole {solution} dropdown, no markers in it
        assert i_answer == start, "the written answer is the {solution} cell itself"
        source = _text(answer).strip()
        assert source.startswith(f"````{{solution}} {label}\n:class: dropdown\n")
        assert source.endswith("````") and source.count("````") == 2
        assert "BEGIN SOLUTION" not in source and "<!--" not in source
    assert i_prompt < start


def test_the_predict_then_run_result_comes_after_the_prediction_and_is_folded():
    cells = _cells()
    run = [i for i, c in enumerate(cells) if "tasks = {" in _text(c)]
    assert len(run) == 1
    answer = next(
        i for i, c in enumerate(cells)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch2-ex-converge-answer"
    )  # fmt: skip
    assert answer + 1 == run[0], "the cell that reveals the result follows the prediction"
    assert "hide-output" in cells[run[0]]["metadata"]["tags"]


def test_no_numref_and_every_doc_link_has_text():
    # JupyterLab cannot resolve a figure label or show a bare {doc} (issue 8's findings)
    for cell in _cells():
        if cell["cell_type"] == "markdown":
            text = _text(cell)
            assert "{numref}" not in text and "{ref}" not in text
            for piece in text.split("{doc}`")[1:]:
                assert "<" in piece.split("`")[0], piece[:60]
