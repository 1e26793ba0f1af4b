"""Checkers for the code exercises of chapter 4, Sigmoid.

``stable_sigmoid(fn)`` checks the learner's sigmoid on ordinary and extreme inputs (up to
+-1000, the infinities and NaN): every value within a relative 1e-9 of the true one, tiny values
included. At x = -720 and -740 float64 holds sigma(x) only as a subnormal number (about 2.0e-313
and 4.2e-322); the absolute tolerance is four of float64's smallest steps, so a 0 there fails.
No overflow or invalid-operation warning may be raised on the way. An untouched stub gets "not
attempted yet"; the common formulas that overflow, give NaN or lose the digits of tiny outputs
(1 - 1 / (1 + exp(x)), an input clipped to +-500, an answer in float32) each get a hint that
names what went wrong. Silencing NumPy's warning (``np.errstate`` or ``warnings``) does not
help: the naive formula still gives 0 at x = -720.

>>> import numpy as np
>>> def good(x):
...     e = np.exp(-np.abs(x))
...     return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
>>> bool(stable_sigmoid(good))
True
>>> print(stable_sigmoid(lambda x: 1 / (1 + np.exp(-x))))  # doctest: +ELLIPSIS
✗ stable_sigmoid failed case 2 of 4:
...
  Hint: 0 at x = -720, where sigma(x) is about 2e-313: exp(-x) overflows to inf
...
  And NumPy warned on the way: 'overflow encountered in exp'.
>>> both = lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
>>> print(stable_sigmoid(both))  # doctest: +ELLIPSIS
✗ stable_sigmoid gives the right values, but NumPy warned on the way: 'overflow
  encountered in exp'.
  Hint: exp of a large number overflows: ...
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from actlab import activations

from .core import CheckResult, check_function, quietly, warnings_raised
from .messages import wrap
from .registry import Mistake, exercise

__all__ = ["stable_sigmoid"]

_sigmoid = activations.get("sigmoid")
# The absolute tolerance: four of the smallest float64 steps (about 2e-323), so that a 0 where
# sigma(x) is a subnormal number (2.0e-313 at x = -720, 4.2e-322 at x = -740) fails, while a
# last-digit difference among subnormals, which hold fewer digits, passes.
_ATOL = 4 * float(np.finfo(np.float64).smallest_subnormal)


def _reference(x):
    return _sigmoid(x)


def _cases() -> list[tuple]:
    a = np.array
    return [
        (a([-2.0, 0.0, 0.5, 3.0]),),
        (a([-720.0, -740.0, -700.0, -100.0, -30.0, 30.0, 100.0, 720.0]),),
        (a([-1000.0, 1000.0, -np.inf, np.inf, np.nan]),),
        (np.linspace(-40.0, 40.0, 81),),
    ]


CONCEPT = (
    "the same function can be written in forms that agree on paper but not in floating "
    "point: take exp only of numbers that cannot overflow, and keep the digits of tiny outputs."
)


def _fresh(rng) -> list[tuple]:
    far = rng.uniform(710.0, 1000.0, size=3)
    return [
        (np.round(rng.normal(scale=3.0, size=6), 3),),
        (np.concatenate([-far, far, rng.uniform(-740.0, -709.0, size=2)]),),
        (np.concatenate([[-np.inf, np.inf, np.nan], rng.uniform(-60.0, 60.0, size=5)]),),
        (np.sort(rng.uniform(-40.0, 40.0, size=int(rng.integers(20, 60)))),),
    ]


def _same(got, formula, x):
    value = quietly(formula, x)
    return (
        value is not None
        and value.shape == got.shape
        and np.allclose(got, value, rtol=1e-12, atol=0.0, equal_nan=True)
    )


def _clip_bound(x, got):
    """The bound c, when ``got`` is sigma of x clipped to [-c, c] (c read off the output at the
    smallest input, rounded to a whole number), else None."""
    finite = np.isfinite(x)
    if not finite.any():
        return None
    low = got[finite][np.argmin(x[finite])]
    if not 0 < low < 1e-10:
        return None
    bound = float(np.round(-np.log(low)))
    if np.min(x[finite]) >= -bound:
        return None
    return bound if _same(got, lambda t: _sigmoid(np.clip(t, -bound, bound)), x) else None


def _float32_precision(x, got):
    """True when ``got`` agrees with sigma(x) to float32's precision but not to 1e-9."""
    want = _sigmoid(x)
    eps = 8 * float(np.finfo(np.float32).eps)
    normal = np.abs(want) > float(np.finfo(np.float32).tiny)
    return bool(
        normal.any()
        and np.allclose(got[normal], want[normal], rtol=eps, atol=0.0, equal_nan=True)
        and not np.allclose(got[normal], want[normal], rtol=1e-9, atol=0.0, equal_nan=True)
    )


