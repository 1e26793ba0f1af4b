"""Checkers for the code exercises of chapter 9, Softmax.

``log_softmax(fn)`` checks the learner's ``log_softmax(z, axis)``: ``z - log(sum(exp(z)))``
along ``axis``, computed stably. The cases are those that break the textbook forms: scores
near 1000 (``exp`` overflows to inf above 709.78), a score far below the others (the softmax
underflows to 0 and its log is -inf, where the log-probability is an ordinary number), a score
of -inf (a masked class: its log-probability is -inf, with no warning on the way), rows whose
maxima differ by 1000 (one shift for the whole array is not enough), an axis other than the
last, and float32 scores, whose answer must stay float32 (``exp`` overflows in float32 already
above 88.7). Each value must be within a relative 1e-9 of the true one (1e-5 in float32), and
NumPy must not warn. A wrong answer gets a hint naming the likely mistake.

>>> import numpy as np
>>> def good(z, axis):
...     m = np.max(z, axis=axis, keepdims=True)
...     return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
>>> bool(log_softmax(good))
True
>>> naive = lambda z, axis: z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))
>>> print(log_softmax(naive))  # doctest: +ELLIPSIS
✗ log_softmax failed case 2 of 8:
...
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from actlab import activations

from .core import CheckResult, check_function, quietly, warnings_raised
from .messages import call_text, compare, wrap
from .registry import Mistake, exercise

__all__ = ["log_softmax"]

_log_softmax = activations.get("log_softmax")
_softmax = activations.get("softmax")


def _reference(z, axis):
    z = np.asarray(z)
    return np.moveaxis(_log_softmax(np.moveaxis(z, axis, -1)), -1, axis)


def _float64_cases() -> list[tuple]:
    a = np.array
    return [
        (a([1.0, 2.0, 3.0]), -1),
        (a([1000.0, 1001.0, 1002.0]), -1),
        (a([0.0, -1000.0, 5.0]), -1),
        (a([-np.inf, 0.0, 1.0, 2.0]), -1),
        (a([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0]]), -1),
        (a([[1.0, 2.0], [3.0, 5.0], [0.0, 4.0]]), 0),
        (a([[0.0, 1.0, 2.0], [-5.0, 4.0, 1.0], [3.0, 3.0, -1.0]]), 1),
    ]


def _float32_case() -> tuple:
    return (np.array([[100.0, 101.0, 99.0], [-3.0, 0.0, 2.0]], dtype=np.float32), -1)


def _cases() -> list[tuple]:
    return [*_float64_cases(), _float32_case()]


def _fresh(rng) -> list[tuple]:
    big = rng.uniform(750.0, 1000.0)
    far = -rng.uniform(800.0, 1000.0)
    rows = int(rng.integers(2, 5))
    cols = int(rng.integers(3, 6))
    grid = np.round(rng.normal(scale=3.0, size=(rows, cols)), 3)
    grid[0] += big
    return [
        (np.round(rng.normal(scale=2.0, size=5), 3), -1),
        (big + np.round(rng.normal(size=4), 3), -1),
        (np.array([0.0, far, 1.5, -np.inf]), -1),
        (grid, -1),
        (grid.T.copy(), 0),
        ((np.round(rng.normal(scale=3.0, size=(3, 4)), 2) + 95.0).astype(np.float32), -1),
    ]


CONCEPT = (
    "log-softmax is z - log(sum(exp(z))) along the axis; subtract the maximum m first, "
    "z - m - log(sum(exp(z - m))), so that no exp overflows, the largest term is exactly 1, "
    "and the log is never taken of an underflowed 0."
)


def _same(got, formula, z, axis):
    value = quietly(formula, z, axis)
    return (
        value is not None
        and value.shape == got.shape
        and np.allclose(got, value, rtol=1e-9, atol=1e-12, equal_nan=True)
    )


def _global_max(z, axis):
    m = np.max(z)
    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


def _log_of_a_round_number(value):
    """Whether ``value`` is log(10^-k) for a whole k: the log of a floor such as 1e-300."""
    k = -value / np.log(10.0)
    return bool(k > 3 and abs(k - round(k)) < 1e-6)


def _whole_sum(z, axis):
    m = np.max(z, axis=axis, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m)))


def _last_axis(z, axis):
    return _reference(z, -1)


def _hint(z, axis, got):
    if isinstance(got, Exception):
        if isinstance(got, ValueError) and "broadcast" in str(got):
            return (
                "the shapes do not line up: the maximum and the sum along the axis need "
                "keepdims=True, so that z - m subtracts each row's own maximum."
            )
        return "work on the whole array at once with NumPy functions (np.max, np.exp, np.log)."
    if got.shape != np.shape(z):
        return "return one value per score, an array of the same shape as z."
    expected = _reference(z, axis).astype(float)
    if _same(got, lambda t, a: _softmax(np.moveaxis(t, a, -1)), z, axis) or _same(
        got, lambda t, a: np.moveaxis(_softmax(np.moveaxis(t, a, -1)), -1, a), z, axis
    ):
        return "that is the softmax itself; log-softmax is its logarithm, z - log(sum(exp(z)))."
    if axis != -1 and np.ndim(z) > 1 and _same(got, _last_axis, z, axis):
        return (
            f"that is the log-softmax along the last axis; here axis={axis}: take the maximum "
            "and the sum along `axis`."
        )
    finite = np.isfinite(expected)
    if np.ndim(z) > 1 and _same(got, _whole_sum, z, axis):
        return (
            "np.sum without axis= adds up every entry of the array: sum along `axis`, with "
            "keepdims=True, so that each row is normalised on its own."
        )
    rows = np.moveaxis(np.asarray(z, dtype=float), axis, -1).reshape(-1, np.shape(z)[axis])
    out = np.moveaxis(got, axis, -1).reshape(rows.shape)
    flat = [np.ptp(o) == 0 and np.ptp(r) > 0 for r, o in zip(rows, out, strict=True)
            if np.isfinite(r).all() and np.isfinite(o).all()]  # fmt: skip
    if any(flat):
        return (
            "the same log-probability for different scores: clipping the scores (np.clip) "
            "avoids the overflow but changes the answer. Subtract the maximum instead, which "
            "changes nothing, since softmax ignores a shift of every score."
        )
    off = finite & ~np.isclose(got, expected, rtol=1e-9, atol=1e-12)
    if (
        off.any()
        and np.isfinite(got[off]).all()
        and np.ptp(got[off]) == 0
        and (got[off] > expected[off]).all()
        and _log_of_a_round_number(got[off][0])
    ):
        return (
            f"{got[off][0]:.4g} where the log-probability is {expected[off][0]:.6g}: a floor "
            "under the probability before the log (np.maximum(p, eps), or p + eps) keeps it "
            "finite but wrong. Compute z - m - log(sum(exp(z - m))) directly."
        )
    if np.ndim(z) > 1 and _same(got, _global_max, z, axis) and not np.isfinite(got[finite]).all():
        return (
            "one maximum for the whole array is not enough: a row whose scores are far below "
            "it underflows to 0. Take the maximum along the axis (keepdims=True)."
        )
    scores = np.asarray(z)[np.isfinite(z)]
    if scores.size and scores.max() > 709.78 and not np.isfinite(got[finite]).all():
        return (
            "exp of a score above 709.78 overflows to inf (and log(inf) is inf), even with "
            "NumPy's warning silenced. Subtract each row's maximum first: exp(z - m) is at "
            "most 1."
        )
    if np.any(got[finite] == -np.inf):
        return (
            "-inf where the log-probability is an ordinary number: the softmax of a score far "
            "below the maximum underflows to 0, and log(0) is -inf. Do not take the log of the "
            "softmax: compute z - m - log(sum(exp(z - m))) directly."
        )
    diff = got - expected
    if np.all(np.isfinite(diff[finite])) and finite.any():
        m = np.broadcast_to(np.max(np.where(np.isfinite(z), z, -np.inf), axis=axis,
                                   keepdims=True), np.shape(z))  # fmt: skip
        if np.allclose(np.abs(diff[finite]), np.abs(m[finite]), rtol=1e-9, atol=1e-12) and np.any(
            m[finite] != 0
        ):
            return (
                "off by the maximum m: log(sum(exp(z))) = m + log(sum(exp(z - m))), so "
                "subtract m as well as the log of the shifted sum."
            )
    if np.any(np.isnan(got[finite])):
        return "NaN for ordinary scores: look for inf - inf or inf / inf on the way."
    return CONCEPT


WARNED = (
    "log(0) and exp of a large score warn, and the answer around them is usually wrong in "
    "other cases: compute z - m - log(sum(exp(z - m))) with m the maximum along the axis, "
    "which takes exp only of numbers <= 0 and the log of a sum that is at least 1."
)

FLOAT32 = (
    "float32 scores in, float32 log-probabilities out: keep the input's dtype (no "
    "np.asarray(z, dtype=float) or .astype(np.float64)), as NumPy's own functions do."
)


def _float32_problem(candidate, case, index, total) -> str | None:
    """What is wrong with the answer to the float32 case, or None."""
    z, axis = case
    call = call_text("log_softmax", ["z", "axis"], case)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = candidate(z.copy(), axis)
    except Exception as exc:  # noqa: BLE001 - any learner error becomes a message
        return f"log_softmax raised {type(exc).__name__} on case {index} of {total}:\n  {call}\n"\
               f"  {type(exc).__name__}: {exc}"  # fmt: skip
    expected = np.asarray(_reference(z, axis), dtype=float)
    outcome = compare(expected, got, 1e-5, 1e-6)
    head = f"log_softmax failed case {index} of {total}:\n  {call}\n"
    if outcome is not None:
        kind, problem = outcome
        hint = ""
        if kind == "value":
            hint = "\n  Hint: " + _hint(z, axis, np.asarray(got, dtype=float))
        return f"{head}  {problem}{hint}"
    dtype = np.asarray(got).dtype
    if dtype != np.float32:
        return (
            f"{head}  the values are right, but expected dtype float32, got {dtype}.\n"
            f"  Hint: {FLOAT32}"
        )
    return None


def _judge(candidate: Any, cases: list) -> CheckResult:
    total = len(cases)
    wide = [c for c in cases if np.asarray(c[0]).dtype == np.float64]
    narrow = [c for c in cases if np.asarray(c[0]).dtype != np.float64]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warnings are looked at on their own below
        result = check_function(
            candidate, _reference, wide, name="log_softmax", rtol=1e-9, atol=1e-12, hint=_hint
        )
    if result.status != "passed":
        if result.status == "failed" and callable(candidate):
            caught = warnings_raised(candidate, wide)
            message = result.message.replace(f" of {len(wide)}:", f" of {total}:", 1)
            if caught:
                message += f"\n  And NumPy warned on the way: {caught[0]!r}."
            return CheckResult("log_softmax", "failed", wrap(message), total)
        if result.status == "error":
            message = result.message.replace(f" of {len(wide)}:", f" of {total}:", 1)
            return CheckResult("log_softmax", "error", wrap(message), total)
        return CheckResult(result.name, result.status, result.message, total)
    for i, case in enumerate(narrow, start=len(wide) + 1):
        problem = _float32_problem(candidate, case, i, total)
        if problem:
            status = "error" if " raised " in problem.split("\n")[0] else "failed"
            return CheckResult("log_softmax", status, wrap(problem), total)
    caught = warnings_raised(candidate, cases)
    if caught:
        message = (
            f"log_softmax gives the right values, but NumPy warned on the way: {caught[0]!r}.\n"
            f"  Hint: {WARNED}"
        )
        return CheckResult("log_softmax", "failed", wrap(message), total)
    return CheckResult("log_softmax", "passed", f"log_softmax passed all {total} cases.", total)


def _mistake(body: str, hint, **kw) -> Mistake:
    return Mistake(f"def log_softmax(z, axis):\n    {body}\n", hint, **kw)


MISTAKES = (
    _mistake("return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))",
             ("overflows to inf", "NumPy warned"), case=2, nbgrader=True),
    _mistake("with np.errstate(all='ignore'):  # the warning silenced, the value still lost\n"
             "        return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))",
             "overflows to inf", case=2),
    _mistake("m = np.max(z, axis=axis, keepdims=True)\n"
             "    e = np.exp(z - m)\n"
             "    return np.log(e / np.sum(e, axis=axis, keepdims=True))",
             "Do not take the log of the softmax", case=3),
    _mistake("m = np.max(z)\n"
             "    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))",
             "one maximum for the whole array", case=5),
    _mistake("m = np.max(z, axis=axis)\n"
             "    return z - m - np.log(np.sum(np.exp(z - m), axis=axis))",
             "keepdims=True", status="error", case=5),
    _mistake("m = np.max(z, axis=-1, keepdims=True)\n"
             "    return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))",
             "along the last axis", case=6),
    _mistake("m = np.max(z, axis=axis, keepdims=True)\n"
             "    return z - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))",
             "off by the maximum m"),
    _mistake("m = np.max(z, axis=axis, keepdims=True)\n"
             "    e = np.exp(z - m)\n"
             "    return e / np.sum(e, axis=axis, keepdims=True)",
             "that is the softmax itself"),
    _mistake("z = np.asarray(z, dtype=float)\n"
             "    m = np.max(z, axis=axis, keepdims=True)\n"
             "    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))",
             "float32 scores in, float32", case=8),
    _mistake("z = np.clip(z, -700, 700)  # no overflow, but another answer\n"
             "    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))",
             "clipping the scores (np.clip)", case=2),
    _mistake("m = np.max(z, axis=axis, keepdims=True)\n"
             "    return z - m - np.log(np.sum(np.exp(z - m)))",
             "np.sum without axis=", case=5),
    _mistake("m = np.max(z, axis=axis, keepdims=True)\n"
             "    e = np.exp(z - m)\n"
             "    return np.log(np.maximum(e / np.sum(e, axis=axis, keepdims=True), 1e-300))",
             "a floor under the probability", case=3),
    # Hard-coded for the first case: the later cases must catch it.
    _mistake("return np.array([-2.40760596444438, -1.40760596444438, -0.40760596444438])",
             "log-softmax is z - log(sum(exp(z)))", case=3),
)  # fmt: skip

RIGHT = (
    "def log_softmax(z, axis):\n"
    "    m = np.max(z, axis=axis, keepdims=True)\n"
    "    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))\n",
    "def log_softmax(z, axis):\n"
    "    shifted = z - z.max(axis=axis, keepdims=True)\n"
    "    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))\n",
    "def log_softmax(z, axis):\n    return z - np.logaddexp.reduce(z, axis=axis, keepdims=True)\n",
)


@exercise(
    reference=_reference,
    mistakes=MISTAKES,
    cases=_cases,
    fresh=_fresh,
    concept=CONCEPT,
    answer="m = np.max(z, axis=axis, keepdims=True), then "
    "z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))",
    right_answers=RIGHT,
    forbidden=("activations", "nn", "scipy", "log_softmax_"),
)
def log_softmax(candidate: Any, cases: list) -> CheckResult:
    """Check ``log_softmax(z, axis)``: z - log(sum(exp(z))) along ``axis``, to a relative 1e-9
    (1e-5 for float32 scores, whose answer must stay float32), on large scores, a score of -inf
    and rows far apart, without NumPy warnings."""
    return _judge(candidate, cases)
