"""Shrinkage functions: hardshrink and softshrink zero a band around 0 (the thresholding of
wavelet denoising), tanhshrink subtracts tanh from the identity. All three are odd functions."""

import math
from fractions import Fraction

import numpy as np

from .. import _validate
from . import _stable
from ._public import filled, public
from .registry import Activation, register


def _outside(x, lambd):
    """1 where ``|x| > lambd``, 0 elsewhere (also at +-lambd), NaN where x is NaN."""

    def fill(xb, ob, mask):
        np.abs(xb, out=ob)
        np.greater(ob, lambd, out=ob)
        _stable.nan_where(ob, xb, mask)

    return filled(fill, x, masks=1)


@public("hardshrink")
def hardshrink(x, *, lambd=0.5):
    r"""Hard shrinkage: zero inside the band [-lambd, lambd], the identity outside.

    .. math:: \mathrm{hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda
              \end{cases}

    Derivative: 1 for |x| > lambd, 0 for |x| <= lambd (0 at the jumps, as PyTorch; see
    :func:`hardshrink_grad`). Paper: Donoho & Johnstone (1994), ``donoho1994ideal`` (hard
    thresholding). ``lambd`` (PyTorch's name; ``lambda`` is a Python keyword) must be finite and
    >= 0. Ends: ``+-inf`` stay ``+-inf``; NaN gives NaN.

    >>> print(hardshrink([-1.0, -0.5, 0.2, 0.7]))
    [-1.   0.   0.   0.7]
    """
    lambd = _validate.nonnegative(lambd, "parameter lambd", "hardshrink")
    y = np.abs(x)
    np.greater(y, lambd, out=y)  # 1.0 outside the band, 0.0 inside (and for NaN)
    y *= x  # NaN * 0 stays NaN; |x| is never inf * 0
    y += 0.0  # -0.0 from the negative side of the band becomes 0.0, as PyTorch returns
    return y


@public("hardshrink")
def hardshrink_grad(x, *, lambd=0.5):
    r"""Derivative of :func:`hardshrink`: 1 where |x| > lambd, else 0.

    >>> print(hardshrink_grad([-1.0, -0.5, 0.2, 0.7]))
    [1. 0. 0. 1.]
    """
    lambd = _validate.nonnegative(lambd, "parameter lambd", "hardshrink")
    return _outside(x, lambd)


register(
    Activation(
        "hardshrink",
        hardshrink,
        hardshrink_grad,
        family="shrink",
        latex=r"\begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        derivative_latex=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        output_range=r"(-\infty, -\lambda) \cup \{0\} \cup (\lambda, \infty)",
        odd=True,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="donoho1994ideal",
        torch="torch.nn.functional.hardshrink",
        jax=None,
        summary="Keeps inputs larger than lambd in size and zeroes the rest: hard "
        "thresholding, discontinuous at +-lambd.",
        sources=(("studied", "donoho1994ideal"),),
        use="In sparse coding and denoising, to zero small values exactly.",
    )
)


@public("softshrink")
def softshrink(x, *, lambd=0.5):
    r"""Soft shrinkage: moves every input lambd towards 0, and zeroes those that would cross it.

    .. math:: \mathrm{softshrink}(x) = \begin{cases} x - \lambda & x > \lambda \\
              x + \lambda & x < -\lambda \\ 0 & |x| \le \lambda \end{cases}

    Derivative: 1 for |x| > lambd, 0 for |x| <= lambd (see :func:`softshrink_grad`). Paper:
    Donoho (1995), ``donoho1995denoising`` (soft thresholding). Computed as
    :math:`x - \mathrm{clip}(x, -\lambda, \lambda)`, one exact subtraction inside the band.
    ``lambd`` must be finite and >= 0. Ends: ``+-inf`` stay ``+-inf``; NaN gives NaN.

    >>> print(softshrink([-1.0, -0.5, 0.2, 0.7]))
    [-0.5  0.   0.   0.2]
    """
    lambd = _validate.nonnegative(lambd, "parameter lambd", "softshrink")
    y = np.clip(x, -lambd, lambd)
    return np.subtract(x, y, out=y)


@public("softshrink")
def softshrink_grad(x, *, lambd=0.5):
    r"""Derivative of :func:`softshrink`: 1 where |x| > lambd, else 0 (0 at +-lambd).

    >>> print(softshrink_grad([-1.0, -0.5, 0.2, 0.7]))
    [1. 0. 0. 1.]
    """
    lambd = _validate.nonnegative(lambd, "parameter lambd", "softshrink")
    return _outside(x, lambd)


