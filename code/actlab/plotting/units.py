"""What single units and tiny networks compute: one neuron for several activations, a sigmoid
unit's flat regions, a 1-3-1 network's sum of hidden units, staircases of step units, and the
piecewise-linear functions of ReLU networks with their kinks.

These figures are made to be an explorer's ``draw`` function: fixed axis limits, so frames do
not jump; plain-text labels, since parsing mathtext was a third of the time of each frame; and
fixed margins (:func:`~actlab.plotting._style.fixed_margins`), so frames line up.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_neuron(1.0, -1.0, ["step", "relu"], display_names={"relu": "ReLU"})
>>> [t.get_text() for t in ax.get_legend().get_texts()], ax.texts[0].get_text()
(['step', 'ReLU', 'sum z = wx + b'], 'switch\\nx = 1.00')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from . import _args
from ._style import GREY, axes_for, break_jumps, color, fixed_margins, linestyle, reference_lines


def plot_neuron(
    w: float,
    b: float,
    names: str | Callable | Sequence = ("step", "sigmoid", "tanh", "relu"),
    ax=None,
    xlim: tuple = (-3.0, 3.0),
    ylim: tuple = (-2.5, 2.5),
    show_sum: bool = True,
    legend: bool = True,
    display_names: Mapping[str, str] | None = None,
):
    """One neuron with one input, $\\phi(wx + b)$ against $x$, for one activation or several.

    Every activation switches where the weighted sum $z = wx + b$ crosses zero, $x = -b/w$: with
    ``show_sum`` the sum is drawn dotted in grey and the switch as a thin vertical line,
    labelled with its value. ``names`` as in :func:`plot_activation_panels` (one name is one
    activation), and ``display_names`` the names the legend shows instead. The legend sits
    outside the plot; ``legend=False`` leaves it out and gives the plot the width (explain the
    line styles in the text).
    """
    where = "plot_neuron"
    w, b = _args.real(w, "w", where), _args.real(b, "b", where)
    items = _args.activation_list(names, "names", where, _args.display_names(display_names, where))
    xlim, ylim = _args.limits(xlim, "xlim", where), _args.limits(ylim, "ylim", where)
    show_sum, legend = _args.flag(show_sum, "show_sum", where), _args.flag(legend, "legend", where)
    x = np.linspace(*xlim, 301)
    z = _args.weighted_sum(w, x, b, where)
    outputs = [(label, _args.curve(fn, z, p, label, where)) for fn, label, p in items]
    position = (0.1, 0.14, 0.66, 0.76) if legend else (0.1, 0.14, 0.86, 0.76)
    ax = fixed_margins(_args.axes(ax, where), (6, 3.5), position)
    for i, (label, y) in enumerate(outputs):
        ax.plot(*break_jumps(x, y), color=color(i), linestyle=linestyle(i), lw=2.2, label=label)
    if show_sum:
        ax.plot(x, z, color=GREY, linestyle=(0, (1, 2)), lw=1.5, label="sum z = wx + b")
    reference_lines(ax, x0=False)
    if show_sum and w != 0 and xlim[0] <= -b / w <= xlim[1]:
        switch = -b / w + 0.0  # adding 0.0 turns -0.0 into 0.0
        ax.axvline(switch, color=GREY, lw=1.0)
        ax.annotate(f"switch\nx = {switch:.2f}", (switch, ylim[1]), xytext=(4, -4),
                    textcoords="offset points", va="top", fontsize="small",
                    color="0.3")  # fmt: skip
    ax.set(xlim=xlim, ylim=ylim, xlabel="input x", ylabel="output \u03c6(wx + b)")
    ax.set_title(f"w = {w:g}, b = {b:g}")
    if legend:
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
    return ax


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
    (in (0, 1]) times its maximum: there the unit is *saturated*, its output nearly flat, and a
    gradient through it nearly 0.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> plot_sigmoid_unit(1.0, 0.0).get_title()
    'w = 1, b = 0: saturated on 9% of the plot'
    """
    from actlab import activations

    where = "plot_sigmoid_unit"
    w, b = _args.real(w, "w", where), _args.real(b, "b", where)
    xlim = _args.limits(xlim, "xlim", where)
    floor = _args.in_range(floor, "floor", where, 0.0, 1.0)
    ax = _args.axes(ax, where)
    x = np.linspace(*xlim, 401)
    z = _args.weighted_sum(w, x, b, where)
    ax = fixed_margins(ax, (6, 3.5), (0.1, 0.14, 0.6, 0.76))
    sigmoid = activations.get("sigmoid")
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


#: The fixed network of :func:`plot_two_layer`: one input, three hidden units, one output.
#: Chosen so that no frame hides a curve: for w1 = -1, 0 and 1 no two contributions coincide or
#: cancel, the output lies on none of them, and with ReLU units the switch points
#: x = -b_j / w_j (-1 or 1 for unit 1, -2 and 2 for units 2 and 3) are distinct and inside the
#: plot, so the output bends three times (twice at w1 = 0, where unit 1 is constant).
TWO_LAYER = {
    "W1": np.array([1.0, 0.5, -0.5]),
    "b1": np.array([1.0, 1.0, 1.0]),
    "W2": np.array([1.0, -1.0, -1.0]),
}


