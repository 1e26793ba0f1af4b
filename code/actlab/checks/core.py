"""The checker machinery: run the learner's function, compare, explain, never crash.

A checker calls the learner's function on a few inputs, compares each answer with a reference
solution, and returns a :class:`CheckResult`: truthy when every case passed, and displayed in
Jupyter as a short message. A checker never raises because of the learner's code:

- the untouched stub (it raises ``NotImplementedError``) gives "not attempted yet";
- any other exception is reported with the input that caused it;
- an answer of the wrong type (None, text, a bool, a list, an object) is refused with a message;
- a wrong shape or value names the failing input, the expected and the received answer, and a
  hint (type first, then shape, then value: a hint about a value never hides a wrong shape);
  the words come from :mod:`actlab.checks.messages`.

Each case is copied deeply before every call, so a function that changes its arguments in place
(even an array inside a list) changes neither the case, nor the hint's view of it, nor the next
call.

The named checkers of each chapter (:mod:`actlab.checks.chapter01`, ...) are thin wrappers around
:func:`check_function`: a reference solution, a few cases and a hint function, registered with
their known mistakes by :func:`actlab.checks.registry.exercise`.

>>> import numpy as np
>>> result = check_function(lambda x: 2 * x, lambda x: 2 * x, [np.arange(3.0)], name="double")
>>> bool(result), result.status
(True, 'passed')
>>> def stub(x):
...     raise NotImplementedError()
>>> check_function(stub, lambda x: 2 * x, [1.0], name="double").status
'not attempted'
"""

from __future__ import annotations

import copy
import html
import inspect
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actlab import _validate

from .messages import call_text, compare, wrap

__all__ = ["CheckResult", "check_function"]

_ICONS = {"passed": "✓", "failed": "✗", "not attempted": "✎", "error": "⚠"}  # common in text fonts
_COLOURS = {  # Okabe–Ito colours; the icon carries the meaning too
    "passed": "#009E73",
    "failed": "#D55E00",
    "not attempted": "#0072B2",
    "error": "#E69F00",
}


@dataclass
class CheckResult:
    """The outcome of a check: truthy only when every case passed.

    ``status`` is one of ``"passed"``, ``"failed"``, ``"not attempted"`` or ``"error"``
    (the learner's code raised an exception); ``message`` explains it in plain text.
    """

    name: str
    status: str
    message: str
    n_cases: int = 0

    def __bool__(self) -> bool:
        return self.status == "passed"

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def show(self) -> None:
        """Display the result (print it outside Jupyter); under nbgrader, raise unless it passed.

        nbgrader sets ``NBGRADER_EXECUTION`` while it runs a notebook (``validate``, the Lab
        "Validate" button, and ``autograde``): there a checker cell must fail for nbgrader to
        see the failure, so this raises ``AssertionError`` with the message. In a normal run it
        never raises, so a wrong answer never stops the notebook. The verdict is read from
        ``status``, never from the result's truth value. The result is displayed rather than
        returned, so that nbgrader does not try to read a checker cell's value as a score.
        """
        if os.environ.get("NBGRADER_EXECUTION") and self.status != "passed":
            raise AssertionError(str(self))
        try:
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:  # plain Python
            get_ipython = None
        if get_ipython is not None and get_ipython() is not None:
            display(self)
        else:
            print(self)

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        lines = html.escape(self.message)  # pre-wrap keeps the line breaks (no <br>)
        return (
            f'<div role="status" style="border-left: 4px solid {colour}; padding: 0.3em 0.8em;'
            f' margin: 0.3em 0; font-family: monospace; white-space: pre-wrap;">'
            f"{_ICONS[self.status]} {lines}</div>"
        )


def _call(candidate: Callable, args: tuple) -> Any:
    """``candidate(*args)``, from a frame that holds nothing but the function and its inputs."""
    return candidate(*args)


