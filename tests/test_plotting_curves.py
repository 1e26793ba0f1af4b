"""Curves of activations (panels, gallery, several on one axes), the step beside steep
sigmoids, and the error signal at a sigmoid output: what each draws, checked on the Axes it
returns."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from _axes import legend_texts

from actlab import activations, plotting


def curve(ax):
    """The activation's line in a panel (drawn after the grey reference lines)."""
    return ax.get_lines()[-1]


# --- plot_activation_panels -------------------------------------------------------------------


def test_activation_panels_one_curve_each_on_shared_limits():
    axes = plotting.plot_activation_panels(
        ["step", "sigmoid", "tanh", "relu"], display_names={"relu": "ReLU"}
    )
    assert len(axes) == 4
    assert [ax.get_title() for ax in axes] == ["step", "sigmoid", "tanh", "ReLU"]  # as in prose
    for ax in axes:
        assert ax.get_ylim() == (-1.2, 3.2) and ax.get_xlim() == (-3.0, 3.0)
        assert ax.get_xlabel() == "input $z$"
    # every curve fits inside the limits, so none is cut off or squashed
    for ax, name in zip(axes, ["step", "sigmoid", "tanh", "relu"], strict=True):
        x, y = curve(ax).get_data()
        finite = np.isfinite(y)
        np.testing.assert_allclose(y[finite], activations.get(name)(x[finite]))
        assert y[finite].min() >= -1.2 and y[finite].max() <= 3.2
    assert axes[0].get_ylabel() and not axes[1].get_ylabel()
    # without display names, the registry's names
    axes = plotting.plot_activation_panels(["step", "relu"])
    assert [ax.get_title() for ax in axes] == ["step", "relu"]


def test_activation_panels_distinct_colours_and_dash_patterns():
    axes = plotting.plot_activation_panels(["step", "sigmoid", "tanh", "relu"])
    lines = [curve(ax) for ax in axes]
    assert len({line.get_color() for line in lines}) == 4  # distinguishable colours
    assert len({str(line.get_linestyle()) for line in lines}) == 4  # and dash patterns


def test_activation_panels_values_and_gap_at_the_jump():
    x = np.linspace(-1.0, 1.0, 201)
    step, relu = (curve(ax) for ax in plotting.plot_activation_panels(["step", "relu"], x=x))
    np.testing.assert_allclose(relu.get_ydata(), np.maximum(x, 0.0))
    # The step's jump is a gap (one NaN), not a vertical segment.
    assert np.isnan(step.get_ydata()).sum() == 1
    assert len(step.get_xdata()) == x.size + 1


def test_activation_panels_accept_callables():
    def square(z):
        return z**2

    axes = plotting.plot_activation_panels([square, np.tanh], x=np.linspace(-1, 1, 11))
    assert [ax.get_title() for ax in axes] == ["square", "tanh"]
    with pytest.raises(TypeError, match="activation name or a callable"):
        plotting.plot_activation_panels([3.0])


def test_activation_panels_per_panel_params_and_vector_valued():
    x = np.linspace(-2.0, 2.0, 5)
    axes = plotting.plot_activation_panels(["leaky_relu", ("leaky_relu", {"alpha": 0.2})], x=x)
    assert [ax.get_title() for ax in axes] == ["leaky_relu", "leaky_relu (alpha=0.2)"]
    default, steep = (curve(ax) for ax in axes)
    np.testing.assert_allclose(default.get_ydata(), np.where(x > 0, x, 0.01 * x))
    np.testing.assert_allclose(steep.get_ydata(), np.where(x > 0, x, 0.2 * x))
    with pytest.raises(ValueError, match="vector-valued"):
        plotting.plot_activation_panels(["softmax"])
    with pytest.raises(TypeError, match="param: value"):
        plotting.plot_activation_panels([("elu", 1.0)])


