"""Checkers for the code exercises of chapter 3, The linear activation.

``collapsed_bias(fn)`` checks ``collapsed_bias(params)``: for a stack of linear layers, given as
the list of ``(W, b)`` pairs of :attr:`actlab.nn.MLP.params`, the bias of the single layer that
computes the same function. The weights of that layer are the product ``W_1 @ W_2 @ ... @ W_L``
(shown in the chapter); each bias ``b_i`` passes through the weights of the layers after it:

    b = (...((b_1 @ W_2 + b_2) @ W_3 + b_3) ...) @ W_L + b_L.

An untouched stub gets "not attempted yet"; an answer of the wrong type is refused; the hints
name the common mistakes (adding the biases without passing them through the later weights,
keeping only the last bias, forgetting it, multiplying in the wrong order).

>>> import numpy as np
>>> def reference(params):
...     b_total = np.zeros(params[0][0].shape[0])
...     for W, b in params:
...         b_total = b_total @ W + b
...     return b_total
>>> bool(collapsed_bias(reference))
True
>>> print(collapsed_bias(lambda params: sum(b for W, b in params)))  # doctest: +ELLIPSIS
✗ collapsed_bias failed case 2 of 5:
...
  Hint: ...pass through the weights of every layer after it...
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import CheckResult, check_function
from .messages import call_text
from .registry import Mistake, exercise

__all__ = ["collapsed_bias"]


def _reference(params):
    b_total = np.zeros(np.shape(params[0][0])[0])
    for W, b in params:
        b_total = b_total @ W + b
    return b_total


def _stack(rng, sizes):
    return [
        (rng.normal(size=(m, n)), rng.normal(size=n))
        for m, n in zip(sizes[:-1], sizes[1:], strict=True)
    ]


CONCEPT = (
    "follow a constant input through the stack: each layer multiplies what reaches it by its "
    "weights and adds its own bias, so an early bias is changed by every layer after it."
)


def _fresh(rng) -> list[tuple]:
    cases = [(_stack(rng, [2, 3, 3, 3]),)]  # square later layers: the order must be right
    for _ in range(4):
        depth = int(rng.integers(2, 5))
        cases.append((_stack(rng, [int(n) for n in rng.integers(1, 6, size=depth + 1)]),))
    return cases


def _cases() -> list[tuple]:
    rng = np.random.default_rng(3)

    def stack(sizes):
        return _stack(rng, sizes)

    one = [(np.array([[2.0, 0.0], [0.0, 3.0]]), np.array([1.0, -1.0]))]
    return [
        (one,),  # a single layer: its own bias
        (stack([2, 2, 2]),),  # square weights: shapes cannot reveal the order
        (stack([3, 4, 2]),),
        (stack([2, 5, 5, 5, 1]),),
        (stack([4, 3, 6, 3]),),
    ]


def _shown(params):
    """The call as the messages show it: a small ``params`` in full, a larger one by its layers'
    shapes (written out, four layers of weights fill thirty lines)."""
    if sum(np.size(W) + np.size(b) for W, b in params) <= 12:
        return call_text("collapsed_bias", ["params"], (params,))
    shapes = ", ".join(f"W {np.shape(W)} and b {np.shape(b)}" for W, b in params)
    layers = "1 layer" if len(params) == 1 else f"{len(params)} layers"
    return f"collapsed_bias(params), params with {layers}: {shapes}"


def _hint(params, got):
    if isinstance(got, Exception):
        return (
            "multiply in the order the data flow: a row vector of biases times the next "
            "layer's W (b @ W), then add that layer's b."
        )
    expected = _reference(params)
    if got.shape != expected.shape:
        outputs = "1 output" if expected.shape[0] == 1 else f"{expected.shape[0]} outputs"
        return (
            f"the collapsed layer has {outputs}, so its bias has shape "
            f"{expected.shape}: one entry per output of the last layer."
        )
    biases = [b for _, b in params]
    if all(b.shape == biases[0].shape for b in biases) and np.allclose(got, sum(biases)):
        return (
            "each bias must pass through the weights of every layer after it "
            "(b_1 @ W_2 @ ... @ W_L), not just be added."
        )
    if np.allclose(got, biases[-1]):
        return "the earlier biases count too: each goes through the layers after it."
    if np.allclose(got, expected - biases[-1]):
        return "add the last layer's bias b_L at the end."
    if all(W.shape[0] == W.shape[1] for W, _ in params):
        reverse = np.zeros_like(expected)
        for W, b in params:
            reverse = W @ reverse + b
        if np.allclose(got, reverse):
            return "rows are examples: a bias vector times W is b @ W, not W @ b."
    return CONCEPT


MISTAKES = (
    Mistake(
        "def collapsed_bias(params):\n"
        "    return sum(b for _, b in params)  # not passed through the later weights\n",
        "pass through the weights of every layer after it",
        nbgrader=True,
    ),
    Mistake(
        "def collapsed_bias(params):\n"
        "    total = params[0][1]\n"
        "    for W, b in params[1:]:\n"
        "        total += b  # in place: this changes params[0][1] too\n"
        "    return total\n",
        "pass through the weights of every layer after it",
    ),
    Mistake("def collapsed_bias(params):\n    return params[-1][1]\n",
            "the earlier biases count too"),
    Mistake(
        "def collapsed_bias(params):\n"
        "    b_total = np.zeros(params[0][0].shape[0])\n"
        "    for W, b in params[:-1]:\n"
        "        b_total = b_total @ W + b\n"
        "    return b_total @ params[-1][0]\n",
        "add the last layer's bias",
    ),
    Mistake(
        "def collapsed_bias(params):\n"
        "    b_total = np.zeros(params[0][0].shape[0])\n"
        "    for W, b in params:\n"
        "        b_total = W @ b_total + b\n"
        "    return b_total\n",
        "b @ W, not W @ b",
    ),
    Mistake(
        "def collapsed_bias(params):  # the weights instead of the bias\n"
        "    W_total = params[0][0]\n"
        "    for W, _ in params[1:]:\n"
        "        W_total = W_total @ W\n"
        "    return W_total\n",
        "its bias has shape",
    ),
    Mistake("def collapsed_bias(params):\n    return params[0][1]\n", "changed by every layer"),
    Mistake(
        "def collapsed_bias(params):\n    return params[0][1] @ params[0][1].T @ params[1][0]\n",
        "Hint: multiply in the order the data flow",
        status="error",
    ),
)  # fmt: skip


@exercise(
    reference=_reference,
    mistakes=MISTAKES,
    cases=_cases,
    fresh=_fresh,
    concept=CONCEPT,
    answer="b_total = b_total @ W + b for each layer in turn, from b_total = 0",
    forbidden=("nn",),
)
def collapsed_bias(candidate: Any, cases: list) -> CheckResult:
    """Check ``collapsed_bias(params)``: the bias of the one linear layer a stack collapses to."""
    return check_function(
        candidate, _reference, cases, name="collapsed_bias", hint=_hint, shown=_shown
    )
