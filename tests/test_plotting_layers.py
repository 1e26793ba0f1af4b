"""What layers do: unit activity as a heat map and the signal by depth, checked on the Axes."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from _axes import legend_texts
from matplotlib.layout_engine import ConstrainedLayoutEngine

from actlab import experiments, plotting

# --- plot_layer_activity ------------------------------------------------------------------


def test_layer_activity_draws_exact_zeros_in_their_own_colour():
    x = np.linspace(-1.0, 1.0, 5)
    A = np.maximum(0.0, np.outer(x, [1.0, -1.0]) + [0.0, 1e-9])  # tiny but not zero
    ax = plotting.plot_layer_activity(x, A, label="ReLU output")
    data = ax.get_images()[0].get_array()
    assert np.ma.isMaskedArray(data)
    np.testing.assert_array_equal(data.mask, (A == 0).T)  # masked exactly where A == 0
    assert legend_texts(ax) == ["exactly 0"]
    rgba = ax.get_images()[0].cmap.get_bad()
    assert tuple(np.round(rgba[:3], 3)) == pytest.approx((0.867, 0.867, 0.867), abs=1e-3)
    assert ax.get_xlabel() and ax.get_ylabel() == "unit"


def test_layer_activity_without_a_zero_colour_is_a_plain_heat_map():
    x = np.array([0.5, -1.0, 2.0])
    A = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 0.0]])
    ax = plotting.plot_layer_activity(x, A, zero_color=None, ylabel="hidden unit")
    assert ax.get_xlabel() and ax.get_ylabel() == "hidden unit"
    image = ax.get_images()[0]
    assert not np.ma.getmaskarray(image.get_array()).any() and ax.get_legend() is None
    # Columns follow sorted x, rows are units.
    np.testing.assert_array_equal(image.get_array(), [[0.0, 1.0, 3.0], [2.0, 0.0, 0.0]])
    assert len(ax.figure.axes) == 2  # the heat map and its colour bar
    with pytest.raises(ValueError, match="shape"):
        plotting.plot_layer_activity(x, A.T)


def test_layer_activity_rejects_mismatched_shapes_and_no_inputs():
    with pytest.raises(ValueError, match=r"shape \(len\(x\), units\)"):
        plotting.plot_layer_activity(np.arange(3.0), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="plot_layer_activity: x is empty"):
        plotting.plot_layer_activity([], np.zeros((0, 3)))
    with pytest.raises(ValueError, match="plot_layer_activity: A contains NaN"):
        plotting.plot_layer_activity([0.0, 1.0], [[0.0, np.nan]])  # NaN would look like a 0
    with pytest.raises(ValueError, match="plot_layer_activity: zero_color"):
        plotting.plot_layer_activity([0.0, 1.0], np.eye(2), zero_color="greyish")


# --- plot_signal_by_depth -----------------------------------------------------------------


def test_signal_by_depth_draws_each_result_and_the_bound():
    r = experiments.signal_norms("sigmoid", depth=4, width=8, n=16, seed=0)
    ax = plotting.plot_signal_by_depth({"sigmoid": r, "flat": np.ones(4)}, bound=0.25)
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), r.relative)
    np.testing.assert_allclose(lines[2].get_ydata(), 0.25 ** np.arange(3, -1, -1))
    assert ax.get_yscale() == "log" and ax.get_xlabel().startswith("hidden layer")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "sigmoid", "flat", "0.25 per layer",
    ]  # fmt: skip
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "$" not in "".join(labels) and "10⁻³" in labels  # plain text, no mathtext


def test_signal_by_depth_with_fixed_margins_for_an_explorer():
    fig, ax = plt.subplots(layout="constrained")
    plotting.plot_signal_by_depth({"a": [0.1, 1.0]}, ax=ax, position=(0.14, 0.15, 0.82, 0.74))
    assert not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    np.testing.assert_allclose(ax.get_position().bounds, (0.14, 0.15, 0.82, 0.74))
    new = plotting.plot_signal_by_depth({"a": [0.1, 1.0]})  # a new figure: constrained layout
    assert isinstance(new.figure.get_layout_engine(), ConstrainedLayoutEngine)


@pytest.mark.parametrize(
    ("results", "error"),
    [({}, ValueError), ([1.0], TypeError), ({"a": np.ones((2, 2))}, ValueError),
     ({"a": [1.0, 0.0]}, ValueError), ({"a": [1.0, np.nan]}, ValueError)],
)  # fmt: skip
def test_signal_by_depth_names_bad_arguments(results, error):
    # {} was a TypeError before: an empty dict is the right type with a wrong value.
    with pytest.raises(error, match="plot_signal_by_depth"):
        plotting.plot_signal_by_depth(results)
