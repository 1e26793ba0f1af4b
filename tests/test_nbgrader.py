"""A real nbgrader cycle on every chapter with exercises: generate, submit, autograde, score.

One nbgrader course per student, holding every chapter with exercises (laid out by
``tools/nbgrader_course.py``, what ``make.py nbgrader`` writes): one ``generate_assignment`` and
one ``autograde`` call for all chapters, so each student executes each chapter once. The three
courses are independent, so pytest-xdist may grade them on different workers. The gradebook and
the autograded notebooks must show:

- **correct** (every answer as in the instructor's notebook), handed nbgrader's release, except
  in the first chapter, handed the course's own release (``tools/release.py``, the student
  branch; one chapter is enough to show nbgrader grades it): full marks on every auto-graded
  cell, the written answers waiting for manual grading, and no error and no stderr in any cell,
  every code cell executed;
- **wrong** (every code answer a known mistake, ``WRONG`` below by grade_id; written answers
  correct): each checker loses exactly its own points, failing with its verdict (an
  AssertionError, not "not attempted yet" and not a crash); a checker's cell reads
  ``result = checks.<name>(<function>)`` (``check_markup``), so it judges its own answer only;
- **untouched** (the course's release handed in as it is: the run of the student release):
  0 on every auto-graded cell, each failing with "not attempted yet", 0 on the written answers
  (nbgrader sees that they were not changed), and no error (outside those checker cells) and no
  stderr in any cell, every code cell executed;
- **one student per trick** of ``tests/_tricks.py`` (a table of the visible answers, reading the
  checker's frames, a truthy result, a patched checker, the checker's reference, in chapter 4
  the course's own sigmoid), in every code answer, handed the release without its narrative
  code cells (the trick is graded on the exercises alone, so each costs a kernel start per
  chapter, not the chapter's experiments): 0 automatic points on every checker; the flagged
  tricks wait for manual grading with the reason in the checker's output, the answer's comment
  and the feedback report.

Also: ``nbgrader validate`` on the wrong answers names each failing checker, and the correct
student's feedback report has no raw MyST. The points come from each notebook's nbgrader
metadata, never typed in here. The table of what
each execution of a chapter checks is in ``tests/README.md``.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from _tricks import TRICKS
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


def test_every_code_answer_has_a_known_wrong_answer():
    missing = [g for path in GRADED for g in _code_answers(nbformat.read(path, as_version=4))
               if g not in WRONG]  # fmt: skip
    assert not missing, (
        f"no known mistake for {missing}: declare the checker with @exercise(mistakes=...) in "
        "its chapter's module, actlab/checks/chapterNN.py"
    )


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    bindir = str(Path(sys.executable).parent)  # nbgrader runs alembic from the same environment
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    cmd = [str(Path(bindir) / "nbgrader"), *args]
    proc = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    return proc


def _answers(nb) -> dict[str, str]:
    """{grade_id: source} of every solution cell of the instructor's notebook."""
    return {
        nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if nbgrader_meta(c).get("solution")
    }  # noqa: E501


def _code_answers(nb) -> list[str]:
    """The grade_ids of the code answers (solution code cells), in notebook order."""
    return [nbgrader_meta(c)["grade_id"] for c in nb.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("solution")]  # fmt: skip


def _submit(course: Path, assignment: str, student: str, handed, answers: dict) -> None:
    nb = nbformat.from_dict(handed)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")


def _tricks_for(source) -> dict[str, dict[str, str]]:
    """{trick: {grade_id: answer source}} for the code answers of one chapter (``_tricks.py``)."""
    from actlab import checks

    exercises, found = checks.exercises(), {}
    for cell in source.cells:
        meta = nbgrader_meta(cell)
        name = re.match(r"def (\w+)\(", cell.source) if cell.cell_type == "code" else None
        if meta.get("solution") and name and name[1] in exercises:
            for trick, make in TRICKS.items():
                text = make(exercises[name[1]])
                if text is not None:
                    found.setdefault(trick, {})[meta["grade_id"]] = text
    return found


def _only_the_exercises(nb):
    """The release without its narrative code cells (but the imports): a trick is graded on its
    exercises alone, so each trick student costs a kernel start, not a chapter's experiments."""
    nb = nbformat.from_dict(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c is code[0] or nbgrader_meta(c)]
    return nb


