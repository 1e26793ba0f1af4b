"""What models answer: fits, predictions, the reachable band, decision and threshold regions,
checked on the Axes each helper returns."""

import numpy as np
import pytest
from _axes import labelled_lines, legend_texts

from actlab import data, nn, plotting

X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR = np.array([0, 1, 1, 0])


class Line:
    """A stand-in model: predict(X) = 2x."""

    def predict(self, X):
        return 2 * X


class Threshold:
    def predict(self, X):
        return (X[:, :1] + X[:, 1:] > 0).astype(float)


# --- plot_fits and plot_predictions -------------------------------------------------------


@pytest.mark.parametrize("task", ["regression", "classification"])
def test_plot_fits(task):
    x = np.array([0.3, -0.5, 0.9, -0.1])  # unsorted, as data comes
    y = (x > 0).astype(float) if task == "classification" else x**2
    grid = np.linspace(-1.5, 1.5, 50)
    curves = {"model a": (grid, grid**2), "model b": 2 * x}  # a pair, and values at x
    ax = plotting.plot_fits(x, y, curves, task=task)
    assert ax.get_xlabel().strip() and ax.get_ylabel().strip()
    band = ["[0, 1], where probabilities lie"] if task == "classification" else []
    assert legend_texts(ax) == ["data", *band, "model a", "model b"]
    a, b = labelled_lines(ax)
    np.testing.assert_array_equal(a.get_xdata(), grid)
    np.testing.assert_array_equal(b.get_xdata(), np.sort(x))  # sorted by x before drawing
    np.testing.assert_array_equal(b.get_ydata(), 2 * np.sort(x))
    assert len(ax.patches) == (1 if task == "classification" else 0)  # the shaded band


def test_plot_fits_rejects_unknown_task():
    with pytest.raises(ValueError, match="plot_fits: unknown task 'ranking'"):
        plotting.plot_fits([0], [0], {}, task="ranking")


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


# --- plot_reachable -----------------------------------------------------------------------


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
    (twice,) = [ln for ln in ax.get_lines() if ln.get_label() == "twice"]
    np.testing.assert_allclose(twice.get_ydata(), 2 * twice.get_xdata())


def test_reachable_names_the_gaps_only_when_there_are_some():
    # A fix made for chapter 3, whose targets all lie inside the band: plot_reachable used to
    # list "out of reach" in its legend even when it drew no such line.
    inside = plotting.plot_reachable([0.0, 1.0, 2.0], [0.0, 0.5, 1.0], 0.0, 1.0)
    texts = [t.get_text() for t in inside.get_legend().get_texts()]
    assert not any("out of reach" in t for t in texts)
    outside = plotting.plot_reachable([0.0, 1.0, 2.0], [-1.0, 0.5, 2.0], 0.0, 1.0)
    texts = [t.get_text() for t in outside.get_legend().get_texts()]
    assert "out of reach: gap to the band" in texts


# --- plot_decision_regions ----------------------------------------------------------------


def test_decision_regions_one_panel_per_model_with_both_classes():
    X, y = data.moons(n=60, seed=0)
    axes = plotting.plot_decision_regions(X, y, {"a": Threshold(), "b": Threshold()}, n_grid=21)
    assert [ax.get_title() for ax in axes] == ["a", "b"]
    texts = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert texts == ["class 0", "class 1"]
    assert axes[0].get_ylabel() == "input $x_2$" and axes[1].get_xlabel() == "input $x_1$"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((np.zeros((3, 3)), [0, 1, 0], {"a": Threshold()}), ValueError),
        ((np.zeros((3, 2)), [0, 1], {"a": Threshold()}), ValueError),
        ((np.zeros((3, 2)), [0, 1, 0], {}), ValueError),  # was TypeError: a value, not a type
        ((np.zeros((3, 2)), [0, 1, 0], {"a": object()}), TypeError),
        ((np.zeros((3, 2)), [0, 1, 0], [Threshold()]), TypeError),
    ],
)
def test_decision_regions_name_their_bad_arguments(args, error):
    with pytest.raises(error, match="plot_decision_regions"):
        plotting.plot_decision_regions(*args)


# --- plot_threshold_regions ---------------------------------------------------------------


def test_threshold_regions_shade_the_answers_and_ring_the_wrong_points():
    def one_line(P):  # answers 1 where x1 > 0.5: right on 2 of the 4 XOR points
        return (P[:, 0] > 0.5).astype(float)

    ax = plotting.plot_threshold_regions(one_line, X4, XOR, lines=[(1.0, 0.0, -0.5)])
    (shaded,) = [c for c in ax.collections if c.get_label() != "class 1"][:1]
    corners = shaded.get_paths()[0].vertices
    assert corners[:, 0].min() == pytest.approx(0.5, abs=0.01)  # shaded right of x1 = 0.5
    assert corners[:, 0].max() == pytest.approx(1.5)
    assert "answered wrong" in legend_texts(ax)
    rings = [c for c in ax.collections if c.get_label() == "answered wrong"][0]
    np.testing.assert_array_equal(rings.get_offsets(), X4[[1, 3]])  # (0, 1) and (1, 1)
    assert "unit 1: z = 0" in legend_texts(ax)
    assert ax.get_xlim() == (-0.5, 1.5) and ax.get_ylim() == (-0.5, 1.5)


def test_threshold_regions_without_mistakes_draw_no_ring():
    def xor_net(P):
        return ((P[:, 0] + P[:, 1] > 0.5) & (P[:, 0] + P[:, 1] < 1.5)).astype(float)

    ax = plotting.plot_threshold_regions(xor_net, X4, XOR, title="XOR")
    assert "answered wrong" not in legend_texts(ax)
    assert ax.get_title() == "XOR"


def test_threshold_regions_answering_0_everywhere_shade_nothing():
    ax = plotting.plot_threshold_regions(lambda P: np.zeros(len(P)), X4, XOR)
    assert len(ax.collections) == 3  # two kinds of point and the rings; no shaded region


def test_threshold_regions_without_a_legend_use_the_width():
    ax = plotting.plot_threshold_regions(lambda P: P[:, 0] > 0.5, X4, XOR, legend=False)
    assert ax.get_legend() is None
    assert ax.get_position().width > 0.7


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        (("not a function", X4, XOR), TypeError, "predict must be a function"),
        ((lambda P: P[:, 0], X4[:, :1], XOR), ValueError, "shape (len(y), 2)"),
        ((lambda P: P[:, 0], X4, XOR[:3]), ValueError, "shape (len(y), 2)"),
        ((lambda P: P[:1, 0], X4, XOR), ValueError, "expected one per input"),
        ((lambda P: P[:, 0], X4, [0, 1, 2, 0]), ValueError, "class labels 0 and 1"),
    ],
)
def test_threshold_regions_name_bad_arguments(args, error, words):
    with pytest.raises(error, match="plot_threshold_regions") as info:
        plotting.plot_threshold_regions(*args)
    assert words in str(info.value)


def test_threshold_region_lines_differ_in_colour_and_dash():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    ax = plotting.plot_threshold_regions(
        lambda P: P[:, 0] > 0.5, X, [0, 1], lines=[(1, 1, -1.5), (-1, -1, 0.5)], legend=False
    )
    first, second = [line for line in ax.get_lines() if line.get_label().startswith("unit")]
    assert first.get_color() != second.get_color()
    assert first.get_linestyle() != second.get_linestyle()
