"""Chapter 9 (softmax): the facts its prose rests on, and which run reveals its prediction.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), its
measurements in tests/test_experiments_softmax.py, its figure helpers in
tests/test_plotting_classes.py, the notebook's conventions in
tests/test_chapter_conventions.py, its claims on other seeds in tests/test_claims.py."""

import json
from pathlib import Path

import numpy as np
from _chapters import exercise_kinds

from actlab import activations, checks, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "09_softmax.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {
    "ch9-ex-logsoftmax": "code",
    "ch9-ex-two-class": "written",
    "ch9-ex-gradient": "written",
}
softmax, log_softmax = activations.get("softmax"), activations.get("log_softmax")


def _cells():
    return json.loads(CHAPTER.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


# --- what the chapter's prose relies on ---


def test_exp_overflows_above_709_in_float64_and_above_88_in_float32():
    """'e^z overflows to inf for z above about 709.78'; 'in float32 ... above 88.7'."""
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(709.78)) and np.isinf(np.exp(709.79))
        assert np.isfinite(np.exp(np.float32(88.7))) and np.isinf(np.exp(np.float32(88.8)))


def test_log_softmax_keeps_a_far_score_finite():
    """'The class with score -1000 has log-probability about -1005'."""
    out = log_softmax(np.array([0.0, -1000.0, 5.0]))
    assert abs(out[1] + 1005.0067) < 1e-3 and np.isfinite(out).all()


def test_two_class_temperature_values_of_the_prediction_exercise():
    """The solution's sigma(2 / T) values, to two decimals, and the slope 1/(4T) at 0."""
    z = np.array([3.0, 1.0])
    got = [round(float(softmax(z / T)[0]), 2) for T in (0.5, 1.0, 2.0, 10.0)]
    assert got == [0.98, 0.88, 0.73, 0.55]
    sigmoid = activations.get("sigmoid")
    assert sigmoid.derivative(0.0) / 2.0 == 1 / (4 * 2.0)  # d/dd sigma(d / T) at 0, T = 2


def test_vector_jacobian_product_equals_the_jacobian_route():
    rng = np.random.default_rng(0)
    z, g = rng.normal(size=(2, 4, 7))
    np.testing.assert_allclose(
        np.einsum("ri,rij->rj", g, softmax.derivative(z)), softmax.vjp(z, g), atol=1e-15
    )


def test_nn_takes_a_softmax_hidden_layer():
    """'actlab.nn accepts it there'."""
    net = nn.MLP([2, 5, 3], activation="softmax", output="softmax", seed=0)
    A = net.layers[1].forward(net.layers[0].forward(np.ones((4, 2))))
    np.testing.assert_allclose(A.sum(axis=1), 1.0)


def test_the_checker_passes_the_solution_in_the_notebook():
    cells = _cells()
    [answer] = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id")
                == "ch9-ex-logsoftmax-answer"]  # fmt: skip
    scope = {"np": np}
    exec(_text(answer), scope)  # noqa: S102 - the chapter's own answer
    assert checks.log_softmax(scope["log_softmax"])


# --- the notebook ---


def test_the_opening_names_its_five_questions_as_a_list():
    opening = _text(_cells()[0])
    items = [line for line in opening.splitlines() if line[:2] in {f"{k}." for k in range(1, 6)}]
    assert [line[:5] for line in items] == [f"{k}. **" for k in range(1, 6)], items


def test_the_two_class_prediction_is_revealed_by_its_run():
    cells = _cells()
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if "sigmoid((z[0] - z[1]) / T)" in _text(c)]
    assert runs == [ids.index("ch9-ex-two-class-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())


def test_the_chapter_links_to_chapter_ten():
    last = _text(_cells()[-1])
    assert "**Next:**" in last and "10_choosing.ipynb" in last


def test_the_chapter_has_one_temperature_explorer_of_about_fifteen_frames():
    [cell] = [c for c in _cells() if "\nexplorer(" in _text(c)]
    line = _text(cell).split("TEMPERATURES = (", 1)[1].split(")", 1)[0]
    assert 10 <= len(line.split(",")) <= 20
    assert "hide-input" in cell["metadata"]["tags"]
