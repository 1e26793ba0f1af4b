"""actlab.experiments.output_goal: chapter 1's experiment over seeds, against a direct run."""

import re

import numpy as np
import pytest

from actlab import data, experiments, nn
from actlab.experiments.goals import SCORES, base_rate, one_seed


def direct(seed, epochs):
    """The chapter's single run written out (as the notebook does it), for a few scores."""
    X, h = data.sine(n=200, noise=0.1, seed=seed)
    X_train, h_train, X_test, h_test = data.split(X, h, fractions=(0.75, 0.25), seed=seed)
    y_train, y_test = (h_train > 0.5).astype(float), (h_test > 0.5).astype(float)

    def fit(output, y, hidden="tanh"):
        net = nn.MLP([1, 16, 1], activation=hidden, output=output, init="xavier", seed=seed)
        net.fit(X_train, y, epochs=epochs, lr=0.03, batch_size=32, optimizer="adam")
        return net.predict(X_test).ravel()

    p = fit("sigmoid", y_train)
    v_flat = fit("linear", h_train, hidden="linear")
    majority = max(np.mean(y_test == 0), np.mean(y_test == 1))  # NOT what base_rate does
    return {
        "accuracy, sigmoid output": np.mean((p > 0.5) == y_test),
        "Brier, sigmoid output": np.mean((p - y_test) ** 2),
        "MSE, linear hidden units": np.mean((v_flat - h_test) ** 2),
        "MSE, true profile": np.mean((np.sin(X_test.ravel()) - h_test) ** 2),
        "floor, any sigmoid output": np.mean(np.minimum(h_test, 0) ** 2
                                             + np.maximum(h_test - 1, 0) ** 2),
        "test majority": majority,
    }  # fmt: skip


@pytest.mark.parametrize("seed", [0, 3])
def test_one_seed_matches_the_chapter_run_written_out(seed):
    got, want = one_seed(seed, epochs=10), direct(seed, epochs=10)
    assert list(got) == list(SCORES)
    for key in ["accuracy, sigmoid output", "Brier, sigmoid output", "MSE, linear hidden units",
                "MSE, true profile", "floor, any sigmoid output"]:  # fmt: skip
        assert got[key] == pytest.approx(want[key], rel=1e-12), key
    assert 0 < got["floor, any sigmoid output"] and 0 < got["MSE, true profile"] < 0.02


def test_output_goal_collects_one_value_per_seed_and_is_deterministic():
    runs = experiments.output_goal([2, 0], epochs=3)
    again = experiments.output_goal([2, 0], epochs=3)
    assert runs.seeds == [2, 0] and set(runs.scores) == set(SCORES)
    for key in SCORES:
        assert runs.scores[key].shape == (2,)
        np.testing.assert_array_equal(runs.scores[key], again.scores[key])
    assert runs.scores["base rate"][1] == pytest.approx(one_seed(0, epochs=3)["base rate"])


def test_base_rate_takes_the_answer_from_the_training_labels():
    train = np.array([1.0, 1.0, 0.0])  # "yes" is commoner in training
    test = np.array([0.0, 0.0, 0.0, 1.0])  # but "no" in the test set
    assert base_rate(train, test) == 0.25  # the oracle would score 0.75
    assert base_rate(np.array([0.0, 0.0, 1.0]), test) == 0.75


def test_table_lines_fit_and_comparisons_count_seeds():
    runs = experiments.output_goal([0, 1, 2], epochs=3)
    text = runs.table()
    assert all(len(line) <= 79 for line in text.splitlines()), text
    assert text.startswith("over 3 seeds, smallest to largest:")
    for key in SCORES:
        assert key in text
    assert not re.search(r"-0\.0+%?(?![0-9])", text), text  # no negative zero
    ratios, wins, n = runs.comparisons()
    assert n == 3 and all(0 <= c <= 3 for c in wins.values())
    lo, hi = ratios["MSE, linear hidden units"]
    r = runs.scores["MSE, linear hidden units"] / runs.scores["MSE, tanh hidden units"]
    assert (lo, hi) == (r.min(), r.max())
    brier = runs.scores["Brier, sigmoid output"] < runs.scores["Brier, linear output clipped"]
    assert wins["the sigmoid output's Brier is lower"] == brier.sum()
    assert runs.table(["base rate"]).count("\n") == 1  # one score line, no comparisons
    assert runs.table("base rate") == runs.table(["base rate"])  # one name, not its letters
    with pytest.raises(ValueError, match=r"GoalRuns.table: unknown score\(s\) \['base'\]"):
        runs.table(["base"])
    with pytest.raises(TypeError, match=r"GoalRuns.table: names\[0\] is 3"):
        runs.table([3])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seeds": []}, ValueError, "at least one integer seed"),
        ({"seeds": [None]}, ValueError, "at least one integer seed"),
        ({"seeds": [-1]}, ValueError, "seed must be None or a non-negative"),
        ({"seeds": 5}, TypeError, "seeds must list integer seeds"),
        ({"seeds": [0], "epochs": 0}, ValueError, "epochs"),
        ({"seeds": [0], "noise": -0.1}, ValueError, "noise"),
        ({"seeds": ["a"]}, TypeError, "output_goal: seed must be None or a non-negative"),
        ({"seeds": [0.0]}, TypeError, r"output_goal: seed must be .*\(float\)"),
    ],
)
def test_bad_input_is_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        experiments.output_goal(**kwargs)
