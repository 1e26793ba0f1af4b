"""Every {cite} of the course resolves to an entry of references.bib.

The book build would only warn about an unknown key on a page it builds; this reads every
chapter, appendix page and the introduction (notebooks' markdown cells and Markdown pages, with
the `{cite}`, `{cite:p}`, `{cite:t}`, ... roles and several keys in one role), plus what the
reference pages cite for each activation (its sources in the registry).
"""

import json
import re
from pathlib import Path

import pytest

from actlab import activations

ROOT = Path(__file__).resolve().parents[1]
# A role, not a role quoted as code ("`{cite}`" in the instructor's guide), outside code blocks.
CITE = re.compile(r"(?<!`)\{cite(?::\w+)?\}`([^`]*)`")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
PAGES = sorted(
    [ROOT / "intro.md", *ROOT.glob("chapters/*.md"), *ROOT.glob("chapters/*.ipynb")]
    + [*ROOT.glob("appendix/*.md"), *ROOT.glob("appendix/*.ipynb")]
)


def bib_keys():
    return set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))


def text_of(path):
    if path.suffix != ".ipynb":
        return path.read_text()
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def cited(text):
    text = FENCE.sub("", text)
    return [key.strip() for keys in CITE.findall(text) for key in keys.split(",")]


def test_the_role_pattern_reads_every_form():
    text = "{cite}`a`, {cite:p}`b, c` and {cite:t}`d`; {cite:ts}`e`; not `{cite}` alone"
    assert cited(text) == ["a", "b", "c", "d", "e"]
    assert cited("```\n{cite}`in_code`\n```\n{cite}`out`") == ["out"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_citation_of_the_page_is_in_the_bibliography(path):
    unknown = sorted(set(cited(text_of(path))) - bib_keys())
    assert not unknown, f"{path.name} cites keys missing from references.bib: {unknown}"


def test_the_course_cites_papers_and_the_registry_cites_known_ones():
    keys = {k for path in PAGES for k in cited(text_of(path))}
    assert len(keys) >= 20  # the pattern finds the course's citations at all
    for name in activations.names():
        assert {key for _, key in activations.get(name).sources} <= bib_keys(), name


def test_every_entry_has_a_unique_key():
    found = re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M)
    assert len(found) == len(set(found))


def test_the_bibliography_parses_entry_by_entry():
    """pybtex (what sphinxcontrib-bibtex reads it with) reads every entry, with no key twice:
    a merge that loses an entry's closing brace breaks the book build, not the key check."""
    from pybtex.database import parse_string
    from pybtex.errors import set_strict_mode

    text = (ROOT / "references.bib").read_text()
    set_strict_mode(True)
    try:
        db = parse_string(text, "bibtex")  # a duplicate key or a stray brace raises here
    finally:
        set_strict_mode(False)
    keys = re.findall(r"^@\w+\{([^,\s]+),", text, re.M)
    assert sorted(db.entries) == sorted(keys) and len(set(keys)) == len(keys)
    assert text.count("{") == text.count("}")


YEAR = re.compile(r"\b(1[89]|20)\d\d[a-z]?\b")


def _shown(markdown):
    """Roughly the text a reader sees: roles and links by their text, no emphasis marks."""
    text = re.sub(r"\{\w+(?::\w+)?\}`([^`<]*?)\s*(<[^`]*>)?`", r"\1", CITE.sub("", markdown))
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "").replace("\n", " ")


@pytest.mark.parametrize("path", sorted(ROOT.glob("chapters/*.ipynb")), ids=lambda p: p.stem)
def test_every_citation_follows_its_author_and_year(path):
    """JupyterLab shows a {cite} as its bare key, so the sentence must name the author and the
    year just before it (the browser test checks the rendered cells; this reads the source)."""
    bad = []
    for i, cell in enumerate(json.loads(path.read_text())["cells"]):
        source = "".join(cell["source"])
        for found in CITE.finditer(source) if cell["cell_type"] == "markdown" else ():
            before = _shown(source[: found.start()])[-80:]
            if not YEAR.search(before):
                bad.append(f"cell {i}, {found.group(1)}: ...{before[-60:]}")
    assert not bad, "citations with no year in the 80 characters before them:\n" + "\n".join(bad)
