r"""Activation functions and their derivatives: exact, stable and fast NumPy, one registry.

>>> from actlab import activations
>>> act = activations.get("leaky_relu")
>>> print(act([-2.0, 3.0]), act([-2.0, 3.0], alpha=0.2), act.derivative([-2.0, 3.0]))
[-0.02  3.  ] [-0.4  3. ] [0.01 1.  ]
>>> print(activations.get("sigmoid").latex)
\frac{1}{1 + e^{-x}}
>>> activations.leaky_relu is act
True

``names()`` lists every activation in course order, ``get(name)`` returns one (an unknown name
raises a ValueError that suggests the closest ones), ``table()`` gives their metadata as dicts.
Each activation is also an attribute of this package (``activations.relu``), and lives in the
module of its family (``FAMILIES``, modules in ``registry.MODULES``): ``classic``,
``rectifier``, ``smooth``, ``hard``, ``shrink``, ``gated`` (GLU and its variants, which halve
the last axis), and ``normalise`` for the softmax family (so
that ``actlab.activations.softmax`` is always the activation, never a module). Inputs, dtypes
and error messages are described in :mod:`actlab.activations._public`; the stable formulas and
why they are needed, in each function's docstring and in :mod:`actlab.activations._stable`.
"""

# One module per family of ``FAMILIES`` (``registry.MODULES``), named as the course names it;
# importing one registers its activations.
from . import classic, gated, hard, normalise, rectifier, shrink, smooth  # noqa: F401
from .registry import COURSE_ORDER, FAMILIES, Activation, get, names, register, table

__all__ = ["COURSE_ORDER", "FAMILIES", "Activation", "get", "names", "register", "table"]


def __getattr__(name):
    # ``activations.relu`` is the registered Activation (no module is named after one).
    try:
        return get(name)
    except ValueError:
        raise AttributeError(f"module 'actlab.activations' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | set(names()))
