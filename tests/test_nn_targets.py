"""A sigmoid output takes any target in [0, 1] (binary cross-entropy is defined there) and
refuses targets outside it with a message that says what and why."""

import numpy as np
import pytest

from actlab import nn
from actlab.nn.outputs import OUTPUTS

X = np.linspace(-1.0, 1.0, 8)[:, None]


@pytest.mark.parametrize("target", [0.0, 0.3, 0.5, 1.0])
def test_sigmoid_output_learns_a_soft_target(target):
    net = nn.MLP([1, 1], output="sigmoid", seed=0)
    history = net.fit(X, np.full(8, target), epochs=300, lr=0.5, batch_size=None)
    assert np.allclose(net.predict(X), target, atol=0.02)
    assert np.isfinite(history["loss"]).all()


def test_soft_targets_score_accuracy_by_the_nearer_label():
    net = nn.MLP([1, 1], output="sigmoid", seed=0)
    net.fit(X, np.full(8, 0.8), epochs=300, lr=0.5, batch_size=None)
    assert net.evaluate(X, np.full(8, 0.9))["accuracy"] == 1.0
    assert net.evaluate(X, np.full(8, 0.1))["accuracy"] == 0.0


@pytest.mark.parametrize("bad", [1.5, -0.2, 2.0])
def test_sigmoid_output_refuses_targets_outside_0_1(bad):
    net = nn.MLP([1, 1], output="sigmoid", seed=0)
    y = np.array([0.0, 1.0, 0.5, bad, 0.0, 1.0, 0.2, 0.9])
    with pytest.raises(ValueError) as info:
        net.fit(X, y, epochs=1)
    message = str(info.value)
    assert "y must lie in [0, 1] for output='sigmoid'" in message
    assert f"1 value(s) outside it, such as {bad:g}" in message
    assert "no minimum" in message and "output='linear'" in message


def test_the_reason_bce_has_no_minimum_outside_0_1():
    """The message's reason, checked: with y = 2 the loss keeps falling as the logit grows,
    while with y = 0.3 it has its minimum where the output is 0.3."""
    head = OUTPUTS["sigmoid"]
    z = np.array([0.0, 5.0, 50.0, 500.0])
    losses = [head.loss(np.array([[v]]), np.array([[2.0]])) for v in z]
    assert np.all(np.diff(losses) < 0) and losses[-1] < -400
    grid = np.linspace(-5.0, 5.0, 2001)
    inside = [head.loss(np.array([[v]]), np.array([[0.3]])) for v in grid]
    best = 1.0 / (1.0 + np.exp(-grid[int(np.argmin(inside))]))
    assert best == pytest.approx(0.3, abs=1e-3)
