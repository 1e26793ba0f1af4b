"""Checkers for the code exercise of chapter 2, The step function.

``perceptron_update(fn)`` checks Rosenblatt's rule for one example, written with the bias folded
into the weights: ``x`` ends with a constant 1 and ``w[-1]`` is the bias. The unit answers
``y_hat = step(w @ x)`` (0 at ``w @ x == 0``, as :func:`actlab.activations.step` does) and the
rule returns ``w + lr * (y - y_hat) * x``: no change when the answer is right. A wrong answer
gets a hint naming the likely mistake (the sign reversed, the weighted sum or the sigmoid used in
place of the unit's answer, the bias updated a second time, ``np.heaviside(z, 0.5)``'s 0.5 at
``z == 0``, the change returned in place of the new weights, ...).

>>> import numpy as np
>>> def update(w, x, y, lr):
...     y_hat = float(w @ x > 0)
...     return w + lr * (y - y_hat) * x
>>> bool(perceptron_update(update))
True
>>> print(perceptron_update(lambda w, x, y, lr: w - lr * (y - float(w @ x > 0)) * x))
... # doctest: +ELLIPSIS
✗ perceptron_update failed case 2 of 6:
...
  Hint: the sign is reversed: move w towards x when the answer was too low (y = 1,
    y_hat = 0), and away from it when it was too high.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlab import activations

from .core import CheckResult, check_function
from .registry import Mistake, exercise

__all__ = ["perceptron_update"]

_step = activations.get("step")
_sigmoid = activations.get("sigmoid")


def _update_reference(w, x, y, lr):
    y_hat = _step(w @ x)
    return w + lr * (y - y_hat) * x


def _update_cases() -> list[tuple]:
    a = np.array
    return [
        (a([0.5, 0.5, -0.2]), a([1.0, 0.0, 1.0]), 1, 1.0),  # right answer: no change
        (a([0.5, -1.0, -0.2]), a([0.0, 1.0, 1.0]), 1, 1.0),  # said 0, should say 1
        (a([1.0, 0.5, 0.5]), a([1.0, 1.0, 1.0]), 0, 0.5),  # said 1, should say 0
        (a([0.0, 0.0, 0.0]), a([1.0, 1.0, 1.0]), 1, 0.1),  # z = 0 exactly: the unit says 0
        (a([0.3, -0.4, 0.1, 0.0]), a([2.0, 1.0, -1.0, 1.0]), 0, 0.25),
        (a([-0.5, 0.2, 0.4]), a([1.0, -2.0, 1.0]), 1, 0.1),
    ]


CONCEPT = (
    "the perceptron compares its answer, 0 or 1, with the label: when they agree nothing "
    "changes; when it said 0 for a 1 it moves the weights towards the input, and when it said "
    "1 for a 0 away from it, by the learning rate times the input."
)


def _update_fresh(rng) -> list[tuple]:
    cases = []
    for i in range(6):
        n = int(rng.integers(2, 6))
        x = np.append(rng.integers(-2, 3, size=n - 1).astype(float), 1.0)
        w = np.round(rng.normal(size=n), 2)
        if i == 0:
            w = np.zeros(n)  # w @ x == 0 exactly: the unit says 0
        y = int(rng.integers(0, 2)) if i else 1
        cases.append((w, x, y, float(rng.choice([0.1, 0.25, 0.5, 1.0]))))
    # at least one case whose answer is wrong in each direction, and one that is right
    for y_want in (0, 1):
        w = np.round(rng.normal(size=3), 2)
        x = np.array([1.0, -1.0, 1.0])
        cases.append((w, x, 1 - int(_step(w @ x)) if y_want else int(_step(w @ x)), 0.5))
    return cases


def _update_hint(w, x, y, lr, got):
    if isinstance(got, Exception):
        return "w and x are vectors of the same length; w @ x is the weighted sum."
    if got.shape != np.shape(w):
        return f"return the new weight vector, shape {np.shape(w)}, the same as w."
    y_hat = _step(w @ x)
    z = w @ x
    if np.allclose(got, w - lr * (y - y_hat) * x):
        return (
            "the sign is reversed: move w towards x when the answer was too low "
            "(y = 1, y_hat = 0), and away from it when it was too high."
        )
    if np.allclose(got, lr * (y - y_hat) * x):
        return "that is the change; return the new weights, w plus the change."
    if lr != 1 and np.allclose(got, w + (y - y_hat) * x):
        return "multiply the change by the learning rate lr."
    if np.allclose(got, w + lr * (y - z) * x) and not np.allclose(z, y_hat):
        return (
            "that uses the weighted sum w @ x in place of the unit's answer: the perceptron "
            "compares the label with y_hat = step(w @ x), which is 0 or 1."
        )
    if y != y_hat and np.allclose(got, w + lr * (y - y_hat) * (x + np.eye(len(x))[-1])):
        return (
            "the bias was changed twice: it is already the last entry of w, and x ends with "
            "a 1, so the one update of w changes it too. Do not add a separate bias step."
        )
    if z == 0 and np.allclose(got, w + lr * (y - 0.5) * x):
        return (
            "at w @ x == 0 exactly the unit answered 0.5, as np.heaviside(z, 0.5) does: its "
            "second argument is the value at 0, and the course's step gives 0 there "
            "(np.heaviside(z, 0))."
        )
    if np.allclose(got, w + lr * (y - _sigmoid(z)) * x) and not np.allclose(got, w):
        return (
            "that uses the sigmoid, a number between 0 and 1, as the unit's answer: the "
            "perceptron's unit is a threshold unit, whose answer is exactly 0 or 1 (use step)."
        )
    if z == 0 and np.allclose(got, w + lr * (y - 1.0) * x):
        return "at w @ x == 0 exactly the unit answers 0: step(0) = 0, so use w @ x > 0."
    if y == y_hat and np.allclose(got, w + lr * y * x) and y != 0:
        return "when the answer is already right (y == y_hat) the rule changes nothing."
    return CONCEPT


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def perceptron_update(w, x, y, lr):\n    {body}\n", hint, **kw)


# The chapter's answer cell may use ``step``, defined in its imports cell.
MISTAKES = (
    _mistake("return w - lr * (y - step(w @ x)) * x  # sign reversed", "sign is reversed",
             nbgrader=True),
    _mistake("return lr * (y - step(w @ x)) * x", "that is the change"),
    _mistake("return w + (y - step(w @ x)) * x", "learning rate lr"),
    _mistake("return w + lr * (y - w @ x) * x  # the delta rule", "uses the weighted sum"),
    _mistake("return w + lr * (y - float(w @ x >= 0)) * x", "step(0) = 0"),
    _mistake("w = w + lr * (y - step(w @ x)) * x\n"
             "    w[-1] = w[-1] + lr * (y - step(w @ x))  # the bias again\n"
             "    return w", "bias was changed twice"),
    _mistake("y_hat = 1 if w @ x > 0 else 0\n"
             "    new = w + lr * (y - y_hat) * x\n"
             "    new[-1] += lr * (y - y_hat)  # the bias again\n"
             "    return new", "bias was changed twice"),
    _mistake("return w + lr * (y - sigmoid(w @ x)) * x", "uses the sigmoid"),
    _mistake("return w + lr * (y - np.heaviside(w @ x, 0.5)) * x", "np.heaviside(z, 0.5)"),
    _mistake("return w + lr * y * x", "changes nothing"),
    _mistake("return float(w @ x)", "new weight vector"),
)  # fmt: skip


@exercise(
    reference=_update_reference,
    mistakes=MISTAKES,
    cases=_update_cases,
    fresh=_update_fresh,
    concept=CONCEPT,
    answer="w + lr * (y - step(w @ x)) * x",
    namespace={"step": _step, "sigmoid": _sigmoid},  # both in the chapter's imports cell
    right_answers=(
        "def perceptron_update(w, x, y, lr):\n"
        "    y_hat = 1.0 if w @ x > 0 else 0.0\n"
        "    return w + lr * (y - y_hat) * x\n",
        "def perceptron_update(w, x, y, lr):\n    return w + lr * (y - step(w @ x)) * x\n",
    ),
)
def perceptron_update(candidate: Any, cases: list) -> CheckResult:
    """Check ``perceptron_update(w, x, y, lr)``: Rosenblatt's rule for one example, bias folded
    into ``w`` (``x`` ends with 1), the new weights ``w + lr * (y - step(w @ x)) * x``."""
    return check_function(
        candidate,
        _update_reference,
        cases,
        name="perceptron_update",
        hint=_update_hint,
    )
