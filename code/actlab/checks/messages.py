"""The checkers' messages: what a wrong answer is, in words a learner can act on.

:func:`compare` says what is wrong with an answer, checked in order: its type (None, text, a
bool, a list, an object), then its shape, then its values; for values it prints the first one
that differs with as many digits as it takes to see the difference, the relative error when the
two agree to six digits, and a note when a float32 answer is right only to float32's precision.
:func:`wrap` folds a message at 79 columns.

>>> import numpy as np
>>> kind, text = compare(np.asarray(0.119202922022), np.float32(0.119202922022), 1e-9, 0.0)
>>> print(kind); print(wrap(text))
value
expected 0.119202922, got 0.119202919 (a relative error of 2.3e-08; the check
  allows 1e-09)
  The answer is float32, which holds about 6 significant digits: compute in
    float64 (NumPy's default; drop the conversion to float32).
>>> kind, text = compare(np.zeros(2), "0.5", 1e-6, 0.0)
>>> print(kind); print(wrap(text))
type
it returned text (str '0.5'), not a number: return the value itself, not a
  string made from it
>>> compare(np.zeros(2), np.zeros(2), 1e-6, 0.0) is None
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["call_text", "compare", "describe", "type_problem", "wrap"]


def describe(value: Any, precision: int = 4) -> str:
    """A short, readable description of an argument or a result (arrays to ``precision``
    digits)."""
    if isinstance(value, np.generic):
        value = value.item()  # np.True_ reads as True, np.float64(0.5) as 0.5
    if callable(value) and not isinstance(value, np.ndarray):
        return getattr(value, "name", None) or getattr(value, "__name__", None) or repr(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biuf":
        return f"{float(value):.6g}"
    if isinstance(value, list):  # arrays inside read as arrays do, on one line
        return f"[{', '.join(describe(v, precision) for v in value)}]"
    if isinstance(value, tuple):
        parts = [describe(v, precision) for v in value]
        return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=precision, threshold=8, edgeitems=2, separator=", ")
        text = " ".join(text.split())
        return f"{text} (shape {value.shape})" if value.ndim else text
    return repr(value)


def call_text(name: str, arg_names: Sequence[str], args: Sequence[Any]) -> str:
    """``name(x=..., w=...)``, or positional when the argument names are unknown."""
    if len(arg_names) == len(args):
        parts = [f"{n}={describe(a)}" for n, a in zip(arg_names, args, strict=True)]
    else:
        parts = [describe(a) for a in args]
    return f"{name}({', '.join(parts)})"


def type_problem(expected: np.ndarray, got: Any) -> str | None:
    """What is wrong with the *kind* of answer (None, text, a bool, a list, ...), or None.

    Checked before shape and value, so a wrong type is never mistaken for a wrong number (a
    string such as "0.5" would otherwise convert to a float and pass).
    """
    if got is None:
        return "it returned None: is a `return` statement missing?"
    if isinstance(got, (str, bytes, bytearray)):
        return (
            f"it returned text ({type(got).__name__} {describe(got)}), not a number: "
            "return the value itself, not a string made from it"
        )
    if isinstance(got, (bool, np.bool_)) or (isinstance(got, np.ndarray) and got.dtype.kind == "b"):
        return (
            f"it returned True/False ({describe(got)}), not a number: a comparison such as "
            "`>` gives booleans; return the computed value"
        )
    if isinstance(got, (list, tuple)):
        what = "one number" if expected.ndim == 0 else f"a NumPy array of shape {expected.shape}"
        return (
            f"it returned a Python {type(got).__name__} of length {len(got)}; expected {what}. "
            "NumPy operations (@, +, phi(...)) give arrays directly, with no list needed"
        )
    if isinstance(got, np.ndarray):
        if got.dtype.kind not in "iuf":
            return (
                f"it returned an array of dtype {got.dtype} ({describe(got)}); expected real "
                "numbers (dtype float)"
            )
        return None
    if isinstance(got, (int, float, np.integer, np.floating)):
        return None
    return (
        f"it returned {type(got).__name__} {describe(got)}, which is not a number or a NumPy array"
    )


def _digits(expected: float, got: float) -> int:
    """The significant digits (6 at least) that print ``expected`` and ``got`` differently."""
    for digits in range(6, 18):
        if f"{expected:.{digits}g}" != f"{got:.{digits}g}":
            return digits
    return 17


def _pair(expected: float, got: float, digits: int, rtol: float) -> str:
    """``expected E, got G``, with the relative error when the two agree to 6 digits."""
    text = f"expected {expected:.{digits}g}, got {got:.{digits}g}"
    if digits > 6 and expected != 0 and np.isfinite(expected) and np.isfinite(got):
        error = abs(got - expected) / abs(expected)
        text += f" (a relative error of {error:.2g}; the check allows {rtol:.2g})"
    return text


def _precision_note(answer: Any, expected: np.ndarray, got: np.ndarray) -> str:
    """A note when the answer is a low-precision float that is right to its own precision."""
    dtype = np.asarray(answer).dtype
    if dtype.kind != "f" or dtype.itemsize >= 8:
        return ""
    eps = float(np.finfo(dtype).eps)
    if not np.allclose(got, expected, rtol=8 * eps, atol=0.0, equal_nan=True):
        return ""
    return (
        f"\n  The answer is {dtype.name}, which holds about {np.finfo(dtype).precision} "
        f"significant digits: compute in float64 (NumPy's default; drop the conversion to "
        f"{dtype.name})."
    )


def compare(expected: np.ndarray, got: Any, rtol: float, atol: float) -> tuple[str, str] | None:
    """None when ``got`` matches ``expected``; otherwise ``(kind, what is wrong in words)``,
    where ``kind`` is ``"type"``, ``"shape"`` or ``"value"``, checked in that order."""
    problem = type_problem(expected, got)
    if problem:
        return "type", problem
    answer, got = got, np.asarray(got, dtype=float)
    if got.shape != expected.shape:
        return "shape", (
            f"expected shape {expected.shape}, got shape {got.shape}\n"
            f"  expected: {describe(expected)}\n  got:      {describe(got)}"
        )
    close = np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    note = _precision_note(answer, expected, got)
    if close.ndim == 0:
        e, g = float(expected), float(got)
        return "value", _pair(e, g, _digits(e, g), rtol) + note
    first = np.unravel_index(np.argmax(~close), close.shape)
    index = tuple(int(i) for i in first)
    e, g = float(expected[first]), float(got[first])
    digits = _digits(e, g)
    shown = 4 if digits == 6 else digits  # the arrays to as many digits as the first difference
    return "value", (
        f"{int((~close).sum())} of {close.size} values differ; the first at index {index}: "
        f"{_pair(e, g, digits, rtol)}\n"
        f"  expected: {describe(expected, shown)}\n  got:      {describe(got, shown)}{note}"
    )


def wrap(message: str, width: int = 79) -> str:
    """Each line of ``message`` folded at ``width`` columns, continuation lines indented two
    more spaces, so a message printed as plain text needs no sideways scrolling."""
    lines = []
    for line in message.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        lines.append(
            textwrap.fill(
                line,
                width=width,
                subsequent_indent=indent + "  ",
                break_long_words=False,
                break_on_hyphens=False,
            )  # fmt: skip
        )
    return "\n".join(lines)
