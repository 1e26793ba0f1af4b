"""The rectifier family: ReLU, its leaky and parametric variants and ReLU6, which are piecewise
linear and so exact in floating point (no rounding except the product alpha * x); and the
exponential linear units ELU, SELU (scaled) and CELU (continuously differentiable), linear for
x > 0 and an exponential curve for x <= 0 that saturates at -alpha.

The ELU-type negative branch is ``alpha * expm1(min(x, 0))``, as in JAX: clipping first means the
branch that is not taken can never overflow, and ``expm1`` keeps the digits of ``e**x - 1`` near 0.

>>> from actlab import activations
>>> print(activations.relu([-1.0, 2.0]), activations.elu([-1.0, 2.0]))
[0. 2.] [-0.63212056  2.        ]
"""

import math

import numpy as np
from scipy import special

from .. import _validate
from . import _stable
from ._public import filled, public
from .registry import Activation, register


@public("relu")
def relu(x):
    r"""Rectified linear unit: keeps positive inputs, zeroes the rest.

    .. math:: \mathrm{ReLU}(x) = \max(0, x)

    Derivative: 1 for x > 0, 0 for x < 0, and 0 at x = 0 as in PyTorch (see :func:`relu_grad`).
    Papers: Nair & Hinton (2010), ``nair2010rectified``; Glorot, Bordes & Bengio (2011).
    Ends: ``relu(-inf) = 0``, ``relu(inf) = inf``; NaN gives NaN (``np.maximum`` semantics).

    >>> print(relu([-2.0, 0.0, 3.0]))
    [0. 0. 3.]
    """
    return np.clip(x, 0.0, np.inf)


@public("relu")
def relu_grad(x):
    r"""Derivative of :func:`relu`: 1 where x > 0, else 0 (0 at the kink, as autograd reports).

    >>> print(relu_grad([-2.0, 0.0, 3.0]))
    [0. 0. 1.]
    """
    return _stable.heaviside(x)


register(
    Activation(
        "relu",
        relu,
        relu_grad,
        family="rectifier",
        latex=r"\max(0, x)",
        derivative_latex=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        output_range=r"[0, \infty)",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="nair2010rectified",
        torch="torch.nn.functional.relu",
        jax="jax.nn.relu",
        summary="Cheap and sparse, with slope 1 for every positive input; a unit whose input "
        "stays negative gets no gradient (it dies).",
        in_article=True,
        sources=(
            ("introduced", "fukushima1969visual"),
            ("studied", "hahnloser2000digital"),
            ("studied", "jarrett2009what"),
            ("popularised", "nair2010rectified"),
            ("popularised", "krizhevsky2012imagenet"),
        ),
        use="The default for hidden layers of feed-forward and convolutional networks.",
        chapter="06_relu",
    )
)


def _sloped(x, alpha):
    """``x`` where ``x > 0``, else ``alpha * x``; ``alpha`` is a float or a broadcastable array."""
    if np.ndim(alpha) == 0 and alpha == 0:
        return np.clip(x, 0.0, np.inf)
    with np.errstate(over="ignore", invalid="ignore"):
        # |alpha| > 1 can take alpha * x past the largest float: inf is then the right value.
        # A zero slope times an infinite x is NaN: repaired below.
        ax = alpha * x
    # For alpha <= 1 the larger of x and alpha * x is the answer on both sides of 0 (for alpha
    # >= 1 the smaller): one pass, no branch, and NaN propagates through max and min.
    if np.all(alpha <= 1):
        np.maximum(x, ax, out=ax)
    elif np.all(alpha >= 1):
        np.minimum(x, ax, out=ax)
    else:
        ax = np.where(x > 0, x, ax)
    if np.ndim(alpha) > 0 and (alpha == 0).any():
        fix = (alpha == 0) & np.isinf(x)
        ax[fix] = np.clip(x[fix], 0.0, np.inf)
    return ax


