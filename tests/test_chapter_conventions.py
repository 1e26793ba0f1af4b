"""The conventions every chapter notebook follows, checked once for each of ``chapters/*.ipynb``.

A chapter's exercises are read from the notebook itself (its ``{exercise-start}`` labels; an
exercise is "code" when its answer cell is a code cell), so a new chapter is checked as soon as
it is a notebook; its own test file keeps only that chapter's facts. The rules are the
instructor's guide's (section "Chapter markup") and ``tools/nbgrader_course.check_markup``:

- every exercise: a locked prompt cell ``<label>-prompt`` holding ``:label: <label>``, then one
  dropdown solution, 2 points;
- a code exercise: ``{solution-start}``, the collapsed answer cell ``def ...`` with a marked
  solution, ``{solution-end}``, then the checker cell ``result = checks.<name>(<name>)`` and
  ``result.show()`` (which raises under nbgrader unless the answer passed); a later cell that
  calls the learner's function waits for the check to pass (``if result:``) so the student
  release runs;
- a written exercise: right after the prompt, one markdown cell that is a whole ``{solution}``
  dropdown (no markers: nbgrader and the release replace the cell);
- a "predict, then run" exercise: the cell right after the answer defines ``reveal()`` (the
  experiment) and calls it, its output folded (``hide-output``) and tagged ``reveal``: the
  release comments the call out, so Run All does not reveal the answer before the prediction;
- links: Markdown links to the file (``[text](02_step_function.ipynb)``), no ``{doc}``,
  ``{numref}`` or ``{ref}`` role (JupyterLab opens nothing or shows a bare label);
- code lines fit 79 columns: ruff checks it (``chapters/ruff.toml``, ``tests/test_lint.py``).
"""

import json
import re
from pathlib import Path

import nbformat
import pytest
from _chapters import exercise_kinds
from nbgrader_course import check_markup, has_exercises
from release import REVEAL_STUB, release_notebook

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
POINTS = 2  # every exercise, code or written, is worth 2 points


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


def _grade_id(cell):
    return cell["metadata"].get("nbgrader", {}).get("grade_id")


def _labels(path):
    """The exercises of a chapter: the labels of its ``{exercise-start}`` directives."""
    return list(exercise_kinds(path))


def _exercises(kind=None, prompt_says=""):
    """pytest params (path, label) of every exercise, or of those of one kind or prompt."""
    params = []
    for path in CHAPTERS:
        cells = _cells(path)
        for label in _labels(path):
            answer = [c for c in cells if _grade_id(c) == f"{label}-answer"]
            prompt = [c for c in cells if _grade_id(c) == f"{label}-prompt"]
            if kind and not (answer and answer[0]["cell_type"] == kind):
                continue
            if prompt_says and not (prompt and prompt_says in _text(prompt[0])):
                continue
            params.append(pytest.param(path, label, id=label))
    return params


EXERCISES = _exercises()  # a missing answer or prompt fails the convention test


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_the_markup_follows_the_nbgrader_convention(path):
    """Every chapter marks its exercises for nbgrader, as make.py nbgrader requires."""
    nb = nbformat.read(path, as_version=4)
    assert has_exercises(nb), f"{path.name} has no nbgrader cells"
    assert check_markup(nb, path.name) == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_at_least_three_exercises_one_with_code_and_every_nbgrader_cell_in_one(path):
    cells, labels = _cells(path), _labels(path)
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels
    metas = [c["metadata"]["nbgrader"] for c in cells if "nbgrader" in c["metadata"]]
    ids = [m["grade_id"] for m in metas]
    assert len(ids) == len(set(ids)), ids
    assert all(m["schema_version"] == 3 for m in metas)
    assert {i.rsplit("-", 1)[0] for i in ids} == set(labels)
    assert any(i.endswith("-check") for i in ids), "no code exercise with a checker"


def _by_id(cells):
    return {_grade_id(c): (i, c) for i, c in enumerate(cells) if _grade_id(c)}


@pytest.mark.parametrize(("path", "label"), EXERCISES)
def test_each_exercise_follows_the_coursework_convention(path, label):
    cells = _cells(path)
    by_id = _by_id(cells)
    i_prompt, prompt = by_id[f"{label}-prompt"]
    assert f":label: {label}" in _text(prompt)
    assert prompt["metadata"]["nbgrader"] == {
        "grade": False, "solution": False, "locked": True,
        "grade_id": f"{label}-prompt", "schema_version": 3,
    }  # fmt: skip
    starts = [i for i, c in enumerate(cells) if f"{{solution-start}} {label}\n" in _text(c)]
    boxes = [i for i, c in enumerate(cells) if f"{{solution}} {label}\n" in _text(c)]
    assert len(starts + boxes) == 1, f"{label}: one solution dropdown, got {starts + boxes}"
    start = (starts + boxes)[0]
    assert i_prompt < start
    assert ":class: dropdown" in _text(cells[start])
    i_answer, answer = by_id[f"{label}-answer"]
    meta = answer["metadata"]["nbgrader"]
    if answer["cell_type"] == "code":
        assert starts and "{solution-end}" in _text(cells[start + 2])
        assert i_answer == start + 1, "the answer sits between solution-start and solution-end"
        assert meta == {
            "grade": False, "solution": True, "locked": False,
            "grade_id": f"{label}-answer", "schema_version": 3,
        }  # fmt: skip
        assert answer["metadata"]["jupyter"] == {"source_hidden": True}
        source = _text(answer)
        assert source.startswith("def ") and "### BEGIN SOLUTION" in source
        assert source.rstrip().endswith("### END SOLUTION")
        i_check, check = by_id[f"{label}-check"]
        assert i_check == start + 3, "the checker cell comes right after the solution"
        name = source.split("(")[0].removeprefix("def ")
        # no hidden tests: under nbgrader, show() raises unless the answer passed
        assert _text(check) == f"result = checks.{name}({name})\nresult.show()"
        assert check["metadata"]["nbgrader"] == {
            "grade": True, "solution": False, "locked": True, "points": POINTS,
            "grade_id": f"{label}-check", "schema_version": 3,
        }  # fmt: skip
    else:
        assert answer["cell_type"] == "markdown"
        assert meta == {
            "grade": True, "solution": True, "locked": False, "points": POINTS,
            "grade_id": f"{label}-answer", "schema_version": 3,
        }  # fmt: skip
        # One cell holding a whole {solution} dropdown, right after the prompt: it collapses on
        # the site and in JupyterLab, and the release puts "YOUR ANSWER HERE" in its place.
        assert boxes == [i_answer] == [i_prompt + 1], "the written answer is the {solution} cell"
        lines = _text(answer).strip().splitlines()
        fence = re.fullmatch(r"(`{3,})\{solution\} " + re.escape(label), lines[0])
        assert fence, lines[0]
        assert lines[1] == ":class: dropdown"
        text = _text(answer)
        assert lines[-1] == fence[1] and text.count(fence[1]) == 2, "no fence inside the box"
        assert "SOLUTION" not in text and "{solution-" not in text and "<!--" not in text


