r"""GELU: the input weighted by the probability that a standard normal variable is below it.

The exact form uses the normal CDF :math:`\Phi(x) = \tfrac12\mathrm{erfc}(-x/\sqrt2)` from
``scipy.special.erfc``, which is accurate in relative terms far into the left tail (it does not
compute ``1 - something``; its error grows like :math:`x^2` times the unit roundoff, to 2e-13 at
x = -37); NumPy has no vectorised erf, and scipy's scalar loop is what keeps GELU slow. Where even
:math:`\Phi(x)` nears the subnormal range (x < -37) the product :math:`x\Phi(x)` is rebuilt from
``log_ndtr``. The tanh form is evaluated as :math:`x\,\sigma(2u)`, the same number as PyTorch's
:math:`\tfrac12 x (1 + \tanh u)` without the cancellation of :math:`1 + \tanh u` for x < 0.
"""

import numpy as np
from scipy import special

from . import _stable
from ._inputs import public
from .registry import Activation, register

_INV_SQRT_2PI = 0.3989422804014327  # 1 / sqrt(2 pi)
_SQRT_HALF = 0.7071067811865476
_K = 0.7978845608028654  # sqrt(2 / pi)
_C = 0.044715
_CDF_TAIL = -37.0  # below, Phi(x) and x * phi(x) approach the subnormal range


def _cdf(x):
    """The standard normal CDF as ``erfc(-x / sqrt 2) / 2``: the value of ``special.ndtr``, which
    computes it this way, at two thirds of its cost here."""
    y = x * -_SQRT_HALF
    special.erfc(y, out=y)
    y *= 0.5
    return y


def _approximate(value):
    if not isinstance(value, str) or value not in ("none", "tanh"):
        raise ValueError(f"gelu: approximate must be 'none' or 'tanh', got {value!r}")
    return value


def _tanh_arg(x):
    """``(xc, z)`` with ``z = 2 sqrt(2/pi) (xc + 0.044715 xc**3)`` and ``xc = clip(x, +-1e5)``.

    Beyond |x| = 1e5 the sigmoid of z is exactly 0 or 1, and the clip keeps ``x**3`` finite.
    """
    xc = np.clip(x, -1e5, 1e5)
    z = np.square(xc)
    z *= _C
    z += 1.0
    z *= xc
    z *= 2.0 * _K
    return xc, z


@public("gelu", blocks=True)
def gelu(x, *, approximate="none"):
    r"""Gaussian error linear unit: the input times the standard normal CDF of the input.

    .. math:: \mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}(x/\sqrt2)\right)

    With ``approximate="tanh"``: :math:`\frac{x}{2}(1 + \tanh(\sqrt{2/\pi}(x + 0.044715x^3)))`.
    Derivative: :math:`\Phi(x) + x\,\varphi(x)` (see :func:`gelu_grad`). Paper: Hendrycks &
    Gimpel (2016), ``hendrycks2016gaussian``. ``approximate`` is ``"none"`` (default, as PyTorch;
    JAX defaults to the tanh form) or ``"tanh"``. Minimum about -0.1700 at x = -0.7518.
    Ends: ``gelu(-inf) = 0`` (-0.0), ``gelu(inf) = inf``; NaN gives NaN.

    >>> print(np.round(gelu([-2.0, 0.0, 2.0]), 4), np.round(gelu([1.0], approximate="tanh"), 4))
    [-0.0455  0.      1.9545] [0.8412]
    """
    if _approximate(approximate) == "none":
        y = _cdf(x)
        with np.errstate(invalid="ignore"):  # -inf * 0 for x = -inf, in the tail fixed below
            y *= x
        tail = _stable.below(x, _CDF_TAIL)
        if tail is not None:  # Phi(x) = exp(log_ndtr(x)) is subnormal there: keep its digits
            y[tail] = _stable.mul_exp(x[tail], special.log_ndtr(x[tail]))
        return y
    _, z = _tanh_arg(x)
    y = _stable.sigmoid(z)
    with np.errstate(invalid="ignore"):  # -inf * 0 for x = -inf, in the tail fixed below
        y *= x
    tail = _stable.below(z)
    if tail is not None:  # x * sigma(z) = x * e**z there
        y[tail] = _stable.mul_exp(x[tail], z[tail])
    return y


@public("gelu", blocks=True)
def gelu_grad(x, *, approximate="none"):
    r"""Derivative of :func:`gelu`: :math:`\Phi(x) + x\,\varphi(x)`, with
    :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}` (for the tanh form,
    :math:`\sigma(z) + x z' \sigma(z)\sigma(-z)` with :math:`z = 2u`).

    It is 0 near x = -0.7518, where the two terms cancel; 0 at -inf, 1 at inf.

    >>> print(np.round(gelu_grad([-2.0, 0.0, 2.0]), 4))
    [-0.0852  0.5     1.0852]
    """
    if _approximate(approximate) == "tanh":
        xc, z = _tanh_arg(x)
        slope = np.square(xc)  # z' = 2 sqrt(2/pi) (1 + 3 * 0.044715 x**2)
        slope *= 3.0 * _C
        slope += 1.0
        slope *= 2.0 * _K
        slope *= xc
        s = _stable.sigmoid(z)
        d = _stable.sigmoid(np.negative(z))
        d *= s
        d *= slope
        d += s
        tail = _stable.below(z)
        if tail is not None:  # sigma(z) = e**z, sigma(-z) = 1 there
            d[tail] = _stable.mul_exp(1.0 + slope[tail], z[tail])
        return d
    xc = np.clip(x, -40.0, 40.0)  # phi(x) is 0 beyond |x| = 38.6; keeps x**2 finite
    pdf = np.square(xc)
    pdf *= -0.5
    np.exp(pdf, out=pdf)
    pdf *= _INV_SQRT_2PI
    pdf *= xc
    d = _cdf(x)
    d += pdf
    tail = _stable.below(x, _CDF_TAIL)
    if tail is not None:  # both terms keep their digits although phi(x) is subnormal there
        xt = xc[tail]
        d[tail] = np.exp(special.log_ndtr(x[tail])) + _stable.mul_exp(
            xt * _INV_SQRT_2PI, -0.5 * np.square(xt)
        )
    return d


register(
    Activation(
        "gelu",
        gelu,
        gelu_grad,
        family="smooth",
        latex=r"x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \mathrm{erf}\bigl(x/\sqrt{2}\bigr)\Bigr)",
        derivative_latex=r"\Phi(x) + x\,\varphi(x)",
        output_range=r"[\approx -0.1700, \infty)",
        zero_centred=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="hendrycks2016gaussian",
        torch="torch.nn.functional.gelu",
        jax="jax.nn.gelu",
        summary="The input weighted by the chance that a standard normal variable is below it; "
        "the default in Transformers such as BERT and GPT.",
    )
)
