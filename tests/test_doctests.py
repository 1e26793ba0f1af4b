"""Every example in actlab's docstrings runs and prints what it says: the one doctest runner.

Every module has at least one example, so a reader sees each one used; the exceptions are the
maintainers' tools, which a learner never calls.
"""

import doctest
import importlib
import pkgutil

import pytest

import actlab

NO_EXAMPLE = {"actlab.sphinxext", "actlab.release"}  # the book build's and the instructor's tools
MODULES = sorted(info.name for info in pkgutil.walk_packages(actlab.__path__, prefix="actlab."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
    if name not in NO_EXAMPLE:
        assert result.attempted > 0, f"{name} has no example in its docstrings"
