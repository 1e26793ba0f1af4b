"""``tools/fix_links.py``: roles and cross-notebook labels become Markdown links, idempotently."""

import nbformat
from fix_links import fix


def _notebook(path, *sources):
    cells = [nbformat.v4.new_markdown_cell(s) for s in sources]
    nb = nbformat.v4.new_notebook(cells=cells)
    nbformat.write(nb, path)
    return path


def _sources(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells]


def test_roles_and_labels_in_other_notebooks_become_links_and_a_rerun_changes_nothing(tmp_path):
    _notebook(tmp_path / "01_one.ipynb", "# What one does\n\n(one-label)=\n## Training")
    (tmp_path / "06_six.md").write_text("# Six\n")
    two = _notebook(
        tmp_path / "02_two.ipynb",
        "See {doc}`chapter 1 <01_one>` and {doc}`the\nsix <06_six>`.",
        "Bare: {doc}`01_one`; here [this](#two-label) and there [that](#one-label).",
        "(two-label)=\nNothing to do [here](https://example.org).",
    )
    before = _sources(two)
    changed, problems = fix([two])
    assert problems == [] and changed[two.resolve()] == 2
    assert _sources(two) == [
        "See [chapter 1](01_one.ipynb) and [the\nsix](06_six.md).",
        "Bare: [What one does](01_one.ipynb); here [this](#two-label) and there "
        "[that](01_one.ipynb).",
        before[2],
    ]
    ids = [c.id for c in nbformat.read(two, as_version=4).cells]
    changed, problems = fix([two])
    assert changed[two.resolve()] == 0 and problems == []
    assert [c.id for c in nbformat.read(two, as_version=4).cells] == ids


def test_a_target_that_is_no_file_is_reported_and_left(tmp_path):
    path = _notebook(tmp_path / "a.ipynb", "{doc}`text <missing>`")
    changed, problems = fix([path])
    assert changed[path.resolve()] == 0
    assert problems == ["a.ipynb: no document for {doc} target 'missing'"]
    assert _sources(path) == ["{doc}`text <missing>`"]


def test_a_link_to_a_placeholder_that_became_a_notebook_follows_it(tmp_path):
    _notebook(tmp_path / "08_eight.ipynb", "# Eight")
    (tmp_path / "09_nine.md").write_text("# Nine, still a placeholder\n")
    path = _notebook(
        tmp_path / "10_ten.ipynb",
        "Back to [chapter 8](08_eight.md#gated) and [8](08_eight.md); on to [9](09_nine.md); "
        "[gone](07_gone.md) stays, so the build's link check reports it.",
    )
    changed, problems = fix([path])
    assert problems == [] and changed[path.resolve()] == 1
    assert _sources(path) == [
        "Back to [chapter 8](08_eight.ipynb#gated) and [8](08_eight.ipynb); on to "
        "[9](09_nine.md); [gone](07_gone.md) stays, so the build's link check reports it."
    ]
