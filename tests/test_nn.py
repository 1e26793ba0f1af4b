"""Tests of actlab.nn: gradients against finite differences, training, determinism, errors."""

import dataclasses
import warnings

import numpy as np
import pytest

from actlab import activations, data, nn
from actlab.nn.optim import SGD, Adam
from actlab.nn.outputs import OUTPUTS

PER_LAYER = ["grad_norm", "mean_activation", "zero_fraction", "dead_fraction"]
H = 1e-5  # finite-difference step: truncation ~H**2, rounding ~1e-16/H, both far below 1e-6

VECTOR_VALUED = [n for n in activations.names() if activations.get(n).vector_valued]
# step: its derivative is 0 wherever it exists, so a finite-difference check would compare zeros
# with zeros and prove nothing; test_step_passes_no_gradient checks that zero signal instead.
NOT_CHECKED = {"step": "derivative is zero almost everywhere (see test_step_passes_no_gradient)"}
HIDDEN = [n for n in activations.names() if n not in VECTOR_VALUED and n not in NOT_CHECKED]


def targets(output, n, k, rng):
    if output == "sigmoid":
        return rng.integers(0, 2, size=n)
    if output == "softmax":
        return rng.integers(0, k, size=n)
    return rng.standard_normal((n, k))


def central_difference(net, X, y, p):
    """Central differences of the mean loss in every entry of the array ``p``, changed in place."""
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]
        p[idx] = old + H
        up = net.evaluate(X, y)["loss"]
        p[idx] = old - H
        down = net.evaluate(X, y)["loss"]
        p[idx] = old
        g[idx] = (up - down) / (2 * H)
    return g


def numerical_grads(net, X, y):
    """Central differences of the mean loss, one parameter at a time, in the shape of params."""
    return [[central_difference(net, X, y, p) for p in (W, b)] for W, b in net.params]


def current_params(net):
    """Each hidden layer's activation parameters as they are now: fixed ones and learned ones."""
    learned = net.activation_parameters
    return [{**kw, **{k: learned[i][k] for k in learned[i]}} for i, kw in
            enumerate(net.activation_params)]  # fmt: skip


def assert_away_from_kinks(net, X):
    """Every hidden pre-activation must lie where its activation is smooth at the scale of H."""
    A, hidden = X, zip(net.activation, current_params(net), strict=True)
    for (W, b), (name, kw) in zip(net.params[:-1], hidden, strict=True):
        act = activations.get(name)
        Z = A @ W + b
        slope = (act(Z + H, **kw) - act(Z - H, **kw)) / (2 * H)
        assert np.allclose(slope, act.derivative(Z, **kw), rtol=1e-5, atol=1e-8), (
            f"a pre-activation of {name} lies near a kink: pick other inputs"
        )
        A = act(Z, **kw)


def assert_grads_match(net, X, y):
    rng = np.random.default_rng(1)  # nonzero biases: no pre-activation sits exactly on 0
    net.params = [(W, 0.5 * rng.standard_normal(b.shape)) for W, b in net.params]
    assert_away_from_kinks(net, X)
    loss, grads = net.loss_and_grads(X, y)
    assert loss == net.evaluate(X, y)["loss"]
    numerical = numerical_grads(net, X, y)
    for (dW, db), (nW, nb), (W, b) in zip(grads, numerical, net.params, strict=True):
        assert dW.shape == W.shape and db.shape == b.shape
        for g, fd in ((dW, nW), (db, nb)):
            err = np.linalg.norm(g - fd)
            assert err <= 1e-6 * (np.linalg.norm(g) + np.linalg.norm(fd)) + 1e-10, err
    assert np.linalg.norm(grads[0][0]) > 1e-3  # a real gradient reached the first layer


def test_registry_has_hidden_activations_to_check():
    assert len(HIDDEN) >= 5 and VECTOR_VALUED
    assert set(NOT_CHECKED) <= set(activations.names())


@pytest.mark.parametrize("init", ["xavier", "he"])
@pytest.mark.parametrize("output", ["sigmoid", "softmax", "linear"])
@pytest.mark.parametrize("name", HIDDEN)
def test_gradients_match_finite_differences(name, output, init):
    rng = np.random.default_rng(7)
    k = {"sigmoid": 1, "softmax": 3, "linear": 2}[output]
    net = nn.MLP([3, 4, 3, k], activation=name, output=output, init=init, seed=11)
    assert_grads_match(net, rng.standard_normal((5, 3)), targets(output, 5, k, rng))


