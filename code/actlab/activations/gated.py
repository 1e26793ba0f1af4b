r"""Gated units: the last axis split into a value half ``a`` and a gate half ``b``; ``a * g(b)``.

For an input ``x`` whose last axis has even length 2u, ``a = x[..., :u]`` (the first half) and
``b = x[..., u:]`` (the second), as ``torch.nn.GLU(dim=-1)`` and ``jax.nn.glu`` split it; the
output has width u:

.. math:: \mathrm{GLU}_g(x) = a \otimes g(b)

with g the sigmoid for GLU (Dauphin et al. 2017, ``dauphin2017language``), and ReLU, GELU and
Swish (SiLU, Swish with beta = 1) for ReGLU, GEGLU and SwiGLU (Shazeer 2020,
``shazeer2020glu``). In a network the two halves come from two projections of the same input,
:math:`(xW + c) \otimes g(xV + d)`: one layer computes products of two linear functions of its
input, which no single elementwise activation does.

Derivatives: the output's entry i depends on :math:`a_i` and :math:`b_i` only,
:math:`\partial y_i/\partial a_i = g(b_i)` and :math:`\partial y_i/\partial b_i = a_i g'(b_i)`.
``act.derivative(x)`` is the full Jacobian, shape ``x.shape[:-1] + (u, 2u)``, mostly zeros;
``act.vjp(x, dy)`` is what backpropagation uses:
:math:`\partial L/\partial x = [\,dy \otimes g(b),\; dy \otimes a \otimes g'(b)\,]`.

Edge cases: an odd last axis is a ValueError, a scalar (0-d) too. NaN in ``a_i`` or ``b_i``
gives NaN in ``y_i`` only (the other entries are untouched). Infinite inputs follow IEEE
arithmetic, as PyTorch does: :math:`\infty \cdot 0` (e.g. ``a = inf`` with ``b = -inf``, or
ReGLU with ``b <= 0``) is NaN, without a warning; a finite product too large for float64 is
inf, also without a warning (the correctly rounded value). Where the gate's value is subnormal
(below 2.2e-308, e.g. the sigmoid of b < -708) it has fewer digits, and the product carries that
absolute error (about 1e-323) times |a|.

>>> from actlab import activations
>>> x = np.array([[1.0, -2.0, 0.0, 3.0]])  # a = [1, -2], b = [0, 3]
>>> print(activations.glu(x), activations.reglu(x))
[[ 0.5        -1.90514825]] [[ 0. -6.]]
>>> activations.swiglu.derivative(x).shape, activations.swiglu.vjp(x, [[1.0, 1.0]]).shape
((1, 2, 4), (1, 4))
"""

import numpy as np

from . import classic, rectifier, smooth
from ._public import public, public_vjp
from .registry import Activation, register


def _halves(x, name):
    n = x.shape[-1]
    if n % 2:
        raise ValueError(
            f"{name}: the last axis must have even length (a value half and a gate half), "
            f"got length {n} in shape {x.shape}"
        )
    u = n // 2
    return x[..., :u], x[..., u:]


