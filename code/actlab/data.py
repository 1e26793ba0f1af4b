"""Seeded toy data sets, written with NumPy only, and a seeded train/validation/test split.

Every generator returns ``(X, y)``: X float64 of shape (n, d), y of shape (n,) (int64 class labels
for classification, float64 values for regression). The same seed gives the same arrays bit for
bit; the points come in random order; classes are balanced (their sizes differ by at most one).

>>> X, y = moons(6, noise=0.0, seed=0)
>>> X.shape, y.dtype.name, sorted(y.tolist())
((6, 2), 'int64', [0, 0, 0, 1, 1, 1])
>>> parts = split(X, y, fractions=(0.5, 0.5), seed=0)
>>> [len(p) for p in parts]
[3, 3, 3, 3]
"""

import numbers

import numpy as np


def _n(n, where, minimum=1):
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"{where}: n must be an integer, got {n!r}")
    if n < minimum:
        raise ValueError(f"{where}: n must be at least {minimum}, got {n}")
    return int(n)


def _nonneg(value, name, where):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a number, got {value!r}")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{where}: {name} must be finite and >= 0, got {value}")
    return float(value)


def _rng(seed, where):
    if seed is not None and (
        isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0
    ):
        raise ValueError(f"{where}: seed must be None or a non-negative integer, got {seed!r}")
    return np.random.default_rng(seed)


def _shuffled(X, y, rng):
    order = rng.permutation(len(y))
    return X[order], y[order]


def _classes(n, k):
    """Labels 0..k-1 repeated in turn: class sizes differ by at most one."""
    return np.arange(n, dtype=np.int64) % k


def xor(n=200, noise=0.2, seed=0):
    """XOR: Gaussian clouds around the corners (+-1, +-1); label 1 where the two signs differ.

    With ``noise=0`` the points sit on the corners: the truth table of XOR with 0 written as -1.
    No single line separates the classes (Minsky & Papert's objection to the perceptron).
    """
    where = "data.xor"
    n, noise = _n(n, where), _nonneg(noise, "noise", where)
    rng = _rng(seed, where)
    corner = np.arange(n) % 4
    signs = np.array([[-1, -1], [-1, 1], [1, 1], [1, -1]], dtype=np.float64)[corner]
    y = (signs[:, 0] != signs[:, 1]).astype(np.int64)
    return _shuffled(signs + noise * rng.standard_normal((n, 2)), y, rng)


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles (as in scikit-learn's ``make_moons``), Gaussian noise added.

    Class 0: (cos t, sin t); class 1: (1 - cos t, 1/2 - sin t), for t evenly spaced in [0, pi].
    """
    where = "data.moons"
    n, noise = _n(n, where), _nonneg(noise, "noise", where)
    rng = _rng(seed, where)
    n0 = (n + 1) // 2
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n - n0)
    X = np.vstack(
        [
            np.column_stack([np.cos(t0), np.sin(t0)]),
            np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)]),
        ]
    )
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n0, n - n0])
    return _shuffled(X + noise * rng.standard_normal((n, 2)), y, rng)


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """Two concentric circles: class 0 of radius 1, class 1 of radius ``factor`` in (0, 1)."""
    where = "data.circles"
    n, noise = _n(n, where), _nonneg(noise, "noise", where)
    if isinstance(factor, bool) or not isinstance(factor, numbers.Real) or not 0 < factor < 1:
        raise ValueError(f"{where}: factor must be a number in (0, 1), got {factor!r}")
    rng = _rng(seed, where)
    y = _classes(n, 2)
    t = np.empty(n)
    for label in (0, 1):
        count = int(np.sum(y == label))
        t[y == label] = np.linspace(0, 2 * np.pi, count, endpoint=False)
    radius = np.where(y == 0, 1.0, float(factor))
    X = radius[:, None] * np.column_stack([np.cos(t), np.sin(t)])
    return _shuffled(X + noise * rng.standard_normal((n, 2)), y, rng)


def spirals(n=300, noise=0.05, seed=0, turns=1.5, classes=2):
    """Interleaved spiral arms, one per class, each turning ``turns`` times around the origin.

    Arm j: radius r from 0.05 to 1 and angle 2 pi (turns r + j / classes), so the arms are evenly
    rotated copies; ``classes > 2`` gives a multi-class set for a softmax output.
    """
    where = "data.spirals"
    n, noise = _n(n, where), _nonneg(noise, "noise", where)
    turns = _nonneg(turns, "turns", where)
    if isinstance(classes, bool) or not isinstance(classes, numbers.Integral) or classes < 2:
        raise ValueError(f"{where}: classes must be an integer >= 2, got {classes!r}")
    rng = _rng(seed, where)
    y = _classes(n, classes)
    r = np.empty(n)
    for label in range(classes):
        r[y == label] = np.linspace(0.05, 1.0, int(np.sum(y == label)))
    angle = 2 * np.pi * (turns * r + y / classes)
    X = r[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return _shuffled(X + noise * rng.standard_normal((n, 2)), y, rng)


def sine(n=200, noise=0.1, seed=0):
    """1-D regression: x uniform on [-pi, pi], y = sin(x) + Gaussian noise; X (n, 1), y (n,)."""
    where = "data.sine"
    n, noise = _n(n, where), _nonneg(noise, "noise", where)
    rng = _rng(seed, where)
    x = rng.uniform(-np.pi, np.pi, size=n)
    return x[:, None], np.sin(x) + noise * rng.standard_normal(n)


def split(X, y, fractions=(0.6, 0.2, 0.2), seed=0):
    """Shuffle with ``seed`` and cut into parts of the given fractions (2 or 3, each > 0, sum 1).

    Returns ``X_train, y_train, X_val, y_val, X_test, y_test`` for three fractions, or
    ``X_train, y_train, X_test, y_test`` for two. Part sizes are rounded so they add up to n; every
    part must get at least one example.
    """
    where = "data.split"
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise ValueError(f"{where}: X and y need the same number of rows, got {X.shape}, {y.shape}")
    f = np.asarray(fractions, dtype=np.float64)
    if f.ndim != 1 or len(f) not in (2, 3):
        raise ValueError(f"{where}: fractions must list 2 or 3 numbers, got {fractions!r}")
    if not np.all(np.isfinite(f) & (f > 0)):
        raise ValueError(f"{where}: every fraction must be > 0, got {fractions!r}")
    if abs(f.sum() - 1.0) > 1e-9:
        raise ValueError(f"{where}: fractions must sum to 1, got {fractions!r} (sum {f.sum():g})")
    n = len(y)
    cuts = np.round(np.cumsum(f)[:-1] * n).astype(int)
    sizes = np.diff(np.concatenate([[0], cuts, [n]]))
    if np.any(sizes < 1):
        raise ValueError(f"{where}: {n} examples are too few for fractions {fractions!r}")
    order = _rng(seed, where).permutation(n)
    parts = []
    for idx in np.split(order, cuts):
        parts += [X[idx], y[idx]]
    return tuple(parts)
