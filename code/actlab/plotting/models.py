"""What models answer: fitted curves over data, predictions of networks, the band an output can
reach, and the regions where a classifier of two inputs answers 1.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_fits([0.0, 1.0], [0.0, 1.0], {"fit": [0.1, 0.9]})
>>> ax.get_xlabel(), len(ax.get_legend().get_texts())
('input $x$', 2)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from . import _args
from ._style import GREY, OKABE_ITO, axes_for, color, fixed_margins, linestyle

# The lines of plot_threshold_regions, one colour each besides its dash (the shading is blue).
_LINE_COLOURS = (OKABE_ITO["black"], OKABE_ITO["reddish purple"], "#444444")


def _data(x, y, where):
    """Data points: ``x`` and ``y`` as finite 1-D arrays of the same length."""
    x, y = _args.values(x, "x", where), _args.values(y, "y", where)
    return x, _args.same_length(x, y, ("x", "y"), where)


def _grid(x, n_grid, where):
    """``n_grid`` inputs spanning ``x``, as a column (n_grid, 1) for ``predict``."""
    n_grid = _args.positive_int(n_grid, "n_grid", where, minimum=2)
    return np.linspace(x.min(), x.max(), n_grid)[:, None]


def plot_fits(
    x: Sequence[float],
    y: Sequence[float],
    curves: Mapping[str, Sequence[float] | tuple],
    ax=None,
    task: str = "regression",
    xlabel: str = "input $x$",
    ylabel: str | None = None,
):
    """Data as points and one or more fitted curves, to compare models on a 1-D task.

    ``curves`` maps a label to predictions at ``x``, or to a pair ``(x_grid, predictions)``. With
    ``task="classification"`` the labels are 0/1 and the band $[0, 1]$ where a probability can lie
    is shaded (and named in the legend), so a curve that leaves it stands out.
    """
    where = "plot_fits"
    task = _args.choice(task, ("regression", "classification"), "task", where)
    curves = _args.mapping(curves, "curves", where, "predictions", empty=True)
    x, y = _data(x, y, where)
    xlabel, ylabel = _args.text(xlabel, "xlabel", where), _args.text(ylabel, "ylabel", where, True)
    lines = {}
    for label, curve in curves.items():
        name = f"curves[{label!r}]"
        if isinstance(curve, tuple):
            if len(curve) != 2:
                raise TypeError(f"{where}: {name} must be predictions at x or a pair (x_grid, "
                                f"predictions), got a tuple of {len(curve)}")  # fmt: skip
            xs = _args.values(curve[0], name, where)
            ys = _args.same_length(xs, _args.values(curve[1], name, where, finite=False),
                                   (f"{name}[0]", f"{name}[1]"), where)  # fmt: skip
        else:
            xs, ys = x, _args.values(curve, name, where, size=x.size, finite=False)
        order = np.argsort(xs, kind="stable")
        lines[label] = xs[order], ys[order]
    ax = axes_for(_args.axes(ax, where))
    ax.scatter(x, y, s=12, color=GREY, alpha=0.6, label="data", zorder=1)
    if task == "classification":
        ax.axhspan(0.0, 1.0, color=OKABE_ITO["sky blue"], alpha=0.15, lw=0, zorder=0,
                   label="[0, 1], where probabilities lie")  # fmt: skip
        for level in (0.0, 1.0):
            ax.axhline(level, color=GREY, linewidth=0.6, zorder=0)
    for i, (label, (xs, ys)) in enumerate(lines.items()):
        ax.plot(xs, ys, color=color(i), linestyle=linestyle(i), lw=2.5, label=label)
    default = "label (1 = yes) / predicted probability" if task == "classification" else "target"
    ax.set(xlabel=xlabel, ylabel=ylabel or default)
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_predictions(
    x: Sequence[float],
    y: Sequence[float],
    models: Mapping[str, object],
    ax=None,
    task: str = "regression",
    xlabel: str = "input $x$",
    ylabel: str | None = None,
    n_grid: int = 301,
):
    """Data as points and each model's predictions as a curve over the range of ``x``.

    ``models`` maps a label to anything with ``predict(X)`` for ``X`` of shape (n, 1) (an
    :class:`actlab.nn.MLP`); the grid of inputs is made here, so a chapter passes networks, not
    arrays prepared for the figure. Drawn by :func:`plot_fits` (``task`` as there).
    """
    where = "plot_predictions"
    _args.choice(task, ("regression", "classification"), "task", where)  # here, not in plot_fits
    _args.axes(ax, where)
    _args.text(ylabel, "ylabel", where, optional=True)
    models = _args.mapping(models, "models", where, "model with a predict method")
    x, _ = _data(x, y, where)
    grid = _grid(x, n_grid, where)
    curves = {
        label: (grid[:, 0], _args.predictions(_args.model(m, label, where), grid, label, where))
        for label, m in models.items()
    }
    return plot_fits(x, y, curves, ax=ax, task=task, xlabel=xlabel, ylabel=ylabel)


def plot_reachable(
    x: Sequence[float],
    y: Sequence[float],
    low: float,
    high: float,
    models: Mapping[str, object] | None = None,
    ax=None,
    xlabel: str = "input $x$",
    ylabel: str = "target",
    band_label: str | None = None,
    n_grid: int = 301,
):
    """What an output bounded to [low, high] can reach: the band, each target joined to the
    nearest point of it, and optional model curves.

    Each target outside the band is joined by a thin vertical line to ``np.clip(y, low, high)``,
    the best any model with outputs in the band can answer there; the mean of the squared lengths
    of these lines over all targets (0 inside the band) is the floor of its mean squared error.
    ``models`` as in :func:`plot_predictions`.
    """
    where = "plot_reachable"
    x, y = _data(x, y, where)
    low, high = _args.real(low, "low", where), _args.real(high, "high", where)
    if not low < high:
        raise ValueError(
            f"{where}: the band [low, high] = [{low:g}, {high:g}] is "
            f"{'empty' if low == high else 'inverted'}; low must be below high"
        )
    models = _args.mapping({} if models is None else models, "models", where,
                           "model with a predict method", empty=True)  # fmt: skip
    xlabel, ylabel = _args.text(xlabel, "xlabel", where), _args.text(ylabel, "ylabel", where)
    band_label = _args.text(band_label, "band_label", where, optional=True)
    grid = _grid(x, n_grid, where)
    curves = {label: _args.predictions(_args.model(m, label, where), grid, label, where)
              for label, m in models.items()}  # fmt: skip
    ax = axes_for(_args.axes(ax, where))
    nearest = np.clip(y, low, high)
    ax.axhspan(low, high, color=OKABE_ITO["sky blue"], alpha=0.15, lw=0, zorder=0,
               label=band_label or f"[{low:g}, {high:g}], the reachable band")  # fmt: skip
    out = y != nearest
    if out.any():  # no legend entry for lines that are not drawn
        ax.vlines(x[out], y[out], nearest[out], color=OKABE_ITO["vermillion"], lw=0.8, zorder=1,
                  label="out of reach: gap to the band")  # fmt: skip
    ax.scatter(x, y, s=12, color=GREY, alpha=0.7, label="data", zorder=2)
    for i, (label, values) in enumerate(curves.items()):
        ax.plot(grid[:, 0], values, color=color(i), linestyle=linestyle(i), lw=2.5, label=label,
                zorder=3)  # fmt: skip
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_decision_regions(
    X: np.ndarray,
    y: Sequence[int],
    models: Mapping[str, object],
    n_grid: int = 121,
    margin: float = 0.15,
):
    """Two-input classifiers side by side: where each answers 1 (shaded) and the data points.

    ``models`` maps a panel title to anything with ``predict(X)`` for ``X`` of shape (n, 2) that
    returns the probability of class 1 (an :class:`actlab.nn.MLP` with a sigmoid output). The
    region where it is above one half is shaded, its edge (the decision boundary) drawn solid;
    class 0 points are circles, class 1 points triangles, so the panels read without colour.
    ``margin`` widens the plotted square around the data by that fraction of its range.
    Returns the array of Axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> class Half:
    ...     def predict(self, X):
    ...         return (X[:, :1] > 0).astype(float)
    >>> axes = plot_decision_regions(np.eye(2), [0, 1], {"x > 0": Half()}, n_grid=5)
    >>> axes[0].get_title(), axes[0].get_xlabel()
    ('x > 0', 'input $x_1$')
    """
    where = "plot_decision_regions"
    X = _args.points(X, "X", where)
    y = _args.labels01(y, "y", where, size=len(X))
    models = _args.mapping(models, "models", where, "model with a predict method")
    models = {title: _args.model(m, title, where) for title, m in models.items()}
    n_grid = _args.positive_int(n_grid, "n_grid", where, minimum=2)
    margin = _args.real(margin, "margin", where)
    if margin < 0:
        raise ValueError(f"{where}: margin must be >= 0, got {margin:g}")
    low, high = X.min(axis=0), X.max(axis=0)
    pad = np.where(high > low, margin * (high - low), 0.5)  # a square around one point
    g1, g2 = (np.linspace(lo, hi, n_grid) for lo, hi in zip(low - pad, high + pad, strict=True))
    G1, G2 = np.meshgrid(g1, g2)
    grid = np.column_stack([G1.ravel(), G2.ravel()])
    answers = {title: _args.predictions(m, grid, title, where).reshape(G1.shape)
               for title, m in models.items()}  # fmt: skip
    n = len(models)
    fig, axes = plt.subplots(1, n, figsize=(2.9 * n + 0.3, 3.0), sharex=True, sharey=True,
                             squeeze=False, layout="constrained")  # fmt: skip
    axes = axes.ravel()
    for ax, (title, p) in zip(axes, answers.items(), strict=True):
        ax.contourf(G1, G2, p > 0.5, levels=[0.5, 1.5], colors=[OKABE_ITO["sky blue"]],
                    alpha=0.35)  # fmt: skip
        if p.min() < 0.5 < p.max():  # a boundary to draw
            ax.contour(G1, G2, p, levels=[0.5], colors=[OKABE_ITO["blue"]], linewidths=1.5)
        for label, marker, c in ((0, "o", OKABE_ITO["vermillion"]), (1, "^", OKABE_ITO["blue"])):
            pts = X[y == label]
            ax.scatter(pts[:, 0], pts[:, 1], s=10, marker=marker, color=c, alpha=0.8,
                       label=f"class {label}")  # fmt: skip
        ax.set_title(title, fontsize="medium")
        ax.set_xlabel("input $x_1$")
    axes[0].set_ylabel("input $x_2$")
    axes[0].legend(frameon=False, fontsize="small", loc="lower left")
    return axes


def plot_threshold_regions(
    predict: Callable,
    X: np.ndarray,
    y: np.ndarray,
    ax=None,
    lines: Sequence[tuple] = (),
    lim: tuple = (-0.5, 1.5),
    title: str | None = None,
    legend: bool = True,
):
    """A two-input classifier's answers over the plane, with the data points on top.

    ``predict(P)`` takes points of shape (n, 2) and returns 0/1 answers (shape (n,) or (n, 1)).
    The region answered 1 is shaded blue, the region answered 0 left light grey; points of
    class 1 are drawn as filled circles, class 0 as open squares, and a point the classifier gets
    wrong is ringed in vermillion. ``lines`` are ``(w1, w2, b)`` triples whose lines
    $w_1 x_1 + w_2 x_2 + b = 0$ are drawn in turn black dashed, reddish purple dash-dotted, dark
    grey dotted (a threshold unit switches on one of them), told apart by colour and by dash.
    Plain-text labels and fixed margins: made to be an explorer's ``draw`` function; there,
    ``legend=False`` draws each frame about twice as fast (explain the markers in the text).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0]])
    >>> ax = plot_threshold_regions(lambda P: P[:, 0] > 0.5, X, [0, 1], lines=[(1, 1, -1)])
    >>> ax.get_xlabel(), [float(v) for v in ax.get_xlim()]
    ('input x1', [-0.5, 1.5])
    """
    where = "plot_threshold_regions"
    predict = _args.function(predict, "predict", where, "of points (n, 2)")
    y = _args.values(y, "y", where)
    X = _args.float_array(X, "X", where)
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] != y.size:
        raise ValueError(f"{where}: X must have shape (len(y), 2) = ({y.size}, 2), "
                         f"got {X.shape}")  # fmt: skip
    y = _args.labels01(y, "y", where, size=len(X))
    lines = [_args.values(t, f"lines[{i}]", where, size=3) for i, t in enumerate(lines)]
    for i, (w1, w2, _) in enumerate(lines):
        if w1 == w2 == 0:
            raise ValueError(f"{where}: lines[{i}] has w1 = w2 = 0, so it is no line")
    lim = _args.limits(lim, "lim", where)
    title = _args.text(title, "title", where, optional=True)
    legend = _args.flag(legend, "legend", where)
    position = (0.15, 0.14, 0.5, 0.76) if legend else (0.14, 0.14, 0.8, 0.76)
    ax = fixed_margins(_args.axes(ax, where), (6, 3.6) if legend else (3.6, 3.6), position)
    grid = np.linspace(*lim, 121)
    G1, G2 = np.meshgrid(grid, grid)
    answer = _args.answers(predict(np.c_[G1.ravel(), G2.ravel()]), G1.size, "predict", where)
    answer = answer.reshape(G1.shape)
    ax.set_facecolor("#f2f2f2")
    if answer.max() > 0.5:  # vector shapes (a raster image would weigh ~30 kB per frame)
        ax.contourf(G1, G2, answer, levels=[0.5, 1.5], colors=[OKABE_ITO["sky blue"]], alpha=0.7)
    for i, (w1, w2, b) in enumerate(lines):
        style = {"color": _LINE_COLOURS[i % len(_LINE_COLOURS)], "linestyle": linestyle(i + 1),
                 "lw": 2, "label": f"unit {i + 1}: z = 0"}  # fmt: skip
        if w2 != 0:
            ax.plot(grid, -(w1 * grid + b) / w2, **style)
        elif w1 != 0:
            ax.axvline(-b / w1, **style)
    got = _args.answers(predict(X), len(X), "predict", where)
    ones, zeros = y == 1, y != 1
    ax.scatter(*X[ones].T, s=70, color=color(0), marker="o", label="class 1", zorder=3)
    ax.scatter(*X[zeros].T, s=70, facecolor="white", edgecolor="black", marker="s",
               label="class 0", zorder=3)  # fmt: skip
    wrong = got != y
    if wrong.any():
        ax.scatter(*X[wrong].T, s=260, facecolor="none", edgecolor=OKABE_ITO["vermillion"],
                   lw=2.2, label="answered wrong", zorder=4)  # fmt: skip
    ax.plot([], [], color=OKABE_ITO["sky blue"], lw=8, alpha=0.7, label="answer 1")
    ax.set(xlim=lim, ylim=lim, xlabel="input x1", ylabel="input x2", xticks=[0, 1], yticks=[0, 1])
    if title:
        ax.set_title(title, fontsize="medium")
    if legend:
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False,
                  fontsize="small")  # fmt: skip
    return ax
