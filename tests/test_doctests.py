"""Every example in actlab's docstrings runs and prints what it says: the one doctest runner.

Every module of ``actlab``, found by walking the package (so no list can go stale), has at least
one example, so a reader sees each one used; the book's Sphinx extension, which lives in
``tools/`` (it is no part of the package a learner installs), has its examples run here too.
"""

import doctest
import importlib
import pkgutil

import pytest

import actlab

# Modules that need no example: none today. A name here must be a module that exists and has
# no example, so that an exemption cannot outlive its reason.
NO_EXAMPLE = set()
MODULES = sorted(info.name for info in pkgutil.walk_packages(actlab.__path__, prefix="actlab."))
TOOLS = ["book_extension", "link_glossary"]  # importable from tools/ (pytest.ini's pythonpath)


def _run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
    return result


@pytest.mark.parametrize("name", MODULES + TOOLS)
def test_docstring_examples(name):
    result = _run(name)
    if name not in NO_EXAMPLE:
        assert result.attempted > 0, f"{name} has no example in its docstrings"


def test_the_walk_finds_the_package_and_every_exemption_is_current():
    assert {"actlab.activations.registry", "actlab.nn.mlp", "actlab.explore"} <= set(MODULES)
    assert len(MODULES) >= 40, MODULES
    assert NO_EXAMPLE <= set(MODULES), f"exempted but not a module: {NO_EXAMPLE - set(MODULES)}"
    for name in NO_EXAMPLE:
        assert _run(name).attempted == 0, f"{name} has examples now: drop it from NO_EXAMPLE"