def _hand_in(student: str, assignment: str, source, released):
    """What ``student`` hands in for one chapter: (the release they were given, their answers)."""
    ours = release_notebook(source)
    if student == "untouched":
        return ours, {}
    if student in TRICKS:
        return _only_the_exercises(released), {**_answers(source), **_tricks_for(source)[student]}
    if student == "correct":
        return (ours if assignment == GRADED[0].stem else released), _answers(source)
    wrong = {g: WRONG[g] for g in _code_answers(source) if g in WRONG}
    return released, {**_answers(source), **wrong}


def _grade(student: str, tmp_path_factory, only=None) -> dict:
    """One course, every graded chapter (or those in ``only``), one student: generate, submit,
    autograde (once each)."""
    course = tmp_path_factory.mktemp(f"course-{student}")
    assignments = lay_out(ROOT / "chapters", course)
    assert assignments == [p.stem for p in GRADED]
    _nbgrader(course, "generate_assignment", "*")
    sources, released = {}, {}
    assignments = [a for a in assignments if only is None or a in only]
    for assignment in assignments:
        sources[assignment] = nbformat.read(ROOT / "chapters" / f"{assignment}.ipynb", 4)
        released[assignment] = nbformat.read(
            course / "release" / assignment / f"{assignment}.ipynb", 4
        )
        handed, answers = _hand_in(student, assignment, sources[assignment], released[assignment])
        _submit(course, assignment, student, handed, answers)
    log = _nbgrader(course, "autograde", "*")

    from nbgrader.api import Gradebook

    grades = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for assignment in assignments:
            submission = gradebook.find_submission_notebook(assignment, assignment, student)
            grades[assignment] = {
                g.name: (g.score, g.max_score, g.needs_manual_grade, g.cell_type)
                for g in submission.grades
            }
    autograded = {
        a: nbformat.read(course / "autograded" / student / a / f"{a}.ipynb", 4) for a in assignments
    }
    comments = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for assignment in assignments:
            submission = gradebook.find_submission_notebook(assignment, assignment, student)
            comments[assignment] = {c.name: c.auto_comment for c in submission.comments}
    return {
        "source": sources, "released": released, "grades": grades, "autograded": autograded,
        "log": log.stdout + log.stderr, "comments": comments, "course": course,
        "student": student,
    }  # fmt: skip


@pytest.fixture(scope="module")
def correct(tmp_path_factory):
    return _grade("correct", tmp_path_factory)


@pytest.fixture(scope="module")
def wrong(tmp_path_factory):
    return _grade("wrong", tmp_path_factory)


@pytest.fixture(scope="module")
def untouched(tmp_path_factory):
    return _grade("untouched", tmp_path_factory)


@pytest.fixture(scope="module")
def tricked(request, tmp_path_factory):
    """The trick students' courses, graded when a test asks for one (``tricked(trick)``)."""
    graded = {}

    def get(trick):
        if trick not in graded:
            only = [p.stem for p in GRADED if trick in _tricks_for(nbformat.read(p, 4))]
            graded[trick] = _grade(trick, tmp_path_factory, only)
        return graded[trick]

    return get


def _auto_cells(source) -> dict[str, float]:
    """{grade_id: points} of the auto-graded cells (grade cells that are not answers)."""
    return {
        nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"])
        for c in source.cells
        if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
    }


def _grade_cells(nb) -> dict:
    return {nbgrader_meta(c)["grade_id"]: c for c in nb.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("grade")}  # fmt: skip


def _run_problems(nb, allowed=()) -> list[str]:
    """Code cells that did not run, or wrote an error (except in ``allowed``) or stderr."""
    problems = []
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        grade_id = nbgrader_meta(cell).get("grade_id")
        if cell.execution_count is None:
            problems.append(f"code cell {index} did not run")
        for output in cell.outputs:
            if output.output_type == "error" and grade_id not in allowed:
                problems.append(f"code cell {index}: {output.ename}: {output.evalue[:300]}")
            if output.get("name") == "stderr":
                problems.append(f"code cell {index}: stderr: {output.text[:300]}")
    return problems


def _report(graded, assignment) -> str:
    return json.dumps(graded["grades"][assignment], indent=1)


