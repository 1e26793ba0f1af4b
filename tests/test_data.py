"""Tests of actlab.data: shapes, determinism, balanced labels, geometry, split, bad arguments."""

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from actlab import data, nn

CLASSIFIERS = {
    "xor": (data.xor, 2),
    "moons": (data.moons, 2),
    "circles": (data.circles, 2),
    "spirals": (data.spirals, 2),
    "checkerboard": (data.checkerboard, 2),
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
        (lambda: data.xor(0), ValueError, r"data.xor: n must be a positive integer \(>= 1\)"),
        (lambda: data.moons(2.5), TypeError, "data.moons: n must be a positive integer"),
        (lambda: data.circles(True), TypeError, "n must be a positive integer"),
        (lambda: data.spirals(10, noise=-0.1), ValueError, "noise must be >= 0"),
        (lambda: data.sine(10, noise=float("nan")), ValueError, "noise must be finite"),
        (lambda: data.moons(10, noise="a"), TypeError, "noise must be a real number"),
        (lambda: data.circles(10, factor=1.0), ValueError, "factor must be a number in"),
        (lambda: data.spirals(10, classes=1), ValueError, "classes must be an integer >= 2"),
        (lambda: data.spirals(10, turns=-1), ValueError, "turns must be >= 0"),
        (lambda: data.xor(10, seed=-1), ValueError, "seed must be None or a non-negative"),
        (lambda: data.split(np.zeros((5, 2)), np.zeros(4)), ValueError, "same number of rows"),
        (lambda: data.split(np.zeros((9, 1)), np.zeros(9), (0.5, 0.6)), ValueError, "sum to 1"),
        (lambda: data.split(np.zeros((9, 1)), np.zeros(9), (1.2, -0.2)), ValueError, "> 0"),
        (lambda: data.split(np.zeros((9, 1)), np.zeros(9), (0.25,) * 4), ValueError, "2 or 3"),
        (lambda: data.split(np.zeros((2, 1)), np.zeros(2)), ValueError, "too few"),
        (lambda: data.checkerboard(10, tiles=1), ValueError, "tiles must be an integer >= 2"),
        (lambda: data.checkerboard(10, tiles=2.5), TypeError, "tiles must be an integer"),
        (lambda: data.checkerboard(10, noise=-1), ValueError, "noise must be >= 0"),
        (lambda: data.digits(seed=-2), ValueError, "data.digits: seed must be None"),
        (lambda: data.load("mnist"), ValueError, "unknown data set 'mnist'; choose one of"),
        (lambda: data.load("xor", fractions=(0.5, 0.5)), ValueError, "must list 3 numbers"),
        (lambda: data.load("xor", seed=1.5), TypeError, "data.load: seed must be None"),
        (lambda: data.load("xor", seed="a"), TypeError, r"data.load: seed must be None .*\(str\)"),
        (lambda: data.xor(10, seed=2.0), TypeError, r"data.xor: seed must be None .*\(float\)"),
        (lambda: data.digits(seed=True), TypeError, "data.digits: seed must be None"),
        (
            lambda: data.split(np.zeros((4, 1)), np.zeros(4), seed="0"),
            TypeError,
            "data.split: seed must be None",
        ),
        (
            lambda: data.load("digits", n=10),
            TypeError,
            r"data.load: unknown option\(s\) n for 'digits': digits takes no options .*"
            "load itself takes name, seed and fractions",
        ),
        (
            lambda: data.load("moons", noise=0.1, m=5),
            TypeError,
            "data.load: unknown option.s. m for 'moons': moons takes n, noise",
        ),
        (lambda: data.load(3), TypeError, "data.load: name must be a data set's name .a str."),
        (lambda: data.load("xor", fractions=5), TypeError, "data.load: fractions must list 3"),
        (lambda: data.xor([True, 2]), TypeError, "data.xor: n must be a positive integer"),
    ],
)
def test_bad_arguments_raise_with_a_message(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("tiles", [2, 3, 4])
def test_checkerboard_labels_follow_the_squares(tiles):
    X, y = data.checkerboard(2000, noise=0.0, tiles=tiles, seed=1)
    assert np.all(np.abs(X) <= 1.0)
    col, row = (np.floor((X + 1.0) * tiles / 2.0).astype(int)).T
    assert np.array_equal(y, (col + row) % 2)
    # every square is used, and each class fills its own squares only
    squares = set(zip(col.tolist(), row.tolist(), strict=True))
    assert len(squares) == tiles * tiles


def test_checkerboard_is_not_linearly_separable():
    # The best a line through the data can do (least squares on +-1 labels) is near chance.
    X, y = data.checkerboard(2000, noise=0.0, seed=0)
    A = np.column_stack([X, np.ones(len(X))])
    w, *_ = np.linalg.lstsq(A, 2.0 * y - 1.0, rcond=None)
    assert np.mean((A @ w > 0) == (y == 1)) < 0.6


@pytest.fixture(scope="module")
def digits_data():
    return data.digits(seed=0)


def test_digits_shapes_range_and_labels(digits_data):
    X, y = digits_data
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.array_equal(X * 16, np.round(X * 16))  # intensities 0..16, divided by 16
    counts = np.bincount(y)
    assert len(counts) == 10 and counts.min() > 170
    assert not np.array_equal(y, np.sort(y))


def test_digits_rows_are_scikit_learns_shuffled(digits_data):
    from sklearn.datasets import load_digits

    X, y = digits_data
    X0, y0 = load_digits(return_X_y=True)
    key = np.lexsort(np.column_stack([X * 16, y]).T)
    key0 = np.lexsort(np.column_stack([X0, y0]).T)
    assert np.array_equal(X[key] * 16, X0[key0]) and np.array_equal(y[key], y0[key0])
    X2, y2 = data.digits(seed=0)
    assert X2.tobytes() == X.tobytes() and y2.tobytes() == y.tobytes()
    assert not np.array_equal(data.digits(seed=1)[1], y)


def test_shipped_digits_equal_scikit_learns_exactly():
    from sklearn.datasets import load_digits  # a test dependency (requirements-dev.txt)

    X0, y0 = load_digits(return_X_y=True)
    with np.load(Path(data.__file__).parent / "_data" / "digits.npz") as shipped:
        assert sorted(shipped.files) == ["X", "y"]
        X, y = shipped["X"], shipped["y"]
    assert X.dtype == y.dtype == np.uint8 and X.shape == (1797, 64) and y.shape == (1797,)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)  # same values, same order


