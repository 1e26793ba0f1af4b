r"""Measurements of chapter 9 (softmax): saturation, attention's scaling, the cost of the
Jacobian, softmax in a hidden layer, multi-label outputs, and calibration on the digits.

:func:`saturation` measures how softmax's Jacobian shrinks as the scores grow (as the sigmoid's
slope does); :func:`attention_saturation` does it for the dot products of random queries and keys
of growing dimension, with and without the division by :math:`\sqrt d` of Vaswani et al. (2017,
``vaswani2017attention``); :func:`jacobian_cost` times the back-propagation through softmax with
the full Jacobian against the vector-Jacobian product; :func:`hidden_softmax` trains a softmax
hidden layer against a ReLU one; :func:`multilabel` compares independent sigmoids with one softmax
when an example can have several labels; :func:`digits_calibration` trains a softmax network on
the digits and measures its calibration before and after temperature scaling (Guo et al. 2017,
``guo2017calibration``), with :func:`fit_temperature`, :func:`top_label_ece`,
:func:`bootstrap_ece` and :func:`confusion_matrix`.

>>> s = saturation([1.0, 10.0], classes=4, n=200, seed=0)
>>> bool(s.jacobian[1] < s.jacobian[0])
True
>>> confusion_matrix([0, 1, 1], [0, 1, 0], classes=2).tolist()
[[1, 0], [1, 1]]
>>> round(fit_temperature(np.array([[2.0, 0.0], [0.0, 2.0]]), np.array([0, 1])), 2) > 1
False
"""

import dataclasses
import time

import numpy as np

from .. import _validate, activations, data, nn
from .._seeds import derived_seed
from ..nn.train import one_blas_thread
from .calibration import expected_calibration_error

_softmax = activations.get("softmax")
_log_softmax = activations.get("log_softmax")
_sigmoid = activations.get("sigmoid")


def _seeds(seeds, where):
    seeds = _validate.listing(seeds, "seeds", where)
    return [_validate.seed(s, where) for s in seeds]


def _scales(values, name, where):
    values = _validate.listing(values, name, where)
    return np.array([_validate.positive(v, name, where) for v in values])


def _jacobian_norm(scores):
    """The Frobenius norm of softmax's Jacobian, ``sqrt(sum_ij J_ij^2)``, for each row."""
    return np.linalg.norm(_softmax.derivative(scores), axis=(-2, -1))


@dataclasses.dataclass(frozen=True)
class Saturation:
    """Result of :func:`saturation`, one entry per scale."""

    scales: np.ndarray
    jacobian: np.ndarray  # median over rows of the Frobenius norm of softmax's Jacobian
    top: np.ndarray  # mean over rows of the largest probability
    sigmoid_slope: np.ndarray  # median of sigma'(scale * z) over the same draws z


def saturation(scales, classes=10, n=1000, seed=0):
    r"""How softmax saturates as its scores grow: ``scale * z`` for ``z`` standard normal.

    Claim (chapter 9): as the scores grow, softmax's output approaches a one-hot vector and its
    Jacobian :math:`J = \mathrm{diag}(y) - y y^\top` vanishes, as the sigmoid's slope does
    (for two classes it *is* the sigmoid's slope of the difference). For each scale, ``n`` rows
    of ``classes`` scores are drawn (the same draws for every scale, from ``seed``); returns the
    median Frobenius norm of the Jacobian, the mean largest probability, and, for comparison,
    the median of :math:`\sigma'(\text{scale}\cdot z)` over the first column of the draws.
    """
    where = "experiments.saturation"
    scales = _scales(scales, "scales", where)
    classes = _validate.positive_int(classes, "classes", where)
    if classes < 2:
        raise ValueError(f"{where}: classes must be at least 2, got {classes}")
    n = _validate.positive_int(n, "n", where)
    z = np.random.default_rng(_validate.seed(seed, where)).standard_normal((n, classes))
    jac = np.array([np.median(_jacobian_norm(c * z)) for c in scales])
    top = np.array([_softmax(c * z).max(axis=1).mean() for c in scales])
    slope = np.array([np.median(_sigmoid.derivative(c * z[:, 0])) for c in scales])
    return Saturation(scales, jac, top, slope)


