"""The multilayer perceptron: Dense and Activate layers in turn, then an output and its loss."""

import warnings

import numpy as np

from . import _checks
from .init import INITS
from .layers import Activate, Dense
from .optim import OPTIMIZERS
from .outputs import OUTPUTS


class MLP:
    """A small fully connected network trained by backpropagation, in float64 NumPy.

    Parameters
    ----------
    sizes : list of int
        Layer widths from inputs to outputs, e.g. ``[2, 16, 16, 1]`` (at least 2, each >= 1).
    activation : str or list of str
        Hidden activation(s) from :func:`actlab.activations.names`, one for all hidden layers or
        one per hidden layer. Vector-valued ones (softmax) are rejected.
    output : {"sigmoid", "softmax", "linear"}
        The output and its loss: sigmoid + binary cross-entropy (1 unit, y in {0, 1}), softmax +
        cross-entropy (k >= 2 units, integer labels), linear + mean squared error.
    init : {"standard", "xavier", "xavier_normal", "he", "he_uniform"}
        Weight initialisation (see :mod:`actlab.nn.init`); biases start at 0.
    seed : int or None
        Seeds the initial weights and the mini-batch order (two independent streams). Fixed by
        default so every run gives the same numbers; None draws fresh entropy from the OS.
    activation_params : dict or list of dict, optional
        Fixed parameters of the hidden activations, e.g. ``{"alpha": 0.1}``.

    >>> import numpy as np
    >>> net = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    >>> [W.shape for W, b in net.params], net.predict(np.zeros((4, 2))).ravel()
    ([(2, 3), (3, 1)], array([0.5, 0.5, 0.5, 0.5]))
    """

    def __init__(
        self,
        sizes,
        *,
        activation="tanh",
        output="sigmoid",
        init="xavier",
        seed=0,
        activation_params=None,
    ):
        self.sizes = _checks.sizes(sizes)
        n_hidden = len(self.sizes) - 2
        self.activation = _checks.per_layer(activation, n_hidden, "activation", str)
        kwargs = _checks.per_layer(activation_params or {}, n_hidden, "activation_params", dict)
        self.activation_params = [dict(kw) for kw in kwargs]
        self.output = _checks.choice(output, OUTPUTS, "output", "MLP")
        self.init = _checks.choice(init, INITS, "init", "MLP")
        self.seed = _checks.seed(seed, "MLP")
        self._head = OUTPUTS[output]
        self._head.check_size(self.sizes[-1])
        hidden = zip(self.activation, self.activation_params, strict=True)
        acts = [_checks.hidden_activation(name, kw) for name, kw in hidden]

        init_seq, fit_seq = np.random.SeedSequence(self.seed).spawn(2)
        init_rng = np.random.default_rng(init_seq)
        self._fit_rng = np.random.default_rng(fit_seq)
        self.layers = []
        for i, (fan_in, fan_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:], strict=True)):
            W = INITS[init](fan_in, fan_out, init_rng)
            self.layers.append(Dense(W, np.zeros(fan_out)))
            if i < n_hidden:
                self.layers.append(Activate(acts[i], self.activation_params[i]))

    def __repr__(self):
        return (
            f"MLP({self.sizes}, activation={self.activation}, output={self.output!r}, "
            f"init={self.init!r}, seed={self.seed})"
        )

    @property
    def params(self):
        """The weights and biases, a list of (W, b) with W of shape (fan_in, fan_out).

        These are the network's own arrays: editing one in place edits the network. Assigning a
        list of (W, b) pairs replaces them with shape-checked float64 copies.
        """
        return [(layer.W, layer.b) for layer in self.layers if isinstance(layer, Dense)]

    @params.setter
    def params(self, values):
        dense = [layer for layer in self.layers if isinstance(layer, Dense)]
        if not isinstance(values, (list, tuple)) or len(values) != len(dense):
            raise ValueError(f"MLP.params: expected a list of {len(dense)} (W, b) pairs")
        new = []
        for i, (layer, pair) in enumerate(zip(dense, values, strict=True)):
            W, b = (_checks.float_array(a, f"params[{i}]", "MLP.params") for a in pair)
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                raise ValueError(
                    f"MLP.params: params[{i}] must have shapes {layer.W.shape} and "
                    f"{layer.b.shape}, got {W.shape} and {b.shape}"
                )
            new.append((W, b))
        for layer, (W, b) in zip(dense, new, strict=True):
            layer.W, layer.b = W, b

    def _forward(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def _backward(self, dZ):
        for layer in reversed(self.layers):
            dZ = layer.backward(dZ)

    def _data(self, X, y, where):
        X = _checks.matrix(X, self.sizes[0], where)
        y = _checks.float_array(y, "y", where)
        return X, self._head.check_targets(y, X.shape[0], self.sizes[-1], where)

    def _evaluate(self, X, y):
        Z = self._forward(X)
        scores = {"loss": float(self._head.loss(Z, y))}
        if self._head.classification:
            scores["accuracy"] = float(np.mean(self._head.correct(Z, y)))
        return scores

    def predict(self, X):
        """Output values, shape (n, k): probabilities for sigmoid and softmax, values for linear."""
        return self._head.predict(self._forward(_checks.matrix(X, self.sizes[0], "MLP.predict")))

    def evaluate(self, X, y):
        """Mean loss (and accuracy for classification outputs) on (X, y), as a dict of floats."""
        return self._evaluate(*self._data(X, y, "MLP.evaluate"))

    def loss_and_grads(self, X, y):
        """Mean loss on (X, y) and its gradients, a list of (dW, db) shaped like ``params``."""
        X, y = self._data(X, y, "MLP.loss_and_grads")
        Z = self._forward(X)
        self._backward(self._head.grad(Z, y))
        grads = [(layer.dW, layer.db) for layer in self.layers if isinstance(layer, Dense)]
        return float(self._head.loss(Z, y)), grads

    def fit(
        self,
        X,
        y,
        *,
        epochs=200,
        lr=0.1,
        batch_size=32,
        optimizer="sgd",
        momentum=0.0,
        X_val=None,
        y_val=None,
        seed=None,
        verbose=False,
    ):
        """Train by mini-batch gradient descent; return the history, one entry per epoch.

        Each epoch visits the examples in a fresh random order in batches of ``batch_size``
        (None: the whole set). The order comes from ``seed`` if given, else from the network's
        seed. After each epoch the loss (and accuracy for classification) on the whole training
        set, and on (X_val, y_val) if given, are appended to ``history["loss"]``,
        ``["accuracy"]``, ``["val_loss"]``, ``["val_accuracy"]``. If the loss becomes NaN or
        inf (learning rate too large), training stops with a RuntimeWarning.
        """
        where = "MLP.fit"
        X, y = self._data(X, y, where)
        epochs = _checks.positive_int(epochs, "epochs", where)
        lr = _checks.positive_float(lr, "lr", where)
        batch_size = X.shape[0] if batch_size is None else batch_size
        batch_size = _checks.positive_int(batch_size, "batch_size", where)
        _checks.choice(optimizer, OPTIMIZERS, "optimizer", where)
        momentum = _checks.momentum(momentum, where)
        if optimizer == "sgd":
            opt = OPTIMIZERS["sgd"](lr, momentum=momentum)
        elif momentum:
            raise ValueError(f"{where}: momentum is for optimizer='sgd'; adam keeps its own")
        else:
            opt = OPTIMIZERS[optimizer](lr)
        if (X_val is None) != (y_val is None):
            raise ValueError(f"{where}: pass both X_val and y_val, or neither")
        val = None if X_val is None else self._data(X_val, y_val, where + " (validation)")
        rng = self._fit_rng if seed is None else np.random.default_rng(_checks.seed(seed, where))

        history = {"loss": []}
        if self._head.classification:
            history["accuracy"] = []
        if val is not None:
            history.update({f"val_{key}": [] for key in list(history)})
        n = X.shape[0]
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, epochs + 1):
                order = rng.permutation(n)
                for start in range(0, n, batch_size):
                    idx = order[start : start + batch_size]
                    Z = self._forward(X[idx])
                    self._backward(self._head.grad(Z, y[idx]))
                    params = [p for layer in self.layers for p in layer.parameters()]
                    opt.step(params, [g for layer in self.layers for g in layer.gradients()])
                for key, value in self._evaluate(X, y).items():
                    history[key].append(value)
                if val is not None:
                    for key, value in self._evaluate(*val).items():
                        history[f"val_{key}"].append(value)
                if verbose and (epoch % max(1, epochs // 10) == 0 or epoch in (1, epochs)):
                    print(f"epoch {epoch:>{len(str(epochs))}}/{epochs}", end="")
                    print("".join(f"  {k} {v[-1]:.4f}" for k, v in history.items()))
                if not np.isfinite(history["loss"][-1]):
                    warnings.warn(
                        f"{where}: the loss became {history['loss'][-1]} at epoch {epoch}; "
                        f"training stopped (try a smaller lr than {lr})",
                        RuntimeWarning,
                        stacklevel=2,
                    )
                    break
        return history
