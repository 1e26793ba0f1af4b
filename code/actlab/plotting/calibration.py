"""Whether predicted probabilities can be taken at their word: the reliability diagram.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_reliability({"model": [0.2, 0.8]}, [0, 1], bins=2)
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['calibrated', 'model']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import _args
from ._style import GREY, axes_for, color, linestyle


def plot_reliability(
    probabilities: Mapping[str, Sequence[float]],
    y: Sequence[float],
    bins: int = 10,
    ax=None,
    *,
    xlabel: str = "mean predicted probability in the bin",
    ylabel: str = "share of 1s in the bin",
):
    """Reliability diagram: for each model, the share of positives against the mean predicted
    probability in each bin (:func:`actlab.experiments.reliability`). A calibrated model lies
    on the diagonal; points below it are over-confident about "yes", above it about "no".

    ``probabilities`` maps a model's label to its predicted probabilities of class 1, one per
    label in ``y`` (0 or 1); ``bins`` equal-width bins on [0, 1]. For several classes, pass
    each example's confidence (its largest probability) and whether its top class is right
    (the top-label diagram), with axis labels that say so (``xlabel``, ``ylabel``).
    """
    from actlab.experiments import reliability

    where = "plot_reliability"
    probabilities = _args.mapping(probabilities, "probabilities", where,
                                  "predicted probabilities")  # fmt: skip
    y = _args.values(y, "y", where)
    y = _args.labels01(y, "y", where, size=y.size)
    bins = _args.positive_int(bins, "bins", where)
    xlabel = _args.text(xlabel, "xlabel", where)
    ylabel = _args.text(ylabel, "ylabel", where)
    shown = {}
    for label, p in probabilities.items():
        name = f"probabilities[{label!r}]"
        p = _args.same_length(y, _args.values(p, name, where), ("y", name), where)
        if p.min() < 0 or p.max() > 1:
            raise ValueError(f"{where}: {name} must be probabilities in [0, 1], got values "
                             f"from {p.min():g} to {p.max():g}")  # fmt: skip
        shown[label] = reliability(p, y, bins)
    ax = axes_for(_args.axes(ax, where), figsize=(4.5, 4.0))
    ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", lw=1.5, label="calibrated")
    for i, (label, r) in enumerate(shown.items()):
        ax.plot(r.mean_predicted, r.observed, color=color(i), linestyle=linestyle(i), lw=2,
                marker="os^D"[i % 4], label=label)  # fmt: skip
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel=xlabel, ylabel=ylabel)
    ax.set_aspect("equal")
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax
