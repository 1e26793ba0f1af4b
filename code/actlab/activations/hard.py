"""Hard (piecewise linear) versions of the S-curves and of Swish: hardtanh, hardsigmoid and
hardswish. Cheap clips, exact up to one or two roundings; their derivatives are step functions."""

import numpy as np

from .. import _validate
from . import _stable
from ._public import filled, public
from .registry import Activation, register


def _bounds(min_val, max_val):
    lo, hi = (
        _validate.real(min_val, "parameter min_val", "hardtanh"),
        _validate.real(max_val, "parameter max_val", "hardtanh"),
    )
    if not lo < hi:
        raise ValueError(f"hardtanh: min_val must be < max_val, got {lo} and {hi}")
    return lo, hi


@public("hardtanh")
def hardtanh(x, *, min_val=-1.0, max_val=1.0):
    r"""Hard tanh: the identity clipped to [min_val, max_val].

    .. math:: \mathrm{hardtanh}(x) = \min(\max(x, -1), 1)

    with the default bounds; in general :math:`\min(\max(x, \mathrm{min\_val}), \mathrm{max\_val})`.
    Derivative: 1 strictly between the bounds, 0 outside and at the bounds, as PyTorch (see
    :func:`hardtanh_grad`). Paper: Collobert (2004), ``collobert2004large``. ``min_val`` <
    ``max_val``, both finite. Ends: ``min_val`` at -inf, ``max_val`` at inf; NaN gives NaN.

    >>> print(hardtanh([-3.0, 0.5, 3.0]), hardtanh([-3.0, 0.5, 3.0], min_val=0.0, max_val=2.0))
    [-1.   0.5  1. ] [0.  0.5 2. ]
    """
    lo, hi = _bounds(min_val, max_val)
    return np.clip(x, lo, hi)


@public("hardtanh")
def hardtanh_grad(x, *, min_val=-1.0, max_val=1.0):
    r"""Derivative of :func:`hardtanh`: 1 on the open interval (min_val, max_val), else 0.

    >>> print(hardtanh_grad([-1.0, 0.0, 1.0]))
    [0. 1. 0.]
    """
    return _stable.inside(x, *_bounds(min_val, max_val))


register(
    Activation(
        "hardtanh",
        hardtanh,
        hardtanh_grad,
        family="hard",
        latex=r"\min(\max(x, -1), 1)",
        derivative_latex=r"\begin{cases} 1 & -1 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
        output_range="[-1, 1]",
        odd=True,
        monotonic=True,
        smooth=False,
        bounded=True,
        saturating=True,
        value_at_zero=0.0,
        derivative_at_zero=1.0,
        reference="collobert2004large",
        torch="torch.nn.functional.hardtanh",
        jax="jax.nn.hard_tanh",
        summary="tanh replaced by three straight pieces: cheap, zero-centred, with slope exactly "
        "1 in the middle and exactly 0 outside.",
        sources=(("studied", "collobert2004large"),),
        use="Where tanh's shape is wanted at the cost of a clip (low-power hardware).",
    )
)


@public("hardsigmoid")
def hardsigmoid(x):
    r"""Hard sigmoid: a straight ramp from 0 at x = -3 to 1 at x = 3.

    .. math:: \mathrm{hardsigmoid}(x) = \frac{\min(\max(x + 3, 0), 6)}{6}
              = \frac{\mathrm{ReLU6}(x + 3)}{6}

    Derivative: 1/6 strictly inside (-3, 3), 0 elsewhere including at +-3, as PyTorch (see
    :func:`hardsigmoid_grad`). Paper: Howard et al. (2019), ``howard2019searching``. Computed as
    (x + 3) / 6 rather than x / 6 + 1/2, which loses the digits of small outputs near x = -3.
    Ends: 0 at -inf, 1 at inf; NaN gives NaN.

    >>> print(np.round(hardsigmoid([-4.0, 0.0, 1.5, 4.0]), 4))
    [0.   0.5  0.75 1.  ]
    """
    y = np.clip(x, -3.0, 3.0)  # clip(x, -3, 3) + 3 is clip(x + 3, 0, 6) to the last bit
    y += 3.0
    y /= 6.0
    return y


@public("hardsigmoid")
def hardsigmoid_grad(x):
    r"""Derivative of :func:`hardsigmoid`: 1/6 on the open interval (-3, 3), else 0.

    >>> print(np.round(hardsigmoid_grad([-3.0, 0.0, 3.0]), 4))
    [0.     0.1667 0.    ]
    """
    d = _stable.inside(x, -3.0, 3.0)
    d /= 6.0
    return d


