"""The claims register (``actlab.claims``), its checks across seeds, and the ledger page.

- The register refuses a malformed record with a message, and shows a verdict line that warns
  when the condition fails on the run.
- Every chapter records its claims with literal keys, unique in the course (read statically).
- **The seed robustness test**: every chapter is executed on each base seed of
  ``claims_check.ROBUST_SEEDS``; it fails, naming the claim and the seed, when a claim the
  chapter records is missing or its condition is false there. The chapter's own seed is checked
  on the book build's run (``test_every_claim_holds_on_the_chapters_own_seed``), so the two extra
  runs are the only executions this adds. ``test_a_claim_false_on_another_seed_fails`` shows the
  check failing on a claim made false on purpose.
"""

import ast
import html
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from claims_check import (
    RECORD,
    RECORD_FIELDS,
    ROBUST_SEEDS,
    ClaimsError,
    code_hash,
    default_seed,
    problems,
    read_record,
    run,
    summary,
    with_seed,
)

from actlab import claims

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
GOOD = dict(source="course", verdict="holds", measured="1 + 1 = 2", condition=True)


def recorded_keys(path: Path) -> list[str]:
    """The keys of the ``claims.record(...)`` calls in a notebook's code cells, read statically."""
    keys = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(re.sub(r"(?m)^[%!].*$", "", cell.source))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and getattr(node.func.value, "id", None) == "claims"
            ):
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    raise AssertionError(
                        f"{path.name}: claims.record's key must be a string literal, so that "
                        f"the tests can find every claim without running the chapter: "
                        f"{ast.unparse(node)[:80]}"
                    )
                keys.append(first.value)
    return keys


# ------------------------------------------------------------------------------ the register


def test_record_shows_a_verdict_line_and_keeps_the_record(capsys):
    claims.record("one-plus-one", "One plus one is two.", **GOOD)
    out = capsys.readouterr().out
    assert out.startswith("Claim (the course's own) holds: One plus one is two.")
    assert "Measured: 1 + 1 = 2." in out and "Not on this run" not in out
    assert claims.recorded()["one-plus-one"].condition is True


def test_a_false_condition_warns_under_the_verdict(capsys):
    claims.record("one-plus-one-false", "One plus one is three.", **{**GOOD, "condition": False})
    out = capsys.readouterr().out
    assert "! Not on this run" in out and "SEED" in out
    assert all(len(line) <= 79 for line in out.splitlines())


def test_a_timing_says_so_and_its_warning_names_the_machine(capsys):
    claims.record("fast", "It is fast.", **{**GOOD, "condition": False}, timing=True)
    out = capsys.readouterr().out
    assert "a timing on this machine" in out and "! Not on this machine" in out
    assert "SEED" not in out


def test_a_timing_is_not_held_to_its_condition_across_seeds():
    """A timing depends on the machine: across seeds only its presence is checked."""
    timing = {"key": "t", "claim": "Fast.", "verdict": "holds", "measured": "m", "timing": True}
    assert problems([{**timing, "condition": False}], ["t"], 3) == []
    assert problems([], ["t"], 3) == ["claim 't': not recorded on seed 3"]


def test_recording_a_key_again_replaces_it(capsys):
    claims.record("again", "First.", **GOOD)
    claims.record("again", "Second.", **{**GOOD, "measured": "later"})
    assert claims.recorded()["again"].measured == "later"


def test_the_record_travels_in_the_display_metadata():
    claims.record("bundle", "It travels.", source="5a", verdict="holds with a nuance",
                  measured="x", condition=np.bool_(True))  # fmt: skip
    data, metadata = claims.recorded()["bundle"]._repr_mimebundle_()
    assert metadata["actlab"]["claim"] == {
        "key": "bundle",
        "claim": "It travels.",
        "source": "5a",
        "verdict": "holds with a nuance",
        "measured": "x",
        "condition": True,
        "timing": False,
    }
    assert 'id="claim-bundle"' in data["text/html"] and "article §5" in data["text/plain"]
    notebook = {"cells": [{"outputs": []}, {"outputs": [{"metadata": metadata}]}]}
    assert claims.from_notebook(notebook) == [{**metadata["actlab"]["claim"], "cell": 1}]


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"key": "Has Spaces"}, ValueError, "key must be lower-case"),
        ({"key": 3}, ValueError, "key must be lower-case"),
        ({"claim": ""}, TypeError, "claim must be a non-empty string"),
        ({"measured": 0.5}, TypeError, "measured must be a non-empty string"),
        ({"source": "5z"}, ValueError, "source must be 'course' or an article claim id"),
        ({"source": 5}, ValueError, "source must be 'course'"),
        ({"verdict": "true"}, ValueError, "verdict must be one of 'holds'"),
        ({"condition": 1}, TypeError, "condition must be True or False"),
        ({"condition": "yes"}, TypeError, "condition must be True or False"),
        ({"condition": np.array([True, False])}, TypeError, "reduce it with .all() or .any()"),
        ({"timing": "yes"}, TypeError, "timing must be True or False"),
    ],
)
def test_a_malformed_record_is_refused_with_a_message(change, error, words):
    args = {"key": "fine", "claim": "Fine.", **GOOD, **change}
    with pytest.raises(error, match=re.escape(words)):
        claims.record(args.pop("key"), args.pop("claim"), **args)


