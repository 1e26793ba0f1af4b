"""The register of the course's exercises: each checker with its reference and its known mistakes.

A chapter's module (``checks/chapterNN.py``) declares each checker with the :func:`exercise`
decorator, next to its reference solution, its cases and its hints. The declaration holds the
checker's **known mistakes as data**: for each, the source of the wrong function exactly as a
learner would type it in the answer cell, and the text the checker's message must contain for
it. From that one list the tests are generated (each mistake fails with its hint, the reference
passes, the untouched stub is "not attempted yet") and so are nbgrader's wrong-answer students
(``tests/test_nbgrader.py``). :mod:`actlab.checks` imports every ``chapterNN`` module and
re-exports what it registered, so a new chapter registers nothing by hand anywhere else.

>>> from actlab import checks
>>> layer = checks.exercises()["layer"]
>>> layer.chapter, layer.check is checks.layer
('chapter01', True)
>>> print(layer.mistakes[0].source, end="")
def layer(X, W, b, phi):
    return phi(X @ W)  # bias forgotten
>>> result = checks.layer(layer.compile(layer.mistakes[0].source))
>>> bool(result), layer.mistakes[0].hint in " ".join(str(result).split())
(False, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from actlab import _validate

from .core import CheckResult
from .messages import wrap

__all__ = ["Exercise", "Mistake", "exercise", "exercises"]

_STATUSES = ("failed", "error")


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer to an exercise, and what the checker must say about it.

    ``source`` is the learner's whole answer cell, ``def <name>(...):`` and its body, with the
    chapter's names available (see :attr:`Exercise.namespace`). ``hint`` is a phrase, or a tuple
    of phrases, that the checker's message must contain (compared with line breaks and indents
    as single spaces). ``status`` is the result's status: ``"failed"`` for a wrong answer,
    ``"error"`` for one that raises. ``case``, when given, is the case it must fail first.
    ``nbgrader`` marks the mistake an nbgrader wrong-answer student submits (default: the first).
    """

    source: str
    hint: str | tuple[str, ...]
    status: str = "failed"
    case: int | None = None
    nbgrader: bool = False

    @property
    def hints(self) -> tuple[str, ...]:
        return (self.hint,) if isinstance(self.hint, str) else tuple(self.hint)


@dataclass(frozen=True)
class Exercise:
    """A registered checker: ``check(candidate)``, its judge, cases, reference and mistakes.

    ``judge(candidate, cases)`` compares the candidate with the reference on the given cases;
    ``check`` (exported as ``checks.<name>``) judges the chapter's visible ``cases()``, and
    under nbgrader (:mod:`actlab.checks.grading`) also a fresh set drawn by ``fresh(rng)``.
    ``concept`` names the idea the exercise practises (the hint at grading time and the last
    resort of the hints); ``answer`` is the formula, shown only when practising, after
    several different wrong answers. ``forbidden`` are the names of the course's own
    implementation of what the exercise asks for, which an answer may not call.
    """

    check: Callable[[Any], CheckResult]
    reference: Callable
    mistakes: tuple[Mistake, ...]
    namespace: Mapping[str, Any] = field(default_factory=dict)
    right_answers: tuple[str, ...] = ()
    judge: Callable[[Any, list], CheckResult] | None = None
    cases: Callable[[], list] | None = None
    fresh: Callable[[np.random.Generator], list] | None = None
    concept: str = ""
    answer: str = ""
    forbidden: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The checker's name, which is also the name of the function the learner writes."""
        return self.check.__name__

    @property
    def chapter(self) -> str:
        """The module that declared it, such as ``"chapter01"``."""
        return self.check.__module__.rsplit(".", 1)[-1]

    def compile(self, source: str) -> Callable:
        """The function ``source`` defines, run as the chapter's answer cell would run it."""
        scope = dict(self.namespace)
        exec(compile(source, f"<{self.name} answer>", "exec"), scope)  # noqa: S102 - our own data
        return scope[self.name]

    def nbgrader_mistake(self) -> Mistake:
        """The mistake that nbgrader's wrong-answer student submits."""
        return next((m for m in self.mistakes if m.nbgrader), self.mistakes[0])


