r"""Probabilities with a known truth, and how well predicted probabilities match outcomes.

Claim (chapter 4): a sigmoid output "reads as a probability". Lying in (0, 1) is guaranteed;
being *calibrated* (of the cases given 0.8, about 80% are positive) is not, and has to be
measured. :func:`logistic_labels` draws 0/1 labels whose true probability is known,
:math:`P(y = 1 \mid x) = \sigma(wx + b)`, so a model's probabilities can be compared with the
truth itself; :func:`reliability` bins predicted probabilities and compares each bin's mean
prediction with the share of positives in it (the reliability diagram), and
:func:`expected_calibration_error` sums the gaps, weighted by the bins' sizes
(Guo et al. 2017, ``guo2017calibration``).

>>> X, y, p = logistic_labels(n=4, seed=0)
>>> X.shape, y.tolist(), bool(np.all((p > 0) & (p < 1)))
((4, 1), [1.0, 0.0, 0.0, 0.0], True)
>>> r = reliability([0.1, 0.2, 0.8, 0.9], [0.0, 0.0, 1.0, 1.0], bins=2)
>>> r.mean_predicted.tolist(), r.observed.tolist(), r.counts.tolist()
([0.15000000000000002, 0.8500000000000001], [0.0, 1.0], [2, 2])
>>> round(expected_calibration_error([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], bins=2), 3)
0.15
"""

import dataclasses

import numpy as np

from .. import _validate, activations


def logistic_labels(n=200, w=2.0, b=0.0, low=-3.0, high=3.0, seed=0):
    r"""A 1-D binary task whose true probabilities are known: :math:`\sigma(wx + b)`.

    x is drawn uniformly on [low, high]; each label is 1 with probability
    :math:`p = \sigma(wx + b)` and 0 otherwise, so even the best possible model errs on some
    points (the labels are noisy near the switch :math:`x = -b/w`). Returns ``X`` (n, 1),
    ``y`` (n,) float 0/1 and the true probabilities ``p`` (n,). The same seed gives the same
    arrays.
    """
    where = "experiments.logistic_labels"
    n = _validate.positive_int(n, "n", where)
    w, b = _validate.real(w, "w", where), _validate.real(b, "b", where)
    low, high = _validate.real(low, "low", where), _validate.real(high, "high", where)
    if not low < high:
        raise ValueError(f"{where}: low must be below high, got low={low:g}, high={high:g}")
    rng = np.random.default_rng(_validate.seed(seed, where))
    x = rng.uniform(low, high, size=n)
    p = activations.get("sigmoid")(w * x + b)
    y = (rng.uniform(size=n) < p).astype(np.float64)
    return x[:, None], y, p


@dataclasses.dataclass(frozen=True)
class Reliability:
    """Result of :func:`reliability`: one entry per non-empty bin, lowest bin first."""

    edges: np.ndarray  # (bins + 1,) the bin edges on [0, 1]
    mean_predicted: np.ndarray  # mean predicted probability in each non-empty bin
    observed: np.ndarray  # share of positive labels in each non-empty bin
    counts: np.ndarray  # examples in each non-empty bin


def _probabilities_and_labels(p, y, where):
    p = np.ravel(_validate.float_array(p, "p", where))
    y = np.ravel(_validate.float_array(y, "y", where))
    if p.shape != y.shape or p.size == 0:
        raise ValueError(
            f"{where}: p and y need the same, non-zero length, got {p.size} and {y.size}"
        )
    if np.any(~np.isfinite(p)) or np.any((p < 0) | (p > 1)):
        raise ValueError(f"{where}: every probability p must lie in [0, 1]")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{where}: the labels y must be 0 or 1")
    return p, y


def reliability(p, y, bins=10):
    """Bin the predicted probabilities ``p`` into ``bins`` equal widths on [0, 1]; per bin, the
    mean prediction and the share of labels ``y`` that are 1. A calibrated model has the two
    equal in every bin (up to the noise of a finite sample). Returns :class:`Reliability`."""
    where = "experiments.reliability"
    p, y = _probabilities_and_labels(p, y, where)
    bins = _validate.positive_int(bins, "bins", where)
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    counts = np.bincount(index, minlength=bins)
    full = counts > 0
    mean_p = np.bincount(index, weights=p, minlength=bins)[full] / counts[full]
    observed = np.bincount(index, weights=y, minlength=bins)[full] / counts[full]
    return Reliability(edges, mean_p, observed, counts[full])


def expected_calibration_error(p, y, bins=10):
    """The mean, over examples, of the gap between their bin's mean prediction and its share
    of positives (0 for a calibrated model; Guo et al. 2017, ``guo2017calibration``)."""
    r = reliability(p, y, bins)
    return float(np.sum(r.counts * np.abs(r.mean_predicted - r.observed)) / r.counts.sum())
