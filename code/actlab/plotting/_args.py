"""The argument layer of :mod:`actlab.plotting`: every public helper checks what it receives here.

Each check takes ``(value, name, where)`` as in :mod:`actlab._validate` (whose checks it reuses):
the value, what the message calls it, and the helper that received it. It returns the value in
the form the helper draws with, or raises a TypeError (wrong kind of thing) or a ValueError
(right kind, wrong value) whose message starts with ``where`` and names ``name``.

>>> limits((0, 1), "xlim", "plot_x")
(0.0, 1.0)
>>> limits((1, 0), "xlim", "plot_x")
Traceback (most recent call last):
  ...
ValueError: plot_x: xlim must be (low, high) with low < high, got (1, 0)
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from actlab import _validate

real, positive, positive_int, choice, float_array = (
    _validate.real, _validate.positive, _validate.positive_int, _validate.choice,
    _validate.float_array,
)  # fmt: skip


def axes(value, where):  # None (a new figure) or a matplotlib Axes to draw on
    from matplotlib.axes import Axes

    if value is not None and not isinstance(value, Axes):
        raise TypeError(f"{where}: ax must be None or a matplotlib Axes, "
                        f"got {type(value).__name__}")  # fmt: skip
    return value


def flag(value, name, where):  # True or False (NumPy's booleans too)
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where}: {name} must be True or False, got {value!r}")
    return bool(value)


def text(value, name, where, optional=False):
    """A string (None too when ``optional``): an axis label, a title, a legend entry."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        kind = "a string or None" if optional else "a string"
        raise TypeError(f"{where}: {name} must be {kind}, got {type(value).__name__}")
    return value


def in_range(value, name, where, low, high):  # a finite real in [low, high], as a float
    value = real(value, name, where)
    if not low <= value <= high:
        raise ValueError(f"{where}: {name} must lie in [{low:g}, {high:g}], got {value:g}")
    return value


def limits(value, name, where, positive=False):
    """A pair (low, high) of finite reals with low < high (both > 0 for a log axis)."""
    try:
        pair = not isinstance(value, (str, bytes, Mapping)) and np.shape(value) == (2,)
    except ValueError:  # a ragged sequence
        pair = False
    if not pair:
        raise TypeError(f"{where}: {name} must be a pair (low, high), got {value!r}")
    low, high = (real(v, f"{name}[{i}]", where) for i, v in enumerate(value))
    if not low < high:
        raise ValueError(f"{where}: {name} must be (low, high) with low < high, got {value!r}")
    if positive and low <= 0:
        raise ValueError(f"{where}: {name} must be above 0 on a log axis, got {value!r}")
    return low, high


def position(value, where):  # (left, bottom, width, height) in figure fractions
    left, bottom, width, height = values(value, "position", where, size=4)
    if not (0 <= left < 1 and 0 <= bottom < 1 and width > 0 and height > 0):
        raise ValueError(f"{where}: position must be (left, bottom, width, height) in figure "
                         f"fractions, got {value!r}")  # fmt: skip
    return left, bottom, width, height


def values(value, name, where, size=None, at_least=1, finite=True):
    """``value`` as a 1-D float64 array (a column or row of shape (n, 1) or (1, n) is flattened)
    of at least ``at_least`` numbers, exactly ``size`` when given, finite unless ``finite`` is
    False (then NaN and inf are left out of a line)."""
    arr = _validate.reals(value, f"{where}: {name}")[0]
    if arr.ndim == 2 and 1 in arr.shape or arr.ndim == 0:
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{where}: {name} must be one list of numbers, got shape {arr.shape}")
    if arr.size < at_least:
        what = "is empty" if arr.size == 0 else f"has {arr.size} value(s)"
        raise ValueError(f"{where}: {name} {what}; give at least {at_least} value(s)")
    if size is not None and arr.size != size:
        raise ValueError(f"{where}: {name} has {arr.size} values, expected {size}")
    if finite and not np.isfinite(arr).all():
        i = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise ValueError(f"{where}: {name} must be finite, got {arr[i]} at index {i}")
    return arr


