r"""Measurements at initialisation: the backward signal per layer, and networks born dead.

:func:`signal_norms` follows the back-propagated signal through a deep network before any training
(vanishing and exploding gradients); :func:`born_dead` estimates, and where it can derives, the
chance that a deep, narrow ReLU network is constant from the start.

>>> r = signal_norms("sigmoid", depth=3, width=8, n=16, seed=0)
>>> r.layers.tolist(), r.relative.round(3).tolist()  # the signal shrinks layer by layer down
([1, 2, 3], [0.055, 0.224, 1.0])
"""

import dataclasses

import numpy as np

from .. import _validate, nn
from .._seeds import derived_seed
from ..nn.init import INITS

#: The options of ``nn.MLP`` that :func:`signal_norms` passes on (it sets the others itself).
MLP_OPTIONS = (
    "activation_params", "activation_param_sharing", "train_activation_params", "init_scale",
    "init_slope",
)  # fmt: skip


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
    unit_spread: np.ndarray  # (depth,): median over units of each unit's std across examples


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

    Two spreads of the forward signal: ``activation_std`` pools every output of a layer (all
    units, all examples), so it is large when the units differ from each other even if each of
    them gives the same value for every input; ``unit_spread`` is :func:`unit_spread`, the
    median over the layer's units of each unit's standard deviation across the examples: how
    much a unit's output still depends on the input.

    When no signal reaches the last hidden layer
    (its median is 0, as for the step function, whose derivative is 0 everywhere) there is
    nothing to divide by, and a ValueError says so.
    """
    where = "experiments.signal_norms"
    if unknown := sorted(set(kw) - set(MLP_OPTIONS)):
        raise TypeError(
            f"{where}: unknown option(s) {', '.join(unknown)}; besides its own arguments it "
            f"passes {', '.join(MLP_OPTIONS)} to nn.MLP"
        )
    depth, width, n = (_validate.positive_int(v, k, where) for v, k in
                       ((depth, "depth"), (width, "width"), (n, "n")))  # fmt: skip
    rng = np.random.default_rng(derived_seed(_validate.seed(seed, where), "data"))
    X = rng.standard_normal((n, width))
    y = rng.integers(0, 10, size=n)
    sizes = [width] * (depth + 1) + [10]
    net = nn.MLP(sizes, activation=activation, output="softmax", init=init, seed=seed, **kw)
    norms = np.array([np.linalg.norm(d, axis=1) for d in net.backward_signals(X, y)])
    median = np.median(norms, axis=1)
    if median[-1] == 0:  # relative = median / median[-1] would be 0/0 or x/0
        if not norms.any():
            why = (f"no signal reaches any hidden layer: the derivative of {activation!r} is 0 "
                   "on every input the network met, so no gradient flows at all")  # fmt: skip
        else:
            share = float(np.mean(norms[-1] == 0))
            why = (f"the median signal at the last hidden layer is 0 ({share:.0%} of the "
                   f"examples get none there), so there is nothing to compare the other layers "
                   f"with; try a wider network (width={width})")  # fmt: skip
        raise ValueError(f"{where}: {why}")
    relative = median / median[-1]
    outputs = [layer["A"] for layer in net.forward_trace(X)]
    spread = np.array([np.std(A) for A in outputs])
    per_unit = np.array([unit_spread(A) for A in outputs])
    layers = np.arange(1, depth + 1)
    return SignalNorms(activation, init, layers, norms, median, relative, spread, X, y, per_unit)


def unit_spread(A):
    r"""How much a layer's units still vary with the input: the median over the units (columns)
    of each unit's standard deviation across the examples (rows).

    :math:`\operatorname{median}_j \operatorname{std}_i A_{ij}`. Pooling all of ``A`` instead
    (``np.std(A)``) mixes two things: units that differ from each other, and units that differ
    from example to example. Only the second carries information about the input to the layer
    above: a layer whose units each output one value for every input tells the next layer
    nothing, however different those values are. ``A`` has shape (examples, units) with at
    least two examples, and must be finite.

    >>> A = np.array([[0.1, 0.9, 0.5], [0.1, 0.9, 0.7]])  # two units constant, one varies
    >>> float(np.std(A)).__round__(3), float(unit_spread(A))  # pooled: large; per unit: 0
    (0.335, 0.0)
    """
    where = "experiments.unit_spread"
    A = np.asarray(A)
    if A.dtype.kind not in "fiu":
        raise TypeError(f"{where}: A must be an array of real numbers, got dtype {A.dtype}")
    if A.ndim != 2 or A.shape[0] < 2 or A.shape[1] < 1:
        raise ValueError(f"{where}: A must have shape (examples, units) with at least 2 "
                         f"examples and 1 unit, got shape {A.shape}")  # fmt: skip
    if not np.isfinite(A).all():
        raise ValueError(f"{where}: A has NaN or infinite values; the spread is undefined")
    return float(np.median(np.std(A, axis=0)))


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
    width = _validate.positive_int(width, "width", where)
    depth = _validate.positive_int(depth, "depth", where)
    n_trials = _validate.positive_int(n_trials, "n_trials", where)
    d_in = _validate.positive_int(d_in, "d_in", where)
    n_inputs = _validate.positive_int(n_inputs, "n_inputs", where, minimum=2)
    _validate.choice(init, INITS, "init", where)
    _validate.choice(inputs, ("normal", "uniform"), "inputs", where)
    bias_std = _validate.nonnegative(bias_std, "bias_std", where)
    rng = np.random.default_rng(_validate.seed(seed, where))
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
