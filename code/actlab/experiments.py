r"""Measurements the chapters report, each returning data (arrays, dicts, dataclasses), not figures.

Every function states the claim it tests and the paper it comes from (keys of ``references.bib``),
draws its random numbers from its own ``seed`` (so the same call gives the same numbers), and runs
in well under a few seconds at its default sizes. Plot the results with :mod:`actlab.plotting`.

Random streams: ``nn.MLP(..., seed=s)`` draws its weights and its default batch order from the
two streams that ``numpy.random.SeedSequence(s).spawn(2)`` gives. An experiment that also draws
data, or passes a seed to ``fit``, must not reuse those (inputs drawn from the weights' stream
would be a scaled copy of the first layer's weights), nor use one stream for two jobs. So it
draws from ``derived_seed(s, "data")`` and ``derived_seed(s, "batches")``, seeds made from the
keys ``[s, 1]`` and ``[s, 2]``, which the network never uses.

>>> r = born_dead(width=1, depth=4, n_trials=400, seed=0)
>>> r.depths.tolist(), r.closed_form.tolist()
([1, 2, 3, 4], [0.0, 0.5, 0.75, 0.875])
>>> bool(abs(r.probability[-1] - 0.875) < 0.06)
True
"""

import dataclasses
import numbers
import timeit

import numpy as np

from . import activations, data, nn
from .nn import _checks
from .nn.init import INITS

#: The streams an experiment draws from itself, and the second key of their ``SeedSequence``.
STREAMS = {"data": 1, "batches": 2}


def derived_seed(seed, stream):
    """The seed an experiment run with ``seed`` uses for ``stream`` ("data" or "batches").

    It is drawn from ``numpy.random.SeedSequence([seed, k])`` with ``k = STREAMS[stream]``, a key
    that ``nn.MLP(..., seed=seed)`` never uses, so the data, the batch order and the initial
    weights are three independent streams. ``seed=None`` gives None (fresh entropy).

    >>> derived_seed(0, "data") == derived_seed(0, "data") != derived_seed(0, "batches")
    True
    """
    where = "experiments.derived_seed"
    seed = _checks.seed(seed, where)
    key = STREAMS[_checks.choice(stream, STREAMS, "stream", where)]
    if seed is None:
        return None
    return int(np.random.SeedSequence([seed, key]).generate_state(1, dtype=np.uint64)[0])


@dataclasses.dataclass(frozen=True)
class SignalNorms:
    """Result of :func:`signal_norms`; row ``l - 1`` is hidden layer ``l`` (1 nearest the input)."""

    activation: str
    init: str
    layers: np.ndarray  # 1..depth
    norms: np.ndarray  # (depth, n): per-example norm of dL_i/dZ at each hidden layer
    median: np.ndarray  # (depth,): median over the examples
    relative: np.ndarray  # (depth,): median / median at the last hidden layer
    activation_std: np.ndarray  # (depth,): standard deviation of the layer's outputs A
    X: np.ndarray  # (n, width): the inputs, standard normal
    y: np.ndarray  # (n,): the random labels 0..9


