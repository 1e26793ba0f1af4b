"""Checks of the arguments every public function of ``actlab`` receives: the one validation layer.

Every check takes ``(value, name, where)``: the value, what it is called in the message, and the
public function that received it. It returns the value in the form the caller computes with, or
raises a TypeError (wrong kind of thing) or ValueError (right kind, wrong value) whose message
starts with ``where`` and names ``name``. Nothing here imports any other part of ``actlab``.

>>> real(0.5, "lr", "MLP.fit")
0.5
>>> positive_int(3.0, "epochs", "MLP.fit")
Traceback (most recent call last):
  ...
TypeError: MLP.fit: epochs must be a positive integer, got 3.0
>>> float_array([[1, 2]], "X", "MLP.fit").dtype.name
'float64'
"""

import difflib
import numbers
import operator
from collections.abc import Mapping

import numpy as np

FLOATS = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))
REALS = (
    "real numbers: a float or int, a list of them, or a NumPy array of dtype float16, float32, "
    "float64 or an integer type"
)
# Buffers NumPy reads as arrays of small integers: b"ab" would become [97., 98.].
BYTES = (str, bytes, bytearray, memoryview)


# ------------------------------------------------------------------------------------ scalars


def too_large(value):
    """Whether the number ``value`` is past the largest float64 (so that float(value) overflows)."""
    try:
        float(value)
    except OverflowError:
        return True
    return False


