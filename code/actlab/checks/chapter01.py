"""Checkers for the code exercises of chapter 1, What an activation function does.

One checker per exercise: ``neuron(fn)``, ``layer(fn)`` and ``output_floor(fn)``. Each compares
the learner's function with a reference solution on a few cases. An untouched stub gets "not
attempted yet"; an answer of the wrong type (text, a bool, a list) is refused with a message; a
wrong shape or value gets a hint that names the likely mistake (a missing bias, a transposed
result, a sum instead of a mean, ...), looked for only once the type and shape are right.

>>> result = neuron(lambda x, w, b, phi: phi(w @ x + b))
>>> bool(result), result.status
(True, 'passed')
>>> print(neuron(lambda x, w, b, phi: phi(w @ x)))  # doctest: +ELLIPSIS
✗ neuron failed case 2 of 6:
...
  Hint: the bias b is missing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from actlab import activations

from .core import CheckResult, check_function
from .registry import Mistake, exercise

__all__ = ["neuron", "layer", "output_floor"]


# The activations the cases use, from the course's registry (their names appear in messages).
_relu, _sigmoid, _tanh, _identity = map(activations.get, ("relu", "sigmoid", "tanh", "linear"))


def _neuron_reference(x, w, b, phi):
    return phi(w @ x + b)


def _neuron_cases() -> list[tuple]:
    a = np.array
    return [
        (a([1.0, 2.0]), a([0.5, 0.25]), 0.0, _identity),
        (a([1.0, 2.0]), a([0.5, 0.25]), 1.0, _identity),
        (a([1.0, -1.0, 2.0]), a([1.0, 0.5, 1.0]), -0.5, _tanh),
        (a([2.0, 1.0, 0.0]), a([-1.0, 0.5, 3.0]), 0.5, _sigmoid),
        (a([1.0, 2.0, 3.0]), a([-1.0, -1.0, 0.5]), 0.5, _relu),
        (a([1.0, 2.0, 3.0]), a([1.0, 1.0, 0.5]), 0.5, _relu),
    ]


NEURON_CONCEPT = (
    "a neuron adds up its inputs, each times its weight, adds its bias, and passes that one "
    "number through its activation."
)


def _neuron_fresh(rng) -> list[tuple]:
    cases = []
    for phi in (_identity, _tanh, _sigmoid, _relu, _identity):
        n = int(rng.integers(2, 6))
        cases.append((rng.normal(size=n), rng.normal(size=n), float(rng.normal()), phi))
    return cases


def _neuron_hint(x, w, b, phi, got):
    if isinstance(got, Exception):
        return "x and w are vectors of the same length; w @ x is their weighted sum."
    if got.shape == np.shape(x):
        return "w * x multiplies element by element; w @ x (or np.dot) sums the products."
    if got.shape != ():
        return "a neuron's output is one number: w @ x is already a single sum."
    z = w @ x + b
    if np.isclose(got, z) and not np.isclose(z, phi(z)):
        return "the weighted sum is right; apply the activation phi to it."
    if b != 0 and np.isclose(got, phi(w @ x - b)):
        return "the bias is added, not subtracted."
    if b != 0 and np.isclose(got, phi(w @ x) + b):
        return "the bias goes inside the activation: add it before applying phi, not after."
    if b != 0 and np.isclose(got, phi(w @ x)):
        return "the bias b is missing."
    if np.isclose(got, w @ phi(x) + b):
        return "apply phi once, to the weighted sum, not to each input."
    return NEURON_CONCEPT


def _neuron_mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def neuron(x, w, b, phi):\n    return {body}\n", hint, **kw)


NEURON_MISTAKES = (
    _neuron_mistake("w @ x + b  # no activation", "apply the activation"),
    _neuron_mistake("phi(w @ x)  # bias forgotten", "bias b is missing", case=2),
    _neuron_mistake("phi(w * x + b)", "element by element"),
    _neuron_mistake("phi(w @ x - b)", "added, not subtracted"),
    _neuron_mistake("phi(w @ x) + b", "inside the activation"),
    _neuron_mistake("w @ phi(x) + b", "not to each input"),
    _neuron_mistake("np.full(5, phi(w @ x + b))", "one number"),
    _neuron_mistake("phi(w @ x + b) + 0.1", "adds its bias, and passes", case=1),
)


@exercise(
    reference=_neuron_reference,
    mistakes=NEURON_MISTAKES,
    cases=_neuron_cases,
    fresh=_neuron_fresh,
    concept=NEURON_CONCEPT,
    answer="phi(w @ x + b)",
    forbidden=("nn",),
    right_answers=tuple(
        f"def neuron(x, w, b, phi):\n    return {body}\n"
        for body in (
            "float(phi(w @ x + b))",
            "np.float32(phi(w @ x + b))",
            "np.asarray(phi(w @ x + b))",
            "phi(np.dot(w, x) + b)",
        )
    ),  # fmt: skip
)
def neuron(candidate: Any, cases: list) -> CheckResult:
    """Check ``neuron(x, w, b, phi)``, one neuron: ``phi(w @ x + b)`` for a vector ``x``."""
    return check_function(candidate, _neuron_reference, cases, name="neuron", hint=_neuron_hint)


def _layer_reference(X, W, b, phi):
    return phi(X @ W + b)


def _layer_cases() -> list[tuple]:
    rng = np.random.default_rng(2)
    return [
        (np.eye(2), np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.zeros(3), _identity),
        (rng.normal(size=(4, 2)), rng.normal(size=(2, 3)), rng.normal(size=3), _identity),
        (rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4), _tanh),
        (rng.normal(size=(1, 2)), rng.normal(size=(2, 1)), rng.normal(size=1), _sigmoid),
        (rng.normal(size=(6, 2)), rng.normal(size=(2, 5)), rng.normal(size=5), _relu),
    ]


LAYER_CONCEPT = (
    "a layer is one neuron per column of W, computed for every example (row of X) at once: "
    "a matrix product does all the weighted sums, and each unit's bias is added to every row."
)


def _layer_fresh(rng) -> list[tuple]:
    cases = []
    for phi in (_identity, _tanh, _sigmoid, _relu, _tanh):
        n, d, k = (int(v) for v in rng.integers(1, 7, size=3))
        cases.append((rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=k), phi))
    return cases


def _layer_hint(X, W, b, phi, got):
    Z = X @ W + b
    if isinstance(got, Exception):
        return (
            f"X has shape {X.shape} (examples x inputs) and W has shape {W.shape} "
            f"(inputs x neurons), so X @ W + b has shape {Z.shape}."
        )
    if got.shape == Z.shape[::-1] and got.shape != Z.shape:
        return "the result is transposed: X has one row per example, so use X @ W (not W.T @ X.T)."
    if got.shape != Z.shape:
        return (
            f"with X of shape {X.shape} (examples x inputs) and W of shape {W.shape} "
            f"(inputs x neurons), X @ W + b has shape {Z.shape}: one row per example."
        )
    if np.allclose(got, Z) and not np.allclose(Z, phi(Z)):
        return "the weighted sums are right; apply the activation phi to them."
    if np.any(b != 0) and np.allclose(got, phi(X @ W - b)):
        return "the bias is added, not subtracted."
    if np.any(b != 0) and np.allclose(got, phi(X @ W) + b):
        return "the bias goes inside the activation: add it before applying phi, not after."
    if np.any(b != 0) and np.allclose(got, phi(X @ W)):
        return "the bias b is missing: add it to every row."
    return LAYER_CONCEPT


def _layer_mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def layer(X, W, b, phi):\n    return {body}\n", hint, **kw)


LAYER_MISTAKES = (
    _layer_mistake("phi(X @ W)  # bias forgotten", "bias b is missing", case=2, nbgrader=True),
    _layer_mistake("X @ W + b", "apply the activation"),
    _layer_mistake("phi(X @ W - b)", "added, not subtracted"),
    _layer_mistake("phi(X @ W) + b", "inside the activation"),
    _layer_mistake("phi(X @ W + b).T", ("expected shape (2, 3), got shape (3, 2)", "transposed")),
    _layer_mistake("phi(X @ W + b).sum(axis=1)", "one row per example"),
    _layer_mistake("phi(X @ W + b) * 1.5", "bias is added to every row"),
    _layer_mistake(
        "W @ X + b", ("raised ValueError on case 1", "X @ W + b has shape (2, 3)"), status="error"
    ),
)


@exercise(
    reference=_layer_reference,
    mistakes=LAYER_MISTAKES,
    cases=_layer_cases,
    fresh=_layer_fresh,
    concept=LAYER_CONCEPT,
    answer="phi(X @ W + b)",
    forbidden=("nn",),
    right_answers=("def layer(X, W, b, phi):\n    Z = X @ W + b\n    return phi(Z)\n",),
)
def layer(candidate: Any, cases: list) -> CheckResult:
    """Check ``layer(X, W, b, phi)``: a layer of neurons on a batch, ``phi(X @ W + b)``."""
    return check_function(candidate, _layer_reference, cases, name="layer", hint=_layer_hint)


def _output_floor_reference(y, low, high):
    return np.mean((y - np.clip(y, low, high)) ** 2)


def _output_floor_cases() -> list[tuple]:
    a = np.array
    # The first case has a floor that no common wrong formula matches (not 0, not the mean of
    # the absolute gaps, not their sum, not the variance of y).
    return [
        (a([-2.0, 0.5, 2.5]), 0.0, 1.0),
        (a([0.25, 0.5, 0.75]), 0.0, 1.0),
        (a([-3.0, -0.5, 0.0, 0.5, 3.0]), -1.0, 1.0),
        (a([-2.0, -1.0, 1.0, 2.0]), 0.0, np.inf),
        (np.linspace(-2.0, 2.0, 9), -0.5, 1.5),
    ]


FLOOR_CONCEPT = (
    "a model whose outputs lie in [low, high] can match a target inside the range exactly; "
    "for one outside, the best it can do is the nearest end of the range. The floor is the "
    "mean squared error that is left."
)


def _output_floor_fresh(rng) -> list[tuple]:
    cases = []
    for _ in range(5):
        low = float(np.round(rng.uniform(-2.0, 0.5), 2))
        high = low + float(np.round(rng.uniform(0.5, 2.5), 2))
        y = rng.normal(loc=(low + high) / 2, scale=2.0, size=int(rng.integers(4, 12)))
        cases.append((y, low, high))
    return cases


def _output_floor_hint(y, low, high, got):
    nearest = np.clip(y, low, high)
    gap = y - nearest
    if got.shape == np.shape(y) and np.allclose(got, nearest):
        return (
            "np.clip(y, low, high) is the nearest output the model can give; the floor is the "
            "mean of the squared distances from y to it."
        )
    if got.shape == np.shape(y):
        return "average over the examples: the floor is one number, the mean of the squared gaps."
    if got.shape != ():
        return "the floor is one number: the mean over all examples of the squared gaps."
    if np.isclose(got, np.mean(np.abs(gap))):
        return "square each gap before averaging (a mean *squared* error)."
    if np.isclose(got, np.sqrt(np.mean(gap**2))):
        return "no square root: the floor is a mean squared error, not its root."
    if np.isclose(got, np.sum(gap**2)):
        return "take the mean of the squared gaps, not their sum."
    if np.any(gap != 0) and np.isclose(got, np.mean(gap[gap != 0] ** 2)):
        return (
            "average over every example: a target inside [low, high] counts too, with a gap of 0."
        )
    if np.isclose(got, np.var(y)):
        return (
            "that is the variance of y, the error of the best *constant*; the model can give any "
            "value in [low, high], so only the part of each target outside the range is lost."
        )
    if (low, high) != (0.0, 1.0) and np.isclose(got, np.mean((y - np.clip(y, 0, 1)) ** 2)):
        return "use the bounds low and high you are given, not 0 and 1."
    return FLOOR_CONCEPT


def _floor_mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def output_floor(y, low, high):\n    {body}\n", hint, **kw)


_GAP = "gap = y - np.clip(y, low, high)\n    return "
# The first seven fail the first case already: its floor is not 0 and matches none of them, so a
# wrong answer cannot pass it by luck (as it could when the first answer was 0).
OUTPUT_FLOOR_MISTAKES = (
    _floor_mistake(
        "return np.mean((y - np.clip(y, 0.0, 1.0)) ** 2)  # always the sigmoid's range",
        "not 0 and 1",
        nbgrader=True,
    ),
    _floor_mistake(_GAP + "gap**2", "average over the examples", case=1),
    _floor_mistake("return np.clip(y, low, high)", "nearest output the model can give", case=1),
    _floor_mistake(_GAP + "np.mean(np.abs(gap))", "square each gap", case=1),
    _floor_mistake(_GAP + "np.sqrt(np.mean(gap**2))", "no square root", case=1),
    _floor_mistake(_GAP + "np.sum(gap**2)", "not their sum", case=1),
    _floor_mistake(
        _GAP + "np.mean(gap[gap != 0] ** 2)", "a target inside [low, high] counts too", case=1
    ),
    _floor_mistake("return np.var(y)", "variance of y", case=1),
    _floor_mistake("return np.mean((y - low) ** 2)", "nearest end of the range"),
    _floor_mistake("return 0.0", "nearest end of the range"),
)


@exercise(
    reference=_output_floor_reference,
    mistakes=OUTPUT_FLOOR_MISTAKES,
    cases=_output_floor_cases,
    fresh=_output_floor_fresh,
    concept=FLOOR_CONCEPT,
    answer="np.mean((y - np.clip(y, low, high)) ** 2)",
    forbidden=("experiments",),
)
def output_floor(candidate: Any, cases: list) -> CheckResult:
    """Check ``output_floor(y, low, high)``: the least mean squared error any model whose outputs
    lie in ``[low, high]`` can reach on targets ``y``."""
    return check_function(
        candidate,
        _output_floor_reference,
        cases,
        name="output_floor",
        hint=_output_floor_hint,
    )
