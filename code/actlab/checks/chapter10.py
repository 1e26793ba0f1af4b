"""Checkers for the code exercises of chapter 10, Choosing an activation.

``isrlu_grad(fn)`` checks the derivative of the inverse square root linear unit (ISRLU,
Carlile et al. 2017) with :math:`\\alpha = 1`: :math:`f(x) = x` for :math:`x \\ge 0` and
:math:`x / \\sqrt{1 + x^2}` below 0, so :math:`f'(x) = 1` for :math:`x \\ge 0` and
:math:`(1 + x^2)^{-3/2}` below 0. A wrong answer gets a hint naming the likely mistake: the
exponent -1/2 or -1 instead of -3/2, the negative side's formula used everywhere, the branches
swapped, ReLU's slope 0 below 0, or the function's value instead of its slope.

>>> import numpy as np
>>> bool(isrlu_grad(lambda x: np.where(x >= 0, 1.0, np.hypot(1.0, x) ** -3.0)))
True
>>> print(isrlu_grad(lambda x: np.where(x >= 0, 1.0, 0.0)))  # doctest: +ELLIPSIS
✗ isrlu_grad failed case 1 of 7:
...
  Hint: that is ReLU's slope...
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import CheckResult, check_function
from .registry import Mistake, exercise

__all__ = ["isrlu_grad"]


def _reference(x):
    return np.where(x >= 0, 1.0, np.hypot(1.0, x) ** -3.0)


def _cases() -> list[tuple]:
    return [
        (np.array([-2.0, -1.0, -0.5, 0.0, 0.5, 2.0]),),
        (np.linspace(-4.0, 4.0, 9),),
        (np.array([-30.0, -10.0, -0.1, 0.1, 10.0]),),
        (np.array([[-3.0, 1.5], [-0.25, 0.0]]),),
        (np.array([-1e3, -7.0, 3.0, 1e3]),),
        (np.array([-0.3, -1.7, -12.5, 0.7]),),  # to a relative 1e-9: float32 fails here
        (np.array([np.nan, -2.0, np.inf, -np.inf]),),  # NaN stays NaN; slope 0 at -inf
    ]


def _fresh(rng) -> list[tuple]:
    return [(rng.normal(0, s, size=int(rng.integers(3, 9))),) for s in (0.5, 2.0, 8.0)] + [
        (np.concatenate([[0.0], -rng.uniform(0.1, 20.0, size=4)]),)
    ]


CONCEPT = (
    "ISRLU is x for x >= 0, so its slope there is 1; below 0 it is x / sqrt(1 + x^2), whose "
    "slope by the quotient rule is (1 + x^2) ** (-3/2). Use np.where to pick the branch."
)


def _hint(x, got):
    if isinstance(got, Exception):
        return "x is a NumPy array: use np.where(x >= 0, ..., ...), not an if on the array."
    if got.shape != x.shape:
        return "return one slope per input: an array of the same shape as x."
    x = np.asarray(x, dtype=float)
    if np.any(np.isnan(x)) and not np.all(np.isnan(got[np.isnan(x)])):
        return (
            "a NaN input should give NaN, not a number (np.where keeps it, np.nan_to_num hides it)."
        )
    neg = x < 0
    with np.errstate(all="ignore"):
        r = 1.0 + x * x
        tries = [
            (np.where(neg, r**-0.5, 1.0), "the exponent is -3/2, not -1/2: differentiate "
             "x * (1 + x^2) ** (-1/2) with the product rule (or the quotient rule)."),
            (np.where(neg, 1.0 / r, 1.0), "the exponent is -3/2, not -1: the slope below 0 is "
             "(1 + x^2) ** (-3/2)."),
            (r**-1.5, "for x >= 0 ISRLU is x itself, so its slope there is 1; the formula "
             "(1 + x^2) ** (-3/2) is for the negative side only."),
            (np.where(neg, 1.0, r**-1.5), "the branches are swapped: the slope is 1 for x >= 0 "
             "and (1 + x^2) ** (-3/2) below 0."),
            (np.where(neg, 0.0, 1.0), "that is ReLU's slope, 0 below 0; ISRLU keeps a slope "
             "(1 + x^2) ** (-3/2) there, which is what keeps its units alive."),
            (np.where(neg, x / np.sqrt(r), x), "that is the value of ISRLU, not its slope."),
        ]  # fmt: skip
    for wrong, text in tries:
        if np.allclose(got, wrong, rtol=1e-6, atol=1e-9) and not np.allclose(wrong, _reference(x)):
            return text
    return CONCEPT


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def isrlu_grad(x):\n    {body}\n", hint, **kw)


MISTAKES = (
    _mistake("return np.where(x >= 0, 1.0, 1 / np.sqrt(1 + x**2))", "not -1/2", nbgrader=True),
    _mistake("return np.where(x >= 0, 1.0, 1 / (1 + x**2))", "not -1"),
    _mistake("return (1 + x**2) ** -1.5", "for the negative side only"),
    _mistake("return np.where(x < 0, 1.0, (1 + x**2) ** -1.5)", "the branches are swapped"),
    _mistake("return np.where(x >= 0, 1.0, 0.0)", "ReLU's slope"),
    _mistake("return np.where(x >= 0, x, x / np.sqrt(1 + x**2))", "the value of ISRLU"),
    _mistake("return np.where(x >= 0, 1.0, (1 + x**2) ** -1.5).astype(np.float32)",
             "The answer is float32"),
    _mistake("return np.nan_to_num(np.where(x >= 0, 1.0, (1 + x**2) ** -1.5))",
             "a NaN input should give NaN"),
    # Right on the positive side only.
    _mistake("return np.ones_like(x)", "Use np.where to pick the branch"),
)  # fmt: skip

RIGHT_ANSWERS = (
    "def isrlu_grad(x):\n    with np.errstate(over='ignore'):\n"
    "        return np.where(x >= 0, 1.0, (1 + x**2) ** -1.5)\n",
    "def isrlu_grad(x):\n    return np.where(x >= 0, 1.0, 1 / np.hypot(1.0, x) ** 3)\n",
    "def isrlu_grad(x):\n    out = np.ones_like(x)\n    n = ~(x >= 0)  # NaN too\n"
    "    out[n] = (1 + x[n] ** 2) ** -1.5\n    return out\n",
)


@exercise(
    reference=_reference,
    mistakes=MISTAKES,
    cases=_cases,
    fresh=_fresh,
    concept=CONCEPT,
    answer="np.where(x >= 0, 1.0, (1 + x**2) ** -1.5)",
    right_answers=RIGHT_ANSWERS,
    forbidden=("experiments", "activations"),
)
def isrlu_grad(candidate: Any, cases: list) -> CheckResult:
    """Check ``isrlu_grad(x)``: the derivative of ISRLU (alpha = 1), elementwise on an array."""
    return check_function(
        candidate, _reference, cases, name="isrlu_grad", rtol=1e-9, atol=0.0, hint=_hint
    )
