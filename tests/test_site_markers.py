"""The site shows solutions (in dropdowns) and checks, but no nbgrader marker or hidden test."""

import html
import re
from pathlib import Path

import nbformat
import pytest
from book_extension import strip_markers

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def test_strip_markers_keeps_the_solution_and_drops_hidden_tests():
    source = (
        "def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n"
        "result = checks.f(f)\n### BEGIN HIDDEN TESTS\nassert result, result.message\n"
        "### END HIDDEN TESTS\nresult"
    )
    assert strip_markers(source) == "def f(x):\n    return 2 * x\nresult = checks.f(f)\nresult"
    assert strip_markers("x = 1  # ### BEGIN is not a marker here") == (
        "x = 1  # ### BEGIN is not a marker here"
    )


def _page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def _marked_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and any(m in c.source for m in MARKERS)]


@pytest.mark.book
@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_rendered_code_cells_carry_no_markers(path, book_html):
    nb = nbformat.read(path, as_version=4)
    text = _page_text(book_html / "chapters" / f"{path.stem}.html")
    for marker in MARKERS:
        assert marker not in text, f"{path.name}: '{marker}' shows on the site"
    for cell in _marked_cells(nb):
        shown, hidden, inside = [], [], False
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside:
                hidden.append(line.strip())
            elif "SOLUTION" not in line and line.strip():
                shown.append(line.strip())
        for line in shown:  # the solution and the visible check are still on the page
            assert line in text, f"{path.name}: {line!r} is missing from the page"
        for line in hidden:
            assert line not in text, f"{path.name}: hidden test {line!r} shows on the site"


@pytest.mark.book
@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_the_downloadable_notebook_keeps_its_markers(path, book_html):
    """Only the rendering changes: the notebook offered for download is the chapter as stored."""
    nb = nbformat.read(path, as_version=4)
    download = nbformat.read(book_html / "_sources" / "chapters" / path.name, as_version=4)
    assert [c.source for c in download.cells] == [c.source for c in nb.cells]
    assert _marked_cells(download) == _marked_cells(nb)