def _params_of_every_kind():
    """(name, params) for every activation with parameters: defaults, and one other value each."""
    other = {"alpha": 0.2, "beta": 2, "lambd": 1.0, "min_val": -2.0, "max_val": 2,
             "approximate": "tanh", "lower": 0.0, "upper": 0.5, "rng": 0, "threshold": 1.0,
             "value": -1.0, "b": 1.0}  # fmt: skip
    for name in activations.names():
        act = activations.get(name)
        if act.params and not act.vector_valued:
            yield name, dict(act.params)
            yield name, {k: other[k] for k in act.params}


@pytest.mark.parametrize(("name", "params"), list(_params_of_every_kind()))
def test_activation_panels_label_parameters_of_every_kind(name, params):
    (ax,) = plotting.plot_activation_panels([(name, params)])
    label = ax.get_title()
    assert label.startswith(name) and all(f"{k}=" in label for k in params)


def test_activation_panels_label_an_array_parameter():
    alpha = np.full(601, 0.1)
    (ax,) = plotting.plot_activation_panels([("prelu", {"alpha": alpha})])
    assert ax.get_title() == "prelu (alpha=array[601])"


def test_activation_panels_more_rows_and_bad_input():
    axes = plotting.plot_activation_panels(["step", "sigmoid", "tanh"], ncols=2)
    assert len(axes) == 4 and not axes[3].axison
    with pytest.raises(ValueError, match="plot_activation_panels: names is empty"):
        plotting.plot_activation_panels([])


# --- plot_gallery -------------------------------------------------------------------------


def test_plot_gallery_has_one_panel_per_activation():
    names = [n for n in activations.names() if not activations.get(n).vector_valued]
    axes = plotting.plot_gallery(names, ncols=4)
    used = [ax for ax in axes if ax.axison]
    assert [ax.get_title() for ax in used] == names
    assert all(len(ax.get_lines()) >= 2 for ax in used)  # value and derivative (+ zero lines)
    assert all(ax.get_xlabel() for ax in axes[-4:] if ax.axison)


def test_plot_gallery_draws_the_derivative_dashed():
    x = np.linspace(-2.0, 2.0, 41)
    (ax,) = plotting.plot_gallery(["tanh"], ncols=1, x=x)
    value, derivative = ax.get_lines()[:2]
    np.testing.assert_allclose(derivative.get_ydata(), 1 - np.tanh(x) ** 2)
    assert value.get_linestyle() == "-" and derivative.get_linestyle() == "--"
    assert legend_texts(ax) == ["value", "derivative"]


def test_plot_gallery_rejects_softmax_and_empty():
    with pytest.raises(ValueError, match="vector-valued"):
        plotting.plot_gallery(["relu", "softmax"])
    with pytest.raises(ValueError, match="at least one"):
        plotting.plot_gallery([])


# --- plot_steepness -----------------------------------------------------------------------


def test_steepness_draws_the_step_and_each_sigmoid():
    ax = plotting.plot_steepness([1.0, 8.0])
    assert legend_texts(ax) == [
        "step",
        "sigmoid(1x)\nslope 0.25 at 0",
        "sigmoid(8x)\nslope 2 at 0",
    ]
    x, y = ax.get_lines()[2].get_data()
    np.testing.assert_allclose(y, activations.get("sigmoid")(8.0 * x))
    assert ax.get_ylim() == (-0.1, 1.1)
    for bad in (0.0, -1.0, [], np.nan, np.inf, [1.0, np.nan]):
        with pytest.raises(ValueError, match="positive steepnesses"):
            plotting.plot_steepness(bad)


# --- plot_output_error --------------------------------------------------------------------


def test_output_error_draws_both_losses_error_at_z():
    ax = plotting.plot_output_error(np.array([-10.0, 0.0, 10.0]))
    ce, se = (line.get_ydata() for line in ax.get_lines())
    sigmoid = activations.get("sigmoid")
    np.testing.assert_allclose(ce, 1 - sigmoid([-10.0, 0.0, 10.0]))
    assert se[0] < 1e-3 * ce[0]  # confidently wrong: the squared error's signal has vanished
    assert ax.get_yscale() == "log" and ax.get_legend() is not None


