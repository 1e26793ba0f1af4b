"""Grading with cases the learner has not seen, judged where the learner's code cannot reach.

A chapter's checker shows the learner a few fixed cases. Under nbgrader (it sets
``NBGRADER_EXECUTION`` while it validates or autogrades a notebook) the checker also grades
the answer on **fresh cases**, drawn at random with a seed that depends on the submitted
function (so grading the same submission twice gives the same verdict):

1. the kernel draws the fresh cases from the seed and calls the learner's function on each,
   recording only what it returned (or the exception it raised) and the floating-point
   warnings on the way;
2. a new Python process imports the checkers afresh, draws the same cases from the same seed,
   computes the expected answers there and judges the recorded answers with the chapter's own
   judge, hints included, replayed as if it called the function itself;
3. the kernel reads the verdict's ``status`` from that process's output.

So the expected answers never exist in the learner's process (no frame, no object the learner's
code could find holds them), a table of the visible cases' answers fails, and a checker patched
in the kernel does not change the verdict of the fresh cases. What this cannot stop on its own,
code that patches the checker or nbgrader's view of the cell in the kernel, is what
:mod:`actlab.checks.review` flags for manual review. At grading time the hint names the
concept, never the formula (:func:`for_grading`).

>>> fingerprint(lambda x: 2 * x) == fingerprint(lambda x: 2 * x)  # the same code
True
>>> fingerprint(lambda x: 2 * x) == fingerprint(lambda x: 3 * x)
False
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .core import CheckResult, _copy
from .messages import wrap

__all__ = ["fingerprint", "for_grading", "graded", "grading"]

_TIMEOUT = 120  # seconds for the fresh cases' verdict


def grading() -> bool:
    """Whether nbgrader is running the notebook (``nbgrader validate`` or ``autograde``)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def fingerprint(candidate: Any) -> str:
    """A digest of the function's code, names and constants (in effect, of its source; not of
    its file name or line numbers, which change from one kernel to the next), or of its type."""
    code = getattr(candidate, "__code__", None)
    text = _code_text(code) if code is not None else repr(type(candidate))
    return hashlib.sha256(text.encode()).hexdigest()


def _code_text(code) -> str:
    consts = [_code_text(c) if hasattr(c, "co_code") else repr(c) for c in code.co_consts]
    return repr((code.co_code, code.co_names, code.co_varnames, consts))


