"""Smooth rectifiers: softplus and Mish. Each looks like a ReLU from afar and is infinitely
differentiable; Mish, like Swish (in :mod:`.selfgated`), dips below zero before rising."""

import numpy as np

from . import _stable
from ._inputs import positive, public
from .registry import Activation, register


@public("softplus", blocks=True)
def softplus(x, *, beta=1.0):
    r"""Softplus: a smooth ReLU, the integral of the sigmoid.

    .. math:: \mathrm{softplus}(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right)

    Derivative: :math:`\sigma(\beta x)` (see :func:`softplus_grad`). Paper: Dugas et al. (2001),
    ``dugas2001incorporating``. Computed exactly as :math:`\max(x, 0) + \log(1 + e^{-\beta|x|})
    / \beta` (the stable form of ``np.logaddexp``): no exponential of a positive number, and
    unlike PyTorch no switch to ``x`` above a threshold. ``beta`` must be finite and > 0.
    Ends: ``softplus(-inf) = 0``, ``softplus(inf) = inf``; NaN gives NaN.

    >>> print(np.round(softplus([-2.0, 0.0, 2.0]), 4))
    [0.1269 0.6931 2.1269]
    """
    beta = positive("softplus", "beta", beta)
    if beta == 1.0:
        return _stable.softplus(x)
    z = np.abs(x)
    with np.errstate(over="ignore"):  # -beta|x| = -inf only makes e**z exactly 0: right
        z *= -beta
    y = np.exp(z)
    np.log1p(y, out=y)
    y /= beta
    if beta < 1.0:  # dividing a subnormal e**z by beta < 1 would magnify its rounding error
        tail = _stable.below(z)
        if tail is not None:
            y[tail] = _stable.mul_exp(1.0 / beta, z[tail])
    y += np.clip(x, 0.0, np.inf)
    return y


@public("softplus", blocks=True)
def softplus_grad(x, *, beta=1.0):
    r"""Derivative of :func:`softplus`: the sigmoid :math:`\sigma(\beta x)`.

    >>> print(np.round(softplus_grad([-2.0, 0.0, 2.0]), 4))
    [0.1192 0.5    0.8808]
    """
    beta = positive("softplus", "beta", beta)
    with np.errstate(over="ignore"):  # beta * x = +-inf: the sigmoid is then exactly 1 or 0
        return _stable.sigmoid(x * beta)


register(
    Activation(
        "softplus",
        softplus,
        softplus_grad,
        family="smooth",
        latex=r"\frac{1}{\beta}\log\left(1 + e^{\beta x}\right)",
        derivative_latex=r"\sigma(\beta x)",
        output_range=r"(0, \infty)",
        zero_centred=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=True,
        value_at_zero=0.6931471805599453,
        derivative_at_zero=0.5,
        reference="dugas2001incorporating",
        torch="torch.nn.functional.softplus",
        jax="jax.nn.softplus",
        summary="A smooth ReLU whose derivative is the sigmoid; always positive, never exactly "
        "zero.",
    )
)


@public("mish", blocks=True)
def mish(x):
    r"""Mish: the input times tanh of its softplus; a smooth, non-monotonic ReLU look-alike.

    .. math:: \mathrm{mish}(x) = x \tanh(\mathrm{softplus}(x)) = \frac{x}{1 + 2/n},
              \quad n = e^{2x} + 2e^{x}

    Derivative: :math:`\tanh(\mathrm{softplus}(x)) + x\,\sigma(x)\,\mathrm{sech}^2(\mathrm{softplus}
    (x))` (see :func:`mish_grad`). Paper: Misra (2019), ``misra2019mish``. The rational form uses
    one exponential, capped at x = 20 where the factor is 1 to double precision; below x = -708
    the value is recomputed as :math:`x e^{x}`. Minimum about -0.3088 at x = -1.1924.
    Ends: ``mish(-inf) = 0`` (-0.0), ``mish(inf) = inf``; NaN gives NaN.

    >>> print(np.round(mish([-2.0, 0.0, 2.0]), 4))
    [-0.2525  0.      1.944 ]
    """
    u = np.clip(x, -np.inf, 20.0)
    np.exp(u, out=u)
    n = u + 2.0
    n *= u
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        # Only for x < -708 (n subnormal or 0, or x = -inf), all recomputed below.
        np.divide(2.0, n, out=n)
        n += 1.0
        np.divide(x, n, out=n)
    tail = _stable.below(x)
    if tail is not None:
        n[tail] = _stable.mul_exp(x[tail], x[tail])
    return n


@public("mish", blocks=True)
def mish_grad(x):
    r"""Derivative of :func:`mish`: :math:`n/d + 4x\,u(1 + u)/d^2` with :math:`u = e^{x}`,
    :math:`n = u^2 + 2u`, :math:`d = n + 2`.

    The same expression as tanh(softplus(x)) + x sigmoid(x) sech^2(softplus(x)), in one
    exponential. It is 0 at x = -1.1924, where the two terms cancel; for x > 40 it is 1 to double
    precision, so x is capped there; below x = -708 it is recomputed as :math:`(1 + x) e^{x}`.

    >>> print(np.round(mish_grad([-2.0, 0.0, 2.0]), 4))
    [-0.1084  0.6     1.0693]
    """
    xc = np.clip(x, -_stable.BIG, 40.0)
    u = np.exp(xc)
    n = u + 2.0
    n *= u
    d = n + 2.0
    t = xc * u  # u = 0 wherever |xc| is huge, so no overflow and no inf * 0
    u += 1.0
    t *= u
    t *= 4.0
    np.divide(n, d, out=n)
    np.square(d, out=d)
    t /= d
    t += n
    tail = _stable.below(x)
    if tail is not None:
        t[tail] = _stable.mul_exp(1.0 + xc[tail], xc[tail])
    return t


register(
    Activation(
        "mish",
        mish,
        mish_grad,
        family="smooth",
        latex=r"x \tanh\bigl(\log(1 + e^{x})\bigr)",
        derivative_latex=r"\tanh(\mathrm{sp}(x)) + x\,\sigma(x)\,\mathrm{sech}^2(\mathrm{sp}(x)),"
        r"\ \mathrm{sp}(x) = \log(1 + e^{x})",
        output_range=r"[\approx -0.3088, \infty)",
        zero_centred=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.6,
        reference="misra2019mish",
        torch="torch.nn.functional.mish",
        jax="jax.nn.mish",
        summary="The input times tanh of its softplus: like Swish, smooth and non-monotonic, "
        "with a slightly deeper dip (minimum about -0.3088).",
    )
)
