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

CHECK_TEMPLATE = (
    "result = checks.{check}({function})\n"
    "### BEGIN HIDDEN TESTS\n"
    "assert result, result.message\n"
    "### END HIDDEN TESTS\n"
    "result"
)
_CHECK = re.compile(
    re.escape(CHECK_TEMPLATE)
    .replace(r"\{check\}", r"(?P<check>\w+)")
    .replace(r"\{function\}", r"(?P<function>\w+)")
    + r"\s*\Z"
)
CONFIG = '''\
"""nbgrader's configuration for the course From Step to Swish (written by make.py nbgrader)."""

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "step-to-swish"
'''


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) or {}


def check_markup(nb, name: str = "notebook") -> list[str]:
    """What in ``nb`` breaks the course's nbgrader convention (an empty list when nothing)."""
    problems, seen = [], set()
    cells = nb.cells
    for index, cell in enumerate(cells):
        where = f"{name}, cell {index}"
        meta = nbgrader_meta(cell)
        marked = (CODE_BEGIN if cell.cell_type == "code" else TEXT_BEGIN) in cell.source
        if marked and not meta.get("solution"):
            problems.append(f"{where}: a solution region in a cell not marked as a solution")
        if TESTS_BEGIN in cell.source and not (meta.get("grade") and meta.get("locked")):
            problems.append(f"{where}: hidden tests in a cell that is not a locked grade cell")
        if not meta:
            continue
        grade_id = meta.get("grade_id")
        if meta.get("schema_version") != 3:
            problems.append(f"{where}: nbgrader schema_version must be 3")
        if not grade_id:
            problems.append(f"{where}: an nbgrader cell without a grade_id")
        elif grade_id in seen:
            problems.append(f"{where}: grade_id {grade_id!r} is used twice")
        seen.add(grade_id)
        if meta.get("grade") and not meta.get("points", 0) > 0:
            problems.append(f"{where}: grade cell {grade_id!r} has no points")
        if is_solution_box(cell) and meta.get("solution"):
            if not (meta.get("grade") and not meta.get("locked")):
                problems.append(f"{where}: a written answer is an unlocked grade cell")
            if TEXT_BEGIN in cell.source:
                problems.append(
                    f"{where}: a written answer in a {{solution}} box has no markers "
                    "(nbgrader then replaces the whole cell, box included)"
                )
        elif meta.get("solution") and not marked:
            problems.append(f"{where}: solution cell {grade_id!r} has no marked solution region")
        if cell.cell_type == "code" and meta.get("solution"):
            problems += _check_code_answer(cells, index, where, meta)
    return problems


def _check_code_answer(cells, index: int, where: str, meta: dict) -> list[str]:
    problems = []
    grade_id = str(meta.get("grade_id", ""))
    if meta.get("grade") or meta.get("locked"):
        problems.append(f"{where}: a code answer is neither graded nor locked (its checker is)")
    if not grade_id.endswith("-answer"):
        problems.append(f"{where}: a code answer's grade_id ends with '-answer'")
    if not cells[index].metadata.get("jupyter", {}).get("source_hidden"):
        problems.append(f"{where}: a code answer has jupyter.source_hidden (collapsed in Lab)")
    following = [c for c in cells[index + 1 :] if c.cell_type == "code"]
    checker = following[0] if following else None
    label = grade_id.removesuffix("-answer")
    if checker is None or nbgrader_meta(checker).get("grade_id") != f"{label}-check":
        problems.append(f"{where}: the next code cell must be the checker {label}-check")
        return problems
    check_meta = nbgrader_meta(checker)
    if not (check_meta.get("grade") and check_meta.get("locked")) or check_meta.get("solution"):
        problems.append(f"{where}: checker {label}-check must be a locked grade cell")
    if not _CHECK.match(checker.source):
        problems.append(
            f"{where}: checker {label}-check must read exactly:\n"
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
    if not config.exists():
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