register(
    Activation(
        "hardsigmoid",
        hardsigmoid,
        hardsigmoid_grad,
        family="hard",
        latex=r"\frac{\min(\max(x + 3, 0), 6)}{6}",
        derivative_latex=r"\begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
        output_range="[0, 1]",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=True,
        saturating=True,
        value_at_zero=0.5,
        derivative_at_zero=1.0 / 6.0,
        reference="howard2019searching",
        torch="torch.nn.functional.hardsigmoid",
        jax="jax.nn.hard_sigmoid",
        summary="A straight ramp from 0 to 1 between -3 and 3: a sigmoid for hardware without "
        "fast exponentials.",
        sources=(("studied", "howard2019searching"),),
        use="Where a sigmoid gate is needed cheaply (mobile networks).",
    )
)


@public("hardswish")
def hardswish(x):
    r"""Hard swish: the input times the hard sigmoid of the input.

    .. math:: \mathrm{hardswish}(x) = x\,\frac{\min(\max(x + 3, 0), 6)}{6}
              = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}

    Derivative: 0 for x < -3, :math:`(2x + 3)/6` for -3 <= x <= 3, 1 for x > 3 (see
    :func:`hardswish_grad`). Paper: Howard et al. (2019), ``howard2019searching``. The factor x is
    clipped at -3 first (the gate is 0 below, and -inf * 0 would be NaN). Minimum -3/8 at x = -1.5.
    Ends: ``hardswish(-inf) = 0`` (-0.0), ``hardswish(inf) = inf``; NaN gives NaN.

    >>> print(np.round(hardswish([-4.0, -1.5, 0.0, 1.5, 4.0]), 4))
    [-0.    -0.375  0.     1.125  4.   ]
    """
    gate = hardsigmoid.kernel(x)
    gate *= np.maximum(x, -3.0)
    return gate


@public("hardswish")
def hardswish_grad(x):
    r"""Derivative of :func:`hardswish`: 0 below -3, (2x + 3)/6 on [-3, 3], 1 above 3.

    At the kinks PyTorch uses the middle formula on the closed interval, so the derivative is
    -1/2 at x = -3 (the slope from the right) and 3/2 at x = 3 (the slope from the left); we do
    the same. (2x + 3)/6 is exact near its zero at x = -1.5, unlike x/3 + 1/2.

    >>> print(np.round(hardswish_grad([-4.0, -3.0, 0.0, 3.0, 4.0]), 4))
    [ 0.  -0.5  0.5  1.5  1. ]
    """

    def fill(xb, ob, mask):
        # (c + 1.5) / 3 with c = clip(x, -3, 3) is (2c + 3) / 6 to the last bit (the factor 2
        # is exact); outside [-3, 3] it is -1/2 or 3/2, and the steps added make it 0 below
        # -3 and 1 above 3 (the kinks keep the middle formula). NaN stays NaN throughout.
        np.maximum(xb, -3.0, out=ob)
        np.minimum(ob, 3.0, out=ob)
        ob += 1.5
        ob /= 3.0
        np.less(xb, -3.0, out=mask)
        ob += mask * 0.5
        np.greater(xb, 3.0, out=mask)
        ob -= mask * 0.5

    return filled(fill, x, masks=1)


register(
    Activation(
        "hardswish",
        hardswish,
        hardswish_grad,
        family="hard",
        latex=r"x\,\frac{\min(\max(x + 3, 0), 6)}{6}",
        derivative_latex=r"\begin{cases} 0 & x < -3 \\ (2x + 3)/6 & -3 \le x \le 3 \\ "
        r"1 & x > 3 \end{cases}",
        output_range=r"[-0.375, \infty)",
        odd=False,
        monotonic=False,
        smooth=False,
        bounded=False,
        saturating=False,
        value_at_zero=0.0,
        derivative_at_zero=0.5,
        reference="howard2019searching",
        torch="torch.nn.functional.hardswish",
        jax="jax.nn.hard_swish",
        summary="Swish with the sigmoid replaced by the hard sigmoid, from MobileNetV3: the "
        "same shape from a clip and a product.",
        sources=(("introduced", "howard2019searching"),),
        use="Where Swish is wanted cheaply (mobile networks such as MobileNetV3).",
    )
)


