"""Exercise checkers: the reference passes, wrong answers get a useful message, nothing raises.

The first part is generated from the register of exercises (``actlab.checks.exercises()``): for
every checker of every chapter, the reference and the other right answers pass, the untouched stub
is "not attempted yet", each known mistake (the source a learner would type, run as the chapter's
answer cell runs it) fails with its hint, answers of the wrong type are refused, and every message
fits in 79 columns. The second part tests the machinery, ``check_function`` and ``CheckResult``.
"""

import inspect
import warnings

import numpy as np
import pytest

from actlab import checks

EXERCISES = checks.exercises()
MISTAKES = [
    pytest.param(ex, m, id=f"{name}-{i}")
    for name, ex in EXERCISES.items()
    for i, m in enumerate(ex.mistakes)
]
RIGHT = [
    pytest.param(ex, src, id=f"{name}-{i}")
    for name, ex in EXERCISES.items()
    for i, src in enumerate(ex.right_answers)
]


def neuron_solution(x, w, b, phi):
    return phi(w @ x + b)


def stub(*args):
    raise NotImplementedError()


def flat(result):
    """The message with its line breaks and indents as single spaces (messages are wrapped at
    79 columns, so a phrase may span two lines)."""
    return " ".join(str(result).split())


def quietly(check, candidate):
    """``check(candidate)``, failing the test if a warning escapes the checker."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return check(candidate)


def fits(result):
    long = [line for line in str(result).splitlines() if len(line) > 79]
    assert not long, long


def arguments(ex):
    return list(inspect.signature(ex.reference).parameters)


def test_every_chapter_module_is_registered_and_exported():
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(checks.__path__) if m.name[:7] == "chapter"}
    assert modules == {ex.chapter for ex in EXERCISES.values()}
    assert {"neuron", "layer", "output_floor", "perceptron_update", "collapsed_bias",
            "stable_sigmoid", "signal_below"} <= set(EXERCISES)  # fmt: skip
    for name, ex in EXERCISES.items():
        assert getattr(checks, name) is ex.check and name in checks.__all__
        assert ex.check.__module__ == f"actlab.checks.{ex.chapter}"


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
def test_reference_solution_passes(ex):
    result = quietly(ex.check, ex.reference)
    assert result
    assert result.status == "passed"
    assert f"passed all {result.n_cases} cases" in flat(result)
    assert result.n_cases >= 4


@pytest.mark.parametrize(("ex", "source"), RIGHT)
def test_other_right_answers_pass(ex, source):
    result = quietly(ex.check, ex.compile(source))
    assert result, str(result)


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
def test_stub_is_not_attempted(ex):
    source = f"def {ex.name}({', '.join(arguments(ex))}):\n    raise NotImplementedError()\n"
    result = quietly(ex.check, ex.compile(source))
    assert not result
    assert result.status == "not attempted"
    assert "not attempted yet" in flat(result)
    assert "Traceback" not in flat(result)
    fits(result)


@pytest.mark.parametrize(("ex", "mistake"), MISTAKES)
def test_each_known_mistake_fails_with_its_hint(ex, mistake):
    result = quietly(ex.check, ex.compile(mistake.source))
    assert not result
    assert result.status == mistake.status, str(result)
    text = flat(result.message)
    for hint in mistake.hints:
        assert hint in text, str(result)
    if mistake.case is not None:
        verb = "failed case" if mistake.status == "failed" else "raised"
        assert text.startswith(f"{ex.name} {verb}"), str(result)
        assert f"case {mistake.case} of {result.n_cases}" in text, str(result)
    if text.startswith(f"{ex.name} failed case") or mistake.status == "error":
        # names the failing input, argument by argument
        assert f"{ex.name}({arguments(ex)[0]}=" in text, str(result)
        assert all(f"{a}=" in text for a in arguments(ex)), str(result)
    if mistake.status == "failed" and text.startswith(f"{ex.name} failed case"):
        assert "expected" in text and "got" in text
    fits(result)


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
def test_every_exercise_has_an_nbgrader_mistake(ex):
    assert ex.nbgrader_mistake() in ex.mistakes
    assert sum(m.nbgrader for m in ex.mistakes) <= 1


def _as_list(ref):
    return lambda *a: list(np.atleast_1d(ref(*a)))


# Answers of the wrong type, for any checker: (what the answer does, the refusal's words).
ANY_WRONG_TYPE = [
    (lambda ref: lambda *a: str(np.asarray(ref(*a)).ravel()[0]), "returned text"),
    (lambda ref: lambda *a: b"0.5", "returned text (bytes"),
    (lambda ref: lambda *a: True, "returned True/False"),
    (lambda ref: lambda *a: np.asarray(ref(*a)) > 0, "returned True/False"),
    (_as_list, "a Python list of length"),
    (lambda ref: lambda *a: tuple(np.atleast_1d(ref(*a))), "a Python tuple of length"),
    (lambda ref: lambda *a: None, "returned None"),
    (lambda ref: lambda *a: np.asarray(ref(*a), dtype=object), "dtype object"),
    (lambda ref: lambda *a: {"a": ref(*a)}, "dict {'a'"),
    (lambda ref: lambda *a: object(), "not a number or a NumPy array"),
]


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
@pytest.mark.parametrize(("make", "words"), ANY_WRONG_TYPE, ids=[w for _, w in ANY_WRONG_TYPE])
def test_every_checker_refuses_answers_of_the_wrong_type(ex, make, words):
    result = quietly(ex.check, make(ex.reference))
    assert result.status == "failed"
    assert "failed case 1 of" in flat(result)
    assert "it returned" in flat(result) and words in flat(result)
    assert "Hint" not in flat(result)  # no hint about values for an answer of the wrong type
    fits(result)


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
@pytest.mark.parametrize("candidate", [3, "layer", None], ids=["int", "str", "None"])
def test_every_checker_refuses_what_is_not_a_function(ex, candidate):
    result = quietly(ex.check, candidate)
    assert result.status == "failed"
    assert f"expected a function, got {type(candidate).__name__}" in flat(result)


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
def test_the_right_shape_with_wrong_values_fails_with_a_hint(ex):
    for wrong in (
        lambda *a: np.zeros_like(np.asarray(ex.reference(*a), dtype=float)),
        lambda *a: np.asarray(ex.reference(*a), dtype=float) * (1 + 1e-3) + 1e-3,
    ):
        result = quietly(ex.check, wrong)
        assert result.status == "failed"
        assert "Hint:" in flat(result)
        fits(result)


@pytest.mark.parametrize("ex", EXERCISES.values(), ids=list(EXERCISES))
def test_a_float32_answer_passes_or_is_told_it_is_float32(ex):
    result = quietly(ex.check, lambda *a: np.float32(ex.reference(*a)))
    assert result or "The answer is float32" in flat(result), str(result)


# --- the machinery: check_function and CheckResult ----------------------------------------


# Answers of the wrong type: each is refused with a message, and gets no hint about values.
WRONG_TYPES = [
    (lambda x, w, b, phi: str(float(phi(w @ x + b))), "returned text (str '1.0')"),
    (lambda x, w, b, phi: str(float(phi(w @ x + b))).encode(), "returned text (bytes"),
    (lambda x, w, b, phi: bool(phi(w @ x + b)), "returned True/False (True)"),
    (lambda x, w, b, phi: phi(w @ x + b) > 0, "returned True/False"),
    (lambda x, w, b, phi: [float(phi(w @ x + b))], "a Python list of length 1; expected one"),
    (lambda x, w, b, phi: (phi(w @ x + b),), "a Python tuple of length 1"),
    (lambda x, w, b, phi: np.array(phi(w @ x + b), dtype=object), "dtype object"),
    (lambda x, w, b, phi: {"a": phi(w @ x + b)}, "dict {'a'"),
    (lambda x, w, b, phi: complex(phi(w @ x + b)), "not a number or a NumPy array"),
]


@pytest.mark.parametrize(("answer", "message"), WRONG_TYPES)
def test_wrong_types_are_refused_with_a_message_and_no_value_hint(answer, message):
    result = checks.neuron(answer)
    assert result.status == "failed"
    assert "failed case 1 of" in flat(result)
    assert message in flat(result)
    assert "Hint" not in flat(result)  # in particular, no "the bias b is missing"
    fits(result)


def test_integer_answers_pass_where_the_value_is_an_integer():
    ref = lambda n: 2 * n  # noqa: E731
    assert checks.check_function(lambda n: int(2 * n), ref, [1, 2, 3], name="double")
    assert checks.check_function(lambda n: np.int64(2 * n), ref, [1, 2, 3], name="double")


def test_layer_refuses_a_list_of_rows():
    result = checks.layer(lambda X, W, b, phi: [list(row) for row in phi(X @ W + b)])
    assert result.status == "failed"
    assert "a Python list of length 2; expected a NumPy array of shape (2, 3)" in flat(result)


def test_bias_is_blamed_only_when_the_bias_is_not_zero():
    # Case 1 has b = 0: an answer wrong there is not told that its bias is missing.
    result = checks.neuron(lambda x, w, b, phi: phi(w @ x + b) + 1.0)
    assert "failed case 1 of" in flat(result) and "missing" not in flat(result)
    # The same hint function, asked about case 2 (b = 1), names the missing bias.
    result = checks.neuron(lambda x, w, b, phi: phi(w @ x))
    assert "failed case 2 of" in flat(result) and "bias b is missing" in flat(result)


def test_check_function_refuses_an_empty_list_of_cases():
    with pytest.raises(ValueError, match=r"check_function\(double\): cases is empty"):
        checks.check_function(lambda x: 2 * x, lambda x: 2 * x, [], name="double")
    # and with one case it checks that case
    assert checks.check_function(lambda x: 2 * x, lambda x: 2 * x, [1.0], name="double")
    assert not checks.check_function(lambda x: 3 * x, lambda x: 2 * x, [1.0], name="double")


def test_wrong_value_message_reports_the_numbers():
    result = checks.neuron(lambda x, w, b, phi: phi(w @ x + b) + 0.5)
    # The first case is identity(0.5 * 1 + 0.25 * 2 + 0) = 1.
    assert "case 1 of" in flat(result)
    assert "expected 1, got 1.5" in flat(result)


def test_missing_return_and_non_numeric_results():
    def no_return(x, w, b, phi):
        phi(w @ x + b)

    assert "return" in str(checks.neuron(no_return))
    assert "not a number" in str(checks.neuron(lambda x, w, b, phi: "one"))
    assert "not a number" in str(checks.neuron(lambda x, w, b, phi: object()))


def test_check_function_generic_with_tolerance_and_nan():
    ref = np.sin
    cases = [np.array([0.0, 1.0]), np.array([np.nan, 2.0]), 3.0]
    assert checks.check_function(ref, ref, cases, name="sin")
    close = checks.check_function(lambda x: np.sin(x) + 1e-12, ref, cases)
    assert close, str(close)
    off = checks.check_function(lambda x: np.sin(x) + 1e-3, ref, cases, name="sin", hint="h!")
    assert not off
    assert "2 of 2 values differ" in flat(off) and "Hint: h!" in flat(off)
    assert "sin([0., 1.] (shape (2,)))" in flat(off)  # a ufunc: positional arguments


def test_argument_names_come_from_the_reference():
    def double(values):
        return 2 * values

    result = checks.check_function(lambda v: 3 * v, double, [np.ones(2)])
    assert "double(values=[1., 1.] (shape (2,)))" in flat(result)


def test_shown_replaces_the_written_out_call_in_every_message():
    def shown(x):
        return f"double(x), x of shape {x.shape}"

    cases = [np.arange(40.0)]
    wrong = checks.check_function(lambda x: 3 * x, lambda x: 2 * x, cases, shown=shown)
    raised = checks.check_function(lambda x: x[99], lambda x: 2 * x, cases, shown=shown)
    for result in (wrong, raised):
        assert "double(x), x of shape (40,)" in flat(result)
        assert "39." not in flat(result)  # the input's numbers are not written out


def test_candidate_cannot_change_the_reference_inputs():
    def in_place(x):
        x *= 2
        return x

    result = checks.check_function(in_place, lambda x: 2 * x, [np.arange(3.0)], name="double")
    assert result, str(result)


def test_failing_hint_function_does_not_crash():
    def broken_hint(*args):
        raise RuntimeError("bug in the hint")

    result = checks.check_function(lambda x: x, lambda x: x + 1, [1.0], hint=broken_hint)
    assert result.status == "failed"
    assert "Hint" not in flat(result)


def test_result_displays_in_jupyter():
    passed, failed = checks.neuron(neuron_solution), checks.neuron(stub)
    assert repr(passed).startswith("✓")
    html = failed._repr_html_()
    assert "<div" in html and "not attempted yet" in html
    bad = checks.neuron(lambda x, w, b, phi: "<b>")
    assert "&lt;b&gt;" in bad._repr_html_()  # the learner's output is escaped
    # one line break per line: pre-wrap keeps the message's own (a <br> as well doubled them)
    wrong = checks.neuron(lambda x, w, b, phi: phi(w @ x))._repr_html_()
    assert "white-space: pre-wrap" in wrong and "<br" not in wrong and wrong.count("\n") >= 3


def test_a_candidate_changing_a_nested_array_changes_neither_the_case_nor_the_hint():
    """Each call gets its own deep copy: an array inside a list argument is copied too."""
    shared = np.ones(2)
    cases = [([shared],), ([shared],)]
    seen = []

    def in_place(items):
        items[0] *= 3  # changes the caller's array, not just its own name for it
        return items[0]

    def hint(items, got):
        seen.append(items[0].copy())
        return f"the first item was {items[0].tolist()}"

    result = checks.check_function(in_place, lambda items: 2 * items[0], cases, hint=hint)
    assert not result and "failed case 1 of" in flat(result)
    assert "the first item was [1.0, 1.0]" in flat(result)
    np.testing.assert_array_equal(shared, np.ones(2))  # the case itself is untouched
    np.testing.assert_array_equal(seen[0], np.ones(2))
    # later cases see the original too: a right answer that mutates still passes every case
    right = checks.check_function(
        lambda items: np.multiply(items[0], 2, out=items[0]), lambda items: 2 * items[0], cases
    )
    assert right and right.n_cases == 2, str(right)
    np.testing.assert_array_equal(shared, np.ones(2))


def test_a_float32_answer_shows_the_digits_that_differ_and_the_relative_error():
    sigmoid = checks.exercises()["stable_sigmoid"].reference
    result = checks.check_function(
        lambda x: np.float32(sigmoid(x)), sigmoid, [-2.0], name="s", rtol=1e-9, atol=0.0
    )
    text = flat(result)
    assert "expected 0.119203, got 0.119203" not in text
    assert "expected 0.119202922, got 0.119202919" in text
    assert "a relative error of 2.3e-08; the check allows 1e-09" in text
    assert "The answer is float32" in text
    # in an array, the first difference and both arrays are shown to the same digits
    arrays = checks.check_function(
        lambda x: sigmoid(x).astype(np.float32), sigmoid, [np.array([-2.0, 3.0])], rtol=1e-9
    )
    assert "[0.119202922, 0.952574127]" in flat(arrays), str(arrays)
    assert "[0.119202919, 0.952574134]" in flat(arrays), str(arrays)
    # a difference visible at 6 digits keeps the short form, with no float32 note
    plain = checks.check_function(lambda x: 1.5 * x, lambda x: x, [1.0])
    assert "expected 1, got 1.5" in flat(plain) and "relative error" not in flat(plain)
    assert "float32" not in flat(plain)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"cases": None}, TypeError, r"check_function\(double\): cases must be a list"),
        ({"cases": 3.0}, TypeError, "cases must be a list"),
        ({"cases": "abc"}, TypeError, "cases must be a list of cases"),
        ({"cases": {"x": 1.0}}, TypeError, "cases must be a list"),
        ({"rtol": np.nan}, ValueError, r"check_function\(double\): rtol must be finite"),
        ({"rtol": np.inf}, ValueError, "rtol must be finite"),
        ({"rtol": -1}, ValueError, "rtol must be >= 0"),
        ({"rtol": "1e-6"}, TypeError, "rtol must be a real number"),
        ({"rtol": None}, TypeError, "rtol must be a real number"),
        ({"atol": np.nan}, ValueError, "atol must be finite"),
        ({"atol": -1e-9}, ValueError, "atol must be >= 0"),
        ({"atol": True}, TypeError, "atol must be a real number"),
        ({"reference": 3}, TypeError, "reference must be a function"),
        ({"name": 3}, TypeError, "name must be a string"),
        ({"shown": "double(x)"}, TypeError, "shown must be a function or None"),
    ],
)
def test_check_function_refuses_bad_arguments_by_name(kwargs, error, words):
    arguments = {"candidate": lambda x: 2 * x, "reference": lambda x: 2 * x, "cases": [1.0],
                 "name": "double", **kwargs}  # fmt: skip
    with pytest.raises(error, match=words):
        checks.check_function(**arguments)


def test_check_function_accepts_cases_as_a_tuple_or_an_array_and_zero_tolerances():
    double = lambda x: 2 * x  # noqa: E731
    assert checks.check_function(double, double, (1.0, 2.0), rtol=0, atol=0)
    assert checks.check_function(double, double, np.arange(3.0), rtol=0.0, atol=0.0)


def test_the_register_refuses_a_malformed_declaration():
    from actlab.checks.registry import Mistake, exercise

    def ref(x):
        return x

    def f(candidate, cases):
        return checks.check_function(candidate, ref, cases)

    def cases():
        return [1.0]

    kw = {"cases": cases, "fresh": lambda rng: [rng.normal()], "concept": "c", "answer": "x"}
    with pytest.raises(ValueError, match=r"exercise\(f\): mistakes is empty"):
        exercise(reference=ref, mistakes=(), **kw)(f)
    with pytest.raises(TypeError, match=r"exercise\(f\): mistakes\[0\] is"):
        exercise(reference=ref, mistakes=("def f(x):\n    return 0\n",), **kw)(f)
    with pytest.raises(ValueError, match=r"mistakes\[0\]\.source does not define f"):
        exercise(reference=ref, mistakes=(Mistake("def g(x):\n    return 0\n", "h"),), **kw)(f)
    with pytest.raises(ValueError, match="status must be one of"):
        exercise(reference=ref, mistakes=(Mistake("def f(x):\n    return 0\n", "h", "bad"),),
                 **kw)(f)  # fmt: skip
    with pytest.raises(TypeError, match="reference must be a function"):
        exercise(reference=None, mistakes=(Mistake("def f(x):\n    return 0\n", "h"),), **kw)(f)
    with pytest.raises(TypeError, match="fresh must be a function"):
        exercise(reference=ref, mistakes=(Mistake("def f(x):\n    return 0\n", "h"),),
                 **{**kw, "fresh": "cases"})(f)  # fmt: skip
    f.__name__ = "layer"  # a second module cannot take a registered name
    with pytest.raises(ValueError, match="actlab.checks.chapter01 already registers layer"):
        exercise(reference=ref, mistakes=(Mistake("def layer(x):\n    return 0\n", "h"),),
                 **kw)(f)  # fmt: skip
    assert checks.exercises()["layer"].check is checks.layer
