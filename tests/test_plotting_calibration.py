"""The reliability diagram, checked on the Axes it returns."""

import numpy as np
import pytest

from actlab import experiments, plotting


def test_reliability_diagram_one_line_per_model_and_a_diagonal():
    y = np.array([0, 0, 1, 1])
    ax = plotting.plot_reliability({"a": [0.1, 0.2, 0.8, 0.9], "b": [0.4, 0.4, 0.6, 0.6]}, y)
    assert len(ax.get_lines()) == 3 and ax.get_xlim() == (0.0, 1.0)
    with pytest.raises(TypeError, match="must map a label"):
        plotting.plot_reliability([0.1, 0.9], y)


def test_reliability_diagram_draws_the_bins_of_experiments_reliability():
    p, y = [0.1, 0.3, 0.6, 0.9], [0, 1, 1, 1]
    ax = plotting.plot_reliability({"a": p}, y, bins=2)
    r = experiments.reliability(p, y, 2)
    line = ax.get_lines()[1]
    np.testing.assert_allclose(line.get_xdata(), r.mean_predicted)
    np.testing.assert_allclose(line.get_ydata(), r.observed)


@pytest.mark.parametrize(
    ("probabilities", "y", "bins", "words"),
    [({"a": [0.1, 1.2]}, [0, 1], 10, r"probabilities\['a'\] must be probabilities in \[0, 1\]"),
     ({"a": [0.1, 0.2]}, [0, 1, 1], 10, "differ in length"),
     ({"a": [0.1, 0.2]}, [0, 2], 10, "class labels 0 and 1"),
     ({"a": [0.1, 0.2]}, [0, 1], 0, "bins must be a positive integer")],
)  # fmt: skip
def test_reliability_diagram_names_bad_arguments(probabilities, y, bins, words):
    with pytest.raises(ValueError, match=f"plot_reliability: .*{words}"):
        plotting.plot_reliability(probabilities, y, bins=bins)


def test_reliability_diagram_takes_axis_labels_for_the_top_label_form():
    ax = plotting.plot_reliability(
        {"a": [0.9, 0.6]}, [1, 0], xlabel="mean confidence", ylabel="share right"
    )
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("mean confidence", "share right")
    with pytest.raises(TypeError, match="plot_reliability: ylabel must be a string"):
        plotting.plot_reliability({"a": [0.9]}, [1], ylabel=1)
