"""Checkers for the code exercises of chapter 8, Beyond sigmoid and ReLU.

``elu(fn)`` checks the learner's ``elu(x, alpha)``: x for x > 0 and alpha (e^x - 1) for x <= 0,
and ``elu_grad(fn)`` its derivative, 1 for x > 0 and alpha e^x for x <= 0 (alpha at 0, as
PyTorch's autograd gives). Both are checked on ordinary inputs, two values of alpha, inputs
within 1e-12 of 0 (where e^x - 1 written out loses its digits and np.expm1 keeps them: a relative
1e-9 is asked for), and large inputs, +-inf and NaN, with no overflow warning on the way
(np.where computes both branches, so exp(x) of a large x warns even when its branch is thrown
away). A wrong answer gets a hint naming the likely mistake: ReLU or leaky ReLU instead, alpha
forgotten, the -1 forgotten, e^x - 1 instead of expm1, ELU's value for its slope, the slope at
0, float32.

>>> import numpy as np
>>> good = lambda x, alpha: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))
>>> bool(elu(good))
True
>>> print(elu(lambda x, alpha: np.maximum(x, 0)))  # doctest: +ELLIPSIS
✗ elu failed case 1 of 5:
...
  Hint: that is ReLU: ELU keeps x for x > 0 but ...
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from actlab import activations

from .core import CheckResult, check_function, quietly, warnings_raised
from .messages import wrap
from .registry import Mistake, exercise

__all__ = ["elu", "elu_grad"]

_elu = activations.get("elu")


def _elu_reference(x, alpha):
    return _elu(x, alpha=alpha)


def _elu_grad_reference(x, alpha):
    return _elu.derivative(x, alpha=alpha)


def _cases() -> list[tuple]:
    a = np.array
    return [
        (a([-2.0, -0.5, 0.0, 0.5, 3.0]), 1.0),
        (a([-3.0, -1.0, 0.0, 1.0, 2.0]), 0.5),
        (a([-1e-12, -1e-9, -1e-6, 1e-12]), 1.0),
        (a([-1000.0, -50.0, 50.0, 1000.0, -np.inf, np.inf, np.nan]), 1.0),
        (np.linspace(-5.0, 5.0, 41), 2.0),
    ]


def _fresh(rng) -> list[tuple]:
    alpha = float(np.round(rng.uniform(0.2, 3.0), 2))
    tiny = -(10.0 ** -rng.uniform(9.0, 13.0, size=3))
    big = rng.uniform(720.0, 1000.0, size=2)
    return [
        (np.round(rng.normal(scale=2.0, size=6), 3), float(np.round(rng.uniform(0.3, 0.9), 2))),
        (np.concatenate([tiny, [0.0], -tiny]), 1.0),
        (np.concatenate([-big, big, [-np.inf, np.inf, np.nan]]), alpha),
        (np.sort(rng.uniform(-6.0, 6.0, size=int(rng.integers(20, 50)))), alpha),
    ]


def _same(got, formula, x, alpha):
    value = quietly(formula, x, alpha)
    return (
        value is not None
        and value.shape == got.shape
        and np.allclose(got, value, rtol=1e-12, atol=0.0, equal_nan=True)
    )


WARNED = (
    "np.where(x > 0, f(x), g(x)) computes BOTH f and g for every x before it picks, so "
    "exp(x) still overflows for a large x whose branch is thrown away. Take the exponential "
    "of np.minimum(x, 0), which is never above 0."
)


def _judge(name, reference, hint, candidate, cases) -> CheckResult:
    """``check_function`` to a relative 1e-9, then a failure if NumPy warned on the cases."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warnings are looked at on their own below
        result = check_function(
            candidate, reference, cases, name=name, rtol=1e-9, atol=0.0, hint=hint
        )
    if result.status not in ("passed", "failed") or not callable(candidate):
        return result
    caught = warnings_raised(candidate, cases)
    if not caught:
        return result
    if result.status == "failed":
        message = f"{result.message}\n  And NumPy warned on the way: {caught[0]!r}."
    else:
        message = (
            f"{name} gives the right values,\n  but NumPy warned on the way: {caught[0]!r}.\n"
            f"  Hint: {WARNED}"
        )
    return CheckResult(name, "failed", wrap(message), result.n_cases)


