"""The student release removes every solution, keeps everything else, and refuses to leak.

That the released chapters run top to bottom (no error, no stderr) is checked where they are
executed anyway: the untouched student of ``tests/test_nbgrader.py`` hands in this release.
"""

import json
from pathlib import Path

import nbformat
import pytest
from release import REVEAL_STUB, ReleaseError, main, release_notebook

ROOT = Path(__file__).resolve().parents[1]


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    for kind, source in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(source))
    return nb


SOLVED = notebook(
    ("markdown", "```{exercise-start}\n:label: ex\n```"),
    ("markdown", "Write `double`."),
    ("markdown", "```{exercise-end}\n```"),
    ("markdown", "```{solution-start} ex\n:class: dropdown\n```"),
    ("markdown", "The trick is to multiply by two."),
    ("code", "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
    ("markdown", "Why?\n<!-- BEGIN SOLUTION -->\nBecause two.\n<!-- END SOLUTION -->"),
    ("markdown", "```{solution-end}\n```"),
    ("code", "print(double)"),
)


def test_solution_regions_become_stubs():
    out = release_notebook(SOLVED)
    sources = [c.source for c in out.cells]
    text = "\n".join(sources)
    assert "return 2 * x" not in text
    assert "Because two." not in text
    assert "The trick is" not in text  # unmarked prose inside a solution is dropped
    assert "solution-start" not in text and "solution-end" not in text
    assert "def double(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()" in sources
    assert "Why?\nYOUR ANSWER HERE" in sources
    assert sources[-1] == "print(double)"  # everything outside solutions is kept
    assert "exercise-start" in text


def test_stub_still_runs_and_raises_not_implemented():
    out = release_notebook(SOLVED)
    namespace = {}
    (released,) = [c.source for c in out.cells if c.source.startswith("def double")]
    exec(released, namespace)
    with pytest.raises(NotImplementedError):
        namespace["double"](3)


def test_hidden_tests_are_removed_and_the_visible_check_kept():
    check = (
        "result = checks.double(double)\n### BEGIN HIDDEN TESTS\n"
        "assert result, result.message\n### END HIDDEN TESTS\nresult"
    )
    out = release_notebook(notebook(("code", check)))
    assert out.cells[0].source == "result = checks.double(double)\nresult"


def test_stub_cells_are_no_longer_collapsed():
    nb = notebook(("code", SOLVED.cells[5].source), ("code", "x = 1"))
    nb.cells[0].metadata["jupyter"] = {"source_hidden": True}
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
    out = release_notebook(nb)
    assert "jupyter" not in out.cells[0].metadata  # the student sees the stub
    assert out.cells[1].metadata["jupyter"]["source_hidden"]  # not a solution: left alone
    assert nb.cells[0].metadata["jupyter"]["source_hidden"]  # the input is not changed


ANSWER_BOX = ":::{solution} ex\n:class: dropdown\nBecause two.\n:::"


def test_a_graded_solution_box_becomes_the_answer_cell():
    nb = notebook(("markdown", "Predict."), ("markdown", ANSWER_BOX), ("code", "x = 1"))
    nb.cells[1].metadata["nbgrader"] = {"solution": True, "grade": True, "points": 1}
    out = release_notebook(nb)
    assert [c.source for c in out.cells] == ["Predict.", "YOUR ANSWER HERE", "x = 1"]
    assert "Because two." in nb.cells[1].source  # the input is not changed


def test_an_ungraded_solution_box_is_dropped():
    for fence in (":::", "```"):
        box = ANSWER_BOX.replace(":::", fence)
        out = release_notebook(notebook(("markdown", box), ("code", "x = 1")))
        assert [c.source for c in out.cells] == ["x = 1"]


def test_a_solution_box_inside_a_gated_solution_is_refused():
    cells = (
        ("markdown", "```{solution-start} ex\n```"),
        ("markdown", ANSWER_BOX),
        ("markdown", "```{solution-end}\n```"),
    )
    with pytest.raises(ReleaseError, match="inside a"):
        release_notebook(notebook(*cells))


def test_outputs_are_cleared():
    nb = notebook(("code", "1 + 1"))
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
    nb.cells[0].execution_count = 1
    out = release_notebook(nb)
    assert out.cells[0].outputs == [] and out.cells[0].execution_count is None


@pytest.mark.parametrize(
    "cells, message",
    [
        ((("markdown", "```{solution-start} ex\n```"), ("code", "x = 1")), "no '### BEGIN"),
        ((("markdown", "```{solution-start} ex\n```"),), "never closed"),
        ((("markdown", "```{solution-end}\n```"),), "unbalanced"),
        ((("code", "### BEGIN SOLUTION\nx = 1"),), "never closed"),
        ((("code", "x = 1\n### END SOLUTION"),), "without"),
        ((("code", "### BEGIN HIDDEN TESTS\nassert x"),), "never closed"),
    ],
)
def test_unsafe_notebooks_are_refused(cells, message):
    with pytest.raises(ReleaseError, match=message):
        release_notebook(notebook(*cells), name="bad.ipynb")


def test_command_line_writes_every_chapter(tmp_path, capsys):
    assert main([str(ROOT / "chapters"), str(tmp_path)]) == 0
    chapters = sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb"))
    assert chapters and sorted(p.name for p in tmp_path.glob("*.ipynb")) == chapters
    assert "solutions removed" in capsys.readouterr().out
    for path in tmp_path.glob("*.ipynb"):
        text = json.dumps(json.loads(path.read_text())["cells"])
        assert "BEGIN SOLUTION" not in text and "solution-start" not in text
        assert "HIDDEN TESTS" not in text and "assert result" not in text
        assert "source_hidden" not in text  # no collapsed stub


def test_every_chapter_exercise_has_a_released_stub(tmp_path):
    main([str(ROOT / "chapters"), str(tmp_path)])
    for path in tmp_path.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "raise NotImplementedError()" in code, path.name
        assert "YOUR ANSWER HERE" in text, path.name


def test_a_reveal_call_becomes_a_comment_and_a_second_release_keeps_it():
    run = nbformat.v4.new_code_cell("def reveal():\n    print(42)\n\n\nreveal()")
    run.metadata["tags"] = ["hide-output", "reveal"]
    nb = nbformat.v4.new_notebook(cells=[run])
    once = release_notebook(nb)
    assert once.cells[0].source == "def reveal():\n    print(42)\n\n\n" + REVEAL_STUB
    assert release_notebook(once).cells[0].source == once.cells[0].source
    run.source = "reveal()\nprint('more')"
    with pytest.raises(ReleaseError, match="must end with reveal()"):
        release_notebook(nb)
