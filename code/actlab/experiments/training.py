"""Measurements of training runs: layer statistics epoch by epoch, and activations compared.

Both train ``nn.MLP`` networks on a data set of :mod:`actlab.data`, with the initial weights, the
data and the batch order drawn from independent streams (see :func:`derived_seed`).

>>> s = activation_stats_during_training("relu", hidden=(4,), epochs=2, data_kw={"n": 40})
>>> s.epochs.tolist(), s.loss.shape, s.zero_fraction.shape  # row 0 is before training
([0, 1, 2], (3,), (3, 1))
"""

import dataclasses

import numpy as np

from .. import _validate, activations, data, nn
from .._seeds import derived_seed
from ..nn.init import INITS
from .trained import dead_units


@dataclasses.dataclass(frozen=True)
class TrainingStats:
    """Result of :func:`activation_stats_during_training`; row 0 is before training."""

    epochs: np.ndarray  # 0..epochs
    mean_activation: np.ndarray  # (epochs + 1, hidden layers)
    zero_fraction: np.ndarray  # (epochs + 1, hidden layers)
    dead_fraction: np.ndarray  # (epochs + 1, hidden layers)
    loss: np.ndarray  # (epochs + 1,) training loss
    history: dict  # what MLP.fit returned


def _output(split):
    """Output head and number of output units for a data set: sigmoid, softmax or linear."""
    k = split.classes
    if k is None:
        return "linear", 1
    return ("sigmoid", 1) if k == 2 else ("softmax", k)


def activation_stats_during_training(activation="sigmoid", dataset="moons", *, hidden=(16, 16, 16),
                                     epochs=30, lr=0.1, optimizer="sgd", batch_size=32,
                                     init="xavier", seed=0, data_kw=None):  # fmt: skip
    """Mean output of each hidden layer, its share of zeros and of dead units, epoch by epoch.

    Claims: sigmoid units are not zero-centred (their outputs are all positive, mean near 0.5),
    which makes the updates of a unit's weights share one sign and training zig-zag; tanh's mean
    stays near 0 (``lecun1998efficient``). Glorot & Bengio watched the top sigmoid layer
    saturate at 0 early in training (``glorot2010understanding``): a sigmoid layer's mean near 0
    shows it. ReLU layers output many exact zeros (``glorot2011deep``).

    Trains ``nn.MLP(..., seed=seed)`` with ``hidden`` layers on ``data.load(dataset,
    derived_seed(seed, "data"), **data_kw)``, the mini-batches in the order of
    ``derived_seed(seed, "batches")`` (three independent streams, see the notes of
    :mod:`actlab.experiments`), and wraps ``fit``'s history, adding row 0 (before training)
    measured the same way on the training set. Returns :class:`TrainingStats`.
    """
    where = "experiments.activation_stats_during_training"
    seed = _validate.seed(seed, where)
    hidden = _validate.positive_ints(hidden, "hidden", where)
    d = data.load(
        dataset, seed=derived_seed(seed, "data"), **_validate.mapping(data_kw, "data_kw", where)
    )
    output, k = _output(d)
    sizes = [d.X_train.shape[1], *hidden, k]
    net = nn.MLP(sizes, activation=activation, output=output, init=init, seed=seed)
    trace = net.forward_trace(d.X_train)
    start = dead_units(net, d.X_train)
    loss0 = net.evaluate(d.X_train, d.y_train)["loss"]
    history = net.fit(d.X_train, d.y_train, epochs=epochs, lr=lr, batch_size=batch_size,
                      optimizer=optimizer, X_val=d.X_val, y_val=d.y_val,
                      seed=derived_seed(seed, "batches"))  # fmt: skip

    def rows(first, key):
        return np.array([first, *history[key]], dtype=np.float64)

    return TrainingStats(
        epochs=np.arange(len(history["loss"]) + 1),
        mean_activation=rows([float(np.mean(t["A"])) for t in trace], "mean_activation"),
        zero_fraction=rows(start.zero_fraction, "zero_fraction"),
        dead_fraction=rows(start.fraction, "dead_fraction"),
        loss=rows(loss0, "loss"),
        history=history,
    )


