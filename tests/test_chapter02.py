"""Chapter 2 (The step function): what its experiments rely on,
and which run reveals its prediction.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), its figure
helpers in tests/test_plotting_*.py, the notebook's conventions in
tests/test_chapter_conventions.py."""

import json
from pathlib import Path

import numpy as np
from _chapters import exercise_kinds

from actlab import activations, data, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "02_step_function.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {
    "ch2-ex-update": "code",
    "ch2-ex-converge": "written",
    "ch2-ex-zero": "written",
}
step = activations.get("step")


# --- what the chapter's experiments rely on ---


def test_the_gradient_through_a_step_hidden_layer_is_exactly_zero():
    X, y = data.xor(n=50, noise=0.2, seed=1)
    net = nn.MLP([2, 8, 1], activation="step", output="sigmoid", seed=1)
    _, grads = net.loss_and_grads(X, y)
    assert np.all(grads[0][0] == 0) and np.all(grads[0][1] == 0)
    assert np.abs(grads[1][0]).max() > 0  # the output layer does get a gradient
    W = net.params[0][0].copy()
    net.fit(X, y, epochs=5, lr=0.1, batch_size=None, optimizer="adam")
    np.testing.assert_array_equal(net.params[0][0], W)


def test_step_is_0_at_0_as_the_chapter_says():
    assert step(0.0) == 0.0 and step(-0.0) == 0.0 and step(1e-300) == 1.0


# --- the notebook's exercises ---


def _text(cell):
    return "".join(cell["source"])


def test_the_will_it_settle_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if "tasks = {" in _text(c)]
    assert runs == [ids.index("ch2-ex-converge-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())


# --- the perceptron-update checker (its known mistakes: tests/test_checks.py) ---


def test_fresh_cases_reach_the_hints_for_heaviside_and_the_bias_updated_twice():
    """Graded on fresh cases, np.heaviside(z, 0.5) and a second bias update still fail: each
    fresh set has an input with w @ x == 0 and one whose answer is wrong."""
    from actlab import checks
    from actlab.checks import chapter02

    for seed in range(5):
        cases = chapter02._update_fresh(np.random.default_rng(seed))
        assert any(w @ x == 0 for w, x, _, _ in cases)
        assert any(step(w @ x) != y for w, x, y, _ in cases)
    ex = checks.exercises()["perceptron_update"]
    for mistake in ex.mistakes:
        if "heaviside" in mistake.source or "the bias again" in mistake.source:
            cases = chapter02._update_fresh(np.random.default_rng(11))
            assert not ex.judge(ex.compile(mistake.source), cases)
