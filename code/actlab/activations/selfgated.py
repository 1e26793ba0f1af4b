"""Self-gated units: Swish and SiLU (its beta = 1 case) multiply the input by a sigmoid gate of
the input itself. Smooth, non-monotonic (they dip below zero before rising) and unbounded above.
"""

import numpy as np

from . import _stable
from ._inputs import public, real_or_array
from .registry import Activation, register


def _times_beta(x, beta):
    """``beta * x`` with 0 * inf taken as 0 (a zero beta makes swish(x) = x / 2 everywhere)."""
    if np.ndim(beta) == 0:
        if beta == 1.0:
            return x
        if beta == 0.0:
            return np.zeros_like(x)
    with np.errstate(over="ignore", invalid="ignore"):  # +-inf is right; NaN is fixed next
        z = beta * x
    if np.ndim(beta) > 0 and (beta == 0).any():
        z[np.broadcast_to(beta == 0, z.shape)] = 0.0
    return z


def _swish(x, beta):
    """``x * sigmoid(beta * x)``, computed as ``x / (1 + e**-z)`` with ``z = beta * x``."""
    z = _times_beta(x, beta)
    y = np.negative(z)
    with _stable.Watch("over", "invalid") as watch:
        # For z < -709.78, e**-z overflows and x / inf is 0 (NaN for x = -inf), although the
        # value is x * e**z, subnormal but not 0 down to about z = -752: recomputed below.
        np.exp(y, out=y)
        y += 1.0
        np.divide(x, y, out=y)
    if watch.seen:
        tail = z < _stable.EXP_TAIL
        y[tail] = _stable.mul_exp(x[tail], z[tail])
    return y


def _swish_grad(x, beta):
    r"""``sigma(z) + z sigma'(z)`` with ``z = beta x``, and ``(1 + z) e**z`` in the far tail."""
    z = np.clip(_times_beta(x, beta), -_stable.BIG, _stable.BIG)  # finite z: no inf * 0
    d = _stable.sigmoid_grad(z)
    d *= z
    d += _stable.sigmoid(z)
    tail = _stable.below(z)
    if tail is not None:  # sigma(z) = e**z and sigma(-z) = 1 there
        d[tail] = _stable.mul_exp(1.0 + z[tail], z[tail])
    if np.any(np.equal(beta, 0.0)):  # z = 0 there whatever x is, even NaN
        _stable.keep_nan(d, x)
    return d


def _swish_beta_grad(x, beta):
    r"""``x**2 sigma(z) sigma(-z)`` with ``z = beta x``, as ``a**2`` with
    ``a = |x| e**(-|z|/2) / (1 + e**-|z|)``.

    Squaring ``x`` first would overflow for ``|x| > 1.3e154`` (and give inf * 0 = NaN at
    ``x = inf``) although the exponential factor usually brings the product far below that. ``a``
    is formed as ``(|x| h) h`` with ``h = e**(-|z|/4)`` <= 1, so it cannot overflow, and ``h``
    stays a normal float up to ``|z| = 2832``, past which the exact value is below the smallest
    float anyway. Only the final square rounds to inf, where the exact value is beyond the largest
    float (beta = 0 or tiny beta with huge x).
    """
    z = np.abs(_times_beta(x, beta))
    h = np.multiply(z, -0.25, out=z)
    np.exp(h, out=h)
    a = np.clip(np.abs(x), 0.0, _stable.BIG)  # x = +-inf: the limit is 0 for beta != 0
    a *= h
    a *= h
    np.square(h, out=h)
    np.square(h, out=h)
    h += 1.0
    a /= h
    with np.errstate(over="ignore"):
        return np.square(a, out=a)


@public("swish")
def swish(x, *, beta=1.0):
    r"""Swish: the input times its own sigmoid gate, with a constant or learned sharpness beta.

    .. math:: \mathrm{swish}(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}

    Derivative: :math:`\sigma(\beta x)\,(1 + \beta x\,\sigma(-\beta x))` (see
    :func:`swish_grad`). Paper: Ramachandran, Zoph & Le (2017), ``ramachandran2017searching``.
    ``beta`` is a finite real number or a finite array broadcastable to x; beta = 1 is SiLU,
    beta = 0 gives x / 2, and beta -> inf tends to ReLU. Minimum about -0.2785 / beta at
    x = -1.2785 / beta. Ends: ``swish(-inf) = 0`` (-0.0), ``swish(inf) = inf`` for beta > 0;
    NaN gives NaN.

    >>> print(np.round(swish([-2.0, 0.0, 2.0]), 4), np.round(swish([-2.0, 2.0], beta=2.0), 4))
    [-0.2384  0.      1.7616] [-0.036  1.964]
    """
    return _swish(x, real_or_array("swish", "beta", beta, x))


