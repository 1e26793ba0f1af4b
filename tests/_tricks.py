"""Answers that try to take an exercise's marks without its skill, written for every exercise.

Each trick is the source of an answer cell, as a student who wants the marks would type it in
the chapter (where ``np``, ``checks`` and the chapter's imports are defined), for the exercise
``ex`` (an :class:`actlab.checks.Exercise`). ``tests/test_grading.py`` checks that each one
fails or is flagged for review; ``tests/test_nbgrader.py`` submits them in a real nbgrader cycle
and checks they earn no automatic points.
"""

import inspect
import re

import numpy as np

KEY = """
def _key(value):
    if isinstance(value, np.ndarray):
        return ("a", np.shape(value), [f"{v:.9g}" for v in value.ravel().tolist()])
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, np.random.Generator):  # a case's generator, by its state
        return ("rng", str(value.bit_generator.state["state"]))
    if callable(value):
        return getattr(value, "name", None) or getattr(value, "__name__", "")
    return f"{float(value):.9g}"
"""


def _signature(ex) -> str:
    return ", ".join(inspect.signature(ex.reference).parameters)


def _literal(value) -> str:
    text = repr(np.asarray(value, dtype=float).tolist())
    text = re.sub(r"\bnan\b", "np.nan", text)
    return re.sub(r"\binf\b", "np.inf", text)


def lookup(ex) -> str:
    """A table of the visible cases' answers (computed from the reference here), 0 otherwise."""
    scope = {"np": np}
    exec(KEY, scope)  # noqa: S102 - our own source
    rows = []
    for case in ex.cases():
        args = case if isinstance(case, tuple) else (case,)
        key = repr(scope["_key"](tuple(args)))
        rows.append(f"    {key!r}: {_literal(ex.reference(*args))},")
    table = "_TABLE = {\n" + "\n".join(rows) + "\n}\n"
    args = _signature(ex)
    return (
        f"{KEY}\n{table}\n\ndef {ex.name}({args}):\n"
        f"    found = _TABLE.get(repr(_key(({args},))))\n"
        f"    first = ({args},)[0]  # float32 in, float32 out, where a checker asks for it\n"
        f"    kind = getattr(first, 'dtype', None) if getattr(first, 'dtype', None) == "
        f"np.float32 else None\n"
        f"    return np.array(found, dtype=kind) if found is not None else np.zeros(1)\n"
    )


def frame(ex) -> str:
    """Read ``expected`` from the checker's frames."""
    return (
        "import inspect\n\n\n"
        f"def {ex.name}({_signature(ex)}):\n"
        "    frame = inspect.currentframe().f_back\n"
        "    while frame is not None:\n"
        '        if "expected" in frame.f_locals:\n'
        '            return frame.f_locals["expected"]\n'
        "        frame = frame.f_back\n"
        "    return 0.0\n"
    )


def truthy(ex) -> str:
    """Make every result truthy, and hand in a known mistake."""
    return "checks.CheckResult.__bool__ = lambda self: True\n\n" + ex.nbgrader_mistake().source


def patched(ex) -> str:
    """Replace the checker by one that always passes."""
    return (
        f"checks.{ex.name} = lambda f: checks.CheckResult(\n"
        f'    "{ex.name}", "passed", "{ex.name} passed all 5 cases.", 5\n'
        ")\n\n\n"
        f"def {ex.name}({_signature(ex)}):\n    return 0.0\n"
    )


def reference(ex) -> str:
    """Call the checker's own reference solution."""
    module = f"checks.{ex.chapter}.{ex.reference.__name__}"
    return f"def {ex.name}({_signature(ex)}):\n    return {module}({_signature(ex)})\n"


def own(ex) -> str | None:
    """Call the course's own implementation (only where the course has one: chapters 4 and 9)."""
    if ex.name == "log_softmax":
        return (
            "def log_softmax(z, axis):\n"
            '    own = activations.get("log_softmax")\n'
            "    return np.moveaxis(own(np.moveaxis(z, axis, -1)), -1, axis)\n"
        )
    if ex.name != "stable_sigmoid":
        return None
    return 'def stable_sigmoid(x):\n    return activations.get("sigmoid")(x)\n'


TRICKS = {
    "lookup": lookup,
    "frame": frame,
    "truthy": truthy,
    "patched": patched,
    "reference": reference,
    "own": own,
}