def _hint(x, got):
    if isinstance(got, Exception):
        return "work on the whole array at once with NumPy functions (np.exp, np.where, ...)."
    if got.shape != x.shape:
        return "return one value per input, an array of the same shape as x."
    if _same(got, lambda t: _sigmoid(-t), x):
        return "that is sigma(-x) = 1 - sigma(x): the sign of x is flipped."
    big = np.abs(x) > 709.0
    if np.any(np.isnan(got) & big):
        return (
            "NaN for large x: exp(x) / (1 + exp(x)) becomes inf / inf once exp(x) overflows "
            "(x > 709.8). Only ever take exp of a number <= 0, such as -|x|."
        )
    if _same(got, lambda t: 0.5 * (1 + np.tanh(t / 2)), x):
        return (
            "0.5 * (1 + tanh(x / 2)) does not overflow, but it is not accurate for very "
            "negative x: 1 + tanh subtracts two numbers close to 1 and loses the digits of "
            "a tiny output (0 below about x = -40). Compute e = exp(-|x|) and divide."
        )
    if _same(got, lambda t: 1 - 1 / (1 + np.exp(t)), x):
        return (
            "that is 1 - 1 / (1 + exp(x)): for negative x, 1 / (1 + exp(x)) is close to 1, "
            "and subtracting it from 1 loses the digits of the small answer (only 2 digits "
            "are left at x = -30, none below about x = -37). A small output cannot be "
            "computed as 1 minus something close to 1: compute it directly, as a quotient."
        )
    clipped = _clip_bound(x, got)
    if clipped is not None:
        return (
            f"that clips x to +-{clipped:g} (np.clip) before exp: it avoids the overflow "
            f"but changes the value, since every x below -{clipped:g} gets sigma(-{clipped:g}) "
            f"(about {float(_sigmoid(-clipped)):.2g}) while sigma(-720) is about 2e-313. "
            "Keep x as it is and take exp only of -|x|, which never overflows."
        )
    if _float32_precision(x, got):
        return (
            "every value is right to about 6 significant digits and no better: that is "
            "float32's precision. Somewhere the computation runs in float32 (an astype, "
            "np.float32, dtype=...): keep it in float64."
        )
    lost = (x < -709.78) & np.isfinite(x) & (got == 0)
    if np.any(lost):
        at = x[lost][0]
        return (
            f"0 at x = {at:g}, where sigma(x) is about {float(_sigmoid(at)):.2g}: exp(-x) "
            "overflows to inf for x < -709.8, and 1 / (1 + inf) is 0. Silencing NumPy's "
            "warning does not bring the value back: only ever take exp of a number <= 0, "
            "such as -|x|."
        )
    low = np.isfinite(x) & (x < -30) & (got > 0)
    if np.any(low) and len(np.unique(got[low])) < len(np.unique(x[low])):
        return (
            "the same output for different large negative x: clipping x (np.clip) avoids the "
            "overflow but changes the value, and sigma(-700) is about 1e-304. Compute "
            "e = exp(-|x|) instead: it never overflows."
        )
    if np.any(np.isnan(got) & ~np.isnan(x)):
        return "NaN for a number: look for inf / inf or inf - inf on the way."
    if np.any(np.isnan(x)) and not np.all(np.isnan(got[np.isnan(x)])):
        return "a NaN input should give NaN, not a number."
    return CONCEPT


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def stable_sigmoid(x):\n    {body}\n", hint, **kw)