def _sloped_grad(x, alpha):
    """1 where ``x > 0``, else ``alpha``; NaN where x is NaN.

    For a scalar alpha in [0, 1] this is computed block by block as ``(x > 0) * (1 - alpha) +
    alpha``, which is exactly 1 or alpha: for 0 <= alpha <= 1 the rounded ``1 - alpha`` plus
    alpha rounds back to 1.
    """
    if np.ndim(alpha) == 0 and 0 <= alpha <= 1 and (1.0 - alpha) + alpha == 1.0:
        rest = 1.0 - alpha

        def fill(xb, ob, mask):
            np.greater(xb, 0.0, out=ob)
            ob *= rest
            ob += alpha
            _stable.nan_where(ob, xb, mask)

        return filled(fill, x, masks=1)
    return _stable.keep_nan(np.where(x > 0, 1.0, alpha), x)


def _negative_part(x):
    """``min(x, 0)``: the derivative of ``x if x > 0 else alpha * x`` in alpha (exact; NaN kept)."""
    return np.clip(x, -np.inf, 0.0)


@public("leaky_relu")
def leaky_relu(x, *, alpha=0.01):
    r"""Leaky ReLU: a ReLU that lets a small gradient through for negative inputs.

    .. math:: \mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}

    Derivative: 1 for x > 0, :math:`\alpha` for x <= 0 (PyTorch's value at 0; see
    :func:`leaky_relu_grad`). Paper: Maas, Hannun & Ng (2013), ``maas2013rectifier``.
    ``alpha`` (PyTorch's ``negative_slope``, default 0.01) must be a finite real number.
    Ends: ``leaky_relu(-inf) = -inf`` for alpha > 0; NaN gives NaN.

    >>> print(leaky_relu([-2.0, 0.0, 3.0]), leaky_relu([-2.0, 3.0], alpha=0.5))
    [-0.02  0.    3.  ] [-1.  3.]
    """
    return _sloped(x, _validate.real(alpha, "parameter alpha", "leaky_relu"))


@public("leaky_relu")
def leaky_relu_grad(x, *, alpha=0.01):
    r"""Derivative of :func:`leaky_relu`: 1 where x > 0, else alpha (also at 0).

    >>> print(leaky_relu_grad([-2.0, 0.0, 3.0]))
    [0.01 0.01 1.  ]
    """
    return _sloped_grad(x, _validate.real(alpha, "parameter alpha", "leaky_relu"))


@public("leaky_relu")
def leaky_relu_grad_alpha(x, *, alpha=0.01):
    r"""Derivative of :func:`leaky_relu` in its slope alpha: :math:`\min(x, 0)`, exact.

    >>> print(leaky_relu_grad_alpha([-2.0, 0.0, 3.0]))
    [-2.  0.  0.]
    """
    _validate.real(alpha, "parameter alpha", "leaky_relu")
    return _negative_part(x)


register(
    Activation(
        "leaky_relu",
        leaky_relu,
        leaky_relu_grad,
        family="rectifier",
        latex=r"\begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
        output_range=r"(-\infty, \infty)",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.01,
        reference="maas2013rectifier",
        torch="torch.nn.functional.leaky_relu",
        jax="jax.nn.leaky_relu",
        summary="A ReLU with a small fixed slope (0.01) for negative inputs, so no unit can die "
        "completely.",
        in_article=True,
        param_grads={"alpha": leaky_relu_grad_alpha},
        sources=(("introduced", "maas2013rectifier"),),
        use="In place of ReLU when too many units die (stay at 0 for every input).",
        chapter="07_dying_relu",
    )
)


@public("prelu")
def prelu(x, *, alpha=0.25):
    r"""Parametric ReLU: a leaky ReLU whose negative slope is learned, possibly per unit.

    .. math:: \mathrm{PReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}

    Derivative in x: 1 for x > 0, :math:`\alpha` for x <= 0 (see :func:`prelu_grad`); in
    :math:`\alpha`: :math:`\min(x, 0)`. Paper: He et al. (2015), ``he2015delving``, which starts
    the slope at 0.25. ``alpha`` is a finite real number or a finite real array broadcastable to
    x (one slope per unit: shape ``(num_units,)`` for ``x`` of shape ``(batch, num_units)``).
    Ends: ``prelu(-inf) = -inf`` for alpha > 0 (0 for alpha = 0); NaN gives NaN.

    >>> print(prelu([[-2.0, -2.0], [1.0, 1.0]], alpha=np.array([0.1, 0.5])))
    [[-0.2 -1. ]
     [ 1.   1. ]]
    """
    return _sloped(x, _validate.real_or_array(alpha, "parameter alpha", "prelu", x.shape))


