"""A real nbgrader cycle on every chapter with exercises: generate, submit, autograde, score.

In a temporary course folder laid out by ``tools/nbgrader_course.py`` (what ``make.py nbgrader``
writes), ``nbgrader generate_assignment`` makes the students' version; several students then
submit it, ``nbgrader autograde`` grades them, and the gradebook must show:

- the correct student (every answer as in the instructor's notebook): full marks on every
  auto-graded cell, and the written answers waiting for manual grading; the same for a correct
  student who was handed the course's own release (``tools/release.py``) instead of nbgrader's;
- one student per code answer who got that answer wrong (a known mistake, listed below by
  grade_id) and every other answer right: exactly that exercise's checker points lost;
- the untouched student: 0 on every auto-graded cell, and 0 on the written answers (nbgrader sees
  that they were not changed).

The points come from each notebook's nbgrader metadata, never typed in here.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader_course import check_markup, has_exercises, lay_out, nbgrader_meta
from release import release_notebook

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p for p in (ROOT / "chapters").glob("*.ipynb"))
GRADED = [p for p in CHAPTERS if has_exercises(nbformat.read(p, as_version=4))]


# A known-wrong answer for every code answer of every chapter, by grade_id, from the checkers'
# register: the answer cell that defines `def <name>(` is checked by `checks.<name>`, and its
# student submits that checker's nbgrader mistake (``Mistake(..., nbgrader=True)``, else the
# first). A chapter that adds a coded exercise lists its mistakes in actlab/checks/chapterNN.py.
def _known_mistakes() -> dict[str, str]:
    import re

    from actlab import checks

    exercises, wrong = checks.exercises(), {}
    for path in CHAPTERS:
        for cell in nbformat.read(path, as_version=4).cells:
            meta = nbgrader_meta(cell)
            found = re.match(r"def (\w+)\(", cell.source) if cell.cell_type == "code" else None
            if meta.get("solution") and found and found[1] in exercises:
                wrong[meta["grade_id"]] = exercises[found[1]].nbgrader_mistake().source
    return wrong


WRONG = _known_mistakes()


def test_every_chapter_with_exercises_is_graded():
    """At least chapter 1 has nbgrader cells, so the cycle below really runs."""
    assert GRADED, "no chapter notebook has nbgrader metadata"


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    bindir = str(Path(sys.executable).parent)  # nbgrader runs alembic from the same environment
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    cmd = [str(Path(bindir) / "nbgrader"), *args]
    proc = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    return proc


def _answers(nb) -> dict[str, str]:
    """{grade_id: source} of every solution cell of the instructor's notebook."""
    return {
        nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if nbgrader_meta(c).get("solution")
    }  # noqa: E501


def _submit(course: Path, assignment: str, student: str, released, answers: dict) -> None:
    nb = nbformat.from_dict(released)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")


@pytest.fixture(scope="module", params=[p.stem for p in GRADED])
def cycle(request, tmp_path_factory):
    """Run the whole cycle for one chapter; return what the test needs to check it."""
    assignment = request.param
    course = tmp_path_factory.mktemp(f"course-{assignment}")
    chapters = course / "chapters-in"
    chapters.mkdir()
    shutil.copy(ROOT / "chapters" / f"{assignment}.ipynb", chapters)
    assert lay_out(chapters, course) == [assignment]
    _nbgrader(course, "generate_assignment", assignment)
    released = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", 4)

    source = nbformat.read(ROOT / "chapters" / f"{assignment}.ipynb", as_version=4)
    correct = _answers(source)
    code_answers = [
        c_id for c_id, c in ((nbgrader_meta(c).get("grade_id"), c) for c in source.cells)
        if c.cell_type == "code" and nbgrader_meta(c).get("solution")
    ]  # fmt: skip
    missing = [g for g in code_answers if g not in WRONG]
    assert not missing, f"add a known-wrong answer for {missing} to WRONG in this test"
    students = {"correct": correct, "untouched": {}}
    for grade_id in code_answers:
        students[f"wrong-{grade_id}"] = {**correct, grade_id: WRONG[grade_id]}
    for student, answers in students.items():
        _submit(course, assignment, student, released, answers)
    # A student handed the course's own release (make.py release, the student branch) instead.
    students["correct-course-release"] = correct
    _submit(course, assignment, "correct-course-release", release_notebook(source), correct)
    _nbgrader(course, "autograde", assignment)

    from nbgrader.api import Gradebook

    grades = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in students:
            submission = gradebook.find_submission_notebook(assignment, assignment, student)
            grades[student] = {
                g.name: (g.score, g.max_score, g.needs_manual_grade, g.cell_type)
                for g in submission.grades
            }
    autograded = {
        s: nbformat.read(course / "autograded" / s / assignment / f"{assignment}.ipynb", 4)
        for s in students
    }
    return {
        "source": source, "released": released, "grades": grades, "code_answers": code_answers,
        "autograded": autograded, "assignment": assignment,
    }  # fmt: skip


def _auto_cells(source) -> dict[str, float]:
    """{grade_id: points} of the auto-graded cells (grade cells that are not answers)."""
    return {
        nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"])
        for c in source.cells
        if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
    }


def _report(cycle) -> str:
    return json.dumps(cycle["grades"], indent=1)


