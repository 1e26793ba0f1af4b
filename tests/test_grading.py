"""Grading that tests the skill: fresh cases, a verdict from another process, review flags.

For every exercise of every chapter (from the register, so a new chapter is covered): each
trick of ``tests/_tricks.py`` either fails under nbgrader or is flagged for review by
``actlab.checks.review`` (the real nbgrader cycle, ``tests/test_nbgrader.py``, then shows that
each earns no automatic points); no honest answer (the reference, the other right answers, the
known mistakes, the chapters' own solutions) is flagged; at grading time the hint names the
concept and never the formula; when practising the formula appears only after several
different wrong answers.
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from _tricks import KEY as TRICK_KEY
from _tricks import TRICKS

from actlab import activations, checks
from actlab.checks import grading
from actlab.checks.review import review

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = checks.exercises()
IDS = list(EXERCISES)


_KEY = {"np": np}
exec(TRICK_KEY, _KEY)  # noqa: S102 - the cases' description the tricks use, from _tricks.py
_key = _KEY["_key"]


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_every_exercise_is_declared_with_fresh_cases_a_concept_and_its_formula(ex):
    """A checker declared in the older form (no ``cases=``) still runs, but grades only on the
    chapter's visible cases: declare ``cases``, ``fresh``, ``concept`` and ``answer``."""
    assert ex.cases is not None and ex.fresh is not None, f"{ex.name}: declare cases and fresh"
    assert ex.concept and ex.answer, f"{ex.name}: declare its concept and answer"


def test_an_older_declaration_still_checks_its_visible_cases(monkeypatch):
    from actlab.checks import registry

    monkeypatch.setattr(registry, "_EXERCISES", dict(registry._EXERCISES))

    def ref(x):
        return 2 * x

    @registry.exercise(
        reference=ref, mistakes=(checks.Mistake("def double(x):\n    return x\n", "h"),)
    )
    def double(candidate):
        return checks.check_function(candidate, ref, [1.0, 2.0], name="double")

    assert double(ref).status == "passed" and double(lambda x: x).status == "failed"
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert double(ref).status == "passed"


def _scope(ex):
    """The names a chapter's answer cell sees (its imports cell defines these)."""
    return {**ex.namespace, "checks": checks, "activations": activations}


def _compile(ex, source):
    scope = _scope(ex)
    exec(compile(source, f"<{ex.name} trick>", "exec"), scope)  # noqa: S102 - our own tricks
    return scope[ex.name]


