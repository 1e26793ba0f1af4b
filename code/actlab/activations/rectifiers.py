"""Rectifiers: ReLU, its leaky and parametric variants, and ReLU6. Piecewise linear, so exact in
floating point: no rounding at all except the product alpha * x."""

import numpy as np

from . import _stable
from ._inputs import public, real, real_or_array
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
        zero_centred=False,
        monotonic=True,
        smooth=False,
        bounded=False,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="nair2010rectified",
        torch="torch.nn.functional.relu",
        jax="jax.nn.relu",
        summary="Cheap and sparse, with slope 1 for every positive input; a unit whose input "
        "stays negative gets no gradient (it dies).",
        in_article=True,
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
    return _sloped(x, real("leaky_relu", "alpha", alpha))


@public("leaky_relu")
def leaky_relu_grad(x, *, alpha=0.01):
    r"""Derivative of :func:`leaky_relu`: 1 where x > 0, else alpha (also at 0).

    >>> print(leaky_relu_grad([-2.0, 0.0, 3.0]))
    [0.01 0.01 1.  ]
    """
    return _sloped_grad(x, real("leaky_relu", "alpha", alpha))


@public("leaky_relu")
def leaky_relu_grad_alpha(x, *, alpha=0.01):
    r"""Derivative of :func:`leaky_relu` in its slope alpha: :math:`\min(x, 0)`, exact.

    >>> print(leaky_relu_grad_alpha([-2.0, 0.0, 3.0]))
    [-2.  0.  0.]
    """
    real("leaky_relu", "alpha", alpha)
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
        zero_centred=False,
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
    return _sloped(x, real_or_array("prelu", "alpha", alpha, x))


@public("prelu")
def prelu_grad(x, *, alpha=0.25):
    r"""Derivative of :func:`prelu` in x: 1 where x > 0, else alpha (also at 0), shaped like x.

    >>> print(prelu_grad([-2.0, 0.0, 3.0]))
    [0.25 0.25 1.  ]
    """
    return _sloped_grad(x, real_or_array("prelu", "alpha", alpha, x))


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
    real_or_array("prelu", "alpha", alpha, x)
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
        zero_centred=False,
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
    )
)


@public("relu6")
def relu6(x):
    r"""ReLU6: a ReLU capped at 6, cheap on low-precision hardware.

    .. math:: \mathrm{ReLU6}(x) = \min(\max(0, x), 6)

    Derivative: 1 on (0, 6), 0 elsewhere, and 0 at both kinks as in PyTorch, which computes it
    as hardtanh(x, 0, 6) (see :func:`relu6_grad`). Paper: Krizhevsky (2010),
    ``krizhevsky2010convolutional``. Ends: 0 at -inf, 6 at inf; NaN gives NaN.

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
        zero_centred=False,
        monotonic=True,
        smooth=False,
        bounded=True,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        reference="krizhevsky2010convolutional",
        torch="torch.nn.functional.relu6",
        jax="jax.nn.relu6",
        summary="A ReLU capped at 6, bounded so that low-precision arithmetic can represent "
        "every output.",
    )
)
