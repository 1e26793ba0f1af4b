"""Two more S-shaped curves of the classic family: softsign, a tanh without exponentials, and
log-sigmoid, the logarithm of the sigmoid computed without forming the sigmoid."""

import numpy as np

from . import _stable
from ._inputs import public
from .registry import Activation, register


@public("softsign", blocks=True)
def softsign(x):
    r"""Softsign: a cheaper S-curve with range (-1, 1) that approaches its limits polynomially.

    .. math:: \mathrm{softsign}(x) = \frac{x}{1 + |x|}

    Derivative: :math:`1 / (1 + |x|)^2` (see :func:`softsign_grad`). Paper: Turian, Bergstra &
    Bengio (2009), ``turian2009quadratic``. Ends: ``softsign(+-inf) = +-1`` (the input is clipped
    to the largest float first, as inf/inf would be NaN); NaN gives NaN.

    >>> print(softsign([-3.0, 0.0, 1.0]))
    [-0.75  0.    0.5 ]
    """
    xc = np.clip(x, -_stable.BIG, _stable.BIG)
    d = np.abs(xc)
    d += 1.0
    np.divide(xc, d, out=d)
    return d


@public("softsign")
def softsign_grad(x):
    r"""Derivative of :func:`softsign`: :math:`1/(1+|x|)^2`, squared after the division so that
    huge |x| underflow to 0 instead of overflowing. NaN gives NaN.

    >>> print(softsign_grad([-3.0, 0.0, 1.0]))
    [0.0625 1.     0.25  ]
    """
    r = np.abs(x)
    r += 1.0
    np.reciprocal(r, out=r)
    np.square(r, out=r)
    return r


register(
    Activation(
        "softsign",
        softsign,
        softsign_grad,
        family="classic",
        latex=r"\frac{x}{1 + |x|}",
        derivative_latex=r"\frac{1}{(1 + |x|)^2}",
        output_range="(-1, 1)",
        zero_centred=True,
        monotonic=True,
        smooth=True,
        bounded=True,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=1.0,
        reference="turian2009quadratic",
        torch="torch.nn.functional.softsign",
        jax="jax.nn.soft_sign",
        summary="A tanh-like curve without exponentials whose tails approach +-1 polynomially, "
        "so it saturates more gently.",
    )
)


@public("logsigmoid", blocks=True)
def logsigmoid(x):
    r"""Log-sigmoid: the logarithm of :func:`sigmoid`, with range (-inf, 0).

    .. math:: \log\sigma(x) = -\log(1 + e^{-x}) = -\mathrm{softplus}(-x)

    Derivative: :math:`\sigma(-x) = 1 - \sigma(x)` (see :func:`logsigmoid_grad`). Computed as
    :math:`\min(x, 0) - \log(1 + e^{-|x|})`, never ``log(sigmoid(x))``, which gives -inf once
    sigmoid underflows (x < -745). Ends: ``logsigmoid(-inf) = -inf``, ``logsigmoid(inf) = 0``;
    NaN gives NaN.

    >>> print(logsigmoid([-800.0, 0.0, 30.0]))
    [-8.00000000e+02 -6.93147181e-01 -9.35762297e-14]
    """
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=e)
    y = np.clip(x, -np.inf, 0.0)
    y -= e
    return y


@public("logsigmoid", blocks=True)
def logsigmoid_grad(x):
    r"""Derivative of :func:`logsigmoid`: :math:`\sigma(-x)`, computed directly (no ``1 - s``).

    >>> print(np.round(logsigmoid_grad([-2.0, 0.0, 2.0]), 4))
    [0.8808 0.5    0.1192]
    """
    return _stable.sigmoid(np.negative(x))


register(
    Activation(
        "logsigmoid",
        logsigmoid,
        logsigmoid_grad,
        family="classic",
        latex=r"-\log\left(1 + e^{-x}\right)",
        derivative_latex=r"\sigma(-x)",
        output_range=r"(-\infty, 0)",
        zero_centred=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=True,
        value_at_zero=-0.6931471805599453,
        derivative_at_zero=0.5,
        reference=None,
        torch="torch.nn.functional.logsigmoid",
        jax="jax.nn.log_sigmoid",
        summary="The log of the sigmoid, computed without ever forming the sigmoid; the "
        "stable building block of the binary cross-entropy.",
    )
)
