"""What in a learner's code cell an instructor should look at before it earns marks.

Fresh cases (:mod:`actlab.checks.grading`) defeat answers that only know the chapter's visible
cases. They cannot defeat code that changes the grading itself in the kernel: patching a
checker or :class:`~actlab.checks.CheckResult`, reading the checker's frames, or calling the
course's own implementation of what the exercise asks for. Such code has a recognisable shape,
which :func:`review` looks for in the source, with :mod:`ast` (nothing is run):

- a use of the checkers other than calling one (``checks.chapter01``, ``checks.CheckResult``,
  ``import actlab.checks``), or of the notebook itself (``In``, ``get_ipython``);
- an import of a module for reaching into the interpreter (``inspect``, ``gc``, ``sys``,
  ``builtins``, ``importlib``, ``ctypes``, ...) or a call of ``globals``, ``vars``,
  ``setattr``, ``delattr``, ``exec``, ``eval``, ``compile``, ``__import__``;
- an attribute that only introspection uses (``f_back``, ``f_locals``, ``__globals__``,
  ``__code__``, ``__bool__``, ``__dict__``, ...);
- an assignment to an attribute of something the cell did not create (``np.exp = ...``,
  ``module.function = ...``): monkey-patching;
- in an answer, a name of the course's own implementation of what it asks for (the exercise's
  ``forbidden`` names, such as ``activations`` and ``sigmoid`` in chapter 4).

The first four are **tampering** (they can change any checker's verdict); the last is a
**shortcut** (it answers one exercise with the course's code). A flagged cell is not proof of
cheating: an instructor reads it. nbgrader's autograde step flags it through
:mod:`actlab.checks.nbgrader_review`.

>>> review("def layer(X, W, b, phi):\\n    return phi(X @ W + b)\\n")
[]
>>> for kind, reason in review("import inspect\\nchecks.layer = print\\n"):
...     print(kind, "-", reason[:60])
tampering - line 1: imports inspect, a module for reaching into the inte
tampering - line 2: assigns to checks.layer, an attribute of something t
tampering - line 2: reaches into the checkers (checks.layer)
>>> review("def f(x):\\n    return activations.get('sigmoid')(x)\\n", forbidden=("activations",))
[('shortcut', "line 2: uses activations, the course's own implementation of the answer")]
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

__all__ = ["review"]

INTERPRETER_MODULES = frozenset(
    {"inspect", "gc", "sys", "builtins", "importlib", "ctypes", "types", "traceback",
     "marshal", "pickle", "dill", "cloudpickle", "subprocess", "multiprocessing", "threading"}
)  # fmt: skip
REFLECTIVE_CALLS = frozenset(
    {"globals", "vars", "setattr", "delattr", "exec", "eval", "compile", "__import__",
     "breakpoint"}
)  # fmt: skip
INTROSPECTION = frozenset(
    {"f_back", "f_locals", "f_globals", "f_builtins", "f_code", "tb_frame", "gi_frame",
     "cr_frame", "__globals__", "__code__", "__closure__", "__builtins__", "__dict__",
     "__class__", "__subclasses__", "__bases__", "__mro__", "__bool__", "__eq__",
     "__getattribute__", "__setattr__", "__wrapped__", "_getframe", "__self__", "__func__",
     "__defaults__", "__kwdefaults__", "__module__", "__loader__", "__spec__"}
)  # fmt: skip
NOTEBOOK = frozenset({"actlab", "In", "Out", "_ih", "_oh", "get_ipython"})
PUBLIC_MODULES = frozenset(
    {"activations", "checks", "claims", "data", "experiments", "explore", "nn", "plotting"}
)
CHECKER_HELPERS = frozenset({"check_function"})


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _created(tree: ast.AST) -> set[str]:
    """Names the cell binds to new values (not imports): arguments, assignments, loops."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _checker_names() -> frozenset[str]:
    """What a learner may call on ``checks``: the registered checkers and the helpers."""
    from .registry import exercises

    return frozenset(exercises()) | CHECKER_HELPERS


def review(
    source: str, forbidden: Iterable[str] = (), *, answer: bool = True
) -> list[tuple[str, str]]:
    """``(kind, reason)`` for each thing in ``source`` to review, ``kind`` being ``"tampering"``
    or ``"shortcut"``; an empty list when there is none. ``forbidden`` are the names of the
    course's implementation of the exercise (only looked for when ``answer`` is true). Source
    that does not parse is returned as is for review (IPython magics: ``%``, ``!``).

    Calling a checker (``checks.layer(my_layer)``, in a cell of one's own) and importing the
    course's public modules (``from actlab import checks``) are not flagged: anything else on
    ``checks`` (its modules, ``CheckResult``, ``exercises``) is.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [("tampering", f"line {error.lineno}: not plain Python (magics or shell), read it")]
    created, forbidden = _created(tree), set(forbidden) if answer else set()
    found: list[tuple[str, str]] = []
    allowed = _checker_names()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    checks_names = {"checks"} | {
        alias.asname for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        for alias in node.names if alias.name == "checks" and alias.asname
    }  # fmt: skip

    def flag(kind: str, node: ast.AST, text: str) -> None:
        item = (kind, f"line {getattr(node, 'lineno', '?')}: {text}")
        if item not in found:
            found.append(item)

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                node.module or ""
            ]  # fmt: skip
            for module in modules:
                top, parts = module.split(".")[0], set(module.split("."))
                if top in INTERPRETER_MODULES:
                    reason = f"imports {module}, a module for reaching into the interpreter"
                    flag("tampering", node, reason)
                elif top == "actlab" and (isinstance(node, ast.Import) or "checks" in parts):
                    flag("tampering", node, f"imports {module}, the course's checkers or package")
                elif top == "actlab" and parts & forbidden:
                    flag("shortcut", node,
                         f"imports from {module}, the course's own implementation")  # fmt: skip
                elif top == "actlab" and module == "actlab":
                    for alias in node.names:
                        if alias.name not in PUBLIC_MODULES:
                            flag("tampering", node, f"imports actlab.{alias.name}")
        elif isinstance(node, ast.Name):
            parent = parents.get(node)
            if node.id in checks_names and node.id not in created:
                called = isinstance(parent, ast.Attribute) and parent.attr in allowed
                if not called or not isinstance(parent.ctx, ast.Load):
                    what = (
                        f"checks.{parent.attr}" if isinstance(parent, ast.Attribute) else "checks"
                    )
                    flag("tampering", node, f"reaches into the checkers ({what})")
            elif node.id in NOTEBOOK and node.id not in created:
                flag("tampering", node, f"uses {node.id}, the course's package or the notebook")
            elif node.id in forbidden and node.id not in created:
                flag("shortcut", node,
                     f"uses {node.id}, the course's own implementation of the answer")  # fmt: skip
            elif node.id in REFLECTIVE_CALLS:
                flag("tampering", node, f"calls {node.id}(), which can change any name")
        elif isinstance(node, ast.Attribute):
            if node.attr in INTROSPECTION:
                flag("tampering", node, f"uses .{node.attr}, an introspection attribute")
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, (ast.Attribute, ast.Subscript)):
                        root = _root(part)
                        if root is not None and root not in created:
                            what = _dotted(part) if isinstance(part, ast.Attribute) else root
                            flag("tampering", node,
                                 f"assigns to {what}, an attribute of something the cell did "
                                 "not create (monkey-patching)")  # fmt: skip
    return found
