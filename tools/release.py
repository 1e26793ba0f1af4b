"""Write the student release of the course: every chapter notebook with its solutions removed.

A maintainer's and instructor's tool (it is not part of the learner's package ``actlab``).

The source notebooks are the instructor's version: each exercise's solution is executed, so the
book shows it (in a dropdown) and later cells can use it. The student release keeps everything
else and replaces what is marked as a solution, using nbgrader's markers so that an instructor
who grades with nbgrader uses the same notebooks (see ``tools/nbgrader_course.py``):

* in a code cell, the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` become
  ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` at the same indentation (put solutions
  inside a function body, so the released cell still runs and the checker after it reports
  "not attempted yet"); the cell's ``jupyter.source_hidden`` flag (which collapses the solution
  in the instructor's JupyterLab) is dropped, so the student sees the stub;
* in a code cell, the lines from ``### BEGIN HIDDEN TESTS`` to ``### END HIDDEN TESTS`` are
  removed (they make nbgrader's autograde fail a wrong answer; a learner sees the checker's
  message instead);
* a "predict, then run" cell (tagged ``reveal``) defines ``reveal()`` and ends by calling it;
  the call becomes a comment, so Run All cannot show the answer before the prediction is
  written (the student deletes the ``#``); nbgrader's source copy gets the same cell;
* in a markdown cell, the lines between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  become ``YOUR ANSWER HERE``;
* a written answer is one markdown cell holding a whole ``{solution}`` directive (a dropdown
  that collapses on the site and in JupyterLab) and marked as an nbgrader solution cell: it
  becomes ``YOUR ANSWER HERE`` (nbgrader does the same with a solution cell without markers). A
  ``{solution}`` cell *not* marked for nbgrader is dropped.

The markdown cells that open and close a solution dropdown (sphinx-exercise's ``{solution-start}``
and ``{solution-end}``) are dropped, and so is any markdown cell between them that has no marked
region (it would otherwise leak the solution). A code cell between them *must* have a marked
region: a solution without one would be shipped to students, so that is an error. Outputs and
execution counts are cleared.

Run it as ``python tools/release.py chapters student_release`` (``python3 make.py release``
does this; the folder is not named ``student``, the name of the launch branch).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

CODE_BEGIN, CODE_END = "### BEGIN SOLUTION", "### END SOLUTION"
TEXT_BEGIN, TEXT_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
TESTS_BEGIN, TESTS_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
REVEAL_TAG, REVEAL_CALL = "reveal", "reveal()"
REVEAL_STUB = '# reveal()  # prediction written? Delete the first "#", then run this cell'
TEXT_STUB = "YOUR ANSWER HERE"
_GATE = re.compile(r"^\s*(`{3,}|:{3,})\s*\{solution-(start|end)\}", re.MULTILINE)
_BOX = re.compile(r"^\s*(`{3,}|:{3,})\s*\{solution\}", re.MULTILINE)


class ReleaseError(ValueError):
    """A notebook whose solutions cannot be removed safely."""


def clear_regions(source: str, begin: str, end: str, stub: tuple[str, ...], where: str) -> str:
    """Replace every ``begin`` ... ``end`` region of ``source`` by ``stub``, keeping its indent.

    With an empty ``stub`` the region, its marker lines included, is simply removed.
    """
    out, inside = [], False
    for number, line in enumerate(source.splitlines(), start=1):
        if begin in line:
            if inside:
                raise ReleaseError(f"{where}, line {number}: '{begin}' inside an open region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(indent + s for s in stub)
        elif end in line:
            if not inside:
                raise ReleaseError(f"{where}, line {number}: '{end}' without '{begin}'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ReleaseError(f"{where}: '{begin}' is never closed by '{end}'")
    return "\n".join(out)


def hide_reveal(cell, where: str) -> None:
    """Comment out the closing ``reveal()`` of a predict-then-run cell (tagged ``reveal``), so
    that Run All in the student's copy defines the reveal but does not show it."""
    if REVEAL_TAG not in cell.metadata.get("tags", []):
        return
    lines = cell.source.rstrip().splitlines()
    if lines and lines[-1] == REVEAL_STUB:
        return
    if not lines or lines[-1] != REVEAL_CALL:
        raise ReleaseError(f"{where}: a cell tagged '{REVEAL_TAG}' must end with {REVEAL_CALL}")
    cell.source = "\n".join([*lines[:-1], REVEAL_STUB])


