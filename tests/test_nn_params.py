"""Learned activation parameters (PReLU's alpha, Swish's beta) and every init, in actlab.nn.

Gradients in the learned parameters, one per unit or one per layer, are checked against central
differences of the loss with the helpers of test_nn.py; training must move them, record them and
keep runs reproducible; bad arguments get messages that name the problem.
"""

import numpy as np
import pytest
from test_nn import assert_grads_match, central_difference, targets

from actlab import data, nn

OUTPUTS = {"sigmoid": 1, "softmax": 3, "linear": 2}


def numerical_activation_grads(net, X, y):
    """Central differences of the mean loss in each learned activation parameter."""
    return [
        {name: central_difference(net, X, y, value) for name, value in layer.items()}
        for layer in net.activation_parameters
    ]


def assert_activation_grads_match(net, X, y):
    net.loss_and_grads(X, y)
    got, want = net.activation_parameter_grads(), numerical_activation_grads(net, X, y)
    assert [sorted(g) for g in got] == [sorted(w) for w in want]
    checked = 0
    for layer_got, layer_want in zip(got, want, strict=True):
        for name in layer_got:
            g, fd = layer_got[name], layer_want[name]
            assert g.shape == fd.shape
            assert np.linalg.norm(g - fd) <= 1e-6 * (np.linalg.norm(g) + np.linalg.norm(fd)) + 1e-10
            checked += np.count_nonzero(g)
    assert checked > 0  # some gradient was not zero, so the comparison meant something


@pytest.mark.parametrize("sharing", ["unit", "layer"])
@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("name, start", [("prelu", {"alpha": 0.3}), ("swish", {"beta": 1.5})])
def test_learned_parameters_gradients_match_finite_differences(name, start, output, sharing):
    rng = np.random.default_rng(4)
    k = OUTPUTS[output]
    net = nn.MLP([3, 4, 3, k], activation=name, output=output, activation_params=start,
                 activation_param_sharing=sharing, seed=3)  # fmt: skip
    name = next(iter(start))
    shapes = [(4,), (3,)] if sharing == "unit" else [(), ()]
    assert [p[name].shape for p in net.activation_parameters] == shapes
    X, y = rng.standard_normal((6, 3)), targets(output, 6, k, rng)
    assert_grads_match(net, X, y)  # the weights' gradients, with the parameters in place
    assert_activation_grads_match(net, X, y)


def test_learned_parameters_per_unit_and_mixed_layers():
    rng = np.random.default_rng(8)
    alpha = np.array([0.1, -0.2, 0.7, 1.5])
    net = nn.MLP([2, 4, 3, 2, 1], activation=["prelu", "swish", "tanh"], output="linear",
                 activation_params=[{"alpha": alpha}, {}, {}],
                 activation_param_sharing=["unit", "layer", "unit"], seed=1)  # fmt: skip
    learned = net.activation_parameters
    assert np.array_equal(learned[0]["alpha"], alpha) and learned[0]["alpha"] is not alpha
    assert learned[1]["beta"].shape == () and learned[1]["beta"] == 1.0 and learned[2] == {}
    X, y = rng.standard_normal((7, 2)), rng.standard_normal(7)
    assert_grads_match(net, X, y)
    assert_activation_grads_match(net, X, y)


@pytest.mark.parametrize("init", sorted(nn.INITS))
@pytest.mark.parametrize("name", ["tanh", "prelu", "swish"])
def test_gradients_for_every_init(name, init):
    rng = np.random.default_rng(2)
    kw = {"init_scale": 0.7} if init in ("normal", "uniform") else {}
    net = nn.MLP([3, 5, 4, 3], activation=name, output="softmax", init=init, seed=6, **kw)
    X, y = rng.standard_normal((6, 3)), targets("softmax", 6, 3, rng)
    assert_grads_match(net, X, y)
    if name != "tanh":
        assert_activation_grads_match(net, X, y)


def test_trained_alpha_moves_and_is_recorded():
    X, y = data.moons(200, noise=0.1, seed=0)
    net = nn.MLP([2, 8, 8, 1], activation="prelu", init="he_prelu", seed=0)
    start = [p["alpha"].copy() for p in net.activation_parameters]
    h = net.fit(X, y, epochs=30, lr=0.01, optimizer="adam")
    record = h["activation_params"]
    assert len(record) == 30 and all(len(epoch) == 2 for epoch in record)
    assert all(epoch[1]["alpha"].shape == (8,) for epoch in record)
    now = net.activation_parameters
    for i in range(2):
        assert np.array_equal(record[-1][i]["alpha"], now[i]["alpha"])
        assert record[-1][i]["alpha"] is not now[i]["alpha"]  # a copy
        assert np.max(np.abs(now[i]["alpha"] - start[i])) > 0.05  # it really moved
        assert not np.array_equal(record[0][i]["alpha"], record[-1][i]["alpha"])
    now[0]["alpha"][:] = 9.0  # the network's own array ...
    assert np.all(net.activation_parameters[0]["alpha"] == 9.0)
    assert not np.any(record[-1][0]["alpha"] == 9.0)  # ... not the history's


