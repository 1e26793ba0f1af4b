"""Every example in actlab's docstrings runs and prints what it says."""

import doctest
import importlib
import pkgutil

import pytest

import actlab

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(actlab.__path__, prefix="actlab.")
    if not info.name.endswith("sphinxext")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
