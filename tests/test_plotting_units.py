"""Single units and tiny networks: one neuron, a sigmoid unit, a 1-3-1 network and staircases of
step units, checked on the Axes each helper returns."""

import numpy as np
import pytest
from _axes import labelled_lines, legend_texts

from actlab import activations, plotting

# --- plot_neuron ----------------------------------------------------------------------------


def test_neuron_marks_the_switch_without_negative_zero():
    ax = plotting.plot_neuron(-1.0, 0.0, ["step", "relu"], display_names={"relu": "ReLU"})
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["switch\nx = 0.00"]  # -b/w is -0.0 here; printed as 0.00
    assert legend_texts(ax) == ["step", "ReLU", "sum z = wx + b"]  # as the prose writes it
    ax = plotting.plot_neuron(3.0, 2.0, ["sigmoid", "tanh"])
    assert [t.get_text() for t in ax.texts] == ["switch\nx = -0.67"]
    assert legend_texts(ax) == ["sigmoid", "tanh", "sum z = wx + b"]
    assert ax.get_xlim() == (-3.0, 3.0) and ax.get_ylim() == (-2.5, 2.5)
    assert ax.get_title() == "w = 3, b = 2"
    assert legend_texts(plotting.plot_neuron(1.0, 0.0, ["relu"]))[0] == "relu"  # no display name


def test_neuron_switch_outside_the_plot_is_not_marked():
    ax = plotting.plot_neuron(0.5, 3.0, ["relu"])  # switch at x = -6
    assert not ax.texts


def test_neuron_one_activation_draws_output_sum_and_switch_at_fixed_limits():
    ax = plotting.plot_neuron(2.0, -1.0, "sigmoid", xlim=(-3, 3), ylim=(-2, 2))
    assert ax.get_xlabel() and ax.get_ylabel()
    assert ax.get_xlim() == (-3, 3) and ax.get_ylim() == (-2, 2)
    assert legend_texts(ax) == ["sigmoid", "sum z = wx + b"]  # one name is one activation
    switch = [line for line in ax.get_lines() if np.ptp(line.get_xdata()) == 0]  # vertical
    assert [t.get_text() for t in ax.texts] == ["switch\nx = 0.50"]  # z = 2x - 1 = 0 at x = 0.5
    assert switch and switch[0].get_xdata()[0] == pytest.approx(0.5)
    output = [line for line in ax.get_lines() if line.get_label() == "sigmoid"][0]
    x, y = output.get_xdata(), output.get_ydata()
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-(2 * x - 1))), rtol=1e-12)
    s = [line for line in ax.get_lines() if line.get_label().startswith("sum")][0]
    np.testing.assert_allclose(s.get_ydata(), 2 * s.get_xdata() - 1)


def test_neuron_without_sum_and_with_zero_weight():
    ax = plotting.plot_neuron(0.0, 1.0, "relu", show_sum=False)
    assert len(legend_texts(ax)) == 1 and not ax.texts  # no sum, no switch
    ax = plotting.plot_neuron(0.0, 1.0, "relu")  # w = 0: no switch line, no division by zero
    assert len(legend_texts(ax)) == 2 and not ax.texts
    ax = plotting.plot_neuron(1.0, 0.0, "tanh", legend=False)
    assert ax.get_legend() is None and len(labelled_lines(ax)) == 2
    assert ax.get_position().width > 0.8  # the plot takes the legend's room


def test_neuron_takes_parameters_per_activation():
    ax = plotting.plot_neuron(1.0, 0.0, [("leaky_relu", {"alpha": 0.5})], show_sum=False)
    (line,) = labelled_lines(ax)
    assert line.get_label() == "leaky_relu (alpha=0.5)"
    x = line.get_xdata()
    np.testing.assert_allclose(line.get_ydata(), np.where(x > 0, x, 0.5 * x))


# --- plot_sigmoid_unit --------------------------------------------------------------------


def test_sigmoid_unit_shades_where_the_slope_is_below_a_tenth_of_its_maximum():
    ax = plotting.plot_sigmoid_unit(2.0, -1.0)
    out, slope = ax.get_lines()[:2]
    x, y = out.get_data()
    sigmoid = activations.get("sigmoid")
    np.testing.assert_allclose(y, sigmoid(2.0 * x - 1.0))
    np.testing.assert_allclose(slope.get_ydata(), 4 * sigmoid.derivative(2.0 * x - 1.0))
    share = np.mean(np.abs(2.0 * x - 1.0) > 3.6376)
    assert f"{share:.0%}" in ax.get_title()
    assert ax.get_xlim() == (-4.0, 4.0) and ax.get_xlabel() and ax.get_ylabel()


# --- plot_two_layer -----------------------------------------------------------------------


