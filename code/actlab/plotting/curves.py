"""Curves of activations against their input: a gallery, panels side by side, several on one
axes, the step beside steep sigmoids, and the error signal at a sigmoid output.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> axes = plot_activation_panels(["step", "relu"], display_names={"relu": "ReLU"})
>>> [ax.get_title() for ax in axes]
['step', 'ReLU']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from . import _args
from ._style import GREY, axes_for, break_jumps, color, fixed_margins, linestyle, reference_lines


def plot_gallery(names: Sequence[str | Callable], ncols: int = 4, x: np.ndarray | None = None):
    """Small multiples: one panel per activation, its value solid and its derivative dashed.

    ``x`` defaults to 801 points on [-4, 4]. Returns the array of Axes (panels beyond
    ``len(names)`` are switched off). Vector-valued activations (softmax) are refused.
    """
    where = "plot_gallery"
    items = _args.activation_list(names, "names", where)
    ncols = _args.positive_int(ncols, "ncols", where)
    x = _args.grid(x, "x", where, np.linspace(-4.0, 4.0, 801))
    curves = [
        (label, _args.curve(fn, x, p, label, where), _args.curve(fn, x, p, label, where, True))
        for fn, label, p in items
    ]
    nrows = -(-len(items) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(2.4 * ncols, 2.0 * nrows), sharex=True, layout="constrained"
    )
    axes = np.atleast_1d(axes).ravel()
    for ax, (label, values, slopes) in zip(axes, curves, strict=False):
        ax.plot(*break_jumps(x, values), color=color(0), lw=2, label="value")
        ax.plot(*break_jumps(x, slopes), color=color(1), ls="--", lw=1.5,
                label="derivative")  # fmt: skip
        reference_lines(ax)
        ax.set_title(label, fontsize="medium")
        ax.set_ylim(-2.2, 4.2)
    for ax in axes[len(items) :]:
        ax.set_axis_off()
    for ax in axes[:ncols]:
        ax.set_xlim(x[0], x[-1])
    for ax in axes[-ncols:]:
        ax.set_xlabel("input $z$")
    for ax in axes[::ncols]:
        ax.set_ylabel("value")
    axes[0].legend(loc="upper left", frameon=False, fontsize="x-small")
    return axes


def plot_activation_panels(
    names: Sequence[str | Callable],
    x: np.ndarray | None = None,
    ylim: tuple = (-1.2, 3.2),
    ncols: int | None = None,
    display_names: Mapping[str, str] | None = None,
):
    """Activations side by side, one panel each, on the same axes limits.

    One panel per activation keeps curves that coincide somewhere (the step and ReLU are both 0
    for negative input) from hiding each other, and common limits chosen to show every range
    (tanh reaches -1, ReLU keeps rising) keep the shapes comparable. Grey lines mark 0 and 1.
    ``names`` are registry names, callables or pairs ``(name, {param: value})``; each panel's
    title is the name, or ``display_names[name]`` (``{"relu": "ReLU"}``, as a chapter's prose
    writes it). ``x`` defaults to 601 points on [-3, 3]; ``ncols`` to one row. Fixed margins
    rather than a layout engine: the same result here, drawn faster. Returns the array of Axes.
    """
    where = "plot_activation_panels"
    items = _args.activation_list(names, "names", where, _args.display_names(display_names, where))
    x = _args.grid(x, "x", where, np.linspace(-3.0, 3.0, 601))
    ylim = _args.limits(ylim, "ylim", where)
    ncols = len(items) if ncols is None else _args.positive_int(ncols, "ncols", where)
    curves = [(label, _args.curve(fn, x, p, label, where)) for fn, label, p in items]
    nrows = -(-len(items) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(2.1 * ncols + 0.4, 2.3 * nrows), sharex=True, sharey=True,
        squeeze=False, gridspec_kw={"wspace": 0.08, "hspace": 0.35},
    )  # fmt: skip
    fig.subplots_adjust(left=0.6 / fig.get_figwidth(), right=0.98, top=0.9, bottom=0.2 / nrows)
    axes = axes.ravel()
    for i, (ax, (label, values)) in enumerate(zip(axes, curves, strict=False)):
        ax.axhline(1.0, color=GREY, linewidth=0.6, linestyle=":", zorder=0)
        reference_lines(ax)
        ax.plot(*break_jumps(x, values), color=color(i), linestyle=linestyle(i), lw=2.5)
        ax.set_title(label, fontsize="medium")
        ax.set(xlim=(x[0], x[-1]), ylim=ylim)
    for ax in axes[len(items) :]:
        ax.set_axis_off()
    for ax in axes[-ncols:]:
        ax.set_xlabel("input $z$")
    for ax in axes[::ncols]:
        ax.set_ylabel(r"output $\phi(z)$")
    return axes


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
    ks = _args.values(k, "k", where, at_least=0, finite=False)
    if ks.size == 0 or not np.all(np.isfinite(ks) & (ks > 0)):
        raise ValueError(f"{where}: k must be one or more positive steepnesses (finite, > 0), "
                         f"got {k!r}")  # fmt: skip
    xlim = _args.limits(xlim, "xlim", where)
    ax = fixed_margins(_args.axes(ax, where), (6, 3.5), (0.1, 0.14, 0.56, 0.76))
    x = np.linspace(*xlim, 601)
    step, sigmoid = (_args.activation(n, where)[0] for n in ("step", "sigmoid"))
    ax.plot(*break_jumps(x, step(x), fraction=0.0), color=GREY, lw=5, alpha=0.6, label="step")
    for i, kk in enumerate(ks):
        ax.plot(x, sigmoid(kk * x), color=color(i), linestyle=linestyle(i), lw=2,
                label=f"sigmoid({kk:g}x)\nslope {kk / 4:g} at 0")  # fmt: skip
    reference_lines(ax, y0=False)
    ax.set(xlim=xlim, ylim=(-0.1, 1.1), xlabel="input x", ylabel="output")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
    return ax


def plot_output_error(z: np.ndarray | None = None, y: float = 1.0, ax=None):
    """The error signal $\\partial \\ell / \\partial z$ at a sigmoid output's input $z$, for one
    example with target ``y`` in [0, 1], under the binary cross-entropy ($\\hat y - y$) and under
    the squared error ($2(\\hat y - y)\\,\\hat y(1 - \\hat y)$); its size on a log scale, so that
    the squared error's collapse where the output saturates on the wrong answer shows.
    ``z`` defaults to 401 points on [-10, 10]."""
    from actlab import activations

    where = "plot_output_error"
    z = np.linspace(-10.0, 10.0, 401) if z is None else _args.values(z, "z", where)
    y = _args.in_range(y, "y (a target of the cross-entropy)", where, 0.0, 1.0)
    ax = axes_for(_args.axes(ax, where))
    sigmoid = activations.get("sigmoid")
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


def plot_road(stops: Sequence[Mapping], ncols: int = 4, x: np.ndarray | None = None):
    """The road from the step to Swish: one panel per stop, the activation (solid) and its
    derivative (dashed), with what the stop fixed and what it broke written under it.

    ``stops`` is a list of dicts with ``"activation"`` (a registry name), ``"title"`` (the
    panel's title, after its number: "ReLU (ch. 6)"), ``"fixed"`` and ``"broke"`` (a few words
    each; a line break ``\\n`` where the text should wrap). ``x`` defaults to 601 points on [-4, 4].
    Returns the array of Axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> axes = plot_road([{"activation": "relu", "title": "ReLU", "fixed": "gradients flow",
    ...                    "broke": "units can die"}])
    >>> axes[0].get_title()
    '1. ReLU'
    """
    where = "plot_road"
    stops = _validate_stops(stops, where)
    ncols = _args.positive_int(ncols, "ncols", where)
    x = _args.grid(x, "x", where, np.linspace(-4.0, 4.0, 601))
    items = [_args.activation(s["activation"], where, "stops[...]['activation']")[0]
             for s in stops]  # fmt: skip
    ncols = min(ncols, len(stops))
    nrows = -(-len(stops) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.5 * ncols, 3.1 * nrows), sharex=True,
                             sharey=True, squeeze=False)  # fmt: skip
    fig.subplots_adjust(left=0.45 / fig.get_figwidth(), right=0.99, top=1 - 0.25 / nrows,
                        bottom=0.85 / fig.get_figheight(), wspace=0.08, hspace=1.05)  # fmt: skip
    axes = axes.ravel()
    for i, (ax, stop, fn) in enumerate(zip(axes, stops, items, strict=False)):
        reference_lines(ax)
        ax.plot(*break_jumps(x, _args.curve(fn, x, {}, stop["title"], where)), color=color(0),
                lw=2, label="value")  # fmt: skip
        ax.plot(*break_jumps(x, _args.curve(fn, x, {}, stop["title"], where, True)),
                color=color(1), ls="--", lw=1.5, label="derivative")  # fmt: skip
        ax.set_title(f"{i + 1}. {stop['title']}", fontsize="medium")
        ax.set(xlim=(x[0], x[-1]), ylim=(-1.5, 3.0))
        ax.text(0.0, -0.2, f"+ {stop['fixed']}\n− {stop['broke']}", transform=ax.transAxes,
                va="top", ha="left", fontsize="x-small")  # fmt: skip
        ax.tick_params(labelsize="x-small")
    for ax in axes[len(stops) :]:
        ax.set_axis_off()
    for ax in axes:
        ax.tick_params(labelbottom=True)  # every panel its inputs, above its notes
    axes[0].legend(loc="upper left", frameon=False, fontsize="x-small")
    return axes


def _validate_stops(stops, where):
    from actlab import _validate

    stops = _validate.listing(stops, "stops", where, kind=Mapping)
    for i, stop in enumerate(stops):
        missing = sorted({"activation", "title", "fixed", "broke"} - set(stop))
        if missing:
            raise ValueError(f"{where}: stops[{i}] has no {', '.join(missing)}; each stop needs "
                             "activation, title, fixed and broke")  # fmt: skip
        for key in ("title", "fixed", "broke"):
            _args.text(stop[key], f"stops[{i}][{key!r}]", where)
    return stops


def plot_curves(
    names: Sequence[str | Callable | tuple],
    x: np.ndarray | None = None,
    ax=None,
    ylim: tuple | None = None,
    display_names: Mapping[str, str] | None = None,
    derivative: bool = False,
    position: tuple | None = None,
):
    """Several activations on one Axes, each in its own colour and dash pattern.

    For curves that differ by little (Swish beside ReLU, GELU beside its approximations), where
    side-by-side panels would hide the difference. ``names`` are registry names, callables or
    pairs ``(name, {param: value})`` (the parameters appear in the label), or a dict label ->
    one of those, to choose the labels (``{"x / 2": lambda x: x / 2}``); ``derivative=True``
    draws their derivatives instead. ``x`` defaults to 601 points on [-4, 4]; ``ylim`` to the
    curves' own range. ``position`` (left, bottom, width, height) fixes the margins, for an
    explorer's frames; otherwise a new figure uses matplotlib's constrained layout.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_curves(["relu", ("swish", {"beta": 2.0})])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['relu', 'swish (beta=2)']
    """
    where = "plot_curves"
    shown = _args.display_names(display_names, where)
    if isinstance(names, Mapping):  # label -> activation: the labels as given
        labels = _args.mapping(names, "names", where, "label -> activation")
        items = _args.activation_list(list(labels.values()), "names", where, shown)
        items = [(fn, str(label), p) for label, (fn, _, p) in zip(labels, items, strict=True)]
    else:
        items = _args.activation_list(names, "names", where, shown)
    x = _args.grid(x, "x", where, np.linspace(-4.0, 4.0, 601))
    derivative = _args.flag(derivative, "derivative", where)
    curves = [(label, _args.curve(fn, x, p, label, where, derivative)) for fn, label, p in items]
    ylim = None if ylim is None else _args.limits(ylim, "ylim", where)
    ax = _args.axes(ax, where)
    if position is None:
        ax = axes_for(ax)
    else:
        ax = fixed_margins(ax, (6, 3.5), _args.position(position, where))
    reference_lines(ax)
    for i, (label, values) in enumerate(curves):
        ax.plot(*break_jumps(x, values), color=color(i), linestyle=linestyle(i), lw=2,
                label=label)  # fmt: skip
    ax.set(xlim=(x[0], x[-1]), xlabel="input $z$",
           ylabel=r"slope $\phi'(z)$" if derivative else r"output $\phi(z)$")  # fmt: skip
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    return ax
