r"""What a gate adds: gated units (GLU and its variants) against plain ones at equal size.

A gated layer of width u computes :math:`(xW + c) \otimes g(xV + d)`: two projections of its
input, multiplied. So one such layer represents products of linear functions, such as
:math:`x_1 x_2`, that a single ReLU layer only approximates by pieces (Dauphin et al. 2017,
``dauphin2017language``; Shazeer 2020, ``shazeer2020glu``). Widths follow :class:`actlab.nn.MLP`:
``sizes`` lists output widths, and a gated hidden layer of width u has a Dense layer of 2u
outputs, so ``nn.MLP([2, u, 1], activation="swiglu")`` has 7u + 1 parameters and
``nn.MLP([2, w, 1], activation="relu")`` has 4w + 1; u = 4 against w = 7 gives 29 each.

The functions (all NumPy, seeded, a few seconds at their defaults):

``product_task(gated="swiglu", plain="relu", units=4, seeds=range(5), n=512, epochs=150,
lr=0.02)`` -> :class:`ProductRuns`: fit y = x1 * x2 on [-1, 1]^2 with one hidden layer, gated
(``units`` wide) against plain (the width of equal parameter count), per seed the test mean
squared error of each, beside the target's variance (the error of predicting its mean).

``gated_vs_plain(gated="swiglu", plain="relu", plain_units=48, seeds=range(5),
dataset="digits", epochs=15, lr=0.01)`` -> :class:`GatedRuns`: a feed-forward network with one
hidden layer, gated against plain, the gated width chosen so the parameter counts are as close as
they can be (:func:`equal_params_width`; Shazeer 2020 shrinks the hidden width by 2/3 for this in
a transformer); per seed the final training loss, the validation accuracy and the parameter
counts, with the base rate of the training labels.

``equal_params_width(plain_units, n_in, n_out)`` -> the gated width u whose one-hidden-layer
network has the parameter count closest to the plain one of ``plain_units`` (ties: the smaller).

``exact_product_net(activation="reglu")`` -> an :class:`actlab.nn.MLP` ``[2, 2, 1]`` with hand-set
weights that computes x1 * x2 exactly (for reglu, swiglu or geglu: :math:`g(b) - g(-b) = b` for
those gates, so :math:`x_1 g(x_2) - x_1 g(-x_2) = x_1 x_2`).

>>> r = product_task(units=4, seeds=range(2), n=128, epochs=20)
>>> r.gated_units, r.plain_units, r.gated_params, r.plain_params
(4, 7, 29, 29)
>>> r.gated_mse.shape, r.plain_mse.shape
((2,), (2,))
>>> equal_params_width(48, 64, 10)  # ReLU [64, 48, 10]: 3610 parameters; SwiGLU [64, 26, 10]
26
>>> net = exact_product_net("reglu")
>>> print(net.predict([[0.5, -0.6], [-1.0, -1.0]]).ravel())
[-0.3  1. ]
>>> g = gated_vs_plain(plain_units=8, seeds=range(2), epochs=2)
>>> g.gated_params, g.plain_params, g.val_accuracy["gated"].shape
(570, 610, (2,))
"""

import dataclasses

import numpy as np

from .. import _validate, activations, data, nn
from .._seeds import derived_seed


def _n_params(n_in, units, n_out, gated):
    pre = 2 * units if gated else units
    return n_in * pre + pre + units * n_out + n_out


