"""nbgrader's feedback step that turns the chapters' MyST into plain Markdown.

The chapters are written in MyST (exercise and solution directives, ``{cite}`` roles, label
targets), which the book and jupyterlab-myst render; nbgrader's ``generate_feedback`` renders
markdown with nbconvert, which shows MyST as raw text (``{exercise-start}``, ``:label:``). The
course's ``nbgrader_config.py`` adds :class:`PlainMyST` to ``GenerateFeedback.preprocessors``,
so the feedback report reads as the chapter does. :func:`plain` is the rewriting:

- a directive's fences and options go; its body stays (``{solution}`` boxes get a bold
  "Solution." before it); the exercise and solution gates (``{exercise-start}``, ...) go;
- a ``{cite}`` role goes (the chapters name the authors and year in the text before it, as
  JupyterLab needs too); any other role keeps its text;
- a label target line, ``(label)=``, goes.

>>> print(plain("```{exercise-start}\\n:label: ex\\n```\\n\\n**A layer** (code), after "
...             "McCulloch and Pitts (1943) {cite}`mcculloch1943logical`.\\n\\n"
...             "```{exercise-end}\\n```"))
**A layer** (code), after McCulloch and Pitts (1943).
>>> print(plain(":::{solution} ex\\n:class: dropdown\\n\\nBecause.\\n:::"))
**Solution.** Because.
"""

from __future__ import annotations

import re

__all__ = ["PlainMyST", "feedback_steps", "plain"]

_FENCE = re.compile(
    r"(?ms)^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})[ \t]*\{(?P<name>[\w-]+)\}[^\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$\n?"
)
_OPTION = re.compile(r"(?m)\A(?:[ \t]*:[\w-]+:[^\n]*\n)+")
_GATES = {"exercise-start", "exercise-end", "solution-start", "solution-end"}
_CITE = re.compile(r"[ \t]?\{cite(?::\w+)?\}`[^`]*`")
_ROLE = re.compile(r"\{[\w:-]+\}`(?P<text>[^`<]*?)\s*(?:<[^>`]*>)?`")
_TARGET = re.compile(r"(?m)^\([\w-]+\)=[ \t]*\n?")


def _directive(match: re.Match) -> str:
    name, body = match["name"], _OPTION.sub("", match["body"], count=1)
    body = plain(body).strip("\n")
    if name in _GATES:
        return ""
    if name == "solution":
        return f"**Solution.** {body.lstrip()}\n"
    return f"{body}\n"


def plain(source: str) -> str:
    """``source`` (MyST markdown) as plain Markdown: see the module's docstring."""
    text = _FENCE.sub(_directive, source)
    text = _ROLE.sub(lambda m: m["text"], _CITE.sub("", text))
    text = _TARGET.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


try:  # the preprocessor needs nbconvert (nbgrader's); plain() does not
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool
except ImportError:  # pragma: no cover - nbgrader is an instructor's tool
    Preprocessor, Bool = object, lambda value: value


class PlainMyST(Preprocessor):
    """Rewrite every markdown cell's MyST as plain Markdown (see :func:`plain`)."""

    enabled = Bool(True)  # nbconvert registers preprocessors disabled unless they say so

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = plain(cell.source)
        return cell, resources


def feedback_steps() -> list:
    """nbgrader's feedback preprocessors, then :class:`PlainMyST`."""
    from nbgrader.converters import GenerateFeedback

    return [*GenerateFeedback.class_traits()["preprocessors"].default(), PlainMyST]