def _out_shape(shape, name):
    if shape[-1] % 2:
        raise ValueError(
            f"{name}: the last axis must have even length (a value half and a gate half), "
            f"got length {shape[-1]} in shape {shape}"
        )
    return shape[:-1] + (shape[-1] // 2,)


def _value(name, gate):
    def kernel(x):
        a, b = _halves(x, name)
        with np.errstate(over="ignore", invalid="ignore"):  # inf * 0 is NaN, a huge product inf
            return a * gate(b)

    return kernel


def _jacobian(name, gate, gate_grad):
    def kernel(x):
        a, b = _halves(x, name)
        u = a.shape[-1]
        jac = np.zeros(x.shape[:-1] + (u, 2 * u))
        i = np.arange(u)
        jac[..., i, i] = gate(b)
        with np.errstate(over="ignore", invalid="ignore"):
            jac[..., i, u + i] = a * gate_grad(b)
        return jac

    return kernel


def _vjp(name, gate, gate_grad):
    def kernel(x, g):
        a, b = _halves(x, name)
        u = a.shape[-1]
        dx = np.empty(x.shape)
        with np.errstate(over="ignore", invalid="ignore"):
            np.multiply(g, gate(b), out=dx[..., :u])
            np.multiply(g * a, gate_grad(b), out=dx[..., u:])
        return dx

    return kernel


def _make(name, gate, gate_grad, doc, jac_doc, vjp_doc):
    fn = public(name, vector=True)(_value(name, gate))
    fn.__doc__, fn.__name__, fn.__qualname__ = doc, name, name
    jac = public(name, vector=True)(_jacobian(name, gate, gate_grad))
    jac.__doc__, jac.__name__, jac.__qualname__ = jac_doc, f"{name}_grad", f"{name}_grad"
    vjp = public_vjp(name, _out_shape)(_vjp(name, gate, gate_grad))
    vjp.__doc__, vjp.__name__, vjp.__qualname__ = vjp_doc, f"{name}_vjp", f"{name}_vjp"
    return fn, jac, vjp


_sigmoid, _sigmoid_grad = classic.sigmoid.kernel, classic.sigmoid_grad.kernel
_relu, _relu_grad = rectifier.relu.kernel, rectifier.relu_grad.kernel
_gelu, _gelu_grad = smooth.gelu.kernel, smooth.gelu_grad.kernel
_silu, _silu_grad = smooth.silu.kernel, smooth.silu_grad.kernel

_JAC = r"""Jacobian of :func:`{name}`, shape ``x.shape[:-1] + (u, 2u)``:
    ``J[..., i, i] = {g}(b_i)``, ``J[..., i, u + i] = a_i {g}'(b_i)``, every other entry 0.

    >>> print({name}_grad([1.0, 0.0]))
    {example}
    """
_VJP = r"""Vector-Jacobian product of :func:`{name}`: for ``g = dL/dy`` (shape ``x.shape[:-1] +
    (u,)``), ``dL/dx = [g * {g_}(b), g * a * {g_}'(b)]``, shape ``x.shape``.

    >>> print({name}_vjp([[1.0, 0.0]], [[2.0]]))
    {example}
    """

glu, glu_grad, glu_vjp = _make(
    "glu", _sigmoid, _sigmoid_grad,
    r"""Gated linear unit: the first half of the last axis times the sigmoid of the second.

    .. math:: \mathrm{GLU}(x) = a \otimes \sigma(b), \quad a = x_{1..u},\ b = x_{u+1..2u}

    Derivative: :math:`\partial y_i/\partial a_i = \sigma(b_i)`, :math:`\partial y_i/\partial
    b_i = a_i\,\sigma(b_i)\sigma(-b_i)` (the Jacobian :func:`glu_grad`, the product
    :func:`glu_vjp`). Paper: Dauphin, Fan, Auli & Grangier (2017), ``dauphin2017language``, gated
    convolutional language models. The same split as ``torch.nn.GLU(dim=-1)`` and
    ``jax.nn.glu``. The last axis must have even length; NaN stays in its own output entry;
    ``inf * 0`` is NaN (see the module's docstring).

    >>> print(glu([[1.0, -2.0, 0.0, 3.0]]))
    [[ 0.5        -1.90514825]]
    """,
    _JAC.format(name="glu", g=r"\sigma", example="[[0.5  0.25]]"),
    _VJP.format(name="glu", g_="sigmoid", example="[[1.  0.5]]"),
)  # fmt: skip

reglu, reglu_grad, reglu_vjp = _make(
    "reglu", _relu, _relu_grad,
    r"""ReGLU: the first half of the last axis times the ReLU of the second.

    .. math:: \mathrm{ReGLU}(x) = a \otimes \max(0, b), \quad a = x_{1..u},\ b = x_{u+1..2u}

    Derivative: :math:`\partial y_i/\partial a_i = \max(0, b_i)`, :math:`\partial
    y_i/\partial b_i = a_i` for :math:`b_i > 0`, else 0 (0 at the kink, as ReLU's). Paper:
    Shazeer (2020), ``shazeer2020glu``. The last axis must have even length; NaN stays in its own
    output entry; ``inf * 0`` is NaN (see the module's docstring).

    >>> print(reglu([[1.0, -2.0, 0.0, 3.0]]))
    [[ 0. -6.]]
    """,
    _JAC.format(name="reglu", g=r"\mathrm{relu}", example="[[0. 0.]]"),
    _VJP.format(name="reglu", g_="relu", example="[[0. 0.]]"),
)  # fmt: skip

geglu, geglu_grad, geglu_vjp = _make(
    "geglu", _gelu, _gelu_grad,
    r"""GEGLU: the first half of the last axis times the GELU of the second.

    .. math:: \mathrm{GEGLU}(x) = a \otimes \mathrm{GELU}(b), \quad a = x_{1..u},\ b = x_{u+1..2u}

    with the exact GELU :math:`b\,\Phi(b)`. Derivative: :math:`\partial y_i/\partial a_i =
    \mathrm{GELU}(b_i)`, :math:`\partial y_i/\partial b_i = a_i (\Phi(b_i) + b_i \varphi(b_i))`.
    Paper: Shazeer (2020), ``shazeer2020glu``. The last axis must have even length; NaN stays in
    its own output entry; ``inf * 0`` is NaN (see the module's docstring).

    >>> print(np.round(geglu([[1.0, -2.0, 0.0, 3.0]]), 4))
    [[ 0.     -5.9919]]
    """,
    _JAC.format(name="geglu", g=r"\mathrm{GELU}", example="[[0.  0.5]]"),
    _VJP.format(name="geglu", g_="gelu", example="[[0. 1.]]"),
)  # fmt: skip

swiglu, swiglu_grad, swiglu_vjp = _make(
    "swiglu", _silu, _silu_grad,
    r"""SwiGLU: the first half of the last axis times the Swish (SiLU) of the second.

    .. math:: \mathrm{SwiGLU}(x) = a \otimes b\,\sigma(b), \quad a = x_{1..u},\ b = x_{u+1..2u}

    Swish with beta = 1, i.e. SiLU, as in the feed-forward blocks of PaLM and LLaMA.
    Derivative: :math:`\partial y_i/\partial a_i = b_i \sigma(b_i)`, :math:`\partial
    y_i/\partial b_i = a_i\,\sigma(b_i)(1 + b_i \sigma(-b_i))`. Paper: Shazeer (2020),
    ``shazeer2020glu``. The last axis must have even length; NaN stays in its own output entry;
    ``inf * 0`` is NaN (see the module's docstring).

    >>> print(np.round(swiglu([[1.0, -2.0, 0.0, 3.0]]), 4))
    [[ 0.     -5.7154]]
    """,
    _JAC.format(name="swiglu", g=r"\mathrm{silu}", example="[[0.  0.5]]"),
    _VJP.format(name="swiglu", g_="silu", example="[[0. 1.]]"),
)  # fmt: skip

_COMMON = dict(
    family="gated", output_range=r"(-\infty, \infty)", odd=False, monotonic=False,
    bounded=False, saturating=False, value_at_zero=None, derivative_at_zero=None,
    vector_valued=True, chapter="08_beyond",
)  # fmt: skip

register(
    Activation(
        "glu", glu, glu_grad, vjp_fn=glu_vjp,
        latex=r"a \otimes \sigma(b)",
        derivative_latex=r"\frac{\partial y_i}{\partial a_i} = \sigma(b_i),\ "
        r"\frac{\partial y_i}{\partial b_i} = a_i\,\sigma(b_i)(1 - \sigma(b_i))",
        smooth=True, reference="dauphin2017language",
        torch="torch.nn.functional.glu", jax="jax.nn.glu",
        summary="Splits its input in two halves and multiplies the first by the sigmoid of the "
        "second: a learned, soft gate on each value.",
        sources=(("introduced", "dauphin2017language"),),
        use="In gated feed-forward or convolutional blocks; it halves the width of its input.",
        **_COMMON,
    )
)  # fmt: skip

register(
    Activation(
        "reglu", reglu, reglu_grad, vjp_fn=reglu_vjp,
        latex=r"a \otimes \max(0, b)",
        derivative_latex=r"\frac{\partial y_i}{\partial a_i} = \max(0, b_i),\ "
        r"\frac{\partial y_i}{\partial b_i} = a_i [b_i > 0]",
        smooth=False, reference="shazeer2020glu", torch=None, jax=None,
        summary="A gated unit whose gate is the ReLU of the second half: the first half passes "
        "where the gate is positive, scaled by it.",
        sources=(("introduced", "shazeer2020glu"),),
        use="In a transformer's feed-forward block (ReLU gate); it halves the width of its input.",
        **_COMMON,
    )
)  # fmt: skip

register(
    Activation(
        "geglu", geglu, geglu_grad, vjp_fn=geglu_vjp,
        latex=r"a \otimes \mathrm{GELU}(b)",
        derivative_latex=r"\frac{\partial y_i}{\partial a_i} = \mathrm{GELU}(b_i),\ "
        r"\frac{\partial y_i}{\partial b_i} = a_i\,(\Phi(b_i) + b_i\varphi(b_i))",
        smooth=True, reference="shazeer2020glu", torch=None, jax=None,
        summary="A gated unit whose gate is the GELU of the second half; among the best "
        "variants in Shazeer's transformer comparison.",
        sources=(("introduced", "shazeer2020glu"),),
        use="In a transformer's feed-forward block (GELU gate); it halves the width of its input.",
        **_COMMON,
    )
)  # fmt: skip

register(
    Activation(
        "swiglu", swiglu, swiglu_grad, vjp_fn=swiglu_vjp,
        latex=r"a \otimes b\,\sigma(b)",
        derivative_latex=r"\frac{\partial y_i}{\partial a_i} = b_i\sigma(b_i),\ "
        r"\frac{\partial y_i}{\partial b_i} = a_i\,\sigma(b_i)(1 + b_i(1 - \sigma(b_i)))",
        smooth=True, reference="shazeer2020glu", torch=None, jax=None,
        summary="A gated unit whose gate is the Swish (SiLU) of the second half: the "
        "feed-forward activation of PaLM and LLaMA.",
        sources=(("introduced", "shazeer2020glu"),),
        use="In a transformer's feed-forward block, as PaLM and LLaMA; halves its input's width.",
        **_COMMON,
    )
)  # fmt: skip
