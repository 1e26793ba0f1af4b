r"""Measurements of chapter 8 (beyond the sigmoid and ReLU): layer statistics at initialisation,
how close Swish comes to ReLU, and where a non-monotonic activation dips below 0.

:func:`layer_moments` follows the mean and variance of each layer's outputs through a deep
network before training (SELU's self-normalisation, Klambauer et al. 2017); :func:`swish_relu_gap`
measures the largest distance between Swish and ReLU for several sharpnesses beta;
:func:`dip` finds the minimum of an activation on an interval (Swish, GELU and Mish dip below 0
for negative inputs).

>>> r = layer_moments("selu", depth=5, width=50, n=200, seed=0)
>>> r.layers.tolist(), bool(abs(r.var[-1] - 1) < 0.3)
([1, 2, 3, 4, 5], True)
>>> g = swish_relu_gap([1.0, 10.0])
>>> [round(v, 3) for v in g.scaled.tolist()]  # beta times the gap: the gap shrinks as 1 / beta
[0.278, 0.278]
>>> x, y = dip("swish")
>>> round(x, 3), round(y, 3)
(-1.278, -0.278)
"""

import dataclasses

import numpy as np

from .. import _validate, activations
from ..nn.init import INITS
from ..nn.train import one_blas_thread


def lecun_normal(fan_in, fan_out, rng):
    r"""LeCun's normal initialisation: :math:`W \sim N(0, 1/n_\text{in})`, shape (fan_in, fan_out).

    The variance that keeps a weighted sum of unit-variance inputs at unit variance
    (``lecun1998efficient``); Klambauer et al. pair it with SELU (``klambauer2017self``).
    """
    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))


#: The initialisations :func:`layer_moments` accepts: LeCun's normal, and those of ``nn.INITS``.
LAYER_INITS = {"lecun": lecun_normal, **INITS}


@dataclasses.dataclass(frozen=True)
class LayerMoments:
    """Result of :func:`layer_moments`; entry ``l - 1`` is hidden layer ``l`` (1 nearest the
    input)."""

    activation: str
    init: str
    layers: np.ndarray  # 1..depth
    mean: np.ndarray  # (depth,): mean of the layer's outputs over examples and units
    var: np.ndarray  # (depth,): their variance


def layer_moments(activation, init="lecun", depth=30, width=100, n=500, seed=0):
    r"""Mean and variance of every hidden layer's outputs in a deep network at initialisation.

    Claim (self-normalisation, ``klambauer2017self``): with SELU,
    :math:`\lambda\,x` for x > 0 and :math:`\lambda\alpha(e^x - 1)` below (λ ≈ 1.0507,
    α ≈ 1.6733), and weights drawn from LeCun's normal :math:`N(0, 1/n_\text{in})`, the outputs
    of each layer have mean 0 and variance 1 if its inputs do, and nearby moments are pulled
    towards (0, 1) layer after layer. ReLU's outputs are never negative (their mean is above 0)
    and, with the same weights, their variance shrinks with depth; ELU's mean lies between.

    ``activation`` is a registry name, or a function of an array (such as LeCun's scaled tanh).
    The network has ``depth`` layers of ``width`` units without biases, weights from
    ``LAYER_INITS[init]`` (fresh for each layer) and ``n`` standard normal inputs, all drawn from
    ``numpy.random.default_rng(seed)``. Returns :class:`LayerMoments`.
    """
    where = "experiments.layer_moments"
    if callable(activation) and not isinstance(activation, activations.Activation):
        act, name = activation, getattr(activation, "__name__", "activation")
    else:
        act = activations.get(activation)
        name = act.name
        if act.vector_valued:
            raise ValueError(f"{where}: {name} is vector-valued; an elementwise one is needed")
    _validate.choice(init, LAYER_INITS, "init", where)
    depth, width, n = (_validate.positive_int(v, k, where) for v, k in
                       ((depth, "depth"), (width, "width"), (n, "n")))  # fmt: skip
    if n * width < 2:
        raise ValueError(f"{where}: a variance needs at least 2 outputs per layer (n * width)")
    rng = np.random.default_rng(_validate.seed(seed, where))
    A = rng.standard_normal((n, width))
    mean, var = [], []
    with one_blas_thread():  # small products: a second thread only waits (see nn.train)
        for _ in range(depth):
            A = act(A @ LAYER_INITS[init](width, width, rng))
            mean.append(A.mean())
            var.append(A.var())
    return LayerMoments(name, init, np.arange(1, depth + 1), np.array(mean), np.array(var))


