"""Exercise checkers: the reference passes, wrong answers get a useful message, nothing raises."""

import numpy as np
import pytest

from actlab import checks


def neuron_solution(x, w, b, phi):
    return phi(w @ x + b)


def layer_solution(X, W, b, phi):
    return phi(X @ W + b)


def output_floor_solution(y, low, high):
    return np.mean((y - np.clip(y, low, high)) ** 2)


def stub(*args):
    raise NotImplementedError()


def flat(result):
    """The message with its line breaks and indents as single spaces (messages are wrapped at
    79 columns, so a phrase may span two lines)."""
    return " ".join(str(result).split())


SOLUTIONS = [
    (checks.neuron, neuron_solution),
    (checks.layer, layer_solution),
    (checks.output_floor, output_floor_solution),
]


@pytest.mark.parametrize(("checker", "solution"), SOLUTIONS)
def test_reference_solution_passes(checker, solution):
    result = checker(solution)
    assert result
    assert result.status == "passed"
    assert f"passed all {result.n_cases} cases" in flat(result)
    assert result.n_cases >= 4


@pytest.mark.parametrize("checker", [checker for checker, _ in SOLUTIONS])
def test_stub_is_not_attempted(checker):
    result = checker(stub)
    assert not result
    assert result.status == "not attempted"
    assert "not attempted yet" in flat(result)
    assert "Traceback" not in flat(result)


# Known-wrong answers to the neuron exercise: (answer, the hint it should receive).
WRONG_NEURONS = [
    (lambda x, w, b, phi: w @ x + b, "apply the activation"),
    (lambda x, w, b, phi: phi(w @ x), "bias b is missing"),
    (lambda x, w, b, phi: phi(w * x + b), "element by element"),
    (lambda x, w, b, phi: phi(w @ x - b), "added, not subtracted"),
    (lambda x, w, b, phi: phi(w @ x) + b, "inside the activation"),
    (lambda x, w, b, phi: w @ phi(x) + b, "not to each input"),
    (lambda x, w, b, phi: np.full(5, phi(w @ x + b)), "one number"),
    (lambda x, w, b, phi: phi(w @ x + b) + 0.1, "phi(w @ x + b): the weighted sum"),
]


@pytest.mark.parametrize(("answer", "hint"), WRONG_NEURONS)
def test_wrong_neuron_fails_with_input_expected_got_and_hint(answer, hint):
    result = checks.neuron(answer)
    assert not result
    assert result.status == "failed"
    text = str(result)
    assert "neuron(x=" in text and "phi=" in text  # names the failing input
    assert "expected" in text and "got" in text
    assert hint in text


def _floor_gap(y, lo, hi):
    return y - np.clip(y, lo, hi)


WRONG_FLOORS = [
    (lambda y, lo, hi: _floor_gap(y, lo, hi) ** 2, "average over the examples"),
    (lambda y, lo, hi: np.clip(y, lo, hi), "nearest output the model can give"),
    (lambda y, lo, hi: np.mean(np.abs(_floor_gap(y, lo, hi))), "square each gap"),
    (lambda y, lo, hi: np.sqrt(np.mean(_floor_gap(y, lo, hi) ** 2)), "no square root"),
    (lambda y, lo, hi: np.sum(_floor_gap(y, lo, hi) ** 2), "not their sum"),
    (
        lambda y, lo, hi: np.mean(_floor_gap(y, lo, hi)[_floor_gap(y, lo, hi) != 0] ** 2),
        "a target inside [low, high] counts too",
    ),  # fmt: skip
    (lambda y, lo, hi: np.var(y), "variance of y"),
    (lambda y, lo, hi: np.mean((y - np.clip(y, 0, 1)) ** 2), "not 0 and 1"),
    (lambda y, lo, hi: np.mean((y - lo) ** 2), "nearest end"),
    (lambda y, lo, hi: 0.0, "nearest end"),
]