@pytest.mark.parametrize("output", ["sigmoid", "linear"])
def test_gradients_with_mixed_activations_and_params(output):
    rng = np.random.default_rng(3)
    names = [n for n in ("tanh", "leaky_relu", "elu") if n in activations.names()]
    params = [{"alpha": 0.3} if n != "tanh" else {} for n in names]
    sizes = [2, *[4] * len(names), 1]
    net = nn.MLP(sizes, activation=names, activation_params=params, output=output, seed=2)
    assert [layer.kwargs for layer in net.layers[1::2]] == params
    assert net.activation_parameters == [{}, {}, {}]  # leaky_relu and elu alphas stay fixed
    assert_grads_match(net, rng.standard_normal((6, 2)), targets(output, 6, 1, rng))


def test_activation_params_change_the_network():
    X = np.random.default_rng(0).standard_normal((20, 2))
    plain = nn.MLP([2, 8, 1], activation="leaky_relu", output="linear", seed=0)
    steep = nn.MLP([2, 8, 1], activation="leaky_relu", output="linear", seed=0,
                   activation_params={"alpha": 0.5})  # fmt: skip
    assert not np.allclose(plain.predict(X), steep.predict(X))


def test_step_passes_no_gradient():
    X, y = data.xor(8, seed=0)
    net = nn.MLP([2, 3, 3, 1], activation="step", seed=0)
    (dW1, db1), (dW2, db2), (dW3, db3) = net.loss_and_grads(X, y)[1]
    assert not np.any(dW1) and not np.any(db1) and not np.any(dW2) and not np.any(db2)
    assert np.any(dW3) or np.any(db3)


def test_vector_valued_hidden_activation_without_a_vjp_is_rejected():
    """Vector-valued hidden layers back-propagate by the entry's vjp (tests/test_nn_gated.py);
    one without it is refused."""
    soft = activations.get("softmax")
    fields = {f.name: getattr(soft, f.name) for f in dataclasses.fields(soft) if f.init}
    activations.register(dataclasses.replace(soft, **{**fields, "name": "novjp", "vjp_fn": None}))
    try:
        with pytest.raises(ValueError, match="'novjp' is vector-valued .* no vector-Jacobian"):
            nn.MLP([2, 3, 1], activation="novjp")
    finally:
        del activations.registry._REGISTRY["novjp"]


def test_xor_is_solved_by_one_hidden_layer_but_not_by_a_line():
    X, y = data.xor(100, noise=0.2, seed=0)
    net = nn.MLP([2, 4, 1], activation="tanh", output="sigmoid", seed=0)
    assert net.fit(X, y, epochs=100, lr=0.5, batch_size=10)["accuracy"][-1] == 1.0
    corners = np.array([[-1, -1], [-1, 1], [1, 1], [1, -1]])
    assert np.array_equal(net.predict(corners).ravel() > 0.5, [False, True, False, True])
    line = nn.MLP([2, 1], output="sigmoid", seed=0)
    assert line.fit(X, y, epochs=100, lr=0.5, batch_size=10)["accuracy"][-1] <= 0.8


def test_linear_hidden_layers_collapse_to_one_linear_map():
    rng = np.random.default_rng(0)
    net = nn.MLP([3, 5, 4, 6, 2], activation="linear", output="linear", seed=1)
    net.params = [(W, rng.standard_normal(b.shape)) for W, b in net.params]
    X = rng.standard_normal((50, 3))
    net.fit(X, rng.standard_normal((50, 2)), epochs=5, lr=0.01)
    W_all, b_all = np.eye(3), np.zeros(3)
    for W, b in net.params:
        W_all, b_all = W_all @ W, b_all @ W + b
    assert W_all.shape == (3, 2)
    assert np.max(np.abs(net.predict(X) - (X @ W_all + b_all))) < 1e-12


def run(seed=0, fit_seed=None, optimizer="sgd"):
    X, y = data.moons(60, seed=0)
    net = nn.MLP([2, 8, 8, 1], activation="relu", init="he", seed=seed)
    kw = {"momentum": 0.9} if optimizer == "sgd" else {}
    history = net.fit(X, y, epochs=20, lr=0.01, batch_size=8, optimizer=optimizer,
                      seed=fit_seed, **kw)  # fmt: skip
    return history, net.params


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_same_seed_same_history_bit_for_bit(optimizer):
    (h1, p1), (h2, p2) = run(optimizer=optimizer), run(optimizer=optimizer)
    assert h1 == h2
    assert all(W1.tobytes() == W2.tobytes() for (W1, _), (W2, _) in zip(p1, p2, strict=True))
    assert run(seed=1, optimizer=optimizer)[0]["loss"] != h1["loss"]
    assert run(fit_seed=5, optimizer=optimizer)[0]["loss"] != h1["loss"]
    assert run(fit_seed=5, optimizer=optimizer)[0] == run(fit_seed=5, optimizer=optimizer)[0]


