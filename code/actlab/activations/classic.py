"""The classic family: the step of the first artificial neurons, the identity, the S-shaped
sigmoid and tanh, and two more S-curves, softsign (a tanh without exponentials) and log-sigmoid
(the logarithm of the sigmoid, computed without forming the sigmoid). Each function sits next to
its derivative, then its registry entry.

>>> from actlab import activations
>>> print(activations.sigmoid([0.0, 2.0]), activations.softsign(3.0))
[0.5        0.88079708] 0.75
"""

import numpy as np

from . import _stable
from ._public import public
from .registry import Activation, register


@public("step")
def step(x):
    r"""Heaviside step: 1 above the threshold 0, else 0 (the McCulloch-Pitts neuron fires or not).

    .. math:: H(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    Derivative: 0 for every :math:`x \ne 0` (see :func:`step_grad`); the jump at 0 gives no
    learning signal at all. Paper: McCulloch & Pitts (1943), ``mcculloch1943logical``.
    Ends: ``step(-inf) = 0``, ``step(inf) = 1``, ``step(0) = step(-0.0) = 0``; NaN gives NaN.

    >>> print(step([-2.0, 0.0, 0.5, np.inf]))
    [0. 0. 1. 1.]
    """
    return _stable.heaviside(x)


@public("step")
def step_grad(x):
    r"""Derivative of :func:`step`: 0 everywhere (NaN for NaN).

    At 0 the derivative is undefined; in the sense of distributions it is Dirac's delta, infinite
    at 0. Autograd reports 0 there too, and 0 is what gradient descent would get: nothing.

    >>> print(step_grad([-1.0, 0.0, 1.0]))
    [0. 0. 0.]
    """
    return _stable.keep_nan(np.zeros_like(x), x)


register(
    Activation(
        "step",
        step,
        step_grad,
        family="classic",
        latex=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        derivative_latex=r"0 \quad (x \ne 0)",
        output_range=r"\{0, 1\}",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=True,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="mcculloch1943logical",
        torch="torch.heaviside",
        jax="jax.numpy.heaviside",
        summary="Fires 1 above the threshold and 0 below; its zero derivative gives gradient "
        "descent nothing to follow.",
        in_article=True,
        sources=(("introduced", "mcculloch1943logical"),),
        use="Not in a network trained by gradients (its slope is 0 "
        "everywhere); to understand the first neurons.",
        chapter="02_step_function",
    )
)


@public("linear")
def linear(x):
    r"""Identity (linear) activation: the output is the input, a new array.

    .. math:: f(x) = x

    Derivative: 1 (see :func:`linear_grad`). Stacked linear layers collapse into one linear map,
    so it only makes sense at a regression output. Ends: ``linear(+-inf) = +-inf``; NaN gives NaN.

    >>> print(linear([-1.5, 0.0, 2.0]))
    [-1.5  0.   2. ]
    """
    return x.copy()


@public("linear")
def linear_grad(x):
    r"""Derivative of :func:`linear`: 1 everywhere, also at +-inf (NaN for NaN).

    >>> print(linear_grad([-1.0, 0.0, np.inf]))
    [1. 1. 1.]
    """
    return _stable.keep_nan(np.ones_like(x), x)


register(
    Activation(
        "linear",
        linear,
        linear_grad,
        family="classic",
        latex="x",
        derivative_latex="1",
        output_range=r"(-\infty, \infty)",
        odd=True,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=1.0,
        reference=None,
        torch="torch.nn.Identity",
        jax="jax.nn.identity",
        summary="Passes its input through; fine for a regression output, useless in hidden "
        "layers because stacked linear maps collapse into one.",
        in_article=True,
        use="In the output layer for regression; never alone in hidden "
        "layers, where a stack of them stays linear.",
        chapter="03_linear",
    )
)


@public("sigmoid")
def sigmoid(x):
    r"""Logistic sigmoid: squashes any real number into (0, 1).

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    Derivative: :math:`\sigma(x)(1 - \sigma(x)) \le 1/4` (see :func:`sigmoid_grad`).
    Paper: Rumelhart, Hinton & Williams (1986), ``rumelhart1986learning``.
    Ends: ``sigmoid(-inf) = 0``, ``sigmoid(inf) = 1``; NaN gives NaN. Computed as
    ``1 / (1 + exp(-x))`` in four in-place passes, twice as fast as ``scipy.special.expit``. For
    x < -709.78, :math:`e^{-x}` overflows and the quotient becomes 0, the limit but not the value;
    NumPy's overflow flag (no warning, no extra pass) then has those entries recomputed as
    :math:`e^{x}`, so tiny outputs keep their digits: sigmoid(-740) = 4.2e-322 (expit gives 0).

    >>> print(np.round(sigmoid([-2.0, 0.0, 2.0]), 4))
    [0.1192 0.5    0.8808]
    """
    return _stable.sigmoid(x)


