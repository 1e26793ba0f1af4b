"""The glossary: every term defined with the chapter that introduces it, and each term's first use
in every chapter linked to it (by tools/link_glossary.py, which these tests also check)."""

import re
from pathlib import Path

import pytest
from link_glossary import GLOSSARY, chapters, forms, glossary_terms, link_chapter, link_text

ROOT = Path(__file__).resolve().parents[1]
TERMS = glossary_terms()
# What issue 24 asked the glossary to hold at least.
REQUIRED = ["activation", "pre-activation", "saturation", "vanishing gradient", "dead unit",
            "initialisation", "epoch", "learning rate", "loss", "cross-entropy", "logit",
            "base rate", "calibration"]  # fmt: skip


def entries():
    """term -> its definition (the indented lines after it), from the glossary page."""
    block = re.search(r"^```\{glossary\}\n(.*?)^```", GLOSSARY.read_text(), re.S | re.M)[1]
    found, pending = {}, []
    for chunk in re.split(r"\n\s*\n", block):
        lines = chunk.splitlines()
        names = [line for line in lines if line and not line[0].isspace()]
        body = " ".join(line.strip() for line in lines if line[:1].isspace())
        pending += names
        if body:
            found.update(dict.fromkeys(pending, body))
            pending = []
    return found


def test_the_glossary_holds_the_course_terms_in_order():
    assert set(REQUIRED) <= set(TERMS)
    assert len(TERMS) == len(set(TERMS))


@pytest.mark.parametrize("term", TERMS)
def test_each_term_is_defined_briefly_with_where_the_course_introduces_it(term):
    body = entries()[term]
    assert 40 <= len(body) <= 420, body
    targets = re.findall(r"\{doc\}`[^`<]*<\.\./chapters/([\w]+)>`", body)
    assert targets, f"{term}: no link to the chapter that introduces it"
    toc = (ROOT / "_toc.yml").read_text()
    assert all(f"file: chapters/{t}\n" in toc for t in targets), targets


def test_the_script_links_first_uses_only_and_leaves_code_math_and_headings_alone():
    table = forms(["loss", "unit", "dead unit", "epoch"])
    text = (
        "# Loss\n`loss` $loss$ [loss](x.md) {cite}`loss`\n"
        "```python\nloss = 1\n```\n"
        "Dead units are units. The loss\nfalls; each epoch, the loss, the Epochs.\n"
    )
    new = link_text(text, table)
    assert new.splitlines()[:5] == text.splitlines()[:5]
    assert "{term}`Dead units <dead unit>` are {term}`units <unit>`." in new
    rest = "The {term}`loss`\nfalls; each {term}`epoch`, the loss, the Epochs."
    assert rest in new
    assert link_text(new, table) == new  # idempotent


def test_a_match_never_spans_a_line_break():
    table = forms(["learning rate"])
    assert link_text("the learning\nrate", table) == "the learning\nrate"


def test_every_chapter_links_the_first_use_of_each_term():
    """Fails if a chapter was edited (or a term added) since the script last ran: run it again
    (``.venv/bin/python tools/link_glossary.py``)."""
    table = forms(TERMS)
    stale = []
    for path in chapters():
        before = path.read_bytes()
        try:
            if link_chapter(path, table):
                stale.append(path.name)
        finally:
            path.write_bytes(before)
    assert not stale, f"run tools/link_glossary.py: {stale}"


def test_every_term_role_in_the_chapters_names_a_glossary_term():
    known = {t.lower() for t in TERMS}
    for path in chapters():
        text = path.read_text()
        targets = re.findall(r"\{term\}`[^`<]*<([^>]+)>`", text)
        targets += re.findall(r"\{term\}`([^`<]+)`", text)
        for target in targets:
            assert target.lower() in known, (path.name, target)