def same_length(a, b, names, where):  # b, if it has as many values as a
    if a.size != b.size:
        raise ValueError(f"{where}: {names[0]} and {names[1]} differ in length "
                         f"({a.size} and {b.size})")  # fmt: skip
    return b


def weighted_sum(w, x, b, where, shown=None):
    """``np.multiply.outer(x, w) + b``, refused when it overflows (no line at inf is drawn)."""
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.multiply.outer(x, w) + b
    if not np.isfinite(z).all():
        shown = shown or f"w = {w:g} and b = {b:g}"
        raise ValueError(f"{where}: {shown} make(s) wx + b overflow float64 on the plot; use "
                         "smaller values")  # fmt: skip
    return z


def positive_values(arr, name, where):
    """``arr`` if no value is 0 or below: a log axis cannot show them (matplotlib drops them
    without a word). NaN, a value left out, passes."""
    bad = np.flatnonzero(arr <= 0)
    if bad.size:
        raise ValueError(f"{where}: {name} has {bad.size} value(s) <= 0 (first {arr[bad[0]]:g} "
                         f"at index {bad[0]}), which a log axis cannot show")  # fmt: skip
    return arr


def runs(value, name, where):
    """``value`` as a (runs x epochs) float64 array: a list of equal-length runs (or a 2-D
    array), at least one run of at least one epoch; NaN and inf are left to the figure."""
    if isinstance(value, (list, tuple)):
        lengths = [len(r) if hasattr(r, "__len__") else None for r in value]
        if None not in lengths and len(set(lengths)) > 1:
            raise ValueError(f"{where}: {name} holds runs of different lengths "
                             f"{sorted(set(lengths))}; give every run the same epochs")  # fmt: skip
    arr = _validate.reals(value, f"{where}: {name}")[0]
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"{where}: {name} must be runs x epochs (a list of runs, each a list "
                         f"of numbers), got shape {arr.shape}")  # fmt: skip
    return arr


def points(value, name, where):
    """``value`` as a finite float64 array of shape (n, 2), n >= 1: points of the plane."""
    X = _validate.float_array(value, name, where)
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] < 1:
        raise ValueError(f"{where}: {name} must have shape (n, 2) with n >= 1, got {X.shape}")
    return X


def labels01(value, name, where, size):  # size class labels, each 0 or 1, as floats
    y = values(value, name, where, size=size)
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(f"{where}: {name} must hold class labels 0 and 1, "
                         f"got {sorted(set(y.tolist()) - {0.0, 1.0})[:3]}")  # fmt: skip
    return y


def mapping(value, name, where, what, empty=False):  # a dict of what, non-empty unless empty
    if not isinstance(value, Mapping):
        raise TypeError(f"{where}: {name} must map a label to {what} (a dict), "
                        f"got {type(value).__name__}")  # fmt: skip
    if not value and not empty:
        raise ValueError(f"{where}: {name} is empty; give at least one label -> {what}")
    return value


def function(value, name, where, what):  # a callable
    if not callable(value):
        raise TypeError(f"{where}: {name} must be a function {what}, got {type(value).__name__}")
    return value


def model(value, label, where):
    """A model with a ``predict`` method (an :class:`actlab.nn.MLP`), from ``models[label]``."""
    if not callable(getattr(value, "predict", None)):
        raise TypeError(f"{where}: models[{label!r}] must be a model such as an nn.MLP; "
                        f"{label!r} has no predict method ({type(value).__name__})")  # fmt: skip
    return value


def answers(out, n, name, where):
    """What a model or a ``predict`` function returned for ``n`` inputs: ``n`` numbers (booleans
    read as 0 and 1), as a 1-D float64 array; NaN and inf are left to the figure."""
    out = np.asarray(out)
    if out.dtype.kind == "b":
        out = out.astype(float)
    if out.size != n:
        raise ValueError(f"{where}: {name} returned {out.size} values for {n} inputs; "
                         "expected one per input")  # fmt: skip
    return values(out, name, where, finite=False)


def predictions(model, grid, label, where):  # models[label].predict(grid): one value per row
    return answers(model.predict(grid), len(grid), f"models[{label!r}].predict", where)