IDS = [p.stem for p in GRADED]


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-correct")
@pytest.mark.parametrize("assignment", IDS)
def test_correct_answers_get_full_marks_and_run_cleanly(correct, assignment):
    """Full marks, from nbgrader's release or (first chapter) the course's: same cells and ids."""
    auto = _auto_cells(correct["source"][assignment])
    assert auto, "no auto-graded cell"
    grades = correct["grades"][assignment]
    for grade_id, points in auto.items():
        assert grades[grade_id][:2] == (points, points), _report(correct, assignment)
    written = [g for g in grades if g not in auto]
    for grade_id in written:  # written answers wait for the instructor
        assert grades[grade_id][2], f"{grade_id} should need manual grading"
    problems = _run_problems(correct["autograded"][assignment])
    assert not problems, "\n".join(problems)
    # no hidden tests, so nbgrader sees no checker cell changed (which reads as tampering)
    assert "has changed!" not in correct["log"], correct["log"][-2000:]
    handed = "the course's release" if assignment == GRADED[0].stem else "nbgrader's release"
    print(f"\n{assignment} ({handed}): {sum(auto.values())}/{sum(auto.values())} auto")


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-wrong")
@pytest.mark.parametrize("assignment", IDS)
def test_each_wrong_answer_loses_exactly_its_checker_points(wrong, assignment):
    source = wrong["source"][assignment]
    auto = _auto_cells(source)
    checkers = {g.removesuffix("-answer") + "-check" for g in _code_answers(source)}
    assert checkers and checkers <= set(auto), (checkers, auto)
    grades = wrong["grades"][assignment]
    for cell, points in auto.items():
        expected = 0.0 if cell in checkers else points
        assert grades[cell][0] == expected, f"{cell}\n{_report(wrong, assignment)}"
    for grade_id in [g for g in grades if g not in auto]:  # the written answers are right
        assert grades[grade_id][2], f"{grade_id} should need manual grading"
    cells = _grade_cells(wrong["autograded"][assignment])
    for check in checkers:
        errors = [o for o in cells[check].outputs if o.output_type == "error"]
        assert errors and errors[0].ename == "AssertionError", (check, errors)
        assert "not attempted" not in errors[0].evalue, (check, errors[0].evalue)
        print(f"\nwrong answer, {check}: lost {auto[check]} ({errors[0].evalue.splitlines()[0]})")


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-untouched")
@pytest.mark.parametrize("assignment", IDS)
def test_the_untouched_release_scores_zero_and_runs_cleanly(untouched, assignment):
    """The course's release, handed in as it is: its run (every cell, no error, no stderr)."""
    source = untouched["source"][assignment]
    grades = untouched["grades"][assignment]
    for grade_id, (score, max_score, manual, _) in grades.items():
        assert score == 0.0 and max_score > 0 and not manual, f"{grade_id}\n{grades}"
    cells = _grade_cells(untouched["autograded"][assignment])
    assert set(cells) == set(_auto_cells(source))
    for grade_id, cell in cells.items():
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors and errors[0].ename == "AssertionError", grade_id
        assert "not attempted yet" in errors[0].evalue, errors[0].evalue
    problems = _run_problems(untouched["autograded"][assignment], allowed=set(cells))
    assert not problems, "\n".join(problems)
    print(f"\nuntouched: 0/{sum(_auto_cells(source).values())} auto, 0 on the written answers")


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-correct")
@pytest.mark.parametrize("assignment", IDS)
def test_nbgrader_release_matches_the_course_release(correct, assignment):
    """Both tools hand students the same cells: nbgrader's release and tools/release.py agree."""
    ours = release_notebook(correct["source"][assignment])
    theirs = correct["released"][assignment]
    assert [c.source for c in theirs.cells] == [c.source for c in ours.cells]
    text = json.dumps([c.source for c in theirs.cells])
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in theirs.cells)


def _cell(kind, source, **nbgrader):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, **nbgrader}
    return cell


ANSWER = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
CHECK = "result = checks.f(f)\nresult.show()"


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


TRICK_CASES = [
    pytest.param(trick, p.stem, id=f"{trick}-{p.stem}",
                 marks=pytest.mark.xdist_group(f"nbgrader-trick-{trick}"))
    for trick in TRICKS for p in GRADED
    if trick in _tricks_for(nbformat.read(p, as_version=4))
]  # fmt: skip


