"""One call per figure: every helper draws on ``ax`` (a new figure when None) and returns the Axes.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; lines also differ in dash pattern, so a figure still reads in greyscale. Every
helper labels its axes and adds a legend when it draws more than one labelled line.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_fits([0.0, 1.0], [0.0, 1.0], {"fit": [0.1, 0.9]})
>>> ax.get_xlabel(), len(ax.get_legend().get_texts())
('input $x$', 2)
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from . import _validate

#: The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
#: Line colours in order of use (yellow last: it has little contrast on white).
COLORS = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish green", "orange",
                                  "reddish purple", "sky blue", "black", "yellow")]  # fmt: skip
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3))]
GREY = "#777777"


def color(i: int) -> str:
    """The ``i``-th colour of the palette (cycling)."""
    return COLORS[i % len(COLORS)]


def linestyle(i: int):
    """The ``i``-th dash pattern (cycling)."""
    return LINESTYLES[i % len(LINESTYLES)]


def _axes(ax, figsize=(6, 3.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _reference_lines(ax, y0=True, x0=True):
    """Thin grey axes through the origin, kept out of the legend."""
    if y0:
        ax.axhline(0.0, color=GREY, linewidth=0.6, zorder=0)
    if x0:
        ax.axvline(0.0, color=GREY, linewidth=0.6, zorder=0)


def _break_jumps(x: np.ndarray, y: np.ndarray, fraction: float = 0.2) -> tuple:
    """Insert NaN where ``y`` jumps, so a discontinuity (the step function) is not drawn as a
    vertical line. A jump is a change between neighbours larger than ``fraction`` of the range of
    ``y`` and ten times the median change: a coarse grid alone does not make one."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    finite = y[np.isfinite(y)]
    change = np.abs(np.diff(y))
    if finite.size < 3 or np.ptp(finite) == 0:
        return x, y
    typical = np.median(change[np.isfinite(change)])
    jumps = np.flatnonzero((change > fraction * np.ptp(finite)) & (change > 10 * typical)) + 1
    return np.insert(x, jumps, np.nan), np.insert(y, jumps, np.nan)


def _values(value, name, where):
    """``value`` as a float64 array (NaN and inf allowed: they are left out of a line)."""
    return _validate.reals(value, f"{where}: {name}")[0]


def _activation(activation, where="plotting"):
    """An activation from its registry name, or a callable as is; with a display name."""
    if isinstance(activation, str):
        from actlab import activations

        fn, name = activations.get(activation), activation
    elif callable(activation):
        fn = activation
        name = getattr(activation, "name", getattr(activation, "__name__", "activation"))
    else:
        raise TypeError(f"{where}: expected an activation name or a callable, got {activation!r}")
    if getattr(fn, "vector_valued", False):
        raise ValueError(
            f"{where}: {name} is vector-valued (each output depends on every input), so it has "
            "no curve of one variable to plot"
        )
    return fn, name