def test_the_article_table_covers_every_section_and_chapter():
    sections = {section for section, _, _ in claims.ARTICLE.values()}
    assert sections == set(claims.SECTIONS) == set(range(11))
    assert {chapter for _, chapter, _ in claims.ARTICLE.values()} == set(range(1, 11))
    assert all(text.endswith(".") for _, _, text in claims.ARTICLE.values())


# ----------------------------------------------------------------------- seeds from outside


def test_with_seed_changes_the_one_seed_line_only():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import numpy as np\nSEED = 0  # the seed\n")]
    changed = with_seed(notebook, 12)
    assert changed.cells[0].source == "import numpy as np\nSEED = 12  # the seed\n"
    assert notebook.cells[0].source.endswith("SEED = 0  # the seed\n")  # the original stays
    assert default_seed(changed) == 12


@pytest.mark.parametrize("sources", [["x = 1"], ["SEED = 0", "SEED = 1"]])
def test_a_chapter_must_set_its_seed_once(sources):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    with pytest.raises(ClaimsError, match="exactly one line 'SEED = <integer>'"):
        with_seed(notebook, 3)


@pytest.mark.parametrize("seed", [-1, 1.5, True, "3"])
def test_a_bad_seed_is_refused(seed):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("SEED = 0")]
    with pytest.raises(ClaimsError, match="a seed is an integer >= 0"):
        with_seed(notebook, seed)


def test_problems_name_the_claim_and_the_seed():
    base = {"claim": "It holds.", "verdict": "holds", "measured": "m", "condition": True}
    run_ = [{**base, "key": "a", "condition": False, "measured": "0.4"}, {**base, "key": "c"}]
    assert problems(run_, ["a", "b"], 7) == [
        "claim 'b': not recorded on seed 7",
        "claim 'c': recorded on seed 7, but not in the chapter's source",
        "claim 'a' (holds: It holds.) fails on seed 7: measured 0.4",
    ]
    assert problems([{**base, "key": "a"}], ["a"], 7) == []


@pytest.mark.slow
def test_a_claim_false_on_another_seed_fails(tmp_path):
    """The robustness check on a notebook whose claim holds on its own seed only."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("from actlab import claims\n\nSEED = 0"),
        nbformat.v4.new_code_cell(
            'claims.record("lucky-seed", "The draw is lucky.", source="course", '
            'verdict="holds", measured=f"SEED = {SEED}", condition=SEED == 0)'
        ),
    ]
    path = tmp_path / "lucky.ipynb"
    nbformat.write(notebook, path)
    assert [r["condition"] for r in run(path)] == [True]
    assert problems(run(path, 10), recorded_keys(path), 10) == [
        "claim 'lucky-seed' (holds: The draw is lucky.) fails on seed 10: measured SEED = 10"
    ]


# ------------------------------------------------------------------------------- the chapters


def test_claim_keys_are_literal_and_unique_in_the_course():
    keys = [key for path in CHAPTERS for key in recorded_keys(path)]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"claim keys recorded twice: {repeated}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", ROBUST_SEEDS)
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_claim_holds_on_other_seeds(path, seed):
    """The seed robustness test: the chapter rerun on another base seed keeps every verdict."""
    wrong = problems(run(path, seed), recorded_keys(path), seed)
    assert not wrong, f"{path.name} on base seed {seed}:\n" + "\n".join(wrong)


def executed(book_html: Path, path: Path) -> list[dict]:
    done = book_html.parent / "jupyter_execute" / "chapters" / path.name
    return claims.from_notebook(json.loads(done.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_claim_holds_on_the_chapters_own_seed(book_html, path):
    records = executed(book_html, path)
    assert [r["key"] for r in records] == list(dict.fromkeys(recorded_keys(path)))
    false = [
        f"{r['key']}: {r['measured']}"
        for r in records
        if not r["condition"] and not r.get("timing")  # a timing is never asserted
    ]
    assert not false, f"{path.name}: conditions false on the chapter's own seed: {false}"


def test_the_ledger_lists_every_record_and_every_article_claim(book_html):
    page = (book_html / "appendix" / "claims_ledger.html").read_text(encoding="utf-8")
    assert "claims-ledger -->" not in page
    tested = {r["source"] for path in CHAPTERS for r in executed(book_html, path)}
    for key, (_, chapter, text) in claims.ARTICLE.items():
        assert f">{key}. " in page, f"article claim {key} missing from the ledger"
        if key not in tested:
            untested = f'<tr><td colspan="4">to be tested in chapter {chapter}'
            row = f"{html.escape(text)}</th></tr>\n{untested}"
            assert row in page, f"article claim {key}: no 'to be tested' row"
    for path in CHAPTERS:
        for record in executed(book_html, path):
            link = f'href="../chapters/{path.stem}.html#claim-{record["key"]}"'
            assert link in page, f"no ledger link to {record['key']}"
            target = (book_html / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
            assert f'id="claim-{record["key"]}"' in target


# ------------------------------------------------------------------ the ten-seed record


def test_each_chapter_has_a_current_ten_seed_check():
    """``python3 make.py claims --chapter NN --write`` after a change to a chapter's code."""
    record = read_record()
    for path in CHAPTERS:
        check = record.get(path.name)
        hint = f"run `python3 make.py claims --chapter {path.name[:2]} --write`"
        assert check, f"{path.name}: no check on ten seeds on record; {hint}"
        assert check["code"] == code_hash(nbformat.read(path, as_version=4)), (
            f"{path.name}: its code changed since its check on ten seeds; {hint}"
        )
        assert len(check["seeds"]) >= 10, f"{path.name}: checked on {check['seeds']} only"
        assert set(check["held"]) == set(recorded_keys(path)), f"{path.name}: {hint}"
        assert set(check.get("claims", {})) == set(check["held"]), f"{path.name}: {hint}"
        failing = {
            k: n
            for k, n in check["held"].items()
            if n < len(check["seeds"]) and k not in check.get("timing", ())
        }
        assert not failing, f"{path.name}: claims that failed on some seed: {failing}"