def equal_params_width(plain_units, n_in, n_out):
    """The gated width u whose network ``[n_in, u, n_out]`` has the parameter count closest to
    the plain network ``[n_in, plain_units, n_out]`` (ties: the smaller u; at least 1).

    A plain layer costs (n_in + 1 + n_out) per unit, a gated one (2 n_in + 2 + n_out), so u is
    about ``plain_units * (n_in + 1 + n_out) / (2 n_in + 2 + n_out)``: a bit over half when the
    output is narrow, 2/3 for Shazeer's feed-forward block (n_out = n_in, no biases).

    >>> equal_params_width(7, 2, 1), equal_params_width(48, 64, 10)
    (4, 26)
    """
    where = "experiments.equal_params_width"
    plain_units = _validate.positive_int(plain_units, "plain_units", where)
    n_in = _validate.positive_int(n_in, "n_in", where)
    n_out = _validate.positive_int(n_out, "n_out", where)
    target = _n_params(n_in, plain_units, n_out, False)
    per_unit = 2 * n_in + 2 + n_out
    candidates = range(1, target // per_unit + 2)
    return min(candidates, key=lambda u: (abs(_n_params(n_in, u, n_out, True) - target), u))


def _plain_width(gated_units, n_in, n_out):
    """The plain width whose parameter count is closest to the gated one's (ties: smaller)."""
    target = _n_params(n_in, gated_units, n_out, True)
    per_unit = n_in + 1 + n_out
    candidates = range(1, target // per_unit + 2)
    return min(candidates, key=lambda w: (abs(_n_params(n_in, w, n_out, False) - target), w))


def _check_pair(gated, plain, where):
    g, p = activations.get(gated), activations.get(plain)
    if not g.gated:
        raise ValueError(
            f"{where}: gated must be a gated unit ({', '.join(_gated_names())}), got {gated!r}"
        )
    if p.vector_valued:
        raise ValueError(f"{where}: plain must be an elementwise activation, got {plain!r}")
    return g.name, p.name


def _gated_names():
    return [n for n in activations.names() if activations.get(n).gated]


def _seeds(seeds, where):
    seeds = [_validate.seed(s, where) for s in seeds]
    if not seeds:
        raise ValueError(f"{where}: seeds must list at least one seed")
    return seeds


@dataclasses.dataclass(frozen=True)
class ProductRuns:
    """Result of :func:`product_task`: one entry per seed in each array.

    ``gated_mse``, ``plain_mse``: test mean squared error of the gated and the plain network on
    y = x1 * x2; ``target_variance``: the test targets' variance, the error of always predicting
    their mean (so ``mse / target_variance`` is the share of the variance left unexplained);
    ``gated_units``, ``plain_units``: hidden widths; ``gated_params``, ``plain_params``: the
    parameter counts (``MLP.n_params``); ``seeds``: the seeds, as run.
    """

    gated: str
    plain: str
    gated_units: int
    plain_units: int
    gated_params: int
    plain_params: int
    seeds: tuple
    gated_mse: np.ndarray
    plain_mse: np.ndarray
    target_variance: np.ndarray

    @property
    def gated_wins(self):
        """How many seeds the gated network's test error is below the plain one's."""
        return int(np.count_nonzero(self.gated_mse < self.plain_mse))


def _product_data(n, seed):
    rng = np.random.default_rng(derived_seed(seed, "data"))
    X = rng.uniform(-1.0, 1.0, (2 * n, 2))
    y = (X[:, 0] * X[:, 1])[:, None]
    return X[:n], y[:n], X[n:], y[n:]


def product_task(
    gated="swiglu", plain="relu", units=4, seeds=range(5), n=512, epochs=150, lr=0.02,
    batch_size=64,
):  # fmt: skip
    """Fit y = x1 * x2 on [-1, 1]^2 with one hidden layer, gated against plain, at equal size.

    The gated network is ``[2, units, 1]`` with ``gated`` (7 * units + 1 parameters); the plain
    one ``[2, w, 1]`` with ``plain``, w the width of the closest parameter count (equal when
    ``units`` is a multiple of 4: w = 7 * units / 4). Both have a linear output and the mean
    squared error, Xavier weights for the gated network and He-normal for the plain one, Adam
    at ``lr`` for ``epochs`` epochs in batches of ``batch_size``, on ``n`` training points
    drawn from each seed (``derived_seed(seed, "data")``) and ``n`` test points;
    the network of seed s is ``nn.MLP(..., seed=s)``. Returns a :class:`ProductRuns`.

    A gated layer holds the product exactly (see :func:`exact_product_net`); a ReLU layer of
    the same size is piecewise linear and can only approximate the saddle.
    """
    where = "experiments.product_task"
    gated, plain = _check_pair(gated, plain, where)
    units = _validate.positive_int(units, "units", where)
    n = _validate.positive_int(n, "n", where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    seeds = _seeds(seeds, where)
    width = _plain_width(units, 2, 1)
    g_mse, p_mse, var, counts = [], [], [], {}
    for seed in seeds:
        X, y, X_test, y_test = _product_data(n, seed)
        var.append(float(np.var(y_test)))
        for name, w, out in ((gated, units, g_mse), (plain, width, p_mse)):
            net = nn.MLP([2, w, 1], activation=name, output="linear", seed=seed,
                         init="xavier" if name == gated else "he")  # fmt: skip
            net.fit(X, y, epochs=epochs, lr=lr, batch_size=batch_size, optimizer="adam",
                    progress=False)  # fmt: skip
            out.append(net.evaluate(X_test, y_test)["loss"])
            counts[name] = net.n_params
    return ProductRuns(
        gated=gated, plain=plain, gated_units=units, plain_units=width,
        gated_params=counts[gated], plain_params=counts[plain], seeds=tuple(seeds),
        gated_mse=np.array(g_mse), plain_mse=np.array(p_mse), target_variance=np.array(var),
    )  # fmt: skip


def exact_product_net(activation="reglu"):
    """A ``[2, 2, 1]`` network with ``activation`` whose hand-set weights give x1 * x2 exactly.

    Values a = (x1, -x1), gates b = (x2, -x2), output weights (1, 1):
    :math:`x_1 g(x_2) - x_1 g(-x_2) = x_1 x_2` whenever :math:`g(b) - g(-b) = b`, true of ReLU,
    Swish (SiLU) and GELU (each is b times a function h with h(b) + h(-b) = 1). GLU's sigmoid
    gate gives :math:`x_1 (2\\sigma(x_2) - 1) = x_1 \\tanh(x_2/2)` instead, close to
    :math:`x_1 x_2 / 2` only for small :math:`x_2`, so it is refused here.
    """
    where = "experiments.exact_product_net"
    if activation not in ("reglu", "swiglu", "geglu"):
        raise ValueError(f"{where}: activation must be 'reglu', 'swiglu' or 'geglu', got "
                         f"{activation!r} (glu's sigmoid gate gives x1 tanh(x2 / 2))")  # fmt: skip
    net = nn.MLP([2, 2, 1], activation=activation, output="linear")
    W1 = np.array([[1.0, -1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -1.0]])  # columns: a1, a2, b1, b2
    net.params = [(W1, np.zeros(4)), (np.array([[1.0], [1.0]]), np.zeros(1))]
    return net


@dataclasses.dataclass(frozen=True)
class GatedRuns:
    """Result of :func:`gated_vs_plain`: per seed, for ``"gated"`` and ``"plain"``.

    ``train_loss[k]``: the final training loss (cross-entropy) of network k on each seed;
    ``val_accuracy[k]``: its validation accuracy on each seed (arrays of shape (seeds,));
    ``gated_units``, ``plain_units``: hidden widths; ``gated_params``, ``plain_params``: the
    parameter counts (as close as the widths allow; print both); ``base_rate``: per seed, the
    validation accuracy of always answering the most common TRAINING label; ``seeds``, as run.
    """

    gated: str
    plain: str
    dataset: str
    gated_units: int
    plain_units: int
    gated_params: int
    plain_params: int
    seeds: tuple
    train_loss: dict
    val_accuracy: dict
    base_rate: np.ndarray

    def summary(self, key="val_accuracy"):
        """``{"gated": (mean, std), "plain": (mean, std)}`` of ``key`` over the seeds (std with
        ddof=1, 0 for one seed)."""
        values = getattr(self, key)
        ddof = 1 if len(self.seeds) > 1 else 0
        return {k: (float(np.mean(v)), float(np.std(v, ddof=ddof))) for k, v in values.items()}


def gated_vs_plain(
    gated="swiglu", plain="relu", plain_units=48, seeds=range(5), dataset="digits", epochs=15,
    lr=0.01, batch_size=32, data_kw=None,
):  # fmt: skip
    """A gated feed-forward network against a plain one at (nearly) equal parameter count.

    Both have one hidden layer and a softmax output (sigmoid for two classes): the plain one
    ``[n_in, plain_units, k]`` with ``plain``, the gated one ``[n_in, u, k]`` with ``gated`` and
    ``u = equal_params_width(plain_units, n_in, k)``. Data: ``data.load(dataset, seed=seed,
    **data_kw)`` (default: the shipped digits, 64 inputs and 10 classes; 60/20/20 split). Each
    is trained with Adam at ``lr`` for ``epochs`` epochs in batches of ``batch_size``, weights
    He-normal for the plain one and Xavier for the gated one, ``nn.MLP(..., seed=seed)``.
    Returns a :class:`GatedRuns` with per-seed final training loss and validation accuracy.

    Shazeer (2020) found the gated variants ahead in transformer language models; whether a
    gate helps on a small task is what this measures: report the spread over seeds beside the
    means.
    """
    where = "experiments.gated_vs_plain"
    gated, plain = _check_pair(gated, plain, where)
    plain_units = _validate.positive_int(plain_units, "plain_units", where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    seeds = _seeds(seeds, where)
    loss = {"gated": [], "plain": []}
    acc = {"gated": [], "plain": []}
    base, counts, units = [], {}, None
    for seed in seeds:
        d = data.load(dataset, seed=seed, **(data_kw or {}))
        k = d.classes
        if k is None:
            raise ValueError(f"{where}: dataset {dataset!r} is a regression task; pick one with "
                             "class labels")  # fmt: skip
        output, n_out = ("sigmoid", 1) if k == 2 else ("softmax", k)
        n_in = d.X_train.shape[1]
        units = equal_params_width(plain_units, n_in, n_out)
        majority = np.bincount(d.y_train).argmax()
        base.append(float(np.mean(d.y_val == majority)))
        for key, name, w in (("gated", gated, units), ("plain", plain, plain_units)):
            net = nn.MLP([n_in, w, n_out], activation=name, output=output, seed=seed,
                         init="xavier" if key == "gated" else "he")  # fmt: skip
            h = net.fit(d.X_train, d.y_train, epochs=epochs, lr=lr, batch_size=batch_size,
                        optimizer="adam", X_val=d.X_val, y_val=d.y_val,
                        seed=derived_seed(seed, "batches"), progress=False)  # fmt: skip
            loss[key].append(h["loss"][-1])
            acc[key].append(h["val_accuracy"][-1])
            counts[key] = net.n_params
    return GatedRuns(
        gated=gated, plain=plain, dataset=dataset, gated_units=units, plain_units=plain_units,
        gated_params=counts["gated"], plain_params=counts["plain"], seeds=tuple(seeds),
        train_loss={k: np.array(v) for k, v in loss.items()},
        val_accuracy={k: np.array(v) for k, v in acc.items()}, base_rate=np.array(base),
    )  # fmt: skip
