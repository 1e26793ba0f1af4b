"""The multilayer perceptron: Dense and Activate layers in turn, then an output and its loss.

Every trainable number (weights, biases, learned activation parameters) lives in one flat
float64 vector, and the layers' arrays are views into it, as are their gradients in a second
vector: the optimiser then updates the whole network in a handful of NumPy operations per step,
however many layers it has.
"""

import numpy as np

from .. import _validate, activations
from . import _setup, train
from .init import INITS
from .layers import Activate, Dense, VectorActivate
from .outputs import OUTPUTS


def _leaves(values):
    """The numbers and arrays inside nested lists, tuples and dicts (a result of :class:`MLP`)."""
    for value in values:
        if isinstance(value, dict):
            yield from _leaves(value.values())
        elif isinstance(value, (list, tuple)):
            yield from _leaves(value)
        else:
            yield value


class MLP:
    """A small fully connected network trained by backpropagation, in float64 NumPy.

    Parameters
    ----------
    sizes : list of int
        Layer widths from inputs to outputs, e.g. ``[2, 16, 16, 1]`` (at least 2, each >= 1).
    activation : str, Activation, or a list of them
        Hidden activation(s) from :func:`actlab.activations.names`, one for all hidden layers or
        one per hidden layer. Vector-valued ones work too: softmax (and log_softmax, softmin)
        over the layer's units, and the gated units glu, reglu, geglu and swiglu. An
        :class:`actlab.activations.Activation` of one's own (not registered, such as one made by
        :func:`actlab.experiments.as_activation`) is used as it is.

    Widths: ``sizes`` lists each layer's OUTPUT width. A hidden layer of width u with a gated
    activation has a Dense layer that makes 2u pre-activations (a value half a and a gate half b)
    and outputs the u values ``a * g(b)``: ``MLP([2, 16, 1], activation="swiglu")``
    has weights of shapes (2, 32) and (16, 1), ``n_params`` = 2*32 + 32 + 16 + 1 = 113. To
    compare with a plain layer at equal parameter count, shrink u (Shazeer 2020 uses 2/3 of the
    plain width). :attr:`n_params` counts every trained number.
    output : {"sigmoid", "softmax", "linear"}
        The output and its loss: sigmoid + binary cross-entropy (1 unit, y in [0, 1]), softmax +
        cross-entropy (k >= 2 units, integer labels), linear + mean squared error.
    init : {"normal", "uniform", "standard", "xavier", "xavier_normal", "he", "he_uniform", \
"he_prelu"}
        Weight initialisation (see :mod:`actlab.nn.init`); biases start at 0.
    seed : int or None
        Seeds the initial weights and the mini-batch order (two independent streams). Fixed by
        default so every run gives the same numbers; None draws fresh entropy from the OS.
    activation_params : dict or list of dict, optional
        Parameters of the hidden activations, e.g. ``{"alpha": 0.1}``: fixed values, or the
        starting values of trained ones.
    activation_param_sharing : {"unit", "layer"} or a list of them
        For a trained parameter: one value per unit (the default, as He et al. 2015 learn one
        slope per channel), or one for the whole layer.
    train_activation_params : bool or list of bool
        Whether PReLU's ``alpha`` and Swish's ``beta`` are learned by backpropagation with the
        weights (default True; they start from ``activation_params`` or the registry's defaults,
        0.25 and 1.0). Other activations' parameters are always fixed.
    init_scale : float, optional
        The standard deviation for ``init="normal"``, the half-width for ``"uniform"`` (0.05 if
        not given); an error with any other init.
    init_slope : float, optional
        The slope a in ``init="he_prelu"``; if not given, each layer uses the initial alpha of
        the activation applied to its inputs (the first layer, of the one after it) when that is
        prelu or leaky_relu, else 0 (plain He). An error with any other init.

    The learned activation parameters are in :attr:`activation_parameters`; ``fit`` records
    their values after every epoch in ``history["activation_params"]``.

    >>> import numpy as np
    >>> net = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    >>> [W.shape for W, b in net.params], net.predict(np.zeros((4, 2))).ravel()
    ([(2, 3), (3, 1)], array([0.5, 0.5, 0.5, 0.5]))
    >>> net = MLP([2, 3, 3, 1], activation="prelu", activation_param_sharing=["unit", "layer"])
    >>> net.activation_parameters
    [{'alpha': array([0.25, 0.25, 0.25])}, {'alpha': array(0.25)}]
    >>> net = MLP([2, 16, 1], activation="swiglu")
    >>> [W.shape for W, b in net.params], net.n_params, MLP([2, 16, 1], activation="relu").n_params
    ([(2, 32), (16, 1)], 113, 65)
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
        activation_param_sharing="unit",
        train_activation_params=True,
        init_scale=None,
        init_slope=None,
    ):
        self.sizes = _setup.sizes(sizes)
        n_hidden = len(self.sizes) - 2
        kinds = (str, activations.Activation)  # a registry name, or an Activation of one's own
        self.activation = _setup.per_layer(activation, n_hidden, "activation", kinds)
        kwargs = _setup.per_layer(activation_params or {}, n_hidden, "activation_params", dict)
        self.activation_params = [dict(kw) for kw in kwargs]
        sharing = _setup.per_layer(
            activation_param_sharing, n_hidden, "activation_param_sharing", str
        )
        self.activation_param_sharing = [
            _validate.choice(s, _setup.SHARING, "activation_param_sharing", "MLP") for s in sharing
        ]
        self.train_activation_params = _setup.per_layer(
            train_activation_params, n_hidden, "train_activation_params", bool
        )
        self.output = _validate.choice(output, OUTPUTS, "output", "MLP")
        self.init = _validate.choice(init, INITS, "init", "MLP")
        self.init_scale, self.init_slope = init_scale, init_slope
        self.seed = _validate.seed(seed, "MLP")
        self._head = OUTPUTS[output]
        self._head.check_size(self.sizes[-1])
        hidden = zip(self.activation, self.activation_params, self.sizes[1:-1], strict=True)
        acts = [_setup.hidden_activation(name, kw, units) for name, kw, units in hidden]
        init_options = _setup.init_options(self, init_scale, init_slope)
        trained = [_setup.learned_start(self, i) for i in range(n_hidden)]

        # One flat vector for every trainable number, and one for their gradients; the layers'
        # arrays are views into them. The activation parameters come last. A gated layer's
        # Dense makes twice its width (a value half and a gate half).
        pre = [_setup.pre_width(act, u) for act, u in zip(acts, self.sizes[1:-1], strict=True)]
        pairs = list(zip(self.sizes[:-1], [*pre, self.sizes[-1]], strict=True))
        shapes = [shape for fan_in, fan_out in pairs for shape in ((fan_in, fan_out), (fan_out,))]
        self._n_weights = sum(int(np.prod(s)) for s in shapes)
        shapes += [value.shape for start in trained for value in start.values()]
        total = sum(int(np.prod(s)) for s in shapes)
        self._theta, self._grad = np.zeros(total), np.zeros(total)
        values = iter(_setup.views(self._theta, shapes))
        grads = iter(_setup.views(self._grad, shapes))

        init_seq, fit_seq = np.random.SeedSequence(self.seed).spawn(2)
        init_rng = np.random.default_rng(init_seq)
        self._fit_rng = np.random.default_rng(fit_seq)
        self._dense = []
        for (fan_in, fan_out), options in zip(pairs, init_options, strict=True):
            dense = Dense(next(values), next(values))
            dense.W[...] = INITS[init](fan_in, fan_out, init_rng, **options)
            dense.dW, dense.db = next(grads), next(grads)
            self._dense.append(dense)
        self._dense[0].input_grad = False  # nothing before the first layer needs dL/dX
        self._hidden = []
        for i, (act, start) in enumerate(zip(acts, trained, strict=True)):
            fixed = {k: v for k, v in self.activation_params[i].items() if k not in start}
            learned = {name: next(values) for name in start}
            for name, value in start.items():
                learned[name][...] = value
            if act.vector_valued:
                layer = VectorActivate(act, fixed)
            else:
                layer = Activate(act, fixed, learned)
            layer.grads = {name: next(grads) for name in start}
            self._hidden.append(layer)
        self.layers = [self._dense[0]]
        for act, dense in zip(self._hidden, self._dense[1:], strict=True):
            self.layers += [act, dense]

    def __repr__(self):
        return (
            f"MLP({self.sizes}, activation={self.activation}, output={self.output!r}, "
            f"init={self.init!r}, seed={self.seed})"
        )

    @property
    def params(self):
        """The weights and biases, a list of (W, b) with W of shape (fan_in, fan_out).

        These are the network's own arrays: editing one in place edits the network. Assigning a
        list of (W, b) pairs copies their values in, after checking shapes (float64).
        """
        return [(layer.W, layer.b) for layer in self._dense]

    @params.setter
    def params(self, values):
        if not isinstance(values, (list, tuple)) or len(values) != len(self._dense):
            raise ValueError(f"MLP.params: expected a list of {len(self._dense)} (W, b) pairs")
        new = []
        for i, (layer, pair) in enumerate(zip(self._dense, values, strict=True)):
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise ValueError(f"MLP.params: params[{i}] must be a pair (W, b), got {pair!r}")
            W, b = (_validate.float_array(a, f"params[{i}]", "MLP.params") for a in pair)
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                raise ValueError(
                    f"MLP.params: params[{i}] must have shapes {layer.W.shape} and "
                    f"{layer.b.shape}, got {W.shape} and {b.shape}"
                )
            new.append((W, b))
        for layer, (W, b) in zip(self._dense, new, strict=True):
            layer.W[...], layer.b[...] = W, b

    @property
    def n_params(self):
        """How many numbers the network trains: weights, biases and learned activation
        parameters (a gated layer of width u has a Dense of 2u outputs)."""
        return int(self._theta.size)

    @property
    def activation_parameters(self):
        """The learned activation parameters: one dict per hidden layer, name -> array.

        Each array has shape (units,) (one value per unit) or () (one for the layer); a layer
        with nothing to learn gives ``{}``. They are the network's own arrays, updated in place
        by ``fit``: copy them to keep a snapshot (``history["activation_params"]`` holds one per
        epoch).
        """
        return [dict(layer.trained) for layer in self._hidden]

    def activation_parameter_grads(self):
        """Gradients of the mean loss in the learned activation parameters, from the last
        backward pass (``loss_and_grads``, ``backward_signals`` or the end of ``fit``'s last
        epoch, which is a pass over the whole training set); shaped like
        :attr:`activation_parameters`, as copies."""
        return [{k: g.copy() for k, g in layer.grads.items()} for layer in self._hidden]

    def _forward(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def _backward(self, dZ):
        for layer in reversed(self.layers):
            dZ = layer.backward(dZ)

    def _data(self, X, y, where):
        X = _validate.matrix(X, "X", where, self.sizes[0])
        y = _validate.float_array(y, "y", where)
        return X, self._head.check_targets(y, X.shape[0], self.sizes[-1], where)

    def _evaluate(self, X, y):
        Z = self._forward(X)
        scores = {"loss": float(self._head.loss(Z, y))}
        if self._head.classification:
            scores["accuracy"] = float(np.mean(self._head.correct(Z, y)))
        return scores

    def _refuse_overflow(self, X, where, what, y=None):
        """Raise the ValueError that explains why ``what`` came out NaN or inf on finite X."""
        if not np.isfinite(self._theta).all():
            raise ValueError(
                f"{where}: the network's parameters hold NaN or inf (a fit that diverged?), so "
                f"its {what} is not finite"
            )
        sizes = f"largest |X| {np.abs(X).max():.3g}"
        if y is not None:
            sizes += f", largest |y| {np.abs(y).max():.3g}"
        raise ValueError(
            f"{where}: the {what} overflows float64 on these inputs ({sizes}); scale X down, "
            "e.g. standardise each column (and y, for a linear output)"
        )

    def _finite(self, X, where, what, compute, y=None):
        """``compute()`` with NumPy's overflow warnings off, refused if any result is not finite:
        finite inputs give finite answers or a ValueError that says why, never a RuntimeWarning."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            result = compute()
        arrays = result if isinstance(result, (list, tuple)) else [result]
        if not all(np.isfinite(np.asarray(a, dtype=float)).all() for a in _leaves(arrays)):
            self._refuse_overflow(X, where, what, y)
        return result

    def predict(self, X):
        """Output values, shape (n, k): probabilities for sigmoid and softmax, values for linear.

        Finite inputs whose outputs would overflow float64 are refused with a ValueError."""
        where = "MLP.predict"
        X = _validate.matrix(X, "X", where, self.sizes[0])
        return self._finite(X, where, "output", lambda: self._head.predict(self._forward(X)))

    def evaluate(self, X, y):
        """Mean loss (and accuracy for classification outputs) on (X, y), as a dict of floats.

        Finite inputs whose loss would overflow float64 are refused with a ValueError."""
        where = "MLP.evaluate"
        X, y = self._data(X, y, where)
        scores = self._finite(X, where, "loss", lambda: self._evaluate(X, y), y)
        return scores

    def loss_and_grads(self, X, y):
        """Mean loss on (X, y) and its gradients, a list of (dW, db) shaped like ``params``.

        The gradients of learned activation parameters come from
        :meth:`activation_parameter_grads` after this call.
        """
        where = "MLP.loss_and_grads"
        X, y = self._data(X, y, where)

        def compute():
            loss, dZ = self._head.loss_and_grad(self._forward(X), y)
            self._backward(dZ)
            return float(loss), [(layer.dW.copy(), layer.db.copy()) for layer in self._dense]

        return self._finite(X, where, "loss or its gradient", compute, y)

    def forward_trace(self, X):
        """Each hidden layer's pre-activations and activations on X: a list of dicts
        ``{"Z": (n, units), "A": (n, units)}``, first hidden layer first (for a gated layer Z
        has 2 * units columns, the value half then the gate half)."""
        where = "MLP.forward_trace"
        X = _validate.matrix(X, "X", where, self.sizes[0])

        def compute():
            self._forward(X)
            return [{"Z": layer._Z, "A": layer._A} for layer in self._hidden]

        return self._finite(X, where, "hidden layers' output", compute)

    def backward_signals(self, X, y):
        """The error signal reaching each hidden layer: a list, first hidden layer first, of
        arrays (n, units) whose row i is the gradient of example i's own loss in the layer's
        pre-activations, :math:`\\partial L_i / \\partial Z_i` (n times that of the mean loss);
        a gated layer's arrays have 2 * units columns, as its pre-activations."""
        where = "MLP.backward_signals"
        X, y = self._data(X, y, where)

        def compute():
            dZ, signals = self._head.grad(self._forward(X), y), []
            for layer in reversed(self.layers):
                dZ = layer.backward(dZ)
                if isinstance(layer, Activate):
                    signals.append(dZ * X.shape[0])
            return signals[::-1]

        return self._finite(X, where, "backward signal", compute, y)

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
        progress=None,
        activity_l1=0.0,
    ):
        """Train by mini-batch gradient descent; return the history, one entry per epoch.

        Each epoch visits the examples in a fresh random order in batches of ``batch_size``
        (None: the whole set); the order comes from ``seed`` if given, else from the network's
        seed. ``optimizer`` is ``"sgd"`` (with ``momentum``) or ``"adam"``; learned activation
        parameters are updated with the weights. After each epoch one forward and one backward
        pass over the whole training set fill ``history`` (:mod:`actlab.nn.train` describes
        every key): ``"loss"``, ``"accuracy"`` (classification), ``"val_loss"`` and
        ``"val_accuracy"`` (with X_val and y_val), and per layer ``"grad_norm"``,
        ``"mean_activation"``, ``"zero_fraction"``, ``"dead_fraction"`` and, when activation
        parameters are learned, ``"activation_params"``. If the loss grows to more than
        :data:`~actlab.nn.train.DIVERGENCE` (1000) times its value before training, ``fit`` warns
        once with a :class:`~actlab.nn.DivergenceWarning` (a RuntimeWarning) and goes on; if it
        becomes NaN or inf (learning rate too large), training stops with a RuntimeWarning. A loss
        that is not finite before training (inputs too large) is a ValueError.

        ``activity_l1`` (a number >= 0) adds an L1 penalty on the hidden layers' outputs to the
        loss that is minimised, ``activity_l1`` times the mean over the batch of the sum of
        :math:`|a|` over every hidden unit; it pushes outputs to exactly 0 (sparsity). The
        losses in ``history`` are the data's loss, without the penalty.

        ``verbose=True`` (a bool) prints a line about every tenth epoch. ``progress``: None
        shows a bar in a Jupyter notebook once a run has taken 2 s (never in the book's build);
        True shows it from the start, and outside a notebook draws a one-line text bar on
        stderr; False shows nothing. While it trains, NumPy's matrix products run on one thread if
        ``threadpoolctl`` is installed (see :func:`actlab.nn.train.one_blas_thread`).
        """
        return train.fit(
            self, X, y, epochs=epochs, lr=lr, batch_size=batch_size, optimizer=optimizer,
            momentum=momentum, X_val=X_val, y_val=y_val, seed=seed, verbose=verbose,
            progress=progress, activity_l1=activity_l1,
        )  # fmt: skip