def real(value, name, where):
    """A finite real number, as a float (bools, strings, arrays, inf and NaN refused)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {type(value).__name__}")
    if too_large(value):
        raise ValueError(f"{where}: {name} is too large for float64 (about 1.8e308)")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{where}: {name} must be finite, got {value}")
    return value


def positive(value, name, where):
    """A finite real number > 0, as a float."""
    value = real(value, name, where)
    if value <= 0:
        raise ValueError(f"{where}: {name} must be > 0, got {value}")
    return value


def nonnegative(value, name, where):
    """A finite real number >= 0, as a float."""
    value = real(value, name, where)
    if value < 0:
        raise ValueError(f"{where}: {name} must be >= 0, got {value}")
    return value


def fraction(value, name, where):
    """A real number in [0, 1), as a float (a momentum, a dropout rate)."""
    value = real(value, name, where)
    if not 0 <= value < 1:
        raise ValueError(f"{where}: {name} must lie in [0, 1), got {value}")
    return value


def positive_int(value, name, where, minimum=1):
    """An int >= ``minimum`` (1 by default); floats such as 3.0 and bools are refused."""
    kind = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where}: {name} must be {kind}, got {value!r}")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{where}: {name} must be {kind}, got {value!r}") from None
    if value < minimum:
        bound = " (>= 1)" if minimum == 1 else ""  # "an integer >= 2" says it already
        raise ValueError(f"{where}: {name} must be {kind}{bound}, got {value}")
    return value


def seed(value, where, name="seed"):
    """A seed for ``numpy.random.SeedSequence``: None (fresh entropy) or an int >= 0.

    Anything but None or an integer (a str, a float such as 1.5 or 1.0, a bool) is a TypeError;
    a negative integer is a ValueError.
    """
    if value is None:
        return None
    if not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{where}: {name} must be None or a non-negative integer, got {value!r} "
            f"({type(value).__name__})"
        )
    if value < 0:
        raise ValueError(f"{where}: {name} must be None or a non-negative integer, got {value!r}")
    return int(value)


def choice(value, known, name, where):
    """``value`` if it is one of the strings in ``known``."""
    if not isinstance(value, str):
        raise TypeError(f"{where}: {name} must be a string, one of {sorted(known)}; got {value!r}")
    if value not in known:
        raise ValueError(f"{where}: unknown {name} {value!r}; choose one of {sorted(known)}")
    return value


def optional_bool(value, name, where):
    """``value`` if it is None, True or False."""
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{where}: {name} must be None (automatic), True or False; got {value!r}")


def listing(value, name, where, kind=None):
    """A non-empty list of the items of ``value`` (a list, tuple or array; one str is one item).

    ``kind`` (a type or tuple of types), when given, is what every item must be.
    """
    if isinstance(value, str):
        value = [value]
    if value is None or isinstance(value, (bytes, dict)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{where}: {name} must be a list, got {type(value).__name__}")
    items = list(value)
    if not items:
        raise ValueError(f"{where}: {name} is empty; give at least one")
    for i, item in enumerate(items):
        if kind is not None and not isinstance(item, kind):
            raise TypeError(f"{where}: {name}[{i}] is {item!r}, a {type(item).__name__}")
    return items


# ------------------------------------------------------------------------------------- arrays


def _python_reals(arr, where):
    """A float64 array from the object array NumPy makes of Python numbers it cannot hold in an
    integer dtype: an int beyond 64 bits, alone or in a list, perhaps beside floats. Anything
    else in ``arr`` (None, a date, a bool beside a big int) leaves it an object array, refused
    by the caller. Ints up to about 1.8e308 become the nearest float64, as NumPy rounds
    ``[-1, 10**19]``; a larger one is a ValueError (Python's float() refuses it too)."""
    if not all(
        isinstance(v, (int, float, np.integer, np.float16, np.float32)) and not isinstance(v, bool)
        for v in arr.flat
    ):
        return arr
    try:
        return arr.astype(np.float64)
    except OverflowError:
        at = ""
        if arr.ndim:
            i = next(i for i, v in enumerate(arr.flat) if too_large(v))
            index = tuple(int(j) for j in np.unravel_index(i, arr.shape))
            at = f" at index {index[0] if len(index) == 1 else index}"
        raise ValueError(
            f"{where}: the integer{at} is too large for float64, whose largest finite value "
            "is about 1.8e308"
        ) from None


def _holds_bool(value):
    """Whether ``value`` (a number, or a list or tuple nesting numbers and arrays) holds a bool
    anywhere: NumPy would read ``[True, 2.0]`` as ``[1.0, 2.0]``, and a lone True is refused."""
    if isinstance(value, (bool, np.bool_)):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind == "b" or (
            value.dtype.kind == "O" and any(_holds_bool(v) for v in value.flat)
        )
    if isinstance(value, (list, tuple)):
        kinds = set(map(type, value))  # one pass in C: a list of a million floats stays cheap
        if bool in kinds or np.bool_ in kinds:
            return True
        if any(issubclass(k, (list, tuple, np.ndarray)) for k in kinds):
            return any(_holds_bool(v) for v in value if isinstance(v, (list, tuple, np.ndarray)))
    return False


def reals(value, where):
    """Return ``(array, dtype)``: ``value`` as a float64 array, and the dtype an answer keeps.

    Accepted: Python ints and floats, (nested) lists of them, NumPy arrays of float16, float32,
    float64 (either byte order) or any integer dtype. Floats keep their dtype; ints and lists give
    float64. Refused with a TypeError: booleans, complex numbers, strings and byte buffers, None,
    objects, dates, ragged lists, masked arrays (their mask would be lost) and extended precision
    (it would be silently rounded). NaN and inf are values like any other here.
    """
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(f"{where}: masked arrays are refused (the mask would be lost); {REALS}")
    if value is None or isinstance(value, BYTES):
        raise TypeError(f"{where}: expected {REALS}; got {type(value).__name__}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as err:  # e.g. a ragged list
        raise TypeError(
            f"{where}: expected {REALS}; could not read {type(value).__name__}"
        ) from err
    if arr.dtype.kind == "O" and not isinstance(value, np.ndarray):
        arr = _python_reals(arr, where)
    kind = arr.dtype.kind
    if kind == "b" or (not isinstance(value, np.ndarray) and _holds_bool(value)):
        raise TypeError(
            f"{where}: booleans are refused (convert with x.astype(float) if you mean 0 and 1); "
            f"expected {REALS}"
        )
    if kind == "f" and arr.dtype.itemsize <= 8:  # float16, float32, float64 in any byte order
        return arr.astype(np.float64, copy=False), np.dtype(arr.dtype.type)
    if kind in "iu":
        return arr.astype(np.float64), np.dtype(np.float64)
    raise TypeError(f"{where}: expected {REALS}; got an array of dtype {arr.dtype}")


def float_array(value, name, where):
    """``value`` as a float64 array of finite real numbers (booleans and byte buffers refused)."""
    if value is None or isinstance(value, BYTES):
        raise TypeError(f"{where}: {name} must be an array of real numbers, got "
                        f"{type(value).__name__}")  # fmt: skip
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{where}: {name} is not a rectangular array ({exc})") from None
    if arr.dtype.kind == "b" or (not isinstance(value, np.ndarray) and _holds_bool(value)):
        raise TypeError(
            f"{where}: {name} holds booleans; convert with .astype(float) if you mean 0 and 1"
        )
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{where}: {name} must hold real numbers, got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{where}: {name} contains NaN or inf")
    return arr


def matrix(value, name, where, columns):
    """``value`` as a finite float64 array of shape (n, ``columns``) with n >= 1."""
    X = float_array(value, name, where)
    if X.ndim != 2:
        hint = f" (use {name}.reshape(-1, 1) for one feature)" if X.ndim == 1 else ""
        raise ValueError(
            f"{where}: {name} must be 2-D with shape (n, {columns}), got {X.shape}{hint}"
        )
    if X.shape[0] < 1:
        raise ValueError(f"{where}: {name} has no rows")
    if X.shape[1] != columns:
        raise ValueError(
            f"{where}: {name} has {X.shape[1]} columns but the network's first layer expects "
            f"{columns}"
        )
    return X


def real_or_array(value, name, where, shape):
    """A finite real number (as a float) or a finite real array that broadcasts to ``shape``."""
    if np.ndim(value) == 0 and not isinstance(value, np.ndarray):
        return real(value, name, where)
    if _holds_bool(value):
        raise TypeError(f"{where}: {name} must be a real number or a real array, not booleans")
    arr = np.asarray(value)
    if not (arr.dtype in FLOATS or arr.dtype.kind in "iu"):
        raise TypeError(
            f"{where}: {name} must be a real number or a real array, got dtype {arr.dtype}"
        )
    arr = arr.astype(np.float64)
    if not np.isfinite(arr).all():
        raise ValueError(f"{where}: {name} must be finite everywhere")
    if arr.ndim == 0:
        return float(arr)
    try:
        broadcast = np.broadcast_shapes(arr.shape, shape)
    except ValueError:
        broadcast = None
    if broadcast != tuple(shape):
        raise ValueError(
            f"{where}: {name} of shape {arr.shape} does not broadcast to the input's shape "
            f"{tuple(shape)}"
        )
    return arr


# -------------------------------------------- more kinds of argument (appended as they came)


def boolean(value, name, where):
    """``value`` if it is True or False (NumPy's bool too); a str such as "yes" is refused."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{where}: {name} must be True or False, got {value!r}")


def mapping(value, name, where):
    """A dict copy of the mapping ``value`` (None gives an empty dict)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{where}: {name} must be a dict (or None), got {type(value).__name__} {value!r}"
        )
    return dict(value)


def positive_pair(value, name, where, meaning="(first, second)"):
    """Two finite real numbers > 0, as a tuple of floats (a figure's width and height, say)."""
    if isinstance(value, BYTES) or not isinstance(value, (tuple, list, np.ndarray)):
        raise TypeError(f"{where}: {name} must be two numbers {meaning}, got {value!r}")
    if len(value) != 2:
        raise ValueError(f"{where}: {name} must be two numbers {meaning}, got {len(value)} values")
    return tuple(positive(v, f"{name}[{i}]", where) for i, v in enumerate(value))


def known_keys(value, known, name, where):
    """``value`` (a mapping) if every key is one of ``known``; else a ValueError naming the
    unknown keys and the known ones (a typo such as "rlu" for "relu" is not silently ignored)."""
    unknown = [key for key in value if key not in known]
    if unknown:
        close = {}
        for key in unknown:
            if isinstance(key, str):
                close[key] = difflib.get_close_matches(
                    key, [k for k in known if isinstance(k, str)], n=1
                )
        hints = "".join(f" ({k!r}: did you mean {c[0]!r}?)" for k, c in close.items() if c)
        raise ValueError(
            f"{where}: {name} has unknown key(s) {unknown}{hints}; the keys can be {list(known)}"
        )
    return value


def positive_ints(value, name, where):
    """A non-empty list of ints >= 1 (layer widths such as ``hidden=(16, 16)``)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{where}: {name} must be a list of integers, one per layer, like ({value},); "
            f"got the number {value!r}"
        )
    items = listing(value, name, where)
    return [positive_int(v, f"{name}[{i}]", where) for i, v in enumerate(items)]