@dataclasses.dataclass(frozen=True)
class AttentionSaturation:
    """Result of :func:`attention_saturation`, one entry per dimension."""

    dims: np.ndarray
    score_std: np.ndarray  # standard deviation of the raw dot products q . k
    top_raw: np.ndarray  # mean largest attention weight, softmax(q K^T)
    top_scaled: np.ndarray  # the same for softmax(q K^T / sqrt(d))
    jacobian_raw: np.ndarray  # median Frobenius norm of the Jacobian, raw scores
    jacobian_scaled: np.ndarray  # the same, scaled scores


def attention_saturation(dims, keys=16, n=500, seed=0):
    r"""Dot-product attention's softmax for queries and keys of growing dimension ``d``.

    Claim (Vaswani et al. 2017, ``vaswani2017attention``): for queries and keys with independent
    entries of mean 0 and variance 1, a dot product :math:`q \cdot k` has variance ``d``, so
    large ``d`` pushes the softmax into regions of tiny gradient; dividing the scores by
    :math:`\sqrt d` keeps their variance at 1. For each ``d``, ``n`` queries and ``keys`` keys
    per query are drawn from ``seed`` (its own stream per dimension); returns the spread of the
    raw scores and, raw and scaled, the mean largest weight and the median Jacobian norm.
    """
    where = "experiments.attention_saturation"
    dims = _validate.listing(dims, "dims", where)
    dims = np.array([_validate.positive_int(d, "dims", where) for d in dims])
    keys = _validate.positive_int(keys, "keys", where)
    if keys < 2:
        raise ValueError(f"{where}: keys must be at least 2, got {keys}")
    n = _validate.positive_int(n, "n", where)
    seed = _validate.seed(seed, where)
    rows = {k: [] for k in ("std", "top_raw", "top_scaled", "jac_raw", "jac_scaled")}
    for d in dims:
        rng = np.random.default_rng([seed, int(d)])
        q = rng.standard_normal((n, 1, d))
        k = rng.standard_normal((n, keys, d))
        scores = np.sum(q * k, axis=-1)  # (n, keys)
        scaled = scores / np.sqrt(d)
        rows["std"].append(scores.std())
        rows["top_raw"].append(_softmax(scores).max(axis=1).mean())
        rows["top_scaled"].append(_softmax(scaled).max(axis=1).mean())
        rows["jac_raw"].append(np.median(_jacobian_norm(scores)))
        rows["jac_scaled"].append(np.median(_jacobian_norm(scaled)))
    return AttentionSaturation(dims, *(np.array(v) for v in rows.values()))


@dataclasses.dataclass(frozen=True)
class JacobianCost:
    """Result of :func:`jacobian_cost`, one entry per number of classes (a timing: it depends
    on the machine)."""

    classes: np.ndarray
    rows: int
    full_seconds: np.ndarray  # form J (rows x k x k) and multiply: g^T J
    vjp_seconds: np.ndarray  # y * (g - sum(g * y))
    full_entries: np.ndarray  # rows * k * k numbers held by the Jacobians
    largest_difference: np.ndarray  # |full - vjp|, largest entry