def compare_activations(names, dataset="moons", seeds=(0, 1, 2), *, hidden=(16, 16), epochs=100,
                        lr=0.01, optimizer="adam", batch_size=32, init="xavier", target_loss=0.3,
                        data_seed=0, data_kw=None):  # fmt: skip
    """One task, several seeds: validation score and speed of training for each activation.

    Claim: no activation is best everywhere; try several and compare them on a validation set,
    over several seeds, because one run's luck can exceed the difference between activations
    (Ramachandran et al. picked Swish this way, comparing candidates over several models and data
    sets, ``ramachandran2017searching``).

    ``names`` are registry names or :class:`~actlab.activations.Activation` objects of one's own
    (such as :func:`actlab.experiments.as_activation` makes); the results are keyed by name.
    The data set is fixed (``data.load(dataset, seed=data_seed, **data_kw)``, so you can load the
    same one); each seed s changes the initial weights (``nn.MLP(..., seed=s)``) and the order of
    the mini-batches (``derived_seed(s, "batches")``, independent of both the weights and the data
    of ``data_seed=s``). ``init`` is a name or a dict
    activation -> init (e.g. ``{"relu": "he"}``; others default to ``"xavier"``; a key that
    is not one of ``names``, a typo such as ``"rlu"``, is a ValueError). Returns a dict
    activation -> dict with, per seed, ``val_accuracy`` (classification) and ``val_loss``, the
    same on the test split (``test_accuracy``, ``test_loss``: a score untouched by any choice
    made on the validation split, such as a learning rate), and ``epochs_to_target`` (first
    epoch whose training loss is at most ``target_loss``, NaN if never), ``weight_change`` (shape
    (seeds, Dense layers), the output layer last: how far training moved each layer's weights,
    ``||W_end - W_0|| / ||W_0||`` in Frobenius norms); ``metric`` names the
    score summarised by ``mean``, ``std`` (over seeds, ddof=1; 0 for one seed), ``min`` and
    ``max``; ``histories`` holds what ``fit`` returned.
    """
    where = "experiments.compare_activations"
    acts = _validate.listing(names, "names", where, kind=(str, activations.Activation))
    names = [a.name if isinstance(a, activations.Activation) else a for a in acts]
    if len(set(names)) < len(names):
        raise ValueError(f"{where}: names must differ (results are keyed by name), got {names}")
    seeds = [_validate.seed(s, where, f"seeds[{i}]") for i, s in enumerate(
        _validate.listing(seeds, "seeds", where))]  # fmt: skip
    if any(s is None for s in seeds):
        raise ValueError(f"{where}: every seed must be an integer >= 0 (None would not repeat)")
    if isinstance(init, dict):
        _validate.known_keys(init, names, "init", where)  # a typo must not fall back to Xavier
        for name, scheme in init.items():
            _validate.choice(scheme, INITS, f"init[{name!r}]", where)
    elif isinstance(init, str):
        _validate.choice(init, INITS, "init", where)
    else:
        raise TypeError(
            f"{where}: init must be a scheme name or a dict activation -> scheme, got {init!r}"
        )
    hidden = _validate.positive_ints(hidden, "hidden", where)
    target_loss = _validate.nonnegative(target_loss, "target_loss", where)
    data_seed = _validate.seed(data_seed, where, "data_seed")
    d = data.load(dataset, seed=data_seed, **_validate.mapping(data_kw, "data_kw", where))
    output, k = _output(d)
    metric = "val_loss" if output == "linear" else "val_accuracy"
    results = {}
    for act, name in zip(acts, names, strict=True):
        scheme = init.get(name, "xavier") if isinstance(init, dict) else init
        runs = {key: [] for key in ("val_accuracy", "val_loss", "test_accuracy", "test_loss",
                                    "epochs_to_target", "weight_change", "histories")}  # fmt: skip
        for seed in seeds:
            net = nn.MLP([d.X_train.shape[1], *hidden, k], activation=act, output=output,
                         init=scheme, seed=seed)  # fmt: skip
            start = [W.copy() for W, _ in net.params]
            h = net.fit(d.X_train, d.y_train, epochs=epochs, lr=lr, batch_size=batch_size,
                        optimizer=optimizer, X_val=d.X_val, y_val=d.y_val,
                        seed=derived_seed(seed, "batches"))  # fmt: skip
            reached = np.flatnonzero(np.asarray(h["loss"]) <= target_loss)
            runs["epochs_to_target"].append(reached[0] + 1.0 if reached.size else np.nan)
            moved = [W - W0 for (W, _), W0 in zip(net.params, start, strict=True)]
            runs["weight_change"].append(
                [
                    np.linalg.norm(dW) / np.linalg.norm(W0)
                    for dW, W0 in zip(moved, start, strict=True)
                ]
            )
            runs["val_loss"].append(h["val_loss"][-1])
            runs["val_accuracy"].append(
                h["val_accuracy"][-1] if metric == "val_accuracy" else np.nan
            )
            test = net.evaluate(d.X_test, d.y_test)
            runs["test_loss"].append(test["loss"])
            runs["test_accuracy"].append(test.get("accuracy", np.nan))
            runs["histories"].append(h)
        result = {key: np.array(v) for key, v in runs.items() if key != "histories"}
        scores = result[metric]
        result.update(
            metric=metric,
            mean=float(np.mean(scores)),
            std=float(np.std(scores, ddof=1)) if len(scores) > 1 else 0.0,
            min=float(np.min(scores)),
            max=float(np.max(scores)),
            histories=runs["histories"],
        )
        results[name] = result
    return results
