"""``tools/nbgrader_course.check_markup``: each problem names the cell and says what is wrong.

A message that states the rule ("grade cells must have points") reads as the opposite of the
fault; each message here names the cell, by index and grade_id, and says what is wrong with it.
"""

import nbformat
import pytest
from nbgrader_course import check_markup

ANSWER = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
CHECK = "result = checks.f(f)\nresult.show()"
HIDDEN = "\n### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS"


def _hidden(nb, index):
    """Hidden tests in a cell (the course's checkers need none, but nbgrader allows them)."""
    nb.cells[index].source += HIDDEN


WRITTEN = ":::{solution} ex\n:class: dropdown\nBecause.\n:::"
MARKED = WRITTEN.replace("Because.", "<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->")


def _cell(kind, source, **nbgrader):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, **nbgrader}
    return cell


def _good():
    """Prose, a code answer, its checker and a written answer, as the convention wants."""
    prose = _cell("markdown", "Write `f`.")
    answer = _cell("code", ANSWER, solution=True, grade=False, grade_id="ex-answer")
    answer.metadata["jupyter"] = {"source_hidden": True}
    check = _cell("code", CHECK, solution=False, grade=True, locked=True, points=2,
                  grade_id="ex-check")  # fmt: skip
    written = _cell("markdown", WRITTEN, solution=True, grade=True, points=1,
                    grade_id="ex-explain")  # fmt: skip
    return nbformat.v4.new_notebook(cells=[prose, answer, check, written])


def _meta(nb, index, **changes):
    nb.cells[index].metadata["nbgrader"].update(changes)


def _source(nb, index, source):
    nb.cells[index].source = source


SPOILS = {
    "grade cell without points": (
        lambda nb: _meta(nb, 2, points=0),
        "bad.ipynb, cell 2 (grade_id ex-check) is a grade cell with no points (points: 0)",
    ),
    "points missing": (
        lambda nb: nb.cells[2].metadata["nbgrader"].pop("points"),
        "cell 2 (grade_id ex-check) is a grade cell with no points (points: missing)",
    ),
    "solution region unmarked": (
        lambda nb: nb.cells[1].metadata.pop("nbgrader"),
        "bad.ipynb, cell 1 has a solution region (### BEGIN SOLUTION) but is not marked as a "
        "solution cell",
    ),
    "hidden tests in an unlocked grade cell": (
        lambda nb: (_hidden(nb, 2), _meta(nb, 2, locked=False)),
        "cell 2 (grade_id ex-check) has hidden tests but is not locked: it must be a locked grade",
    ),
    "hidden tests in a plain cell": (
        lambda nb: (_hidden(nb, 2), nb.cells[2].metadata.pop("nbgrader")),
        "bad.ipynb, cell 2 has hidden tests but is not a grade cell: it must be a locked grade",
    ),
    "schema version": (
        lambda nb: _meta(nb, 2, schema_version=1),
        "cell 2 (grade_id ex-check) has nbgrader schema_version 1, not 3",
    ),
    "no grade_id": (
        lambda nb: nb.cells[3].metadata["nbgrader"].pop("grade_id"),
        "bad.ipynb, cell 3 has nbgrader metadata but no grade_id",
    ),
    "grade_id used twice": (
        lambda nb: _meta(nb, 3, grade_id="ex-check"),
        "cell 3 (grade_id ex-check): grade_id 'ex-check' is used twice (first by cell 2)",
    ),
    "written answer locked": (
        lambda nb: _meta(nb, 3, locked=True),
        "cell 3 (grade_id ex-explain) is a written answer but is locked, so students cannot "
        "write it",
    ),
    "written answer not graded": (
        lambda nb: _meta(nb, 3, grade=False),
        "cell 3 (grade_id ex-explain) is a written answer but not a grade cell",
    ),
    "markers in a box": (
        lambda nb: _source(nb, 3, MARKED),
        "cell 3 (grade_id ex-explain) is a written answer in a {solution} box with solution "
        "markers (<!-- BEGIN SOLUTION -->) in it: remove them",
    ),
    "solution cell without a region": (
        lambda nb: _source(nb, 1, "def f(x):\n    return x"),
        "cell 1 (grade_id ex-answer) is a solution cell without a marked solution region "
        "(### BEGIN SOLUTION)",
    ),
    "code answer graded": (
        lambda nb: _meta(nb, 1, grade=True, points=1),
        "cell 1 (grade_id ex-answer) is a code answer but is graded: a code answer is neither",
    ),
    "code answer locked": (
        lambda nb: _meta(nb, 1, locked=True),
        "cell 1 (grade_id ex-answer) is a code answer but is locked",
    ),
    "grade_id suffix": (
        lambda nb: (_meta(nb, 1, grade_id="ex"), _meta(nb, 2, grade_id="ex-check")),
        "cell 1 (grade_id ex) is a code answer whose grade_id does not end with '-answer'",
    ),
    "source not hidden": (
        lambda nb: nb.cells[1].metadata.pop("jupyter"),
        "cell 1 (grade_id ex-answer) is a code answer without jupyter.source_hidden",
    ),
    "no checker after it": (
        lambda nb: nb.cells.__delitem__(2),
        "cell 1 (grade_id ex-answer) is a code answer with no code cell after it: add ex-check",
    ),
    "another cell after it": (
        lambda nb: nb.cells.insert(2, _cell("code", "print(f(1))")),
        "cell 1 (grade_id ex-answer): the next code cell, bad.ipynb, cell 2, is not its "
        "checker ex-check",
    ),
    "checker unlocked": (
        lambda nb: _meta(nb, 2, locked=False),
        "cell 2 (grade_id ex-check), the checker, is not locked: it must be a locked grade cell",
    ),
    "checker not graded": (
        lambda nb: _meta(nb, 2, grade=False),
        "cell 2 (grade_id ex-check), the checker, is not a grade cell: it must be",
    ),
    "checker source": (
        lambda nb: _source(nb, 2, "checks.f(f)"),
        "cell 2 (grade_id ex-check), the checker, differs from the template; it must read "
        "exactly:\nresult = checks.<name>(<fn>)",
    ),
}


def test_the_convention_has_no_problem():
    assert check_markup(_good(), "bad.ipynb") == []


@pytest.mark.parametrize("fault", SPOILS)
def test_each_problem_names_the_cell_and_says_what_is_wrong(fault):
    spoil, message = SPOILS[fault]
    nb = _good()
    spoil(nb)
    problems = check_markup(nb, "bad.ipynb")
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("fault", SPOILS)
def test_no_message_states_the_rule_as_if_it_were_the_fault(fault):
    """The old messages read as the opposite of the fault ("grade cell 'x' has no points" was
    right, but "a code answer is neither graded nor locked" and "a written answer is an
    unlocked grade cell" described the convention, not the cell)."""
    spoil, _ = SPOILS[fault]
    nb = _good()
    spoil(nb)
    for problem in check_markup(nb, "bad.ipynb"):
        assert "bad.ipynb, cell " in problem
        assert "a code answer is neither graded nor locked" not in problem
        assert "a written answer is an unlocked grade cell" not in problem
        assert "a code answer's grade_id ends with" not in problem
        assert "a code answer has jupyter.source_hidden" not in problem
