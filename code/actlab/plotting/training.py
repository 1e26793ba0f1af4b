"""How training goes: learning curves, their spread over seeds, results against a setting, the
paths of two weights, and the mistakes a learning rule makes per epoch.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_history({"a": {"loss": [1.0, 0.5]}}, log=True, validation=False, reference=0.1)
>>> ax.get_yscale(), [t.get_text() for t in ax.get_legend().get_texts()]
('log', ['a', 'reference'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from . import _args
from ._style import GREY, OKABE_ITO, axes_for, color, fixed_margins, linestyle


def plot_history(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "loss",
    ax=None,
    log: bool = False,
    validation: bool = True,
    reference: float | None = None,
    reference_label: str = "reference",
):
    """Learning curves: ``metric`` per epoch for each run.

    ``histories`` maps a run's label to the dict returned by ``MLP.fit`` (lists or arrays
    ``loss``, ``val_loss``, ``accuracy``, ``val_accuracy``), or to an object that carries one as
    its ``history`` (an ``experiments.TrainingStats``); missing and empty entries are skipped.
    With ``validation`` each run has one colour, training solid and validation (``val_`` +
    ``metric``) dashed; without, only training, each run in its own colour and dash pattern.
    ``log`` draws the vertical axis on a log scale (every value then must be above 0);
    ``reference`` a horizontal grey line (the best loss possible, say).
    """
    where = "plot_history"
    histories = _args.mapping(histories, "histories", where, "the dict MLP.fit returns")
    metric = _args.text(metric, "metric", where)
    log, validation = _args.flag(log, "log", where), _args.flag(validation, "validation", where)
    reference = None if reference is None else _args.real(reference, "reference", where)
    reference_label = _args.text(reference_label, "reference_label", where)
    keys = (metric, f"val_{metric}") if validation else (metric,)
    curves = {}
    for label, history in histories.items():
        history = getattr(history, "history", history)
        if not isinstance(history, Mapping):
            raise TypeError(f"{where}: histories[{label!r}] must be the dict MLP.fit returns, "
                            f"got {type(history).__name__}")  # fmt: skip
        for key in keys:
            name = f"histories[{label!r}][{key!r}]"
            if history.get(key) is not None:
                values = _args.values(history[key], name, where, at_least=0, finite=False)
                curves[label, key] = _args.positive_values(values, name, where) if log else values
        lengths = {curves[label, k].size for k in keys if (label, k) in curves} - {0}
        if len(lengths) > 1:
            raise ValueError(
                f"{where}: histories[{label!r}] holds {' and '.join(keys)} of "
                f"different lengths {sorted(lengths)}; give one value per epoch"
            )
    if not any(v.size for v in curves.values()):
        raise ValueError(f"{where}: no run has values of {' or '.join(map(repr, keys))} to plot")
    if reference is not None and log and reference <= 0:
        raise ValueError(f"{where}: reference must be above 0 on a log axis, got {reference:g}")
    ax = axes_for(_args.axes(ax, where))
    for i, label in enumerate(histories):
        for key, style, suffix in zip(keys, ("-", "--"), ("training", "validation"), strict=False):
            values = curves.get((label, key), np.empty(0))
            if not values.size:
                continue
            epochs = np.arange(1, values.size + 1)
            if validation:
                ax.plot(epochs, values, color=color(i), linestyle=style, lw=2,
                        label=f"{label} ({suffix})")  # fmt: skip
            else:
                ax.plot(epochs, values, color=color(i), linestyle=linestyle(i), lw=2.2,
                        label=label)  # fmt: skip
    if reference is not None:
        ax.axhline(reference, color=GREY, lw=1.0, linestyle=(0, (1, 2)), label=reference_label)
    if log:
        ax.set_yscale("log")
    ylabel = metric.replace("_", " ") if validation else f"training {metric.replace('_', ' ')}"
    ax.set(xlabel="epoch", ylabel=ylabel + (" (log scale)" if log and not validation else ""))
    ax.legend(frameon=False, fontsize="small")
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
    where = "plot_curves_spread"
    curves = _args.mapping(curves, "curves", where, "runs x epochs")
    ylabel = _args.text(ylabel, "ylabel", where)
    reference = None if reference is None else _args.real(reference, "reference", where)
    reference_label = _args.text(reference_label, "reference_label", where)
    spreads = {label: _args.runs(runs, f"curves[{label!r}]", where)
               for label, runs in curves.items()}  # fmt: skip
    ax = axes_for(_args.axes(ax, where))
    for i, (label, runs) in enumerate(spreads.items()):
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


def plot_spread_against(
    x: Sequence[float],
    curves: Mapping[str, Sequence[Sequence[float]]],
    ax=None,
    *,
    xlabel: str,
    ylabel: str,
    log_x: bool = False,
    ylim: tuple | None = None,
    reference: float | None = None,
    reference_label: str = "",
    position: tuple | None = None,
    legend_loc: str = "best",
):
    """Results against a setting (a learning rate, an epoch, a share of units), over several runs:
    for each label, the mean over the runs as a line with markers, and the band from the lowest
    to the highest run shaded.

    ``x`` holds the settings, increasing (above 0 with ``log_x``, which draws them on a log
    axis); ``curves`` maps a label to a (runs x settings) array, one row per run (a single run
    is a list of one row). ``reference`` draws a horizontal grey line, named ``reference_label``
    in the legend (a base rate, a starting value). ``ylim`` fixes the vertical limits and
    ``position`` (left, bottom, width, height) the margins, so that an explorer's frames line up.
    ``legend_loc`` is matplotlib's legend location ("best", "lower right", ...), or "outside" for
    a legend to the right of the axes, clear of every curve.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_spread_against([0.1, 1.0], {"layer 1": [[0.0, 0.5], [0.1, 0.7]]},
    ...                          xlabel="learning rate", ylabel="dead", log_x=True)
    >>> ax.get_xscale(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('log', ['layer 1'])
    """
    where = "plot_spread_against"
    x = _args.values(x, "x", where)
    if x.size > 1 and not (np.diff(x) > 0).all():
        raise ValueError(f"{where}: x must be increasing, got {x.tolist()}")
    log_x = _args.flag(log_x, "log_x", where)
    if log_x:
        x = _args.positive_values(x, "x", where)
    curves = _args.mapping(curves, "curves", where, "runs x settings")
    spreads = {}
    for label, runs in curves.items():
        name = f"curves[{label!r}]"
        spreads[label] = runs = _args.runs(runs, name, where)
        if runs.shape[1] != x.size:
            raise ValueError(f"{where}: {name} has {runs.shape[1]} values per run, but x has "
                             f"{x.size}")  # fmt: skip
    xlabel = _args.text(xlabel, "xlabel", where)
    ylabel = _args.text(ylabel, "ylabel", where)
    ylim = None if ylim is None else _args.limits(ylim, "ylim", where)
    reference = None if reference is None else _args.real(reference, "reference", where)
    reference_label = _args.text(reference_label, "reference_label", where)
    legend_loc = _args.text(legend_loc, "legend_loc", where)
    ax = _args.axes(ax, where)
    if position is None:
        ax = axes_for(ax)
    else:
        ax = fixed_margins(ax, (6, 3.5), _args.position(position, where))
    for i, (label, runs) in enumerate(spreads.items()):
        if runs.shape[0] > 1:
            ax.fill_between(x, runs.min(axis=0), runs.max(axis=0), color=color(i), alpha=0.2,
                            lw=0)  # fmt: skip
        ax.plot(x, runs.mean(axis=0), color=color(i), linestyle=linestyle(i), marker="o",
                ms=4, lw=2, label=label)  # fmt: skip
    if reference is not None:
        ax.axhline(reference, color=GREY, lw=1.0, linestyle=(0, (1, 2)),
                   label=reference_label or None)  # fmt: skip
    if log_x:
        ax.set_xscale("log")
        ax.set_xticks(x, labels=[f"{v:g}" for v in x])
        ax.minorticks_off()
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if ylim is not None:
        ax.set_ylim(ylim)
    if legend_loc == "outside":
        ax.legend(frameon=False, fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    else:
        ax.legend(frameon=False, fontsize="small", loc=legend_loc)
    return ax


def plot_weight_paths(
    paths: Mapping[str, np.ndarray],
    target: Sequence[float],
    ax=None,
    lim: tuple = (-1.5, 1.5),
):
    """Paths of two weights under gradient descent, one per run, from the start to ``target``.

    ``paths`` maps a label to an array (steps + 1, 2) of the weights after each step. The two
    diagonals through the origin are drawn in grey: the only directions in which an update can
    move two weights whose inputs are both positive.
    """
    where = "plot_weight_paths"
    paths = _args.mapping(paths, "paths", where, "(steps + 1, 2) array")
    steps = {}
    for label, path in paths.items():
        path = _args.float_array(path, f"paths[{label!r}]", where)
        if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] < 1:
            raise ValueError(f"{where}: paths[{label!r}] must have shape (steps + 1, 2), "
                             f"got {path.shape}")  # fmt: skip
        steps[label] = path
    target = _args.values(target, "target", where, size=2)
    lim = _args.limits(lim, "lim", where)
    ax = axes_for(_args.axes(ax, where), figsize=(5, 4.5))
    grid = np.linspace(*lim, 2)
    for sign in (1, -1):
        ax.plot(grid, sign * grid, color=GREY, lw=0.8, linestyle=(0, (1, 2)))
    for i, (label, path) in enumerate(steps.items()):
        ax.plot(path[:, 0], path[:, 1], color=color(i), linestyle=linestyle(i), marker="o",
                ms=3, lw=1.5, label=f"{label} ({len(path) - 1} steps)")  # fmt: skip
    ax.plot(*target, marker="*", ms=14, color=OKABE_ITO["black"], linestyle="none",
            label="best weights")  # fmt: skip
    ax.set(xlim=lim, ylim=lim, xlabel="weight $w_1$", ylabel="weight $w_2$", aspect="equal")
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax


def plot_errors_per_epoch(errors: Mapping[str, Sequence[float]], ax=None, ylabel=None):
    """How many examples a learning rule gets wrong in each epoch, one stepped line per run.

    ``errors`` maps a label to its counts (each >= 0), epoch 1 first. Runs may have different
    lengths (a rule that stops once it makes no mistake).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_errors_per_epoch({"AND": [2, 1, 0], "XOR": [2, 3, 2, 3]})
    >>> ax.get_xlabel(), len(ax.get_lines())
    ('epoch', 2)
    """
    from matplotlib.ticker import MaxNLocator

    where = "plot_errors_per_epoch"
    errors = _args.mapping(errors, "errors", where, "counts per epoch")
    ylabel = _args.text(ylabel, "ylabel", where, optional=True)
    runs = {}
    for label, counts in errors.items():
        runs[label] = counts = _args.values(counts, f"errors[{label!r}]", where)
        if counts.min() < 0:
            raise ValueError(f"{where}: errors[{label!r}] counts examples, so it cannot be "
                             f"below 0; got {counts.min():g}")  # fmt: skip
    ax = axes_for(_args.axes(ax, where), figsize=(6, 3))
    for i, (label, counts) in enumerate(runs.items()):
        epochs = np.arange(1, counts.size + 1)
        ax.step(epochs, counts + 0.06 * i, where="mid", color=color(i), linestyle=linestyle(i),
                lw=2, label=label)  # fmt: skip
    top = max(float(counts.max()) for counts in runs.values())
    ax.set(xlabel="epoch", ylabel=ylabel or "examples wrong in the epoch", ylim=(-0.3, top + 0.7))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize="small", loc="center right")
    return ax


def plot_scores_by_task(
    scores: Mapping[str, Mapping[str, Sequence[float]]],
    ax=None,
    *,
    base_rate: Mapping[str, float] | None = None,
    xlabel: str = "task",
    ylabel: str = "validation accuracy",
    ylim: tuple | None = None,
    display_names: Mapping[str, str] | None = None,
    position: tuple | None = None,
):
    """Scores of several activations on several tasks, over seeds: per task a group of
    markers, one per activation at its mean, with a bar from its lowest to its highest run.

    ``scores`` maps a task to a dict activation -> the runs' scores (one number per seed).
    ``base_rate`` maps a task to a number, drawn as a short grey dotted line across its group.
    ``display_names`` as in the other helpers (``{"relu": "ReLU"}``); ``ylim`` and
    ``position`` fix limits and margins (an explorer's frames line up).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_scores_by_task({"xor": {"relu": [0.9, 1.0], "tanh": [0.8, 0.9]}})
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['xor']
    """
    where = "plot_scores_by_task"
    scores = _args.mapping(scores, "scores", where, "a dict activation -> runs")
    shown = _args.display_names(display_names, where)
    names = None
    table = {}
    for task, row in scores.items():
        row = _args.mapping(row, f"scores[{task!r}]", where, "runs")
        if names is None:
            names = list(row)
        elif list(row) != names:
            raise ValueError(f"{where}: scores[{task!r}] lists {list(row)}, the first task "
                             f"{names}; give every task the same activations")  # fmt: skip
        table[task] = [_args.values(v, f"scores[{task!r}][{a!r}]", where) for a, v in row.items()]
    base_rate = _args.mapping(base_rate or {}, "base_rate", where, "a number", empty=True)
    xlabel = _args.text(xlabel, "xlabel", where)
    ylabel = _args.text(ylabel, "ylabel", where)
    ylim = None if ylim is None else _args.limits(ylim, "ylim", where)
    ax = _args.axes(ax, where)
    ax = axes_for(ax, (7, 3.5)) if position is None else fixed_margins(
        ax, (7, 3.5), _args.position(position, where))  # fmt: skip
    k = len(names)
    offsets = (np.arange(k) - (k - 1) / 2) * (0.8 / k)
    markers = "osD^vP*Xh"
    for i, name in enumerate(names):
        for j, task in enumerate(table):
            v = table[task][i]
            ax.errorbar(j + offsets[i], v.mean(), yerr=[[v.mean() - v.min()], [v.max() - v.mean()]],
                        color=color(i), marker=markers[i % len(markers)], ms=5, capsize=2,
                        lw=1.2, label=shown.get(name, name) if j == 0 else None)  # fmt: skip
    for j, task in enumerate(table):
        if task in base_rate:
            value = _args.real(base_rate[task], f"base_rate[{task!r}]", where)
            ax.hlines(value, j - 0.45, j + 0.45, color=GREY, lw=1.0, linestyle=(0, (1, 2)),
                      label="base rate" if j == 0 else None)  # fmt: skip
    ax.set_xticks(range(len(table)), labels=list(table))
    ax.set(xlabel=xlabel, ylabel=ylabel, xlim=(-0.5, len(table) - 0.5))
    if ylim is not None:
        ax.set_ylim(ylim)
    ax.legend(frameon=False, fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    return ax
