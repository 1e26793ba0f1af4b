"""Numerically stable building blocks shared by several activations (float64 arrays in and out).

Two facts drive most of what is here.

- ``exp`` overflows for arguments above 709.78, and ``1 + e`` or ``1 - s`` throw away every digit
  of a small ``e`` or ``1 - s``. So each formula is arranged so that the large exponential is never
  formed, and small quantities are computed directly rather than as a difference.
- Below about ``z = -708`` the number ``e**z`` is *subnormal*: it has fewer than 53 significant
  bits, and multiplying it by a large factor (``x * e**x`` with ``x = -720``) multiplies its
  rounding error too. Such thin tails are recomputed with :func:`mul_exp`, after one cheap check
  that almost always finds nothing to do: :func:`below` (one ``min`` over the array) or, in the
  fastest functions, :class:`Watch` (NumPy's own floating-point flags, which cost nothing).

>>> sigmoid(np.array([-800.0, 0.0, 800.0]))  # no overflow warning, exact limits
array([0. , 0.5, 1. ])
"""

import numpy as np

BIG = np.finfo(np.float64).max
EXP_TAIL = -708.0  # e**z is a normal float64 only above z = -708.4 (2.2e-308)


def below(z, threshold=EXP_TAIL):
    """Mask of the entries of ``z`` under ``threshold``, or None if there are none.

    One reduction (``z.min()``) settles the common case; NaN makes ``min`` NaN, so we then look
    entry by entry.
    """
    if z.size == 0 or z.min() >= threshold:
        return None
    mask = z < threshold
    return mask if mask.any() else None


class Watch:
    """Context manager noting whether NumPy raised one of the floating-point flags ``kinds``.

    NumPy checks the processor's flags after every operation anyway; set to ``"call"``, it
    reports them here instead of warning, so finding that nothing went wrong costs nothing (where
    a rare bad entry must be repaired afterwards). ``watch.seen`` is True if a flag was raised.
    """

    def __init__(self, *kinds):
        self.seen = False
        self._state = np.errstate(call=self._note, **dict.fromkeys(kinds, "call"))

    def _note(self, kind, flag):
        self.seen = True

    def __enter__(self):
        self._state.__enter__()
        return self

    def __exit__(self, *exc):
        return self._state.__exit__(*exc)


def mul_exp(a, z):
    """``a * e**z``, accurate where ``e**z`` alone would be subnormal but the product is not.

    ``e**z`` is split into two equal factors, each far from the subnormal range, and the product
    is rounded into it only at the last step. An infinite ``a`` only meets ``z = -inf`` in this
    package, where the limit is 0, so it is clipped to the largest float first (``inf * 0`` would
    be NaN).
    """
    half = np.exp(0.5 * z)
    return np.clip(a, -BIG, BIG) * half * half


def sigmoid(z):
    """The logistic function ``1 / (1 + e**-z)``, correct to a few ulps everywhere.

    Four cheap passes, twice as fast as ``scipy.special.expit`` here. For ``z < -709.78`` the
    exponential overflows to inf and the quotient to 0, which is the limit but not the value
    (a subnormal down to ``z = -745``): if that happened, the tail is recomputed as ``e**z``,
    which is what ``e**z / (1 + e**z)`` rounds to there.
    """
    out = np.negative(z)
    with Watch("over") as watch:
        np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    if watch.seen:
        tail = z < EXP_TAIL
        out[tail] = np.exp(z[tail])
    return out


def sigmoid_grad(z):
    """``sigmoid(z) * sigmoid(-z)`` as ``e / (1 + e)**2`` with ``e = e**-|z|`` (no ``1 - s``)."""
    e = np.abs(z)
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = e + 1.0
    np.square(d, out=d)
    np.divide(e, d, out=d)
    return d


def softplus(z):
    """``log(1 + e**z)`` as ``max(z, 0) + log1p(e**-|z|)``.

    This is what ``np.logaddexp(z, 0)`` computes, with the same stability (no exponential of a
    positive number, ``log1p`` keeps the digits of a small ``e**-|z|``), several times faster
    here. Subnormal results for ``z < -708`` are exact: ``log1p(e) = e`` there.
    """
    e = np.abs(z)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=e)
    e += np.clip(z, 0.0, np.inf)
    return e


def heaviside(t):
    """1 where ``t > 0``, 0 where ``t <= 0`` (including -0.0), NaN where ``t`` is NaN."""
    out = np.empty_like(t)
    np.greater(t, 0.0, out=out)
    return keep_nan(out, t)


def nan_where(ob, xb, mask):
    """Set the block ``ob`` to NaN wherever ``xb`` is NaN, using the boolean block ``mask``."""
    np.isnan(xb, out=mask)
    if mask.any():
        ob[mask] = np.nan


def keep_nan(d, x):
    """Set ``d`` to NaN wherever ``x`` is NaN (in place); return ``d``."""
    nan = np.isnan(x)
    if nan.any():
        d[nan] = np.nan
    return d


def inside(x, lo, hi):
    """1.0 on the open interval ``(lo, hi)``, 0.0 outside and on its ends, NaN for NaN."""
    d = ((x > lo) & (x < hi)).astype(np.float64)
    return keep_nan(d, x)


def scaled_exp(c, z):
    """``c * e**z`` for a float ``c``; the subnormal tail of ``e**z`` goes via :func:`mul_exp`."""
    out = np.exp(z)
    if c != 1.0:
        out *= c
        tail = below(z)
        if tail is not None:
            out[tail] = mul_exp(c, z[tail])
    return out
