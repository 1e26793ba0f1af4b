"""How training goes: histories, their spread over seeds, weight paths and errors per epoch,
checked on the Axes each helper returns."""

import re

import numpy as np
import pytest
from _axes import labelled_lines, legend_texts

from actlab import experiments, plotting

# --- plot_history ---------------------------------------------------------------------------


def test_plot_history():
    histories = {
        "tanh": {"loss": [1.0, 0.5, 0.2], "val_loss": [1.1, 0.6, 0.3], "accuracy": [0.5, 0.7, 0.9]},
        "relu": {"loss": [0.9, 0.3, 0.1], "val_loss": []},
    }
    ax = plotting.plot_history(histories)
    assert ax.get_xlabel().strip() and ax.get_ylabel().strip()
    assert legend_texts(ax) == ["tanh (training)", "tanh (validation)", "relu (training)"]
    np.testing.assert_array_equal(labelled_lines(ax)[0].get_xdata(), [1, 2, 3])
    ax = plotting.plot_history(histories, metric="accuracy", log=True)
    assert legend_texts(ax) == ["tanh (training)"] and ax.get_yscale() == "log"


def test_plot_history_without_validation_log_scale_distinct_styles_and_reference():
    runs = {"a": {"loss": [1.0, 0.5]}, "b": {"loss": [2.0, 0.1]}}
    ax = plotting.plot_history(runs, log=True, validation=False, reference=0.05,
                               reference_label="best")  # fmt: skip
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["a", "b", "best"]
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert lines[0].get_color() != lines[1].get_color()
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "training loss (log scale)"
    # was a TypeError from plot_learning_curves: a dict without the metric is a wrong value
    with pytest.raises(ValueError, match="plot_history: no run has values of 'loss'"):
        plotting.plot_history({"a": {"accuracy": [1.0]}}, validation=False)


def test_plot_history_takes_arrays_and_real_training_stats():
    stats = experiments.activation_stats_during_training(
        "relu", hidden=(4,), epochs=3, data_kw={"n": 40}
    )
    runs = {"arrays": {"loss": np.array([1.0, 0.5])}, "stats": stats,
            "fit": stats.history, "rows": {"loss": stats.loss}}  # fmt: skip
    ax = plotting.plot_history(runs)
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["arrays (training)", "stats (training)", "stats (validation)",
                      "fit (training)", "fit (validation)", "rows (training)"]  # fmt: skip
    assert len(ax.lines[1].get_xdata()) == 3  # the fit history: one point per epoch


def test_plot_history_names_what_it_cannot_read():
    with pytest.raises(TypeError, match=r"plot_history: histories\['a'\] must be the dict"):
        plotting.plot_history({"a": [1.0, 0.5]})
    with pytest.raises(TypeError, match="plot_history: histories must map"):
        plotting.plot_history([1.0, 0.5])


# --- plot_curves_spread -------------------------------------------------------------------


def test_curves_spread_draws_the_mean_and_the_band():
    runs = [[3.0, 2.0, 1.0], [1.0, 1.0, 1.0]]
    ax = plotting.plot_curves_spread({"a": runs}, reference=2.3, reference_label="guess")
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [2.0, 1.5, 1.0])
    np.testing.assert_allclose(ax.get_lines()[0].get_xdata(), [1, 2, 3])
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].max() == 3.0 and band[:, 1].min() == 1.0
    assert ax.get_lines()[1].get_ydata()[0] == 2.3
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["a (mean of 2; band: min-max)", "guess"]


@pytest.mark.parametrize(
    ("curves", "error"),
    [(None, TypeError), ({"a": [1.0, 2.0]}, ValueError), ({}, ValueError),
     ({"a": [[1.0, 2.0], [1.0]]}, ValueError), ({"a": [[]]}, ValueError)],
)  # fmt: skip
def test_curves_spread_names_bad_arguments(curves, error):
    with pytest.raises(error, match="plot_curves_spread"):
        plotting.plot_curves_spread(curves)


# --- plot_weight_paths --------------------------------------------------------------------


def test_weight_paths_draws_each_path_diagonals_and_target():
    path = np.array([[0.0, 0.0], [0.5, -0.5], [1.0, -1.0]])
    ax = plotting.plot_weight_paths({"run": path}, target=(1.0, -1.0))
    lines = ax.get_lines()
    assert len(lines) == 4  # two diagonals, one path, the target
    np.testing.assert_allclose(lines[2].get_xydata(), path)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["run (2 steps)", "best weights"]
    assert ax.get_xlim() == (-1.5, 1.5)


@pytest.mark.parametrize(
    ("paths", "target", "error"),
    [([], (1.0, -1.0), TypeError), ({"a": np.zeros((3, 3))}, (1.0, -1.0), ValueError),
     ({"a": np.zeros((0, 2))}, (1.0, -1.0), ValueError), ({"a": np.zeros((3, 2))}, 1.0,
     ValueError), ({"a": np.zeros((3, 2))}, "ab", TypeError)],
)  # fmt: skip
def test_weight_paths_names_bad_arguments(paths, target, error):
    with pytest.raises(error, match="plot_weight_paths"):
        plotting.plot_weight_paths(paths, target=target)