@pytest.mark.parametrize(("answer", "hint"), WRONG_FLOORS)
def test_wrong_output_floor_fails_with_hint(answer, hint):
    result = checks.output_floor(answer)
    assert result.status == "failed"
    assert "output_floor(y=" in flat(result) and "low=" in flat(result)
    assert hint in flat(result)


@pytest.mark.parametrize(("answer", "hint"), WRONG_FLOORS[:-3])
def test_common_wrong_floors_already_fail_the_first_case(answer, hint):
    """The first case's floor is not 0 and matches none of the common wrong formulas, so a
    wrong answer cannot pass it by luck (as it could when the first answer was 0)."""
    assert checks.output_floor(answer).message.startswith("output_floor failed case 1 of")


WRONG_LAYERS = [
    (lambda X, W, b, phi: X @ W + b, "apply the activation"),
    (lambda X, W, b, phi: phi(X @ W), "bias b is missing"),
    (lambda X, W, b, phi: phi(X @ W - b), "added, not subtracted"),
    (lambda X, W, b, phi: phi(X @ W) + b, "inside the activation"),
    (lambda X, W, b, phi: phi(X @ W + b).T, "transposed"),
    (lambda X, W, b, phi: phi(X @ W + b).sum(axis=1), "one row per example"),
    (lambda X, W, b, phi: phi(X @ W + b) * 1.5, "b added to every row"),
]


@pytest.mark.parametrize(("answer", "hint"), WRONG_LAYERS)
def test_wrong_layer_fails_with_hint(answer, hint):
    result = checks.layer(answer)
    assert result.status == "failed"
    assert "layer(X=" in flat(result)
    assert hint in flat(result)


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


@pytest.mark.parametrize(
    "answer",
    [
        lambda x, w, b, phi: float(phi(w @ x + b)),  # a Python float
        lambda x, w, b, phi: np.float32(phi(w @ x + b)),  # a NumPy scalar of another width
        lambda x, w, b, phi: np.asarray(phi(w @ x + b)),  # a 0-d array
    ],
)
def test_numbers_of_every_numeric_kind_pass(answer):
    assert checks.neuron(answer), str(checks.neuron(answer))


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


def test_wrong_shape_is_reported():
    result = checks.layer(lambda X, W, b, phi: phi(X @ W + b).T)
    assert result.status == "failed"
    assert "expected shape (2, 3), got shape (3, 2)" in flat(result)
    assert "transposed" in flat(result)


def test_layer_missing_bias_names_the_failing_case():
    result = checks.layer(lambda X, W, b, phi: phi(X @ W))
    # Case 1 has a zero bias, so the first failure is case 2.
    assert "failed case 2 of" in flat(result)
    assert "b=" in flat(result) and "bias b is missing" in flat(result)


def test_exception_is_reported_with_the_input():
    result = checks.layer(lambda X, W, b, phi: W @ X + b)
    assert not result
    assert result.status == "error"
    text = str(result)
    assert "raised ValueError on case 1" in text
    assert "layer(X=" in text
    assert "X @ W + b has shape (2, 3)" in text  # the hint explains the shapes


def test_missing_return_and_non_numeric_results():
    def no_return(x, w, b, phi):
        phi(w @ x + b)

    assert "return" in str(checks.neuron(no_return))
    assert "not a number" in str(checks.neuron(lambda x, w, b, phi: "one"))
    assert "not a number" in str(checks.neuron(lambda x, w, b, phi: object()))


def test_not_a_function():
    result = checks.neuron(3)
    assert result.status == "failed"
    assert "expected a function, got int" in flat(result)


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


@pytest.mark.parametrize(
    ("checker", "answer"),
    [(checks.neuron, a) for a, _ in WRONG_NEURONS + WRONG_TYPES]
    + [(checks.layer, a) for a, _ in WRONG_LAYERS]
    + [(checks.output_floor, a) for a, _ in WRONG_FLOORS]
    + [(checks.layer, stub), (checks.layer, lambda X, W, b, phi: W @ X + b)],
)
def test_messages_fit_in_79_columns(checker, answer):
    result = checker(answer)
    assert not result
    long = [line for line in str(result).splitlines() if len(line) > 79]
    assert not long, long
