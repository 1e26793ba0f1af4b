"""Checking what goes into an activation, and turning a kernel into a public function.

A *kernel* is the bare formula: it takes a float64 array ``x`` (at least 1-d) and keyword-only
parameters, and returns a new array. :func:`public` wraps it so that every activation accepts and
refuses the same things, with messages that name the activation:

- accepted: Python ints and floats, (nested) lists of them, NumPy arrays of float16, float32,
  float64 (either byte order) or any integer dtype. Floats keep their dtype: float16 and float32
  are computed in float64 and rounded once at the end, so they are as accurate as their format
  allows. Ints and lists give float64; a Python int beyond 64 bits becomes the nearest float64,
  and one past the largest float64 (about 1.8e308) is a ValueError that says so.
- refused with a TypeError: booleans (``True`` is far more often a bug than a deliberate 1.0),
  complex numbers, strings, None, objects, dates and times, ragged lists, masked arrays (their
  mask would be silently dropped) and extended precision (it would be silently rounded).
- a scalar (a Python number, a NumPy scalar or a 0-d array) gives a NumPy scalar of the same
  float dtype, the way NumPy's own ufuncs do; everything else gives an array of the input's shape.
- parameters are keyword-only; an unknown one is a TypeError listing those the activation accepts.

Underflow to zero or to a subnormal is the correctly rounded answer in every kernel here, so
:func:`public` ignores it even when the caller asked NumPy to raise on it; overflow, invalid
operations and division by zero are left to the caller's settings, and the kernels avoid them.
"""

import functools
import inspect
import numbers

import numpy as np

FLOATS = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))
ACCEPTS = (
    "real numbers: a float or int, a list of them, or a NumPy array of dtype float16, float32, "
    "float64 or an integer type"
)


def as_input(name, x):
    """Return ``(array, dtype)``: ``x`` as a float64 array, and the dtype the answer must have."""
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(f"{name}: masked arrays are refused (the mask would be lost); {ACCEPTS}")
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name}: expected {ACCEPTS}; got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # e.g. a ragged list
        raise TypeError(f"{name}: expected {ACCEPTS}; could not read {type(x).__name__}") from err
    if arr.dtype.kind == "O" and not isinstance(x, np.ndarray):
        arr = python_reals(name, arr)
    kind = arr.dtype.kind
    if kind == "b":
        raise TypeError(
            f"{name}: booleans are refused (convert with x.astype(float) if you mean 0 and 1); "
            f"expected {ACCEPTS}"
        )
    if kind == "f" and arr.dtype.itemsize <= 8:  # float16, float32, float64 in any byte order
        return arr.astype(np.float64, copy=False), np.dtype(arr.dtype.type)
    if kind in "iu":
        return arr.astype(np.float64), np.dtype(np.float64)
    raise TypeError(f"{name}: expected {ACCEPTS}; got an array of dtype {arr.dtype}")


def python_reals(name, arr):
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
        where = ""
        if arr.ndim:
            i = next(i for i, v in enumerate(arr.flat) if too_large(v))
            index = tuple(int(j) for j in np.unravel_index(i, arr.shape))
            where = f" at index {index[0] if len(index) == 1 else index}"
        raise ValueError(
            f"{name}: the integer{where} is too large for float64, whose largest finite value "
            "is about 1.8e308"
        ) from None


def too_large(v):
    """Whether the number ``v`` is past the largest float64 (so that float(v) overflows)."""
    try:
        float(v)
    except OverflowError:
        return True
    return False


def as_output(y, dtype, scalar):
    """Round ``y`` back to ``dtype``; a scalar input gives a NumPy scalar."""
    if dtype != y.dtype:
        # Past the largest float16/float32 the correctly rounded value is +-inf: no warning due.
        with np.errstate(over="ignore"):
            y = y.astype(dtype)
    return y[0] if scalar else y


BLOCK = 2**15  # 256 KiB of float64: a block and its temporaries stay in the L2 cache


