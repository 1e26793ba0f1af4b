r"""Dying units during training: which hidden units are negative on every example, epoch by epoch.

A ReLU unit whose weighted input :math:`z` is at most 0 on every training example outputs 0
there and has slope 0 there, so no gradient reaches its weights: it is **dead**. A leaky ReLU or
PReLU unit in the same place is on its negative side everywhere but still has slope
:math:`\alpha`, so it keeps learning. :func:`dead_units_during_training` records, after every
epoch, which units are in that place, so a chapter can count deaths, revivals and the cost.

>>> r = dead_units_during_training(hidden=(8, 8), epochs=2, data_kw={"n": 60}, dataset="moons")
>>> r.epochs.tolist(), r.fraction.shape, [m.shape for m in r.negative]
([0, 1, 2], (3, 2), [(3, 8), (3, 8)])
"""

import dataclasses
import warnings

import numpy as np

from .. import _validate, activations, data, nn
from .._seeds import derived_seed
from ..nn.init import INITS
from .training import _output

#: The bias given to the units that ``killed`` silences before training: far below any weighted
#: sum that inputs of the size of the course's data sets (|x| of a few units) produce.
KILL_BIAS = -1e3


@dataclasses.dataclass(frozen=True)
class DyingRun:
    """Result of :func:`dead_units_during_training`; row ``e`` is after epoch ``e`` (0: before)."""

    activation: str
    epochs: np.ndarray  # 0..epochs (fewer if training stopped, see ``diverged``)
    negative: list  # per hidden layer, bool (epochs + 1, units): z <= 0 on every example
    loss: np.ndarray  # (epochs + 1,) training loss
    val_accuracy: np.ndarray  # (epochs + 1,) accuracy on the validation set
    base_rate: float  # validation accuracy of always answering the training majority class
    alpha: list | None  # PReLU only: per hidden layer, the learned slopes (epochs + 1, units)
    killed: list  # per hidden layer, the indices of the units silenced before training
    diverged: bool  # the loss grew over 1000-fold or became NaN (training then stopped)
    net: nn.MLP  # the trained network

    @property
    def fraction(self):
        """(epochs + 1, layers): the share of each layer's units negative on every example."""
        return np.array([m.mean(axis=1) for m in self.negative]).T

    @property
    def overall(self):
        """(epochs + 1,): the share of all hidden units negative on every example."""
        return np.concatenate(self.negative, axis=1).mean(axis=1)

    @property
    def ever(self):
        """Per layer, how many units were negative everywhere after some epoch (0 included)."""
        return [int(m.any(axis=0).sum()) for m in self.negative]

    @property
    def revived(self):
        """Per layer, how many of those units are not negative everywhere at the end."""
        return [int((m.any(axis=0) & ~m[-1]).sum()) for m in self.negative]


