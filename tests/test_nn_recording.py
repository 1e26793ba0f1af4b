"""What MLP.fit records per epoch, the inspection methods forward_trace and backward_signals,
and the progress bar."""

import numpy as np
import pytest
from test_nn import H

from actlab import activations, data, nn
from actlab.nn import progress

PER_LAYER = ["grad_norm", "mean_activation", "zero_fraction", "dead_fraction"]


def dead_first_layer_net(dead):
    """A [2, 4, 3, 1] ReLU net whose first `dead` hidden units have a bias of -1000: with inputs
    of size about 1 their pre-activation is negative for every example, so they output 0 and
    pass no gradient (their weights and bias never change, so they stay dead)."""
    net = nn.MLP([2, 4, 3, 1], activation="relu", init="he", seed=0)
    (W1, b1), rest = net.params[0], net.params[1:]
    b1 = b1.copy()
    b1[:dead] = -1000.0
    net.params = [(W1, b1), *rest]
    return net


def test_history_of_a_layer_of_dead_units():
    X, y = data.moons(80, noise=0.1, seed=0)
    net = dead_first_layer_net(dead=4)
    W1 = net.params[0][0].copy()
    h = net.fit(X, y, epochs=6, lr=0.1, optimizer="adam")
    assert list(h) == ["loss", "accuracy", *PER_LAYER]
    for key in PER_LAYER:  # one list per epoch, one float per layer
        assert len(h[key]) == 6
        assert all(len(e) == (3 if key == "grad_norm" else 2) for e in h[key])
        assert all(isinstance(v, float) for e in h[key] for v in e)
    for epoch in range(6):
        assert h["dead_fraction"][epoch][0] == 1.0
        assert h["zero_fraction"][epoch][0] == 1.0
        assert h["mean_activation"][epoch][0] == 0.0
        assert h["grad_norm"][epoch][0] == 0.0  # no gradient reaches the first layer
        # The second layer's inputs are all 0, so dW2 = A1.T dZ2 = 0 and Z2 = b2 = 0, its
        # starting bias, for every example; ReLU'(0) = 0, so b2 gets no gradient either and
        # the second layer is dead too. So is the output's W: its inputs are relu(0) = 0.
        assert h["grad_norm"][epoch] == [0.0, 0.0, 0.0]
        assert h["dead_fraction"][epoch][1] == h["zero_fraction"][epoch][1] == 1.0
    assert np.array_equal(net.params[0][0], W1) and not np.any(net.params[1][1])
    assert np.any(net.params[2][1] != 0)  # only the output's bias learns


def test_history_of_half_dead_layer_matches_the_network_after_training():
    X, y = data.moons(80, noise=0.1, seed=0)
    net = dead_first_layer_net(dead=2)
    h = net.fit(X, y, epochs=5, lr=0.05, optimizer="adam")
    assert [e[0] for e in h["dead_fraction"]] == [0.5] * 5
    # the last epoch's entries describe the trained network on the training set
    trace = net.forward_trace(X)
    loss, grads = net.loss_and_grads(X, y)
    assert h["loss"][-1] == loss == net.evaluate(X, y)["loss"]
    assert h["grad_norm"][-1] == [float(np.linalg.norm(dW)) for dW, _ in grads]
    assert h["mean_activation"][-1] == [float(np.mean(t["A"])) for t in trace]
    assert h["zero_fraction"][-1] == [float(np.mean(t["A"] == 0)) for t in trace]
    dead = [float(np.mean(np.all(t["Z"] <= 0, axis=0))) for t in trace]  # ReLU: f' = 0 iff Z <= 0
    assert h["dead_fraction"][-1] == dead
    assert h["zero_fraction"][-1][0] >= 0.5


