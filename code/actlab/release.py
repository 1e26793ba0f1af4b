"""Write the student release of the course: every chapter notebook with its solutions removed.

The source notebooks are the instructor's version: each exercise's solution is executed, so the
book shows it (in a dropdown) and later cells can use it. The student release keeps everything
else and replaces what is marked as a solution, using nbgrader's conventions so that an instructor
who grades with nbgrader can use the same notebooks:

* in a code cell, the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` become
  ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` at the same indentation (put solutions
  inside a function body, so the released cell still runs and the checker after it reports
  "not attempted yet");
* in a markdown cell, the lines between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  become ``YOUR ANSWER HERE``.

The markdown cells that open and close a solution dropdown (sphinx-exercise's ``{solution-start}``
and ``{solution-end}``) are dropped, and so is any markdown cell between them that has no marked
region (it would otherwise leak the solution). A code cell between them *must* have a marked
region: a solution without one would be shipped to students, so that is an error. Outputs and
execution counts are cleared.

Run it as ``python -m actlab.release chapters student`` (``python3 make.py release`` does this).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

CODE_BEGIN, CODE_END = "### BEGIN SOLUTION", "### END SOLUTION"
TEXT_BEGIN, TEXT_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
TEXT_STUB = "YOUR ANSWER HERE"
_GATE = re.compile(r"^\s*(`{3,}|:{3,})\s*\{solution-(start|end)\}", re.MULTILINE)


class ReleaseError(ValueError):
    """A notebook whose solutions cannot be removed safely."""


def clear_regions(source: str, begin: str, end: str, stub: tuple[str, ...], where: str) -> str:
    """Replace every ``begin`` ... ``end`` region of ``source`` by ``stub``, keeping its indent."""
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


def release_notebook(nb, name: str = "notebook"):
    """Return a copy of ``nb`` (an ``nbformat.NotebookNode``) with its solutions removed."""
    import nbformat

    nb = nbformat.from_dict(nb)
    cells, in_solution = [], False
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index}"
        gate = _GATE.search(cell.source) if cell.cell_type == "markdown" else None
        if gate:
            opening = gate.group(2) == "start"
            if opening == in_solution:
                raise ReleaseError(f"{where}: unbalanced {{solution-{gate.group(2)}}}")
            in_solution = opening
            continue
        if cell.cell_type == "code":
            has_region = CODE_BEGIN in cell.source
            if in_solution and not has_region:
                raise ReleaseError(
                    f"{where}: a code cell inside a solution has no '{CODE_BEGIN}' region, "
                    "so the student release would contain the solution"
                )
            cell.source = clear_regions(cell.source, CODE_BEGIN, CODE_END, CODE_STUB, where)
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            has_region = TEXT_BEGIN in cell.source
            if in_solution and not has_region:
                continue
            cell.source = clear_regions(cell.source, TEXT_BEGIN, TEXT_END, (TEXT_STUB,), where)
        cells.append(cell)
    if in_solution:
        raise ReleaseError(f"{name}: a {{solution-start}} is never closed")
    nb.cells = cells
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