@public("swish")
def swish_grad(x, *, beta=1.0):
    r"""Derivative of :func:`swish` in x: :math:`\sigma(z)(1 + z\,\sigma(-z))`, :math:`z = \beta x`.

    It is 0 at :math:`z \approx -2.3994`, where the two terms cancel, and slightly above 1 for
    :math:`z` between 0 and infinity (at most 1.0998).

    >>> print(np.round(swish_grad([-2.0, 0.0, 2.0]), 4))
    [-0.0908  0.5     1.0908]
    """
    return _swish_grad(x, real_or_array("swish", "beta", beta, x))


@public("swish")
def swish_grad_beta(x, *, beta=1.0):
    r"""Derivative of :func:`swish` in its sharpness beta.

    .. math:: \frac{\partial}{\partial\beta}\, x\,\sigma(\beta x)
              = x^2\,\sigma(\beta x)\,\sigma(-\beta x) \ \ge 0

    So a larger beta always raises the output (towards ReLU for x > 0, towards 0 for x < 0), and
    the push is largest for inputs of size about 2.4 / |beta|; it fades like
    :math:`x^2 e^{-|\beta x|}` away from there. Ends: 0 at +-inf for beta != 0 (inf for beta =
    0, where it is :math:`x^2/4`); NaN gives NaN. Computed without overflow (see
    :func:`_swish_beta_grad`).

    >>> print(np.round(swish_grad_beta([-2.0, 0.0, 2.0]), 4))
    [0.42 0.   0.42]
    """
    return _swish_beta_grad(x, real_or_array("swish", "beta", beta, x))


register(
    Activation(
        "swish",
        swish,
        swish_grad,
        family="smooth",
        latex=r"x\,\sigma(\beta x)",
        derivative_latex=r"\sigma(\beta x)\,\bigl(1 + \beta x\,\sigma(-\beta x)\bigr)",
        output_range=r"[\approx -0.2785/\beta, \infty)",
        zero_centred=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="ramachandran2017searching",
        torch="torch.nn.functional.silu",
        jax="jax.nn.swish",
        summary="The input gated by its own sigmoid, found by automated search; smooth, "
        "non-monotonic, and equal to SiLU for beta = 1 (the only case PyTorch and JAX provide).",
        in_article=True,
        param_grads={"beta": swish_grad_beta},
    )
)


@public("silu")
def silu(x):
    r"""Sigmoid-weighted linear unit: the input times its sigmoid, i.e. :func:`swish` with beta = 1.

    .. math:: \mathrm{SiLU}(x) = x\,\sigma(x)

    Derivative: :math:`\sigma(x)(1 + x\,\sigma(-x))` (see :func:`silu_grad`). Paper: Elfwing,
    Uchibe & Doya (2018), ``elfwing2018sigmoid``; also Hendrycks & Gimpel (2016). Ends:
    ``silu(-inf) = 0`` (-0.0), ``silu(inf) = inf``; NaN gives NaN.

    >>> print(np.round(silu([-2.0, 0.0, 2.0]), 4))
    [-0.2384  0.      1.7616]
    """
    return _swish(x, 1.0)


@public("silu", blocks=True)
def silu_grad(x):
    r"""Derivative of :func:`silu`: :math:`\sigma(x)(1 + x\,\sigma(-x))`.

    >>> print(np.round(silu_grad([-2.0, 0.0, 2.0]), 4))
    [-0.0908  0.5     1.0908]
    """
    return _swish_grad(x, 1.0)


register(
    Activation(
        "silu",
        silu,
        silu_grad,
        family="smooth",
        latex=r"x\,\sigma(x)",
        derivative_latex=r"\sigma(x)\,\bigl(1 + x\,\sigma(-x)\bigr)",
        output_range=r"[\approx -0.2785, \infty)",
        zero_centred=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="elfwing2018sigmoid",
        torch="torch.nn.functional.silu",
        jax="jax.nn.silu",
        summary="The input times its sigmoid (Swish with beta = 1); smooth and slightly "
        "negative for negative inputs, with a minimum of about -0.2785.",
    )
)