@pytest.mark.parametrize("w", [-1.0, 0.0, 0.5, 1.0])
def test_two_layer_linear_hidden_units_draw_a_straight_line(w):
    ax = plotting.plot_two_layer(w, "linear")
    x, out = ax.get_lines()[3].get_data()  # three units, then their sum
    np.testing.assert_allclose(np.diff(out, 2), 0.0, atol=1e-12)
    ax_relu = plotting.plot_two_layer(w, "relu")
    _, bent = ax_relu.get_lines()[3].get_data()
    assert np.abs(np.diff(bent, 2)).max() > 1e-3
    for a in (ax, ax_relu):  # every curve inside the fixed limits
        low, high = a.get_ylim()
        assert all(low <= line.get_ydata().min() and line.get_ydata().max() <= high
                   for line in a.get_lines()[:4])  # fmt: skip


@pytest.mark.parametrize(("w", "bends"), [(-1.0, [-2.0, 1.0, 2.0]), (0.0, [-2.0, 2.0]),
                                          (1.0, [-2.0, -1.0, 2.0])])  # fmt: skip
def test_two_layer_frames_hide_no_curve_and_relu_bends_at_each_switch(w, bends):
    """Chapter 3's explorer: no contribution lies on the output or on (minus) another one, so
    every curve shows; with ReLU units the output bends at every unit's switch point."""
    for activation in ("linear", "relu"):
        lines = plotting.plot_two_layer(w, activation).get_lines()[:4]
        *parts, out = (line.get_ydata() for line in lines)
        for j, part in enumerate(parts):
            assert np.abs(out - part).max() > 1.0, (activation, j)
            for other in parts[j + 1 :]:
                assert np.abs(part - other).max() > 1.0 and np.abs(part + other).max() > 1.0
    x = lines[3].get_xdata()
    kinks = x[1:-1][np.abs(np.diff(out, 2)) > 1e-9]
    assert np.allclose(kinks, bends, atol=0.03), kinks


def test_two_layer_refuses_a_bad_activation():
    with pytest.raises(TypeError, match="plot_two_layer"):
        plotting.plot_two_layer(1.0, 3)


# --- plot_staircase -----------------------------------------------------------------------


def test_staircase_draws_flat_pieces_with_gaps_at_the_jumps():
    x = np.linspace(0.0, 1.0, 101)
    stairs = np.floor(4 * x) / 4
    ax = plotting.plot_staircase(x, x, {"4 steps": stairs})
    assert legend_texts(ax) == ["target", "4 steps"]
    ys = ax.get_lines()[1].get_ydata()
    pieces = [p for p in np.split(ys, np.flatnonzero(np.isnan(ys))) if p[~np.isnan(p)].size]
    assert len(pieces) == 5  # 0, 0.25, 0.5, 0.75 and the single point at x = 1
    for piece in pieces:
        assert np.ptp(piece[~np.isnan(piece)]) == 0
    with pytest.raises(ValueError, match="differ in length"):
        plotting.plot_staircase(x, x[:-1], {})
    with pytest.raises(ValueError, match="has 3 values"):
        plotting.plot_staircase(x, x, {"short": [1.0, 2.0, 3.0]})


# --- plot_piecewise_linear -----------------------------------------------------------------


def test_piecewise_linear_marks_each_kink_on_its_curve():
    x = np.linspace(-2.0, 2.0, 81)
    tent = np.maximum(x, 0) - 2 * np.maximum(x - 1, 0)
    ax = plotting.plot_piecewise_linear(x, {"tent": tent, "relu": np.maximum(x, 0)},
                                        {"tent": [0.0, 1.0]}, ylim=(-1, 2))  # fmt: skip
    assert legend_texts(ax) == ["tent", "kinks of tent", "relu"]
    kx, ky = ax.get_lines()[1].get_data()
    assert kx.tolist() == [0.0, 1.0] and ky.tolist() == [0.0, 1.0]  # on the curve
    assert ax.get_ylim() == (-1.0, 2.0) and ax.get_xlim() == (-2.0, 2.0)
    with pytest.raises(ValueError, match="kinks has label.s. \\['tents'\\] that are not in"):
        plotting.plot_piecewise_linear(x, {"tent": tent}, {"tents": [0.0]})


def test_piecewise_linear_keeps_fixed_margins_for_an_explorer():
    x = np.linspace(0.0, 1.0, 11)
    ax = plotting.plot_piecewise_linear(x, {"a": x}, position=(0.1, 0.15, 0.8, 0.75),
                                        legend=False)  # fmt: skip
    assert np.allclose(ax.get_position().bounds, (0.1, 0.15, 0.8, 0.75))
    assert ax.get_legend() is None
    assert ax.figure.get_layout_engine() is None