def test_dead_units_mask_is_the_definition_fit_records():
    X, y = data.moons(80, noise=0.1, seed=0)
    net = dead_first_layer_net(dead=2)
    h = net.fit(X, y, epochs=2, lr=0.05)
    relu = activations.get("relu")
    masks = [nn.dead_units_mask(relu.derivative(t["Z"])) for t in net.forward_trace(X)]
    assert masks[0].dtype == bool and masks[0].tolist() == [True, True, False, False]
    assert h["dead_fraction"][-1] == [float(np.mean(m)) for m in masks]
    # exactly 0 on every example; a tiny slope, a single example or NaN keeps a unit alive
    slope = np.array([[0.0, 1e-300, 0.0, np.nan, -0.0], [0.0, 0.0, 2.0, 0.0, 0.0]])
    assert nn.dead_units_mask(slope).tolist() == [True, False, False, False, True]
    assert nn.dead_units_mask(np.zeros((0, 3), dtype=np.float32)).tolist() == [True] * 3
    assert nn.dead_units_mask([[0, 1]]).tolist() == [True, False]  # integer slopes (step's 0)
    with pytest.raises(ValueError, match=r"^dead_units_mask: expected shape \(examples, units\)"):
        nn.dead_units_mask(np.zeros(3))
    with pytest.raises(TypeError, match="^dead_units_mask: expected real numbers, got dtype bool"):
        nn.dead_units_mask(np.zeros((2, 2), dtype=bool))


def test_smooth_activations_have_no_zeros_and_no_dead_units():
    X, y = data.moons(60, seed=0)
    h = nn.MLP([2, 5, 1], activation="tanh", seed=0).fit(X, y, epochs=3)
    assert h["dead_fraction"] == h["zero_fraction"] == [[0.0]] * 3
    assert all(g[0] > 0 and g[1] > 0 for g in h["grad_norm"])
    step = nn.MLP([2, 5, 1], activation="step", seed=0).fit(X, y, epochs=2)
    assert all(e == [1.0] for e in step["dead_fraction"])  # step: f' = 0 everywhere


def test_validation_keys_and_no_activation_params_without_learning():
    X, y = data.moons(60, seed=0)
    h = nn.MLP([2, 5, 3], activation="relu", output="softmax").fit(X, y, epochs=2, X_val=X, y_val=y)
    assert list(h) == ["loss", "accuracy", "val_loss", "val_accuracy", *PER_LAYER]
    assert h["val_loss"] == h["loss"] and h["val_accuracy"] == h["accuracy"]


def test_forward_trace():
    rng = np.random.default_rng(0)
    net = nn.MLP([3, 5, 4, 2], activation=["elu", "prelu"], output="softmax", seed=1)
    X = rng.standard_normal((7, 3))
    trace = net.forward_trace(X)
    assert [sorted(t) for t in trace] == [["A", "Z"], ["A", "Z"]]
    assert [t["Z"].shape for t in trace] == [(7, 5), (7, 4)] == [t["A"].shape for t in trace]
    (W1, b1), (W2, b2), _ = net.params
    assert np.allclose(trace[0]["Z"], X @ W1 + b1, rtol=1e-15, atol=0)
    assert np.array_equal(trace[0]["A"], activations.elu(trace[0]["Z"]))
    assert np.allclose(trace[1]["Z"], trace[0]["A"] @ W2 + b2, rtol=1e-15, atol=0)
    assert np.array_equal(trace[1]["A"], activations.prelu(trace[1]["Z"], alpha=0.25))
    again = net.forward_trace(X)  # a second call leaves the first result alone
    assert np.array_equal(again[1]["A"], trace[1]["A"]) and again[1]["A"] is not trace[1]["A"]


@pytest.mark.parametrize("output, k", [("sigmoid", 1), ("softmax", 3), ("linear", 2)])
def test_backward_signals_are_per_example_gradients(output, k):
    """Row i of layer l's signal is d(loss of example i alone)/dZ_l, which is also the gradient
    of that loss in the layer's bias b_l: checked by central differences in b_l."""
    rng = np.random.default_rng(3)
    net = nn.MLP([3, 4, 5, k], activation=["tanh", "swish"], output=output, seed=2)
    X = rng.standard_normal((6, 3))
    y = {"sigmoid": rng.integers(0, 2, 6), "softmax": rng.integers(0, 3, 6)}.get(
        output, rng.standard_normal((6, k))
    )
    signals = net.backward_signals(X, y)
    assert [s.shape for s in signals] == [(6, 4), (6, 5)]
    _, grads = net.loss_and_grads(X, y)
    for s, (_, db) in zip(signals, grads[:-1], strict=True):  # mean: the mean loss's gradient
        assert np.allclose(s.mean(axis=0), db, rtol=1e-12, atol=1e-15)
    for i in (0, 4):
        for layer, s in enumerate(signals):
            b = net.params[layer][1]
            fd = np.zeros_like(b)
            for j in range(b.size):
                old = b[j]
                b[j] = old + H
                up = net.evaluate(X[i : i + 1], y[i : i + 1])["loss"]
                b[j] = old - H
                down = net.evaluate(X[i : i + 1], y[i : i + 1])["loss"]
                b[j] = old
                fd[j] = (up - down) / (2 * H)
            assert np.allclose(s[i], fd, rtol=1e-6, atol=1e-10)
            assert np.linalg.norm(fd) > 1e-4