@public("prelu")
def prelu_grad(x, *, alpha=0.25):
    r"""Derivative of :func:`prelu` in x: 1 where x > 0, else alpha (also at 0), shaped like x.

    >>> print(prelu_grad([-2.0, 0.0, 3.0]))
    [0.25 0.25 1.  ]
    """
    return _sloped_grad(x, _validate.real_or_array(alpha, "parameter alpha", "prelu", x.shape))


@public("prelu")
def prelu_grad_alpha(x, *, alpha=0.25):
    r"""Derivative of :func:`prelu` in its slope alpha: :math:`\min(x, 0)`, exact, shaped like x.

    It does not depend on alpha (PReLU is linear in it). With one slope per unit, the gradient
    of a loss in unit j's slope is the sum over examples of :math:`\partial L/\partial y_{ij}
    \min(x_{ij}, 0)`: only the examples on the negative side move it. Ends: -inf at -inf, 0 at
    inf; NaN gives NaN.

    >>> print(prelu_grad_alpha([-2.0, 0.0, 3.0]))
    [-2.  0.  0.]
    """
    _validate.real_or_array(alpha, "parameter alpha", "prelu", x.shape)
    return _negative_part(x)


register(
    Activation(
        "prelu",
        prelu,
        prelu_grad,
        family="rectifier",
        latex=r"\begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
        output_range=r"(-\infty, \infty)",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.25,
        reference="he2015delving",
        torch="torch.nn.functional.prelu",
        jax=None,
        summary="A leaky ReLU whose negative slope (0.25 at the start) is learned with the "
        "weights, one per unit or one per layer.",
        in_article=True,
        param_grads={"alpha": prelu_grad_alpha},
        sources=(("introduced", "he2015delving"),),
        use="In place of ReLU when a learned negative slope is worth one parameter per unit.",
        chapter="07_dying_relu",
    )
)


@public("relu6")
def relu6(x):
    r"""ReLU6: a ReLU capped at 6.

    .. math:: \mathrm{ReLU6}(x) = \min(\max(0, x), 6)

    Derivative: 1 on (0, 6), 0 elsewhere, and 0 at both kinks as in PyTorch, which computes it
    as hardtanh(x, 0, 6) (see :func:`relu6_grad`). Paper: Krizhevsky (2010),
    ``krizhevsky2010convolutional``, who capped the units at 6 because in his tests it made the
    network learn sparse features earlier; MobileNetV2 (Sandler et al. 2018,
    ``sandler2018mobilenetv2``) later chose it for its robustness in low-precision arithmetic.
    Ends: 0 at -inf, 6 at inf; NaN gives NaN.

    >>> print(relu6([-1.0, 3.0, 9.0]))
    [0. 3. 6.]
    """
    return np.clip(x, 0.0, 6.0)


@public("relu6")
def relu6_grad(x):
    r"""Derivative of :func:`relu6`: 1 strictly inside (0, 6), 0 elsewhere (0 at 0 and at 6).

    >>> print(relu6_grad([0.0, 3.0, 6.0]))
    [0. 1. 0.]
    """
    return _stable.inside(x, 0.0, 6.0)


register(
    Activation(
        "relu6",
        relu6,
        relu6_grad,
        family="rectifier",
        latex=r"\min(\max(0, x), 6)",
        derivative_latex=r"\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
        output_range="[0, 6]",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=True,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="krizhevsky2010convolutional",
        torch="torch.nn.functional.relu6",
        jax="jax.nn.relu6",
        summary="A ReLU capped at 6: Krizhevsky found the cap made a network learn sparse "
        "features earlier; MobileNetV2 later chose it for low-precision arithmetic.",
        sources=(
            ("introduced", "krizhevsky2010convolutional"),
            ("popularised", "sandler2018mobilenetv2"),
        ),
        use="In networks run in low-precision arithmetic (mobile), where bounded outputs help.",
    )
)