MISTAKES = (
    _mistake("return 1 / (1 + np.exp(-x))  # overflows for x < -709.8",
             ("NumPy warned", "overflows"), nbgrader=True),
    _mistake("with np.errstate(all='ignore'):  # the warning silenced, the value still lost\n"
             "        return 1 / (1 + np.exp(-x))", "Silencing NumPy's warning", case=2),
    _mistake("from scipy.special import expit  # flushes the tiny values to 0\n\n"
             "    return expit(x)", "0 at x = -720"),
    _mistake("return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))",
             ("NumPy warned", "BOTH")),
    _mistake("with warnings.catch_warnings():  # the warning silenced another way\n"
             "        warnings.simplefilter('ignore')\n"
             "        return 1 / (1 + np.exp(-x))", ("0 at x = -720", "Silencing"), case=2),
    _mistake("with np.errstate(over='ignore'):\n"
             "        return 1 - 1 / (1 + np.exp(x))", ("1 - 1 / (1 + exp(x))", "digits"),
             case=2),
    _mistake("return 1 / (1 + np.exp(-np.clip(x, -500, 500)))", "clips x to +-500 (np.clip)"),
    _mistake("return 1 / (1 + np.exp(-np.clip(x, -709, 709)))", "clips x to +-709 (np.clip)"),
    _mistake("return np.exp(x) / (1 + np.exp(x))", "inf / inf"),
    _mistake("return 0.5 * (1 + np.tanh(x / 2))", "1 + tanh"),
    _mistake("return 1 / (1 + np.exp(x))", "sign of x is flipped"),
    _mistake("e = np.exp(-np.abs(x)).astype(np.float32)\n"
             "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))",
             ("a relative error of", "The answer is float32", "float32's precision"), case=1),
)  # fmt: skip


@exercise(
    reference=_reference,
    mistakes=MISTAKES,
    right_answers=(
        "def stable_sigmoid(x):\n"
        "    e = np.exp(-np.abs(x))\n"
        "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))\n",
        "def stable_sigmoid(x):\n"
        "    e = np.exp(-np.abs(x))\n"
        "    return np.where(x < 0, e, 1.0) / (1 + e)\n",
    ),
    cases=_cases,
    fresh=_fresh,
    concept=CONCEPT,
    answer="e = np.exp(-np.abs(x)), then np.where(x >= 0, 1 / (1 + e), e / (1 + e))",
    forbidden=("activations", "sigmoid", "nn"),
    namespace={"warnings": warnings},  # the chapter's imports cell imports it
)
def stable_sigmoid(candidate: Any, cases: list) -> CheckResult:
    """Check ``stable_sigmoid(x)``: the logistic sigmoid of an array, accurate to a relative
    1e-9 on inputs from -1000 to 1000 (and at +-inf and NaN), without overflow warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warnings are looked at on their own below
        result = check_function(
            candidate, _reference, cases, name="stable_sigmoid", rtol=1e-9, atol=_ATOL,
            hint=_hint,
        )  # fmt: skip
    if result.status != "passed":
        if result.status == "failed" and callable(candidate):
            caught = warnings_raised(candidate, cases)
            if caught:  # both faults: the value, and the warning on the way
                message = f"{result.message}\n  And NumPy warned on the way: {caught[0]!r}."
                return CheckResult("stable_sigmoid", "failed", wrap(message), result.n_cases)
        return result
    caught = warnings_raised(candidate, cases)
    if caught:
        message = (
            f"stable_sigmoid gives the right values, but NumPy warned on the way: "
            f"{caught[0]!r}.\n"
            "  Hint: exp of a large number overflows: 1 / (1 + exp(-x)) does for x < -709.8. "
            "And np.where(x >= 0, f(x), g(x)) computes BOTH f and g for every x before it "
            "picks, so an exp(-x) or exp(x) still overflows for the inputs whose branch is "
            "thrown away. Take e = np.exp(-np.abs(x)) first: it never overflows."
        )
        return CheckResult("stable_sigmoid", "failed", wrap(message), result.n_cases)
    return result
