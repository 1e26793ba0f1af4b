"""The look every figure shares: the palette, and helpers that draw on the Axes they are given."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine

from actlab import plotting
from actlab.plotting import _style


class Line:
    def predict(self, X):
        return 2 * X[:, :1]


X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)

# Every helper that draws one Axes, called with small valid arguments.
ONE_AXES = {
    "plot_neuron": lambda ax: plotting.plot_neuron(1.0, 0.0, "relu", ax=ax),
    "plot_sigmoid_unit": lambda ax: plotting.plot_sigmoid_unit(1.0, 0.0, ax=ax),
    "plot_two_layer": lambda ax: plotting.plot_two_layer(1.0, ax=ax),
    "plot_staircase": lambda ax: plotting.plot_staircase([0, 1], [0, 1], {"s": [0, 1]}, ax=ax),
    "plot_piecewise_linear": lambda ax: plotting.plot_piecewise_linear(
        [0, 1], {"relu": [0, 1]}, {"relu": [0.0]}, ax=ax
    ),  # fmt: skip
    "plot_steepness": lambda ax: plotting.plot_steepness(1.0, ax=ax),
    "plot_output_error": lambda ax: plotting.plot_output_error(ax=ax),
    "plot_fits": lambda ax: plotting.plot_fits([0.0], [0.0], {"f": [0.0]}, ax=ax),
    "plot_predictions": lambda ax: plotting.plot_predictions(
        [0, 1], [0, 1], {"m": Line()}, ax=ax
    ),  # fmt: skip
    "plot_reachable": lambda ax: plotting.plot_reachable([0, 1], [0, 2], 0.0, 1.0, ax=ax),
    "plot_threshold_regions": lambda ax: plotting.plot_threshold_regions(
        lambda P: P[:, 0] > 0.5, X4, [0, 1, 1, 0], ax=ax
    ),  # fmt: skip
    "plot_layer_activity": lambda ax: plotting.plot_layer_activity([0, 1], np.eye(2), ax=ax),
    "plot_signal_by_depth": lambda ax: plotting.plot_signal_by_depth({"a": [0.1, 1.0]}, ax=ax),
    "plot_history": lambda ax: plotting.plot_history({"a": {"loss": [1.0, 0.5]}}, ax=ax),
    "plot_curves_spread": lambda ax: plotting.plot_curves_spread({"a": [[1.0, 0.5]]}, ax=ax),
    "plot_spread_against": lambda ax: plotting.plot_spread_against(
        [1, 2], {"a": [[1.0, 0.5]]}, ax=ax, xlabel="x", ylabel="y"
    ),  # fmt: skip
    "plot_weight_paths": lambda ax: plotting.plot_weight_paths(
        {"a": [[0, 0], [1, 1]]}, (1, 1), ax=ax
    ),  # fmt: skip
    "plot_errors_per_epoch": lambda ax: plotting.plot_errors_per_epoch({"a": [1, 0]}, ax=ax),
    "plot_reliability": lambda ax: plotting.plot_reliability({"a": [0.2, 0.8]}, [0, 1], ax=ax),
    "plot_scores_by_task": lambda ax: plotting.plot_scores_by_task(
        {"t": {"relu": [0.9, 1.0]}}, ax=ax
    ),  # fmt: skip
    "plot_curves": lambda ax: plotting.plot_curves(["relu", "tanh"], ax=ax),
    "plot_distribution": lambda ax: plotting.plot_distribution([0.2, 0.8], ax=ax),
    "plot_confusion": lambda ax: plotting.plot_confusion([[3, 1], [0, 2]], ax=ax),
}


def test_palette_is_okabe_ito_and_cycles():
    assert len(set(plotting.COLORS)) == 8
    assert set(plotting.COLORS) == set(plotting.OKABE_ITO.values())
    assert plotting.color(0) == plotting.OKABE_ITO["blue"]
    assert plotting.color(8) == plotting.color(0)
    assert plotting.COLORS[-1] == plotting.OKABE_ITO["yellow"]


def test_every_public_helper_is_exported_and_listed():
    helpers = {n for n in dir(plotting) if n.startswith("plot_")}
    assert helpers == {n for n in plotting.__all__ if n.startswith("plot_")}
    assert set(ONE_AXES) | {"plot_gallery", "plot_activation_panels",
                            "plot_decision_regions", "plot_road"} == helpers  # fmt: skip


@pytest.mark.parametrize("name", ONE_AXES)
def test_helpers_draw_on_a_given_axes(name):
    fig, axes = plt.subplots(1, 2)
    assert ONE_AXES[name](axes[1]) is axes[1]
    assert ONE_AXES[name](None).figure is not fig  # a new figure when ax is None
    assert axes[1].get_xlabel().strip() and axes[1].get_ylabel().strip()


def test_fixed_margins_place_the_axes_and_switch_off_the_layout_engine():
    fig, ax = plt.subplots(layout="constrained")
    assert _style.fixed_margins(ax, (6, 3.5), (0.1, 0.2, 0.5, 0.6)) is ax
    assert not isinstance(fig.get_layout_engine(), (ConstrainedLayoutEngine, TightLayoutEngine))
    np.testing.assert_allclose(ax.get_position().bounds, (0.1, 0.2, 0.5, 0.6))
    new = _style.fixed_margins(None, (4, 3), (0.1, 0.1, 0.8, 0.8))
    assert tuple(new.figure.get_size_inches()) == (4, 3)


@pytest.mark.parametrize(
    ("name", "position"),
    [("plot_neuron", (0.1, 0.14, 0.66, 0.76)), ("plot_sigmoid_unit", (0.1, 0.14, 0.6, 0.76)),
     ("plot_two_layer", (0.1, 0.14, 0.62, 0.76)), ("plot_steepness", (0.1, 0.14, 0.56, 0.76)),
     ("plot_threshold_regions", (0.15, 0.14, 0.5, 0.76))],
)  # fmt: skip
def test_explorer_figures_have_fixed_margins(name, position):
    ax = ONE_AXES[name](None)
    assert not isinstance(
        ax.figure.get_layout_engine(), (ConstrainedLayoutEngine, TightLayoutEngine)
    )
    np.testing.assert_allclose(ax.get_position().bounds, position)