def display_names(value, where):
    """None or a dict registry name -> the name a figure shows (``{"relu": "ReLU"}``). A chapter
    may pass one dict to all its figures, so a name need not be drawn; it must be a registry
    name, so that a typo does not leave the registry's name in the figure unnoticed."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise TypeError(f"{where}: display_names must be a dict of strings, name -> shown name, "
                        f"got {value!r}")  # fmt: skip
    from actlab import activations

    unknown = sorted(set(value) - set(activations.names()))
    if unknown:
        raise ValueError(f"{where}: display_names names {', '.join(map(repr, unknown))}, "
                         "which is not an activation of the registry")  # fmt: skip
    return dict(value)


# ------------------------------------------------------------------------------ activations


def activation(item, where, name="activation", shown=None):
    """An activation from its registry name, or a callable as is; with a display name.

    Returns ``(fn, label)``; ``shown`` maps a registry name to the label to show instead.
    """
    if isinstance(item, str):
        from actlab import activations

        try:
            fn = activations.get(item)
        except ValueError as err:
            raise ValueError(f"{where}: {name}: {err}") from None
        label = (shown or {}).get(item, item)
    elif callable(item):
        fn = item
        label = getattr(item, "name", getattr(item, "__name__", "activation"))
    else:
        raise TypeError(f"{where}: {name}: expected an activation name or a callable, "
                        f"got {item!r}")  # fmt: skip
    if getattr(fn, "gated", False):
        raise ValueError(
            f"{where}: {label} is vector-valued (a gated unit: each output is a value times a "
            "gate of another input, a * g(b)), so it has no curve of one variable to plot; plot "
            "its gate g, or the surface a * g(b) over a grid of (a, b)"
        )
    if getattr(fn, "vector_valued", False):
        raise ValueError(
            f"{where}: {label} is vector-valued (each output depends on every input), so it has "
            "no curve of one variable to plot"
        )
    return fn, label


def param_text(value):
    """A parameter's value as a label shows it: numbers with ``:g``, anything else by ``str``."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{value:g}"
    if isinstance(value, np.ndarray):
        return f"array{list(value.shape)}" if value.size > 3 else np.array2string(value)
    return str(value)


def activation_list(value, name, where, shown=None):
    """``value`` (one activation, or a list of names, callables and pairs ``(name, {param:
    value})``) as a list of ``(fn, label, params)``; a pair's parameters appear in its label."""
    items = _validate.listing(value, name, where)
    out = []
    for i, item in enumerate(items):
        params = {}
        if isinstance(item, tuple):
            if len(item) != 2 or not isinstance(item[1], Mapping):
                raise TypeError(f"{where}: {name}[{i}]: expected (activation, {{param: value}}), "
                                f"got {item!r}")  # fmt: skip
            item, params = item
        fn, label = activation(item, where, f"{name}[{i}]", shown)
        if params:
            label += " (" + ", ".join(f"{k}={param_text(v)}" for k, v in params.items()) + ")"
        out.append((fn, label, dict(params)))
    return out


def curve(fn, x, params, label, where, derivative=False):
    """``fn(x, **params)`` (or its derivative) as a float64 array of the shape of ``x``: a
    callable that returns anything else is named."""
    if derivative and not callable(getattr(fn, "derivative", None)):
        raise TypeError(f"{where}: {label} has no derivative to draw (a registry activation "
                        "has one; a plain function does not)")  # fmt: skip
    try:
        y = np.asarray(fn.derivative(x, **params) if derivative else fn(x, **params))
    except (TypeError, ValueError) as err:  # a parameter the activation refuses, say
        raise type(err)(f"{where}: {label}: {err}") from err
    if y.shape != x.shape or y.dtype.kind not in "biuf":
        what = "its derivative" if derivative else label
        raise ValueError(
            f"{where}: {what} returned {y.dtype} of shape {y.shape} for inputs of shape "
            f"{x.shape}; an activation returns one number per input"
        )
    return y.astype(float)


def grid(value, name, where, default=None):
    """The inputs of a curve: ``default`` when None, else at least 2 finite increasing values."""
    if value is None and default is not None:
        return default
    x = values(value, name, where, at_least=2)
    if np.any(np.diff(x) <= 0):
        raise ValueError(f"{where}: {name} must increase from one value to the next")
    return x
