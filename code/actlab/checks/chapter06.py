"""Checkers for the code exercises of chapter 6, The ReLU revolution.

``he_init(fn)`` checks He's initialisation: the learner's ``he_init(fan_in, fan_out, rng)`` must
return ``rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))``, weights of variance
``2 / fan_in`` drawn from the generator it is given (so the same seed gives the same weights,
and the checker can compare the numbers themselves). A wrong answer gets a hint naming the likely
mistake (Xavier's or LeCun's variance, the variance passed as the standard deviation, fan_out
for fan_in, the shape transposed, the global ``np.random``, float32), looked for once the type
and shape are right.

>>> import numpy as np
>>> bool(he_init(lambda fan_in, fan_out, rng: rng.normal(0.0, np.sqrt(2 / fan_in),
...                                                       size=(fan_in, fan_out))))
True
>>> print(he_init(lambda fan_in, fan_out, rng: rng.normal(0.0, np.sqrt(1 / fan_in),
...                                                        size=(fan_in, fan_out))))
... # doctest: +ELLIPSIS
✗ he_init failed case 1 of 4:
...
  Hint: that is variance 1 / fan_in, right for a unit close to the identity...
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from .core import CheckResult, check_function
from .registry import Mistake, exercise

__all__ = ["he_init"]


class _Generator(np.random.Generator):
    """A NumPy generator that reads as ``rng`` in the checker's messages."""

    def __repr__(self):
        return "rng"

    def __deepcopy__(self, memo):
        twin = _Generator(copy.deepcopy(self.bit_generator, memo))
        return twin


def _rng(seed):
    return _Generator(np.random.PCG64(seed))


def _he_init_reference(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))


def _he_init_cases() -> list[tuple]:
    # A large, non-square layer first: a transposed shape fails on shapes, fan_out for fan_in on
    # values, and the spread of 10,000 weights tells a right variance from a wrong one.
    return [(200, 50, _rng(61)), (3, 5, _rng(62)), (16, 16, _rng(63)), (1, 4, _rng(64))]


def _he_init_fresh(rng) -> list[tuple]:
    seeds = (int(v) for v in rng.integers(0, 2**31, size=4))
    shapes = [(int(rng.integers(150, 300)), int(rng.integers(20, 60)))]  # the spread shows
    shapes += [(int(a), int(b)) for a, b in rng.integers(1, 12, size=(3, 2))]
    return [(a, b, _rng(seed)) for (a, b), seed in zip(shapes, seeds, strict=True)]


CONCEPT = (
    "He's initialisation: draw each weight from a normal distribution of mean 0 whose "
    "variance keeps a ReLU layer's signal the same size from layer to layer; ReLU passes only "
    "half of its inputs, so the variance is twice what a linear unit would need, and it is "
    "counted over the inputs each unit sums (draw from the generator rng you are given)."
)


def _draw(rng, method, *args, size):
    return getattr(copy.deepcopy(rng), method)(*args, size=size)


