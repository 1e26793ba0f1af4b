"""Exercise checkers that explain what to fix and never crash the notebook.

A checker calls the learner's function on a few inputs, compares each answer with a reference
solution, and returns a :class:`CheckResult`: truthy when every case passed, and displayed in
Jupyter as a short message. The untouched stub gives "not attempted yet"; an exception or a wrong
answer is reported with the input that caused it, the expected answer and a hint.

The package has one module for the machinery and one module per chapter with code exercises;
every checker is available here, so a notebook only needs ``from actlab import checks``:

- :mod:`actlab.checks.core`: :class:`CheckResult` and :func:`check_function`;
- :mod:`actlab.checks.chapter01`: ``neuron``, ``layer``, ``output_floor``;
- :mod:`actlab.checks.chapter02`: ``perceptron_update``;
- :mod:`actlab.checks.chapter03`: ``collapsed_bias``;
- :mod:`actlab.checks.chapter04`: ``stable_sigmoid``;
- :mod:`actlab.checks.chapter05`: ``signal_below``.

A later chapter adds ``chapterNN.py`` and imports its checkers below.

>>> import numpy as np
>>> from actlab import checks
>>> bool(checks.check_function(np.sin, np.sin, [0.0, 1.0])), checks.neuron.__module__
(True, 'actlab.checks.chapter01')
"""

from .chapter01 import layer, neuron, output_floor
from .chapter02 import perceptron_update
from .chapter03 import collapsed_bias
from .chapter04 import stable_sigmoid
from .chapter05 import signal_below
from .core import CheckResult, check_function

__all__ = [
    "CheckResult",
    "check_function",
    "neuron",
    "layer",
    "output_floor",
    "perceptron_update",
    "collapsed_bias",
    "stable_sigmoid",
    "signal_below",
]
