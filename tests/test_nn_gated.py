"""Vector-valued hidden layers in actlab.nn (issue 21): the gated units (glu, reglu, geglu,
swiglu) and softmax. Gradients of whole networks against finite differences, the width
convention (``sizes`` lists each layer's output width; a gated layer's Dense makes twice that),
what the recorders give for such layers, training, and the errors."""

import numpy as np
import pytest

from actlab import activations, nn

H = 1e-5
GATED = ["glu", "reglu", "geglu", "swiglu"]
SOFT = ["softmax", "log_softmax", "softmin"]
K = {"sigmoid": 1, "softmax": 3, "linear": 2}


def targets(output, n, k, rng):
    if output == "sigmoid":
        return rng.integers(0, 2, size=n)
    if output == "softmax":
        return rng.integers(0, k, size=n)
    return rng.standard_normal((n, k))


def numerical_grads(net, X, y):
    out = []
    for W, b in net.params:
        pair = []
        for p in (W, b):
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + H
                up = net.evaluate(X, y)["loss"]
                p[idx] = old - H
                down = net.evaluate(X, y)["loss"]
                p[idx] = old
                g[idx] = (up - down) / (2 * H)
            pair.append(g)
        out.append(pair)
    return out


def assert_grads_match(net, X, y):
    rng = np.random.default_rng(1)
    net.params = [(W, 0.5 * rng.standard_normal(b.shape)) for W, b in net.params]
    for layer, act in zip(net.forward_trace(X), net.activation, strict=True):
        if act == "reglu":  # the ReLU gate has a kink at 0: keep the gates away from it
            u = layer["A"].shape[1]
            assert np.abs(layer["Z"][:, u:]).min() > 1e-3
    loss, grads = net.loss_and_grads(X, y)
    numerical = numerical_grads(net, X, y)
    for (dW, db), (nW, nb), (W, b) in zip(grads, numerical, net.params, strict=True):
        assert dW.shape == W.shape and db.shape == b.shape
        for g, fd in ((dW, nW), (db, nb)):
            err = np.linalg.norm(g - fd)
            assert err <= 1e-6 * (np.linalg.norm(g) + np.linalg.norm(fd)) + 1e-10, err
    assert np.linalg.norm(grads[0][0]) > 1e-3


@pytest.mark.parametrize("output", ["sigmoid", "softmax", "linear"])
@pytest.mark.parametrize("name", GATED + SOFT)
def test_gradients_of_a_vector_valued_network_match_finite_differences(name, output):
    rng = np.random.default_rng(7)
    k = K[output]
    net = nn.MLP([3, 4, 3, k], activation=name, output=output, seed=11)
    assert_grads_match(net, rng.standard_normal((5, 3)), targets(output, 5, k, rng))


@pytest.mark.parametrize("names", [["swiglu", "softmax"], ["relu", "geglu"], ["glu", "tanh"]])
def test_gradients_with_gated_and_plain_layers_mixed(names):
    rng = np.random.default_rng(3)
    net = nn.MLP([2, 4, 5, 1], activation=names, output="sigmoid", seed=2)
    assert_grads_match(net, rng.standard_normal((6, 2)), targets("sigmoid", 6, 1, rng))


def test_widths_are_outputs_and_a_gated_dense_makes_twice_as_many():
    net = nn.MLP([2, 16, 1], activation="swiglu", output="linear")
    assert [W.shape for W, _ in net.params] == [(2, 32), (16, 1)]
    assert net.n_params == 2 * 32 + 32 + 16 + 1
    plain = nn.MLP([2, 16, 1], activation="relu", output="linear")
    assert plain.n_params == 2 * 16 + 16 + 16 + 1
    deep = nn.MLP([3, 6, 4, 2], activation=["geglu", "softmax"], output="softmax")
    assert [W.shape for W, _ in deep.params] == [(3, 12), (6, 4), (4, 2)]
    assert deep.n_params == sum(W.size + b.size for W, b in deep.params)
    prelu = nn.MLP([2, 5, 1], activation="prelu")
    assert prelu.n_params == 2 * 5 + 5 + 5 + 1 + 5  # the five learned slopes count too
    X = np.random.default_rng(0).standard_normal((7, 3))
    trace = deep.forward_trace(X)
    assert [t["Z"].shape for t in trace] == [(7, 12), (7, 4)]
    assert [t["A"].shape for t in trace] == [(7, 6), (7, 4)]
    np.testing.assert_allclose(trace[1]["A"].sum(axis=1), 1.0)  # softmax rows
    np.testing.assert_allclose(trace[0]["A"], activations.geglu(trace[0]["Z"]))
    signals = deep.backward_signals(X, np.arange(7) % 2)
    assert [s.shape for s in signals] == [(7, 12), (7, 4)]
    assert "VectorActivate('geglu')" in repr(deep.layers)


