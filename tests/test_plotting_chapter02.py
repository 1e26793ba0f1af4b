"""The figure helpers chapter 2 uses: what each draws, checked on the Axes it returns."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import activations, plotting  # noqa: E402

X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR = np.array([0, 1, 1, 0])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def legend_texts(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


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
    ],
)
def test_threshold_regions_name_bad_arguments(args, error, words):
    with pytest.raises(error, match="plot_threshold_regions") as info:
        plotting.plot_threshold_regions(*args)
    assert words in str(info.value)


def test_errors_per_epoch_one_line_per_run_with_its_counts():
    ax = plotting.plot_errors_per_epoch({"AND": [2, 1, 0], "XOR": [2, 3, 2, 3]})
    lines = ax.get_lines()
    assert legend_texts(ax) == ["AND", "XOR"]
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(lines[0].get_ydata(), [2, 1, 0])
    assert ax.get_ylim()[1] > 3
    with pytest.raises(TypeError, match="plot_errors_per_epoch"):
        plotting.plot_errors_per_epoch([1, 2, 3])


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
    for bad in (0.0, -1.0, []):
        with pytest.raises(ValueError, match="positive steepnesses"):
            plotting.plot_steepness(bad)