def _param_text(value):
    """A parameter's value as a legend shows it: numbers with ``:g``, anything else by ``str``."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{value:g}"
    if isinstance(value, np.ndarray):
        return f"array{list(value.shape)}" if value.size > 3 else np.array2string(value)
    return str(value)


def _with_params(item, params, where):
    """An item of ``names``: a name, a callable, or ``(either, {param: value})``."""
    own = {}
    if isinstance(item, tuple):
        if len(item) != 2 or not isinstance(item[1], Mapping):
            raise TypeError(f"{where}: expected (activation, {{param: value}}), got {item!r}")
        item, own = item
    fn, label = _activation(item, where)
    if own:
        label += " (" + ", ".join(f"{k}={_param_text(v)}" for k, v in own.items()) + ")"
    return fn, label, {**params, **own}


def plot_activations(
    names: Sequence[str | Callable],
    x: np.ndarray | None = None,
    ax=None,
    derivative: bool = False,
    **params,
):
    """Plot activations (or their derivatives) against their input, one line each.

    ``names`` are registry names (see ``actlab.activations.names()``), callables, or pairs
    ``(name, {"alpha": 0.2})`` whose parameters go to that line only (and appear in its label);
    ``params`` go to every line. ``x`` defaults to 1001 points on [-5, 5]. Jumps are left as gaps
    rather than vertical lines. Vector-valued activations (softmax) are rejected.
    """
    ax = _axes(ax)
    where = "plot_activations"
    names = _validate.listing(names, "names", where)
    x = np.linspace(-5.0, 5.0, 1001) if x is None else _values(x, "x", where)
    for i, item in enumerate(names):
        fn, label, kwargs = _with_params(item, params, where)
        y = fn.derivative(x, **kwargs) if derivative else fn(x, **kwargs)
        ax.plot(*_break_jumps(x, y), color=color(i), linestyle=linestyle(i), lw=2, label=label)
    _reference_lines(ax)
    ax.set_xlabel("input $z$")
    ax.set_ylabel(r"derivative $\phi'(z)$" if derivative else r"output $\phi(z)$")
    ax.legend(loc="upper left", frameon=False)
    return ax


def plot_neuron(
    w: float,
    b: float,
    activation: str | Callable,
    ax=None,
    x: np.ndarray | None = None,
    xlim: tuple = (-3.0, 3.0),
    ylim: tuple = (-3.0, 3.0),
    show_sum: bool = True,
    legend: bool = True,
):
    """One neuron with one input: its output $\\phi(wx + b)$ against $x$, at fixed axis limits.

    With ``show_sum`` the weighted sum $z = wx + b$ is drawn dashed in grey, and a dotted line marks
    where it crosses zero ($x = -b/w$), the point around which the activation switches. Made to be
    an explorer's ``draw`` function: ``lambda ax, **v: plot_neuron(ax=ax, **v)``; there,
    ``legend=False`` keeps every frame small (explain the line styles in the text instead).
    """
    ax = _axes(ax)
    where = "plot_neuron"
    w, b = _validate.real(w, "w", where), _validate.real(b, "b", where)
    x = np.linspace(*xlim, 301) if x is None else _values(x, "x", where)
    fn, name = _activation(activation, where)
    z = w * x + b
    if show_sum:
        ax.plot(x, z, color=GREY, linestyle="--", lw=1.5, label="weighted sum $z = wx + b$")
        if w != 0 and xlim[0] < -b / w < xlim[1]:
            ax.axvline(-b / w, color=GREY, linestyle=":", lw=1, label="$z = 0$ at $x = -b/w$")
    ax.plot(*_break_jumps(x, fn(z)), color=color(0), lw=2.5, label=rf"output $\phi(z)$, {name}")
    _reference_lines(ax)
    ax.set(xlim=xlim, ylim=ylim, xlabel="input $x$", ylabel="value")
    ax.set_title(f"{name}: $w = {w:g}$, $b = {b:g}$")
    if legend:
        ax.legend(loc="upper left", frameon=False, fontsize="small")
    return ax


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
    if task not in ("regression", "classification"):
        raise ValueError(f"plot_fits: task must be 'regression' or 'classification', got {task!r}")
    ax = _axes(ax)
    if not isinstance(curves, Mapping):
        raise TypeError(
            f"plot_fits: curves must map a label to predictions, got {type(curves).__name__}"
        )
    x, y = np.ravel(_values(x, "x", "plot_fits")), np.ravel(_values(y, "y", "plot_fits"))
    ax.scatter(x, y, s=12, color=GREY, alpha=0.6, label="data", zorder=1)
    if task == "classification":
        ax.axhspan(0.0, 1.0, color=OKABE_ITO["sky blue"], alpha=0.15, lw=0, zorder=0,
                   label="[0, 1], where probabilities lie")  # fmt: skip
        for level in (0.0, 1.0):
            ax.axhline(level, color=GREY, linewidth=0.6, zorder=0)
    for i, (label, curve) in enumerate(curves.items()):
        xs, ys = curve if isinstance(curve, tuple) else (x, curve)
        xs, ys = (np.ravel(_values(v, f"curves[{label!r}]", "plot_fits")) for v in (xs, ys))
        order = np.argsort(xs, kind="stable")
        ax.plot(xs[order], ys[order], color=color(i), linestyle=linestyle(i), lw=2.5, label=label)
    default = "label (1 = yes) / predicted probability" if task == "classification" else "target"
    ax.set(xlabel=xlabel, ylabel=ylabel or default)
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_unit_activity(
    x: Sequence[float],
    A: np.ndarray,
    ax=None,
    xlabel: str = "input $x$",
    label: str = "activation",
):
    """Which hidden units respond to which input: a heat map of ``A`` (inputs x units).

    Rows of ``A`` follow ``x`` (sorted here); the vertical axis is the unit index. The colour map
    (cividis) is designed to be read with colour-vision deficiencies.
    """
    ax = _axes(ax)
    x, A = np.ravel(_values(x, "x", "plot_unit_activity")), _values(A, "A", "plot_unit_activity")
    if x.size == 0:
        raise ValueError("plot_unit_activity: x is empty; give at least one input")
    if A.ndim != 2 or A.shape[0] != x.size:
        raise ValueError(
            f"plot_unit_activity: A must have shape (len(x), units) = ({x.size}, units), "
            f"got {A.shape}"
        )
    order = np.argsort(x, kind="stable")
    image = ax.imshow(
        A[order].T,
        aspect="auto",
        origin="lower",
        cmap="cividis",
        interpolation="nearest",
        extent=(x[order][0], x[order][-1], -0.5, A.shape[1] - 0.5),
    )
    ax.figure.colorbar(image, ax=ax, label=label)
    ax.set(xlabel=xlabel, ylabel="hidden unit")
    return ax


def plot_history(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "loss",
    ax=None,
    log: bool = False,
):
    """Learning curves: ``metric`` per epoch for each run, training solid and validation dashed.

    ``histories`` maps a run's label to the dict returned by ``MLP.fit`` (lists or arrays
    ``loss``, ``val_loss``, ``accuracy``, ``val_accuracy``), or to an object that carries one as
    its ``history`` (an ``experiments.TrainingStats``); missing and empty entries are skipped.
    """
    if not isinstance(histories, Mapping):
        raise TypeError(
            f"plot_history: histories must map a run's label to its history, "
            f"got {type(histories).__name__}"
        )
    ax = _axes(ax)
    for i, (label, history) in enumerate(histories.items()):
        history = getattr(history, "history", history)
        if not isinstance(history, Mapping):
            raise TypeError(
                f"plot_history: histories[{label!r}] must be the dict MLP.fit returns, "
                f"got {type(history).__name__}"
            )
        runs = ((metric, "-", "training"), (f"val_{metric}", "--", "validation"))
        for key, style, suffix in runs:
            values = history.get(key)
            values = np.asarray([] if values is None else values, dtype=float)
            if values.size:
                epochs = np.arange(1, len(values) + 1)
                ax.plot(epochs, values, color=color(i), linestyle=style, lw=2,
                        label=f"{label} ({suffix})")  # fmt: skip
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel=metric.replace("_", " "))
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_gallery(names: Sequence[str], ncols: int = 4, x: np.ndarray | None = None):
    """Small multiples: one panel per activation, its value solid and its derivative dashed.

    Returns the array of Axes (panels beyond ``len(names)`` are switched off). Vector-valued
    activations (softmax) are rejected, as in :func:`plot_activations`.
    """
    names = _validate.listing(names, "names", "plot_gallery")
    ncols = _validate.positive_int(ncols, "ncols", "plot_gallery")
    x = np.linspace(-4.0, 4.0, 801) if x is None else _values(x, "x", "plot_gallery")
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(2.4 * ncols, 2.0 * nrows), sharex=True, layout="constrained"
    )
    axes = np.atleast_1d(axes).ravel()
    for ax, name in zip(axes, names, strict=False):
        fn, label = _activation(name, "plot_gallery")
        ax.plot(*_break_jumps(x, fn(x)), color=color(0), lw=2, label="value")
        ax.plot(*_break_jumps(x, fn.derivative(x)), color=color(1), ls="--", lw=1.5,
                label="derivative")  # fmt: skip
        _reference_lines(ax)
        ax.set_title(label, fontsize="medium")
        ax.set_ylim(-2.2, 4.2)
    for ax in axes[len(names) :]:
        ax.set_axis_off()
    for ax in axes[:ncols]:
        ax.set_xlim(x[0], x[-1])
    for ax in axes[-ncols:]:
        ax.set_xlabel("input $z$")
    for ax in axes[::ncols]:
        ax.set_ylabel("value")
    axes[0].legend(loc="upper left", frameon=False, fontsize="x-small")
    return axes


# Figure helpers added for chapter 1 (each draws one figure from the objects the chapter has).

# How chapter 1's prose writes the names its figures show (the registry's names are lower case).
CHAPTER1_NAMES = {"relu": "ReLU"}


def plot_activation_panels(
    names: Sequence[str | Callable],
    x: np.ndarray | None = None,
    ylim: tuple = (-1.2, 3.2),
    ncols: int | None = None,
):
    """Activations side by side, one panel each, on the same axes limits.

    One panel per activation keeps curves that coincide somewhere (the step and ReLU are both 0
    for negative input) from hiding each other, and common limits chosen to show every range
    (tanh reaches -1, ReLU keeps rising) keep the shapes comparable. Grey lines mark 0 and 1.
    ``x`` defaults to 601 points on [-3, 3]. Returns the array of Axes.
    """
    names = [names] if isinstance(names, str) else list(names)
    if not names:
        raise ValueError("plot_activation_panels: give at least one activation")
    x = np.linspace(-3.0, 3.0, 601) if x is None else np.asarray(x, dtype=float)
    ncols = len(names) if ncols is None else ncols
    nrows = -(-len(names) // ncols)
    # Fixed margins rather than a layout engine: the same result here, drawn faster.
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(2.1 * ncols + 0.4, 2.3 * nrows), sharex=True, sharey=True,
        squeeze=False, gridspec_kw={"wspace": 0.08, "hspace": 0.35},
    )  # fmt: skip
    fig.subplots_adjust(left=0.6 / fig.get_figwidth(), right=0.98, top=0.9, bottom=0.2 / nrows)
    axes = axes.ravel()
    for i, (ax, item) in enumerate(zip(axes, names, strict=False)):
        fn, label, kwargs = _with_params(item, {}, "plot_activation_panels")
        label = CHAPTER1_NAMES.get(label, label)
        ax.axhline(1.0, color=GREY, linewidth=0.6, linestyle=":", zorder=0)
        _reference_lines(ax)
        ax.plot(*_break_jumps(x, fn(x, **kwargs)), color=color(i), linestyle=linestyle(i), lw=2.5)
        ax.set_title(label, fontsize="medium")
        ax.set(xlim=(x[0], x[-1]), ylim=ylim)
    for ax in axes[len(names) :]:
        ax.set_axis_off()
    for ax in axes[-ncols:]:
        ax.set_xlabel("input $z$")
    for ax in axes[::ncols]:
        ax.set_ylabel(r"output $\phi(z)$")
    return axes


def plot_layer_activity(
    x: Sequence[float],
    A: np.ndarray,
    ax=None,
    xlabel: str = "input $x$",
    label: str = "output",
    zero_color: str = "#DDDDDD",
):
    """Which units respond to which input, with outputs of exactly 0 in their own colour.

    A heat map of ``A`` (inputs x units; rows follow ``x``, sorted here): positive outputs in the
    cividis colour map (readable with colour-vision deficiencies), and entries that are exactly
    0 in ``zero_color``, named in a legend, so a silent unit cannot be mistaken for a small
    output. Negative outputs, if any, take the colour map's low end.
    """
    ax = _axes(ax, figsize=(6.5, 3.5))
    x, A = np.ravel(np.asarray(x, dtype=float)), np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != x.size or x.size < 2:
        raise ValueError(
            f"plot_layer_activity: A must have shape (len(x), units) with len(x) >= 2, "
            f"got x of length {x.size} and A of shape {A.shape}"
        )
    order = np.argsort(x, kind="stable")
    values = A[order].T
    cmap = plt.get_cmap("cividis").with_extremes(bad=zero_color)
    image = ax.imshow(
        np.ma.masked_equal(values, 0.0),
        aspect="auto",
        origin="lower",
        cmap=cmap,
        interpolation="nearest",
        extent=(x[order][0], x[order][-1], -0.5, A.shape[1] - 0.5),
    )
    ax.figure.colorbar(image, ax=ax, label=label)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(facecolor=zero_color, edgecolor=GREY, label="exactly 0")],
        loc="upper left", bbox_to_anchor=(0.0, -0.18), frameon=False, fontsize="small",
    )  # fmt: skip
    ax.set(xlabel=xlabel, ylabel="unit")
    return ax


def _prediction_grid(x, n_grid, margin=0.0):
    x = np.ravel(np.asarray(x, dtype=float))
    low, high = x.min(), x.max()
    pad = margin * (high - low)
    return np.linspace(low - pad, high + pad, n_grid)[:, None]


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
    grid = _prediction_grid(x, n_grid)
    curves = {}
    for label, model in models.items():
        if not hasattr(model, "predict"):
            raise TypeError(f"plot_predictions: {label!r} has no predict method")
        curves[label] = (grid, np.ravel(model.predict(grid)))
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
    ax = _axes(ax)
    x, y = np.ravel(np.asarray(x, dtype=float)), np.ravel(np.asarray(y, dtype=float))
    nearest = np.clip(y, low, high)
    ax.axhspan(low, high, color=OKABE_ITO["sky blue"], alpha=0.15, lw=0, zorder=0,
               label=band_label or f"[{low:g}, {high:g}], the reachable band")  # fmt: skip
    out = y != nearest
    if out.any():  # no legend entry for lines that are not drawn
        ax.vlines(x[out], y[out], nearest[out], color=OKABE_ITO["vermillion"], lw=0.8, zorder=1,
                  label="out of reach: gap to the band")  # fmt: skip
    ax.scatter(x, y, s=12, color=GREY, alpha=0.7, label="data", zorder=2)
    grid = _prediction_grid(x, n_grid)
    for i, (label, model) in enumerate((models or {}).items()):
        ax.plot(grid[:, 0], np.ravel(model.predict(grid)), color=color(i), linestyle=linestyle(i),
                lw=2.5, label=label, zorder=3)  # fmt: skip
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_neuron_switch(
    w: float,
    b: float,
    names: Sequence[str | Callable] = ("step", "sigmoid", "tanh", "relu"),
    ax=None,
    xlim: tuple = (-3.0, 3.0),
    ylim: tuple = (-2.5, 2.5),
):
    """One neuron with one input, $\\phi(wx + b)$ against $x$, for several activations at once.

    Every activation switches where the weighted sum $z = wx + b$ crosses zero, $x = -b/w$: the
    sum is drawn dotted in grey and the switch as a thin vertical line, labelled with its value.
    Fixed axis limits and a legend outside the plot, so an explorer's frames do not jump;
    labels in plain text, which draws much faster than mathtext in an explorer's many frames.
    The figure gets fixed margins instead of a layout engine: every frame lines up, and an
    explorer draws each about twice as fast.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    ax.figure.set_layout_engine("none")
    ax.set_position((0.1, 0.14, 0.66, 0.76))  # left, bottom, width, height
    x = np.linspace(*xlim, 301)
    z = w * x + b
    for i, item in enumerate(names):
        fn, label = _activation(item)
        ax.plot(*_break_jumps(x, fn(z)), color=color(i), linestyle=linestyle(i), lw=2.2,
                label=CHAPTER1_NAMES.get(label, label))  # fmt: skip
    ax.plot(x, z, color=GREY, linestyle=(0, (1, 2)), lw=1.5, label="sum z = wx + b")
    _reference_lines(ax, x0=False)
    if w != 0 and xlim[0] <= -b / w <= xlim[1]:
        switch = -b / w + 0.0  # adding 0.0 turns -0.0 into 0.0
        ax.axvline(switch, color=GREY, lw=1.0)
        ax.annotate(f"switch\nx = {switch:.2f}", (switch, ylim[1]), xytext=(4, -4),
                    textcoords="offset points", va="top", fontsize="small",
                    color="0.3")  # fmt: skip
    # Plain text rather than mathtext: an explorer draws dozens of frames, and parsing
    # mathtext was a third of the time of each.
    ax.set(xlim=xlim, ylim=ylim, xlabel="input x", ylabel="output \u03c6(wx + b)")
    ax.set_title(f"w = {w:g}, b = {b:g}")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
    return ax


