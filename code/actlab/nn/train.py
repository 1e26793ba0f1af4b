"""The training loop behind :meth:`actlab.nn.MLP.fit`, and what it records after every epoch.

``history`` maps a name to a list with one entry per epoch:

- ``"loss"``: the mean loss over the whole training set; ``"accuracy"`` (classification
  outputs): the fraction of training examples classified right;
- ``"val_loss"``, ``"val_accuracy"``: the same on (X_val, y_val), when given;
- ``"grad_norm"``: a list with one float per Dense layer (the output layer last), the Frobenius
  norm of :math:`\\partial L/\\partial W` for the mean loss over the whole training set;
- ``"mean_activation"``: one float per hidden layer, the mean of its outputs over every training
  example and unit;
- ``"zero_fraction"``: one float per hidden layer, the fraction of its outputs that are exactly 0;
- ``"dead_fraction"``: one float per hidden layer, the fraction of its units whose activation
  has derivative exactly 0 on every training example, so that no gradient reaches their weights
  (a ReLU unit whose input is negative everywhere); NaN for a gated or softmax layer, where each
  output depends on several inputs and a unit has no single derivative;
- ``"activation_params"`` (only when the network learns activation parameters): one dict per
  hidden layer, name -> a copy of the array (shape (units,) or ()).

All of them come from one forward and one backward pass over the training set at the end of the
epoch, after its last update: the pass that gives the loss also gives the rest. With an activity
penalty (``activity_l1``) the losses recorded are the data's loss alone, without the penalty, so
that runs with and without it compare.
"""

import contextlib
import functools
import warnings

import numpy as np

from .. import _validate
from .layers import Activate
from .optim import OPTIMIZERS
from .progress import Progress

PER_LAYER = ("grad_norm", "mean_activation", "zero_fraction", "dead_fraction")
#: How many times its value before training the loss may grow before ``fit`` warns, once, that
#: training diverges (a normal fit's loss falls, or rises by a few times at worst).
DIVERGENCE = 1e3


class DivergenceWarning(RuntimeWarning):
    """The training loss grew by orders of magnitude: the learning rate is too large."""


def dead_units_mask(derivative_values):
    """Which units are dead: a bool array (units,), True where the activation's derivative is
    exactly 0 on every example, so that no gradient reaches the unit's weights.

    ``derivative_values`` has shape (examples, units): a hidden layer's :math:`f'(Z)`. This is
    the definition behind ``history["dead_fraction"]``. A NaN derivative does not count as 0;
    with no examples at all, every unit counts as dead (none passes a gradient).

    >>> dead_units_mask(np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.01]]))
    array([ True, False, False])
    """
    slope = np.asarray(derivative_values)
    if slope.dtype.kind not in "fiu":
        raise TypeError(f"dead_units_mask: expected real numbers, got dtype {slope.dtype}")
    if slope.ndim != 2:
        raise ValueError(
            f"dead_units_mask: expected shape (examples, units), got shape {slope.shape}"
        )
    return ~slope.any(axis=0)


def full_pass(net, X, y):
    """One forward and one backward pass over all of (X, y): what an epoch records."""
    Z = net._forward(X)
    loss, dZ = net._head.loss_and_grad(Z, y)
    record = {"loss": float(loss)}
    if net._head.classification:
        record["accuracy"] = float(np.count_nonzero(net._head.correct(Z, y)) / len(y))
    net._backward(dZ)
    hidden = net._hidden
    record["grad_norm"] = [float(np.linalg.norm(layer.dW)) for layer in net._dense]
    record["mean_activation"] = [float(np.mean(layer._A)) for layer in hidden]
    record["zero_fraction"] = [
        float(np.count_nonzero(layer._A == 0) / layer._A.size) for layer in hidden
    ]
    record["dead_fraction"] = [
        float(np.count_nonzero(dead_units_mask(layer.slope)) / layer.slope.shape[1])
        if layer.slope is not None
        else float("nan")  # a gated or softmax layer: a unit's derivative is not one number
        for layer in hidden
    ]
    if net._theta.size > net._n_weights:
        record["activation_params"] = snapshot(net)
    return record


def snapshot(net):
    """Copies of the learned activation parameters, one dict per hidden layer."""
    return [{k: v.copy() for k, v in layer.trained.items()} for layer in net._hidden]


def broken_record(net, history):
    """NaN for every number of an epoch in which an activation parameter became NaN or inf (the
    activation would refuse it, so the epoch's pass cannot be run)."""
    record = {}
    for key in history:
        if key in PER_LAYER:
            count = len(net._dense) if key == "grad_norm" else len(net._hidden)
            record[key] = [float("nan")] * count
        elif key == "activation_params":
            record[key] = snapshot(net)
        else:
            record[key] = float("nan")
    return record


def backward_penalised(net, dZ, activity_l1):
    r"""Back-propagate ``dZ`` (the output's gradient for a batch of m examples) with an L1
    activity penalty :math:`\lambda \frac{1}{m} \sum_i \sum_j |a_{ij}|` over every hidden
    output: each hidden layer's gradient gains :math:`\lambda\,\mathrm{sign}(A)/m` before it
    passes back through the activation (Glorot, Bordes & Bengio 2011 penalise the rectifiers'
    activations so). ``activity_l1 = 0`` is the plain backward pass."""
    scale = activity_l1 / dZ.shape[0]
    for layer in reversed(net.layers):
        if scale and isinstance(layer, Activate):
            dZ = dZ + scale * np.sign(layer._A)
        dZ = layer.backward(dZ)