@pytest.fixture
def nbgrader_run(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


def _raises_under_nbgrader(check, candidate) -> str:
    with pytest.raises(AssertionError) as error:
        check(candidate).show()
    return str(error.value)


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_a_table_of_the_visible_answers_passes_them_but_fails_at_grading(ex, nbgrader_run):
    table = _compile(ex, TRICKS["lookup"](ex))
    assert ex.judge(table, ex.cases()).status == "passed", "the table should fool the cases"
    message = _raises_under_nbgrader(ex.check, table)
    assert "not the new cases drawn at grading" in " ".join(message.split())
    assert review(TRICKS["lookup"](ex), ex.forbidden) == []  # fresh cases alone catch it


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_reading_the_checkers_frames_finds_no_expected_answer(ex, nbgrader_run):
    snoop = _compile(ex, TRICKS["frame"](ex))
    assert ex.judge(snoop, ex.cases()).status != "passed"
    _raises_under_nbgrader(ex.check, snoop)
    assert any("inspect" in reason for _, reason in review(TRICKS["frame"](ex)))


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_a_truthy_result_does_not_pass(ex, nbgrader_run, monkeypatch):
    monkeypatch.setattr(checks.CheckResult, "__bool__", lambda self: True)
    wrong = ex.compile(ex.nbgrader_mistake().source)
    _raises_under_nbgrader(ex.check, wrong)  # the verdict is the status, not the truth value
    assert any(kind == "tampering" for kind, _ in review(TRICKS["truthy"](ex)))


# Each exercise with each trick that applies to it ("own": calling the course's implementation of
# what the exercise asks for, where the course has one).
KERNEL_TRICKS = [
    pytest.param(ex, trick, id=f"{ex.name}-{trick}")
    for ex in EXERCISES.values()
    for trick in ("patched", "reference", "own")
    if TRICKS[trick](ex) is not None
]


@pytest.mark.parametrize(("ex", "trick"), KERNEL_TRICKS)
def test_tricks_that_run_in_the_kernel_are_flagged_for_review(ex, trick):
    source = TRICKS[trick](ex)
    found = review(source, ex.forbidden)
    assert found, source
    kind = "shortcut" if trick == "own" else "tampering"
    assert any(k == kind for k, _ in found), found


def _solutions():
    """The instructor's answer of every code exercise in the chapters (solution markers out)."""
    found = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("solution"):
                found.append(pytest.param(cell.source, id=meta["grade_id"]))
    return found


@pytest.mark.parametrize("source", _solutions())
def test_no_chapter_solution_is_flagged(source):
    name = re.match(r"def (\w+)\(", source)[1]
    assert review(source, EXERCISES[name].forbidden) == []


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_no_right_answer_or_known_mistake_is_flagged(ex):
    for source in (*ex.right_answers, *(m.source for m in ex.mistakes)):
        assert review(source, ex.forbidden) == [], source


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_the_reference_passes_the_fresh_cases_from_another_process(ex, nbgrader_run):
    result = ex.check(ex.reference)
    assert result.status == "passed", str(result)
    assert "new cases at grading" in " ".join(str(result).split())
    result.show()  # does not raise


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_the_fresh_cases_depend_on_the_submission_and_are_reproducible(ex):
    def one(*args):
        return ex.reference(*args)

    def other(*args):
        return ex.reference(*args) * 1

    assert grading.seed(ex.name, one) == grading.seed(ex.name, one)
    assert grading.seed(ex.name, one) != grading.seed(ex.name, other)
    fresh = ex.fresh(np.random.default_rng(grading.seed(ex.name, one)))
    again = ex.fresh(np.random.default_rng(grading.seed(ex.name, one)))
    assert repr(_key(fresh)) == repr(_key(again)) != repr(_key(ex.cases()))
    assert len(fresh) >= 4
    records = grading.record(ex, ex.reference, 7)
    assert grading.judge_recorded(ex.name, 7, records).status == "passed"
    assert grading.judge_recorded(ex.name, 8, records).status != "passed"  # other cases


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_at_grading_a_hint_names_the_concept_never_the_formula(ex, nbgrader_run):
    for mistake in ex.mistakes:
        message = _raises_under_nbgrader(ex.check, ex.compile(mistake.source))
        text = " ".join(message.split())
        assert " ".join(ex.answer.split()) not in text, text
        if mistake.status == "failed":
            assert " ".join(ex.concept.split()) in text, text
        assert "After" not in text


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=IDS)
def test_when_practising_the_formula_comes_only_after_several_tries(ex):
    shown = []
    for mistake in ex.mistakes:
        result = ex.check(ex.compile(mistake.source))
        result.show()  # never raises outside nbgrader
        text = " ".join(str(result).split())
        shown.append("different tries, the answer" in text)
        if not shown[-1]:  # no hint gives the formula away before that
            assert " ".join(ex.answer.split()) not in text, text
    assert shown[:2] == [False, False] and all(shown[2:]), shown
    # the same wrong answer again is not another try
    checks.registry._TRIES.clear()
    first = ex.compile(ex.mistakes[0].source)
    for _ in range(4):
        assert "different tries" not in str(ex.check(first))


def test_a_result_shows_without_raising_outside_nbgrader(capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    result = checks.layer(lambda X, W, b, phi: X)
    assert result.status == "failed"
    assert result.show() is None
    assert "layer failed" in capsys.readouterr().out


@pytest.mark.parametrize(
    "value",
    [None, "0.5", [1.0, 2.0], (1.0,), True, object(), np.array(["a"]), np.float32(1.0),
     ValueError("no")],
    ids=["None", "text", "list", "tuple", "bool", "object", "strings", "float32", "raises"],
)  # fmt: skip
def test_any_answer_is_recorded_as_data_and_judged_in_the_grader(value):
    def answer(*args):
        if isinstance(value, Exception):
            raise value
        return value

    ex = EXERCISES["layer"]
    records = grading.record(ex, answer, 3)
    assert all(set(r) <= {"answer", "warnings", "raised", "text"} for r in records)
    result = grading.judge_recorded("layer", 3, records)
    assert result.status in ("failed", "error") and "layer" in result.message


@pytest.mark.parametrize(
    "source",
    [
        "result2 = checks.layer(my_layer)\nresult2.show()",  # a learner re-checks a variant
        "from actlab import checks, activations",
        "SEED = 1",
        "def helper(x):\n    out = np.empty_like(x)\n    out[x > 0] = 1.0\n    return out",
    ],
)
def test_a_learners_own_honest_cells_are_not_flagged(source):
    assert review(source, answer=False) == []


@pytest.mark.parametrize(
    "source",
    [
        "from actlab import checks as c\nc.chapter01._layer_reference",
        "checks.exercises()['layer'].reference",
        "from actlab.checks.chapter01 import _layer_reference",
        "import actlab.checks",
        "getattr(checks, 'lay' + 'er')",
        "%timeit layer(X, W, b, phi)",
        "np.exp = lambda x: x",
    ],
)
def test_other_ways_into_the_checkers_are_flagged(source):
    assert any(kind == "tampering" for kind, _ in review(source, answer=False)), source


def test_an_aliased_import_of_the_course_implementation_is_a_shortcut():
    source = (
        "from actlab.activations import sigmoid as s\n\ndef stable_sigmoid(x):\n    return s(x)"
    )
    ex = EXERCISES["stable_sigmoid"]
    assert [kind for kind, _ in review(source, ex.forbidden)] == ["shortcut"]