register(
    Activation(
        "softshrink",
        softshrink,
        softshrink_grad,
        family="shrink",
        latex=r"\begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ "
        r"0 & |x| \le \lambda \end{cases}",
        derivative_latex=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        output_range=r"(-\infty, \infty)",
        odd=True,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="donoho1995denoising",
        torch="torch.nn.functional.softshrink",
        jax=None,
        summary="Shrinks every input towards 0 by lambd and zeroes the band in between: soft "
        "thresholding, continuous but with kinks at +-lambd.",
        sources=(("studied", "donoho1995denoising"),),
        use="In sparse coding (ISTA-style networks) and denoising, to shrink values towards 0.",
    )
)


def _tanhshrink_series(cut, rtol=2.0**-56):
    """Coefficients c_k of x - tanh(x) = x**3 * sum_k c_k (x**2)**k, enough terms for |x| < cut.

    tanh(x) = sum_n (-1)**(n+1) T_n x**(2n-1) / (2n-1)! with the tangent numbers T_n = tan^(2n-1)
    (0), found exactly from the derivative polynomials P_{m+1}(t) = (1 + t**2) P_m'(t), P_0 = t.
    """
    poly = [0, 1]  # P_0(t) = t, as coefficients of t**0, t**1, ...
    coeffs = []
    for m in range(1, 80):
        deriv = [i * c for i, c in enumerate(poly)][1:] or [0]
        poly = [0] * (len(deriv) + 2)
        for i, c in enumerate(deriv):
            poly[i] += c
            poly[i + 2] += c
        n = (m + 1) // 2
        if m % 2 == 1 and n >= 2:  # P_m(0) = tan^(m)(0) = T_n for m = 2n - 1
            c = Fraction((-1) ** n * poly[0], math.factorial(m))
            coeffs.append(float(c))
            if abs(c) * cut ** (2 * len(coeffs) - 2) < rtol * Fraction(1, 3):
                return np.array(coeffs)
    raise RuntimeError("tanhshrink series did not converge")  # pragma: no cover


_SERIES_CUT = 0.25
_SERIES = _tanhshrink_series(_SERIES_CUT)


@public("tanhshrink", blocks=True)
def tanhshrink(x):
    r"""Tanh shrinkage: the identity minus tanh, near 0 a cubic :math:`x^3/3`.

    .. math:: \mathrm{tanhshrink}(x) = x - \tanh(x)

    Derivative: :math:`\tanh^2(x)` (see :func:`tanhshrink_grad`). No paper introduced it as an
    activation. Near 0, x - tanh(x) subtracts two nearly equal numbers and keeps no correct digit
    (at x = 1e-6 the answer is 3.3e-19); for |x| < 0.25 it is therefore summed from its Taylor
    series :math:`x^3/3 - 2x^5/15 + 17x^7/315 - \dots` (coefficients from the tangent numbers).
    Ends: ``tanhshrink(+-inf) = +-inf``; NaN gives NaN.

    >>> print(tanhshrink([1e-6, 1.0]))
    [3.33333333e-19 2.38405844e-01]
    """
    y = np.tanh(x)
    np.subtract(x, y, out=y)
    small = np.abs(x) < _SERIES_CUT
    if small.any():
        xs = x[small]
        t = xs * xs
        p = np.full_like(t, _SERIES[-1])
        for c in _SERIES[-2::-1]:  # Horner's rule in x**2
            p *= t
            p += c
        p *= t
        p *= xs
        y[small] = p
    return y


@public("tanhshrink")
def tanhshrink_grad(x):
    r"""Derivative of :func:`tanhshrink`: :math:`1 - \mathrm{sech}^2(x) = \tanh^2(x)`.

    >>> print(np.round(tanhshrink_grad([-1.0, 0.0, 2.0]), 4))
    [0.58   0.     0.9293]
    """
    y = np.tanh(x)
    return np.square(y, out=y)


register(
    Activation(
        "tanhshrink",
        tanhshrink,
        tanhshrink_grad,
        family="shrink",
        latex=r"x - \tanh(x)",
        derivative_latex=r"\tanh^2(x)",
        output_range=r"(-\infty, \infty)",
        odd=True,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference=None,
        torch="torch.nn.functional.tanhshrink",
        jax=None,
        summary="The identity minus tanh: flat (cubic) near 0 and parallel to the identity "
        "far out, a smooth kind of shrinkage.",
        use="Rarely: in sparse coding and denoising models.",
    )
)