# Klambauer et al.'s constants, as PyTorch and JAX round them to float64.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _elu(x, alpha):
    """``x`` for x > 0, ``alpha * expm1(x)`` for x <= 0; ``alpha >= 0``."""
    neg = np.clip(x, -np.inf, 0.0)
    np.expm1(neg, out=neg)
    if alpha != 1.0:
        neg *= alpha
    if alpha <= 1.0:
        # For 0 <= alpha <= 1, alpha * (e**x - 1) >= x when x <= 0 and the branch is 0 when
        # x > 0, so the larger of the two is the answer everywhere: one pass, no selection.
        return np.maximum(x, neg, out=neg)
    neg += np.clip(x, 0.0, np.inf)  # relu(x) + branch: x + 0 and 0 + branch are both exact
    return neg


def _elu_grad(x, alpha):
    """1 for x > 0, ``alpha * e**x`` for x <= 0 (``alpha`` at 0, as PyTorch)."""
    d = _stable.scaled_exp(alpha, np.clip(x, -np.inf, 0.0))
    if alpha != 1.0:  # for alpha = 1, e**min(x, 0) is already 1 for x > 0
        d[x > 0] = 1.0
    return d


@public("elu")
def elu(x, *, alpha=1.0):
    r"""Exponential linear unit: identity for x > 0, a smooth exponential down to -alpha below.

    .. math:: \mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    Derivative: 1 for x > 0, :math:`\alpha e^{x}` for x <= 0 (:math:`\alpha` at 0, as PyTorch;
    see :func:`elu_grad`). Paper: Clevert, Unterthiner & Hochreiter (2015), ``clevert2015fast``.
    ``alpha`` must be finite and >= 0 (0 gives ReLU). Ends: ``elu(-inf) = -alpha``,
    ``elu(inf) = inf``; NaN gives NaN.

    >>> print(np.round(elu([-2.0, 0.0, 3.0]), 4))
    [-0.8647  0.      3.    ]
    """
    return _elu(x, _validate.nonnegative(alpha, "parameter alpha", "elu"))


@public("elu", blocks=True)
def elu_grad(x, *, alpha=1.0):
    r"""Derivative of :func:`elu`: 1 for x > 0, alpha * exp(x) for x <= 0.

    >>> print(np.round(elu_grad([-2.0, 0.0, 3.0]), 4))
    [0.1353 1.     1.    ]
    """
    return _elu_grad(x, _validate.nonnegative(alpha, "parameter alpha", "elu"))


@public("elu")
def elu_grad_alpha(x, *, alpha=1.0):
    r"""Derivative of :func:`elu` in alpha: 0 for x > 0, :math:`e^{x} - 1` (``expm1``) for x <= 0.

    It does not depend on alpha. Ends: -1 at -inf, 0 at inf; NaN gives NaN.

    >>> print(np.round(elu_grad_alpha([-2.0, 0.0, 3.0]), 4))
    [-0.8647  0.      0.    ]
    """
    _validate.nonnegative(alpha, "parameter alpha", "elu")
    return np.expm1(np.clip(x, -np.inf, 0.0))


register(
    Activation(
        "elu",
        elu,
        elu_grad,
        family="rectifier",
        latex=r"\begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
        output_range=r"(-\alpha, \infty)",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=1.0,
        reference="clevert2015fast",
        torch="torch.nn.functional.elu",
        jax="jax.nn.elu",
        summary="Linear for positive inputs and a smooth exponential that saturates at -alpha "
        "for negative ones, pushing mean outputs towards zero.",
        in_article=True,
        param_grads={"alpha": elu_grad_alpha},
        sources=(("introduced", "clevert2015fast"),),
        use="In hidden layers when mean outputs near 0 and a smooth negative side are wanted.",
        chapter="08_beyond",
    )
)