@pytest.mark.parametrize("optimizer, kw", [("sgd", {"momentum": 0.9}), ("adam", {})])
def test_layer_shared_beta_moves_with_either_optimizer(optimizer, kw):
    X, y = data.moons(100, noise=0.1, seed=1)
    net = nn.MLP([2, 6, 1], activation="swish", activation_param_sharing="layer", seed=0)
    h = net.fit(X, y, epochs=20, lr=0.05, optimizer=optimizer, **kw)
    betas = [epoch[0]["beta"] for epoch in h["activation_params"]]
    assert all(b.shape == () for b in betas) and betas[-1] != 1.0
    assert net.activation_parameter_grads()[0]["beta"].shape == ()


def test_fixed_when_told_not_to_learn():
    X, y = data.moons(100, noise=0.1, seed=1)
    net = nn.MLP([2, 6, 1], activation="prelu", train_activation_params=False, seed=0)
    h = net.fit(X, y, epochs=5)
    assert "activation_params" not in h and net.activation_parameters == [{}]
    assert net.layers[1].kwargs == {}
    same = nn.MLP([2, 6, 1], activation="leaky_relu", activation_params={"alpha": 0.25}, seed=0)
    assert same.fit(X, y, epochs=5)["loss"] == h["loss"]  # a fixed prelu is a leaky ReLU


def test_learning_alpha_changes_training_and_is_reproducible():
    X, y = data.moons(100, noise=0.1, seed=1)

    def run(train):
        net = nn.MLP([2, 6, 1], activation="prelu", train_activation_params=train, seed=0)
        return net.fit(X, y, epochs=10, lr=0.05, optimizer="adam")

    learned, fixed = run(True), run(False)
    assert learned["loss"] != fixed["loss"]
    again = run(True)
    assert again["loss"] == learned["loss"]
    assert all(
        np.array_equal(a[0]["alpha"], b[0]["alpha"])
        for a, b in zip(again["activation_params"], learned["activation_params"], strict=True)
    )


def test_divergence_of_a_learned_parameter_stops_training_with_a_warning():
    # Huge targets: within the first epoch a slope becomes inf or NaN, which prelu would refuse
    # (a ValueError); fit stops at the end of that epoch, recording NaN, and warns instead.
    # (Targets of 1e100: the loss before training, about 1e199, is still finite; at 1e200 fit
    # refuses them before training, test_nn.py's test_huge_inputs_...)
    X, y = data.sine(50, seed=0)
    net = nn.MLP([1, 8, 8, 1], activation="prelu", output="linear", seed=0)
    with pytest.warns(RuntimeWarning, match="loss became nan at epoch 1"):
        h = net.fit(X, y * 1e100, epochs=50, lr=1.0, batch_size=10)
    assert {len(v) for v in h.values()} == {1}  # every key has the epoch
    assert np.isnan(h["loss"][0]) and np.isnan(h["grad_norm"][0]).all()
    assert not all(np.isfinite(p["alpha"]).all() for p in net.activation_parameters)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"activation_param_sharing": "channel"}, ValueError, "unknown activation_param_sharing"),
        ({"activation_param_sharing": ["unit"] * 2}, ValueError, "2 entries for 1 hidden"),
        ({"train_activation_params": "yes"}, TypeError, "train_activation_params must be a bool"),
        ({"activation_param_sharing": "layer", "activation_params": {"alpha": np.ones(3)}},
         ValueError, "must be a number, got an array of shape"),
        ({"activation_params": {"alpha": np.ones(4)}}, ValueError, "does not broadcast"),
        ({"activation_params": {"alpha": np.nan}}, ValueError, "alpha must be finite"),
        ({"init": "xavier", "init_scale": 0.1}, ValueError, "init_scale is for init='normal'"),
        ({"init": "he", "init_slope": 0.1}, ValueError, "init_slope is for init='he_prelu'"),
        ({"init": "normal", "init_scale": 0}, ValueError, "init_scale must be > 0"),
        ({"init": "uniform", "init_scale": "big"}, TypeError, "init_scale must be a real number"),
        ({"init": "he_prelu", "init_slope": np.inf}, ValueError, "init_slope must be finite"),
        ({"init": "he_prelu", "activation_params": {"alpha": np.ones(3)}}, ValueError,
         "needs one slope per layer"),
    ],
)  # fmt: skip
def test_bad_arguments_are_refused(kwargs, error, match):
    kwargs = {"activation": "prelu", **kwargs}
    with pytest.raises(error, match=match):
        nn.MLP([2, 3, 1], **kwargs)