# --- chapter 03 ---


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
    X = np.asarray(_values(X, "X", where), dtype=float)
    y = np.ravel(np.asarray(y))
    if X.ndim != 2 or X.shape[1] != 2 or len(X) != len(y):
        raise ValueError(
            f"{where}: X must have shape (n, 2) and y length n, got X of shape {X.shape} "
            f"and y of length {len(y)}"
        )
    if not isinstance(models, Mapping) or not models:
        raise TypeError(f"{where}: models must map a title to a model with a predict method")
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * (high - low)
    g1, g2 = (np.linspace(lo, hi, n_grid) for lo, hi in zip(low - pad, high + pad, strict=True))
    G1, G2 = np.meshgrid(g1, g2)
    grid = np.column_stack([G1.ravel(), G2.ravel()])
    n = len(models)
    fig, axes = plt.subplots(1, n, figsize=(2.9 * n + 0.3, 3.0), sharex=True, sharey=True,
                             squeeze=False, layout="constrained")  # fmt: skip
    axes = axes.ravel()
    for ax, (title, model) in zip(axes, models.items(), strict=True):
        if not hasattr(model, "predict"):
            raise TypeError(f"{where}: {title!r} has no predict method")
        p = np.ravel(model.predict(grid)).reshape(G1.shape)
        ax.contourf(G1, G2, p > 0.5, levels=[0.5, 1.5], colors=[OKABE_ITO["sky blue"]],
                    alpha=0.35)  # fmt: skip
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