def _common(x, got):
    """The hints both exercises share: exceptions, shapes, NaN."""
    if isinstance(got, Exception):
        return "work on the whole array at once with NumPy functions (np.where, np.expm1, ...)."
    if got.shape != x.shape:
        return "return one value per input, an array of the same shape as x."
    if np.any(np.isnan(x)) and not np.all(np.isnan(got[np.isnan(x)])):
        return "a NaN input should give NaN, not a number."
    return None


# ------------------------------------------------------------------------------------ ELU

ELU_CONCEPT = (
    "ELU is x for x > 0 and alpha (e^x - 1) for x <= 0: the identity above 0, and below it a "
    "smooth curve that starts at 0 with slope alpha and levels off at -alpha. Compute "
    "e^x - 1 with np.expm1, which keeps the digits of x near 0."
)


def _elu_hint(x, alpha, got):
    common = _common(x, got)
    if common:
        return common
    if _same(got, lambda t, a: np.maximum(t, 0.0), x, alpha):
        return (
            "that is ReLU: ELU keeps x for x > 0 but gives alpha (e^x - 1) below 0, a smooth "
            "curve down to -alpha, instead of 0."
        )
    if _same(got, lambda t, a: np.where(t > 0, t, a * t), x, alpha):
        return "that is a leaky ReLU (alpha x below 0); ELU's negative side is alpha (e^x - 1)."
    if alpha != 1.0 and _same(got, lambda t, a: _elu(t, alpha=1.0), x, alpha):
        return f"alpha is {alpha:g} here: multiply the negative side by alpha."
    if _same(got, lambda t, a: np.where(t > 0, t, a * np.exp(t)), x, alpha):
        return (
            "alpha e^x is alpha at x = 0, so the curve jumps there: ELU's negative side is "
            "alpha (e^x - 1), which is 0 at x = 0 (the -1 is missing)."
        )
    near = np.isfinite(x) & (np.abs(x) < 1e-5) & (x < 0)
    if np.any(near) and _same(got, lambda t, a: np.where(t > 0, t, a * (np.exp(t) - 1)), x, alpha):
        return (
            "np.exp(x) - 1 loses the digits of a small x: e^x is 1.000... and subtracting 1 "
            "leaves only the last few digits. np.expm1(x) computes e^x - 1 to full precision."
        )
    return ELU_CONCEPT


def _elu_mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def elu(x, alpha):\n    {body}\n", hint, **kw)


ELU_MISTAKES = (
    _elu_mistake("return np.where(x > 0, x, alpha * (np.exp(x) - 1))",
                 ("np.expm1(x)", "NumPy warned"), case=3, nbgrader=True),
    _elu_mistake("with np.errstate(all='ignore'):  # the warning silenced, the digits still lost\n"
                 "        return np.where(x > 0, x, alpha * (np.exp(x) - 1))", "np.expm1(x)",
                 case=3),
    _elu_mistake("return np.where(x > 0, x, alpha * np.expm1(x))", ("BOTH", "right values")),
    _elu_mistake("return np.maximum(x, 0)", "that is ReLU"),
    _elu_mistake("return np.where(x > 0, x, alpha * x)", "leaky ReLU"),
    _elu_mistake("return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))",
                 "multiply the negative side by alpha", case=2),
    _elu_mistake("return np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0)))",
                 "the -1 is missing"),
    _elu_mistake("y = np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))\n"
                 "    return y.astype(np.float32)", "The answer is float32"),
    # Hard-coded for the first case: the later cases must catch it.
    _elu_mistake("return np.array([-0.8646647167633873, -0.3934693402873666, 0.0, 0.5, 3.0])",
                 "ELU is x for x > 0", case=2),
)  # fmt: skip

ELU_RIGHT = (
    "def elu(x, alpha):\n    return np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0))\n",
    "def elu(x, alpha):\n"
    "    neg = np.minimum(x, 0.0)\n"
    "    return np.where(x > 0, x, alpha * np.expm1(neg))\n",
)


