"""One call per figure: every helper draws on ``ax`` (a new figure when None) and returns the Axes
(or, for small multiples, the array of Axes).

The helpers are grouped by the kind of figure they draw, since chapters reuse figures:

- :mod:`~actlab.plotting.curves`: activations against their input (gallery, panels, several on
  one axes), the step beside steep sigmoids, the error signal at a sigmoid output;
- :mod:`~actlab.plotting.units`: one neuron, one sigmoid unit, a 1-3-1 network, staircases,
  piecewise-linear functions and their kinks;
- :mod:`~actlab.plotting.models`: fits and predictions over data, the reachable band, decision
  and threshold regions;
- :mod:`~actlab.plotting.layers`: unit activity in a layer, the signal by depth;
- :mod:`~actlab.plotting.training`: learning curves, their spread, results against a setting,
  weight paths, errors per epoch;
- :mod:`~actlab.plotting.calibration`: the reliability diagram;
- :mod:`~actlab.plotting.classes`: a distribution over classes, a confusion matrix.

The look they share (the Okabe–Ito palette, dash patterns, fixed margins) is in ``_style``, and
every helper checks its arguments in ``_args``, which names the one it refuses. Every helper
labels its axes and adds a legend when it draws more than one labelled line. Import the helpers
from here: ``from actlab import plotting; plotting.plot_neuron(1.0, 0.0)``.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = plot_reachable([0.0, 1.0], [0.5, 2.0], 0.0, 1.0)
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['[0, 1], the reachable band', 'out of reach: gap to the band', 'data']
"""

from ._style import COLORS, GREY, LINESTYLES, OKABE_ITO, color, linestyle
from .calibration import plot_reliability
from .classes import plot_confusion, plot_distribution
from .curves import (
    plot_activation_panels,
    plot_curves,
    plot_gallery,
    plot_output_error,
    plot_road,
    plot_steepness,
)
from .layers import plot_layer_activity, plot_signal_by_depth
from .models import (
    plot_decision_regions,
    plot_fits,
    plot_predictions,
    plot_reachable,
    plot_threshold_regions,
)
from .training import (
    plot_curves_spread,
    plot_errors_per_epoch,
    plot_history,
    plot_scores_by_task,
    plot_spread_against,
    plot_weight_paths,
)
from .units import (
    TWO_LAYER,
    plot_neuron,
    plot_piecewise_linear,
    plot_sigmoid_unit,
    plot_staircase,
    plot_two_layer,
)

__all__ = [
    "COLORS", "GREY", "LINESTYLES", "OKABE_ITO", "TWO_LAYER", "color", "linestyle",
    "plot_activation_panels", "plot_curves_spread", "plot_decision_regions",
    "plot_errors_per_epoch", "plot_fits", "plot_gallery", "plot_history", "plot_layer_activity",
    "plot_neuron", "plot_output_error", "plot_piecewise_linear", "plot_predictions",
    "plot_reachable", "plot_reliability", "plot_signal_by_depth", "plot_sigmoid_unit",
    "plot_spread_against", "plot_staircase", "plot_steepness", "plot_threshold_regions",
    "plot_two_layer", "plot_weight_paths",
    "plot_road",
    "plot_scores_by_task",
    "plot_curves",
    "plot_distribution",
    "plot_confusion",
]  # fmt: skip