def plot_two_layer(w: float, activation: str | Callable = "relu", ax=None):
    """The function a 1-3-1 network draws, $\\sum_j v_j \\phi(w_j x + b_j)$, as weight $w_1$ moves.

    The network is :data:`TWO_LAYER` with its first hidden weight replaced by ``w``. Each hidden
    unit's contribution $v_j \\phi(w_j x + b_j)$ is drawn thin and dashed, the network's output
    (their sum) thick. With a linear ``activation`` every contribution is a straight line, so the
    sum is one too, whatever ``w``; with a non-linear one the sum bends.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_two_layer(0.5, "linear")
    >>> ax.get_xlabel(), ax.get_title()
    ('input x', 'linear hidden units, w1 = 0.5')
    """
    where = "plot_two_layer"
    fn, label = _args.activation(activation, where)
    w = _args.real(w, "w", where)
    ax = _args.axes(ax, where)
    x = np.linspace(-3.0, 3.0, 241)
    W1 = TWO_LAYER["W1"].copy()
    W1[0] = w
    z = _args.weighted_sum(W1, x, TWO_LAYER["b1"], where, shown=f"w = {w:g}")
    parts = TWO_LAYER["W2"] * _args.curve(fn, z, {}, label, where)
    ax = fixed_margins(ax, (6, 3.5), (0.1, 0.14, 0.62, 0.76))
    for j in range(parts.shape[1]):
        ax.plot(x, parts[:, j], color=color(j + 1), linestyle=linestyle(j + 1), lw=1.2,
                label=f"unit {j + 1}")  # fmt: skip
    ax.plot(x, parts.sum(axis=1), color=color(0), lw=3.0, label="output (the sum)")
    reference_lines(ax, x0=False)
    ax.set(xlim=(-3, 3), ylim=(-4.5, 4.5), xlabel="input x", ylabel="output")
    ax.set_title(f"{label} hidden units, w1 = {w:g}")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize="small")
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
    approximations = _args.mapping(approximations, "approximations", where, "values at x",
                                   empty=True)  # fmt: skip
    x = _args.grid(x, "x", where)
    target = _args.values(target, "target", where, finite=False)
    _args.same_length(x, target, ("x", "target"), where)
    xlabel, ylabel = _args.text(xlabel, "xlabel", where), _args.text(ylabel, "ylabel", where)
    curves = {
        label: _args.values(v, f"approximations[{label!r}]", where, size=x.size, finite=False)
        for label, v in approximations.items()
    }
    ax = axes_for(_args.axes(ax, where), figsize=(6, 3.5))
    ax.plot(x, target, color=GREY, lw=4, alpha=0.6, label="target")
    for i, (label, values) in enumerate(curves.items()):
        ax.plot(*break_jumps(x, values, fraction=0.0), color=color(i), linestyle=linestyle(i),
                lw=2, label=label)  # fmt: skip
    reference_lines(ax, x0=False)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax


def plot_piecewise_linear(
    x: Sequence[float],
    curves: Mapping[str, Sequence[float]],
    kinks: Mapping[str, Sequence[float]] | None = None,
    ax=None,
    ylim: tuple | None = None,
    position: tuple | None = None,
    xlabel: str = "input x",
    ylabel: str = "output",
    legend: bool = True,
):
    """Functions of one input drawn as lines, each kink (where the slope changes) as a dot.

    ``curves`` maps a label to values at ``x``; ``kinks`` maps some of the labels to the inputs
    where that curve's slope changes (a ReLU network's pieces meet there), marked on the curve.
    ``ylim`` fixes the vertical range and ``position`` (left, bottom, width, height) fixes the
    margins, so that an explorer's frames line up; ``legend=False`` leaves the legend out (one
    curve, named in a title or caption).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> x = np.linspace(-1, 1, 5)
    >>> ax = plot_piecewise_linear(x, {"relu": np.maximum(x, 0)}, {"relu": [0.0]})
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['relu', 'kinks of relu']
    """
    where = "plot_piecewise_linear"
    curves = _args.mapping(curves, "curves", where, "values at x")
    kinks = {} if kinks is None else _args.mapping(kinks, "kinks", where, "inputs", empty=True)
    x = _args.grid(x, "x", where)
    values = {label: _args.values(v, f"curves[{label!r}]", where, size=x.size)
              for label, v in curves.items()}  # fmt: skip
    unknown = [label for label in kinks if label not in values]
    if unknown:
        raise ValueError(f"{where}: kinks has label(s) {unknown} that are not in curves "
                         f"{list(values)}")  # fmt: skip
    marks = {label: _args.values(k, f"kinks[{label!r}]", where, at_least=0)
             for label, k in kinks.items()}  # fmt: skip
    xlabel, ylabel = _args.text(xlabel, "xlabel", where), _args.text(ylabel, "ylabel", where)
    ylim = None if ylim is None else _args.limits(ylim, "ylim", where)
    legend = _args.flag(legend, "legend", where)
    ax = _args.axes(ax, where)
    if position is None:
        ax = axes_for(ax, figsize=(6, 3.5))
    else:
        ax = fixed_margins(ax, (6, 3.5), _args.position(position, where))
    for i, (label, y) in enumerate(values.items()):
        ax.plot(x, y, color=color(i), linestyle=linestyle(i), lw=2, label=label)
        if label in marks:
            at = marks[label]
            ax.plot(at, np.interp(at, x, y), "o", color=color(i), ms=5, mec="white", mew=0.8,
                    label=f"kinks of {label}")  # fmt: skip
    reference_lines(ax, x0=False)
    ax.set(xlim=(x[0], x[-1]), xlabel=xlabel, ylabel=ylabel)
    if ylim is not None:
        ax.set_ylim(ylim)
    if legend:
        ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax
