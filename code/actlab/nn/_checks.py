"""Argument checks shared by the network's modules: each raises an error that names the problem."""

import numbers
import operator

import numpy as np

from .. import activations


def positive_int(value, name, where):
    """Return ``value`` as an int >= 1, or raise naming ``where`` and ``name``."""
    if isinstance(value, bool):
        raise TypeError(f"{where}: {name} must be a positive integer, got {value!r}")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{where}: {name} must be a positive integer, got {value!r}") from None
    if value < 1:
        raise ValueError(f"{where}: {name} must be a positive integer (>= 1), got {value}")
    return value


def positive_float(value, name, where):
    """Return ``value`` as a finite float > 0, or raise naming ``where`` and ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: {name} must be a positive number, got {value!r}")
    value = float(value)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{where}: {name} must be a positive finite number, got {value}")
    return value


def float_array(a, name, where):
    """Return ``a`` as a float64 array with only finite entries, or raise naming ``name``."""
    try:
        arr = np.asarray(a)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{where}: {name} is not a rectangular array ({exc})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{where}: {name} must hold real numbers, got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{where}: {name} contains NaN or inf")
    return arr


def matrix(X, fan_in, where):
    """Return inputs ``X`` as a float64 array of shape (n, fan_in) with n >= 1."""
    X = float_array(X, "X", where)
    if X.ndim != 2:
        hint = " (use X.reshape(-1, 1) for one feature)" if X.ndim == 1 else ""
        raise ValueError(f"{where}: X must be 2-D with shape (n, {fan_in}), got {X.shape}{hint}")
    if X.shape[0] < 1:
        raise ValueError(f"{where}: X has no rows")
    if X.shape[1] != fan_in:
        raise ValueError(
            f"{where}: X has {X.shape[1]} columns but the network's first layer expects {fan_in}"
        )
    return X


def choice(value, known, name, where):
    """Return ``value`` if it is one of the names in ``known``."""
    if not isinstance(value, str):
        raise TypeError(f"{where}: {name} must be a string, one of {sorted(known)}; got {value!r}")
    if value not in known:
        raise ValueError(f"{where}: unknown {name} {value!r}; choose one of {sorted(known)}")
    return value


def seed(value, where):
    """Return a seed for ``numpy.random.SeedSequence``: None or an int >= 0."""
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 0:
        return int(value)
    raise ValueError(f"{where}: seed must be None or a non-negative integer, got {value!r}")


def momentum(value, where):
    """Return ``value`` as a float in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: momentum must be a number in [0, 1), got {value!r}")
    if not 0 <= value < 1:
        raise ValueError(f"{where}: momentum must lie in [0, 1), got {value}")
    return float(value)


def sizes(sizes):
    """Return the layer sizes as a list of ints >= 1, at least two of them."""
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"MLP: sizes must be a list of layer sizes like [2, 16, 1], got {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"MLP: sizes needs at least 2 entries (inputs and outputs), got {sizes}")
    return [positive_int(s, f"layer size sizes[{i}]", "MLP") for i, s in enumerate(sizes)]


def per_layer(value, count, name, kind):
    """One value for every hidden layer, or a list with one value per hidden layer."""
    if isinstance(value, kind):
        return [value] * count
    if isinstance(value, (list, tuple)) and all(isinstance(v, kind) for v in value):
        if len(value) != count:
            raise ValueError(f"MLP: {name} lists {len(value)} entries for {count} hidden layers")
        return list(value)
    raise TypeError(f"MLP: {name} must be a {kind.__name__} or a list of them, got {value!r}")


def real(value, name, where):
    """Return ``value`` as a finite float (bools, strings and arrays refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{where}: {name} must be finite, got {value}")
    return value


def progress(value, where):
    """Return ``value`` if it is None, True or False."""
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{where}: progress must be None (automatic), True or False; got {value!r}")


def hidden_activation(name, kwargs, units=1):
    """The registry's activation ``name``, checked for use in a hidden layer with ``kwargs``."""
    try:
        act = activations.get(name)
    except ValueError as exc:  # unknown name: the registry suggests the closest ones
        raise ValueError(f"MLP: {exc}") from None
    if act.vector_valued:
        raise ValueError(
            f"MLP: activation {name!r} is vector-valued (each output mixes all units) and cannot "
            "be a hidden activation; use output='softmax' for a probability output"
        )
    unknown = sorted(set(kwargs) - set(act.params))
    if unknown:
        takes = f"takes {sorted(act.params)}" if act.params else "takes no parameters"
        raise TypeError(f"MLP: activation {name!r} {takes}; activation_params has {unknown}")
    try:  # let the activation check its parameter values once, before any training
        act(np.zeros((1, units)), **kwargs)
    except (TypeError, ValueError) as exc:
        msg = f"MLP: activation {name!r} rejects activation_params {kwargs}: {exc}"
        raise type(exc)(msg) from None
    return act