def test_same_seed_same_start_whatever_the_activation():
    # chapters compare activations from identical initial weights and mini-batch order
    tanh, relu = nn.MLP([2, 5, 1], activation="tanh"), nn.MLP([2, 5, 1], activation="relu")
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(tanh.params, relu.params, strict=True))
    X, y = data.moons(40, seed=0)
    assert tanh.fit(X, y, epochs=3)["loss"] != relu.fit(X, y, epochs=3)["loss"]


def test_no_global_random_state():
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (checks it is untouched)
    run()
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


VARIANCE = {  # of the first layer's weights, fan_in 400 and fan_out 200
    ("standard", None): 1 / 1200,
    ("xavier", None): 2 / 600,
    ("xavier_normal", None): 2 / 600,
    ("he", None): 2 / 400,
    ("he_uniform", None): 2 / 400,
    ("normal", None): 0.05**2,
    ("normal", 0.3): 0.3**2,
    ("uniform", None): 0.05**2 / 3,
    ("uniform", 0.3): 0.3**2 / 3,
    ("he_prelu", None): 2 / (1.0625 * 400),  # the prelu's initial alpha, 0.25
    ("he_prelu", 0.5): 2 / (1.25 * 400),
    ("he_prelu", 1.0): 1 / 400,
}


@pytest.mark.parametrize("init, option", list(VARIANCE), ids=lambda v: str(v))
def test_init_scales(init, option):
    kw = {}
    if option is not None:
        kw = {"init_slope" if init == "he_prelu" else "init_scale": option}
    net = nn.MLP([400, 200, 1], init=init, activation="prelu", seed=0, **kw)
    W, b = net.params[0]
    assert np.var(W) == pytest.approx(VARIANCE[init, option], rel=0.03)
    assert abs(np.mean(W)) < 0.02 * np.std(W) and not np.any(b)
    if init == "uniform":
        assert np.max(np.abs(W)) <= (option or 0.05)


def test_he_prelu_takes_its_slope_from_the_activation():
    def first_w(**kw):
        return nn.MLP([3, 4, 4, 1], seed=5, init="he_prelu", **kw).params[0][0]

    he = nn.MLP([3, 4, 4, 1], seed=5, init="he").params[0][0]
    assert np.array_equal(first_w(activation="relu"), he)  # slope 0: exactly He
    assert np.array_equal(first_w(activation="tanh"), he)
    assert np.array_equal(first_w(activation="prelu", init_slope=0.0), he)
    assert np.allclose(first_w(activation="prelu"), he / np.sqrt(1.0625), rtol=1e-15)
    leaky = first_w(activation="leaky_relu", activation_params={"alpha": 0.5})
    assert np.allclose(leaky, he / np.sqrt(1.25), rtol=1e-15)
    # each layer uses the slope of the activation before it (the first, the one after it)
    net = nn.MLP([3, 4, 4, 1], seed=5, init="he_prelu", activation=["prelu", "relu"])
    ref = nn.MLP([3, 4, 4, 1], seed=5, init="he")
    scale = [1 / np.sqrt(1.0625), 1 / np.sqrt(1.0625), 1.0]
    for (W, _), (W_he, _), s in zip(net.params, ref.params, scale, strict=True):
        assert np.allclose(W, W_he * s, rtol=1e-15)


@pytest.mark.parametrize(
    "output, optimizer", [("sigmoid", "sgd"), ("softmax", "adam"), ("sigmoid", "adam")]
)
def test_loss_decreases_on_moons(output, optimizer):
    X, y = data.moons(200, noise=0.1, seed=0)
    X_tr, y_tr, X_val, y_val = data.split(X, y, fractions=(0.75, 0.25), seed=0)
    net = nn.MLP([2, 16, 16, 1 if output == "sigmoid" else 2], output=output, seed=0)
    lr = 0.5 if optimizer == "sgd" else 0.01
    h = net.fit(X_tr, y_tr, epochs=100, lr=lr, optimizer=optimizer, X_val=X_val, y_val=y_val)
    assert list(h) == ["loss", "accuracy", "val_loss", "val_accuracy", *PER_LAYER]
    assert all(len(v) == 100 for v in h.values())
    assert h["loss"][-1] < 0.25 * h["loss"][0] and h["val_loss"][-1] < 0.25 * h["val_loss"][0]
    assert h["val_accuracy"][-1] > 0.95


def test_sine_regression_reaches_a_low_error():
    X, y = data.sine(300, noise=0.1, seed=0)
    X_tr, y_tr, X_te, y_te = data.split(X, y, fractions=(0.7, 0.3), seed=0)
    net = nn.MLP([1, 16, 1], activation="tanh", output="linear", seed=0)
    history = net.fit(X_tr, y_tr, epochs=300, lr=0.05)
    assert list(history) == ["loss", *PER_LAYER]
    assert history["loss"][-1] < 0.02  # the noise alone gives 0.01
    assert net.evaluate(X_te, y_te)["loss"] < 0.02