@public("selu", blocks=True)
def selu(x):
    r"""Scaled ELU: an ELU with fixed constants that make deep stacks self-normalising.

    .. math:: \mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\
              \alpha (e^{x} - 1) & x \le 0 \end{cases},
              \quad \alpha \approx 1.6733,\ \lambda \approx 1.0507

    Derivative: :math:`\lambda` for x > 0, :math:`\lambda\alpha e^{x}` for x <= 0 (so
    :math:`\lambda\alpha \approx 1.7581` at 0, as PyTorch; see :func:`selu_grad`). Paper:
    Klambauer et al. (2017), ``klambauer2017self``. Ends: ``selu(-inf) = -lambda*alpha``,
    ``selu(inf) = inf`` (and inf, without a warning, once lambda*x passes the largest float);
    NaN gives NaN.

    >>> print(np.round(selu([-2.0, 0.0, 3.0]), 4))
    [-1.5202  0.      3.1521]
    """
    y = _elu(x, SELU_ALPHA)
    with np.errstate(over="ignore"):  # lambda * x > largest float for x > 1.7e308: inf is right
        y *= SELU_SCALE
    return y


@public("selu", blocks=True)
def selu_grad(x):
    r"""Derivative of :func:`selu`: lambda for x > 0, lambda * alpha * exp(x) for x <= 0.

    >>> print(np.round(selu_grad([-2.0, 0.0, 3.0]), 4))
    [0.2379 1.7581 1.0507]
    """
    d = _stable.scaled_exp(SELU_SCALE * SELU_ALPHA, np.clip(x, -np.inf, 0.0))
    d[x > 0] = SELU_SCALE
    return d


register(
    Activation(
        "selu",
        selu,
        selu_grad,
        family="rectifier",
        latex=r"\lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        derivative_latex=r"\lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
        output_range=r"(-\lambda\alpha, \infty)",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=SELU_SCALE * SELU_ALPHA,
        reference="klambauer2017self",
        torch="torch.nn.functional.selu",
        jax="jax.nn.selu",
        summary="An ELU scaled by fixed constants chosen so that activations keep mean 0 and "
        "variance 1 through a deep stack (with the right initialisation).",
        sources=(("introduced", "klambauer2017self"),),
        use="In deep fully connected stacks, with LeCun-normal "
        "initialisation and no batch normalisation.",
        chapter="08_beyond",
    )
)


@public("celu")
def celu(x, *, alpha=1.0):
    r"""Continuously differentiable ELU: the ELU rescaled so its slope is 1 at 0 for every alpha.

    .. math:: \mathrm{CELU}(x) = \begin{cases} x & x > 0 \\
              \alpha (e^{x/\alpha} - 1) & x \le 0 \end{cases}

    Derivative: 1 for x > 0, :math:`e^{x/\alpha}` for x <= 0, so 1 at 0 (see :func:`celu_grad`).
    Paper: Barron (2017), ``barron2017continuously``. ``alpha`` must be finite and > 0.
    Ends: ``celu(-inf) = -alpha``, ``celu(inf) = inf``; NaN gives NaN.

    >>> print(np.round(celu([-2.0, 0.0, 3.0], alpha=2.0), 4))
    [-1.2642  0.      3.    ]
    """
    alpha = _validate.positive(alpha, "parameter alpha", "celu")
    neg = np.clip(x, -np.inf, 0.0)
    if alpha != 1.0:
        with np.errstate(over="ignore"):  # x / alpha = -inf for a tiny alpha: expm1 gives -1
            neg /= alpha
    np.expm1(neg, out=neg)
    if alpha != 1.0:
        neg *= alpha
    # alpha * (e**(x/alpha) - 1) >= x for x <= 0 and every alpha > 0, and 0 for x > 0.
    return np.maximum(x, neg, out=neg)


@public("celu", blocks=True)
def celu_grad(x, *, alpha=1.0):
    r"""Derivative of :func:`celu`: 1 for x > 0, exp(x / alpha) for x <= 0 (1 at 0).

    >>> print(np.round(celu_grad([-2.0, 0.0, 3.0], alpha=2.0), 4))
    [0.3679 1.     1.    ]
    """
    alpha = _validate.positive(alpha, "parameter alpha", "celu")
    neg = np.clip(x, -np.inf, 0.0)
    with np.errstate(over="ignore"):  # x / alpha = -inf for a tiny alpha: exp gives 0
        neg /= alpha
    np.exp(neg, out=neg)
    neg[x > 0] = 1.0
    return neg


