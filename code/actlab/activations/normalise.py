r"""Softmax and log-softmax over the last axis: scores in, a probability distribution out.

Both work with :math:`x - m`, m the row maximum: :math:`\mathrm{softmax}(x) = \mathrm{softmax}(x
- m)`, so no exponential overflows and the largest entry contributes exactly :math:`e^0 = 1`
(softmax skips the subtraction where it cannot matter, see its code).

Infinities are read as limits. If a row's maximum is +inf, the +inf entries share the mass
equally (k of them get 1/k each, every other entry 0), as for :math:`x_i = t \to \infty` together.
A row of only -inf entries is uniform, as for all :math:`x_i = -t` with :math:`t \to \infty`
(PyTorch and JAX give NaN there). A row containing NaN is all NaN.

>>> from actlab import activations
>>> print(activations.softmax([0.0, 0.0]), activations.log_softmax([0.0, 0.0]))
[0.5 0.5] [-0.69314718 -0.69314718]
"""

import numpy as np

from ._public import public, public_vjp
from .registry import Activation, register


def _shifted(x, m=None):
    """``x`` minus its maximum ``m`` over the last axis, rows with an infinite maximum replaced by
    their limit (0 at the maximum, -inf elsewhere); every entry <= 0, the top ones exactly 0."""
    if m is None:
        m = np.max(x, axis=-1, keepdims=True)
    infinite = np.isinf(m)
    if infinite.any():
        x = np.where(infinite, np.where(x == m, 0.0, -np.inf), x)
        m = np.where(infinite, 0.0, m)
    with np.errstate(over="ignore"):  # x - m < -1.8e308 is -inf: exp gives 0, the log -inf: right
        return x - m


def _rest(z, e):
    """``(rest, top)``: ``top`` indexes the (first) maximum, where ``e = 1`` exactly, and
    ``rest = sum(e) - 1`` is summed from the other entries so it keeps its digits when tiny."""
    top = np.argmax(z, axis=-1)[..., None]
    np.put_along_axis(e, top, 0.0, axis=-1)
    rest = e.sum(axis=-1, keepdims=True)
    np.put_along_axis(e, top, 1.0, axis=-1)
    return rest, top


def _softmax_and_complement(x):
    """``(y, 1 - y)``, the second as ``(total - e) / total`` (``rest / total`` at the top)."""
    z = _shifted(x)
    e = np.exp(z)
    rest, top = _rest(z, e)
    total = rest + 1.0
    c = total - e
    np.put_along_axis(c, top, rest, axis=-1)
    c /= total
    e /= total
    return e, c


def _empty_jacobian(x):
    return np.zeros(x.shape + x.shape[-1:])


def _same_shape(shape, name):
    return shape


@public("softmax", vector=True)
def softmax(x):
    r"""Softmax over the last axis: positive entries that sum to 1.

    .. math:: \mathrm{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}

    Derivative: the Jacobian :math:`J_{ij} = y_i(\delta_{ij} - y_j)` (see :func:`softmax_grad`).
    Paper: Bridle (1990), ``bridle1990probabilistic``. Shifted by the row maximum (no overflow).
    For infinities see the module's docstring; NaN anywhere in a row makes the row NaN.

    >>> print(np.round(softmax([1.0, 2.0, 3.0]), 4), softmax([[1e308, np.inf, np.inf]]))
    [0.09   0.2447 0.6652] [[0.  0.5 0.5]]
    """
    if x.shape[-1] == 0:
        return x.copy()
    m = np.max(x, axis=-1, keepdims=True)
    if x.size and 0.0 <= m.min() and m.max() <= 700.0 - np.log(x.shape[-1]):
        # The shift guards exp against overflow, and against subnormal (imprecise) terms in a row
        # whose maximum is very negative. When every row's maximum is between 0 and 700 - log n,
        # exp(x) can do neither (an entry it makes subnormal would be subnormal after the shift
        # too), so the subtraction, a full pass, is skipped; exp(x) is then even more accurate,
        # as x - max is a rounded number.
        e = np.exp(x)
    else:
        e = _shifted(x, m)
        np.exp(e, out=e)
    total = e.sum(axis=-1, keepdims=True)
    e *= np.reciprocal(total, out=total)  # one division per row, a product per entry
    return e


