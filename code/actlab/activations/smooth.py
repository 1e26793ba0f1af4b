r"""The smooth family: softplus, Swish and SiLU (its beta = 1 case), GELU and Mish. Each looks
like a ReLU from afar and is infinitely differentiable; Swish, SiLU, GELU and Mish dip below zero
before rising (they are not monotonic). Swish and SiLU multiply the input by a sigmoid gate of the
input itself.

GELU: the input weighted by the probability that a standard normal variable is below it.

The exact form uses the normal CDF :math:`\Phi(x) = \tfrac12\mathrm{erfc}(-x/\sqrt2)` from
``scipy.special.erfc``, which is accurate in relative terms far into the left tail (it does not
compute ``1 - something``; its error grows like :math:`x^2` times the unit roundoff, to 2e-13 at
x = -37); NumPy has no vectorised erf, and scipy's scalar loop is what keeps GELU slow. Where even
:math:`\Phi(x)` nears the subnormal range (x < -37) the product :math:`x\Phi(x)` is rebuilt from
``log_ndtr``. The tanh form is evaluated as :math:`x\,\sigma(2u)`, the same number as PyTorch's
:math:`\tfrac12 x (1 + \tanh u)` without the cancellation of :math:`1 + \tanh u` for x < 0.

>>> from actlab import activations
>>> print(activations.softplus(0.0), activations.silu([1.0]), activations.gelu([1.0]))
0.6931471805599453 [0.73105858] [0.84134475]
"""

import numpy as np
from scipy import special

from .. import _validate
from . import _stable
from ._public import public
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
    beta = _validate.positive(beta, "parameter beta", "softplus")
    if beta == 1.0:
        return _stable.softplus(x)
    z = np.abs(x)
    with np.errstate(over="ignore"):  # -beta|x| = -inf only makes e**z exactly 0: right
        z *= -beta
    y = np.exp(z)
    np.log1p(y, out=y)
    with np.errstate(over="ignore"):  # log(2) / beta > 1.8e308 for beta < 3.9e-309: inf is right
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
    beta = _validate.positive(beta, "parameter beta", "softplus")
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
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.6931471805599453,
        derivative_at_zero=0.5,
        reference="dugas2001incorporating",
        torch="torch.nn.functional.softplus",
        jax="jax.nn.softplus",
        summary="A smooth ReLU whose derivative is the sigmoid; always positive, never exactly "
        "zero.",
        sources=(
            ("studied", "dugas2001incorporating"),
            ("studied", "glorot2011deep"),
        ),
        use="To make an output positive (a scale, a rate); seldom in hidden layers.",
        chapter="08_beyond",
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
        latex=r"x \tanh(\mathrm{softplus}(x))",
        derivative_latex=r"\tanh(\mathrm{sp}(x)) + x\,\sigma(x)\,\mathrm{sech}^2(\mathrm{sp}(x)),"
        r"\ \mathrm{sp}(x) = \log(1 + e^{x})",
        output_range=r"[\approx -0.3088, \infty)",
        odd=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.6,
        reference="misra2019mish",
        torch="torch.nn.functional.mish",
        jax="jax.nn.mish",
        summary="The input times tanh of its softplus: like Swish, smooth and non-monotonic, "
        "with a slightly deeper dip (minimum about -0.3088).",
        sources=(("introduced", "misra2019mish"),),
        use="As Swish: a smooth alternative to ReLU in deep convolutional networks.",
        chapter="08_beyond",
    )
)


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
    # One exponential for both sigmoids: with e = e**-|z| and q = 1 / (1 + e) = sigma(|z|),
    # sigma(-|z|) = e q, sigma'(z) = e q**2, and sigma(z) is q or e q by the sign of z (never
    # 1 - q, which would lose the digits of a small sigma(z)).
    e = np.abs(z)
    np.negative(e, out=e)
    np.exp(e, out=e)
    q = e + 1.0
    np.reciprocal(q, out=q)
    e *= q
    d = e * q
    d *= z
    d += np.where(z < 0, e, q)
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
    return _swish(x, _validate.real_or_array(beta, "parameter beta", "swish", x.shape))


@public("swish")
def swish_grad(x, *, beta=1.0):
    r"""Derivative of :func:`swish` in x: :math:`\sigma(z)(1 + z\,\sigma(-z))`, :math:`z = \beta x`.

    It is 0 at :math:`z \approx -1.2785`, where the two terms cancel (Swish's minimum), lowest
    (about -0.0998) at :math:`z \approx -2.3994`, and slightly above 1 for :math:`z` between 0
    and infinity (at most 1.0998).

    >>> print(np.round(swish_grad([-2.0, 0.0, 2.0]), 4))
    [-0.0908  0.5     1.0908]
    """
    return _swish_grad(x, _validate.real_or_array(beta, "parameter beta", "swish", x.shape))


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
    return _swish_beta_grad(x, _validate.real_or_array(beta, "parameter beta", "swish", x.shape))