def test_outputs_and_losses_match_textbook_formulas():
    rng = np.random.default_rng(0)
    Z, n = rng.standard_normal((6, 3)), 6
    labels = rng.integers(0, 3, size=n)
    p = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    assert np.allclose(OUTPUTS["softmax"].predict(Z), p)
    assert OUTPUTS["softmax"].loss(Z, labels) == pytest.approx(
        -np.mean(np.log(p[range(n), labels]))
    )
    assert np.allclose(OUTPUTS["softmax"].grad(Z, labels), (p - np.eye(3)[labels]) / n)
    z, y = Z[:, :1], labels[:, None] % 2
    s = 1 / (1 + np.exp(-z))
    assert OUTPUTS["sigmoid"].loss(z, y) == pytest.approx(
        -np.mean(y * np.log(s) + (1 - y) * np.log(1 - s))
    )
    assert np.allclose(OUTPUTS["sigmoid"].grad(z, y), (s - y) / n)
    assert OUTPUTS["linear"].loss(Z, 2 * Z) == pytest.approx(np.mean(Z**2))
    assert np.allclose(OUTPUTS["linear"].grad(Z, 2 * Z), -2 * Z / Z.size)


@pytest.mark.parametrize("output", list(OUTPUTS))
def test_loss_and_grad_agree_exactly_with_loss_and_grad_called_apart(output):
    rng = np.random.default_rng(1)
    k = 1 if output == "sigmoid" else 4
    Z = rng.normal(0, 30, (9, k))  # some rows saturated
    y = targets(output, 9, k, rng)
    y = OUTPUTS[output].check_targets(y, 9, k, "test")
    loss, grad = OUTPUTS[output].loss_and_grad(Z, y)
    assert loss == OUTPUTS[output].loss(Z, y)
    np.testing.assert_array_equal(grad, OUTPUTS[output].grad(Z, y))


def independent_loss(output, Z, y):
    """The mean loss written from its textbook formula (no code of actlab's), for moderate Z."""
    if output == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        return -np.mean(y * np.log(s) + (1 - y) * np.log(1 - s))
    if output == "softmax":
        log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        return -np.mean(log_p[np.arange(len(y)), y])
    return np.mean((Z - y) ** 2)


@pytest.mark.parametrize("output", list(OUTPUTS))
def test_loss_and_grad_match_the_formula_and_its_central_differences(output):
    """Not circular: the reference is the textbook loss and finite differences of it."""
    rng = np.random.default_rng(2)
    k = 1 if output == "sigmoid" else 3
    Z = rng.normal(0, 2, (7, k))
    y = OUTPUTS[output].check_targets(targets(output, 7, k, rng), 7, k, "test")
    loss, grad = OUTPUTS[output].loss_and_grad(Z, y)
    assert loss == pytest.approx(independent_loss(output, Z, y), rel=1e-13)
    h, fd = 1e-6, np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        up, down = Z.copy(), Z.copy()
        up[idx] += h
        down[idx] -= h
        fd[idx] = (independent_loss(output, up, y) - independent_loss(output, down, y)) / (2 * h)
    np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-9)


def test_losses_are_exact_for_saturated_logits():
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is exact
        z = np.array([[1000.0], [-1000.0], [1000.0]])
        assert OUTPUTS["sigmoid"].loss(z, np.array([[0.0], [1.0], [1.0]])) == pytest.approx(
            2000 / 3
        )
        Z = np.array([[1000.0, -1000.0], [0.0, 2000.0]])
        assert OUTPUTS["softmax"].loss(Z, np.array([1, 0])) == pytest.approx(2000.0)


def test_one_output_accepts_y_as_vector_or_column():
    X, y = data.moons(10, seed=0)
    for output in ("sigmoid", "linear"):
        net = nn.MLP([2, 3, 1], output=output, seed=0)
        (l1, g1), (l2, g2) = net.loss_and_grads(X, y), net.loss_and_grads(X, y[:, None])
        assert l1 == l2 and all(np.array_equal(a[0], b[0]) for a, b in zip(g1, g2, strict=True))
        assert net.predict(X).shape == (10, 1)
    net = nn.MLP([2, 3, 4], output="softmax")
    assert np.allclose(net.predict(X).sum(axis=1), 1.0)
    assert net.evaluate(X, y.astype(float))["loss"] == net.evaluate(X, y)["loss"]


