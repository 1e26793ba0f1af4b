"""Seeded data sets (toy ones made in NumPy, and a copy of the UCI handwritten digits) and splits.

Every generator returns ``(X, y)``: X float64 of shape (n, d), y of shape (n,) (int64 class labels
for classification, float64 values for regression). The same seed gives the same arrays bit for
bit; the points come in random order; the toy classes are balanced (their sizes differ by at most
one). ``split`` cuts a data set into seeded parts; ``load(name, seed)`` does both in one call and
returns a :class:`Split` with named parts.

>>> X, y = moons(6, noise=0.0, seed=0)
>>> X.shape, y.dtype.name, sorted(y.tolist())
((6, 2), 'int64', [0, 0, 0, 1, 1, 1])
>>> parts = split(X, y, fractions=(0.5, 0.5), seed=0)
>>> [len(p) for p in parts]
[3, 3, 3, 3]
>>> d = load("xor", seed=0, n=100)
>>> d.X_train.shape, d.X_val.shape, d.X_test.shape
((60, 2), (20, 2), (20, 2))
"""

import dataclasses
import importlib.resources
import inspect

import numpy as np

from . import _validate
from ._seeds import derived_seed

#: The digits' images and labels, installed with the package (see :func:`digits`).
_DIGITS = importlib.resources.files(__package__).joinpath("_data").joinpath("digits.npz")


