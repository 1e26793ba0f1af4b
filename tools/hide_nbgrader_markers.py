"""Sphinx extension: the built site shows no nbgrader markers in notebook code cells.

The chapters mark solutions and hidden tests for nbgrader (``### BEGIN SOLUTION`` ...
``### END SOLUTION``, ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``). A reader of the
website needs neither: this extension removes the two solution marker lines (the solution itself
stays, in its dropdown) and each hidden-tests region as a whole, from the code cells the page
renders. Only the rendered HTML changes: the notebook, its download and its execution keep them.

``_config.yml`` loads it with ``sphinx: local_extensions: {hide_nbgrader_markers: tools/}``.
"""

from __future__ import annotations

from docutils import nodes

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
TESTS_BEGIN, TESTS_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def strip_markers(source: str) -> str:
    """``source`` without solution marker lines and without hidden-tests regions."""
    out, hidden = [], False
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith(TESTS_BEGIN):
            hidden = True
        elif stripped.startswith(TESTS_END):
            hidden = False
        elif not hidden and not stripped.startswith(SOLUTION_MARKERS):
            out.append(line)
    return "\n".join(out)


def _is_cell_source(node: nodes.Node) -> bool:
    parent = node.parent
    return isinstance(parent, nodes.container) and (
        parent.get("nb_element") == "cell_code_source" or "cell_input" in parent["classes"]
    )


def hide_markers(app, doctree: nodes.document) -> None:
    """Rewrite every notebook code-cell block of ``doctree`` that carries a marker."""
    for block in list(doctree.findall(nodes.literal_block)):
        text = block.astext()
        if not _is_cell_source(block) or ("### BEGIN" not in text and "### END" not in text):
            continue
        new = strip_markers(text)
        replacement = nodes.literal_block(new, new, **block.attributes)
        block.replace_self(replacement)


def setup(app) -> dict:
    """Register the extension (see the module docstring)."""
    app.connect("doctree-read", hide_markers)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
