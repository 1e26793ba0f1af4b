"""Chapter 1 (What an activation function does): what its experiment relies on, and which run
reveals its prediction (the notebook's conventions: tests/test_chapter_conventions.py).

The chapter says that the networks it compares start from the same weights and that every
run gives the same numbers; those checks live here rather than in the reader's view.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from _chapters import exercise_kinds

from actlab import data, nn

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "01_what_activations_do.ipynb"
# The chapter's exercises, in order (their markup: tests/test_chapter_conventions.py).
EXERCISES = {
    "ch1-ex-layer": "code",
    "ch1-ex-floor": "code",
    "ch1-ex-far": "written",
    "ch1-ex-rescale": "written",
}


def make_network(output, hidden="tanh", seed=0):  # as in the chapter
    return nn.MLP([1, 16, 1], activation=hidden, output=output, init="xavier", seed=seed)


def trained(output, X, y, hidden="tanh", seed=0):  # as in the chapter
    net = make_network(output, hidden, seed)
    net.fit(X, y, epochs=100, lr=0.03, batch_size=32, optimizer="adam")
    return net


def chapter_data(seed):
    X, height = data.sine(n=200, noise=0.1, seed=seed)
    return data.split(X, height, fractions=(0.75, 0.25), seed=seed)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sigmoid_and_linear_output_networks_start_from_the_same_weights(seed):
    sig, lin = make_network("sigmoid", seed=seed), make_network("linear", seed=seed)
    for (W1, b1), (W2, b2) in zip(sig.params, lin.params, strict=True):
        np.testing.assert_array_equal(W1, W2)
        np.testing.assert_array_equal(b1, b2)
    other = make_network("sigmoid", seed=seed + 1)
    assert not np.array_equal(sig.params[0][0], other.params[0][0])


@pytest.mark.parametrize("output", ["sigmoid", "linear"])
def test_the_chapter_experiment_is_deterministic(output):
    X_train, h_train, X_test, _ = chapter_data(0)
    y = (h_train > 0.5).astype(float) if output == "sigmoid" else h_train
    first = trained(output, X_train, y).predict(X_test)
    second = trained(output, X_train, y).predict(X_test)
    np.testing.assert_array_equal(first, second)


def test_the_regression_targets_leave_0_1_so_a_sigmoid_output_is_refused():
    X_train, h_train, _, _ = chapter_data(0)
    assert (h_train < 0).any() and (h_train > 1).any()
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\] for output='sigmoid'"):
        make_network("sigmoid").fit(X_train, h_train, epochs=1)


def _text(cell):
    return "".join(cell["source"])


def test_the_far_from_the_data_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if "far = np.array" in _text(c)]
    assert runs == [ids.index("ch1-ex-far-answer") + 1], runs


def test_the_chapter_has_its_exercises_in_order():
    assert list(exercise_kinds(CHAPTER).items()) == list(EXERCISES.items())
