"""Each plotting helper returns labelled Axes with the expected lines and legend entries."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import plotting  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def legend_texts(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def labelled_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def assert_labelled(ax):
    assert ax.get_xlabel().strip(), "the x axis has no label"
    assert ax.get_ylabel().strip(), "the y axis has no label"


def test_palette_is_okabe_ito_and_cycles():
    assert len(set(plotting.COLORS)) == 8
    assert set(plotting.COLORS) == set(plotting.OKABE_ITO.values())
    assert plotting.color(0) == plotting.OKABE_ITO["blue"]
    assert plotting.color(8) == plotting.color(0)
    assert plotting.COLORS[-1] == plotting.OKABE_ITO["yellow"]


@pytest.mark.parametrize("derivative", [False, True])
def test_plot_activations(derivative):
    names = ["step", "sigmoid", "tanh", "relu"]
    ax = plotting.plot_activations(names, derivative=derivative)
    assert_labelled(ax)
    assert ("derivative" in ax.get_ylabel()) == derivative
    assert legend_texts(ax) == names
    lines = labelled_lines(ax)
    assert len(lines) == 4
    assert len({line.get_color() for line in lines}) == 4  # distinguishable colours
    assert len({str(line.get_linestyle()) for line in lines}) == 4  # and dash patterns


def test_plot_activations_values_and_gap_at_the_jump():
    x = np.linspace(-1.0, 1.0, 201)
    ax = plotting.plot_activations(["step", "relu"], x=x)
    step, relu = labelled_lines(ax)
    np.testing.assert_allclose(relu.get_ydata(), np.maximum(x, 0.0))
    # The step's jump is a gap (one NaN), not a vertical segment.
    assert np.isnan(step.get_ydata()).sum() == 1
    assert len(step.get_xdata()) == x.size + 1


def test_plot_activations_accepts_callables_and_params():
    def square(z):
        return z**2

    ax = plotting.plot_activations([square, np.tanh], x=np.linspace(-1, 1, 11))
    assert legend_texts(ax) == ["square", "tanh"]
    with pytest.raises(TypeError, match="activation name or a callable"):
        plotting.plot_activations([3.0])


def test_plot_activations_per_line_params_and_vector_valued():
    x = np.linspace(-2.0, 2.0, 5)
    ax = plotting.plot_activations(["leaky_relu", ("leaky_relu", {"alpha": 0.2})], x=x)
    assert legend_texts(ax) == ["leaky_relu", "leaky_relu (alpha=0.2)"]
    default, steep = labelled_lines(ax)
    np.testing.assert_allclose(default.get_ydata(), np.where(x > 0, x, 0.01 * x))
    np.testing.assert_allclose(steep.get_ydata(), np.where(x > 0, x, 0.2 * x))
    with pytest.raises(ValueError, match="vector-valued"):
        plotting.plot_activations(["softmax"])
    with pytest.raises(TypeError, match="param: value"):
        plotting.plot_activations([("elu", 1.0)])


def test_plot_neuron_draws_output_sum_and_threshold_at_fixed_limits():
    ax = plotting.plot_neuron(2.0, -1.0, "sigmoid", xlim=(-3, 3), ylim=(-2, 2))
    assert_labelled(ax)
    assert ax.get_xlim() == (-3, 3) and ax.get_ylim() == (-2, 2)
    texts = legend_texts(ax)
    assert len(texts) == 3 and any("weighted sum" in t for t in texts)
    threshold = [line for line in ax.get_lines() if "-b/w" in line.get_label()][0]
    assert threshold.get_xdata()[0] == pytest.approx(0.5)  # z = 2x - 1 = 0 at x = 0.5
    output = [line for line in ax.get_lines() if "output" in line.get_label()][0]
    x, y = output.get_xdata(), output.get_ydata()
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-(2 * x - 1))), rtol=1e-12)
    assert "sigmoid" in ax.get_title()


def test_plot_neuron_without_sum_and_with_zero_weight():
    ax = plotting.plot_neuron(0.0, 1.0, "relu", show_sum=False)
    assert len(legend_texts(ax)) == 1
    ax = plotting.plot_neuron(0.0, 1.0, "relu")  # w = 0: no threshold line, no division by zero
    assert len(legend_texts(ax)) == 2
    ax = plotting.plot_neuron(1.0, 0.0, "tanh", legend=False)
    assert ax.get_legend() is None and len(labelled_lines(ax)) == 3


@pytest.mark.parametrize("task", ["regression", "classification"])
def test_plot_fits(task):
    x = np.array([0.3, -0.5, 0.9, -0.1])  # unsorted, as data comes
    y = (x > 0).astype(float) if task == "classification" else x**2
    grid = np.linspace(-1.5, 1.5, 50)
    curves = {"model a": (grid, grid**2), "model b": 2 * x}  # a pair, and values at x
    ax = plotting.plot_fits(x, y, curves, task=task)
    assert_labelled(ax)
    band = ["[0, 1], where probabilities lie"] if task == "classification" else []
    assert legend_texts(ax) == ["data", *band, "model a", "model b"]
    a, b = labelled_lines(ax)
    np.testing.assert_array_equal(a.get_xdata(), grid)
    np.testing.assert_array_equal(b.get_xdata(), np.sort(x))  # sorted by x before drawing
    np.testing.assert_array_equal(b.get_ydata(), 2 * np.sort(x))
    assert len(ax.patches) == (1 if task == "classification" else 0)  # the shaded band


def test_plot_fits_rejects_unknown_task():
    with pytest.raises(ValueError, match="task must be"):
        plotting.plot_fits([0], [0], {}, task="ranking")


def test_plot_unit_activity():
    x = np.array([0.5, -1.0, 2.0])
    A = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 0.0]])
    ax = plotting.plot_unit_activity(x, A)
    assert_labelled(ax)
    image = ax.get_images()[0]
    # Columns follow sorted x, rows are units.
    np.testing.assert_array_equal(image.get_array(), [[0.0, 1.0, 3.0], [2.0, 0.0, 0.0]])
    assert len(ax.figure.axes) == 2  # the heat map and its colour bar
    with pytest.raises(ValueError, match="shape"):
        plotting.plot_unit_activity(x, A.T)


def test_plot_history():
    histories = {
        "tanh": {"loss": [1.0, 0.5, 0.2], "val_loss": [1.1, 0.6, 0.3], "accuracy": [0.5, 0.7, 0.9]},
        "relu": {"loss": [0.9, 0.3, 0.1], "val_loss": []},
    }
    ax = plotting.plot_history(histories)
    assert_labelled(ax)
    assert legend_texts(ax) == ["tanh (training)", "tanh (validation)", "relu (training)"]
    np.testing.assert_array_equal(labelled_lines(ax)[0].get_xdata(), [1, 2, 3])
    ax = plotting.plot_history(histories, metric="accuracy", log=True)
    assert legend_texts(ax) == ["tanh (training)"] and ax.get_yscale() == "log"


def test_helpers_draw_on_a_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert plotting.plot_activations(["relu"], ax=axes[1]) is axes[1]
    assert plotting.plot_fits([0.0], [0.0], {"f": [0.0]}, ax=axes[0]) is axes[0]


def test_plot_gallery_has_one_panel_per_activation():
    from actlab import activations

    names = [n for n in activations.names() if not activations.get(n).vector_valued]
    axes = plotting.plot_gallery(names, ncols=4)
    used = [ax for ax in axes if ax.axison]
    assert [ax.get_title() for ax in used] == names
    assert all(len(ax.get_lines()) >= 2 for ax in used)  # value and derivative (+ zero lines)
    assert all(ax.get_xlabel() for ax in axes[-4:] if ax.axison)
    plt.close("all")


def test_plot_gallery_rejects_softmax_and_empty():
    with pytest.raises(ValueError, match="vector-valued"):
        plotting.plot_gallery(["relu", "softmax"])
    with pytest.raises(ValueError, match="at least one"):
        plotting.plot_gallery([])
    plt.close("all")