def _rng(seed, where):
    return np.random.default_rng(_validate.seed(seed, where))


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
    n, noise = _validate.positive_int(n, "n", where), _validate.nonnegative(noise, "noise", where)
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
    n, noise = _validate.positive_int(n, "n", where), _validate.nonnegative(noise, "noise", where)
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
    n, noise = _validate.positive_int(n, "n", where), _validate.nonnegative(noise, "noise", where)
    if not 0 < _validate.real(factor, "factor", where) < 1:
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
    n, noise = _validate.positive_int(n, "n", where), _validate.nonnegative(noise, "noise", where)
    turns = _validate.nonnegative(turns, "turns", where)
    classes = _validate.positive_int(classes, "classes", where, minimum=2)
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
    n, noise = _validate.positive_int(n, "n", where), _validate.nonnegative(noise, "noise", where)
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
    try:
        f = np.asarray(fractions, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{where}: fractions must list 2 or 3 numbers, got {fractions!r}") from None
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


def checkerboard(n=400, noise=0.0, seed=0, tiles=4):
    """A checkerboard of ``tiles`` x ``tiles`` squares on [-1, 1]^2, labelled 0 and 1 alternately.

    Each point is drawn uniformly inside a random square of its class (so the classes stay
    balanced), then Gaussian noise of standard deviation ``noise`` is added. The label is
    ``(i + j) % 2`` for the square in column i and row j, counted from the bottom left. No line
    separates the classes, and more tiles make a harder task. ``tiles`` must be an integer >= 2.
    """
    where = "data.checkerboard"
    n, noise = _validate.positive_int(n, "n", where), _validate.nonnegative(noise, "noise", where)
    tiles = _validate.positive_int(tiles, "tiles", where, minimum=2)
    rng = _rng(seed, where)
    y = _classes(n, 2)
    i, j = np.divmod(np.arange(tiles * tiles), tiles)
    squares = [np.flatnonzero((i + j) % 2 == label) for label in (0, 1)]
    square = np.empty(n, dtype=np.int64)
    for label in (0, 1):
        square[y == label] = rng.choice(squares[label], size=int(np.sum(y == label)))
    corner = np.column_stack([i[square], j[square]])
    X = -1.0 + 2.0 * (corner + rng.uniform(size=(n, 2))) / tiles
    return _shuffled(X + noise * rng.standard_normal((n, 2)), y, rng)


def digits(seed=0):
    """Handwritten digits: 1797 images of 8 x 8 pixels, labels 0-9, in random order.

    X is float64 of shape (1797, 64), the pixel intensities (0 to 16 in the original) divided by 16
    so they lie in [0, 1]; y holds int64 labels 0-9 (about 180 of each). ``seed`` only shuffles
    the rows. The images ship inside actlab (``actlab/_data/digits.npz``, 45 kB) and are read
    with NumPy alone, so nothing is downloaded and scikit-learn is not needed.

    Source: the test part of the UCI "Optical Recognition of Handwritten Digits" data set
    (Alpaydin & Kaynak, 1998, ``alpaydin1998optical``; licensed CC BY 4.0), as packaged by
    scikit-learn (``sklearn.datasets.load_digits``, BSD-3-Clause), whose arrays we saved once as
    uint8; ``tests/test_data.py`` checks that the copy equals scikit-learn's exactly.

    A note for chapters: digits is nearly linearly separable. A softmax layer with no hidden layer
    (``nn.MLP([64, 10], output="softmax")``) reaches about 97% test accuracy (measured in
    ``tests/test_data.py`` and on the page "Using actlab.nn on your own data"), so a hidden layer,
    whatever its activation, adds only a point or two here. It is a good stage for training speed
    and for dead units, a poor one for showing why non-linearity matters: use xor, circles,
    spirals or checkerboard for that.
    """
    rng = _rng(seed, "data.digits")
    with _DIGITS.open("rb") as f:
        with np.load(f) as arrays:
            X, y = arrays["X"], arrays["y"]
    return _shuffled(X.astype(np.float64) / 16.0, y.astype(np.int64), rng)


#: The data sets ``load`` knows, by name.
DATASETS = {
    "xor": xor,
    "moons": moons,
    "circles": circles,
    "spirals": spirals,
    "checkerboard": checkerboard,
    "sine": sine,
    "digits": digits,
}


@dataclasses.dataclass(frozen=True)
class Split:
    """A data set cut into training, validation and test parts (see :func:`load`)."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray

    @property
    def classes(self):
        """The number of classes (labels 0..k-1), or None for a regression target."""
        if self.y_train.dtype.kind == "f":
            return None
        return int(max(self.y_train.max(), self.y_val.max(), self.y_test.max())) + 1

    def __repr__(self):
        sizes = ", ".join(f"{k} {len(getattr(self, 'y_' + k))}" for k in ("train", "val", "test"))
        return f"Split({self.name!r}: {sizes}; X has {self.X_train.shape[1]} columns)"


def load(name, seed=0, fractions=(0.6, 0.2, 0.2), **kwargs):
    """Data set ``name`` drawn with ``seed`` and split into train/validation/test parts.

    ``name`` is a key of :data:`DATASETS`; ``kwargs`` go to its generator (``n``, ``noise``, ...;
    ``digits`` takes none). The data are the generator's own for that ``seed`` (``load("moons",
    seed=3)`` splits exactly the points ``moons(seed=3)`` returns); the split shuffles with
    ``derived_seed(seed, "split")``, a stream of its own: not the data's, and not the one
    ``nn.MLP(..., seed=seed)`` draws its weights from. ``fractions`` as in :func:`split`, but three
    are required. Returns a :class:`Split` with ``X_train, y_train, X_val, y_val, X_test,
    y_test``.
    """
    where = "data.load"
    if not isinstance(name, str):
        raise TypeError(
            f"{where}: name must be a data set's name (a str), one of {sorted(DATASETS)}; "
            f"got {name!r}"
        )
    if name not in DATASETS:
        raise ValueError(f"{where}: unknown data set {name!r}; choose one of {sorted(DATASETS)}")
    takes = [p for p in inspect.signature(DATASETS[name]).parameters if p != "seed"]
    if unknown := sorted(set(kwargs) - set(takes)):
        what = f"takes {', '.join(takes)}" if takes else "takes no options (its size is fixed)"
        raise TypeError(
            f"{where}: unknown option(s) {', '.join(unknown)} for {name!r}: {name} {what}, and "
            "load itself takes name, seed and fractions"
        )
    if isinstance(fractions, (str, bytes)) or np.ndim(fractions) != 1:
        raise TypeError(
            f"{where}: fractions must list 3 numbers (train, validation, test), got {fractions!r}"
        )
    if len(fractions) != 3:
        raise ValueError(f"{where}: fractions must list 3 numbers (train, validation, test)")
    split_seed = derived_seed(_validate.seed(seed, where), "split")
    X, y = DATASETS[name](seed=seed, **kwargs)
    return Split(name, *split(X, y, fractions=fractions, seed=split_seed))