_EXERCISES: dict[str, Exercise] = {}
_TRIES: dict[str, set] = {}  # the different wrong answers seen, by exercise (when practising)
TRIES_BEFORE_ANSWER = 3


def exercise(
    *,
    reference: Callable,
    mistakes: tuple[Mistake, ...],
    cases: Callable[[], list] | None = None,
    fresh: Callable[[np.random.Generator], list] | None = None,
    concept: str = "",
    answer: str = "",
    namespace: Mapping[str, Any] | None = None,
    right_answers: tuple[str, ...] = (),
    forbidden: tuple[str, ...] = (),
) -> Callable[[Callable], Callable]:
    """Register the decorated judge, ``judge(candidate, cases)``, named as the learner's function.

    ``reference`` is a right answer; ``mistakes`` are its known mistakes (at least one);
    ``cases()`` gives the visible cases and ``fresh(rng)`` new ones (drawn from ``rng``) for
    grading; ``concept`` and ``answer`` are described in :class:`Exercise`; ``namespace`` holds
    the names the chapter's answer cell may use besides its arguments (``np`` by default;
    chapter 2 adds ``step``); ``right_answers`` are other sources that must pass (equivalent
    forms, other numeric types). Returns the checker ``check(candidate)``.

    A declaration without ``cases`` is of the older form, a checker ``check(candidate)`` with
    its cases inside: it still works, but grades only on its visible cases (no fresh ones) and
    has no concept hint; ``tests/test_grading.py`` asks for the full declaration.
    """

    def register(judge: Callable) -> Callable:
        name = judge.__name__
        where = f"exercise({name})"
        for what, value in (("reference", reference), ("cases", cases), ("fresh", fresh)):
            if not callable(value) and (what == "reference" or value is not None):
                raise TypeError(f"{where}: {what} must be a function, got {value!r}")
        if cases is None:  # the older form: judge(candidate), its cases inside
            old = judge

            def judge(candidate, cases, old=old):
                return old(candidate)

            judge.__name__, judge.__module__, judge.__doc__ = name, old.__module__, old.__doc__
        found = _validate.listing(mistakes, "mistakes", where, kind=Mistake)
        scope = {"np": np, **(namespace or {})}
        for i, mistake in enumerate(found):
            if not re.search(rf"^def {name}\(", mistake.source, re.MULTILINE):
                raise ValueError(f"{where}: mistakes[{i}].source does not define {name}(...)")
            if mistake.status not in _STATUSES:
                raise ValueError(f"{where}: mistakes[{i}].status must be one of {_STATUSES}")
        other = _EXERCISES.get(name)
        if other is not None and other.check.__module__ != judge.__module__:
            raise ValueError(f"{where}: {other.check.__module__} already registers {name}")

        def check(candidate: Any) -> CheckResult:
            from . import grading

            result = judge(candidate, cases() if cases is not None else [])
            if grading.grading():
                return grading.graded(_EXERCISES[name], candidate, result)
            return _practised(name, candidate, result, answer)

        check.__name__ = check.__qualname__ = name
        check.__module__ = judge.__module__
        check.__doc__ = judge.__doc__
        check.__wrapped__ = judge
        _EXERCISES[name] = Exercise(
            check, reference, tuple(found), MappingProxyType(scope), tuple(right_answers),
            judge, cases, fresh, concept, answer, tuple(forbidden),
        )  # fmt: skip
        return check

    return register


def _practised(name: str, candidate: Any, result: CheckResult, answer: str) -> CheckResult:
    """The result, with the formula added once several different wrong answers were tried."""
    if result.status not in _STATUSES or not answer:
        return result
    from .grading import fingerprint

    tries = _TRIES.setdefault(name, set())
    tries.add(fingerprint(candidate))
    if len(tries) < TRIES_BEFORE_ANSWER:
        return result
    message = (
        f"{result.message}\n  After {len(tries)} different tries, the answer: {answer}. "
        "Work out why it is right before you move on."
    )
    return CheckResult(result.name, result.status, wrap(message), result.n_cases)


def exercises() -> dict[str, Exercise]:
    """Every registered exercise, by name, in the order of the chapters."""
    return dict(sorted(_EXERCISES.items(), key=lambda item: item[1].check.__module__))