def signal_norms(activation="sigmoid", init="xavier", depth=10, width=64, n=256, seed=0, **kw):
    r"""Back-propagated signal at every hidden layer of a deep network at initialisation.

    Claim (vanishing and exploding gradients): going backwards, each layer multiplies the signal
    :math:`\partial L_i/\partial Z` by :math:`W^\top` and by :math:`\phi'(Z)`. With Xavier's
    variance, :math:`W^\top` roughly keeps its size, so the factor :math:`\phi'` decides: for the
    sigmoid, :math:`\phi' \le 1/4` and the signal shrinks about fourfold per layer, while a linear
    net keeps it. For ReLU, :math:`\phi'` is 0 on half the inputs, so Xavier halves the variance
    per layer and He's doubled variance keeps it (``glorot2010understanding``,
    ``he2015delving``, ``bengio1994learning``).

    The network is ``nn.MLP([width] * (depth + 1) + [10], activation, output="softmax", init,
    seed=seed)`` (``kw`` go to it, e.g. ``activation_params``), on ``n`` standard normal inputs
    with random labels, drawn from ``derived_seed(seed, "data")`` so that they are independent of
    the weights. Returns :class:`SignalNorms`: ``norms[l - 1, i]`` is the Euclidean norm of
    example i's :math:`\partial L_i/\partial Z` at hidden layer l; ``relative`` divides the medians
    by the last hidden layer's, so it reads "how much of the signal reaching the top layer is left";
    ``X`` and ``y`` are the inputs and labels used.
    """
    where = "experiments.signal_norms"
    depth, width, n = (_checks.positive_int(v, k, where) for v, k in
                       ((depth, "depth"), (width, "width"), (n, "n")))  # fmt: skip
    rng = np.random.default_rng(derived_seed(_checks.seed(seed, where), "data"))
    X = rng.standard_normal((n, width))
    y = rng.integers(0, 10, size=n)
    sizes = [width] * (depth + 1) + [10]
    net = nn.MLP(sizes, activation=activation, output="softmax", init=init, seed=seed, **kw)
    norms = np.array([np.linalg.norm(d, axis=1) for d in net.backward_signals(X, y)])
    median = np.median(norms, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = median / median[-1]
    spread = np.array([np.std(layer["A"]) for layer in net.forward_trace(X)])
    layers = np.arange(1, depth + 1)
    return SignalNorms(activation, init, layers, norms, median, relative, spread, X, y)


@dataclasses.dataclass(frozen=True)
class DeadUnits:
    """Result of :func:`dead_units`: one entry per hidden layer."""

    fraction: list  # share of the layer's units that are dead on X
    units: list  # the indices of the dead units (int arrays)
    zero_fraction: list  # share of all (example, unit) outputs that are exactly 0 (sparsity)
    widths: list  # units per layer

    @property
    def overall(self):
        """The share of all hidden units that are dead."""
        return sum(len(u) for u in self.units) / sum(self.widths)


def dead_units(net, X):
    """Which hidden units of ``net`` are dead on the inputs ``X``: no gradient reaches them.

    Claim (dying ReLU): a ReLU unit whose weighted input is negative for every example outputs 0
    and has derivative 0 there, so no gradient reaches its weights and training cannot revive it
    (``lu2019dying``, ``maas2013rectifier``). A unit counts as dead when its activation's
    derivative is exactly 0 on every row of X, as in ``fit``'s ``history["dead_fraction"]``; for
    ReLU that is the same as "outputs 0 on every example". Units with a slope on both sides
    (leaky ReLU, ELU, tanh, sigmoid) are never exactly dead, however small the slope; every unit
    of a step network is dead (its derivative is 0 everywhere). Learned activation parameters
    (PReLU's slope) are taken from the network. Returns :class:`DeadUnits` with ``fraction``,
    ``units`` and ``zero_fraction`` (the share of outputs that are exactly 0) per hidden layer.
    """
    trace = net.forward_trace(X)
    units, zero = [], []
    params = net.activation_params, net.activation_parameters
    for layer, name, fixed, learned in zip(trace, net.activation, *params, strict=True):
        slope = activations.get(name).derivative(layer["Z"], **{**fixed, **learned})
        units.append(np.flatnonzero(nn.dead_units_mask(slope)))
        zero.append(float(np.mean(layer["A"] == 0)))
    widths = [layer["Z"].shape[1] for layer in trace]
    fraction = [len(u) / w for u, w in zip(units, widths, strict=True)]
    return DeadUnits(fraction, units, zero, widths)


@dataclasses.dataclass(frozen=True)
class BornDead:
    """Result of :func:`born_dead`; entry ``L - 1`` is for a network of ``L`` hidden layers."""

    width: int
    depths: np.ndarray  # 1..depth
    probability: np.ndarray  # simulated P(born dead) for each depth
    stderr: np.ndarray  # its binomial standard error
    closed_form: np.ndarray | None  # exact value, where one is derived (width 1, no bias)
    lower_bound: np.ndarray | None  # a proven lower bound for wider nets without bias
    first_dead_layer: np.ndarray  # per trial: the first all-dead layer, 0 if none
    n_trials: int


def born_dead(width=1, depth=10, n_trials=1000, seed=0, *, init="he", inputs="normal", d_in=1,
              n_inputs=256, bias_std=0.0):  # fmt: skip
    r"""Chance that a deep, narrow ReLU network is born dead: some hidden layer is 0 on every input.

    Claim: at initialisation with weights (and biases) drawn from distributions symmetric about 0,
    a deep ReLU network is likely to be a constant function, and certain to be as the depth grows
    with the width fixed (``lu2019dying``, who call such a network "born dead"). Here we count
    a network as born dead when, on ``n_inputs`` random inputs, every unit of some hidden layer
    outputs 0; from that layer on everything is constant (0 without biases). One simulation at
    ``depth`` layers answers every smaller depth too: a network of L layers is born dead if its
    first all-dead layer comes at or before L.

    Closed form (derived here, for width 1 and zero biases): each layer is one unit
    :math:`h_l = \max(0, w_l h_{l-1})`. Once :math:`h_{l-1} \ge 0` is positive somewhere, the
    layer dies exactly when :math:`w_l < 0`, probability 1/2, independently of the earlier layers.
    The first layer sees the raw inputs: with ``inputs="normal"`` (symmetric about 0) it is never
    dead, so :math:`P = 1 - 2^{-(L-1)}`; with ``inputs="uniform"`` on [0, 1] and ``d_in=1`` it
    dies like the others, :math:`P = 1 - 2^{-L}`. For width :math:`w \ge 2` we give only a lower
    bound: a layer after the first dies at least when all its :math:`w^2` weights are negative,
    so :math:`P \ge 1 - (1 - 2^{-w^2})^{L-1}` (Lu et al. prove bounds of their own; we did not
    reproduce them). With ``bias_std > 0`` (biases drawn from :math:`N(0, \sigma^2)`) neither
    formula applies and only the simulation is returned.

    ``init`` is a key of :data:`actlab.nn.INITS` (the width-1 result holds for any of them).
    """
    where = "experiments.born_dead"
    width = _checks.positive_int(width, "width", where)
    depth = _checks.positive_int(depth, "depth", where)
    n_trials = _checks.positive_int(n_trials, "n_trials", where)
    d_in = _checks.positive_int(d_in, "d_in", where)
    n_inputs = _checks.positive_int(n_inputs, "n_inputs", where)
    if n_inputs < 2:
        raise ValueError(f"{where}: n_inputs must be an integer >= 2, got {n_inputs}")
    if init not in INITS:
        raise ValueError(f"{where}: unknown init {init!r}; choose one of {sorted(INITS)}")
    if inputs not in ("normal", "uniform"):
        raise ValueError(f"{where}: inputs must be 'normal' or 'uniform', got {inputs!r}")
    if not (isinstance(bias_std, numbers.Real) and np.isfinite(bias_std) and bias_std >= 0):
        raise ValueError(f"{where}: bias_std must be a finite number >= 0, got {bias_std!r}")
    rng = np.random.default_rng(_checks.seed(seed, where))
    if inputs == "normal":
        X = rng.standard_normal((n_inputs, d_in))
    else:
        X = rng.uniform(size=(n_inputs, d_in))
    first = np.zeros(n_trials, dtype=np.int64)
    for trial in range(n_trials):
        H = X
        for layer in range(1, depth + 1):
            Z = H @ INITS[init](H.shape[1], width, rng)
            if bias_std:
                Z += rng.normal(0.0, bias_std, size=width)
            H = np.maximum(Z, 0.0)
            if not H.any():
                first[trial] = layer
                break
    depths = np.arange(1, depth + 1)
    p = np.array([np.mean((first > 0) & (first <= L)) for L in depths])
    closed = bound = None
    if not bias_std and width == 1 and (inputs == "normal" or d_in == 1):
        closed = 1.0 - 0.5 ** (depths - 1 if inputs == "normal" else depths)
    elif not bias_std and width > 1:
        bound = 1.0 - (1.0 - 0.5 ** (width * width)) ** (depths - 1)
    stderr = np.sqrt(p * (1 - p) / n_trials)
    return BornDead(width, depths, p, stderr, closed, bound, first, n_trials)


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
    ``derived_seed(seed, "batches")`` (three independent streams, see the module's notes), and
    wraps ``fit``'s history, adding row 0 (before training) measured the same way on the training
    set. Returns :class:`TrainingStats`.
    """
    where = "experiments.activation_stats_during_training"
    seed = _checks.seed(seed, where)
    d = data.load(dataset, seed=derived_seed(seed, "data"), **(data_kw or {}))
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

    The data set is fixed (``data.load(dataset, seed=data_seed, **data_kw)``, so you can load the
    same one); each seed s changes the initial weights (``nn.MLP(..., seed=s)``) and the order of
    the mini-batches (``derived_seed(s, "batches")``, independent of both the weights and the data
    of ``data_seed=s``). ``init`` is a name or a dict
    activation -> init (e.g. ``{"relu": "he"}``; others default to ``"xavier"``). Returns a dict
    activation -> dict with, per seed, ``val_accuracy`` (classification) and ``val_loss``, and
    ``epochs_to_target`` (first epoch whose training loss is at most ``target_loss``, NaN if
    never); ``metric`` names the score summarised by ``mean``, ``std`` (over seeds, ddof=1; 0 for
    one seed), ``min`` and ``max``; ``histories`` holds what ``fit`` returned.
    """
    where = "experiments.compare_activations"
    if isinstance(names, str):
        names = [names]
    seeds = list(seeds)
    if not names or not seeds:
        raise ValueError(f"{where}: give at least one activation name and one seed")
    d = data.load(dataset, seed=data_seed, **(data_kw or {}))
    output, k = _output(d)
    metric = "val_loss" if output == "linear" else "val_accuracy"
    results = {}
    for name in names:
        scheme = init.get(name, "xavier") if isinstance(init, dict) else init
        runs = {"val_accuracy": [], "val_loss": [], "epochs_to_target": [], "histories": []}
        for seed in seeds:
            net = nn.MLP([d.X_train.shape[1], *hidden, k], activation=name, output=output,
                         init=scheme, seed=seed)  # fmt: skip
            h = net.fit(d.X_train, d.y_train, epochs=epochs, lr=lr, batch_size=batch_size,
                        optimizer=optimizer, X_val=d.X_val, y_val=d.y_val,
                        seed=derived_seed(seed, "batches"))  # fmt: skip
            reached = np.flatnonzero(np.asarray(h["loss"]) <= target_loss)
            runs["epochs_to_target"].append(reached[0] + 1.0 if reached.size else np.nan)
            runs["val_loss"].append(h["val_loss"][-1])
            runs["val_accuracy"].append(
                h["val_accuracy"][-1] if metric == "val_accuracy" else np.nan
            )
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


def time_activations(names, size=10**6, repeats=5, seed=0, derivative=True):
    """Best-of-``repeats`` time of each activation (and its derivative) on ``size`` values.

    Claim: ReLU's max(0, x) is much cheaper than the exponentials of sigmoid and tanh
    (``glorot2011deep`` note that rectifiers need no exponential). In NumPy on large arrays much
    of the cost is reading and writing memory, and each activation makes a few passes over it, so
    counting exponentials does not predict the times: measure them. Each function is timed in
    turns with ``np.tanh`` on the same seeded array (standard normal times 5), one call per turn,
    and ``ratio`` is its best time over ``np.tanh``'s best time of those turns, so a burst of load
    on a shared machine slows both.
    Times are wall-clock, so they differ between runs; the input does not.

    Returns a dict: ``"np.tanh"`` -> ``{"ms"}``, then each name -> ``{"ms", "ratio"}`` plus
    ``"derivative_ms"``, ``"derivative_ratio"`` when ``derivative`` is true.
    """
    where = "experiments.time_activations"
    size = _checks.positive_int(size, "size", where)
    repeats = _checks.positive_int(repeats, "repeats", where)
    if isinstance(names, str):
        names = [names]
    x = np.random.default_rng(_checks.seed(seed, where)).standard_normal(size) * 5.0
    tanh_times = []

    def best(fn):
        fn_best = ref_best = float("inf")
        for _ in range(repeats):
            ref_best = min(ref_best, timeit.timeit(lambda: np.tanh(x), number=1))
            fn_best = min(fn_best, timeit.timeit(lambda: fn(x), number=1))
        tanh_times.append(ref_best)
        return fn_best * 1e3, fn_best / ref_best

    results = {}
    for name in names:
        act = activations.get(name)
        ms, ratio = best(act)
        results[name] = {"ms": ms, "ratio": ratio}
        if derivative:
            ms, ratio = best(act.derivative)
            results[name].update(derivative_ms=ms, derivative_ratio=ratio)
    return {"np.tanh": {"ms": min(tanh_times, default=np.nan) * 1e3}, **results}
