"""What the layers of a network do: which units respond to which input, and how much signal
reaches each layer on the way back.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_layer_activity([0.0, 1.0], [[0.0, 1.0], [2.0, 0.0]])
>>> ax.get_ylabel(), [t.get_text() for t in ax.get_legend().get_texts()]
('unit', ['exactly 0'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from . import _args
from ._style import GREY, axes_for, color, fixed_margins, linestyle, power_of_ten


def plot_layer_activity(
    x: Sequence[float],
    A: np.ndarray,
    ax=None,
    xlabel: str = "input $x$",
    label: str = "output",
    zero_color: str | None = "#DDDDDD",
    ylabel: str = "unit",
):
    """Which units respond to which input: a heat map of ``A`` (inputs x units).

    Rows of ``A`` follow ``x`` (sorted here; at least two inputs); the vertical axis is the unit
    index, and the colour bar is called ``label``. Outputs are drawn in the cividis colour map
    (readable with colour-vision deficiencies); entries that are exactly 0 in ``zero_color``,
    named in a legend, so a silent unit cannot be mistaken for a small output. With
    ``zero_color=None`` a 0 is coloured like any other value.
    """
    from matplotlib import colors

    where = "plot_layer_activity"
    x = _args.values(x, "x", where, at_least=2)
    A = _args.float_array(A, "A", where)
    if A.ndim != 2 or A.shape[0] != x.size or A.shape[1] < 1:
        raise ValueError(f"{where}: A must have shape (len(x), units) = ({x.size}, units), "
                         f"got {A.shape}")  # fmt: skip
    xlabel, ylabel = _args.text(xlabel, "xlabel", where), _args.text(ylabel, "ylabel", where)
    label = _args.text(label, "label", where)
    if zero_color is not None and not colors.is_color_like(zero_color):
        raise ValueError(f"{where}: zero_color must be a matplotlib colour or None, "
                         f"got {zero_color!r}")  # fmt: skip
    ax = axes_for(_args.axes(ax, where), figsize=(6.5, 3.5))
    order = np.argsort(x, kind="stable")
    values = A[order].T
    cmap = plt.get_cmap("cividis")
    if zero_color is not None:
        values, cmap = np.ma.masked_equal(values, 0.0), cmap.with_extremes(bad=zero_color)
    image = ax.imshow(
        values,
        aspect="auto",
        origin="lower",
        cmap=cmap,
        interpolation="nearest",
        extent=(x[order][0], x[order][-1], -0.5, A.shape[1] - 0.5),
    )
    ax.figure.colorbar(image, ax=ax, label=label)
    if zero_color is not None:
        from matplotlib.patches import Patch

        ax.legend(
            handles=[Patch(facecolor=zero_color, edgecolor=GREY, label="exactly 0")],
            loc="upper left", bbox_to_anchor=(0.0, -0.18), frameon=False, fontsize="small",
        )  # fmt: skip
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return ax


def plot_signal_by_depth(
    results: Mapping[str, object],
    ax=None,
    bound: float | None = None,
    ylim: tuple = (1e-9, 10.0),
    position: tuple | None = None,
):
    """The back-propagated signal per hidden layer, relative to the top layer, on a log scale.

    ``results`` maps a label to an ``experiments.SignalNorms`` (or to an array of relative
    medians, layer 1 first; each finite and above 0, which a log axis can show). Layer 1 is
    nearest the input and is drawn on the left, so the signal travels from right to left.
    ``bound`` draws ``bound ** (depth - layer)`` in grey: the most that a factor
    ``phi' <= bound`` per layer lets through when the weights keep the size. The decades are
    labelled in plain text (10⁻⁶), which draws fast in an explorer's frames. ``position``
    (left, bottom, width, height) gives the figure fixed margins instead of a layout engine, so
    that an explorer's frames line up.
    """
    where = "plot_signal_by_depth"
    results = _args.mapping(results, "results", where, "SignalNorms")
    curves = {}
    for label, r in results.items():
        name = f"results[{label!r}]"
        relative = getattr(r, "relative", r)
        if np.ndim(relative) != 1:
            raise ValueError(f"{where}: {name} must hold one value per layer, "
                             f"got shape {np.shape(relative)}")  # fmt: skip
        curves[label] = _args.positive_values(_args.values(relative, name, where), name, where)
    bound = None if bound is None else _args.positive(bound, "bound", where)
    ylim = _args.limits(ylim, "ylim", where, positive=True)
    ax = _args.axes(ax, where)
    if position is None:
        ax = axes_for(ax)
    else:
        ax = fixed_margins(ax, (6, 3.5), _args.position(position, where))
    depth = max(relative.size for relative in curves.values())
    for i, (label, relative) in enumerate(curves.items()):
        layers = np.arange(1, relative.size + 1)
        ax.plot(layers, relative, color=color(i), linestyle=linestyle(i), marker="o", ms=3.5,
                lw=2, label=label)  # fmt: skip
    if bound is not None:
        layers = np.arange(1, depth + 1)
        ax.plot(layers, bound ** (depth - layers), color=GREY, linestyle=(0, (1, 2)),
                lw=1.5, label=f"{bound:g} per layer")  # fmt: skip
    ax.set_yscale("log")
    ax.set(xlabel="hidden layer (1 = nearest the input)",
           ylabel="signal / signal at top layer", ylim=ylim)  # fmt: skip
    low, high = int(np.ceil(np.log10(ylim[0]))), int(np.floor(np.log10(ylim[1])))
    step = max(1, int(np.ceil((high - low) / 6)))
    decades = np.arange(high, low - 1, -step)[::-1]
    ax.set_yticks(10.0**decades, labels=[power_of_ten(k) for k in decades])
    ax.minorticks_off()
    ax.set_xticks(np.arange(1, depth + 1, max(1, depth // 10)))
    ax.legend(frameon=False, fontsize="small", loc="lower right")
    return ax