@dataclasses.dataclass(frozen=True)
class SwishGap:
    """Result of :func:`swish_relu_gap`, one entry per beta."""

    betas: np.ndarray
    gap: np.ndarray  # largest |swish(x; beta) - relu(x)| on the grid
    at: np.ndarray  # the x where it is largest (the first, if two tie)
    scaled: np.ndarray  # beta * gap: constant if the gap shrinks exactly as 1 / beta


def swish_relu_gap(betas, x=None):
    r"""How far Swish, :math:`x\,\sigma(\beta x)`, is from ReLU at its farthest, for each beta.

    Claim: as :math:`\beta \to \infty` Swish tends to ReLU (``ramachandran2017searching``). The
    difference is :math:`-x\,\sigma(-\beta x)` for x > 0 and :math:`x\,\sigma(\beta x)` for
    x < 0, so substituting :math:`u = \beta x` shows the largest gap is :math:`c/\beta` with
    :math:`c = \max_u u\,\sigma(-u) \approx 0.2785`: ``scaled`` measures c for each beta on a
    grid that does not depend on beta. ``x`` defaults to 400,001 points on [-20, 20] (spacing
    1e-4); each beta must be > 0 (at beta = 0 Swish is x / 2, infinitely far from ReLU).
    """
    where = "experiments.swish_relu_gap"
    betas = np.array(
        [_validate.positive(b, f"betas[{i}]", where)
         for i, b in enumerate(_validate.listing(betas, "betas", where))]
    )  # fmt: skip
    x = np.linspace(-20.0, 20.0, 400_001) if x is None else _validate.float_array(x, "x", where)
    if x.ndim != 1 or x.size < 2 or not np.isfinite(x).all():
        raise ValueError(f"{where}: x must be a 1-D grid of at least 2 finite numbers")
    swish, relu = activations.get("swish"), activations.get("relu")
    gaps = [np.abs(swish(x, beta=b) - relu(x)) for b in betas]
    gap = np.array([g.max() for g in gaps])
    at = np.array([x[g.argmax()] for g in gaps])
    return SwishGap(betas, gap, at, betas * gap)


def dip(activation, lo=-5.0, hi=0.0, tol=1e-10, **params):
    r"""Where an activation is lowest on [lo, hi], and its value there: ``(x_min, f(x_min))``.

    Swish, GELU and Mish are not monotonic: they dip below 0 for negative inputs before rising
    back towards 0 (Swish's minimum is about -0.2785 / beta at x = -1.2785 / beta,
    ``ramachandran2017searching``). A grid of 10,001 points finds the lowest one, then a
    golden-section search refines it to ``tol`` within the neighbouring grid points (the
    function must have a single minimum there, as these do). ``params`` go to the activation.
    """
    where = "experiments.dip"
    act = activations.get(activation)
    lo, hi = _validate.real(lo, "lo", where), _validate.real(hi, "hi", where)
    if not lo < hi:
        raise ValueError(f"{where}: lo must be below hi, got {lo} and {hi}")
    tol = _validate.positive(tol, "tol", where)

    def f(t):
        return float(act(np.array([t]), **params)[0])

    grid = np.linspace(lo, hi, 10_001)
    k = int(np.argmin(act(grid, **params)))
    a, b = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    while b - a > tol:
        if f(c) < f(d):
            b, d = d, c
            c = b - ratio * (b - a)
        else:
            a, c = c, d
            d = a + ratio * (b - a)
    x_min = (a + b) / 2.0
    return float(x_min), f(x_min)