@public("sigmoid", blocks=True)
def sigmoid_grad(x):
    r"""Derivative of :func:`sigmoid`: :math:`\sigma(x)\,\sigma(-x) = e^{-|x|} / (1 + e^{-|x|})^2`.

    Written without :math:`1 - \sigma(x)`, which loses every digit for large x. Maximum 1/4 at 0;
    0 at +-inf; NaN gives NaN.

    >>> print(np.round(sigmoid_grad([-2.0, 0.0, 2.0]), 4))
    [0.105 0.25  0.105]
    """
    return _stable.sigmoid_grad(x)


register(
    Activation(
        "sigmoid",
        sigmoid,
        sigmoid_grad,
        family="classic",
        latex=r"\frac{1}{1 + e^{-x}}",
        derivative_latex=r"\sigma(x)\,(1 - \sigma(x))",
        output_range="(0, 1)",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=True,
        saturating=True,
        value_at_zero=0.5,
        derivative_at_zero=0.25,
        reference="rumelhart1986learning",
        torch="torch.sigmoid",
        jax="jax.nn.sigmoid",
        summary="A smooth step into (0, 1), read as a probability; its slope is at most 1/4 "
        "and vanishes at both ends.",
        in_article=True,
        sources=(("popularised", "rumelhart1986learning"),),
        use="In the output layer for a yes/no probability (with "
        "cross-entropy), and as a gate; rarely in hidden layers.",
        chapter="04_sigmoid",
    )
)


@public("tanh")
def tanh(x):
    r"""Hyperbolic tangent: a zero-centred S-curve with range (-1, 1).

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1

    Derivative: :math:`1 - \tanh^2(x)` (see :func:`tanh_grad`). Paper: LeCun et al. (1998),
    ``lecun1998efficient``. Ends: ``tanh(+-inf) = +-1``; NaN gives NaN. NumPy's ``np.tanh``.

    >>> print(np.round(tanh([-2.0, 0.0, 2.0]), 4))
    [-0.964  0.     0.964]
    """
    return np.tanh(x)


@public("tanh", blocks=True)
def tanh_grad(x):
    r"""Derivative of :func:`tanh`: :math:`\mathrm{sech}^2 x = 4e^{-2|x|} / (1 + e^{-2|x|})^2`.

    Not computed as ``1 - tanh(x)**2``, which is 0 for every |x| > 19 and inaccurate well before.
    Equals 1 at 0, 0 at +-inf; NaN gives NaN.

    >>> print(np.round(tanh_grad([-2.0, 0.0, 2.0]), 4))
    [0.0707 1.     0.0707]
    """
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.square(e, out=e)  # e**(-2|x|), no overflow, no 2|x| product that could overflow
    d = e + 1.0
    np.square(d, out=d)
    np.divide(e, d, out=d)
    d *= 4.0
    return d


register(
    Activation(
        "tanh",
        tanh,
        tanh_grad,
        family="classic",
        latex=r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        derivative_latex=r"1 - \tanh^2(x)",
        output_range="(-1, 1)",
        odd=True,
        monotonic=True,
        smooth=True,
        bounded=True,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=1.0,
        reference="lecun1998efficient",
        torch="torch.tanh",
        jax="jax.nn.tanh",
        summary="A zero-centred sigmoid (tanh(x) = 2 sigma(2x) - 1) with slope 1 at the origin; "
        "it still saturates at both ends.",
        in_article=True,
        sources=(("studied", "lecun1998efficient"),),
        use="Where a zero-centred, bounded output is wanted: recurrent "
        "cells, small shallow networks.",
        chapter="05_fall_of_sigmoid",
    )
)


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
        odd=True,
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
        sources=(("studied", "turian2009quadratic"),),
        use="As a slower-saturating tanh, for bounded zero-centred outputs.",
    )
)


@public("logsigmoid", blocks=True)
def logsigmoid(x):
    r"""Log-sigmoid: the logarithm of :func:`sigmoid`, with range (-inf, 0).

    .. math:: \log\sigma(x) = -\log\left(1 + e^{-x}\right) = -\mathrm{softplus}(-x)

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
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=-0.6931471805599453,
        derivative_at_zero=0.5,
        reference=None,
        torch="torch.nn.functional.logsigmoid",
        jax="jax.nn.log_sigmoid",
        summary="The log of the sigmoid, computed without ever forming the sigmoid; the "
        "stable building block of the binary cross-entropy.",
        use="Inside a loss: the log-probability of a yes/no output, without forming the sigmoid.",
    )
)
