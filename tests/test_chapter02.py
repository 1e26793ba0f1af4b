"""Chapter 2 (The step function): its checker tested both ways, what its experiments rely on,
and which run reveals its prediction (the notebook's conventions:
tests/test_chapter_conventions.py)."""

import json
from pathlib import Path

import numpy as np
import pytest

from actlab import activations, checks, data, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "02_step_function.ipynb"
step = activations.get("step")


# --- the checker of ch2-ex-update, both ways ---


def reference(w, x, y, lr):
    return w + lr * (y - step(w @ x)) * x


def test_the_reference_and_an_equivalent_answer_pass():
    assert checks.perceptron_update(reference)

    def with_a_comparison(w, x, y, lr):
        y_hat = 1.0 if w @ x > 0 else 0.0
        return w + lr * (y - y_hat) * x

    assert checks.perceptron_update(with_a_comparison)


def test_the_untouched_stub_is_not_attempted():
    def stub(w, x, y, lr):
        raise NotImplementedError()

    result = checks.perceptron_update(stub)
    assert not result and result.status == "not attempted"
    assert "not attempted yet" in result.message


WRONG = {
    "sign reversed": (lambda w, x, y, lr: w - lr * (y - step(w @ x)) * x, "sign is reversed"),
    "the change only": (lambda w, x, y, lr: lr * (y - step(w @ x)) * x, "that is the change"),
    "no learning rate": (lambda w, x, y, lr: w + (y - step(w @ x)) * x, "learning rate lr"),
    "weighted sum (delta rule)": (
        lambda w, x, y, lr: w + lr * (y - w @ x) * x,
        "uses the weighted sum",
    ),
    "fires at z = 0": (
        lambda w, x, y, lr: w + lr * (y - float(w @ x >= 0)) * x,
        "step(0) = 0",
    ),
    "updates when right": (lambda w, x, y, lr: w + lr * y * x, "changes nothing"),
    "a scalar": (lambda w, x, y, lr: float(w @ x), "new weight vector"),
}


@pytest.mark.parametrize("name", WRONG)
def test_each_known_wrong_answer_fails_with_its_hint(name):
    fn, hint = WRONG[name]
    result = checks.perceptron_update(fn)
    assert not result, name
    assert hint in " ".join(result.message.split()), result.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [("0.5", "returned text"), (True, "True/False"), ([1.0, 2.0, 3.0], "Python list"),
     (None, "returned None")],
)  # fmt: skip
def test_answers_of_the_wrong_type_are_refused(answer, words):
    result = checks.perceptron_update(lambda w, x, y, lr: answer)
    assert not result and words in result.message


def test_the_checker_message_fits_79_columns():
    result = checks.perceptron_update(WRONG["sign reversed"][0])
    assert max(len(line) for line in result.message.splitlines()) <= 79


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
