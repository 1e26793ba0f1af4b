"""Figures about several classes: a probability distribution over them, and a confusion matrix.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_distribution([0.1, 0.2, 0.7], labels=["a", "b", "c"])
>>> [t.get_text() for t in ax.get_xticklabels()]
['a', 'b', 'c']
>>> ax = plot_confusion([[5, 1], [0, 4]])
>>> ax.get_xlabel(), ax.get_ylabel()
('predicted class', 'true class')
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _args
from ._style import GREY, OKABE_ITO, axes_for, fixed_margins


def plot_distribution(
    probabilities: Sequence[float],
    labels: Sequence[str] | None = None,
    ax=None,
    *,
    ylabel: str = "probability",
    title: str | None = None,
    position: tuple | None = None,
):
    """A bar per class: ``probabilities`` (each in [0, 1]), the classes named by ``labels``
    (default 0, 1, ...). A dotted line marks the uniform distribution, 1/k, named in a legend at
    the upper right (put the largest classes first, as a sorted distribution has them). The
    vertical axis runs from 0 to 1 whatever the values, so an explorer's frames compare;
    ``position`` fixes the margins (left, bottom, width, height)."""
    where = "plot_distribution"
    p = _args.values(probabilities, "probabilities", where)
    if p.min() < 0 or p.max() > 1:
        raise ValueError(f"{where}: probabilities must lie in [0, 1], got values from "
                         f"{p.min():g} to {p.max():g}")  # fmt: skip
    if labels is None:
        labels = [str(i) for i in range(p.size)]
    if isinstance(labels, str) or len(labels) != p.size:
        raise ValueError(f"{where}: labels must name each of the {p.size} classes, got "
                         f"{labels!r}")  # fmt: skip
    labels = [_args.text(t, "labels", where) for t in labels]
    ylabel = _args.text(ylabel, "ylabel", where)
    title = _args.text(title, "title", where, optional=True)
    ax = _args.axes(ax, where)
    if position is not None:
        ax = fixed_margins(ax, (5.0, 3.0), _args.position(position, where))
    else:
        ax = axes_for(ax, figsize=(5.0, 3.0))
    x = np.arange(p.size)
    ax.bar(x, p, color=OKABE_ITO["blue"], edgecolor=OKABE_ITO["black"], hatch="//")
    ax.axhline(1 / p.size, color=GREY, linestyle=":", lw=1.5, label=f"uniform, 1/{p.size}")
    ax.set_xticks(x, labels)
    ax.set(ylim=(0, 1), xlabel="class", ylabel=ylabel)
    if title:
        ax.set_title(title, fontsize="medium")
    ax.legend(frameon=False, fontsize="small", loc="upper right")
    return ax


def plot_confusion(counts, labels: Sequence[str] | None = None, ax=None):
    """A confusion matrix: ``counts[i][j]`` examples of true class i predicted as class j, as a
    grid of shaded cells with the count written in each non-zero cell. The shade is the share
    of the true class's row, on a logarithmic scale, so the few mistakes show beside the many
    right answers on the diagonal."""
    from matplotlib.colors import LogNorm

    where = "plot_confusion"
    C = _args.float_array(counts, "counts", where)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.shape[0] < 1:
        raise ValueError(f"{where}: counts must be a square (k, k) table, got shape {C.shape}")
    if not np.isfinite(C).all() or (C < 0).any() or (C != np.round(C)).any():
        raise ValueError(f"{where}: counts must hold whole numbers >= 0")
    k = C.shape[0]
    if labels is None:
        labels = [str(i) for i in range(k)]
    if isinstance(labels, str) or len(labels) != k:
        raise ValueError(f"{where}: labels must name each of the {k} classes, got {labels!r}")
    labels = [_args.text(t, "labels", where) for t in labels]
    ax = axes_for(_args.axes(ax, where), figsize=(4.8, 4.4))
    rows = C.sum(axis=1, keepdims=True)
    share = np.divide(C, rows, out=np.zeros_like(C), where=rows > 0)
    shown = np.where(share > 0, share, np.nan)
    image = ax.imshow(shown, cmap="cividis_r", norm=LogNorm(vmin=1e-3, vmax=1.0))
    for i in range(k):
        for j in range(k):
            if C[i, j]:
                light = share[i, j] > 0.1
                ax.text(j, i, f"{int(C[i, j])}", ha="center", va="center", fontsize="small",
                        color="white" if light else "black")  # fmt: skip
    ax.set_xticks(range(k), labels)
    ax.set_yticks(range(k), labels)
    ax.set(xlabel="predicted class", ylabel="true class")
    ax.figure.colorbar(image, ax=ax, label="share of the true class", shrink=0.8)
    return ax