@pytest.mark.nbgrader
@pytest.mark.parametrize(("trick", "assignment"), TRICK_CASES)
def test_a_trick_earns_no_automatic_points(tricked, trick, assignment):
    """Each trick of ``tests/_tricks.py`` in every code answer of the chapter: 0 on every checker
    it could fool; flagged ones wait for an instructor, with the reason in the feedback."""
    graded = tricked(trick)
    source = graded["source"][assignment]
    grades = graded["grades"][assignment]
    checkers = {g.removesuffix("-answer") + "-check" for g in _code_answers(source)}
    cells = _grade_cells(graded["autograded"][assignment])
    for check in checkers:
        score, _, manual, _ = grades[check]
        assert score == 0.0, f"{trick}: {check} scored {score}\n{_report(graded, assignment)}"
        errors = [o for o in cells[check].outputs if o.output_type == "error"]
        assert errors, (check, cells[check].outputs)
        if trick == "lookup":  # not flagged: the fresh cases catch it
            assert not manual, check
            text = " ".join(errors[0].evalue.split())
            assert "not the new cases drawn at grading" in text, text
        else:
            assert manual, f"{trick}: {check} should wait for manual grading"
            review = [o for o in errors if o.ename == "ManualReview"]
            assert review and "flagged for manual review" in review[0].evalue, errors
            answer = check.removesuffix("-check") + "-answer"
            assert "flagged for manual review" in (graded["comments"][assignment][answer] or "")
        print(f"\n{trick}, {check}: 0 points ({errors[-1].evalue.splitlines()[0][:90]})")


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-wrong")
def test_validate_lists_each_failing_exercise_and_why(wrong):
    """The Lab "Validate" button (``nbgrader validate``) on the wrong answers of the first
    chapter: it fails, and names each checker's verdict (the hint names the concept only)."""
    from actlab import checks

    assignment = GRADED[0].stem
    path = wrong["course"] / "submitted" / "wrong" / assignment / f"{assignment}.ipynb"
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run([str(Path(bindir) / "nbgrader"), "validate", str(path)], env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    out = " ".join(proc.stdout.split())
    assert "VALIDATION FAILED" in out and "Success" not in out, proc.stdout[-3000:]
    names = [
        re.match(r"def (\w+)\(", WRONG[g])[1] for g in _code_answers(wrong["source"][assignment])
    ]
    for name in names:
        ex = checks.exercises()[name]
        assert f"{name} failed" in out, (name, proc.stdout[-3000:])
        assert " ".join(ex.concept.split()) in out and " ".join(ex.answer.split()) not in out


RAW_MYST = re.compile(r"\{(exercise|solution)[\w-]*\}|\{(cite|doc|ref|numref)\}`|:label:|:class:")


def _feedback(graded) -> dict[str, str]:
    """``nbgrader generate_feedback`` for the course; {assignment: the report's HTML}."""
    course, student = graded["course"], graded["student"]
    _nbgrader(course, "generate_feedback", "*")
    return {
        a: (course / "feedback" / student / a / f"{a}.html").read_text()
        for a in graded["autograded"]
    }


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-correct")
def test_the_feedback_report_shows_no_raw_myst(correct):
    for assignment, html in _feedback(correct).items():
        found = RAW_MYST.search(html)
        assert not found, f"{assignment}: {html[max(0, found.start() - 200) : found.end() + 200]}"
        assert "Solution." in html and "Score" in html


@pytest.mark.nbgrader
@pytest.mark.xdist_group("nbgrader-trick-own")
def test_the_feedback_report_says_why_an_answer_waits_for_review(tricked):
    graded = tricked("own")
    for assignment, html in _feedback(graded).items():
        text = " ".join(html.split())
        assert "flagged for manual review" in text and "own implementation" in text, assignment


def test_the_course_config_installs_the_review_and_feedback_steps():
    """nbgrader logs an error in ``nbgrader_config.py`` and goes on without the rest of it, so
    the generated file is run here: it must load and install both of the course's steps."""
    from nbgrader_course import CONFIG
    from traitlets.config import Config

    from actlab.checks.nbgrader_feedback import PlainMyST
    from actlab.checks.nbgrader_review import FlagForReview

    config = Config()
    exec(CONFIG, {"get_config": lambda: config})  # noqa: S102 - our own file
    steps = config.Autograde.autograde_preprocessors
    names = [s.__name__ for s in steps]
    assert names.index("FlagForReview") == names.index("SaveAutoGrades") + 1, names
    assert FlagForReview in steps and PlainMyST in config.GenerateFeedback.preprocessors