@public("softmax", vector=True)
def softmax_grad(x):
    r"""Jacobian of :func:`softmax`: ``J[..., i, j] = y_i (delta_ij - y_j)``, shape
    ``x.shape + x.shape[-1:]``.

    The diagonal :math:`y_i(1 - y_i)` uses :math:`1 - y_i = \sum_{j \ne i} y_j`, which keeps its
    digits when one entry takes almost all the mass.

    >>> print(np.round(softmax_grad([0.0, 0.0]), 4))
    [[ 0.25 -0.25]
     [-0.25  0.25]]
    """
    if x.shape[-1] == 0:
        return _empty_jacobian(x)
    y, c = _softmax_and_complement(x)
    jac = y[..., :, None] * y[..., None, :]
    np.negative(jac, out=jac)
    i = np.arange(x.shape[-1])
    jac[..., i, i] = y * c
    return jac


@public_vjp("softmax", _same_shape)
def softmax_vjp(x, g):
    r"""Vector-Jacobian product of :func:`softmax`: for ``g = dL/dy``,
    :math:`\partial L/\partial x = y \odot (g - \textstyle\sum_j g_j y_j)`, without forming
    the Jacobian (one pass instead of n per row).

    >>> print(softmax_vjp([0.0, 0.0], [1.0, 0.0]))
    [ 0.25 -0.25]
    """
    y = softmax.kernel(x)
    if x.shape[-1] == 0:
        return y
    dot = np.sum(g * y, axis=-1, keepdims=True)
    return y * (g - dot)


register(
    Activation(
        "softmax",
        softmax,
        softmax_grad,
        vjp_fn=softmax_vjp,
        family="softmax",
        latex=r"\frac{e^{x_i}}{\sum_j e^{x_j}}",
        derivative_latex=r"\frac{\partial y_i}{\partial x_j} = y_i(\delta_{ij} - y_j)",
        output_range="(0, 1]",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=True,
        saturating=True,
        value_at_zero=None,
        derivative_at_zero=None,
        reference="bridle1990probabilistic",
        torch="torch.nn.functional.softmax",
        jax="jax.nn.softmax",
        summary="Turns a vector of scores into probabilities that sum to 1; for output layers "
        "(paired with cross-entropy), not hidden ones.",
        vector_valued=True,
        in_article=True,
        sources=(("introduced", "bridle1990probabilistic"),),
        use="In the output layer for one class among several, with the cross-entropy loss.",
        chapter="09_softmax",
    )
)


@public("log_softmax", vector=True, blocks=True)
def log_softmax(x):
    r"""Log-softmax over the last axis: the logarithm of :func:`softmax`, computed directly.

    .. math:: \mathrm{log\_softmax}(x)_i = x_i - \log \sum_j e^{x_j}
              = x_i - m - \log \sum_j e^{x_j - m}, \quad m = \max_j x_j

    Derivative: the Jacobian :math:`J_{ij} = \delta_{ij} - \mathrm{softmax}(x)_j` (see
    :func:`log_softmax_grad`). The sum is 1 plus the other entries' share, and its log is taken
    with ``log1p`` of that share, so that the top entry's value (close to 0) keeps its digits.
    Infinities as for softmax (-inf where softmax is 0); NaN anywhere in a row makes the row NaN.

    >>> print(np.round(log_softmax([1.0, 2.0, 3.0]), 4), log_softmax([0.0, -800.0]))
    [-2.4076 -1.4076 -0.4076] [   0. -800.]
    """
    if x.shape[-1] == 0:
        return x.copy()
    z = _shifted(x)
    rest, _ = _rest(z, np.exp(z))
    z -= np.log1p(rest)
    return z


@public("log_softmax", vector=True)
def log_softmax_grad(x):
    r"""Jacobian of :func:`log_softmax`: ``J[..., i, j] = delta_ij - softmax(x)_j``.

    >>> print(np.round(log_softmax_grad([0.0, 0.0]), 4))
    [[ 0.5 -0.5]
     [-0.5  0.5]]
    """
    if x.shape[-1] == 0:
        return _empty_jacobian(x)
    y, c = _softmax_and_complement(x)
    jac = np.broadcast_to(-y[..., None, :], x.shape + x.shape[-1:]).copy()
    i = np.arange(x.shape[-1])
    jac[..., i, i] = c
    return jac