def blockwise(kernel, x, params, vector=False):
    """``kernel(x, **params)`` evaluated on consecutive blocks of ``x`` and pasted together.

    A kernel that needs temporary arrays besides its output then allocates them block-sized:
    every pass works in cache, and the only full-size allocation is the output (large
    temporaries also cost page faults when the allocator returns them to the system). Blocks are
    runs of entries, or of whole rows (the last axis) for a vector function whose output has the
    shape of its input. Only for kernels whose parameters are scalars.
    """
    if vector:
        rows, step = x.reshape(-1, x.shape[-1]), max(1, BLOCK // x.shape[-1])
    else:
        rows, step = x.reshape(-1), BLOCK  # a view when x is contiguous
    out = np.empty(rows.shape)
    for start in range(0, rows.shape[0], step):
        out[start : start + step] = kernel(rows[start : start + step], **params)
    return out.reshape(x.shape)


def public(name, vector=False, blocks=False):
    """Decorator: turn a kernel into the public, checked function of activation ``name``.

    ``vector=True`` marks a function of a whole vector (the last axis), which refuses scalars;
    ``blocks=True`` evaluates the kernel block by block (see :func:`blockwise`).
    """

    def decorate(kernel):
        signature = inspect.signature(kernel)
        accepted = [p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
        listing = ", ".join(accepted) if accepted else "no parameters"

        @functools.wraps(kernel)
        def checked(x, *args, **params):
            if args:
                raise TypeError(
                    f"{name}: parameters are keyword-only (e.g. {name}(x, alpha=0.1)); "
                    f"{name} accepts {listing}"
                )
            unknown = sorted(set(params) - set(accepted))
            if unknown:
                bad = unknown[0]
                raise TypeError(f"{name}: unknown parameter {bad!r}; {name} accepts {listing}")
            arr, dtype = as_input(name, x)
            scalar = arr.ndim == 0
            if scalar and vector:
                raise ValueError(f"{name}: needs an array with at least one axis, got a scalar")
            with np.errstate(under="ignore"):
                if blocks and arr.size > BLOCK:
                    y = blockwise(kernel, arr, params, vector)
                else:
                    y = kernel(arr.reshape(1) if scalar else arr, **params)
                return as_output(y, dtype, scalar)

        checked.kernel = kernel
        return checked

    return decorate


# ----------------------------------------------------------------------------------- parameters


def real(name, param, value):
    """A finite real scalar parameter, as a float (bools, strings, arrays, inf and NaN refused)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name}: parameter {param} must be a real number, got {type(value).__name__}"
        )
    if too_large(value):
        raise ValueError(f"{name}: parameter {param} is too large for float64 (about 1.8e308)")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name}: parameter {param} must be finite, got {value}")
    return value


def positive(name, param, value):
    """A finite real scalar parameter that must be > 0."""
    value = real(name, param, value)
    if value <= 0:
        raise ValueError(f"{name}: parameter {param} must be > 0, got {value}")
    return value


def nonnegative(name, param, value):
    """A finite real scalar parameter that must be >= 0."""
    value = real(name, param, value)
    if value < 0:
        raise ValueError(f"{name}: parameter {param} must be >= 0, got {value}")
    return value


def real_or_array(name, param, value, x):
    """A finite real scalar (as a float) or a finite real array broadcastable to ``x.shape``."""
    if np.ndim(value) == 0 and not isinstance(value, np.ndarray):
        return real(name, param, value)
    arr = np.asarray(value)
    if not (arr.dtype in FLOATS or arr.dtype.kind in "iu"):
        raise TypeError(
            f"{name}: parameter {param} must be a real number or a real array, "
            f"got dtype {arr.dtype}"
        )
    arr = arr.astype(np.float64)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}: parameter {param} must be finite everywhere")
    if arr.ndim == 0:
        return float(arr)
    try:
        shape = np.broadcast_shapes(arr.shape, x.shape)
    except ValueError:
        shape = None
    if shape != x.shape:
        raise ValueError(
            f"{name}: parameter {param} of shape {arr.shape} does not broadcast to the input's "
            f"shape {x.shape}"
        )
    return arr