# P(2, u) = sum over m >= 2 of (-1)**m (m - 1) / m! u**m, coefficients of u**2 .. u**16: for
# u < 0.5 the terms fall fast enough that the first left out is below 1e-16 of the sum.
_P2_SERIES = tuple((-1) ** m * (m - 1) / math.factorial(m) for m in range(2, 17))


@public("celu")
def celu_grad_alpha(x, *, alpha=1.0):
    r"""Derivative of :func:`celu` in alpha: 0 for x > 0, and for x <= 0, with :math:`t = x/\alpha`,

    .. math:: e^{t} - 1 - t\,e^{t} = -\bigl(1 - (1 + u)\,e^{-u}\bigr) = -P(2, u),
              \quad u = -t \ge 0,

    where :math:`P(2, u)` is the regularised lower incomplete gamma function. Written as the
    difference, it cancels near 0 (both terms are about t, their difference about
    :math:`-t^2/2`). ``scipy.special.gammainc(2, u)`` computes :math:`P` without cancelling for
    u >= 0.5; below, the series :math:`u^2/2 - u^3/3 + u^4/8 - \dots` (15 terms) is used, since
    scipy's result is 1e-15 off there and flushes to 0 as soon as :math:`u^2` is subnormal.
    Ends: -1 at -inf, 0 at inf; NaN gives NaN.

    >>> print(np.round(celu_grad_alpha([-2.0, 0.0, 3.0]), 4))
    [-0.594  0.     0.   ]
    """
    alpha = _validate.positive(alpha, "parameter alpha", "celu")
    u = np.clip(x, -np.inf, 0.0)
    with np.errstate(over="ignore"):  # -x / alpha = inf for a tiny alpha: P(2, inf) = 1
        u /= -alpha
    d = special.gammainc(2.0, u)
    small = u < 0.5  # scipy flushes P to 0 once u**2 is subnormal: its series is exact there
    if small.any():
        s = u[small]
        acc = np.full_like(s, _P2_SERIES[-1])
        for c in _P2_SERIES[-2::-1]:  # Horner, from the smallest term up
            acc *= s
            acc += c
        d[small] = (s * acc) * s
    return np.subtract(0.0, d, out=d)  # 0 - 0 is +0.0, where negative(0) would be -0.0


register(
    Activation(
        "celu",
        celu,
        celu_grad,
        family="rectifier",
        latex=r"\begin{cases} x & x > 0 \\ \alpha (e^{x/\alpha} - 1) & x \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        output_range=r"(-\alpha, \infty)",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=1.0,
        reference="barron2017continuously",
        torch="torch.nn.functional.celu",
        jax="jax.nn.celu",
        summary="An ELU whose negative branch is rescaled so that its slope at 0 is 1 for "
        "every alpha, keeping it continuously differentiable.",
        param_grads={"alpha": celu_grad_alpha},
        sources=(("introduced", "barron2017continuously"),),
        use="As ELU, when alpha is tuned and the slope at 0 should stay 1.",
    )
)


RRELU_LOWER, RRELU_UPPER = 1.0 / 8.0, 1.0 / 3.0  # PyTorch's defaults


def _rrelu_slopes(x, lower, upper, rng):
    """The negative slopes of :func:`rrelu`: their mean, or one uniform draw per entry."""
    where = "rrelu"
    lower = _validate.real(lower, "parameter lower", where)
    upper = _validate.real(upper, "parameter upper", where)
    if not lower <= upper:
        raise ValueError(f"{where}: lower must be <= upper, got {lower} and {upper}")
    if rng is None:
        return 0.5 * (lower + upper)
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(_validate.seed(rng, where, "parameter rng"))
    return rng.uniform(lower, upper, x.shape)