def test_digits_and_importing_data_do_not_import_sklearn():
    code = "import sys, actlab.data; actlab.data.digits(); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_actlab_module_imports_sklearn():
    package = Path(data.__file__).parent
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 10
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not any(m.split(".")[0] == "sklearn" for m in modules), source


def test_digits_is_nearly_linearly_separable():
    # The claim in data.digits' docstring: a softmax layer with no hidden layer reaches ~97%.
    d = data.load("digits", seed=0)
    net = nn.MLP([64, 10], output="softmax", seed=0)
    net.fit(d.X_train, d.y_train, epochs=50, lr=0.01, optimizer="adam")
    accuracy = net.evaluate(d.X_test, d.y_test)["accuracy"]
    assert 0.94 < accuracy < 1.0


@pytest.mark.parametrize("name", sorted(data.DATASETS))
def test_load_splits_the_generators_data(name):
    kwargs = {} if name == "digits" else {"n": 50}
    d = data.load(name, seed=3, **kwargs)
    X, y = data.DATASETS[name](seed=3, **kwargs)
    n = len(y)
    assert [len(d.y_train), len(d.y_val), len(d.y_test)] == [
        round(0.6 * n),
        round(0.8 * n) - round(0.6 * n),
        n - round(0.8 * n),
    ]
    X_all = np.concatenate([d.X_train, d.X_val, d.X_test])
    y_all = np.concatenate([d.y_train, d.y_val, d.y_test])
    assert X_all.dtype == X.dtype and y_all.dtype == y.dtype
    rows = np.column_stack([X_all, y_all])
    rows0 = np.column_stack([X, y])
    assert np.array_equal(rows[np.lexsort(rows.T)], rows0[np.lexsort(rows0.T)])
    assert not np.array_equal(d.y_train, y[: len(d.y_train)])  # the split shuffles again
    again = data.load(name, seed=3, **kwargs)
    assert all(
        np.array_equal(getattr(d, f), getattr(again, f))
        for f in ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test")
    )
    assert not np.array_equal(data.load(name, seed=4, **kwargs).X_train, d.X_train)
    assert name in repr(d)


def test_load_classes_and_fractions():
    assert data.load("spirals", n=90, classes=3).classes == 3
    assert data.load("moons", n=40).classes == 2
    assert data.load("sine", n=40).classes is None
    d = data.load("moons", n=100, fractions=(0.5, 0.25, 0.25))
    assert [len(d.y_train), len(d.y_val), len(d.y_test)] == [50, 25, 25]