#: The fixed network of :func:`plot_two_layer`: one input, three hidden units, one output.
TWO_LAYER = {
    "W1": np.array([1.0, 1.0, 1.0]),
    "b1": np.array([1.0, -1.0, 1.0]),
    "W2": np.array([1.0, 1.0, -1.0]),
}


def plot_two_layer(w: float, activation: str | Callable = "relu", ax=None):
    """The function a 1-3-1 network draws, $\\sum_j v_j \\phi(w_j x + b_j)$, as weight $w_1$ moves.

    The network is :data:`TWO_LAYER` with its first hidden weight replaced by ``w``. Each hidden
    unit's contribution $v_j \\phi(w_j x + b_j)$ is drawn thin and dashed, the network's output
    (their sum) thick. With a linear ``activation`` every contribution is a straight line, so the
    sum is one too, whatever ``w``; with a non-linear one the sum bends. Fixed limits and
    margins, so an explorer's frames do not jump; plain-text labels draw fast.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_two_layer(0.5, "linear")
    >>> ax.get_xlabel(), ax.get_title()
    ('input x', 'linear hidden units, w1 = 0.5')
    """
    fn, label = _activation(activation, "plot_two_layer")
    w = float(_values(w, "w", "plot_two_layer"))
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    ax.figure.set_layout_engine("none")
    ax.set_position((0.1, 0.14, 0.62, 0.76))
    x = np.linspace(-3.0, 3.0, 241)
    W1 = TWO_LAYER["W1"].copy()
    W1[0] = w
    parts = TWO_LAYER["W2"] * fn(np.outer(x, W1) + TWO_LAYER["b1"])
    for j in range(parts.shape[1]):
        ax.plot(x, parts[:, j], color=color(j + 1), linestyle=linestyle(j + 1), lw=1.2,
                label=f"unit {j + 1}")  # fmt: skip
    ax.plot(x, parts.sum(axis=1), color=color(0), lw=3.0, label="output (the sum)")
    _reference_lines(ax, x0=False)
    ax.set(xlim=(-3, 3), ylim=(-4.5, 4.5), xlabel="input x", ylabel="output")
    ax.set_title(f"{label} hidden units, w1 = {w:g}")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
    return ax