def is_gate(cell) -> str | None:
    """``"start"`` or ``"end"`` for a cell opening or closing a solution dropdown, else None."""
    gate = _GATE.search(cell.source) if cell.cell_type == "markdown" else None
    return gate.group(2) if gate else None


def is_solution_box(cell) -> bool:
    """Whether ``cell`` is a whole ``{solution}`` directive in one markdown cell (a dropdown)."""
    return cell.cell_type == "markdown" and bool(_BOX.search(cell.source))


def is_written_answer(cell) -> bool:
    """A one-cell solution box that nbgrader grades: the learner's answer goes in its place."""
    meta = cell.metadata.get("nbgrader") or {}
    return is_solution_box(cell) and bool(meta.get("solution"))


def drop_source_hidden(cell) -> None:
    """Remove ``jupyter.source_hidden`` (and an emptied ``jupyter`` entry) from a cell."""
    jupyter = cell.metadata.get("jupyter")
    if isinstance(jupyter, dict):
        jupyter.pop("source_hidden", None)
        if not jupyter:
            del cell.metadata["jupyter"]


def solution_cells(nb, name: str = "notebook", keep_solutions: bool = False):
    """Yield the cells of ``nb`` without the solution dropdowns' gates and unmarked prose.

    Each code cell inside a dropdown must have a marked solution region (else ReleaseError).
    With ``keep_solutions`` the marked regions are kept (what nbgrader's source folder needs);
    otherwise they are replaced by the stubs and hidden tests are removed.
    """
    in_solution = False
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index}"
        gate = is_gate(cell)
        if gate:
            if (gate == "start") == in_solution:
                raise ReleaseError(f"{where}: unbalanced {{solution-{gate}}}")
            in_solution = gate == "start"
            continue
        if cell.cell_type == "code":
            has_region = CODE_BEGIN in cell.source
            if in_solution and not has_region:
                raise ReleaseError(
                    f"{where}: a code cell inside a solution has no '{CODE_BEGIN}' region, "
                    "so the student release would contain the solution"
                )
            if not keep_solutions:
                source = clear_regions(cell.source, CODE_BEGIN, CODE_END, CODE_STUB, where)
                cell.source = clear_regions(source, TESTS_BEGIN, TESTS_END, (), where)
            if has_region:
                drop_source_hidden(cell)
            hide_reveal(cell, where)  # in nbgrader's source copy too: it becomes the release
            cell.outputs, cell.execution_count = [], None
        elif is_solution_box(cell):
            if in_solution:
                raise ReleaseError(f"{where}: a {{solution}} box inside a {{solution-start}}")
            if not is_written_answer(cell):
                continue  # an ungraded solution box: never shipped
            if not keep_solutions:
                cell.source = TEXT_STUB
        elif cell.cell_type == "markdown":
            if in_solution and TEXT_BEGIN not in cell.source:
                continue
            if not keep_solutions:
                cell.source = clear_regions(cell.source, TEXT_BEGIN, TEXT_END, (TEXT_STUB,), where)
        yield cell
    if in_solution:
        raise ReleaseError(f"{name}: a {{solution-start}} is never closed")


def release_notebook(nb, name: str = "notebook"):
    """Return a copy of ``nb`` (an ``nbformat.NotebookNode``) with its solutions removed."""
    import nbformat

    nb = nbformat.from_dict(nb)
    nb.cells = list(solution_cells(nb, name))
    return nb


def release(source_dir: Path, output_dir: Path) -> list[Path]:
    """Write the student version of every notebook in ``source_dir`` to ``output_dir``."""
    import nbformat

    notebooks = sorted(Path(source_dir).glob("*.ipynb"))
    if not notebooks:
        raise ReleaseError(f"no notebooks found in {source_dir}")
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        student = release_notebook(nbformat.read(path, as_version=4), name=path.name)
        target = Path(output_dir) / path.name
        nbformat.write(student, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of instructor notebooks (chapters)")
    parser.add_argument("output", type=Path, help="folder to write the student notebooks to")
    args = parser.parse_args(argv)
    try:
        written = release(args.source, args.output)
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} student notebooks in {args.output}/ (solutions removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
