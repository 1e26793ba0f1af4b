"""Lay the chapters out as an nbgrader course, after checking they follow the course's convention.

nbgrader (https://nbgrader.readthedocs.io) wants a course folder holding
``source/<assignment>/<notebook>.ipynb``: the instructor's version, with solutions. This tool
writes one assignment per chapter notebook that has exercises, named after the notebook
(``source/01_what_activations_do/01_what_activations_do.ipynb``), plus an ``nbgrader_config.py``
when the folder has none. Then, in that folder:

    nbgrader generate_assignment 01_what_activations_do   # release/...: what students get
    nbgrader autograde 01_what_activations_do             # grades submitted/<student>/...

The source copy is the chapter with the solution dropdowns' gate cells (``{solution-start}``,
``{solution-end}``) and any unmarked prose inside them removed, exactly as the student release
(``tools/release.py``) does, so nbgrader's release and ours have the same cells. The solutions
themselves stay (nbgrader replaces them), and ``jupyter.source_hidden`` is dropped from the
solution cells so students see the stubs.

The convention (``check_markup``) every exercise follows:

* a code answer: ``{"solution": true, "grade": false, "locked": false,
  "grade_id": "<label>-answer"}``
  plus ``"jupyter": {"source_hidden": true}``, with a ``### BEGIN SOLUTION`` region; the next
  code cell is its checker, a locked grade cell with points and ``grade_id`` ``<label>-check``,
  whose source is exactly ``CHECK_TEMPLATE``;
* a written answer: a markdown cell ``{"solution": true, "grade": true, "points": n}`` that is
  one whole ``{solution} <label>`` directive with ``:class: dropdown`` (collapsed on the site and
  in JupyterLab) and no markers: nbgrader and ``tools/release.py`` replace the whole cell by
  ``YOUR ANSWER HERE``. (The older form, a body wrapped in ``<!-- BEGIN SOLUTION -->`` /
  ``<!-- END SOLUTION -->`` between ``{solution-start}``/``{solution-end}`` cells, still works
  but shows open in JupyterLab);
* every nbgrader cell has ``schema_version`` 3 and a grade_id unique in the notebook; solution
  regions sit only in solution cells and hidden tests only in grade cells.

Run it as ``python tools/nbgrader_course.py chapters nbgrader`` (``python3 make.py nbgrader``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from release import (
    CODE_BEGIN,
    TESTS_BEGIN,
    TEXT_BEGIN,
    ReleaseError,
    is_solution_box,
    solution_cells,
)

# The checker shows its verdict; under nbgrader (validate, autograde) ``show()`` raises unless it
# passed, after grading on fresh cases (actlab.checks.grading). No hidden tests: the student's
# copy of the cell is the instructor's, so nbgrader sees no changed checksum.
CHECK_TEMPLATE = "result = checks.{check}({function})\nresult.show()"
_CHECK = re.compile(
    re.escape(CHECK_TEMPLATE)
    .replace(r"\{check\}", r"(?P<check>\w+)")
    .replace(r"\{function\}", r"(?P<function>\w+)")
    + r"\s*\Z"
)
CONFIG = '''\
"""nbgrader's configuration for the course From Step to Swish (written by make.py nbgrader)."""

