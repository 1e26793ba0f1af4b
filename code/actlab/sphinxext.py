"""Sphinx extension for the book build: explorers render as static HTML, and pages log no errors.

It lives in the package, not beside the book, because it is one half of a contract with
:mod:`actlab.explore` and :mod:`actlab.nn.progress` (the variable of :mod:`actlab._static`), and
because wherever the book is built ``actlab`` is installed, so ``actlab.sphinxext`` imports with no
path set-up. A learner never loads it: nothing in ``actlab`` imports it, and it imports no Sphinx
module.

List it in ``_config.yml`` under ``sphinx: extra_extensions`` (as ``actlab.sphinxext``). It does
three small things:

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
"""

from __future__ import annotations

import os

from actlab._static import STATIC_ENV  # imports only os: no matplotlib in the build process


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


def setup(app) -> dict:
    """Register the extension (see the module docstring)."""
    os.environ[STATIC_ENV] = "1"
    app.connect("config-inited", _default_theme_mode)
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
