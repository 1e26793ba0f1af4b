r"""The book's Sphinx extension: explorers render as static HTML, pages log no errors, and the
site shows no nbgrader markers.

The one extension of the book, loaded one way: ``_config.yml`` lists it under ``sphinx:
local_extensions: {book_extension: tools/}``. It lives in ``tools/`` with the other maintainer
tools, beside the book it builds, because only the book build loads it: a learner's ``actlab``
(``code/``) neither needs nor ships a Sphinx plug-in. Its side of the contract with
:mod:`actlab.explore` and :mod:`actlab.nn.progress` is one environment variable, whose name it
imports from :mod:`actlab._static` (which imports only ``os``, so loading this extension loads no
matplotlib). It does five small things, and loads a sixth from its own module:

- It sets the environment variable ``ACTLAB_STATIC=1``. Sphinx loads extensions before it executes
  any notebook, so every kernel the build starts inherits it, and :mod:`actlab.explore` then puts
  only ``text/html`` (all frames pre-rendered) and ``text/plain`` in an explorer's output: no
  widget state, no widget script. Pair it with myst-nb's ``nb_mime_priority_overrides`` ranking
  ``text/html`` first for the ``html``, ``dirhtml`` and ``singlehtml`` builders.
- It removes repeated inline scripts from each page. Sphinx 7.4 records an inline script added
  after the builder starts (sphinx-thebe adds one) twice, once named ``None`` and once ``""``, so
  every page declared ``const THEBE_JS_URL`` twice and the browser logged a SyntaxError.
- It gives pydata-sphinx-theme a default colour mode (``auto``, what the theme falls back to
  anyway); without one, a first visit logs "Got invalid theme mode". A ``default_mode`` set in
  ``html_context`` by the book's configuration wins.
- It hides nbgrader's markers. The chapters mark solutions and hidden tests for nbgrader
  (``### BEGIN SOLUTION`` ... ``### END SOLUTION``, ``### BEGIN HIDDEN TESTS`` ... ``### END
  HIDDEN TESTS``). A reader of the website needs neither: the two solution marker lines go (the
  solution itself stays, in its dropdown), and so does each hidden-tests region as a whole, from
  the code cells the page renders. Only the rendered HTML changes: the notebook, its download and
  its execution keep them.
- It makes the bibliography's list a list to assistive technology. Docutils writes the entries
  of a citation list as ``<div role="list">`` holding ``<div role="doc-biblioentry">``: ARIA 1.2
  deprecates ``doc-biblioentry``, and a ``list`` must own ``listitem`` children, so axe-core
  reported one critical ``aria-required-children`` and a minor ``aria-deprecated-role`` per
  entry on the bibliography page. Each entry becomes ``role="listitem"`` (what the entry is: an
  item of the list of references), on every page that renders citations.
- The claims ledger page (``appendix/claims_ledger.md``) is generated from the claims the
  executed chapters record: :mod:`claims_ledger`.

>>> print(strip_markers("y = 1\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION"))
y = 1
y = 2
>>> print(citations_as_list_items('<div class="citation" role="doc-biblioentry">'))
<div class="citation" role="listitem">
"""

from __future__ import annotations

import os

import claims_ledger
from docutils import nodes

from actlab._static import STATIC_ENV  # imports only os: no matplotlib in the build process

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
TESTS_BEGIN, TESTS_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _default_theme_mode(app, config) -> None:
    config.html_context.setdefault("default_mode", "auto")


def _drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts, seen = context.get("script_files"), set()
    if not isinstance(scripts, list):
        return
    kept = []
    for js in scripts:
        key = (
            getattr(js, "filename", js) or "",
            repr(sorted(getattr(js, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            kept.append(js)
    scripts[:] = kept  # in place: the builder and later handlers share this list


BIBLIOENTRY = 'role="doc-biblioentry"'


def citations_as_list_items(body: str) -> str:
    """``body`` (a page's HTML) with each citation entry marked as an item of its list."""
    return body.replace(BIBLIOENTRY, 'role="listitem"')


def _accessible_citations(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and BIBLIOENTRY in body:
        context["body"] = citations_as_list_items(body)


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
    os.environ[STATIC_ENV] = "1"
    app.connect("config-inited", _default_theme_mode)
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)
    app.connect("html-page-context", _accessible_citations)
    app.connect("doctree-read", hide_markers)
    claims_ledger.setup(app)  # the claims ledger page, from the executed chapters
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