def test_inspection_errors():
    net = nn.MLP([2, 3, 1])
    with pytest.raises(ValueError, match=r"MLP.forward_trace: X has 3 columns"):
        net.forward_trace(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"MLP.backward_signals: y has 3 rows"):
        net.backward_signals(np.zeros((2, 2)), [0, 1, 1])
    assert nn.MLP([2, 1]).forward_trace(np.zeros((2, 2))) == []


# ---------------------------------------------------------------------------- progress bar

XOR = data.xor(20, seed=0)


def test_progress_false_and_default_print_nothing_outside_a_notebook(capsys):
    for mode in (False, None):
        nn.MLP([2, 3, 1]).fit(*XOR, epochs=30, progress=mode)
        assert capsys.readouterr() == ("", "")


def test_progress_true_outside_a_notebook_draws_a_text_bar_on_stderr(capsys):
    nn.MLP([2, 3, 1]).fit(*XOR, epochs=7, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("\r[") and err.endswith("\n")
    last = err.rstrip("\n").split("\r")[-1]
    assert last.startswith("[####################] epoch 7/7  loss ")


class FakeHandle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, bar):
        self.shown.append(bar)


@pytest.fixture
def notebook(monkeypatch):
    """Pretend to run in a notebook; collect what would be displayed."""
    shown = []
    monkeypatch.setattr(progress, "in_notebook", lambda: True)
    monkeypatch.setattr(progress, "_display", lambda bar: shown.append(bar) or FakeHandle(shown))
    monkeypatch.delenv(progress.STATIC_ENV, raising=False)
    return shown


def test_notebook_bar_appears_only_after_the_delay(notebook, monkeypatch, capsys):
    nn.MLP([2, 3, 1]).fit(*XOR, epochs=5)  # a short run: no bar
    assert notebook == []
    monkeypatch.setattr(progress, "DELAY", 0.0)  # as if every epoch took long
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    nn.MLP([2, 3, 1]).fit(*XOR, epochs=5)
    assert [b.epoch for b in notebook] == [1, 2, 3, 4, 5]
    html, text = notebook[-1]._repr_html_(), repr(notebook[-1])
    assert '<progress value="5" max="5"' in html and "epoch 5/5  loss" in html
    assert text.startswith("[####################] epoch 5/5  loss")
    assert capsys.readouterr() == ("", "")


def test_notebook_bar_is_never_automatic_in_the_book_build(notebook, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setenv(progress.STATIC_ENV, "1")
    nn.MLP([2, 3, 1]).fit(*XOR, epochs=3)
    assert notebook == []
    nn.MLP([2, 3, 1]).fit(*XOR, epochs=3, progress=True)  # unless asked for
    assert notebook and notebook[-1].epoch == 3


def test_real_ipython_display_works_outside_a_kernel(monkeypatch, capsys):
    """IPython's display, called where no kernel runs, prints the text form: nothing breaks."""
    import IPython  # noqa: F401  (a dependency of ipykernel: its absence must fail, not skip)

    monkeypatch.setattr(progress, "in_notebook", lambda: True)
    nn.MLP([2, 3, 1]).fit(*XOR, epochs=4, progress=True)
    assert "epoch 1/4  loss" in capsys.readouterr().out  # (updates go to a kernel only)


def test_not_in_a_notebook_here():
    assert progress.in_notebook() is False


def test_bad_progress_value():
    with pytest.raises(TypeError, match="progress must be None"):
        nn.MLP([2, 3, 1]).fit(*XOR, epochs=1, progress="auto")
