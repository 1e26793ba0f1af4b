"""``tools/migrate_coursework.py``: old checker cells and predict-then-run cells, migrated once."""

import nbformat
from migrate_coursework import migrate
from nbgrader_course import CHECK_TEMPLATE
from release import REVEAL_STUB, release_notebook

OLD = (
    "result = checks.f(f)\n### BEGIN HIDDEN TESTS\nassert result, result.message\n"
    "### END HIDDEN TESTS\nresult"
)


def _cell(kind, source, grade_id=None, **meta):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id, "schema_version": 3, **meta}
    return cell


def test_old_markup_is_migrated_and_a_second_run_changes_nothing():
    nb = nbformat.v4.new_notebook(cells=[
        _cell("code", OLD, "ex-check", grade=True, locked=True, points=2),
        _cell("markdown", "**Guess** (predict, then run). Write it down. Then run the cell and\n"
              "compare.", "p-prompt"),
        _cell("markdown", ":::{solution} p\n:class: dropdown\nIt is 2.\n:::", "p-answer"),
        _cell("code", "x = 1 + 1\nprint(x)"),
    ])  # fmt: skip
    nb.cells[3].metadata["tags"] = ["hide-output"]
    assert migrate(nb) == 3
    assert nb.cells[0].source == CHECK_TEMPLATE.format(check="f", function="f")
    assert "run `reveal()` in the cell after your answer" in nb.cells[1].source
    assert nb.cells[3].source == "def reveal():\n    x = 1 + 1\n    print(x)\n\n\nreveal()"
    assert nb.cells[3].metadata["tags"] == ["hide-output", "reveal"]
    ids = [c.id for c in nb.cells]
    assert migrate(nb) == 0 and [c.id for c in nb.cells] == ids
    [released] = [c for c in release_notebook(nb).cells if c.id == nb.cells[3].id]
    assert released.source.splitlines()[-1] == REVEAL_STUB