# --- plot_errors_per_epoch ----------------------------------------------------------------


def test_errors_per_epoch_one_line_per_run_with_its_counts():
    ax = plotting.plot_errors_per_epoch({"AND": [2, 1, 0], "XOR": [2, 3, 2, 3]})
    lines = ax.get_lines()
    assert legend_texts(ax) == ["AND", "XOR"]
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(lines[0].get_ydata(), [2, 1, 0])
    assert ax.get_ylim()[1] > 3
    with pytest.raises(TypeError, match="plot_errors_per_epoch"):
        plotting.plot_errors_per_epoch([1, 2, 3])
    with pytest.raises(ValueError, match=r"plot_errors_per_epoch: errors\['a'\] counts"):
        plotting.plot_errors_per_epoch({"a": [1, -1]})


# --- plot_spread_against ------------------------------------------------------------------


def test_spread_against_draws_the_mean_the_band_and_a_log_axis():
    runs = [[0.0, 0.5, 1.0], [0.2, 0.7, 1.0]]
    ax = plotting.plot_spread_against(
        [0.1, 1.0, 10.0], {"a": runs, "b": [[1.0, 1.0, 1.0]]}, xlabel="lr", ylabel="dead",
        log_x=True, ylim=(0, 1.1), reference=0.3, reference_label="base",
    )  # fmt: skip
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [0.1, 0.6, 1.0])
    np.testing.assert_allclose(ax.get_lines()[0].get_xdata(), [0.1, 1.0, 10.0])
    assert len(ax.collections) == 1  # a band for the label with several runs only
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].max() == 1.0 and band[:, 1].min() == 0.0
    assert ax.get_xscale() == "log" and ax.get_ylim() == (0, 1.1)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.1", "1", "10"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "base"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("lr", "dead")


def test_spread_against_with_fixed_margins_for_an_explorer():
    ax = plotting.plot_spread_against([0, 1], {"a": [[0.0, 1.0]]}, xlabel="epoch",
                                      ylabel="dead", position=(0.1, 0.2, 0.7, 0.6))  # fmt: skip
    np.testing.assert_allclose(ax.get_position().bounds, (0.1, 0.2, 0.7, 0.6))
    assert ax.get_xscale() == "linear"
    ax = plotting.plot_spread_against([0, 1], {"a": [[0.0, 1.0]]}, xlabel="x", ylabel="y",
                                      legend_loc="lower right")  # fmt: skip
    assert ax.get_legend()._loc == 4  # matplotlib's code for "lower right"
    ax = plotting.plot_spread_against([0, 1], {"a": [[0.0, 1.0]]}, xlabel="x", ylabel="y",
                                      legend_loc="outside")  # fmt: skip
    box = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    assert box.x0 > ax.get_window_extent().x1  # to the right of the axes


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [({"x": [1, 1]}, ValueError, "x must be increasing"),
     ({"x": [0, 1], "log_x": True}, ValueError, "which a log axis cannot show"),
     ({"x": [1, 2, 3]}, ValueError, "curves['a'] has 2 values per run, but x has 3"),
     ({"curves": {"a": [1.0, 2.0]}}, ValueError, "runs x epochs"),
     ({"log_x": "yes"}, TypeError, "log_x"),
     ({"xlabel": None}, TypeError, "xlabel must be a string"),
     ({"legend_loc": 4}, TypeError, "legend_loc must be a string"),
     ({"ylim": (1, 0)}, ValueError, "ylim must be (low, high) with low < high"),
     ({"position": (0.1, 0.1, 0.0, 0.5)}, ValueError, "position must be")],
)  # fmt: skip
def test_spread_against_names_bad_arguments(kwargs, error, words):
    args = {"x": [1, 2], "curves": {"a": [[1.0, 2.0]]}, "xlabel": "x", "ylabel": "y", **kwargs}
    with pytest.raises(error, match=re.escape(words)) as caught:
        plotting.plot_spread_against(args.pop("x"), args.pop("curves"), **args)
    assert str(caught.value).startswith("plot_spread_against: ")


# --- plot_scores_by_task ------------------------------------------------------------------


def test_scores_by_task_draws_a_mean_and_a_range_per_activation_and_task():
    scores = {"a": {"relu": [0.8, 1.0], "tanh": [0.5, 0.7]}, "b": {"relu": [0.9, 0.9],
                                                               "tanh": [0.1, 0.3]}}  # fmt: skip
    ax = plotting.plot_scores_by_task(scores, base_rate={"a": 0.5}, display_names={"relu": "ReLU"})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(labels) == ["ReLU", "base rate", "tanh"]
    # each errorbar is a container: its data line (the mean) and its caps (the range)
    means = sorted(round(float(c.lines[0].get_ydata()[0]), 6) for c in ax.containers)
    assert means == [0.2, 0.6, 0.9, 0.9]
    ranges = sorted(tuple(sorted(round(float(cap.get_ydata()[0]), 6) for cap in c.lines[1]))
                    for c in ax.containers)  # fmt: skip
    assert ranges == [(0.1, 0.3), (0.5, 0.7), (0.8, 1.0), (0.9, 0.9)]