register(
    Activation(
        "swish",
        swish,
        swish_grad,
        family="smooth",
        latex=r"x\,\sigma(\beta x)",
        derivative_latex=r"\sigma(\beta x)\,\bigl(1 + \beta x\,\sigma(-\beta x)\bigr)",
        output_range=r"[\approx -0.2785/\beta, \infty)",
        odd=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="ramachandran2017searching",
        torch="torch.nn.functional.silu",
        jax="jax.nn.swish",
        summary="The input gated by its own sigmoid, found by automated search; smooth, "
        "non-monotonic, and equal to SiLU for beta = 1 (the only case PyTorch and JAX provide).",
        in_article=True,
        param_grads={"beta": swish_grad_beta},
        sources=(("introduced", "ramachandran2017searching"),),
        use="In deeper networks, as a smooth alternative to ReLU (beta fixed or learned).",
        chapter="08_beyond",
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
        odd=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="elfwing2018sigmoid",
        torch="torch.nn.functional.silu",
        jax="jax.nn.silu",
        summary="The input times its sigmoid (Swish with beta = 1); smooth and slightly "
        "negative for negative inputs, with a minimum of about -0.2785.",
        sources=(
            ("introduced", "hendrycks2016gaussian"),
            ("studied", "elfwing2018sigmoid"),
            ("popularised", "ramachandran2017searching"),
        ),
        use="In deeper networks, as a smooth alternative to ReLU (Swish with beta = 1).",
        chapter="08_beyond",
    )
)


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
        latex=r"x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}(x/\sqrt2)\right)",
        derivative_latex=r"\Phi(x) + x\,\varphi(x)",
        output_range=r"[\approx -0.1700, \infty)",
        odd=False,
        monotonic=False,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="hendrycks2016gaussian",
        torch="torch.nn.functional.gelu",
        jax="jax.nn.gelu",
        summary="The input weighted by the chance that a standard normal variable is below it; "
        "the default in Transformers such as BERT and GPT.",
        sources=(("introduced", "hendrycks2016gaussian"),),
        use="In transformers and other deep networks, where it is the usual choice.",
        chapter="08_beyond",
    )
)


def _squareplus_parts(x, b):
    """``(h / 2, x / 2)`` with ``h = sqrt(x**2 + b)`` (``hypot``: no overflow of ``x**2``)."""
    b = _validate.positive(b, "parameter b", "squareplus")
    h = np.hypot(x, np.sqrt(b))
    h *= 0.5
    return b, h, x * 0.5


@public("squareplus")
def squareplus(x, *, b=4.0):
    r"""Squareplus: a softplus-like curve built from a square root instead of exp and log.

    .. math:: \mathrm{squareplus}(x) = \frac{x + \sqrt{x^2 + b}}{2}

    Derivative: :math:`\frac{1}{2}\left(1 + x/\sqrt{x^2 + b}\right)` (see
    :func:`squareplus_grad`). Paper: Barron (2021), ``barron2021squareplus``; ``b`` (> 0, finite;
    JAX's default 4) sets how round the bend is, and :math:`b \to 0` gives ReLU. For x < 0 the
    sum cancels (at x = -1e8 both terms are about 5e7 and the answer 1e-8): there it is computed
    as :math:`(b/4) / (h/2 - x/2)` with :math:`h = \sqrt{x^2 + b}`, the same number without the
    cancellation. Ends: ``squareplus(-inf) = 0``, ``squareplus(inf) = inf``; NaN gives NaN.

    >>> print(squareplus([-1e8, 0.0, 2.0]))
    [1.00000000e-08 1.00000000e+00 2.41421356e+00]
    """
    b, h2, x2 = _squareplus_parts(x, b)
    # Right for x >= 0 (the halves keep the sum finite for the largest x); the x < 0 entries,
    # replaced below, add 0 so that -inf gives no inf - inf.
    y = h2 + np.clip(x2, 0.0, np.inf)
    neg = x < 0
    if neg.any():
        y[neg] = (0.25 * b) / (h2[neg] - x2[neg])
    return y


@public("squareplus")
def squareplus_grad(x, *, b=4.0):
    r"""Derivative of :func:`squareplus`: :math:`(1 + x/h)/2`, for x < 0 as :math:`(b/4)/h
    / (h/2 - x/2)` (no cancellation), with :math:`h = \sqrt{x^2 + b}`.

    >>> print(np.round(squareplus_grad([-2.0, 0.0, 2.0]), 4))
    [0.1464 0.5    0.8536]
    """
    x = np.clip(x, -_stable.BIG, _stable.BIG)  # x / h is then 1 at inf, not inf / inf
    b, h2, x2 = _squareplus_parts(x, b)
    d = x2 / h2
    d += 1.0
    d *= 0.5
    neg = x < 0
    if neg.any():
        hn = h2[neg]
        d[neg] = (0.125 * b) / hn / (hn - x2[neg])
    return d


register(
    Activation(
        "squareplus",
        squareplus,
        squareplus_grad,
        family="smooth",
        latex=r"\frac{x + \sqrt{x^2 + b}}{2}",
        derivative_latex=r"\frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)",
        output_range=r"(0, \infty)",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=1.0,
        derivative_at_zero=0.5,
        reference="barron2021squareplus",
        torch=None,
        jax="jax.nn.squareplus",
        summary="A softplus look-alike from a square root alone: positive, smooth, and cheap "
        "where exp and log are slow.",
        sources=(("introduced", "barron2021squareplus"),),
        use="Where softplus fits but exp and log are costly (some accelerators).",
    )
)