@pytest.mark.parametrize("name", ["swiglu", "glu", "softmax"])
def test_training_reduces_the_loss_and_records_what_applies(name):
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (200, 2))
    y = (X[:, 0] * X[:, 1])[:, None]
    net = nn.MLP([2, 8, 1], activation=name, output="linear", seed=0)
    h = net.fit(X, y, epochs=40, lr=0.02, optimizer="adam", X_val=X, y_val=y)
    assert h["loss"][-1] < 0.3 * h["loss"][0]
    assert np.isnan(h["dead_fraction"][-1][0])  # no single derivative per unit: not recorded
    assert 0 <= h["zero_fraction"][-1][0] <= 1 and np.isfinite(h["mean_activation"][-1][0])
    assert len(h["grad_norm"][-1]) == 2 and "activation_params" not in h
    again = nn.MLP([2, 8, 1], activation=name, output="linear", seed=0)
    assert again.fit(X, y, epochs=40, lr=0.02, optimizer="adam")["loss"] == h["loss"]


def test_a_gated_unit_fits_a_product_that_relu_of_the_same_width_only_approximates():
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, (256, 2))
    y = (X[:, 0] * X[:, 1])[:, None]
    loss = {}
    for name in ("reglu", "relu"):  # width 2: reglu has 15 parameters (4 pre-activations), relu 9
        net = nn.MLP([2, 2, 1], activation=name, output="linear", seed=3)
        loss[name] = net.fit(X, y, epochs=150, lr=0.02, optimizer="adam")["loss"][-1]
    assert loss["reglu"] < loss["relu"]


def test_activity_penalty_works_through_a_gated_layer():
    from actlab.nn.train import backward_penalised

    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((6, 3)), rng.standard_normal((6, 1))
    net = nn.MLP([3, 4, 1], activation="swiglu", output="linear", seed=1)
    l1 = 0.3

    def penalised():
        penalty = sum(np.abs(t["A"]).sum() for t in net.forward_trace(X)) / 6
        return net.evaluate(X, y)["loss"] + l1 * penalty

    backward_penalised(net, net._head.grad(net._forward(X), y), l1)
    W = net.params[0][0]
    dW = net._dense[0].dW.copy()
    for idx in [(0, 0), (1, 5), (2, 7)]:
        old = W[idx]
        W[idx] = old + H
        up = penalised()
        W[idx] = old - H
        down = penalised()
        W[idx] = old
        assert dW[idx] == pytest.approx((up - down) / (2 * H), rel=1e-5, abs=1e-8)


def test_errors_are_clear():
    with pytest.raises(TypeError, match="MLP: activation 'swiglu' takes no parameters"):
        nn.MLP([2, 4, 1], activation="swiglu", activation_params={"beta": 2.0})
    with pytest.raises(ValueError, match="MLP: unknown activation 'swigl'; did you mean 'swiglu'"):
        nn.MLP([2, 4, 1], activation="swigl")
    net = nn.MLP([2, 4, 1], activation="glu", init="he_prelu")  # inits work (plain He here)
    assert net.params[0][0].shape == (2, 8)
    with pytest.raises(ValueError, match="vector-valued layer learns no parameters"):
        nn.layers.VectorActivate(activations.get("glu"), trained={"a": np.zeros(2)})