def dead_units_during_training(activation="relu", dataset="digits", *, hidden=(32, 32, 32),
                               epochs=10, lr=0.1, batch_size=32, init="he", bias_shift=0.0,
                               killed=0.0, activation_params=None, seed=0, data_seed=0,
                               data_kw=None):  # fmt: skip
    r"""Train a network and record, after every epoch, which hidden units are negative everywhere.

    Claim (dying ReLU, ``lu2019dying``, ``maas2013rectifier``): a ReLU unit whose weighted input
    is at most 0 on every training example outputs 0 and gets no gradient; a large learning rate
    or a negative shift of the biases can push many units there. A unit of the first hidden
    layer sees the fixed inputs, so once it is dead no gradient can change it again (with plain
    gradient descent); a unit of a deeper layer sees the outputs of the layers below, which keep
    learning, so it can come back. Leaky ReLU and PReLU units in the same place still have slope
    :math:`\alpha` there and keep learning.

    Trains ``nn.MLP([d, *hidden, k], activation, init=init, seed=seed)`` (softmax output for
    classes) with plain mini-batch gradient descent on ``data.load(dataset, seed=data_seed,
    **data_kw)``. Before training, every hidden bias is lowered by ``bias_shift``, and in each
    hidden layer the first ``round(killed * units)`` units get the bias :data:`KILL_BIAS`, which
    silences them for good (their weights then never receive a gradient). The batch order of
    each epoch comes from ``derived_seed(seed, "batches")``. After every epoch (and before the
    first) it records, on the training set, which units have :math:`z \le 0` on every example
    (``negative``; for ReLU this is exactly ``experiments.dead_units``), the loss, the validation
    accuracy and, for PReLU, the slopes. If the loss grows over 1000-fold or becomes NaN, the run
    stops there and ``diverged`` is True (no warning is shown). Returns :class:`DyingRun`.
    """
    where = "experiments.dead_units_during_training"
    if not isinstance(activation, (str, activations.Activation)):
        raise TypeError(
            f"{where}: activation must be a name such as 'relu' (or an activations.Activation), "
            f"got {activation!r}"
        )
    hidden = _validate.positive_ints(hidden, "hidden", where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    lr = _validate.positive(lr, "lr", where)
    batch_size = _validate.positive_int(batch_size, "batch_size", where)
    _validate.choice(init, INITS, "init", where)
    bias_shift = _validate.real(bias_shift, "bias_shift", where)
    killed = _validate.real(killed, "killed", where)
    if not 0 <= killed <= 1:
        raise ValueError(f"{where}: killed must be a share of the units in [0, 1], got {killed}")
    seed = _validate.seed(seed, where)
    if seed is None:
        raise ValueError(f"{where}: seed must be an integer >= 0 (None would not repeat)")
    data_seed = _validate.seed(data_seed, where, "data_seed")
    d = data.load(dataset, seed=data_seed, **_validate.mapping(data_kw, "data_kw", where))
    if d.classes is None:
        raise ValueError(f"{where}: {dataset!r} is a regression set; give a classification one")
    output, k = _output(d)
    net = nn.MLP([d.X_train.shape[1], *hidden, k], activation=activation, output=output,
                 init=init, seed=seed, activation_params=activation_params)  # fmt: skip
    silenced = []
    for _, b in net.params[:-1]:
        b -= bias_shift
        silenced.append(np.arange(round(killed * b.size)))
        b[silenced[-1]] = KILL_BIAS
    majority = np.bincount(d.y_train).argmax()
    base_rate = float(np.mean(d.y_val == majority))
    learns_alpha = activation == "prelu" and any(net.train_activation_params)
    batches = np.random.default_rng(derived_seed(seed, "batches"))

    def state(loss, accuracy):
        trace = net.forward_trace(d.X_train)
        negative = [(t["Z"] <= 0).all(axis=0) for t in trace]
        slopes = None
        if learns_alpha:
            slopes = [np.broadcast_to(p["alpha"], (t["Z"].shape[1],)).copy()
                      for p, t in zip(net.activation_parameters, trace, strict=True)]  # fmt: skip
        return negative, loss, accuracy, slopes

    with nn.train.one_blas_thread():  # small matrices: see one_blas_thread
        rows, diverged = _train(net, d, state, epochs, lr, batch_size, batches)
    negative, loss, accuracy, slopes = zip(*rows, strict=True)
    return DyingRun(
        activation=activation,
        epochs=np.arange(len(rows)),
        negative=[np.array(layer) for layer in zip(*negative, strict=True)],
        loss=np.array(loss),
        val_accuracy=np.array(accuracy),
        base_rate=base_rate,
        alpha=[np.array(a) for a in zip(*slopes, strict=True)] if learns_alpha else None,
        killed=silenced,
        diverged=diverged,
        net=net,
    )


def _train(net, d, state, epochs, lr, batch_size, batches):
    """The epochs, one ``fit`` call each: the rows of ``state`` and whether training broke."""
    start = net.evaluate(d.X_train, d.y_train)["loss"]
    rows = [state(start, net.evaluate(d.X_val, d.y_val)["accuracy"])]
    for _ in range(epochs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            history = net.fit(d.X_train, d.y_train, epochs=1, lr=lr, batch_size=batch_size,
                              X_val=d.X_val, y_val=d.y_val, progress=False,
                              seed=int(batches.integers(2**63)))  # fmt: skip
        loss = history["loss"][-1]
        if not np.isfinite(loss) or loss > nn.train.DIVERGENCE * start:
            return rows, True
        for w in caught:  # a divergence is recorded; anything else is not ours to hide
            if not issubclass(w.category, nn.DivergenceWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        rows.append(state(loss, history["val_accuracy"][-1]))
    return rows, False
