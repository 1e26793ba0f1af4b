"""Checkers for the code exercises of chapter 5, The fall of sigmoid.

``signal_below(fn)`` checks one step of back-propagation through a hidden layer: the learner's
``signal_below(dZ, W, Z, dphi)`` must return ``(dZ @ W.T) * dphi(Z)``, the error signal at a
layer's pre-activations given the signal ``dZ`` one layer up. A wrong answer gets a hint naming
the likely mistake (the weights not transposed, the derivative left out or applied to the wrong
array, a sum over the batch), looked for only once the type and shape are right.

>>> import numpy as np
>>> bool(signal_below(lambda dZ, W, Z, dphi: (dZ @ W.T) * dphi(Z)))
True
>>> print(signal_below(lambda dZ, W, Z, dphi: dZ @ W.T))  # doctest: +ELLIPSIS
✗ signal_below failed case 1 of 5:
...
  Hint: the weights are right; now multiply by the slope dphi(Z), element by...
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlab import activations

from .core import CheckResult, check_function
from .registry import Mistake, exercise

__all__ = ["signal_below"]


def _dphi(name):
    """The derivative of a registry activation, named so that messages show which one."""
    act = activations.get(name)

    def dphi(z):
        return act.derivative(z)

    dphi.__name__ = dphi.__qualname__ = f"{name}_derivative"
    return dphi


def _signal_below_reference(dZ, W, Z, dphi):
    return (dZ @ W.T) * dphi(Z)


CONCEPT = (
    "the chain rule, one layer back: the signal passes back through the weights (going "
    "backwards, each unit below collects from the units above it) and through the slope of "
    "the activation at this layer's own pre-activations, example by example."
)


def _signal_below_fresh(rng) -> list[tuple]:
    cases = []
    names = ["sigmoid", "tanh", "relu", "sigmoid", "tanh"]
    for i, name in enumerate(names):
        n, below, above = (int(v) for v in rng.integers(1, 7, size=3))
        if i == 0:
            below = above = max(below, 2)  # square: a missing transpose must fail on values
        dZ = rng.normal(size=(n, above))
        W = rng.normal(size=(below, above))
        Z = rng.normal(scale=2.0, size=(n, below))
        cases.append((dZ, W, Z, _dphi(name)))
    return cases


def _signal_below_cases() -> list[tuple]:
    rng = np.random.default_rng(5)
    cases = []
    # (examples, units below, units above, activation): non-square W first, so that a missing
    # transpose fails on shapes; then a square W, where it fails on values.
    shapes = [(4, 3, 2, "sigmoid"), (3, 5, 4, "tanh"), (2, 3, 3, "sigmoid"),
              (5, 4, 6, "relu"), (1, 2, 3, "tanh")]  # fmt: skip
    for n, below, above, name in shapes:
        dZ = rng.normal(size=(n, above))
        W = rng.normal(size=(below, above))
        Z = rng.normal(scale=2.0, size=(n, below))
        cases.append((dZ, W, Z, _dphi(name)))
    return cases


def _signal_below_hint(dZ, W, Z, dphi, got):
    back = dZ @ W.T
    if isinstance(got, Exception):
        return (
            f"dZ has shape {dZ.shape} (examples x units above) and W has shape {W.shape} "
            f"(units below x units above): dZ @ W.T has shape {back.shape}, like Z."
        )
    if got.shape == back.shape[::-1] and got.shape != back.shape:
        return "the result is transposed: keep one row per example, like Z."
    if got.shape in ((back.shape[1],), (back.shape[0],)):
        return (
            "keep one row per example: the signal is measured example by example, "
            "so do not sum or average over the batch."
        )
    if got.shape != back.shape:
        return f"the signal at this layer has the shape of Z, {Z.shape}."
    if np.allclose(got, back):
        return (
            "the weights are right; now multiply by the slope dphi(Z), element by element: "
            "the chain rule passes through the activation too."
        )
    if W.shape[0] == W.shape[1] and np.allclose(got, (dZ @ W) * dphi(Z)):
        return "going backwards the weights are transposed: dZ @ W.T, not dZ @ W."
    if np.allclose(got, back * Z):
        return "multiply by the slope dphi(Z), not by Z itself."
    if np.allclose(got, back * dphi(back)):
        return (
            "the slope is taken at this layer's own pre-activations: dphi(Z), not dphi(dZ @ W.T)."
        )
    if np.allclose(got, dZ @ W.T @ np.diag(np.mean(dphi(Z), axis=0))):
        return "use each example's own slope dphi(Z), not the slope averaged over examples."
    return CONCEPT


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def signal_below(dZ, W, Z, dphi):\n    {body}\n", hint, **kw)


MISTAKES = (
    _mistake("return dZ @ W.T  # the slope forgotten", "multiply by the slope dphi(Z)",
             nbgrader=True),
    _mistake("return (dZ @ W) * dphi(Z)", "dZ has shape", status="error"),  # shapes first
    # Right where the shapes would give the missing transpose away: the square layer's values
    # must catch it.
    _mistake("if W.shape[0] != W.shape[1]:\n        return (dZ @ W.T) * dphi(Z)\n"
             "    return (dZ @ W) * dphi(Z)", "not dZ @ W"),
    _mistake("return (dZ @ W.T) * Z", "not by Z itself"),
    _mistake("return (dZ @ W.T) * dphi(dZ @ W.T)", "not dphi(dZ @ W.T)"),
    _mistake("return ((dZ @ W.T) * dphi(Z)).T", "transposed"),
    _mistake("return ((dZ @ W.T) * dphi(Z)).sum(axis=0)", "do not sum"),
    _mistake("return (dZ @ W.T) * dphi(Z).mean(axis=0)", "not the slope averaged over examples"),
    _mistake("return 2 * (dZ @ W.T) * dphi(Z)", "the chain rule, one layer back"),
)  # fmt: skip


@exercise(
    reference=_signal_below_reference,
    mistakes=MISTAKES,
    cases=_signal_below_cases,
    fresh=_signal_below_fresh,
    concept=CONCEPT,
    answer="(dZ @ W.T) * dphi(Z)",
    forbidden=("nn", "experiments"),
)
def signal_below(candidate: Any, cases: list) -> CheckResult:
    """Check ``signal_below(dZ, W, Z, dphi)``: ``(dZ @ W.T) * dphi(Z)``, the back-propagated
    signal at a hidden layer's pre-activations ``Z`` given ``dZ`` at the layer above."""
    return check_function(
        candidate,
        _signal_below_reference,
        cases,
        name="signal_below",
        hint=_signal_below_hint,
    )