def _he_init_hint(fan_in, fan_out, rng, got):
    shape = (fan_in, fan_out)
    if isinstance(got, Exception):
        return "draw the weights with rng.normal(0.0, std, size=(fan_in, fan_out))."
    if got.shape == shape[::-1] and got.shape != shape:
        return (
            f"the shape is transposed: W has one row per input and one column per unit, "
            f"(fan_in, fan_out) = {shape}, so that the layer computes X @ W."
        )
    if got.shape != shape:
        return f"W has one row per input and one column per unit: shape {shape}."
    if not got.any():
        return (
            "all-zero weights make every unit of a layer compute the same thing and receive "
            "the same gradient, so they stay the same: draw them at random."
        )
    reference = _draw(rng, "normal", 0.0, np.sqrt(2 / fan_in), size=shape)
    if np.allclose(got, reference, rtol=1e-6, atol=0):
        return (
            "the numbers are He's weights, but only to float32's precision: keep "
            "NumPy's float64 (drop the conversion to a smaller float type)."
        )
    alternatives = {
        np.sqrt(1 / fan_in): "that is variance 1 / fan_in, right for a unit close to the "
        "identity (tanh); ReLU outputs 0 for half of its inputs, so He doubles the variance "
        "to 2 / fan_in.",
        2 / fan_in: "rng.normal takes the standard deviation, not the variance: "
        "np.sqrt(2 / fan_in).",
        np.sqrt(2 / fan_out): "use fan_in, the number of inputs each unit sums, not fan_out.",
        np.sqrt(2 / (fan_in + fan_out)): "that is Xavier's variance, 2 / (fan_in + fan_out); "
        "He's for ReLU is 2 / fan_in.",
    }
    for std, advice in alternatives.items():
        if np.allclose(got, _draw(rng, "normal", 0.0, std, size=shape), rtol=1e-9, atol=0):
            return advice
    bound = np.sqrt(6 / fan_in)
    if np.allclose(got, _draw(rng, "uniform", -bound, bound, size=shape), rtol=1e-9, atol=0):
        return (
            "that is He's uniform form, with the right variance; this exercise asks for the "
            "normal draw, rng.normal(0.0, std, size=...), so that the numbers can be compared."
        )
    spread = float(np.std(got))
    if got.size >= 1000 and abs(spread / np.sqrt(2 / fan_in) - 1) < 0.05:
        return (
            "the spread is right but the numbers are not the ones rng draws: draw from the "
            "generator you are given, not np.random, in one call "
            "rng.normal(0.0, std, size=(fan_in, fan_out)) (not in another shape, then "
            "transposed), so that the same seed gives the same weights."
        )
    return f"{CONCEPT} Your weights have standard deviation {spread:.3g}."


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def he_init(fan_in, fan_out, rng):\n    {body}\n", hint, **kw)


SHAPE = "size=(fan_in, fan_out)"
MISTAKES = (
    _mistake(f"return rng.normal(0.0, np.sqrt(1 / fan_in), {SHAPE})", "He doubles the variance",
             nbgrader=True),
    _mistake(f"return rng.normal(0.0, 2 / fan_in, {SHAPE})", "not the variance"),
    _mistake(f"return rng.normal(0.0, np.sqrt(2 / fan_out), {SHAPE})", "not fan_out"),
    _mistake(f"return rng.normal(0.0, np.sqrt(2 / (fan_in + fan_out)), {SHAPE})",
             "Xavier's variance"),
    _mistake("return rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_out, fan_in))",
             "the shape is transposed"),
    _mistake(f"return np.random.normal(0.0, np.sqrt(2 / fan_in), {SHAPE})",
             "not np.random"),
    _mistake(f"a = np.sqrt(6 / fan_in)\n    return rng.uniform(-a, a, {SHAPE})",
             "He's uniform form"),
    _mistake("return np.zeros((fan_in, fan_out))", "draw them at random"),
    _mistake(f"return rng.normal(0.0, np.sqrt(2 / fan_in), {SHAPE}).astype(np.float32)",
             "keep NumPy's float64"),
    _mistake("return np.sqrt(2 / fan_in) * rng.standard_normal((fan_out, fan_in)).T",
             "then transposed"),
    _mistake(f"return rng.normal(0.0, np.sqrt(2) / fan_in, {SHAPE})",
             "keeps a ReLU layer's signal the same size"),
)  # fmt: skip

RIGHT = (
    "def he_init(fan_in, fan_out, rng):\n"
    "    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)\n",
    "def he_init(fan_in, fan_out, rng):\n"
    "    std = np.sqrt(2.0) / np.sqrt(fan_in)\n"
    "    return rng.normal(scale=std, size=(fan_in, fan_out))\n",
)


@exercise(
    reference=_he_init_reference,
    mistakes=MISTAKES,
    cases=_he_init_cases,
    fresh=_he_init_fresh,
    concept=CONCEPT,
    answer="rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))",
    right_answers=RIGHT,
    forbidden=("nn", "experiments"),
)
def he_init(candidate: Any, cases: list) -> CheckResult:
    """Check ``he_init(fan_in, fan_out, rng)``: weights of shape (fan_in, fan_out) drawn with
    ``rng.normal(0.0, np.sqrt(2 / fan_in), ...)``, He's initialisation for ReLU layers."""
    return check_function(
        candidate,
        _he_init_reference,
        cases,
        name="he_init",
        rtol=1e-9,
        atol=0.0,
        hint=_he_init_hint,
    )