def test_output_error_for_a_soft_target_inside_0_1():
    z = np.array([-2.0, 2.0])
    ax = plotting.plot_output_error(z, y=0.25)
    ce = ax.get_lines()[0].get_ydata()
    np.testing.assert_allclose(ce, np.abs(activations.get("sigmoid")(z) - 0.25))
    assert "y = 0.25" in ax.get_xlabel()


def test_a_gated_unit_has_no_curve_and_the_message_says_what_to_plot():
    with pytest.raises(
        ValueError, match="swiglu is vector-valued \\(a gated unit: .*plot its gate"
    ):
        plotting.plot_gallery(["swiglu"])


# --- plot_road ----------------------------------------------------------------------------


def test_road_draws_each_stop_with_its_derivative_and_its_notes():
    stops = [{"activation": a, "title": a, "fixed": "f " + a, "broke": "b " + a}
             for a in ("step", "relu", "swish")]  # fmt: skip
    axes = plotting.plot_road(stops, ncols=2)
    assert [ax.get_title() for ax in axes[:3]] == ["1. step", "2. relu", "3. swish"]
    assert not axes[3].axison  # the fourth panel of the 2 x 2 grid is switched off
    value, slope = axes[2].get_lines()[-2:]  # swish: smooth, so no break at a jump
    x = value.get_xdata()
    np.testing.assert_allclose(value.get_ydata(), activations.get("swish")(x))
    np.testing.assert_allclose(slope.get_ydata(), activations.get("swish").derivative(x))
    assert "+ f relu\n− b relu" in [t.get_text() for t in axes[1].texts]


# --- plot_curves ----------------------------------------------------------------------------


def test_plot_curves_draws_every_curve_on_one_axes_with_its_label():
    ax = plotting.plot_curves(["relu", ("swish", {"beta": 2.0}), "gelu"])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["relu", "swish (beta=2)", "gelu"]
    lines = [line for line in ax.get_lines() if line.get_label() in labels]
    assert len({line.get_color() for line in lines}) == 3
    assert len({str(line.get_linestyle()) for line in lines}) == 3
    assert ax.get_xlim() == (-4.0, 4.0)


def test_plot_curves_takes_labels_from_a_dict_and_draws_derivatives():
    x = np.linspace(-2, 2, 9)
    ax = plotting.plot_curves({"x / 2": lambda t: t / 2, "SiLU": "swish"}, x=x, derivative=False)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x / 2", "SiLU"]
    ax = plotting.plot_curves({"tanh": "tanh"}, x=x, derivative=True, ylim=(-0.1, 1.1))
    [line] = [line for line in ax.get_lines() if line.get_label() == "tanh"]
    np.testing.assert_allclose(line.get_ydata(), 1 - np.tanh(x) ** 2)
    assert ax.get_ylim() == (-0.1, 1.1) and "slope" in ax.get_ylabel()


def test_plot_curves_fixed_margins_for_an_explorer():
    ax = plotting.plot_curves(["relu"], position=(0.1, 0.15, 0.8, 0.75))
    np.testing.assert_allclose(ax.get_position().bounds, (0.1, 0.15, 0.8, 0.75))


@pytest.mark.parametrize(
    ("kw", "error", "words"),
    [
        ({"names": []}, ValueError, "plot_curves: names is empty"),
        ({"names": {}}, ValueError, "plot_curves: names is empty"),
        ({"names": ["softmax"]}, ValueError, "vector-valued"),
        ({"names": [np.sin], "derivative": True}, TypeError, "no derivative"),
        ({"names": ["relu"], "ylim": (1.0, 0.0)}, ValueError, "ylim"),
        ({"names": ["relu"], "derivative": "yes"}, TypeError, "derivative"),
        ({"names": ["relu"], "position": (0.1, 0.1, -1, 1)}, ValueError, "position"),
    ],
)
def test_plot_curves_refuses_bad_input_before_opening_a_figure(kw, error, words):
    plt.close("all")
    with pytest.raises(error, match=words):
        plotting.plot_curves(**kw)
    assert plt.get_fignums() == []