@public("sparse_plus")
def sparse_plus(x):
    r"""Sparse plus: 0 up to -1, the identity from 1, and a parabola joining them smoothly.

    .. math:: \mathrm{sparse\_plus}(x) = \begin{cases} 0 & x \le -1 \\ \frac{(x + 1)^2}{4} &
              -1 < x < 1 \\ x & x \ge 1 \end{cases}

    Derivative: :func:`sparse_sigmoid`, 0 up to -1, :math:`(x + 1)/2` between, 1 from 1: it is
    continuous, so the function is C1 (see :func:`sparse_plus_grad`). JAX's sparse twin of
    softplus, from Blondel, Martins & Niculae (2020), ``blondel2020learning``. Between -1 and
    -0.5, ``x + 1`` is exact (Sterbenz), so the small outputs near -1 keep their digits.
    Ends: 0 at -inf, inf at inf; NaN gives NaN.

    >>> print(sparse_plus([-2.0, 0.0, 0.5, 3.0]))
    [0.     0.25   0.5625 3.    ]
    """
    t = np.clip(x, -1.0, 1.0)
    t += 1.0
    np.square(t, out=t)
    t *= 0.25
    return np.where(x >= 1.0, x, t)


@public("sparse_plus")
def sparse_plus_grad(x):
    r"""Derivative of :func:`sparse_plus`: :func:`sparse_sigmoid`'s values, including 0 at -1
    and 1 at 1 (where it is continuous).

    >>> print(sparse_plus_grad([-2.0, -1.0, 0.0, 1.0]))
    [0.  0.  0.5 1. ]
    """
    t = np.clip(x, -1.0, 1.0)
    t += 1.0
    t *= 0.5
    return t


register(
    Activation(
        "sparse_plus",
        sparse_plus,
        sparse_plus_grad,
        family="hard",
        latex=r"\begin{cases} 0 & x \le -1 \\ \frac{(x + 1)^2}{4} & -1 < x < 1 \\ x & x \ge 1 "
        r"\end{cases}",
        derivative_latex=r"\begin{cases} 0 & x \le -1 \\ \frac{x + 1}{2} & -1 < x < 1 \\ 1 & "
        r"x \ge 1 \end{cases}",
        output_range=r"[0, \infty)",
        odd=False,
        monotonic=True,
        smooth=True,
        bounded=False,
        saturating=False,
        value_at_zero=0.25,
        derivative_at_zero=0.5,
        reference="blondel2020learning",
        torch=None,
        jax="jax.nn.sparse_plus",
        summary="Softplus made sparse: exactly 0 below -1 and exactly x above 1, joined by a "
        "parabola so the slope has no jump.",
        sources=(("studied", "blondel2020learning"),),
        use="Where softplus's smooth bend is wanted with ReLU's exact zeros (sparse outputs).",
    )
)


@public("sparse_sigmoid")
def sparse_sigmoid(x):
    r"""Sparse sigmoid: a straight ramp from 0 at x = -1 to 1 at x = 1.

    .. math:: \mathrm{sparse\_sigmoid}(x) = \frac{\min(\max(x + 1, 0), 2)}{2}

    The derivative of :func:`sparse_plus`, as the sigmoid is softplus's. Derivative: 1/2 on
    (-1, 1), 0 outside and at the kinks (the convention of hardsigmoid; see
    :func:`sparse_sigmoid_grad`). Paper: Blondel, Martins & Niculae (2020),
    ``blondel2020learning``. Ends: 0 at -inf, 1 at inf; NaN gives NaN.

    >>> print(sparse_sigmoid([-2.0, 0.0, 0.5, 3.0]))
    [0.   0.5  0.75 1.  ]
    """
    return sparse_plus_grad.kernel(x)


@public("sparse_sigmoid")
def sparse_sigmoid_grad(x):
    r"""Derivative of :func:`sparse_sigmoid`: 1/2 strictly inside (-1, 1), else 0.

    >>> print(sparse_sigmoid_grad([-1.0, 0.0, 1.0]))
    [0.  0.5 0. ]
    """
    d = _stable.inside(x, -1.0, 1.0)
    d *= 0.5
    return d


register(
    Activation(
        "sparse_sigmoid",
        sparse_sigmoid,
        sparse_sigmoid_grad,
        family="hard",
        latex=r"\frac{\min(\max(x + 1, 0), 2)}{2}",
        derivative_latex=r"\begin{cases} \frac{1}{2} & -1 < x < 1 \\ 0 & \text{otherwise} "
        r"\end{cases}",
        output_range="[0, 1]",
        odd=False,
        monotonic=True,
        smooth=False,
        bounded=True,
        saturating=True,
        value_at_zero=0.5,
        derivative_at_zero=0.5,
        reference="blondel2020learning",
        torch=None,
        jax="jax.nn.sparse_sigmoid",
        summary="The sigmoid made sparse: exactly 0 below -1, exactly 1 above 1, a straight "
        "ramp between; the derivative of sparse_plus.",
        sources=(("studied", "blondel2020learning"),),
        use="As a gate or a probability that should reach exactly 0 or 1.",
    )
)