def seed(name: str, candidate: Any) -> int:
    """The fresh cases' seed for this exercise and this submitted function."""
    digest = hashlib.sha256(f"{name}:{fingerprint(candidate)}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


# -- what the learner's function returned, in a form that is data only (no pickle) -----------


def _encode(value: Any) -> dict:
    if value is None:
        return {"kind": "none"}
    if isinstance(value, (str, bytes, bytearray)):
        return {"kind": "text", "type": type(value).__name__, "text": str(value)[:200]}
    if isinstance(value, (list, tuple)):
        return {"kind": "sequence", "type": type(value).__name__, "length": len(value)}
    if isinstance(value, (bool, int, float, np.generic)) and not isinstance(value, np.void):
        value = np.asarray(value)[()]
        return {**_array(np.asarray(value)), "kind": "scalar"}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufc":
            return {"kind": "odd-array", "dtype": str(value.dtype), "shape": list(value.shape)}
        return _array(value)
    return {"kind": "object", "type": type(value).__name__, "text": repr(value)[:80]}


def _array(value: np.ndarray) -> dict:
    value = np.array(value, order="C")  # (ascontiguousarray would make a 0-d array 1-d)
    data = base64.b64encode(value.tobytes()).decode()
    return {"kind": "array", "dtype": value.dtype.str, "shape": list(value.shape), "data": data}


class _Stand:
    """An object of the type name the learner's function returned, for the message."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _decode(record: dict) -> Any:
    kind = record["kind"]
    if kind == "none":
        return None
    if kind == "text":
        return record["text"] if record["type"] == "str" else record["text"].encode()
    if kind == "sequence":
        items = [0.0] * int(record["length"])
        return items if record["type"] == "list" else tuple(items)
    if kind in ("array", "scalar"):
        raw = base64.b64decode(record["data"])
        array = np.frombuffer(raw, dtype=np.dtype(record["dtype"])).reshape(record["shape"])
        return array.copy()[()] if kind == "scalar" else array.copy()
    if kind == "odd-array":
        return np.zeros(record["shape"], dtype=np.dtype(record["dtype"]))
    return type(record["type"], (_Stand,), {})(record["text"])


def _run(candidate: Any, args: tuple) -> dict:
    """What ``candidate(*args)`` gave: its answer or its exception, and its warnings."""
    caught: list[str] = []
    try:
        with np.errstate(over="warn", invalid="warn", divide="warn"):
            with warnings.catch_warnings(record=True) as found:
                warnings.simplefilter("always")
                got = candidate(*args)
                answer = _encode(got)
        caught = [str(w.message) for w in found if issubclass(w.category, RuntimeWarning)]
    except NotImplementedError:
        return {"raised": "NotImplementedError", "text": ""}
    except Exception as exc:  # noqa: BLE001 - any learner error is part of the verdict
        return {"raised": type(exc).__name__, "text": str(exc)[:300]}
    return {"answer": answer, "warnings": caught[:3]}


def record(exercise, candidate: Any, n_seed: int) -> list[dict]:
    """The learner's answers on the fresh cases of ``n_seed`` (in the learner's process)."""
    cases = _as_cases(exercise.fresh(np.random.default_rng(n_seed)))
    return [_run(candidate, _copy(args)) for args in cases]


def _as_cases(cases) -> list[tuple]:
    return [c if isinstance(c, tuple) else (c,) for c in cases]


# -- the verdict, in a new process ---------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.shape == b.shape
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, (list, tuple)):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, np.random.Generator) or isinstance(b, np.random.Generator):
        return (
            isinstance(a, np.random.Generator)
            and isinstance(b, np.random.Generator)
            and a.bit_generator.state == b.bit_generator.state
        )
    if callable(a):
        return a is b
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:  # noqa: BLE001
        return False


def _replay(cases: list[tuple], records: list[dict]):
    """A stand-in for the learner's function: the recorded answer for each case's inputs."""

    def replay(*args):
        for case, rec in zip(cases, records, strict=True):
            if len(case) == len(args) and all(_same(a, c) for a, c in zip(args, case, strict=True)):
                for text in rec.get("warnings", ()):
                    warnings.warn(text, RuntimeWarning, stacklevel=2)
                if "raised" in rec:
                    error = type(rec["raised"], (Exception,), {})
                    if rec["raised"] == "NotImplementedError":
                        error = NotImplementedError
                    raise error(rec["text"])
                return _decode(rec["answer"])
        raise LookupError("an input the grader did not draw")

    return replay


def judge_recorded(name: str, n_seed: int, records: list[dict]) -> CheckResult:
    """Judge recorded answers on the fresh cases of ``n_seed`` (in the grader's process)."""
    from . import exercises

    exercise = exercises()[name]
    cases = _as_cases(exercise.fresh(np.random.default_rng(n_seed)))
    if len(records) != len(cases):
        return CheckResult(name, "error", f"{name}: the grader got {len(records)} answers.")
    return exercise.judge(_replay(cases, records), cases)


def _verdict(name: str, n_seed: int, records: list[dict]) -> dict:
    """The fresh cases' verdict from a new process: ``{"status": ..., "message": ...}``."""
    package = Path(__file__).resolve().parents[2]  # the folder that holds actlab/
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(package), *filter(None, [os.environ.get("PYTHONPATH")])]
    )}  # fmt: skip
    payload = json.dumps({"name": name, "seed": n_seed, "records": records})
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "actlab.checks.grading"],
            input=payload, capture_output=True, text=True, env=env, timeout=_TIMEOUT,
        )  # fmt: skip
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except Exception as exc:  # noqa: BLE001 - no verdict is a failed verdict
        return {"status": "error", "message": f"{name}: the grader could not run ({exc!r})."}


def for_grading(result: CheckResult, concept: str) -> CheckResult:
    """The result with its hint replaced by the exercise's concept (no formula at grading)."""
    if result.status == "passed":
        return result
    message = result.message.split("\n  Hint:")[0].split("\n  And NumPy warned")[0]
    if result.status in ("failed", "error") and concept:
        message += f"\n  Hint: {concept}"
    return CheckResult(result.name, result.status, wrap(message), result.n_cases)


def graded(exercise, candidate: Any, visible: CheckResult) -> CheckResult:
    """Under nbgrader: the visible cases' result, then the fresh cases' verdict."""
    if visible.status != "passed":
        return for_grading(visible, exercise.concept)
    if exercise.fresh is None:  # an older declaration: its visible cases only
        return visible
    n_seed = seed(exercise.name, candidate)
    verdict = _verdict(exercise.name, n_seed, record(exercise, candidate, n_seed))
    if verdict.get("status") == "passed":
        return CheckResult(
            exercise.name,
            "passed",
            f"{visible.message}\n  And it passed {verdict.get('n_cases', 0)} new cases at grading.",
            visible.n_cases,
        )
    status = verdict.get("status") if verdict.get("status") in ("failed", "error") else "error"
    message = (
        f"{exercise.name} passed the cases shown in the chapter, but not the new cases drawn "
        f"at grading:\n{verdict.get('message', '')}"
    )
    return for_grading(CheckResult(exercise.name, status, message, visible.n_cases),
                       exercise.concept)  # fmt: skip


def _main() -> None:
    """The grader's process: read the recorded answers on stdin, print the verdict as JSON."""
    request = json.loads(sys.stdin.read())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = judge_recorded(request["name"], int(request["seed"]), request["records"])
    print(json.dumps({"status": result.status, "message": result.message,
                      "n_cases": result.n_cases}))  # fmt: skip


if __name__ == "__main__":
    _main()
