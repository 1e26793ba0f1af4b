"""How the suite runs: in parallel (pytest-xdist, ``-n auto --dist loadgroup`` in pytest.ini), with
what must share a worker grouped, and the markers a test's needs imply.

This file sits at the root so that it applies to every path pytest is given (``chapters/`` too).

- **Groups** (``xdist_group``; one group runs on one worker, in collection order): the cells of
  one notebook under nbval (they share one kernel; split across workers, the later cells would
  run without the earlier ones), named after the notebook; every test that uses the book build
  (the session fixture ``book_build`` in ``tests/conftest.py``, which would otherwise build the
  book once per worker), ``book``. Modules group their own expensive fixtures the same way
  (``tests/test_jupyterlab.py``: one JupyterLab server; ``tests/test_nbgrader.py``: one course
  per student).
- **Markers**: a test using the book build is marked ``book``; a test marked ``book``,
  ``browser`` or ``nbgrader`` is also ``slow``, so ``-m "not slow"`` never builds the book,
  starts a browser or runs nbgrader.
- **pytest-xdist 3.8 with pytest 9.2** (pytest-xdist issue 1386, fix pending in its PR 1388):
  xdist marks a grouped test by appending ``@<group>`` to ``item._nodeid``, which pytest 9.2 no
  longer reads (its node ids are structured, ``item._id``), so groups are silently ignored and,
  say, the book is built on every worker. ``pytest_collection_finish`` below appends the suffix
  the structured way before the worker reports its tests; it does nothing where xdist's own
  suffix took effect, so it can go once xdist is fixed.
- **Debugging run**: ``-n 0`` runs in this process; ``-p no:xdist`` too (the two options of
  pytest.ini's ``addopts`` are then accepted and ignored).
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def pytest_addoption(parser, pluginmanager):
    if pluginmanager.has_plugin("xdist"):
        return
    group = parser.getgroup("xdist", "pytest-xdist is disabled (-p no:xdist): tests run serially")
    group._addoption("-n", "--numprocesses", dest="numprocesses", default=None, help="ignored")
    group.addoption("--dist", dest="dist", default="no", help="ignored")


def pytest_configure(config):
    if not config.pluginmanager.has_plugin("xdist"):
        config.addinivalue_line("markers", "xdist_group(name): ignored without pytest-xdist")


def _group(item) -> str | None:
    """The xdist group ``item`` must join, or None (it may run on any worker)."""
    if item.path.suffix == ".ipynb":  # an nbval cell
        path = item.path
        return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    if "book_build" in getattr(item, "fixturenames", ()):
        return "book"
    return None


@pytest.hookimpl(tryfirst=True)  # before -m deselects and before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        group = _group(item)
        if group and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))
        if group == "book":
            item.add_marker(pytest.mark.book)
        if any(item.get_closest_marker(name) for name in ("book", "browser", "nbgrader")):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(tryfirst=True)  # before xdist sends the collected node ids to the scheduler
def pytest_collection_finish(session):
    if not getattr(session.config.option, "loadgroup", False):  # set on xdist's workers
        return
    for item in session.items:
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                        for m in item.iter_markers("xdist_group")})  # fmt: skip
        suffix = f"@{'_'.join(names)}"  # the suffix xdist's loadgroup scheduler reads
        if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            from _pytest.nodeid import NodeId

            item._id = NodeId.parse(item.nodeid + suffix)
