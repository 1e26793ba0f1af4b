"""The book builds with warnings as errors, offline, and has every page of the table of contents."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.book, pytest.mark.slow]


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_build_has_no_warnings(book_build):
    log = book_build.stdout + book_build.stderr
    assert book_build.returncode == 0, log[-4000:]
    # ipykernel 7 logs "[IPKernelApp] WARNING | Kernel is running over TCP" (not Sphinx's).
    warnings = [
        line for line in log.splitlines() if "WARNING" in line and "IPKernelApp" not in line
    ]
    assert not warnings, "\n".join(warnings)


@pytest.mark.parametrize("page", toc_files())
def test_every_page_of_the_toc_is_built(book_html, page):
    assert (book_html / f"{page}.html").is_file()


def test_math_is_served_locally(book_html):
    assert (book_html / "_static" / "mathjax" / "tex-chtml.js").is_file()
    html = (book_html / "chapters" / "01_what_activations_do.html").read_text()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any("mathjax/tex-chtml.js" in s for s in scripts), scripts
    assert not [s for s in scripts if s.startswith(("http:", "https:", "//"))], scripts


def test_bibliography_lists_the_cited_papers(book_html):
    html = (book_html / "appendix" / "bibliography.html").read_text()
    for key_text in ["Rectified linear units improve", "Searching for activation functions"]:
        assert key_text in html


def test_exercise_solutions_are_in_dropdowns(book_html):
    html = (book_html / "chapters" / "01_what_activations_do.html").read_text()
    assert html.count('class="exercise') >= 3
    solutions = re.findall(r'<div[^>]*class="[^"]*solution[^"]*"', html)
    assert len(solutions) >= 3
    assert all("dropdown" in s for s in solutions), solutions


def test_the_built_reference_pages_list_exactly_the_registry(book_html):
    """One card per registered activation, one cheat-sheet row and one name row linking to it."""
    from actlab import activations

    cards = (book_html / "appendix" / "activation_reference.html").read_text()
    anchors = [f"card-{n.replace('_', '-')}" for n in activations.names()]
    assert re.findall(r'<span id="(card-[\w-]+)"></span>', cards) == anchors
    for page in ("cheat_sheet", "library_names"):
        html = (book_html / "appendix" / f"{page}.html").read_text()
        links = re.findall(r'href="activation_reference.html#(card-[\w-]+)"', html)
        assert links == anchors, page
