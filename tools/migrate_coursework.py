"""Bring a chapter's exercise cells to the coursework markup of issue 18, idempotently.

For chapters written before it (or on a branch that did not have it), in the notebooks given
(default: ``chapters/*.ipynb``):

- a checker cell in the old form, ``result = checks.<name>(<fn>)`` followed by hidden tests
  (``### BEGIN HIDDEN TESTS`` / ``assert result, result.message`` / ``### END HIDDEN TESTS``)
  and ``result``, becomes ``result = checks.<name>(<fn>)`` and ``result.show()``;
- the cell after the answer of a "predict, then run" exercise becomes ``def reveal():`` with
  the cell's code as its body, then the call ``reveal()``, tagged ``reveal`` (the release
  comments the call out, so Run All does not reveal the answer);
- in that exercise's prompt, "Then run the cell and compare." says how to reveal it.

It changes only those cells, keeps cell ids and metadata, and a second run changes nothing. The
checker modules are not changed: a new chapter's ``@exercise(...)`` also needs ``cases``,
``fresh``, ``concept`` and ``answer`` (see ``actlab/checks/registry.py``).

    python tools/migrate_coursework.py                    # every chapter notebook
    python tools/migrate_coursework.py chapters/06_relu.ipynb
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_CHECK = re.compile(
    r"result = checks\.(?P<check>\w+)\((?P<function>\w+)\)\n### BEGIN HIDDEN TESTS\n"
    r"assert result, result\.message\n### END HIDDEN TESTS\nresult\s*\Z"
)
COMPARE = re.compile(r"([Tt]hen)\s+run\s+the\s+cell\s+and\s+compare\.")
REVEAL_SENTENCE = (
    r"\1 reveal the answer: run `reveal()` in the cell after your answer (in your copy that"
    "\nline starts with `#`, so that Run All cannot reveal it: delete the `#` first)."
)


def _grade_id(cell) -> str:
    return (cell.metadata.get("nbgrader") or {}).get("grade_id", "")


def migrate(nb) -> int:
    """Rewrite ``nb``'s exercise cells in place; return how many cells changed."""
    changed = 0
    for cell in nb.cells:
        found = OLD_CHECK.match(cell.source) if cell.cell_type == "code" else None
        if found:
            cell.source = f"result = checks.{found['check']}({found['function']})\nresult.show()"
            changed += 1
    by_id = {_grade_id(c): i for i, c in enumerate(nb.cells) if _grade_id(c)}
    for grade_id, index in by_id.items():
        if not grade_id.endswith("-prompt") or "(predict, then run)" not in nb.cells[index].source:
            continue
        label = grade_id.removesuffix("-prompt")
        answer = by_id.get(f"{label}-answer")
        if answer is None or answer + 1 >= len(nb.cells):
            continue
        run = nb.cells[answer + 1]
        if run.cell_type == "code" and not run.source.startswith("def reveal():"):
            run.source = "def reveal():\n" + textwrap.indent(run.source, "    ") + "\n\n\nreveal()"
            tags = run.metadata.setdefault("tags", [])
            for tag in ("hide-output", "reveal"):
                if tag not in tags:
                    tags.append(tag)
            changed += 1
        prompt = nb.cells[index]
        new = COMPARE.sub(REVEAL_SENTENCE, prompt.source)
        if new != prompt.source:
            prompt.source, changed = new, changed + 1
    return changed


def main(argv: list[str] | None = None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: chapters/*.ipynb")
    args = parser.parse_args(argv)
    for path in args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        count = migrate(nb)
        if count:
            nbformat.write(nb, path)
        print(f"{path}: {count} cells rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