from actlab.checks.nbgrader_feedback import feedback_steps
from actlab.checks.nbgrader_review import autograde_steps

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "step-to-swish"
# Autograde also flags code that tampers with grading, or answers with the course's own
# implementation, for manual review (0 automatic points until an instructor reads it).
c.Autograde.autograde_preprocessors = autograde_steps()
# Feedback reports show the chapters' MyST (directives, {cite} roles) as plain Markdown.
c.GenerateFeedback.preprocessors = feedback_steps()
'''
_CONFIG_HEADER = CONFIG.splitlines()[0]


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) or {}


def _where(name: str, index: int, grade_id) -> str:
    """``notebook, cell 12 (grade_id ch1-ex-layer-check)``: the cell a problem is about."""
    return f"{name}, cell {index}" + (f" (grade_id {grade_id})" if grade_id else "")


def check_markup(nb, name: str = "notebook") -> list[str]:
    """What in ``nb`` breaks the course's nbgrader convention (an empty list when nothing).

    Each problem names the cell (its index, and its grade_id when it has one) and says what is
    wrong with it, then what the convention wants.
    """
    problems, seen = [], {}
    cells = nb.cells
    for index, cell in enumerate(cells):
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        where = _where(name, index, grade_id)
        begin = CODE_BEGIN if cell.cell_type == "code" else TEXT_BEGIN
        marked = begin in cell.source
        if marked and not meta.get("solution"):
            problems.append(
                f"{where} has a solution region ({begin.strip()}) but is not marked as a "
                "solution cell"
            )
        if TESTS_BEGIN in cell.source and not (meta.get("grade") and meta.get("locked")):
            fault = "is not locked" if meta.get("grade") else "is not a grade cell"
            problems.append(f"{where} has hidden tests but {fault}: it must be a locked grade cell")
        if not meta:
            continue
        if meta.get("schema_version") != 3:
            problems.append(
                f"{where} has nbgrader schema_version {meta.get('schema_version')!r}, not 3"
            )
        if not grade_id:
            problems.append(f"{where} has nbgrader metadata but no grade_id")
        elif grade_id in seen:
            problems.append(
                f"{where}: grade_id {grade_id!r} is used twice (first by cell {seen[grade_id]})"
            )
        else:
            seen[grade_id] = index
        if meta.get("grade") and not meta.get("points", 0) > 0:
            problems.append(
                f"{where} is a grade cell with no points (points: {meta.get('points', 'missing')})"
            )
        if is_solution_box(cell) and meta.get("solution"):
            if not meta.get("grade"):
                problems.append(
                    f"{where} is a written answer but not a grade cell: it must be an unlocked "
                    "grade cell with points"
                )
            elif meta.get("locked"):
                problems.append(
                    f"{where} is a written answer but is locked, so students cannot write it: "
                    "it must be an unlocked grade cell"
                )
            if TEXT_BEGIN in cell.source:
                problems.append(
                    f"{where} is a written answer in a {{solution}} box with solution markers "
                    f"({TEXT_BEGIN.strip()}) in it: remove them, the box needs no markers "
                    "(nbgrader replaces the whole cell, box included)"
                )
        elif meta.get("solution") and not marked:
            problems.append(
                f"{where} is a solution cell without a marked solution region ({begin.strip()})"
            )
        if cell.cell_type == "code" and meta.get("solution"):
            problems += _check_code_answer(cells, index, where, meta, name)
    return problems


def _check_code_answer(cells, index: int, where: str, meta: dict, name: str) -> list[str]:
    problems = []
    grade_id = str(meta.get("grade_id", ""))
    faults = [word for word, key in (("graded", "grade"), ("locked", "locked")) if meta.get(key)]
    if faults:
        problems.append(
            f"{where} is a code answer but is {' and '.join(faults)}: a code answer is neither "
            "(its checker cell is)"
        )
    if not grade_id.endswith("-answer"):
        problems.append(f"{where} is a code answer whose grade_id does not end with '-answer'")
    if not cells[index].metadata.get("jupyter", {}).get("source_hidden"):
        problems.append(
            f"{where} is a code answer without jupyter.source_hidden, so JupyterLab shows the "
            "solution open"
        )
    following = [(i, c) for i, c in enumerate(cells) if i > index and c.cell_type == "code"]
    label = grade_id.removesuffix("-answer")
    if not following:
        problems.append(f"{where} is a code answer with no code cell after it: add {label}-check")
        return problems
    at, checker = following[0]
    check_meta = nbgrader_meta(checker)
    if check_meta.get("grade_id") != f"{label}-check":
        problems.append(
            f"{where}: the next code cell, {_where(name, at, check_meta.get('grade_id'))}, is "
            f"not its checker {label}-check"
        )
        return problems
    there = _where(name, at, f"{label}-check")
    faults = []
    if not check_meta.get("grade"):
        faults.append("is not a grade cell")
    if not check_meta.get("locked"):
        faults.append("is not locked")
    if check_meta.get("solution"):
        faults.append("is a solution cell")
    if faults:
        problems.append(
            f"{there}, the checker, {' and '.join(faults)}: it must be a locked grade cell"
        )
    if not _CHECK.match(checker.source):
        problems.append(
            f"{there}, the checker, differs from the template; it must read exactly:\n"
            + CHECK_TEMPLATE.format(check="<name>", function="<fn>")
        )
    return problems


def has_exercises(nb) -> bool:
    return any(nbgrader_meta(c) for c in nb.cells)


def source_notebook(nb, name: str = "notebook"):
    """The copy of chapter ``nb`` that goes to nbgrader's ``source/`` folder (see the docstring)."""
    import nbformat

    nb = nbformat.from_dict(nb)
    nb.cells = list(solution_cells(nb, name, keep_solutions=True))
    return nb


def lay_out(chapters: Path, course: Path) -> list[str]:
    """Write ``course/source/<assignment>/`` for every chapter with exercises; return the names."""
    import nbformat

    names = []
    for path in sorted(Path(chapters).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if not has_exercises(nb):
            continue
        problems = check_markup(nb, path.name)
        if problems:
            raise ReleaseError("\n".join(problems))
        folder = Path(course) / "source" / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(source_notebook(nb, path.name), folder / path.name)
        names.append(path.stem)
    if not names:
        raise ReleaseError(f"no notebook in {chapters} has nbgrader cells")
    config = Path(course) / "nbgrader_config.py"
    # Written when missing, and rewritten when it is an older one of ours (never one's own).
    if not config.exists() or config.read_text().splitlines()[:1] == [_CONFIG_HEADER]:
        config.write_text(CONFIG)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", type=Path, help="folder of instructor notebooks")
    parser.add_argument("course", type=Path, help="nbgrader course folder to write source/ in")
    args = parser.parse_args(argv)
    try:
        names = lay_out(args.chapters, args.course)
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name in names:
        print(f"wrote {args.course / 'source' / name / (name + '.ipynb')}")
    print(f"\n{len(names)} assignments in {args.course}/source/. Next, in {args.course}/:")
    print(f"  nbgrader generate_assignment {names[0]}   (then autograde; see the guide)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