# --- chapter 04 ---


def plot_sigmoid_unit(
    w: float,
    b: float,
    ax=None,
    xlim: tuple = (-4.0, 4.0),
    floor: float = 0.1,
):
    """One sigmoid unit, $\\sigma(wx + b)$ against $x$, with its slope and its flat regions.

    Draws the output $\\sigma(z)$ and the slope $\\sigma'(z)$ at $z = wx + b$ (scaled by 4, so its
    maximum 1/4 reads as 1 on the same axes), and shades where the slope is below ``floor``
    times its maximum: there the unit is *saturated*, its output nearly flat, and a gradient
    through it nearly 0. Fixed limits, plain-text labels and fixed margins, so that an
    explorer's frames line up and draw fast.
    """
    from actlab import activations

    sigmoid = activations.get("sigmoid")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    ax.figure.set_layout_engine("none")
    ax.set_position((0.1, 0.14, 0.6, 0.76))
    x = np.linspace(*xlim, 401)
    z = w * x + b
    flat = sigmoid.derivative(z) < floor * 0.25
    ax.fill_between(x, 0, 1.1, where=flat, color=GREY, alpha=0.2, lw=0,
                    label="saturated")  # fmt: skip
    ax.plot(x, sigmoid(z), color=color(0), lw=2.5, label="output \u03c3")
    ax.plot(x, 4 * sigmoid.derivative(z), color=color(1), linestyle="--", lw=2,
            label="slope \u03c3' \u00d7 4")  # fmt: skip
    ax.axhline(0.0, color=GREY, linewidth=0.6, zorder=0)
    ax.axhline(1.0, color=GREY, linewidth=0.6, linestyle=":", zorder=0)
    share = float(np.mean(flat))
    ax.set(xlim=xlim, ylim=(-0.05, 1.1), xlabel="input x", ylabel="value")
    ax.set_title(f"w = {w:g}, b = {b:g}: saturated on {share:.0%} of the plot")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
    return ax


def plot_learning_curves(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    reference: float | None = None,
    reference_label: str = "reference",
    metric: str = "loss",
    ax=None,
):
    """Training curves of several runs on a log scale, each in its own colour and dash pattern,
    with an optional horizontal reference line (the best loss possible, say).

    ``histories`` maps a run's label to the dict ``MLP.fit`` returns; ``metric`` is the key
    plotted (its values must be positive: the vertical axis is logarithmic).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_learning_curves({"a": {"loss": [1.0, 0.5]}}, reference=0.1)
    >>> ax.get_yscale(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('log', ['a', 'reference'])
    """
    where = "plot_learning_curves"
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError(f"{where}: histories must map a run's label to the dict MLP.fit returns")
    ax = _axes(ax)
    for i, (label, history) in enumerate(histories.items()):
        if not isinstance(history, Mapping) or metric not in history:
            raise TypeError(f"{where}: histories[{label!r}] has no {metric!r} to plot")
        values = np.ravel(_values(history[metric], f"histories[{label!r}]", where))
        ax.plot(np.arange(1, values.size + 1), values, color=color(i), linestyle=linestyle(i),
                lw=2.2, label=label)  # fmt: skip
    if reference is not None:
        ax.axhline(reference, color=GREY, lw=1.0, linestyle=(0, (1, 2)), label=reference_label)
    ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel=f"training {metric.replace('_', ' ')} (log scale)")
    ax.legend(frameon=False, fontsize="small")
    return ax