def jacobian_cost(classes, rows=16, repeats=3, seed=0):
    r"""The back-propagation through softmax two ways, timed (best of ``repeats``).

    With :math:`g = \partial L/\partial y`, the gradient with respect to the scores is
    :math:`g^\top J`. Forming the Jacobian costs :math:`k^2` numbers per row; the
    vector-Jacobian product :math:`y \odot (g - g \cdot y)` costs :math:`k`, which is why
    frameworks never form it. Scores and ``g`` are standard normal from ``seed``; the two
    answers are compared. A timing on this machine (one BLAS thread).
    """
    where = "experiments.jacobian_cost"
    classes = _validate.listing(classes, "classes", where)
    classes = np.array([_validate.positive_int(k, "classes", where) for k in classes])
    rows = _validate.positive_int(rows, "rows", where)
    repeats = _validate.positive_int(repeats, "repeats", where)
    rng = np.random.default_rng(_validate.seed(seed, where))
    full, vjp, diff = [], [], []
    with one_blas_thread():
        for k in classes:
            z, g = rng.standard_normal((2, rows, int(k)))
            times = {"full": [], "vjp": []}
            for _ in range(repeats):
                t = time.perf_counter()
                a = np.einsum("ri,rij->rj", g, _softmax.derivative(z))
                times["full"].append(time.perf_counter() - t)
                t = time.perf_counter()
                b = _softmax.vjp(z, g)
                times["vjp"].append(time.perf_counter() - t)
            full.append(min(times["full"]))
            vjp.append(min(times["vjp"]))
            diff.append(np.abs(a - b).max())
    return JacobianCost(classes, rows, np.array(full), np.array(vjp),
                        rows * classes**2, np.array(diff))  # fmt: skip


@dataclasses.dataclass(frozen=True)
class HiddenRuns:
    """Result of :func:`hidden_softmax`: arrays of shape (rates, seeds) by activation."""

    seeds: tuple
    lrs: np.ndarray
    val_accuracy: dict  # activation -> (rates, seeds)
    test_accuracy: dict  # activation -> (rates, seeds)
    train_loss: dict  # activation -> (rates, seeds)
    base_rate: np.ndarray  # (seeds,) the training set's commonest class, on the test set
    hidden_sum_error: float  # largest |sum of a softmax layer's outputs - 1|
    top_hidden: np.ndarray  # (rates, seeds) mean largest output of the softmax layer

    def best(self, activation):
        """The index of the rate with the highest mean validation accuracy."""
        return int(np.argmax(self.val_accuracy[activation].mean(axis=1)))


