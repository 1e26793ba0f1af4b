"""The figure helpers chapter 1 uses: what each draws, checked on the Axes it returns."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import activations, nn, plotting  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def legend_texts(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def test_activation_panels_one_curve_each_on_shared_limits():
    axes = plotting.plot_activation_panels(["step", "sigmoid", "tanh", "relu"])
    assert len(axes) == 4
    assert [ax.get_title() for ax in axes] == ["step", "sigmoid", "tanh", "ReLU"]  # as in prose
    for ax in axes:
        assert ax.get_ylim() == (-1.2, 3.2) and ax.get_xlim() == (-3.0, 3.0)
        assert ax.get_xlabel() == "input $z$"
    # every curve fits inside the limits, so none is cut off or squashed
    for ax, name in zip(axes, ["step", "sigmoid", "tanh", "relu"], strict=True):
        x, y = ax.get_lines()[-1].get_data()
        finite = np.isfinite(y)
        np.testing.assert_allclose(y[finite], activations.get(name)(x[finite]))
        assert y[finite].min() >= -1.2 and y[finite].max() <= 3.2
    assert axes[0].get_ylabel() and not axes[1].get_ylabel()


def test_activation_panels_more_rows_and_bad_input():
    axes = plotting.plot_activation_panels(["step", "sigmoid", "tanh"], ncols=2)
    assert len(axes) == 4 and not axes[3].axison
    with pytest.raises(ValueError, match="at least one activation"):
        plotting.plot_activation_panels([])


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


def test_layer_activity_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match=r"shape \(len\(x\), units\)"):
        plotting.plot_layer_activity(np.arange(3.0), np.zeros((4, 2)))


class Line:
    """A stand-in model: predict(X) = 2x."""

    def predict(self, X):
        return 2 * X


def test_predictions_come_from_the_models_on_a_grid_over_x():
    x, y = np.array([-1.0, 0.0, 2.0]), np.array([0.0, 1.0, 1.0])
    ax = plotting.plot_predictions(x, y, {"twice": Line()}, task="classification")
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == "twice"]
    gx, gy = line.get_data()
    assert gx[0] == -1.0 and gx[-1] == 2.0 and len(gx) == 301
    np.testing.assert_allclose(gy, 2 * gx)
    assert "twice" in legend_texts(ax)


def test_predictions_work_with_a_real_network_and_refuse_other_objects():
    net = nn.MLP([1, 3, 1], output="linear", seed=0)
    ax = plotting.plot_predictions([0.0, 1.0], [0.0, 1.0], {"net": net})
    assert "net" in legend_texts(ax)
    with pytest.raises(TypeError, match="'oops' has no predict method"):
        plotting.plot_predictions([0.0, 1.0], [0.0, 1.0], {"oops": np.zeros(3)})


def test_reachable_joins_each_out_of_band_target_to_the_band():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([-0.5, 0.5, 1.5, 0.0])
    ax = plotting.plot_reachable(x, y, 0.0, 1.0, {"twice": Line()})
    (gaps,) = [c for c in ax.collections if c.get_label().startswith("out of reach")]
    segments = [np.asarray(s) for s in gaps.get_segments()]
    assert len(segments) == 2  # -0.5 and 1.5 lie outside [0, 1]
    ends = sorted((s[0, 0], s[0, 1], s[1, 1]) for s in segments)
    assert ends == [(0.0, -0.5, 0.0), (2.0, 1.5, 1.0)]
    squared = [(s[0, 1] - s[1, 1]) ** 2 for s in segments]
    floor = np.mean((y - np.clip(y, 0.0, 1.0)) ** 2)
    assert sum(squared) / len(y) == pytest.approx(floor)
    assert "[0, 1], the reachable band" in legend_texts(ax)


def test_neuron_switch_marks_the_switch_without_negative_zero():
    ax = plotting.plot_neuron_switch(-1.0, 0.0, ["step", "relu"])
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["switch\nx = 0.00"]  # -b/w is -0.0 here; printed as 0.00
    assert legend_texts(ax) == ["step", "ReLU", "sum z = wx + b"]  # as the prose writes it
    ax = plotting.plot_neuron_switch(3.0, 2.0, ["sigmoid", "tanh"])
    assert [t.get_text() for t in ax.texts] == ["switch\nx = -0.67"]
    assert legend_texts(ax) == ["sigmoid", "tanh", "sum z = wx + b"]
    assert ax.get_xlim() == (-3.0, 3.0) and ax.get_ylim() == (-2.5, 2.5)
    assert ax.get_title() == "w = 3, b = 2"


def test_neuron_switch_outside_the_plot_is_not_marked():
    ax = plotting.plot_neuron_switch(0.5, 3.0, ["relu"])  # switch at x = -6
    assert not ax.texts