@pytest.mark.slow
@pytest.mark.parametrize("student", ["correct", "correct-course-release"])
def test_correct_answers_get_full_marks(cycle, student):
    """Full marks, from nbgrader's release or from the course's (the same cells and ids)."""
    auto = _auto_cells(cycle["source"])
    assert auto, "no auto-graded cell"
    grades = cycle["grades"][student]
    for grade_id, points in auto.items():
        assert grades[grade_id][:2] == (points, points), _report(cycle)
    written = [g for g, v in grades.items() if g not in auto]
    for grade_id in written:  # written answers wait for the instructor
        assert grades[grade_id][2], f"{grade_id} should need manual grading\n{_report(cycle)}"
    print(f"\n{cycle['assignment']}: correct = {sum(auto.values())}/{sum(auto.values())} auto")


@pytest.mark.slow
def test_a_wrong_answer_loses_exactly_its_exercise_points(cycle):
    auto = _auto_cells(cycle["source"])
    for grade_id in cycle["code_answers"]:
        check = grade_id.removesuffix("-answer") + "-check"
        grades = cycle["grades"][f"wrong-{grade_id}"]
        for cell, points in auto.items():
            expected = 0.0 if cell == check else points
            assert grades[cell][0] == expected, f"wrong {grade_id}, {cell}\n{_report(cycle)}"
        total = sum(grades[c][0] for c in auto)
        print(f"\nwrong {grade_id}: {total}/{sum(auto.values())} auto (lost {auto[check]})")


@pytest.mark.slow
def test_an_untouched_notebook_scores_zero(cycle):
    auto = _auto_cells(cycle["source"])
    grades = cycle["grades"]["untouched"]
    for grade_id, (score, max_score, manual, _) in grades.items():
        assert score == 0.0 and max_score > 0 and not manual, f"{grade_id}\n{_report(cycle)}"
    print(f"\nuntouched: 0/{sum(auto.values())} auto, 0 on the written answers")


@pytest.mark.slow
def test_grade_cells_write_nothing_to_stderr_and_failures_say_why(cycle):
    """A passing checker cell has no error and no stderr; a failing one shows the checker's hint."""

    def grade_cells(nb):
        return {nbgrader_meta(c)["grade_id"]: c for c in nb.cells
                if c.cell_type == "code" and nbgrader_meta(c).get("grade")}  # fmt: skip

    for grade_id, cell in grade_cells(cycle["autograded"]["correct"]).items():
        kinds = [(o.output_type, o.get("name")) for o in cell.outputs]
        assert ("stream", "stderr") not in kinds and ("error", None) not in kinds, (grade_id, kinds)
    for grade_id, cell in grade_cells(cycle["autograded"]["untouched"]).items():
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors and errors[0].ename == "AssertionError", grade_id
        assert "not attempted yet" in errors[0].evalue, errors[0].evalue


@pytest.mark.slow
def test_nbgrader_release_matches_the_course_release(cycle):
    """Both tools hand students the same cells: nbgrader's release and tools/release.py agree."""
    ours = release_notebook(cycle["source"])
    theirs = cycle["released"]
    assert [c.source for c in theirs.cells] == [c.source for c in ours.cells]
    text = json.dumps([c.source for c in theirs.cells])
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in theirs.cells)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_follows_the_exercise_convention(path):
    """Every chapter notebook marks its exercises for nbgrader, as make.py nbgrader requires."""
    nb = nbformat.read(path, as_version=4)
    assert has_exercises(nb), f"{path.name} has no nbgrader cells"
    assert check_markup(nb, path.name) == []


def _cell(kind, source, **nbgrader):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, **nbgrader}
    return cell


ANSWER = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
CHECK = "result = checks.f(f)\n### BEGIN HIDDEN TESTS\nassert result, result.message\n"
CHECK += "### END HIDDEN TESTS\nresult"


def _good():
    answer = _cell("code", ANSWER, solution=True, grade=False, grade_id="ex-answer")
    answer.metadata["jupyter"] = {"source_hidden": True}
    check = _cell("code", CHECK, solution=False, grade=True, locked=True, points=1,
                  grade_id="ex-check")  # fmt: skip
    written = _cell("markdown", ":::{solution} ex\n:class: dropdown\nBecause.\n:::",
                    solution=True, grade=True, points=1, grade_id="ex-explain")  # fmt: skip
    return nbformat.v4.new_notebook(cells=[answer, check, written])


def test_check_markup_accepts_the_convention():
    assert check_markup(_good()) == []


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda nb: nb.cells[0].metadata.pop("nbgrader"), "not marked as a solution"),
        (lambda nb: nb.cells[0].metadata.pop("jupyter"), "source_hidden"),
        (lambda nb: nb.cells[1].metadata["nbgrader"].update(points=0), "no points"),
        (lambda nb: nb.cells[1].metadata["nbgrader"].update(grade_id="ex-answer"), "used twice"),
        (lambda nb: nb.cells[1].metadata["nbgrader"].update(locked=False), "locked grade"),
        (lambda nb: setattr(nb.cells[1], "source", "checks.f(f)"), "must read exactly"),
        (lambda nb: nb.cells[1].metadata["nbgrader"].update(schema_version=1), "schema_version"),
        (lambda nb: nb.cells[2].metadata["nbgrader"].update(locked=True), "unlocked grade"),
        (
            lambda nb: setattr(
                nb.cells[2],
                "source",
                nb.cells[2].source.replace(
                    "Because.", "<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"
                ),
            ),
            "no markers",
        ),
    ],
)
def test_check_markup_names_what_is_wrong(spoil, message):
    nb = _good()
    spoil(nb)
    problems = check_markup(nb, "bad.ipynb")
    assert any(message in p for p in problems), problems