def test_optimiser_steps():
    w, g = np.array([1.0, -2.0]), np.array([0.5, -4.0])
    sgd = SGD(lr=0.1, momentum=0.5)
    sgd.step([w], [g])
    sgd.step([w], [g])
    assert np.allclose(w, [1.0, -2.0] - 0.1 * g * (1 + 1.5))
    w = np.array([1.0, -2.0])
    Adam(lr=0.01).step([w], [g])  # the first Adam step moves each weight by lr against its sign
    assert np.allclose(w, [1.0 - 0.01, -2.0 + 0.01])


# Gradients that change from step to step (Adam's update for a constant gradient is lr * sign(g)
# whatever its betas), over magnitudes where epsilon matters (1e-9) or not (10), and a weight
# whose gradient is always 0. Two arrays, as an optimiser walks a list of them.
OPT_START = [np.array([0.5, -1.5, 2.0, 0.0]), np.array([3e-3, -7.0])]
OPT_GRADS = [
    [g[:4], g[4:]]
    for g in np.random.default_rng(0).standard_normal((5, 6)) * [1.0, 1e-3, 10.0, 0.0, 1e-9, 0.2]
]


def textbook_sgd(theta, grads, lr, momentum):
    """Heavy-ball momentum written out: v <- mu v - lr g, theta <- theta + v."""
    v, path = np.zeros_like(theta), []
    for g in grads:
        v = momentum * v - lr * g
        theta = theta + v
        path.append(theta)
    return path


