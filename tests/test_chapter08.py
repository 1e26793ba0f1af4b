"""Chapter 8 (beyond sigmoid and ReLU): the facts its prose rests on, and which run reveals its
prediction.

Elsewhere: its checkers in tests/test_checks.py (generated from their known mistakes), its
measurements in tests/test_experiments_beyond.py, its figure helper in
tests/test_plotting_curves.py, the notebook's conventions in
tests/test_chapter_conventions.py, its claims on other seeds in tests/test_claims.py."""

import json
from pathlib import Path

import numpy as np
from _chapters import exercise_kinds

from actlab import activations, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "08_beyond.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {
    "ch8-ex-elu": "code",
    "ch8-ex-elu-grad": "code",
    "ch8-ex-dip": "written",
    "ch8-ex-gate": "written",
}


def _cells():
    return json.loads(CHAPTER.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


# --- what the chapter's prose relies on ---


def test_lecun_constants_map_one_to_one():
    """'f(1) = 1 to five digits ... tanh(2/3) * 1.7159 = 1.0000'."""
    assert abs(1.7159 * np.tanh(2 / 3) - 1) < 5e-5


def test_tanh_slope_is_four_sigmoid_slopes_at_twice_the_input():
    z = np.linspace(-8, 8, 161)
    tanh, sigmoid = activations.get("tanh"), activations.get("sigmoid")
    np.testing.assert_allclose(tanh.derivative(z), 4 * sigmoid.derivative(2 * z), atol=1e-15)


def test_elu_slope_is_never_zero_and_selu_constants():
    """'its slope there is never 0'; SELU's lambda and alpha as the prose rounds them."""
    z = np.array([-700.0, -30.0, -1.0, 0.0, 1.0])
    assert (activations.get("elu").derivative(z) > 0).all()
    selu = activations.get("selu")
    lam = float(selu(np.array([1.0]))[0])
    assert abs(lam - 1.0507) < 1e-4
    assert abs(-float(selu(np.array([-np.inf]))[0]) / lam - 1.6733) < 1e-4


def test_swish_slope_at_zero_is_a_half_and_its_beta_gradient_is_never_negative():
    """'Swish's slope near 0 is 1/2'; 'x^2 sigma(beta x) sigma(-beta x), never negative'."""
    swish = activations.get("swish")
    assert swish.derivative(np.array([0.0]))[0] == 0.5
    x = np.linspace(-30, 30, 601)
    for beta in (0.1, 1.0, 3.0):
        g = swish.param_derivative(x, "beta", beta=beta)
        assert (g >= 0).all()
        np.testing.assert_allclose(
            g, x**2 * activations.get("sigmoid")(beta * x) * activations.get("sigmoid")(-beta * x)
        )


def test_gelu_sigmoid_approximation_is_swish_with_beta_1702():
    x = np.linspace(-5, 5, 101)
    swish, sigmoid = activations.get("swish"), activations.get("sigmoid")
    np.testing.assert_allclose(swish(x, beta=1.702), x * sigmoid(1.702 * x), rtol=1e-12)


def test_nn_learns_one_swish_beta_per_unit_starting_at_one():
    """'actlab.nn learns Swish's beta by back-propagation, one per unit ... starting at 1'."""
    net = nn.MLP([3, 4, 2], activation="swish", output="softmax", seed=0)
    [params] = net.activation_parameters
    np.testing.assert_array_equal(params["beta"], np.ones(4))


# --- the notebook ---


def test_the_opening_names_its_five_questions_as_a_list():
    opening = _text(_cells()[0])
    items = [line for line in opening.splitlines() if line[:2] in {f"{k}." for k in range(1, 6)}]
    assert [line[:5] for line in items] == [f"{k}. **" for k in range(1, 6)], items


def test_the_dip_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = _cells()
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if 'dip("swish", lo=-40.0' in _text(c)]
    assert runs == [ids.index("ch8-ex-dip-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())


def test_the_chapter_links_to_chapter_nine():
    last = _text(_cells()[-1])
    assert "**Next:**" in last and ("09_softmax.md" in last or "09_softmax.ipynb" in last)
