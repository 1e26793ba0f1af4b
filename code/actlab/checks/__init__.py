"""Exercise checkers that explain what to fix and never crash the notebook.

A checker calls the learner's function on a few inputs, compares each answer with a reference
solution, and returns a :class:`CheckResult`: truthy when every case passed, and displayed in
Jupyter as a short message. The untouched stub gives "not attempted yet"; an exception or a wrong
answer is reported with the input that caused it, the expected answer and a hint.

The package has the machinery (:mod:`actlab.checks.core`: :class:`CheckResult` and
:func:`check_function`; :mod:`actlab.checks.messages`: what a wrong answer is, in words), the
register of exercises (:mod:`actlab.checks.registry`) and one module per chapter with code
exercises, ``chapterNN.py``, which declares its checkers with ``@exercise``. Under nbgrader a
checker also grades on fresh cases, judged in a new process (:mod:`actlab.checks.grading`);
:mod:`actlab.checks.review` reads a learner's cell for code that tampers with grading, which
nbgrader's autograde flags for review (:mod:`actlab.checks.nbgrader_review`), and
:mod:`actlab.checks.nbgrader_feedback` turns MyST into plain Markdown for feedback reports
(these two are nbgrader plug-ins, imported only by the course's ``nbgrader_config.py``). Every
module named
``chapterNN`` is imported here and every checker it registers is available as ``checks.<name>``,
so a notebook only needs ``from actlab import checks``, and a new chapter adds its module and
nothing else:

>>> import numpy as np
>>> from actlab import checks
>>> bool(checks.check_function(np.sin, np.sin, [0.0, 1.0])), checks.neuron.__module__
(True, 'actlab.checks.chapter01')
>>> {name: ex.chapter for name, ex in checks.exercises().items()}["signal_below"]
'chapter05'
"""

import importlib
import pkgutil
import re

from .core import CheckResult, check_function
from .registry import Exercise, Mistake, exercise, exercises

for _module in pkgutil.iter_modules(__path__):
    if re.fullmatch(r"chapter\d+", _module.name):
        importlib.import_module(f"{__name__}.{_module.name}")

globals().update({name: ex.check for name, ex in exercises().items()})

__all__ = [
    "CheckResult", "Exercise", "Mistake", "check_function", "exercise", "exercises",
    *exercises(),
]  # fmt: skip