def textbook_adam(theta, grads, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Kingma & Ba (2015), Algorithm 1, line by line."""
    m, v, path = np.zeros_like(theta), np.zeros_like(theta), []
    for t, g in enumerate(grads, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(theta)
    return path


@pytest.mark.parametrize(
    "make, textbook",
    [
        (lambda: SGD(lr=0.1, momentum=0.9), lambda th, gs: textbook_sgd(th, gs, 0.1, 0.9)),
        (lambda: SGD(lr=0.1), lambda th, gs: textbook_sgd(th, gs, 0.1, 0.0)),
        (lambda: Adam(lr=0.1), lambda th, gs: textbook_adam(th, gs, 0.1)),
    ],
    ids=["sgd-momentum", "sgd", "adam"],
)
def test_optimiser_follows_the_textbook_update_step_by_step(make, textbook):
    params = [p.copy() for p in OPT_START]
    expected = [textbook(p, [g[i] for g in OPT_GRADS]) for i, p in enumerate(OPT_START)]
    opt = make()
    for step, grads in enumerate(OPT_GRADS):
        opt.step(params, [g.copy() for g in grads])
        for p, path in zip(params, expected, strict=True):
            np.testing.assert_allclose(p, path[step], rtol=1e-15, atol=0, err_msg=f"step {step}")
    assert params[0][3] == OPT_START[0][3]  # a gradient that is always 0 never moves its weight


def test_divergence_warns_and_stops():
    X, y = data.sine(50, seed=0)
    net = nn.MLP([1, 8, 8, 1], activation="linear", output="linear", seed=0)
    history, caught = _fit_warnings(net, X, y, epochs=100, lr=50.0)
    assert len(history["loss"]) < 100 and not np.isfinite(history["loss"][-1])
    assert [w.category for w in caught] == [nn.DivergenceWarning, RuntimeWarning]
    assert "loss became" in str(caught[1].message) and "lr than 50" in str(caught[1].message)


def _fit_warnings(net, X, y, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = net.fit(X, y, **kw)
    return history, caught


@pytest.mark.parametrize("output", ["sigmoid", "linear"])
def test_a_diverging_fit_warns_once_naming_lr_before_any_nan(output):
    X, y = data.xor(40, seed=0)
    net = nn.MLP([2, 4, 1], activation="tanh", output=output, seed=0)
    history, caught = _fit_warnings(net, X, y.astype(float), epochs=10, lr=1e10)
    diverging = [w for w in caught if issubclass(w.category, nn.DivergenceWarning)]
    assert len(diverging) == 1 and issubclass(nn.DivergenceWarning, RuntimeWarning)
    message = str(diverging[0].message)
    assert (
        message.startswith("MLP.fit: the training loss grew from ") and "lr than 1e+10" in message
    )
    assert "at epoch 1," in message and np.isfinite(history["loss"][0])  # before any inf or NaN
    assert diverging[0].filename == __file__  # it points at the caller's line


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_normal_fit_never_warns(activation, seed):
    X, y = data.moons(120, seed=seed)
    for output, optimizer, lr in (("sigmoid", "sgd", 0.5), ("sigmoid", "adam", 0.05)):
        net = nn.MLP([2, 16, 16, 1], activation=activation, output=output, seed=seed)
        history, caught = _fit_warnings(net, X, y, epochs=60, lr=lr, optimizer=optimizer)
        assert caught == [] and history["loss"][-1] < history["loss"][0]
    X, h = data.sine(80, seed=seed)
    net = nn.MLP([1, 16, 1], activation=activation, output="linear", seed=seed)
    history, caught = _fit_warnings(net, X, h, epochs=60, lr=0.05, optimizer="adam")
    assert caught == []


def test_fit_refuses_a_verbose_that_is_not_a_bool():
    X, y = data.xor(20, seed=0)
    for bad in ("yes", 1, None, "False"):
        with pytest.raises(TypeError, match="MLP.fit: verbose must be True or False, got"):
            nn.MLP([2, 3, 1]).fit(X, y, epochs=1, verbose=bad)


@pytest.mark.parametrize("activation", ["relu", "linear", "tanh"])
@pytest.mark.parametrize("output", ["sigmoid", "linear", "softmax"])
def test_huge_finite_inputs_give_an_answer_or_a_clear_error_never_a_warning(activation, output):
    X = np.array([[1e308, -1e308], [-1e308, 1e308], [1e308, 1e308], [1.0, 2.0]])
    y = np.array([0, 1, 1, 0])
    net = nn.MLP([2, 4, 2 if output == "softmax" else 1], activation=activation, output=output)
    calls = {
        "MLP.evaluate": lambda: net.evaluate(X, y),
        "MLP.predict": lambda: net.predict(X),
        "MLP.loss_and_grads": lambda: net.loss_and_grads(X, y),
        "MLP.forward_trace": lambda: net.forward_trace(X),
        "MLP.backward_signals": lambda: net.backward_signals(X, y),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would be an error here
        for where, call in calls.items():
            try:
                call()
            except ValueError as exc:
                assert str(exc).startswith(f"{where}: the ") and "overflows float64" in str(exc)
                assert "scale X down" in str(exc)


def test_huge_inputs_that_overflow_are_refused_and_a_diverged_net_is_named():
    X, y = np.array([[1e308, 1e308]]), np.array([1.0])
    net = nn.MLP([2, 4, 1], activation="relu", output="linear", seed=0)
    net.params = [(np.ones((2, 4)), np.zeros(4)), (np.ones((4, 1)), np.zeros(1))]
    with pytest.raises(ValueError, match=r"MLP.evaluate: the loss overflows float64 .*1e\+308"):
        net.evaluate(X, y)
    with pytest.raises(ValueError, match=r"MLP.predict: the output overflows"):
        net.predict(X)
    with pytest.raises(ValueError, match=r"MLP.fit: the loss before training overflows"):
        net.fit(X, y, epochs=1)
    assert net.evaluate([[1.0, 2.0]], y)["loss"] == pytest.approx((12 - 1) ** 2)
    X, h = data.sine(50, seed=0)  # targets too large: the loss before training is inf
    message = r"MLP.fit: the loss before training overflows .*largest \|y\| [0-9.]+e\+200"
    with pytest.raises(ValueError, match=message + ".*and y, for a linear output"):
        nn.MLP([1, 8, 1], output="linear").fit(X, h * 1e200, epochs=1)
    net._theta[0] = np.nan  # a network whose fit diverged
    with pytest.raises(ValueError, match="parameters hold NaN or inf .a fit that diverged"):
        net.evaluate([[1.0, 2.0]], y)


def test_verbose(capsys):
    X, y = data.xor(20, seed=0)
    nn.MLP([2, 3, 1]).fit(X, y, epochs=20, verbose=False)
    assert capsys.readouterr().out == ""
    nn.MLP([2, 3, 1]).fit(X, y, epochs=20, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 11 and lines[-1].startswith("epoch 20/20  loss")


X4, Y4 = np.zeros((4, 2)), np.array([0, 1, 1, 0])
NET = nn.MLP([2, 3, 1], seed=0)
SOFT = nn.MLP([2, 3, 3], output="softmax", seed=0)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: nn.MLP([2]), ValueError, "at least 2 entries"),
        (lambda: nn.MLP([2, 0, 1]), ValueError, r"sizes\[1\] must be a positive integer"),
        (lambda: nn.MLP([2, 1.5, 1]), TypeError, r"sizes\[1\] must be a positive integer"),
        (lambda: nn.MLP("21"), TypeError, "sizes must be a list"),
        (lambda: nn.MLP([2, 3, 1], activation="nope"), ValueError, "unknown activation 'nope'"),
        (lambda: nn.MLP([2, 3, 3, 1], activation=["tanh"]), ValueError, "1 entries for 2 hidden"),
        (lambda: nn.MLP([2, 3, 1], activation=3), TypeError, "activation must be a str"),
        (lambda: nn.MLP([2, 3, 1], activation="Relu"), ValueError, "did you mean 'relu'"),
        (
            lambda: nn.MLP([2, 3, 1], activation="elu", activation_params={"alpha": -1}),
            ValueError,
            "'elu' rejects activation_params .*alpha must be >= 0",
        ),
        (
            lambda: nn.MLP([2, 3, 1], activation="elu", activation_params={"slope": 2}),
            TypeError,
            r"'elu' takes \['alpha'\]",
        ),
        (lambda: nn.MLP([2, 3, 1], output="tanh"), ValueError, "unknown output 'tanh'"),
        (lambda: nn.MLP([2, 3, 1], init="glorot"), ValueError, "unknown init 'glorot'"),
        (lambda: nn.MLP([2, 3, 1], seed=-1), ValueError, "seed must be None or a non-negative"),
        (lambda: nn.MLP([2, 3, 2]), ValueError, "needs 1 output unit"),
        (lambda: nn.MLP([2, 3, 1], output="softmax"), ValueError, "at least 2 output units"),
        (
            lambda: nn.MLP([2, 3, 1], activation="tanh", activation_params={"slope": 2}),
            TypeError,
            r"'tanh' takes no parameters; activation_params has \['slope'\]",
        ),
        (lambda: NET.predict(np.zeros((4, 3))), ValueError, "3 columns but .* expects 2"),
        (lambda: NET.predict(np.zeros(2)), ValueError, "must be 2-D"),
        (lambda: NET.predict(np.zeros((0, 2))), ValueError, "X has no rows"),
        (lambda: NET.predict([["a", "b"]]), TypeError, "X must hold real numbers"),
        (lambda: NET.fit(X4, [0, 1, 1]), ValueError, "y has 3 rows but X has 4 rows"),
        (lambda: NET.fit(X4, [0, 1, 2, 0]), ValueError, r"in \[0, 1\] .* 2\. .*output='linear'"),
        (lambda: NET.fit(X4, np.zeros((4, 2))), ValueError, r"shape \(4,\) or \(4, 1\)"),
        (lambda: SOFT.fit(X4, [0, 1, 3, 0]), ValueError, r"labels must lie in 0..2"),
        (lambda: SOFT.fit(X4, [0, 1, -1, 0]), ValueError, r"labels must lie in 0..2"),
        (lambda: SOFT.fit(X4, [0, 0.5, 1, 0]), ValueError, "integer class labels"),
        (lambda: SOFT.fit(X4, np.eye(3)[[0, 1, 2, 0]]), ValueError, "not one-hot"),
        (lambda: NET.fit(np.full((4, 2), np.nan), Y4), ValueError, "X contains NaN or inf"),
        (lambda: NET.fit(X4, [0, 1, np.inf, 0]), ValueError, "y contains NaN or inf"),
        (lambda: NET.fit(X4, Y4, optimizer="rmsprop"), ValueError, "unknown optimizer"),
        (lambda: NET.fit(X4, Y4, lr=0), ValueError, "lr must be > 0"),
        (lambda: NET.fit(X4, Y4, lr=float("nan")), ValueError, "lr must be finite"),
        (lambda: NET.fit(X4, Y4, lr="0.1"), TypeError, "lr must be a real number"),
        (lambda: NET.fit(X4, Y4, epochs=0), ValueError, "epochs must be a positive integer"),
        (lambda: NET.fit(X4, Y4, epochs=2.5), TypeError, "epochs must be a positive integer"),
        (lambda: NET.fit(X4, Y4, batch_size=-4), ValueError, "batch_size must be a positive"),
        (lambda: NET.fit(X4, Y4, momentum=1.0), ValueError, r"momentum must lie in \[0, 1\)"),
        (lambda: NET.fit(X4, Y4, optimizer="adam", momentum=0.9), ValueError, "momentum is for"),
        (lambda: NET.fit(X4, Y4, X_val=X4), ValueError, "pass both X_val and y_val"),
        (lambda: NET.fit(X4, Y4, X_val=X4[:, :1], y_val=Y4), ValueError, r"\(validation\)"),
        (lambda: NET.fit(X4, Y4, seed=-2), ValueError, "seed must be None"),
        (lambda: NET.fit(X4, Y4, seed="a"), TypeError, "MLP.fit: seed must be None or a non-neg"),
        (lambda: NET.fit(X4, Y4, seed=1.0), TypeError, r"seed must be None .*got 1.0 \(float\)"),
        (lambda: nn.MLP([2, 1], seed="a"), TypeError, "MLP: seed must be None or a non-negative"),
        (lambda: nn.MLP([2, 1], seed=True), TypeError, "MLP: seed must be None or a non-neg"),
        (lambda: NET.fit([[True, 1.0]] * 4, Y4), TypeError, "MLP.fit: X holds booleans"),
        (lambda: NET.predict([[1.0, np.True_]]), TypeError, "MLP.predict: X holds booleans"),
        (lambda: setattr(NET, "params", NET.params[:1]), ValueError, "list of 2 .W, b. pairs"),
        (
            lambda: setattr(NET, "params", [(np.zeros((3, 2)), np.zeros(3))] + NET.params[1:]),
            ValueError,
            "must have shapes",
        ),
        (
            lambda: nn.MLP([2, 3, 2], output="linear").fit(X4, Y4),
            ValueError,
            r"shape \(4, 2\) for 2 outputs",
        ),
    ],
)
def test_bad_input_raises_a_message_that_names_the_problem(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_params_setter_changes_predictions_and_copies():
    net = nn.MLP([1, 1], output="linear")
    W, b = np.array([[2.0]]), np.array([1.0])
    net.params = [(W, b)]
    W[0, 0] = 100.0
    assert net.predict([[3.0]])[0, 0] == 7.0


# --- the L1 activity penalty of fit (chapter 6's sparsity experiment) ---


def _penalised_loss(net, X, y, l1):
    trace = net.forward_trace(X)
    penalty = sum(np.abs(t["A"]).sum() for t in trace) / X.shape[0]
    return net.evaluate(X, y)["loss"] + l1 * penalty


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_activity_penalty_gradient_matches_finite_differences(activation):
    from actlab.nn.train import backward_penalised

    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 2, size=6)
    net = nn.MLP([3, 4, 5, 1], activation=activation, output="sigmoid", seed=1)
    assert_away_from_kinks(net, X)
    l1 = 0.3
    backward_penalised(net, net._head.grad(net._forward(X), net._head.check_targets(
        y.astype(float), 6, 1, "test")), l1)  # fmt: skip
    analytic = [(dW.copy(), db.copy()) for dW, db in
                ((d.dW, d.db) for d in net._dense)]  # fmt: skip
    for (W, b), (dW, db) in zip(net.params, analytic, strict=True):
        for p, g in ((W, dW), (b, db)):
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + H
                up = _penalised_loss(net, X, y, l1)
                p[idx] = old - H
                down = _penalised_loss(net, X, y, l1)
                p[idx] = old
                assert g[idx] == pytest.approx((up - down) / (2 * H), rel=1e-5, abs=1e-8)


def test_activity_penalty_zero_is_plain_training_and_a_large_one_adds_zeros():
    X, y = data.load("moons", seed=0, n=80).X_train, data.load("moons", seed=0, n=80).y_train

    def run(**kw):
        net = nn.MLP([2, 16, 1], activation="relu", output="sigmoid", init="he", seed=0)
        return net.fit(X, y, epochs=20, lr=0.05, **kw)

    plain, zero, strong = run(), run(activity_l1=0.0), run(activity_l1=0.3)
    assert plain["loss"] == zero["loss"]
    assert strong["zero_fraction"][-1][0] > plain["zero_fraction"][-1][0] + 0.1


@pytest.mark.parametrize(
    "value, error, match",
    [(-0.1, ValueError, "activity_l1 must be >= 0, got -0.1"),
     ("0.1", TypeError, "activity_l1"), (np.inf, ValueError, "activity_l1")],
)  # fmt: skip
def test_activity_penalty_refuses_bad_values(value, error, match):
    net = nn.MLP([2, 3, 1], activation="relu")
    with pytest.raises(error, match=match):
        net.fit(np.zeros((4, 2)), np.zeros(4), epochs=1, activity_l1=value)


def test_an_activation_of_ones_own_is_used_as_it_is():
    """``activation=`` takes an Activation object (one not in the registry), alone or beside
    names, and back-propagates through it like a registered one."""
    from actlab import experiments

    mine = experiments.as_activation(
        lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2, name="softsign_mine"
    )
    rng = np.random.default_rng(3)
    net = nn.MLP([3, 4, 3, 1], activation=[mine, "tanh"], output="sigmoid", seed=2)
    assert net.activation[0] is mine and "softsign_mine" in repr(net.layers[1])
    assert_grads_match(net, rng.standard_normal((5, 3)), rng.integers(0, 2, size=5))
    with pytest.raises(TypeError, match="activation must be a str or Activation or a list"):
        nn.MLP([2, 3, 1], activation=3)


def test_one_blas_thread_limits_blas_and_restores_it_on_every_call():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from actlab.nn.train import one_blas_thread

    def blas_threads():
        info = threadpoolctl.threadpool_info()
        return [i["num_threads"] for i in info if i["user_api"] == "blas"]

    before = blas_threads()
    for _ in range(2):  # the second call reuses the controller made by the first
        with one_blas_thread():
            assert all(n == 1 for n in blas_threads())
        assert blas_threads() == before
