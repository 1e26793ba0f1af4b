"""nbgrader's autograde step that holds flagged code back for an instructor to read.

Used only by nbgrader (the course's ``nbgrader_config.py``, written by ``make.py nbgrader``,
adds :class:`FlagForReview` to ``Autograde.autograde_preprocessors`` right after nbgrader's
``SaveAutoGrades``); a learner never imports it. For every code cell the student wrote or
changed (an answer cell, or any cell whose source is not in the instructor's source notebook),
:func:`actlab.checks.review.review` looks for code that tampers with grading or answers an
exercise with the course's own implementation. For each flagged cell:

- the checker cells it can affect get 0 automatic points and are marked as needing manual
  grading in the gradebook (tampering affects every checker of the notebook; a shortcut only
  the checker of the exercise it answers), and show an error output ``ManualReview`` with the
  reasons, which the feedback report shows;
- the exercise's answer cell gets the reasons as its automatic comment.

The instructor then reads the cell and gives the points by hand in formgrader (a manual score
replaces the automatic one). :func:`flags` does the reading and needs no nbgrader:

>>> import nbformat
>>> def cell(source, **nbgrader):
...     c = nbformat.v4.new_code_cell(source)
...     if nbgrader:
...         c.metadata["nbgrader"] = nbgrader
...     return c
>>> source = nbformat.v4.new_notebook(cells=[
...     cell("from actlab import checks"),
...     cell("def layer(X, W, b, phi):\\n    return 0", solution=True, grade_id="ex-answer"),
...     cell("result = checks.layer(layer)\\nresult.show()", grade=True, grade_id="ex-check")])
>>> flags(source, source)
{}
>>> handed = nbformat.from_dict(source)
>>> handed.cells[1].source = "import inspect\\ndef layer(X, W, b, phi):\\n    return 0"
>>> for grade_id, reasons in flags(handed, source).items():
...     print(grade_id, reasons[0][:60])
ex-check answer cell ex-answer, line 1: imports inspect, a module for
"""

from __future__ import annotations

import ast
import os
import re

from .review import review

__all__ = ["FlagForReview", "autograde_steps", "flags"]

_CHECKER = re.compile(r"checks\.(\w+)\(")


def _meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) or {}


def _bound(source: str) -> set[str]:
    """The top-level names a cell defines (``def f``, ``f = ...``), when it parses."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def flags(submitted, source) -> dict[str, list[str]]:
    """``{checker grade_id: [reason, ...]}`` for the checkers that a cell of ``submitted`` the
    student wrote or changed could have fooled (``source`` is the instructor's notebook)."""
    from . import exercises

    registered = exercises()
    instructor = {
        c.source.strip() for c in source.cells
        if c.cell_type == "code" and not _meta(c).get("solution")
    }  # fmt: skip
    checkers: dict[str, str] = {}  # checker grade_id -> exercise name
    for cell in submitted.cells:
        meta = _meta(cell)
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            found = _CHECKER.search(cell.source)
            checkers[meta["grade_id"]] = found[1] if found else ""
    result: dict[str, list[str]] = {}
    for index, cell in enumerate(submitted.cells):
        meta = _meta(cell)
        if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
            continue  # markdown, or a checker (nbgrader puts back the instructor's checkers)
        if not meta.get("solution") and cell.source.strip() in instructor:
            continue
        names = _bound(cell.source) & set(registered)
        forbidden = {n for name in names for n in registered[name].forbidden}
        where = (
            f"answer cell {meta['grade_id']}" if meta.get("solution") and meta.get("grade_id")
            else f"code cell {index} (written or changed by the student)"
        )  # fmt: skip
        for kind, reason in review(cell.source, forbidden, answer=bool(names)):
            hit = [g for g, name in checkers.items() if kind == "tampering" or name in names]
            for grade_id in hit:
                result.setdefault(grade_id, []).append(f"{where}, {reason}")
    return result


def autograde_steps() -> list:
    """nbgrader's autograde preprocessors with :class:`FlagForReview` after SaveAutoGrades."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import SaveAutoGrades

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    steps.insert(steps.index(SaveAutoGrades) + 1, FlagForReview)
    return steps


try:  # the preprocessor itself needs nbgrader; the rest of this module does not
    from nbgrader.preprocessors import NbGraderPreprocessor
except ImportError:  # pragma: no cover - nbgrader is an instructor's tool
    NbGraderPreprocessor = object


class FlagForReview(NbGraderPreprocessor):
    """Give flagged checkers 0 automatic points, mark them for manual grading, say why."""

    def preprocess(self, nb, resources):
        import nbformat
        from nbgrader.api import Gradebook
        from nbgrader.coursedir import CourseDirectory

        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        folder = coursedir.format_path(coursedir.source_directory, ".", info["assignment"])
        path = os.path.join(folder, f"{info['notebook']}.ipynb")
        if not os.path.exists(path):
            self.log.warning("FlagForReview: no source notebook %s: nothing reviewed", path)
            return nb, resources
        found = flags(nb, nbformat.read(path, as_version=4))
        if not found:
            return nb, resources
        with Gradebook(info["db_url"]) as gradebook:
            for cell in nb.cells:
                grade_id = _meta(cell).get("grade_id")
                if grade_id not in found:
                    continue
                reasons = found[grade_id]
                text = "flagged for manual review, 0 automatic points: " + "; ".join(reasons)
                self.log.warning("%s, %s: %s", info["student"], grade_id, text)
                cell.outputs.append(nbformat.v4.new_output(
                    "error", ename="ManualReview", evalue=text,
                    traceback=["ManualReview: flagged for manual review (0 automatic points)",
                               *(f"  - {r}" for r in reasons)],
                ))  # fmt: skip
                grade = gradebook.find_grade(
                    grade_id, info["notebook"], info["assignment"], info["student"]
                )
                grade.auto_score = 0.0
                grade.needs_manual_grade = True
                answer = grade_id.removesuffix("-check") + "-answer"
                try:
                    comment = gradebook.find_comment(
                        answer, info["notebook"], info["assignment"], info["student"]
                    )
                    comment.auto_comment = text
                except Exception:  # noqa: BLE001 - no answer cell of that name: no comment
                    pass
            gradebook.db.commit()
        return nb, resources
