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