@public("rrelu")
def rrelu(x, *, lower=RRELU_LOWER, upper=RRELU_UPPER, rng=None):
    r"""Randomised leaky ReLU: a leaky ReLU whose negative slope is drawn at random in training.

    .. math:: \mathrm{RReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},
              \quad a = \tfrac{l + u}{2} \text{ (evaluation)},
              \ a \sim U(l, u) \text{ (training)}

    ``rng=None`` is PyTorch's ``training=False``: the slope is the mean
    :math:`(l + u)/2 = 11/48` of the defaults, and the function is a leaky ReLU. A seed or a
    ``numpy.random.Generator`` is training: each entry gets its own slope drawn uniformly from
    [lower, upper]; :func:`rrelu_grad` with the same seed (or a generator in the same state)
    draws the same slopes. Derivative: 1 for x > 0, the slope for x <= 0 (also at 0, as
    PyTorch). Paper: Xu et al. (2015), ``xu2015empirical``. ``lower <= upper``, both finite.
    Ends: -inf at -inf for a positive slope; NaN gives NaN.

    >>> print(np.round(rrelu([-2.0, 0.0, 3.0]), 4))
    [-0.4583  0.      3.    ]
    >>> bool((rrelu([-1.0] * 3, rng=0) == rrelu([-1.0] * 3, rng=0)).all())
    True
    """
    return _sloped(x, _rrelu_slopes(x, lower, upper, rng))


@public("rrelu")
def rrelu_grad(x, *, lower=RRELU_LOWER, upper=RRELU_UPPER, rng=None):
    r"""Derivative of :func:`rrelu`: 1 where x > 0, else the slope (the same draws for a seed).

    >>> print(np.round(rrelu_grad([-2.0, 0.0, 3.0]), 4))
    [0.2292 0.2292 1.    ]
    """
    return _sloped_grad(x, _rrelu_slopes(x, lower, upper, rng))


register(
    Activation(
        "rrelu",
        rrelu,
        rrelu_grad,
        family="rectifier",
        latex=r"\begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        output_range=r"(-\infty, \infty)",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.5 * (RRELU_LOWER + RRELU_UPPER),
        reference="xu2015empirical",
        torch="torch.nn.functional.rrelu",
        jax=None,
        summary="A leaky ReLU whose negative slope is drawn at random between 1/8 and 1/3 "
        "while training, and fixed at their mean when the network is used.",
        sources=(("introduced", "xu2015empirical"),),
        use="Rarely: as a leaky ReLU with built-in noise, where a small network overfits.",
    )
)


def _threshold_args(threshold, value):
    return (
        _validate.real(threshold, "parameter threshold", "threshold"),
        _validate.real(value, "parameter value", "threshold"),
    )


@public("threshold")
def threshold(x, *, threshold=0.0, value=0.0):
    r"""Threshold: the input where it is above the threshold, a constant value elsewhere.

    .. math:: \mathrm{threshold}(x) = \begin{cases} x & x > \theta \\ v & x \le \theta
              \end{cases}

    PyTorch has no defaults for :math:`\theta` (``threshold``) and :math:`v` (``value``); the
    course's are 0 and 0, where it is ReLU (which early versions of PyTorch defined as
    ``Threshold(0, 0)``). For :math:`v \ne \theta` it jumps at :math:`\theta`. Derivative: 1 for
    x > threshold, 0 elsewhere (see :func:`threshold_grad`). No paper: a standard function.
    Both parameters must be finite. Ends: ``value`` at -inf, inf at inf; NaN gives NaN.

    >>> print(threshold([-1.0, 0.5, 2.0], threshold=1.0, value=-5.0))
    [-5. -5.  2.]
    """
    theta, v = _threshold_args(threshold, value)
    y = np.where(x > theta, x, v)
    return _stable.keep_nan(y, x)


@public("threshold")
def threshold_grad(x, *, threshold=0.0, value=0.0):
    r"""Derivative of :func:`threshold`: 1 where x > threshold, else 0.

    >>> print(threshold_grad([-1.0, 0.5, 2.0], threshold=1.0))
    [0. 0. 1.]
    """
    theta, _ = _threshold_args(threshold, value)
    return _stable.keep_nan((x > theta).astype(np.float64), x)


register(
    Activation(
        "threshold",
        threshold,
        threshold_grad,
        family="rectifier",
        latex=r"\begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
        derivative_latex=r"\begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
        output_range=r"[0, \infty)",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference=None,
        torch="torch.nn.functional.threshold",
        jax=None,
        summary="Keeps inputs above a threshold and replaces the rest by a constant; with the "
        "threshold and the constant at 0 it is ReLU.",
        use="To write ReLU's relatives by hand (a ReLU with a moved kink); seldom as such.",
    )
)