def _copy(value: Any) -> Any:
    """A deep copy of a case, so that a function changing its arguments in place, even an array
    nested in a list, changes neither the case nor the next call; functions are shared."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        items = [_copy(v) for v in value]
        return items if isinstance(value, list) else type(value)(items)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if callable(value):
        return value
    return copy.deepcopy(value)


def _safe_hint(hint: Any, args: tuple, got: Any) -> str | None:
    """The hint for this wrong answer; a hint function that fails gives no hint."""
    if not callable(hint):
        return hint
    try:
        return hint(*args, got)
    except Exception:  # noqa: BLE001 - a failed diagnosis must not hide the message itself
        return None


def check_function(
    candidate: Any,
    reference: Callable,
    cases: Sequence[Any],
    name: str | None = None,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    hint: str | Callable[..., str | None] | None = None,
    shown: Callable[..., str] | None = None,
) -> CheckResult:
    """Compare ``candidate(*case)`` with ``reference(*case)`` on every case.

    Parameters
    ----------
    candidate : the learner's function.
    reference : the reference solution, with the same signature.
    cases : the inputs; each case is a tuple of positional arguments (anything else is one
        argument).
    name : the function's name in messages (default: the reference's name).
    rtol, atol : tolerances of :func:`numpy.isclose`.
    hint : a sentence added to a failure message, or a function ``hint(*case, got)`` returning a
        hint for that particular wrong answer (or None), to diagnose common mistakes; ``got`` is
        the answer as a float array (its shape may differ from the expected one), or the
        exception when the candidate raised one. Answers of the wrong type (None, text, a bool,
        a list, an object) are refused with their own message before any hint is asked for.
    shown : a function ``shown(*case)`` giving the text that stands for the call in messages,
        for inputs too large to print in full (a list of weight matrices, say: describe them by
        their shapes); default: the call with every argument written out.

    Returns
    -------
    CheckResult, truthy when every case passed. Inputs are copied before each call, so a candidate
    that changes its arguments in place cannot change the reference's answer.

    Raises
    ------
    TypeError : when ``reference`` is not a function, ``cases`` not a list (or tuple, or
        array) or a tolerance not a real number.
    ValueError : when ``cases`` is empty (a check of nothing would pass anything), or a
        tolerance is negative, infinite or NaN.
    """
    if not callable(reference):
        raise TypeError(f"check_function: reference must be a function, got {reference!r}")
    if name is not None and not isinstance(name, str):
        raise TypeError(f"check_function: name must be a string or None, got {name!r}")
    name = name or getattr(reference, "__name__", "function")
    where = f"check_function({name})"
    if isinstance(cases, str):
        raise TypeError(f"{where}: cases must be a list of cases, got a string {cases!r}")
    cases = _validate.listing(cases, "cases", where)
    cases = [c if isinstance(c, tuple) else (c,) for c in cases]
    rtol = _validate.nonnegative(rtol, "rtol", where)
    atol = _validate.nonnegative(atol, "atol", where)
    if not callable(candidate):
        return CheckResult(
            name, "failed", f"{name}: expected a function, got {type(candidate).__name__}."
        )
    try:
        arg_names = list(inspect.signature(reference).parameters)
    except (TypeError, ValueError):
        arg_names = []
    if shown is not None and not callable(shown):
        raise TypeError(f"{where}: shown must be a function or None, got {shown!r}")
    for i, args in enumerate(cases, start=1):
        call = call_text(name, arg_names, args) if shown is None else shown(*args)
        try:
            got = _call(candidate, _copy(args))
        except NotImplementedError:
            return CheckResult(
                name,
                "not attempted",
                f"{name}: not attempted yet.\n"
                "  Replace `raise NotImplementedError()` with your code.",
                len(cases),
            )
        except Exception as exc:  # noqa: BLE001 - any learner error becomes a message
            message = (
                f"{name} raised {type(exc).__name__} on case {i} of {len(cases)}:\n"
                f"  {call}\n  {type(exc).__name__}: {exc}"
            )
            advice = _safe_hint(hint, args, exc)
            if advice:
                message += f"\n  Hint: {advice}"
            return CheckResult(name, "error", wrap(message), len(cases))
        # The expected answer is computed only now, from a fresh copy of the case: while the
        # candidate ran, no frame it could inspect held it.
        try:
            expected = np.asarray(reference(*_copy(args)), dtype=float)
        except Exception as exc:  # noqa: BLE001 - a bug in the checker must not crash the notebook
            return CheckResult(
                name, "error", f"the checker itself failed on case {i} ({exc!r}); please report it."
            )
        outcome = compare(expected, got, rtol, atol)
        if outcome is None:
            continue
        kind, problem = outcome
        message = f"{name} failed case {i} of {len(cases)}:\n  {call}\n  {problem}"
        # A wrong type is explained by the message itself; hints diagnose shapes and values.
        advice = None if kind == "type" else _safe_hint(hint, args, np.asarray(got, dtype=float))
        if advice:
            message += f"\n  Hint: {advice}"
        return CheckResult(name, "failed", wrap(message), len(cases))
    return CheckResult(name, "passed", f"{name} passed all {len(cases)} cases.", len(cases))


def quietly(fn: Callable, *args: Any) -> np.ndarray | None:
    """``fn(*args)`` as a float array with every floating-point warning silenced, or None if it
    raises: how a checker's hint tries a known wrong formula on the learner's inputs (a formula
    that fails is simply not the one the learner used).

    >>> quietly(lambda x: 1 / x, np.array([0.0, 2.0]))
    array([inf, 0.5])
    >>> quietly(lambda x: x.nope, np.array([1.0])) is None
    True
    """
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.asarray(fn(*args), dtype=float)
    except Exception:  # noqa: BLE001 - a formula that fails is simply not the one used
        return None


def warnings_raised(fn: Callable, cases: Sequence[tuple]) -> list[str]:
    """The messages of the floating-point warnings (overflow, invalid, divide by zero) that
    ``fn(*case)`` raises on each case, arrays copied first: how a checker fails an answer that
    gives the right values but warns on the way (``np.where`` computing both branches). A case
    whose call raises is skipped: the value check has reported it already.

    >>> warnings_raised(lambda x: np.exp(x), [(np.array([1.0, 1000.0]),)])
    ['overflow encountered in exp']
    >>> warnings_raised(lambda x: np.exp(np.minimum(x, 0)), [(np.array([1000.0]),)])
    []
    """
    caught = []
    for case in cases:
        args = [a.copy() if isinstance(a, np.ndarray) else a for a in case]
        try:
            with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
                with warnings.catch_warnings(record=True) as found:
                    warnings.simplefilter("always")
                    fn(*args)
        except Exception:  # noqa: BLE001 - already reported by the value check
            continue
        caught += [str(w.message) for w in found if issubclass(w.category, RuntimeWarning)]
    return caught
