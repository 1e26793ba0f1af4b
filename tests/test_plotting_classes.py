"""The distribution bars and the confusion matrix, checked on the Axes they return."""

import numpy as np
import pytest

from actlab import plotting


def test_distribution_draws_one_bar_per_class_and_the_uniform_line():
    ax = plotting.plot_distribution([0.1, 0.2, 0.7], labels=["a", "b", "c"], title="T = 1")
    heights = [bar.get_height() for bar in ax.patches]
    np.testing.assert_allclose(heights, [0.1, 0.2, 0.7])
    assert ax.get_ylim() == (0.0, 1.0) and ax.get_title() == "T = 1"
    [line] = ax.get_lines()
    np.testing.assert_allclose(line.get_ydata(), [1 / 3, 1 / 3])


def test_distribution_with_fixed_margins():
    ax = plotting.plot_distribution([0.5, 0.5], position=(0.1, 0.2, 0.8, 0.7))
    np.testing.assert_allclose(ax.get_position().bounds, (0.1, 0.2, 0.8, 0.7))


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [({"probabilities": [0.5, 1.5]}, ValueError, r"must lie in \[0, 1\]"),
     ({"probabilities": [0.5, 0.5], "labels": ["a"]}, ValueError, "name each of the 2"),
     ({"probabilities": [0.5, 0.5], "labels": "ab"}, ValueError, "name each of the 2"),
     ({"probabilities": [0.5, 0.5], "ylabel": 3}, TypeError, "ylabel must be a string"),
     ({"probabilities": [0.5, 0.5], "ax": "axes"}, TypeError, "ax must be None")],
)  # fmt: skip
def test_distribution_names_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=f"plot_distribution: .*{words}"):
        plotting.plot_distribution(**kwargs)


def test_confusion_writes_each_count_and_shades_by_row_share():
    ax = plotting.plot_confusion([[8, 2], [0, 5]], labels=["cat", "dog"])
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["2", "5", "8"]  # the zero cell is left blank
    shown = ax.get_images()[0].get_array()
    np.testing.assert_allclose(shown[0], [0.8, 0.2])
    assert np.ma.is_masked(shown[1, 0]) or np.isnan(shown[1, 0])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "dog"]


@pytest.mark.parametrize(
    ("counts", "labels", "words"),
    [([[1, 2, 3]], None, "square"),
     ([[1, -1], [0, 1]], None, "whole numbers >= 0"),
     ([[1, 0.5], [0, 1]], None, "whole numbers >= 0"),
     ([[1, 0], [0, 1]], ["a"], "name each of the 2")],
)  # fmt: skip
def test_confusion_names_bad_arguments(counts, labels, words):
    with pytest.raises(ValueError, match=f"plot_confusion: .*{words}"):
        plotting.plot_confusion(counts, labels=labels)
