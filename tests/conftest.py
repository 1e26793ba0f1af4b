"""Shared fixtures: the book is built once per test session, with warnings as errors."""

import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

ROOT = Path(__file__).resolve().parents[1]
# Figures drawn by the tests need no display. Set in this process only: an MPLBACKEND variable
# would reach the book build's kernels, whose figures then never reach the page.
matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test left open (only where the test used matplotlib)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def fresh_tries():
    """Each test starts as a learner who has tried nothing yet: the checkers count different
    wrong answers (and show the formula after several), which would carry across tests."""
    if "actlab.checks.registry" in sys.modules:
        sys.modules["actlab.checks.registry"]._TRIES.clear()
    yield


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """Build the whole book from scratch into a temporary folder; return the completed process."""
    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    cmd = [
        str(jupyter_book),
        "build",
        str(ROOT),
        "-W",
        "-n",
        "--keep-going",
        "--path-output",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    proc.html = out / "_build" / "html"
    return proc


@pytest.fixture(scope="session")
def book_html(book_build):
    """The folder of the built HTML site (the build must have succeeded)."""
    if book_build.returncode != 0:
        pytest.fail(
            f"the book build failed:\n{book_build.stdout[-4000:]}\n{book_build.stderr[-4000:]}"
        )
    return book_build.html
