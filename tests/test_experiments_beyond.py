"""experiments.layer_moments, swish_relu_gap and dip: chapter 8's measurements, checked on small
cases and against what can be derived, and refusing bad input with a message."""

import numpy as np
import pytest

from actlab import activations, experiments


def test_lecun_normal_has_variance_one_over_fan_in():
    W = experiments.lecun_normal(400, 300, np.random.default_rng(0))
    assert W.shape == (400, 300)
    assert abs(W.var() * 400 - 1) < 0.02 and abs(W.mean()) < 0.005


def test_selu_keeps_mean_zero_and_variance_one_and_relu_does_not():
    selu = experiments.layer_moments("selu", "lecun", depth=20, width=200, n=400, seed=1)
    assert selu.layers.tolist() == list(range(1, 21)) and selu.activation == "selu"
    assert np.abs(selu.mean).max() < 0.1 and np.abs(selu.var - 1).max() < 0.2
    relu = experiments.layer_moments("relu", "lecun", depth=20, width=200, n=400, seed=1)
    assert (relu.mean > 0).all() and relu.var[-1] < 1e-3  # never negative; variance halves
    assert np.all(np.diff(relu.var) < 0)


def test_layer_moments_is_deterministic_and_takes_a_function():
    a, b = (experiments.layer_moments("tanh", depth=3, width=20, n=50, seed=2) for _ in range(2))
    np.testing.assert_array_equal(a.var, b.var)
    c = experiments.layer_moments(np.tanh, depth=3, width=20, n=50, seed=2)
    assert c.activation == "tanh"
    np.testing.assert_allclose(c.var, a.var, rtol=1e-12)


def test_layer_moments_first_layer_matches_a_hand_computation():
    r = experiments.layer_moments("relu", "he", depth=1, width=5, n=7, seed=3)
    rng = np.random.default_rng(3)
    X = rng.standard_normal((7, 5))
    A = np.maximum(X @ rng.normal(0.0, np.sqrt(2 / 5), size=(5, 5)), 0.0)
    np.testing.assert_allclose([r.mean[0], r.var[0]], [A.mean(), A.var()], rtol=1e-12)


@pytest.mark.parametrize(
    ("kw", "error", "words"),
    [
        ({"activation": "softmax"}, ValueError, "vector-valued"),
        ({"activation": "rleu"}, ValueError, "unknown activation"),
        ({"init": "glorot"}, ValueError, "init"),
        ({"depth": 0}, ValueError, "depth"),
        ({"width": 1.5}, TypeError, "width"),
        ({"n": 1, "width": 1}, ValueError, "at least 2 outputs"),
    ],
)
def test_layer_moments_refuses_bad_input(kw, error, words):
    args = {"activation": "selu", **kw}
    with pytest.raises(error, match=words):
        experiments.layer_moments(args.pop("activation"), **args)


def test_swish_gap_shrinks_as_one_over_beta_to_the_constant_of_silu():
    g = experiments.swish_relu_gap([0.5, 3.0, 40.0])
    c = -experiments.dip("swish")[1]  # max_u u sigma(-u) = -min_u u sigma(u) by symmetry
    np.testing.assert_allclose(g.scaled, c, rtol=1e-6)
    np.testing.assert_allclose(np.abs(g.at) * g.betas, 1.2785, atol=2e-3 * 40)
    swish, relu = activations.get("swish"), activations.get("relu")
    x = np.linspace(-5, 5, 1001)
    assert np.abs(swish(x, beta=2.0) - relu(x)).max() <= g.gap[0] / 4 + 1e-12


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        (([0.0],), ValueError, "betas[0]"),
        (([-1.0],), ValueError, "betas[0]"),
        (([],), ValueError, "betas"),
        (([1.0], [[0.0, 1.0]]), ValueError, "1-D grid"),
        (([1.0], [0.0, np.inf]), ValueError, "x"),
    ],
)
def test_swish_gap_refuses_bad_input(args, error, words):
    with pytest.raises(error, match=words.replace("[", r"\[").replace("]", r"\]")):
        experiments.swish_relu_gap(*args)


@pytest.mark.parametrize("beta", [0.5, 1.0, 4.0])
def test_the_dip_of_swish_scales_as_one_over_beta(beta):
    x, y = experiments.dip("swish", lo=-10.0, beta=beta)
    assert isinstance(x, float) and isinstance(y, float)
    assert abs(x * beta + 1.278464542761074) < 1e-7
    assert abs(y * beta + 0.2784645427610738) < 1e-9
    assert abs(activations.get("swish").derivative(np.array([x]), beta=beta)[0]) < 1e-6


def test_the_dips_of_gelu_and_mish():
    x, y = experiments.dip("gelu")
    assert abs(x + 0.7518) < 1e-3 and abs(y + 0.16997) < 1e-4
    x, y = experiments.dip("mish")
    assert abs(x + 1.1924) < 1e-3 and abs(y + 0.30884) < 1e-4


@pytest.mark.parametrize(
    ("kw", "error", "words"),
    [
        ({"lo": 0.0, "hi": -1.0}, ValueError, "lo must be below hi"),
        ({"lo": np.nan}, ValueError, "lo must be finite"),
        ({"tol": 0.0}, ValueError, "tol"),
        ({"lo": "a"}, TypeError, "lo"),
    ],
)
def test_dip_refuses_bad_input(kw, error, words):
    with pytest.raises(error, match=words):
        experiments.dip("swish", **kw)