# --- chapter 05 ---


def _power_of_ten(k: int) -> str:
    """``10`` with the exponent ``k`` in Unicode superscripts, e.g. ``10⁻⁶``; ``1`` for k = 0."""
    if k == 0:
        return "1"
    return "10" + str(int(k)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def plot_signal_by_depth(
    results: Mapping[str, object],
    ax=None,
    bound: float | None = None,
    ylim: tuple = (1e-9, 10.0),
):
    """The back-propagated signal per hidden layer, relative to the top layer, on a log scale.

    ``results`` maps a label to an ``experiments.SignalNorms`` (or to an array of relative
    medians, layer 1 first). Layer 1 is nearest the input and is drawn on the left, so the
    signal travels from right to left. ``bound`` draws ``bound ** (depth - layer)`` in grey: the
    most that a factor ``phi' <= bound`` per layer lets through when the weights keep the size.
    """
    if not isinstance(results, Mapping) or not results:
        raise TypeError(
            "plot_signal_by_depth: results must be a non-empty dict label -> SignalNorms, "
            f"got {type(results).__name__}"
        )
    ax = _axes(ax)
    depth = 1
    for i, (label, r) in enumerate(results.items()):
        relative = np.asarray(getattr(r, "relative", r), dtype=float)
        if relative.ndim != 1 or relative.size < 1:
            raise ValueError(
                f"plot_signal_by_depth: results[{label!r}] must hold one value per layer, "
                f"got shape {relative.shape}"
            )
        layers = np.arange(1, relative.size + 1)
        depth = max(depth, relative.size)
        shown = np.where(relative > 0, relative, np.nan)
        ax.plot(layers, shown, color=color(i), linestyle=linestyle(i), marker="o", ms=3.5,
                lw=2, label=label)  # fmt: skip
    if bound is not None:
        layers = np.arange(1, depth + 1)
        ax.plot(layers, float(bound) ** (depth - layers), color=GREY, linestyle=(0, (1, 2)),
                lw=1.5, label=f"{bound:g} per layer")  # fmt: skip
    ax.set_yscale("log")
    ax.set(xlabel="hidden layer (1 = nearest the input)",
           ylabel="signal / signal at top layer", ylim=ylim)  # fmt: skip
    # Decades labelled in plain text (10⁻⁶): log axes default to mathtext labels, which take
    # most of the drawing time of an explorer's frame.
    low, high = int(np.ceil(np.log10(ylim[0]))), int(np.floor(np.log10(ylim[1])))
    step = max(1, int(np.ceil((high - low) / 6)))
    decades = np.arange(high, low - 1, -step)[::-1]
    ax.set_yticks(10.0**decades, labels=[_power_of_ten(k) for k in decades])
    ax.minorticks_off()
    ax.set_xticks(np.arange(1, depth + 1, max(1, depth // 10)))
    ax.legend(frameon=False, fontsize="small", loc="lower right")
    return ax


def plot_curves_spread(
    curves: Mapping[str, Sequence[Sequence[float]]],
    ax=None,
    ylabel: str = "training loss",
    reference: float | None = None,
    reference_label: str = "",
):
    """Learning curves over several seeds: the mean as a line, the band from the lowest to the
    highest run shaded.

    ``curves`` maps a label to a (seeds x epochs) array (a list of equal-length runs); epoch 1
    is the first point. ``reference`` draws a horizontal grey line (e.g. the loss of guessing).
    """
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError(
            "plot_curves_spread: curves must be a non-empty dict label -> runs x epochs, "
            f"got {type(curves).__name__}"
        )
    ax = _axes(ax)
    for i, (label, runs) in enumerate(curves.items()):
        runs = np.asarray(runs, dtype=float)
        if runs.ndim != 2 or runs.shape[1] < 1:
            raise ValueError(
                f"plot_curves_spread: curves[{label!r}] must be runs x epochs, "
                f"got shape {runs.shape}"
            )
        epochs = np.arange(1, runs.shape[1] + 1)
        ax.fill_between(epochs, runs.min(axis=0), runs.max(axis=0), color=color(i), alpha=0.2,
                        lw=0)  # fmt: skip
        ax.plot(epochs, runs.mean(axis=0), color=color(i), linestyle=linestyle(i), lw=2,
                label=f"{label} (mean of {runs.shape[0]}; band: min-max)")  # fmt: skip
    if reference is not None:
        ax.axhline(reference, color=GREY, lw=1.0, linestyle=(0, (1, 2)), label=reference_label)
    ax.set(xlabel="epoch", ylabel=ylabel)
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_weight_paths(
    paths: Mapping[str, np.ndarray],
    target: Sequence[float],
    ax=None,
    lim: tuple = (-1.5, 1.5),
):
    """Paths of two weights under gradient descent, one per run, from the start to ``target``.

    ``paths`` maps a label to an array (steps + 1, 2) of the weights after each step. The two
    diagonals through the start are drawn in grey: the only directions in which an update can
    move two weights whose inputs are both positive.
    """
    if not isinstance(paths, Mapping) or not paths:
        raise TypeError(
            "plot_weight_paths: paths must be a non-empty dict label -> (steps, 2) array, "
            f"got {type(paths).__name__}"
        )
    ax = _axes(ax, figsize=(5, 4.5))
    grid = np.linspace(*lim, 2)
    for sign in (1, -1):
        ax.plot(grid, sign * grid, color=GREY, lw=0.8, linestyle=(0, (1, 2)))
    for i, (label, path) in enumerate(paths.items()):
        path = np.asarray(path, dtype=float)
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(
                f"plot_weight_paths: paths[{label!r}] must have shape (steps + 1, 2), "
                f"got {path.shape}"
            )
        ax.plot(path[:, 0], path[:, 1], color=color(i), linestyle=linestyle(i), marker="o",
                ms=3, lw=1.5, label=f"{label} ({len(path) - 1} steps)")  # fmt: skip
    ax.plot(*target, marker="*", ms=14, color=OKABE_ITO["black"], linestyle="none",
            label="best weights")  # fmt: skip
    ax.set(xlim=lim, ylim=lim, xlabel="weight $w_1$", ylabel="weight $w_2$", aspect="equal")
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax


# --- chapter 02 ---


def _fixed_margins(ax, figsize, position):
    """A new figure when ``ax`` is None; fixed margins instead of a layout engine, so an
    explorer's frames line up and draw fast."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    ax.figure.set_layout_engine("none")
    ax.set_position(position)
    return ax


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
    $w_1 x_1 + w_2 x_2 + b = 0$ are drawn dashed (a threshold unit switches on one of them).
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
    if not callable(predict):
        raise TypeError(f"{where}: predict must be a function of points (n, 2), "
                        f"got {type(predict).__name__}")  # fmt: skip
    X = _values(X, "X", where)
    y = np.ravel(_values(y, "y", where))
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] != y.size:
        raise ValueError(f"{where}: X must have shape (len(y), 2) = ({y.size}, 2), "
                         f"got {X.shape}")  # fmt: skip
    position = (0.15, 0.14, 0.5, 0.76) if legend else (0.14, 0.14, 0.8, 0.76)
    ax = _fixed_margins(ax, (6, 3.6) if legend else (3.6, 3.6), position)
    grid = np.linspace(*lim, 121)
    G1, G2 = np.meshgrid(grid, grid)
    answer = np.asarray(predict(np.c_[G1.ravel(), G2.ravel()]), dtype=float).reshape(G1.shape)
    ax.set_facecolor("#f2f2f2")
    if answer.max() > 0.5:  # vector shapes (a raster image would weigh ~30 kB per frame)
        ax.contourf(G1, G2, answer, levels=[0.5, 1.5], colors=[OKABE_ITO["sky blue"]], alpha=0.7)
    for i, (w1, w2, b) in enumerate(lines):
        if w2 != 0:
            ax.plot(grid, -(w1 * grid + b) / w2, color=GREY, linestyle=linestyle(i + 1), lw=1.5,
                    label=f"unit {i + 1}: z = 0")  # fmt: skip
        elif w1 != 0:
            ax.axvline(-b / w1, color=GREY, linestyle=linestyle(i + 1), lw=1.5,
                       label=f"unit {i + 1}: z = 0")  # fmt: skip
    got = np.asarray(predict(X), dtype=float).ravel()
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
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False, fontsize="small")
    return ax


def plot_errors_per_epoch(errors: Mapping[str, Sequence[float]], ax=None, ylabel=None):
    """How many examples a learning rule gets wrong in each epoch, one stepped line per run.

    ``errors`` maps a label to its counts, epoch 1 first. Runs may have different lengths (a
    rule that stops once it makes no mistake).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_errors_per_epoch({"AND": [2, 1, 0], "XOR": [2, 3, 2, 3]})
    >>> ax.get_xlabel(), len(ax.get_lines())
    ('epoch', 2)
    """
    from matplotlib.ticker import MaxNLocator

    if not isinstance(errors, Mapping):
        raise TypeError(f"plot_errors_per_epoch: errors must map a label to counts per epoch, "
                        f"got {type(errors).__name__}")  # fmt: skip
    ax = _axes(ax, figsize=(6, 3))
    top = 0.0
    for i, (label, counts) in enumerate(errors.items()):
        counts = np.ravel(_values(counts, f"errors[{label!r}]", "plot_errors_per_epoch"))
        epochs = np.arange(1, counts.size + 1)
        ax.step(epochs, counts + 0.06 * i, where="mid", color=color(i), linestyle=linestyle(i),
                lw=2, label=label)  # fmt: skip
        top = max(top, float(counts.max(initial=0)))
    ax.set(xlabel="epoch", ylabel=ylabel or "examples wrong in the epoch", ylim=(-0.3, top + 0.7))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize="small", loc="center right")
    return ax


def plot_staircase(
    x: Sequence[float],
    target: Sequence[float],
    approximations: Mapping[str, Sequence[float]],
    ax=None,
    xlabel: str = "input $x$",
    ylabel: str = "output",
):
    """A smooth target (grey) and step-built approximations of it, drawn without vertical jumps.

    ``approximations`` maps a label to values at ``x``; jumps are left as gaps, so each flat
    piece of a staircase shows as a separate segment.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> x = np.linspace(0, 1, 5)
    >>> ax = plot_staircase(x, x, {"2 steps": np.floor(2 * x) / 2})
    >>> len(ax.get_legend().get_texts())
    2
    """
    where = "plot_staircase"
    if not isinstance(approximations, Mapping):
        raise TypeError(f"{where}: approximations must map a label to values, "
                        f"got {type(approximations).__name__}")  # fmt: skip
    ax = _axes(ax, figsize=(6, 3.5))
    x, target = np.ravel(_values(x, "x", where)), np.ravel(_values(target, "target", where))
    if x.size != target.size:
        raise ValueError(f"{where}: x and target differ in length ({x.size} and {target.size})")
    ax.plot(x, target, color=GREY, lw=4, alpha=0.6, label="target")
    for i, (label, values) in enumerate(approximations.items()):
        values = np.ravel(_values(values, f"approximations[{label!r}]", where))
        if values.size != x.size:
            raise ValueError(f"{where}: approximations[{label!r}] has {values.size} values, "
                             f"x has {x.size}")  # fmt: skip
        ax.plot(*_break_jumps(x, values, fraction=0.0), color=color(i), linestyle=linestyle(i),
                lw=2, label=label)  # fmt: skip
    _reference_lines(ax, x0=False)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax


def plot_steepness(k: float | Sequence[float], ax=None, xlim: tuple = (-3.0, 3.0)):
    """The step beside the sigmoid $\\sigma(kx)$ for one steepness ``k`` or several.

    The step is drawn thick and grey; each sigmoid in colour, labelled with its ``k`` and its
    slope at 0, $k/4$. Fixed axis limits, plain-text labels and fixed margins: made to be an
    explorer's ``draw`` function.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_steepness([1, 4])
    >>> [t.get_text().split()[2] for t in ax.get_legend().get_texts()[1:]]
    ['0.25', '1']
    """
    where = "plot_steepness"
    ks = np.atleast_1d(_values(k, "k", where)).ravel()
    if ks.size == 0 or np.any(ks <= 0):
        raise ValueError(f"{where}: k must be one or more positive steepnesses, got {k!r}")
    ax = _fixed_margins(ax, (6, 3.5), (0.1, 0.14, 0.56, 0.76))
    x = np.linspace(*xlim, 601)
    step, sigmoid = _activation("step", where)[0], _activation("sigmoid", where)[0]
    ax.plot(*_break_jumps(x, step(x), fraction=0.0), color=GREY, lw=5, alpha=0.6, label="step")
    for i, kk in enumerate(ks):
        ax.plot(x, sigmoid(kk * x), color=color(i), linestyle=linestyle(i), lw=2,
                label=f"sigmoid({kk:g}x)\nslope {kk / 4:g} at 0")  # fmt: skip
    _reference_lines(ax, y0=False)
    ax.set(xlim=xlim, ylim=(-0.1, 1.1), xlabel="input x", ylabel="output")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
    return ax


def plot_output_error(z: np.ndarray | None = None, y: float = 1.0, ax=None):
    """The error signal $\\partial \\ell / \\partial z$ at a sigmoid output's input $z$, for one
    example with target ``y``, under the binary cross-entropy ($\\hat y - y$) and under the
    squared error ($2(\\hat y - y)\\,\\hat y(1 - \\hat y)$); its size on a log scale, so that
    the squared error's collapse where the output saturates on the wrong answer shows."""
    from actlab import activations

    sigmoid = activations.get("sigmoid")
    ax = _axes(ax)
    z = np.linspace(-10.0, 10.0, 401) if z is None else _values(z, "z", "plot_output_error")
    y_hat = sigmoid(z)
    curves = {
        "cross-entropy: |y\u0302 - y|": np.abs(y_hat - y),
        "squared error: |2(y\u0302 - y) y\u0302(1 - y\u0302)|": np.abs(
            2 * (y_hat - y) * sigmoid.derivative(z)
        ),
    }
    for i, (label, values) in enumerate(curves.items()):
        ax.plot(z, values, color=color(i), linestyle=linestyle(i), lw=2.5, label=label)
    ax.set_yscale("log")
    ax.set_ylim(1e-9, 3.0)  # the squared error's tail, 2e^(-2z), reaches 4e-9 at z = 10
    ax.set(xlabel=f"input z of the output unit (target y = {y:g})",
           ylabel="size of the error at z")  # fmt: skip
    ax.legend(frameon=False, fontsize="small", loc="lower left")
    return ax


def plot_reliability(
    probabilities: Mapping[str, Sequence[float]],
    y: Sequence[float],
    bins: int = 10,
    ax=None,
):
    """Reliability diagram: for each model, the share of positives against the mean predicted
    probability in each bin (:func:`actlab.experiments.reliability`). A calibrated model lies
    on the diagonal; points below it are over-confident about "yes", above it about "no"."""
    from actlab.experiments import reliability

    if not isinstance(probabilities, Mapping):
        raise TypeError(
            "plot_reliability: probabilities must map a label to predicted probabilities, "
            f"got {type(probabilities).__name__}"
        )
    ax = _axes(ax, figsize=(4.5, 4.0))
    ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", lw=1.5, label="calibrated")
    for i, (label, p) in enumerate(probabilities.items()):
        r = reliability(p, y, bins)
        ax.plot(r.mean_predicted, r.observed, color=color(i), linestyle=linestyle(i), lw=2,
                marker="os^D"[i % 4], label=label)  # fmt: skip
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="mean predicted probability in the bin",
           ylabel="share of 1s in the bin")  # fmt: skip
    ax.set_aspect("equal")
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax
