"""Turning a kernel into the public, checked function of an activation.

A *kernel* is the bare formula: it takes a float64 array ``x`` (at least 1-d) and keyword-only
parameters, and returns a new array. :func:`public` wraps it so that every activation accepts and
refuses the same things, with messages that name the activation:

- accepted and refused: what :func:`actlab._validate.reals` accepts (real numbers, lists and
  arrays of them) and refuses (booleans, complex numbers, strings and byte buffers, None,
  objects, ragged lists, masked arrays, extended precision). Floats keep their dtype: float16 and
  float32 are computed in float64 and rounded once at the end, so they are as accurate as their
  format allows. Ints and lists give float64; a Python int beyond 64 bits becomes the nearest
  float64, and one past the largest float64 (about 1.8e308) is a ValueError that says so.
- a scalar (a Python number, a NumPy scalar or a 0-d array) gives a NumPy scalar of the same
  float dtype, the way NumPy's own ufuncs do; everything else gives an array of the input's shape.
- parameters are keyword-only; an unknown one is a TypeError listing those the activation accepts.

Underflow to zero or to a subnormal is the correctly rounded answer in every kernel here, so
:func:`public` ignores it even when the caller asked NumPy to raise on it; overflow, invalid
operations and division by zero are left to the caller's settings, and the kernels avoid them.

>>> @public("double")
... def double(x, *, k=2.0):
...     return x * k
>>> double(1.5), double([1, 2]), double(np.float32(1.5)).dtype.name
(np.float64(3.0), array([2., 4.]), 'float32')
>>> double(True)  # doctest: +ELLIPSIS
Traceback (most recent call last):
  ...
TypeError: double: booleans are refused (convert with x.astype(float) if you mean 0 and 1); ...
"""

import functools
import inspect

import numpy as np

from .. import _validate


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


def filled(fill, x, scratch=0, masks=0):
    """The array that ``fill(x_block, out_block, *scratch_blocks)`` writes, block by block.

    For the cheapest kernels (a few additions and comparisons per entry), which PyTorch runs in
    one fused pass: each of their NumPy passes is then over a block that sits in the cache, and
    memory sees one read of ``x`` and one write of the output. ``fill`` must write every entry
    of its output block using only ufuncs with ``out=``; ``scratch`` block-sized float arrays
    and ``masks`` boolean ones are lent to it for temporaries, so no block allocates.
    """
    x = np.ascontiguousarray(x)
    out = np.empty(x.shape)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    size = min(BLOCK, flat_x.size)
    tmps = [np.empty(size) for _ in range(scratch)] + [np.empty(size, bool) for _ in range(masks)]
    for start in range(0, flat_x.size, BLOCK):
        xb, ob = flat_x[start : start + BLOCK], flat_out[start : start + BLOCK]
        fill(xb, ob, *(tmp[: xb.size] for tmp in tmps))
    return out


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
            arr, dtype = _validate.reals(x, name)
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


def public_vjp(name, out_shape):
    """Decorator: turn a vector-Jacobian-product kernel ``vjp(x, g, **params)`` into the public
    ``act.vjp`` of activation ``name``.

    ``x`` and ``g`` are checked as every activation checks its input; ``g`` must have the shape
    ``out_shape(x.shape)`` of the activation's output (for a gated unit half the last axis), and
    the result, of ``x``'s shape, has the wider of the two float dtypes (ints count as float64).
    Kernels get float64 arrays with at least one axis.
    """

    def decorate(kernel):
        signature = inspect.signature(kernel)
        accepted = [p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
        listing = ", ".join(accepted) if accepted else "no parameters"

        @functools.wraps(kernel)
        def checked(x, g, *args, **params):
            if args:
                raise TypeError(f"{name}.vjp: takes (x, g) and keyword-only parameters")
            unknown = sorted(set(params) - set(accepted))
            if unknown:
                raise TypeError(
                    f"{name}.vjp: unknown parameter {unknown[0]!r}; {name} accepts {listing}"
                )
            arr, dtype = _validate.reals(x, name)
            if arr.ndim == 0:
                raise ValueError(f"{name}: needs an array with at least one axis, got a scalar")
            grad, gtype = _validate.reals(g, f"{name}.vjp (g)")
            want = out_shape(arr.shape, name)
            if grad.shape != want:
                raise ValueError(
                    f"{name}.vjp: g must have the shape of the output, {want}, got {grad.shape}"
                )
            with np.errstate(under="ignore"):
                return as_output(kernel(arr, grad, **params), np.promote_types(dtype, gtype),
                                 False)  # fmt: skip

        checked.kernel = kernel
        return checked

    return decorate