def hidden_softmax(seeds=(0, 1, 2), lrs=(0.01, 0.1), dataset="spirals", width=32, epochs=200,
                   data_kw=None):  # fmt: skip
    r"""One hidden layer of ``width`` units, softmax against ReLU, on the same data and seeds.

    Claim (the article, 8d): softmax is not for hidden layers. A softmax layer's outputs sum to
    1, so its units compete: one can rise only if the others fall, and the layer passes on a
    distribution (``width - 1`` free numbers) rather than ``width`` independent features. Each
    seed draws its data (``data.load(dataset, seed)``), the weights (He's, the same for both)
    and the batch order; Adam at each rate of ``lrs`` for ``epochs`` epochs, batches of 32,
    softmax output. Returns validation and test accuracies and final training losses for each
    rate and seed, the base rate, and what the softmax layer outputs (on the test set).
    """
    where = "experiments.hidden_softmax"
    seeds = _seeds(seeds, where)
    lrs = _scales(lrs, "lrs", where)
    width = _validate.positive_int(width, "width", where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    shape = (len(lrs), len(seeds))
    acts = ("softmax", "relu")
    val, test, loss = ({a: np.zeros(shape) for a in acts} for _ in range(3))
    top, base, sums = np.zeros(shape), [], []
    for j, s in enumerate(seeds):
        sp = data.load(dataset, seed=s, **(data_kw or {}))
        base.append(np.mean(sp.y_test == np.bincount(sp.y_train).argmax()))
        for i, lr in enumerate(lrs):
            for act in acts:
                net = nn.MLP([sp.X_train.shape[1], width, sp.classes], activation=act,
                             output="softmax", init="he", seed=s)  # fmt: skip
                h = net.fit(sp.X_train, sp.y_train, epochs=epochs, lr=lr, optimizer="adam",
                            X_val=sp.X_val, y_val=sp.y_val, seed=derived_seed(s, "batches"),
                            progress=False)  # fmt: skip
                val[act][i, j] = h["val_accuracy"][-1]
                test[act][i, j] = net.evaluate(sp.X_test, sp.y_test)["accuracy"]
                loss[act][i, j] = h["loss"][-1]
                if act == "softmax":
                    A = _hidden_outputs(net, sp.X_test)
                    sums.append(np.abs(A.sum(axis=1) - 1).max())
                    top[i, j] = A.max(axis=1).mean()
    return HiddenRuns(tuple(seeds), lrs, val, test, loss, np.array(base), float(max(sums)), top)


def _hidden_outputs(net, X):
    """The first hidden layer's outputs (after its activation)."""
    dense, act = net.layers[0], net.layers[1]
    return act.forward(dense.forward(X))


@dataclasses.dataclass(frozen=True)
class MultiLabelRuns:
    """Result of :func:`multilabel`: one entry per seed."""

    seeds: tuple
    labels: int
    share_multi: np.ndarray  # share of test examples with two labels or more
    exact: dict  # "sigmoid" / "softmax" -> (seeds,) share of test examples with every label right
    per_label: dict  # the same -> (seeds,) share of (example, label) pairs right
    softmax_threshold: np.ndarray  # the threshold chosen for softmax on the training set
    base_rate: np.ndarray  # share of test examples whose label set is the training set's commonest


def _multilabel_data(n, labels, rng):
    """Inputs in the plane; label j is on when the input is on the positive side of line j."""
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    angles = np.pi * np.arange(labels) / labels + rng.uniform(0, np.pi / labels)
    W = np.stack([np.cos(angles), np.sin(angles)])  # (2, labels)
    b = rng.uniform(-0.3, 0.3, size=labels)
    return X, (X @ W + b > 0).astype(float)


def _train_linear(X, Y, head, epochs, lr):
    """A linear layer with sigmoid outputs (binary cross-entropy per label) or one softmax
    (cross-entropy against the labels spread evenly over the ones that are on), by full-batch
    gradient descent. Both gradients are ``(y_hat - target) / n`` at the scores."""
    n, d = X.shape
    W, b = np.zeros((d, Y.shape[1])), np.zeros(Y.shape[1])
    target = Y
    if head == "softmax":
        on = Y.sum(axis=1, keepdims=True)
        target = np.where(on > 0, Y / np.maximum(on, 1), 1.0 / Y.shape[1])
    for _ in range(epochs):
        Z = X @ W + b
        P = _sigmoid(Z) if head == "sigmoid" else _softmax(Z)
        G = (P - target) / n
        W -= lr * X.T @ G
        b -= lr * G.sum(axis=0)
    return W, b


def multilabel(seeds=(0, 1, 2), n=600, labels=3, epochs=300, lr=2.0):
    r"""Several labels per example: independent sigmoids against one softmax.

    Each seed draws a task in the plane (``n`` points, half for training): ``labels``
    half-planes, each example carrying every label whose half-plane holds it (zero, one or
    several). Both models are one linear layer trained by full-batch gradient descent. The
    sigmoids say "on" above 0.5; the softmax's probabilities sum to 1, so at most one can exceed
    0.5: it gets the threshold that scores best on the training set. Returns the test shares of
    examples with every label right, and of single labels right, and the base rate: always
    answering the training set's commonest set of labels.
    """
    where = "experiments.multilabel"
    seeds = _seeds(seeds, where)
    n = _validate.positive_int(n, "n", where)
    labels = _validate.positive_int(labels, "labels", where)
    if labels < 2 or n < 4:
        raise ValueError(f"{where}: needs labels >= 2 and n >= 4, got {labels} and {n}")
    epochs = _validate.positive_int(epochs, "epochs", where)
    lr = _validate.positive(lr, "lr", where)
    exact = {"sigmoid": [], "softmax": []}
    single = {"sigmoid": [], "softmax": []}
    multi, thresholds, base = [], [], []
    grid = np.linspace(0.02, 0.98, 49)
    for s in seeds:
        X, Y = _multilabel_data(n, labels, np.random.default_rng(derived_seed(s, "data")))
        half = n // 2
        Xtr, Ytr, Xte, Yte = X[:half], Y[:half], X[half:], Y[half:]
        multi.append(np.mean(Yte.sum(axis=1) >= 2))
        sets, counts = np.unique(Ytr, axis=0, return_counts=True)
        base.append(np.mean(np.all(Yte == sets[np.argmax(counts)], axis=1)))
        for head in exact:
            W, b = _train_linear(Xtr, Ytr, head, epochs, lr)
            if head == "sigmoid":
                cut = 0.5
                P = _sigmoid(Xte @ W + b)
            else:
                Ptr = _softmax(Xtr @ W + b)
                scores = [np.mean(np.all((Ptr > t) == (Ytr > 0), axis=1)) for t in grid]
                cut = float(grid[int(np.argmax(scores))])
                thresholds.append(cut)
                P = _softmax(Xte @ W + b)
            right = (P > cut) == (Yte > 0)
            exact[head].append(np.mean(np.all(right, axis=1)))
            single[head].append(np.mean(right))
    return MultiLabelRuns(tuple(seeds), labels, np.array(multi),
                          {h: np.array(v) for h, v in exact.items()},
                          {h: np.array(v) for h, v in single.items()},
                          np.array(thresholds), np.array(base))  # fmt: skip


def confusion_matrix(y_true, y_pred, classes):
    """``C[i, j]``: how many examples of class ``i`` were predicted as class ``j``."""
    where = "experiments.confusion_matrix"
    classes = _validate.positive_int(classes, "classes", where)
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    if t.shape != p.shape or t.ndim != 1:
        raise ValueError(f"{where}: y_true and y_pred need the same 1-D shape, got "
                         f"{t.shape} and {p.shape}")  # fmt: skip
    for name, v in (("y_true", t), ("y_pred", p)):
        if v.size and (v.dtype.kind not in "iu" or v.min() < 0 or v.max() >= classes):
            raise ValueError(f"{where}: {name} must hold integer labels 0 to {classes - 1}")
    return np.bincount(t * classes + p, minlength=classes * classes).reshape(classes, classes)


def top_label_ece(probabilities, y, bins=10):
    r"""Top-label expected calibration error (the variant of Guo et al. 2017): each example's
    confidence is its largest probability, its outcome whether that class is the label; the
    confidences are binned into ``bins`` equal widths on [0, 1] and the gaps between each bin's
    mean confidence and accuracy are averaged, weighted by the bins' sizes."""
    where = "experiments.top_label_ece"
    P = _validate.float_array(probabilities, "probabilities", where)
    y = np.asarray(y)
    if P.ndim != 2 or y.shape != (P.shape[0],):
        raise ValueError(f"{where}: probabilities must be (n, k) and y (n,), got "
                         f"{P.shape} and {y.shape}")  # fmt: skip
    correct = (P.argmax(axis=1) == y).astype(float)
    return expected_calibration_error(P.max(axis=1), correct, bins)


def _nll(logits, y, T):
    return -np.mean(_log_softmax(logits / T)[np.arange(len(y)), y])


def fit_temperature(logits, y, low=0.05, high=20.0):
    r"""The temperature :math:`T` that minimises the cross-entropy of
    :math:`\mathrm{softmax}(z / T)` on ``(logits, y)`` (Guo et al. 2017's temperature scaling),
    by golden-section search on :math:`\log T` in [low, high] (the loss is convex in
    :math:`1/T`). The predicted classes never change: dividing by a positive T keeps the order.
    """
    where = "experiments.fit_temperature"
    Z = _validate.float_array(logits, "logits", where)
    y = np.asarray(y)
    if Z.ndim != 2 or y.shape != (Z.shape[0],):
        raise ValueError(f"{where}: logits must be (n, k) and y (n,), got {Z.shape}, {y.shape}")
    a, b = np.log(_validate.positive(low, "low", where)), np.log(high)
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(80):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if _nll(Z, y, np.exp(c)) < _nll(Z, y, np.exp(d)):
            b = d
        else:
            a = c
    return float(np.exp((a + b) / 2))


@dataclasses.dataclass(frozen=True)
class DigitsCalibration:
    """Result of :func:`digits_calibration` for one seed."""

    seed: int
    temperature: float
    accuracy: float  # test accuracy (the same before and after scaling)
    base_rate: float  # the training set's commonest class, scored on the test set
    ece: dict  # "before" / "after" -> top-label ECE on the test set
    nll: dict  # "before" / "after" -> mean cross-entropy on the test set
    train_accuracy: float
    confusion: np.ndarray  # (10, 10) on the test set
    probabilities: dict  # "before" / "after" -> (n_test, 10)
    y_test: np.ndarray


def digits_calibration(seed=0, hidden=64, epochs=40, lr=0.01, bins=10):
    r"""A softmax network on the digits, its calibration before and after temperature scaling.

    Claim (the article, 8d; Guo et al. 2017): softmax ensures probabilities that sum to 1, not
    probabilities that can be taken at their word. The digits are split 60/20/20
    (``data.load("digits", seed)``); one ReLU hidden layer of ``hidden`` units, He's weights,
    Adam at ``lr`` for ``epochs`` epochs (long enough to fit the training set). The temperature
    is fitted on the validation split (:func:`fit_temperature`), and both versions are scored on
    the test split: top-label ECE with ``bins`` bins (:func:`top_label_ece`), cross-entropy,
    accuracy, and the confusion matrix.
    """
    where = "experiments.digits_calibration"
    seed = _validate.seed(seed, where)
    hidden = _validate.positive_int(hidden, "hidden", where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    sp = data.load("digits", seed=seed)
    net = nn.MLP([64, hidden, 10], activation="relu", output="softmax", init="he", seed=seed)
    h = net.fit(sp.X_train, sp.y_train, epochs=epochs, lr=_validate.positive(lr, "lr", where),
                optimizer="adam", seed=derived_seed(seed, "batches"), progress=False)  # fmt: skip
    z_val, z_test = net._forward(sp.X_val), net._forward(sp.X_test)
    T = fit_temperature(z_val, sp.y_val)
    P = {"before": _softmax(z_test), "after": _softmax(z_test / T)}
    y = sp.y_test
    base = float(np.mean(y == np.bincount(sp.y_train).argmax()))
    return DigitsCalibration(
        seed, T, float(np.mean(P["before"].argmax(1) == y)), base,
        {k: top_label_ece(p, y, bins) for k, p in P.items()},
        {"before": float(_nll(z_test, y, 1.0)), "after": float(_nll(z_test, y, T))},
        float(h["accuracy"][-1]), confusion_matrix(y, P["before"].argmax(1), 10), P, y,
    )  # fmt: skip


def bootstrap_ece(probabilities, y, bins=10, n_boot=200, seed=0):
    """The spread of :func:`top_label_ece` from the test set's own sampling: its standard
    deviation over ``n_boot`` resamples of the examples, drawn with replacement from ``seed``.
    A change in the ECE smaller than this is within what another test set of the same size
    could give."""
    where = "experiments.bootstrap_ece"
    P = _validate.float_array(probabilities, "probabilities", where)
    y = np.asarray(y)
    if P.ndim != 2 or y.shape != (P.shape[0],):
        raise ValueError(f"{where}: probabilities must be (n, k) and y (n,), got "
                         f"{P.shape} and {y.shape}")  # fmt: skip
    n_boot = _validate.positive_int(n_boot, "n_boot", where)
    rng = np.random.default_rng(_validate.seed(seed, where))
    picks = rng.integers(len(y), size=(n_boot, len(y)))
    return float(np.std([top_label_ece(P[i], y[i], bins) for i in picks]))