@pytest.mark.parametrize(("path", "label"), _exercises(kind="code"))
def test_a_later_use_of_the_learners_function_waits_for_its_check(path, label):
    """``if result:`` right after the checker's ``result``: the student release still runs."""
    cells = _cells(path)
    by_id = _by_id(cells)
    i_answer, answer = by_id[f"{label}-answer"]
    name = _text(answer).split("(")[0].removeprefix("def ")
    i_check = by_id[f"{label}-check"][0]
    for i in range(i_check + 1, len(cells)):
        cell = cells[i]
        if cell["cell_type"] != "code" or not re.search(rf"\b{name}\(", _text(cell)):
            continue
        assert _text(cell).startswith("if result:"), f"cell {i} calls {name} unguarded"
        checkers = [j for j, c in enumerate(cells[:i]) if str(_grade_id(c)).endswith("-check")]
        assert checkers[-1] == i_check, f"cell {i}: `result` is another checker's by then"


@pytest.mark.parametrize(("path", "label"), _exercises(prompt_says="(predict, then run)"))
def test_a_prediction_is_run_right_after_it_and_folded(path, label):
    cells = _cells(path)
    by_id = _by_id(cells)
    i_answer, answer = by_id[f"{label}-answer"]
    assert answer["cell_type"] == "markdown", "the prediction is written"
    run = cells[i_answer + 1]
    assert run["cell_type"] == "code", "the run comes right after the prediction"
    assert "hide-output" in run["metadata"].get("tags", []), "the run's output is folded"
    # Run All must not reveal it in the student's copy: the release comments the call out
    assert "reveal" in run["metadata"]["tags"], "tag the run 'reveal'"
    assert _text(run).startswith("def reveal():\n") and _text(run).endswith("\n\n\nreveal()")
    released = release_notebook(nbformat.read(path, as_version=4))
    [cell] = [c for c in released.cells if c.get("id") == run.get("id")]
    assert cell.source.splitlines()[-1] == REVEAL_STUB
    assert not re.search(r"(?m)^reveal\(\)", cell.source)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_links_are_markdown_links_that_resolve_on_the_site_and_in_jupyterlab(path):
    """No {doc}, {ref} or {numref} role (JupyterLab opens nothing, or shows a bare label or, for
    a role wrapped over a line, its raw ``<target>``; ``tools/fix_links.py`` rewrites them); a
    relative link names a file that exists; a ``#label`` link stays within the notebook."""
    cells = _cells(path)
    own = {m for c in cells for m in re.findall(r"(?m)^\(([\w-]+)\)=\s*$", _text(c))}
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = _text(cell)
        for role in ("{doc}", "{ref}", "{numref}"):
            assert role not in text, f"markdown cell {index}: a {role} role (tools/fix_links.py)"
        # a role whose text wraps over a line shows raw in JupyterLab, "<target>" and all
        raw = re.search(r"\{[\w:-]+\}`[^`]*\n[^`]*`", text)
        assert not raw, f"markdown cell {index}: a role wraps over a line: {raw and raw[0]!r}"
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith("#"):
                assert target[1:] in own, f"markdown cell {index}: {target} is not in this notebook"
            elif not re.match(r"[a-z]+:", target):
                file = (path.parent / target.split("#")[0]).resolve()
                assert file.is_file(), f"markdown cell {index}: a link to {target}, no such file"


def test_the_guides_points_table_lists_every_exercise_with_its_points():
    """The instructor's guide's table: each exercise of each chapter, its points, and who grades
    it (the checker for a code exercise, the instructor for a written one), and nothing else."""
    guide = (ROOT / "appendix" / "instructors_guide.md").read_text()
    rows = re.findall(
        r"(?m)^\| (\d+) \| `(ch\d+-ex-[\w-]+)` [^|]*\| (\w+) \| (\d+) \| (\w+) \|", guide
    )
    table = {label: (int(points), by) for _, label, _, points, by in rows}
    want = {}
    for path in CHAPTERS:
        cells = _cells(path)
        for label in _labels(path):
            check = [c for c in cells if _grade_id(c) == f"{label}-check"]
            answer = [c for c in cells if _grade_id(c) == f"{label}-answer"]
            cell = (check or answer)[0]
            want[label] = (cell["metadata"]["nbgrader"]["points"], "checker" if check else "you")
    assert table == want