@public_vjp("log_softmax", _same_shape)
def log_softmax_vjp(x, g):
    r"""Vector-Jacobian product of :func:`log_softmax`: for ``g = dL/dy``,
    :math:`\partial L/\partial x = g - \mathrm{softmax}(x) \textstyle\sum_j g_j`.

    >>> print(log_softmax_vjp([0.0, 0.0], [1.0, 0.0]))
    [ 0.5 -0.5]
    """
    return g - softmax.kernel(x) * np.sum(g, axis=-1, keepdims=True)


register(
    Activation(
        "log_softmax",
        log_softmax,
        log_softmax_grad,
        vjp_fn=log_softmax_vjp,
        family="softmax",
        latex=r"x_i - \log \sum_j e^{x_j}",
        derivative_latex=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - "
        r"\mathrm{softmax}(x)_j",
        output_range=r"(-\infty, 0]",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=None,
        derivative_at_zero=None,
        reference="bridle1990probabilistic",
        torch="torch.nn.functional.log_softmax",
        jax="jax.nn.log_softmax",
        summary="The log of the softmax without forming it: the stable input to the "
        "cross-entropy loss for classification.",
        vector_valued=True,
        sources=(("studied", "bridle1990probabilistic"),),
        use="In the output layer for several classes when the loss needs log-probabilities.",
        chapter="09_softmax",
    )
)


@public("softmin", vector=True)
def softmin(x):
    r"""Softmin over the last axis: the softmax of the negated scores, largest for the smallest.

    .. math:: \mathrm{softmin}(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}

    Derivative: the Jacobian :math:`J_{ij} = -y_i(\delta_{ij} - y_j)`, the softmax's with its
    sign flipped (see :func:`softmin_grad`). No paper: a standard function. Computed as
    ``softmax(-x)``, with everything that implies (shifted, infinities as limits, a row with
    NaN all NaN).

    >>> print(np.round(softmin([1.0, 2.0, 3.0]), 4))
    [0.6652 0.2447 0.09  ]
    """
    return softmax.kernel(np.negative(x))


@public("softmin", vector=True)
def softmin_grad(x):
    r"""Jacobian of :func:`softmin`: ``J[..., i, j] = -y_i (delta_ij - y_j)``.

    >>> print(np.round(softmin_grad([0.0, 0.0]), 4))
    [[-0.25  0.25]
     [ 0.25 -0.25]]
    """
    jac = softmax_grad.kernel(np.negative(x))
    return np.negative(jac, out=jac)


@public_vjp("softmin", _same_shape)
def softmin_vjp(x, g):
    r"""Vector-Jacobian product of :func:`softmin`: for ``g = dL/dy``,
    :math:`\partial L/\partial x = -y \odot (g - \textstyle\sum_j g_j y_j)`.

    >>> print(softmin_vjp([0.0, 0.0], [1.0, 0.0]))
    [-0.25  0.25]
    """
    dx = softmax_vjp.kernel(np.negative(x), g)
    return np.negative(dx, out=dx)


register(
    Activation(
        "softmin",
        softmin,
        softmin_grad,
        vjp_fn=softmin_vjp,
        family="softmax",
        latex=r"\frac{e^{-x_i}}{\sum_j e^{-x_j}}",
        derivative_latex=r"\frac{\partial y_i}{\partial x_j} = -y_i(\delta_{ij} - y_j)",
        output_range="(0, 1]",
        odd=False,
        monotonic=False,
        smooth=True,
        bounded=True,
        saturating=True,
        value_at_zero=None,
        derivative_at_zero=None,
        reference=None,
        torch="torch.nn.functional.softmin",
        jax=None,
        summary="The softmax of the negated scores: probabilities that favour the smallest "
        "entry (a soft argmin).",
        vector_valued=True,
        use="To weight the smallest of several costs or distances most; not as a hidden unit.",
    )
)