@exercise(
    reference=_elu_reference,
    mistakes=ELU_MISTAKES,
    cases=_cases,
    fresh=_fresh,
    concept=ELU_CONCEPT,
    answer="np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))",
    right_answers=ELU_RIGHT,
    forbidden=("activations", "nn"),
)
def elu(candidate: Any, cases: list) -> CheckResult:
    """Check ``elu(x, alpha)``: x for x > 0, alpha (e^x - 1) for x <= 0, to a relative 1e-9
    (near 0 too), at +-inf and NaN, without overflow warnings."""
    return _judge("elu", _elu_reference, _elu_hint, candidate, cases)


# ------------------------------------------------------------------------ ELU's derivative

GRAD_CONCEPT = (
    "the derivative of x is 1, and that of alpha (e^x - 1) is alpha e^x: so ELU's slope is 1 "
    "for x > 0 and alpha e^x for x <= 0 (alpha at x = 0 itself, as PyTorch), and it never "
    "reaches 0 for a finite x."
)


def _grad_hint(x, alpha, got):
    common = _common(x, got)
    if common:
        return common
    if _same(got, lambda t, a: np.where(t > 0, 1.0, 0.0), x, alpha):
        return (
            "that is ReLU's slope, 0 below 0: ELU's negative side, alpha (e^x - 1), has slope "
            "alpha e^x, which is never 0."
        )
    if _same(got, lambda t, a: np.where(t > 0, 1.0, a * np.expm1(np.minimum(t, 0))), x, alpha):
        return "that is alpha (e^x - 1), ELU's value below 0; its slope is alpha e^x."
    if _same(got, lambda t, a: np.where(t > 0, t, a * np.exp(np.minimum(t, 0))), x, alpha):
        return "for x > 0 ELU is x itself, whose slope is 1 (not x)."
    if _same(got, lambda t, a: np.where(t > 0, 1.0, a), x, alpha):
        return "alpha is the slope at 0 only; below 0 the slope is alpha e^x, which fades to 0."
    if alpha != 1.0 and _same(got, lambda t, a: _elu.derivative(t, alpha=1.0), x, alpha):
        return f"alpha is {alpha:g} here: the slope below 0 is alpha e^x."
    at_zero = x == 0
    if np.any(at_zero) and alpha != 1.0 and np.all(got[at_zero] == 1.0):
        return (
            "at x = 0 itself take the left side's slope, alpha e^0 = alpha, as PyTorch does "
            "(x > 0 for the slope 1, not x >= 0)."
        )
    return GRAD_CONCEPT


def _grad_mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def elu_grad(x, alpha):\n    {body}\n", hint, **kw)


GRAD_MISTAKES = (
    _grad_mistake("return np.where(x > 0, 1.0, 0.0)", "ReLU's slope", nbgrader=True),
    _grad_mistake("return np.where(x > 0, 1.0, alpha * np.exp(x))", ("BOTH", "right values")),
    _grad_mistake("return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0)))",
                  "at x = 0 itself", case=2),
    _grad_mistake("return np.where(x > 0, 1.0, np.exp(np.minimum(x, 0)))",
                  "the slope below 0 is alpha e^x", case=2),
    _grad_mistake("return np.where(x > 0, 1.0, alpha * np.expm1(np.minimum(x, 0)))",
                  "ELU's value below 0"),
    _grad_mistake("return np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0)))", "slope is 1"),
    _grad_mistake("return np.where(x > 0, 1.0, alpha)", "fades to 0"),
    _grad_mistake("y = np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))\n"
                  "    return y.astype(np.float32)", "The answer is float32"),
)  # fmt: skip

GRAD_RIGHT = (
    "def elu_grad(x, alpha):\n    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))\n",
    "def elu_grad(x, alpha):\n"
    "    slope = alpha * np.exp(np.minimum(x, 0.0))\n"
    "    slope[x > 0] = 1.0\n"
    "    return slope\n",
)


@exercise(
    reference=_elu_grad_reference,
    mistakes=GRAD_MISTAKES,
    cases=_cases,
    fresh=_fresh,
    concept=GRAD_CONCEPT,
    answer="np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))",
    right_answers=GRAD_RIGHT,
    forbidden=("activations", "nn"),
)
def elu_grad(candidate: Any, cases: list) -> CheckResult:
    """Check ``elu_grad(x, alpha)``: 1 for x > 0, alpha e^x for x <= 0 (alpha at 0), to a
    relative 1e-9, at +-inf and NaN, without overflow warnings."""
    return _judge("elu_grad", _elu_grad_reference, _grad_hint, candidate, cases)
