"""Checkers for the code exercises of chapter 7, Dying ReLU, Leaky ReLU and PReLU.

``dead_fraction(fn)`` checks a dead-unit counter: the learner's ``dead_fraction(A)`` takes the
outputs ``A`` of one ReLU layer on a data set (one row per example, one column per unit) and
must return the share of its units that output exactly 0 on every example, a float between 0
and 1. A wrong answer gets a hint naming the likely mistake: the share of zero outputs (the
layer's sparsity) instead of the share of dead units, rows and columns swapped, a count instead
of a share, "zero on some example" instead of "on every example", a small threshold instead of
exactly 0.

>>> import numpy as np
>>> bool(dead_fraction(lambda A: np.mean(np.all(A == 0, axis=0))))
True
>>> print(dead_fraction(lambda A: np.mean(A == 0)))  # doctest: +ELLIPSIS
✗ dead_fraction failed case 1 of 6:
...
  Hint: that is the share of outputs that are 0 (the layer's sparsity)...
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import CheckResult, check_function
from .registry import Mistake, exercise

__all__ = ["dead_fraction"]


def _dead_fraction_reference(A):
    return np.mean(np.all(A == 0, axis=0))


def _layers(rng, shapes) -> list[tuple]:
    """ReLU outputs with dead columns, and columns that look dead to a careless counter."""
    cases = []
    for n, units, dead in shapes:
        A = np.maximum(rng.normal(size=(n, units)), 0.0)
        A[:, :dead] = 0.0
        live = np.arange(dead, units)
        if live.size:  # a live unit that is 0 on all examples but one, with a tiny output there
            A[:, live[0]] = 0.0
            A[rng.integers(n), live[0]] = 1e-9
        if live.size > 1:  # and one that is 0 on no example: never silent
            A[:, live[-1]] = rng.uniform(0.5, 2.0, size=n)
        cases.append((A,))
    # A whole example of zeros (a row), with no dead unit: counted over rows, it looks dead.
    A = np.maximum(rng.normal(size=(5, 4)), 0.0) + 0.1
    A[2] = 0.0
    cases.append((A,))
    return cases


def _dead_fraction_cases() -> list[tuple]:
    # (examples, units, dead units): more examples than units first, so that a counter over the
    # wrong axis gets a different share; the last layers have none dead, or all.
    shapes = [(6, 4, 1), (5, 8, 3), (3, 5, 2), (7, 3, 0), (4, 6, 6)]
    return _layers(np.random.default_rng(7), shapes)


def _dead_fraction_fresh(rng) -> list[tuple]:
    shapes = [(7, 5, 2), (int(rng.integers(3, 9)), int(rng.integers(4, 9)), 1)]
    shapes += [(int(rng.integers(2, 8)), int(rng.integers(2, 7)), 0), (5, 4, 4)]
    shapes[1] = (shapes[1][0], shapes[1][1], int(rng.integers(1, shapes[1][1])))
    return _layers(rng, shapes)


CONCEPT = (
    "a unit is dead when it outputs exactly 0 on every example of the data set: look at each "
    "unit (a column of A) over all the examples (the rows), and report the share of the "
    "layer's units that are dead, a number from 0 to 1."
)


def _dead_fraction_hint(A, got):
    if isinstance(got, Exception):
        return "A is an array (examples x units); a dead unit is a column of zeros."
    if got.shape != ():
        return (
            "return one number, the share of the layer's units that are dead: reduce the "
            "per-unit answer with np.mean."
        )
    dead = np.all(A == 0, axis=0)
    value = float(got)
    if np.isclose(value, np.mean(A == 0)):
        return (
            "that is the share of outputs that are 0 (the layer's sparsity); a unit is dead "
            "only if its whole column is 0, on every example."
        )
    if np.isclose(value, np.mean(np.all(A == 0, axis=1))):
        return "rows are examples and columns are units: reduce over the examples, axis=0."
    if np.isclose(value, dead.sum()) and dead.sum() != dead.mean():
        return "that is how many units are dead; return the share, a number from 0 to 1."
    if np.isclose(value, np.mean(np.any(A == 0, axis=0))):
        return (
            "a unit that outputs 0 on some examples is only off there; dead means 0 on every "
            "example (np.all, not np.any)."
        )
    if np.isclose(value, np.mean(np.all(A < 1e-6, axis=0))) or np.isclose(
        value, np.mean(A.mean(axis=0) < 1e-3)
    ):
        return (
            "count a unit as dead only when its outputs are exactly 0: a tiny output still "
            "passes a gradient (ReLU's slope is 1 there)."
        )
    return CONCEPT


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def dead_fraction(A):\n    {body}\n", hint, **kw)


MISTAKES = (
    _mistake("return np.mean(A == 0)  # the sparsity", "the layer's sparsity", nbgrader=True),
    _mistake("return np.mean(np.all(A == 0, axis=1))", "reduce over the examples, axis=0"),
    _mistake("return np.sum(np.all(A == 0, axis=0))", "how many units are dead"),
    _mistake("return np.mean(np.any(A == 0, axis=0))", "np.all, not np.any"),
    _mistake("return np.mean(np.all(A < 1e-6, axis=0))", "exactly 0"),
    _mistake("return np.mean(A.mean(axis=0) < 1e-3)", "exactly 0"),
    _mistake("return np.all(A == 0, axis=0).astype(float)", "return one number"),
    # Right on the chapter's first cases only: the later layers must catch it.
    _mistake("return 0.25", "a unit is dead when it outputs exactly 0 on every example"),
)  # fmt: skip

RIGHT_ANSWERS = (
    "def dead_fraction(A):\n    return np.mean(A.max(axis=0) == 0)\n",
    "def dead_fraction(A):\n    return float(np.sum(~A.any(axis=0)) / A.shape[1])\n",
    "def dead_fraction(A):\n    return np.float32(np.mean(np.all(A == 0, axis=0)))\n",
)


@exercise(
    reference=_dead_fraction_reference,
    mistakes=MISTAKES,
    cases=_dead_fraction_cases,
    fresh=_dead_fraction_fresh,
    concept=CONCEPT,
    answer="np.mean(np.all(A == 0, axis=0))",
    right_answers=RIGHT_ANSWERS,
    forbidden=("experiments",),
)
def dead_fraction(candidate: Any, cases: list) -> CheckResult:
    """Check ``dead_fraction(A)``: the share of the units (columns of ``A``, a ReLU layer's
    outputs, one row per example) whose output is exactly 0 on every example."""
    return check_function(
        candidate,
        _dead_fraction_reference,
        cases,
        name="dead_fraction",
        hint=_dead_fraction_hint,
    )
