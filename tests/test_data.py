"""Tests of actlab.data: shapes, determinism, balanced labels, geometry, split, bad arguments."""

import doctest

import numpy as np
import pytest

from actlab import data

CLASSIFIERS = {
    "xor": (data.xor, 2),
    "moons": (data.moons, 2),
    "circles": (data.circles, 2),
    "spirals": (data.spirals, 2),
}
GENERATORS = [*CLASSIFIERS, "sine"]


def make(name, n=101, seed=0, **kw):
    return getattr(data, name)(n, seed=seed, **kw)


@pytest.mark.parametrize("name", GENERATORS)
@pytest.mark.parametrize("n", [1, 2, 7, 101])
def test_shapes_and_dtypes(name, n):
    X, y = make(name, n)
    assert X.dtype == np.float64 and X.ndim == 2 and X.shape[0] == n
    assert X.shape[1] == (1 if name == "sine" else 2)
    assert y.shape == (n,)
    assert y.dtype == (np.float64 if name == "sine" else np.int64)
    assert np.all(np.isfinite(X)) and np.all(np.isfinite(y))


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_bits_and_different_seed_differs(name):
    X1, y1 = make(name, seed=3)
    X2, y2 = make(name, seed=3)
    assert X1.tobytes() == X2.tobytes() and y1.tobytes() == y2.tobytes()
    X3, _ = make(name, seed=4)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", GENERATORS)
def test_no_global_random_state(name):
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (checks it is untouched)
    make(name)
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


@pytest.mark.parametrize("name", CLASSIFIERS)
@pytest.mark.parametrize("n", [2, 9, 100, 101])
def test_labels_in_range_and_balanced(name, n):
    _, y = make(name, n)
    counts = np.bincount(y, minlength=2)
    assert len(counts) == 2 and counts.sum() == n
    assert counts.max() - counts.min() <= 1


def test_labels_are_shuffled():
    _, y = data.moons(100, seed=0)
    assert not np.array_equal(y, np.sort(y))


@pytest.mark.parametrize("k", [3, 5])
def test_spirals_several_classes(k):
    _, y = data.spirals(301, classes=k, seed=0)
    counts = np.bincount(y)
    assert len(counts) == k and counts.max() - counts.min() <= 1


def test_xor_geometry_without_noise():
    X, y = data.xor(40, noise=0.0, seed=0)
    assert set(np.unique(X)) == {-1.0, 1.0}
    assert np.array_equal(y, (X[:, 0] != X[:, 1]).astype(int))
    assert len(np.unique(X, axis=0)) == 4


def test_moons_and_circles_geometry_without_noise():
    X, y = data.moons(50, noise=0.0, seed=0)
    assert np.allclose(np.hypot(*X[y == 0].T), 1.0)
    assert np.allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    X, y = data.circles(50, noise=0.0, factor=0.3, seed=0)
    assert np.allclose(np.hypot(*X[y == 0].T), 1.0)
    assert np.allclose(np.hypot(*X[y == 1].T), 0.3)


def test_spirals_radius_and_sine_values():
    X, _ = data.spirals(200, noise=0.0, seed=0)
    radius = np.hypot(*X.T)
    assert radius.max() == pytest.approx(1.0) and radius.min() == pytest.approx(0.05)
    X, y = data.sine(200, noise=0.0, seed=0)
    assert np.all(np.abs(X) <= np.pi) and np.array_equal(y, np.sin(X[:, 0]))
    X, y2 = data.sine(200, noise=0.1, seed=0)
    assert 0.05 < np.std(y2 - np.sin(X[:, 0])) < 0.15


def test_noise_scales_the_spread():
    clean, _ = data.xor(400, noise=0.0, seed=1)
    noisy, _ = data.xor(400, noise=0.5, seed=1)
    assert 0.4 < np.std(noisy - clean) < 0.6


def test_split_sizes_disjoint_and_paired():
    X = np.arange(100, dtype=float).reshape(50, 2)
    y = np.arange(50)
    parts = data.split(X, y, seed=0)
    assert [len(p) for p in parts] == [30, 30, 10, 10, 10, 10]
    for Xp, yp in zip(parts[::2], parts[1::2], strict=True):
        assert np.array_equal(Xp[:, 0], 2 * yp)
    ids = np.concatenate(parts[1::2])
    assert sorted(ids.tolist()) == list(range(50))
    assert not np.array_equal(parts[1], np.arange(30))


def test_split_deterministic_and_two_way():
    X, y = data.moons(101, seed=0)
    a, b = data.split(X, y, seed=5), data.split(X, y, seed=5)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[1], data.split(X, y, seed=6)[1])
    parts = data.split(X, y, fractions=(0.8, 0.2), seed=0)
    assert [len(p) for p in parts] == [81, 81, 20, 20]
    assert sum(len(p) for p in data.split(X, y, fractions=(1 / 3, 1 / 3, 1 / 3))[::2]) == 101


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: data.xor(0), ValueError, "n must be at least 1"),
        (lambda: data.moons(2.5), TypeError, "n must be an integer"),
        (lambda: data.circles(True), TypeError, "n must be an integer"),
        (lambda: data.spirals(10, noise=-0.1), ValueError, "noise must be finite and >= 0"),
        (lambda: data.sine(10, noise=float("nan")), ValueError, "noise must be finite"),
        (lambda: data.moons(10, noise="a"), TypeError, "noise must be a number"),
        (lambda: data.circles(10, factor=1.0), ValueError, "factor must be a number in"),
        (lambda: data.spirals(10, classes=1), ValueError, "classes must be an integer >= 2"),
        (lambda: data.spirals(10, turns=-1), ValueError, "turns must be finite and >= 0"),
        (lambda: data.xor(10, seed=-1), ValueError, "seed must be None or a non-negative"),
        (lambda: data.split(np.zeros((5, 2)), np.zeros(4)), ValueError, "same number of rows"),
        (lambda: data.split(np.zeros((9, 1)), np.zeros(9), (0.5, 0.6)), ValueError, "sum to 1"),
        (lambda: data.split(np.zeros((9, 1)), np.zeros(9), (1.2, -0.2)), ValueError, "> 0"),
        (lambda: data.split(np.zeros((9, 1)), np.zeros(9), (0.25,) * 4), ValueError, "2 or 3"),
        (lambda: data.split(np.zeros((2, 1)), np.zeros(2)), ValueError, "too few"),
    ],
)
def test_bad_arguments_raise_with_a_message(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_doctests():
    assert doctest.testmod(data).failed == 0