def test_the_seeds_column_says_what_was_checked():
    from claims_ledger import _seeds_text

    check = {"code": "abc", "seeds": list(range(10)), "date": "2026-12-03", "held": {"k": 9}}
    assert _seeds_text(0, check, "abc")["k"] == (
        "own seed 0; 9/10 on seeds 0–9 (2026-12-03); tests: 10, 20"
    )
    assert "not checked on ten since the code changed" in _seeds_text(0, check, "new")[None]
    assert "not yet checked on ten" in _seeds_text(3, None, "abc")[None]


def test_the_summary_counts_the_seeds_each_claim_held_on(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("SEED = 1")]
    path = tmp_path / "nb.ipynb"
    nbformat.write(notebook, path)
    text = {"claim": "A.", "source": "6a", "verdict": "holds", "measured": "m"}
    runs = {0: [{"key": "a", "condition": True, **text, "measured": "seed 0"}],
            1: [{"key": "a", "condition": False, **text}], 2: "err"}  # fmt: skip
    result = summary(path, runs)
    assert result["held"] == {"a": 1} and result["seeds"] == [0, 1, 2]
    assert result["code"] == code_hash(notebook)
    # each claim as the chapter's own seed (1, here) recorded it
    assert result["claims"] == {"a": text} and tuple(text) == RECORD_FIELDS
    assert summary(path, {0: runs[0]})["claims"] == {}  # its own seed was not run


def test_the_record_is_package_data_that_on_record_reads():
    """The record travels with actlab (the book build, nbval, a student's install find it)."""
    assert RECORD.parent == ROOT / "code" / "actlab" / "_data"
    assert '"_data/*.json"' in (ROOT / "code" / "pyproject.toml").read_text()
    record, found = read_record(), claims.on_record()
    for name, check in record.items():
        for key, text in check.get("claims", {}).items():
            got = found[key]
            assert (got.claim, got.source, got.verdict, got.measured) == tuple(
                text[f] for f in RECORD_FIELDS
            )
            assert got.held == check["held"][key] and got.seeds == len(check["seeds"])
            assert got.page == name.removesuffix(".ipynb") and got.chapter == int(name[:2])
    some = next(iter(found.values()))
    assert all(c.source == some.source for c in claims.on_record(source=some.source).values())
    assert set(claims.on_record(chapter=some.chapter)) <= set(found)
    line = str(some)
    assert line.startswith(f"{some.source} (ch. {some.chapter}) {some.verdict}")
    assert all(len(x) <= 79 for x in line.splitlines())


@pytest.mark.parametrize(
    ("kw", "error", "words"),
    [({"source": "5z"}, ValueError, "source must be None, 'course' or an article claim id"),
     ({"chapter": "6"}, TypeError, "chapter must be None or a chapter number"),
     ({"chapter": True}, TypeError, "chapter must be None or a chapter number")],
)  # fmt: skip
def test_on_record_refuses_a_bad_filter(kw, error, words):
    with pytest.raises(error, match=re.escape(words)):
        claims.on_record(**kw)