def one_blas_thread():
    """A context in which the BLAS library (NumPy's matrix products) runs on one thread.

    The network's matrices are small: on an idle machine a second thread saves nothing
    measurable, and when another process keeps a core busy, the threads of each product wait for
    each other (measured on 2 cores, [64, 64, 10] on 1200 examples for 50 epochs: 0.33 s on one
    thread, 0.54-0.84 s on two). This needs ``threadpoolctl`` (pinned in requirements.txt);
    without it, BLAS keeps its own setting. The libraries are found once per process (finding
    them reads ``/proc``, about 0.4 ms, which a loop of one-epoch ``fit`` calls would pay each
    time).
    """
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


@functools.cache
def _blas_controller():
    """threadpoolctl's controller of the loaded thread pools, made once; None without it."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _optimizer(optimizer, lr, momentum, where):
    _validate.choice(optimizer, OPTIMIZERS, "optimizer", where)
    momentum = _validate.fraction(momentum, "momentum", where)
    if optimizer == "sgd":
        return OPTIMIZERS["sgd"](lr, momentum=momentum)
    if momentum:
        raise ValueError(f"{where}: momentum is for optimizer='sgd'; adam keeps its own")
    return OPTIMIZERS[optimizer](lr)


def fit(net, X, y, *, epochs, lr, batch_size, optimizer, momentum, X_val, y_val, seed,
        verbose, progress, activity_l1=0.0):  # fmt: skip
    """Train ``net`` in place and return its history (see :meth:`actlab.nn.MLP.fit`)."""
    where = "MLP.fit"
    X, y = net._data(X, y, where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    lr = _validate.positive(lr, "lr", where)
    batch_size = X.shape[0] if batch_size is None else batch_size
    batch_size = _validate.positive_int(batch_size, "batch_size", where)
    opt = _optimizer(optimizer, lr, momentum, where)
    activity_l1 = _validate.nonnegative(activity_l1, "activity_l1", where)
    if (X_val is None) != (y_val is None):
        raise ValueError(f"{where}: pass both X_val and y_val, or neither")
    val = None if X_val is None else net._data(X_val, y_val, where + " (validation)")
    rng = net._fit_rng if seed is None else np.random.default_rng(_validate.seed(seed, where))
    verbose = _validate.boolean(verbose, "verbose", where)
    bar = Progress(_validate.optional_bool(progress, "progress", where), epochs)
    with np.errstate(over="ignore", invalid="ignore"):
        start_loss = float(net._head.loss(net._forward(X), y))
    if not np.isfinite(start_loss):
        net._refuse_overflow(X, where, "loss before training", y)

    history = {"loss": []}
    if net._head.classification:
        history["accuracy"] = []
    if val is not None:
        history.update({f"val_{key}": [] for key in list(history)})
    scalars = list(history)
    history.update({key: [] for key in PER_LAYER})
    learned = net._theta[net._n_weights :]  # the activation parameters, a view
    if learned.size:
        history["activation_params"] = []
    theta, grad, head = [net._theta], [net._grad], net._head
    n, warned = X.shape[0], False
    with np.errstate(over="ignore", invalid="ignore"), one_blas_thread():
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n)
            X_epoch, y_epoch, finite = X[order], y[order], True
            for start in range(0, n, batch_size):
                Z = net._forward(X_epoch[start : start + batch_size])
                backward_penalised(net, head.grad(Z, y_epoch[start : start + batch_size]),
                                   activity_l1)  # fmt: skip
                opt.step(theta, grad)
                if learned.size and not np.isfinite(learned).all():
                    finite = False
                    break
            record = full_pass(net, X, y) if finite else broken_record(net, history)
            if val is not None and finite:
                record.update({f"val_{k}": v for k, v in net._evaluate(*val).items()})
            for key, value in record.items():
                history[key].append(value)
            if verbose and (epoch % max(1, epochs // 10) == 0 or epoch in (1, epochs)):
                print(f"epoch {epoch:>{len(str(epochs))}}/{epochs}", end="")
                print("".join(f"  {k} {history[k][-1]:.4f}" for k in scalars))
            bar.update(epoch, record["loss"])
            loss = record["loss"]
            if not warned and 0 < start_loss and DIVERGENCE * start_loss < loss < np.inf:
                warned = True
                warnings.warn(
                    f"{where}: the training loss grew from {start_loss:.3g} before training to "
                    f"{loss:.3g} at epoch {epoch}, over {DIVERGENCE:g} times: training is "
                    f"diverging; try a smaller lr than {lr:g}",
                    DivergenceWarning,
                    stacklevel=3,
                )
            if not np.isfinite(loss):
                warnings.warn(
                    f"{where}: the loss became {record['loss']} at epoch {epoch}; "
                    f"training stopped (try a smaller lr than {lr})",
                    RuntimeWarning,
                    stacklevel=3,
                )
                break
    bar.close()
    return history
