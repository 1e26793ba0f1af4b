"""Every public plotting helper refuses bad input with a message that names the helper and the
argument (TypeError for a wrong type, ValueError for a wrong value), before it opens a figure.

One test per kind of bad input, parametrised over the helpers it applies to."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from actlab import plotting

X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR = [0, 1, 1, 0]
P = plotting


class Line:
    def predict(self, X):
        return 2 * X[:, :1]


class Both:
    """Answers two numbers per input where one is wanted."""

    def predict(self, X):
        return X


def half(P):
    return P[:, 0] > 0.5


@pytest.fixture(autouse=True)
def no_figure_left_behind():
    """A refused call opens no figure (an explorer's frame or a notebook would show it empty)."""
    plt.close("all")
    yield
    assert plt.get_fignums() == [], "a refused call left a figure open"


def refused(call, error, *words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    return message


# ---------------------------------------------------------------------------- NaN and inf

NOT_FINITE = {
    "sigmoid_unit w=nan": (lambda: P.plot_sigmoid_unit(np.nan, 0), ValueError,
                           "plot_sigmoid_unit: w must be finite"),
    "sigmoid_unit b=inf": (lambda: P.plot_sigmoid_unit(1, np.inf), ValueError,
                           "plot_sigmoid_unit: b must be finite"),
    "neuron w=nan": (lambda: P.plot_neuron(np.nan, 0), ValueError, "plot_neuron: w must be finite"),
    "neuron b=-inf": (lambda: P.plot_neuron(1, -np.inf), ValueError,
                      "plot_neuron: b must be finite"),
    "two_layer w=nan": (lambda: P.plot_two_layer(np.nan), ValueError,
                        "plot_two_layer: w must be finite"),
    "steepness k=nan": (lambda: P.plot_steepness(np.nan), ValueError,
                        "plot_steepness: k must be", "finite"),
    "output_error y=nan": (lambda: P.plot_output_error(y=np.nan), ValueError,
                           "plot_output_error: y"),
    "output_error z=inf": (lambda: P.plot_output_error([0.0, np.inf]), ValueError,
                           "plot_output_error: z must be finite"),
    "reachable low=nan": (lambda: P.plot_reachable([0, 1], [0, 1], np.nan, 1.0), ValueError,
                          "plot_reachable: low must be finite"),
    "fits x=nan": (lambda: P.plot_fits([0, np.nan], [0, 1], {}), ValueError,
                   "plot_fits: x must be finite"),
    "history reference=nan": (lambda: P.plot_history({"a": {"loss": [1.0]}}, reference=np.nan),
                              ValueError, "plot_history: reference must be finite"),
    "weight_paths target=inf": (lambda: P.plot_weight_paths({"a": [[0, 0]]}, (np.inf, 0)),
                                ValueError, "plot_weight_paths: target must be finite"),
    "decision_regions X=nan": (lambda: P.plot_decision_regions([[0, np.nan]], [0], {"m": Line()}),
                               ValueError, "plot_decision_regions: X contains NaN"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "error", "words"), [
    pytest.param(c, e, w, id=k) for k, (c, e, *w) in NOT_FINITE.items()])  # fmt: skip
def test_nan_and_inf_are_refused_instead_of_drawing_empty_axes(call, error, words):
    refused(call, error, *words)


@pytest.mark.parametrize(
    "call",
    [lambda: P.plot_neuron(1e308, 1e308), lambda: P.plot_sigmoid_unit(1e308, 0),
     lambda: P.plot_two_layer(1e308)],
)  # fmt: skip
def test_weights_so_large_that_the_sum_overflows_are_refused_without_a_warning(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        refused(call, ValueError, "overflow float64 on the plot", "w = 1e+308")


def test_an_infinite_steepness_is_refused_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        refused(lambda: P.plot_steepness(np.inf), ValueError, "plot_steepness: k")


# ------------------------------------------------------------------------ string numbers

STRINGS = {
    "neuron w": (lambda: P.plot_neuron("1", 0), "plot_neuron: w must be a real number"),
    "neuron b": (lambda: P.plot_neuron(1, "0"), "plot_neuron: b must be a real number"),
    "sigmoid_unit w": (lambda: P.plot_sigmoid_unit("1", 0), "plot_sigmoid_unit: w"),
    "two_layer w": (lambda: P.plot_two_layer("1"), "plot_two_layer: w must be a real number"),
    "steepness k": (lambda: P.plot_steepness("1"), "plot_steepness: k: expected real numbers"),
    "output_error y": (lambda: P.plot_output_error(y="1"), "plot_output_error: y"),
    "reachable low": (lambda: P.plot_reachable([0], [0], "0", 1), "plot_reachable: low must be"),
    "fits x": (lambda: P.plot_fits(["0", "1"], [0, 1], {}), "plot_fits: x: expected real"),
    "panels ylim": (lambda: P.plot_activation_panels("relu", ylim=("0", "1")),
                    "plot_activation_panels: ylim[0] must be a real number"),
    "gallery ncols": (lambda: P.plot_gallery(["relu"], ncols="2"),
                      "plot_gallery: ncols must be a positive integer"),
    "decision_regions margin": (lambda: P.plot_decision_regions(X4, XOR, {"m": Line()},
                                margin="0.1"), "plot_decision_regions: margin"),
    "curves_spread reference": (lambda: P.plot_curves_spread({"a": [[1.0]]}, reference="2"),
                                "plot_curves_spread: reference must be a real number"),
    "spread_against x": (lambda: P.plot_spread_against(["1"], {"a": [[1.0]]}, xlabel="x",
                                                       ylabel="y"),
                         "plot_spread_against: x: expected real numbers"),
    "history values": (lambda: P.plot_history({"a": {"loss": ["1", "2"]}}),
                       "plot_history: histories['a']['loss']: expected real numbers"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "words"), [pytest.param(*v, id=k) for k, v in STRINGS.items()])
def test_string_numbers_are_a_type_error_naming_the_argument(call, words):
    refused(call, TypeError, words)


# ------------------------------------------------------------------ one name is one name


def test_one_activation_name_is_one_activation_not_its_letters():
    assert len(P.plot_activation_panels("relu")) == 1
    axes = P.plot_gallery("relu", ncols=1)
    assert [ax.get_title() for ax in axes] == ["relu"]
    ax = P.plot_neuron(1.0, 0.0, "relu")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["relu", "sum z = wx + b"]
    plt.close("all")


@pytest.mark.parametrize("call", [lambda: P.plot_neuron(1, 0, "rlu"),
                                  lambda: P.plot_activation_panels(["relu", "rlu"]),
                                  lambda: P.plot_gallery(["rlu"])])  # fmt: skip
def test_an_unknown_activation_is_named_with_its_place(call):
    message = refused(call, ValueError, "unknown activation 'rlu'", "did you mean 'relu'")
    assert message.startswith("plot_") and "names[" in message


def test_a_display_name_for_no_activation_is_a_typo():
    refused(lambda: P.plot_neuron(1, 0, "relu", display_names={"rleu": "ReLU"}), ValueError,
            "plot_neuron: display_names names 'rleu', which is not an activation")  # fmt: skip
    # one dict for all of a chapter's figures: a name not drawn in this one is fine
    ax = P.plot_neuron(1, 0, "tanh", display_names={"relu": "ReLU"})
    assert ax.get_legend().get_texts()[0].get_text() == "tanh"
    plt.close("all")


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [(lambda: P.plot_activation_panels([lambda z: 1.0]), ValueError,
      "plot_activation_panels: <lambda> returned float64 of shape ()"),
     (lambda: P.plot_gallery([np.tanh]), TypeError, "plot_gallery: tanh has no derivative"),
     (lambda: P.plot_activation_panels([("relu", {"alpah": 1})]), TypeError,
      "plot_activation_panels: relu (alpah=1): relu: unknown parameter 'alpah'"),
     (lambda: P.plot_neuron(1, 0, [lambda z: z[:3]]), ValueError, "plot_neuron: <lambda> returned"),
     (lambda: P.plot_threshold_regions(half, X4, XOR, lines=[(0, 0, 1)]), ValueError,
      "plot_threshold_regions: lines[0] has w1 = w2 = 0")],
)  # fmt: skip
def test_activations_and_lines_that_cannot_be_drawn_are_named(call, error, words):
    refused(call, error, words)


def test_names_of_the_wrong_type():
    refused(lambda: P.plot_neuron(1, 0, None), TypeError, "plot_neuron: names must be a list")
    refused(lambda: P.plot_neuron(1, 0, [3]), TypeError, "plot_neuron: names[0]: expected an "
            "activation name or a callable")  # fmt: skip
    refused(lambda: P.plot_activation_panels(["relu"], display_names=["ReLU"]), TypeError,
            "plot_activation_panels: display_names must be a dict")  # fmt: skip


# -------------------------------------------------------------------------------- counts


@pytest.mark.parametrize(("call", "error"), [
    (lambda: P.plot_activation_panels(["relu"], ncols=0), ValueError),
    (lambda: P.plot_gallery(["relu"], ncols=0), ValueError),
    (lambda: P.plot_activation_panels(["relu"], ncols=1.5), TypeError),
    (lambda: P.plot_gallery(["relu"], ncols=-1), ValueError),
])  # fmt: skip
def test_ncols_must_be_a_positive_integer(call, error):
    refused(call, error, "ncols must be a positive integer")


@pytest.mark.parametrize("call", [
    lambda: P.plot_predictions([0, 1], [0, 1], {"m": Line()}, n_grid=1),
    lambda: P.plot_reachable([0, 1], [0, 1], 0, 1, n_grid=0),
    lambda: P.plot_decision_regions(X4, XOR, {"m": Line()}, n_grid=1),
    lambda: P.plot_reliability({"a": [0.5]}, [1], bins=0),
])  # fmt: skip
def test_grid_sizes_and_bins_are_counted(call):
    refused(call, ValueError, "must be")


# ---------------------------------------------------------------------------- empty data

EMPTY = {
    "fits": lambda: P.plot_fits([], [], {}),
    "predictions": lambda: P.plot_predictions([], [], {"m": Line()}),
    "reachable": lambda: P.plot_reachable([], [], 0.0, 1.0),
    "staircase": lambda: P.plot_staircase([], [], {}),
    "piecewise_linear": lambda: P.plot_piecewise_linear([], {"a": []}),
    "layer_activity": lambda: P.plot_layer_activity([], np.zeros((0, 3))),
    "decision_regions": lambda: P.plot_decision_regions(np.zeros((0, 2)), [], {"m": Line()}),
    "threshold_regions": lambda: P.plot_threshold_regions(half, np.zeros((0, 2)), []),
    "errors_per_epoch": lambda: P.plot_errors_per_epoch({"a": []}),
    "curves_spread": lambda: P.plot_curves_spread({"a": []}),
    "spread_against": lambda: P.plot_spread_against([], {"a": []}, xlabel="x", ylabel="y"),
    "weight_paths": lambda: P.plot_weight_paths({"a": np.zeros((0, 2))}, (0, 0)),
    "signal_by_depth": lambda: P.plot_signal_by_depth({"a": []}),
    "history": lambda: P.plot_history({"a": {"loss": []}}),
    "reliability": lambda: P.plot_reliability({"a": []}, []),
    "output_error": lambda: P.plot_output_error(z=[]),
    "steepness": lambda: P.plot_steepness([]),
    "panels": lambda: P.plot_activation_panels([]),
    "gallery": lambda: P.plot_gallery([]),
    "panels x": lambda: P.plot_activation_panels(["relu"], x=[]),
    "mapping errors": lambda: P.plot_errors_per_epoch({}),
    "mapping models": lambda: P.plot_predictions([0], [0], {}),
}


@pytest.mark.parametrize("call", EMPTY.values(), ids=EMPTY.keys())
def test_empty_data_is_refused_by_name_not_as_a_zero_size_array(call):
    message = refused(call, ValueError, "plot_")
    assert "zero-size" not in message
    words = ("empty", "at least", "no run", "must have shape", "runs x epochs", "(n, 2)",
             "positive steepnesses")  # fmt: skip
    assert any(w in message for w in words), message


# ---------------------------------------------------------------------- lengths and shapes

MISMATCHED = {
    "fits x/y": (lambda: P.plot_fits([0, 1], [0], {}), "plot_fits: x and y differ in length"),
    "fits curve": (lambda: P.plot_fits([0, 1], [0, 1], {"c": [0, 1, 2]}),
                   "plot_fits: curves['c'] has 3 values, expected 2"),
    "fits pair": (lambda: P.plot_fits([0, 1], [0, 1], {"c": ([0, 1], [0])}),
                  "plot_fits: curves['c'][0] and curves['c'][1] differ in length"),
    "predictions x/y": (lambda: P.plot_predictions([0, 1], [0, 1, 2], {"m": Line()}),
                        "plot_predictions: x and y differ in length"),
    "reachable x/y": (lambda: P.plot_reachable([0, 1], [0, 1, 2], 0, 1),
                      "plot_reachable: x and y differ in length"),
    "staircase": (lambda: P.plot_staircase([0, 1], [0], {}), "plot_staircase: x and target"),
    "piecewise_linear": (lambda: P.plot_piecewise_linear([0, 1], {"a": [0]}),
                         "plot_piecewise_linear: curves['a'] has 1 values, expected 2"),
    "reliability": (lambda: P.plot_reliability({"a": [0.1, 0.2]}, [0, 1, 1]),
                    "plot_reliability: y and probabilities['a'] differ in length"),
    "decision_regions": (lambda: P.plot_decision_regions(X4, [0, 1], {"m": Line()}),
                         "plot_decision_regions: y has 2 values, expected 4"),
    "threshold_regions": (lambda: P.plot_threshold_regions(half, X4, [0, 1]),
                          "plot_threshold_regions: X must have shape (len(y), 2)"),
    "layer_activity": (lambda: P.plot_layer_activity([0, 1], np.zeros((3, 2))),
                       "plot_layer_activity: A must have shape (len(x), units)"),
    "model answers": (lambda: P.plot_decision_regions(X4, XOR, {"m": Both()}),
                      "plot_decision_regions: models['m'].predict returned 29282 values for "
                      "14641 inputs"),
    "2-D x": (lambda: P.plot_fits(np.zeros((2, 2)), [0, 1], {}),
              "plot_fits: x must be one list of numbers"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "words"), [pytest.param(*v, id=k) for k, v in MISMATCHED.items()])
def test_mismatched_lengths_are_refused(call, words):
    refused(call, ValueError, words)
    plt.close("all")


def test_ragged_histories_are_refused():
    refused(
        lambda: P.plot_curves_spread({"a": [[1.0, 0.5, 0.2], [1.0, 0.5]]}),
        ValueError,
        "plot_curves_spread: curves['a'] holds runs of different lengths [2, 3]",
    )
    refused(lambda: P.plot_history({"a": {"loss": [1.0, 0.5, 0.2], "val_loss": [1.0, 0.4]}}),
            ValueError, "plot_history: histories['a'] holds loss and val_loss of different "
            "lengths")  # fmt: skip
    refused(
        lambda: P.plot_history({"a": {"loss": [[1.0, 0.5], [0.2, 0.1]]}}),
        ValueError,
        "plot_history: histories['a']['loss'] must be one list of numbers",
    )


# ----------------------------------------------------------------------------- log axes

LOG = {
    "history 0": (lambda: P.plot_history({"a": {"loss": [1.0, 0.0]}}, log=True),
                  "plot_history: histories['a']['loss'] has 1 value(s) <= 0"),
    "history negative val": (lambda: P.plot_history(
        {"a": {"loss": [1.0, 0.5], "val_loss": [1.0, -0.5]}}, log=True),
        "histories['a']['val_loss'] has 1 value(s) <= 0"),
    "history reference": (lambda: P.plot_history({"a": {"loss": [1.0]}}, log=True, reference=0),
                          "plot_history: reference must be above 0 on a log axis"),
    "signal 0": (lambda: P.plot_signal_by_depth({"a": [1e-3, 0.0, 1.0]}),
                 "plot_signal_by_depth: results['a'] has 1 value(s) <= 0"),
    "signal bound": (lambda: P.plot_signal_by_depth({"a": [0.5, 1.0]}, bound=0),
                     "plot_signal_by_depth: bound must be > 0"),
    "signal ylim": (lambda: P.plot_signal_by_depth({"a": [0.5, 1.0]}, ylim=(0, 10)),
                    "plot_signal_by_depth: ylim must be above 0 on a log axis"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "words"), [pytest.param(*v, id=k) for k, v in LOG.items()])
def test_values_a_log_axis_cannot_show_are_refused_not_dropped(call, words):
    refused(call, ValueError, words)


# ------------------------------------------------------------------------------- models

MODELS = {
    "predictions": lambda bad: P.plot_predictions([0, 1], [0, 1], bad),
    "reachable": lambda bad: P.plot_reachable([0, 1], [0, 1], 0, 1, bad),
    "decision_regions": lambda bad: P.plot_decision_regions(X4, XOR, bad),
}


@pytest.mark.parametrize("helper", MODELS.values(), ids=MODELS.keys())
def test_models_must_have_a_predict_method(helper):
    refused(lambda: helper({"a": 3}), TypeError, "models['a']", "'a' has no predict method")
    refused(lambda: helper([Line()]), TypeError, "models must map a label to")


# -------------------------------------------------------------------------- ranges, bands

RANGES = {
    "inverted band": (lambda: P.plot_reachable([0, 1], [0, 1], 1.0, 0.0),
                      "plot_reachable: the band [low, high] = [1, 0] is inverted"),
    "empty band": (lambda: P.plot_reachable([0, 1], [0, 1], 1.0, 1.0), "[1, 1] is empty"),
    "output_error y=2": (lambda: P.plot_output_error(y=2.0),
                         "plot_output_error: y (a target of the cross-entropy) must lie in [0, 1]"),
    "output_error y<0": (lambda: P.plot_output_error(y=-0.5), "must lie in [0, 1]"),
    "neuron xlim": (lambda: P.plot_neuron(1, 0, xlim=(3, -3)), "plot_neuron: xlim must be"),
    "sigmoid_unit floor": (lambda: P.plot_sigmoid_unit(1, 0, floor=2), "plot_sigmoid_unit: floor"),
    "threshold lim": (lambda: P.plot_threshold_regions(half, X4, XOR, lim=(1, 1)), "lim must be"),
    "weight_paths lim": (lambda: P.plot_weight_paths({"a": [[0, 0]]}, (0, 0), lim=(2, -2)),
                         "plot_weight_paths: lim must be"),
    "labels 0/1": (lambda: P.plot_decision_regions(X4, [0, 1, 2, 0], {"m": Line()}),
                   "plot_decision_regions: y must hold class labels 0 and 1"),
    "negative margin": (lambda: P.plot_decision_regions(X4, XOR, {"m": Line()}, margin=-1),
                        "plot_decision_regions: margin must be >= 0"),
    "decreasing x": (lambda: P.plot_gallery(["relu"], x=[1.0, 0.0]),
                     "plot_gallery: x must increase"),
    "task": (lambda: P.plot_predictions([0], [0], {"m": Line()}, task="ranking"),
             "plot_predictions: unknown task 'ranking'"),
    "position": (lambda: P.plot_signal_by_depth({"a": [1.0]}, position=(0.1, 0.1, 0, 0.5)),
                 "plot_signal_by_depth: position must be (left, bottom, width, height)"),
    "position size": (lambda: P.plot_signal_by_depth({"a": [1.0]}, position=(0.1, 0.1)),
                      "plot_signal_by_depth: position has 2 values, expected 4"),
    "zero colour": (lambda: P.plot_layer_activity([0, 1], np.eye(2), zero_color="nope"),
                    "plot_layer_activity: zero_color must be a matplotlib colour"),
}  # fmt: skip


@pytest.mark.parametrize(("call", "words"), [pytest.param(*v, id=k) for k, v in RANGES.items()])
def test_values_out_of_range_are_refused(call, words):
    refused(call, ValueError, words)
    plt.close("all")


# -------------------------------------------------------------------- flags, text, axes

WRONG_TYPES = {
    "neuron show_sum": (lambda: P.plot_neuron(1, 0, show_sum="yes"),
                        "plot_neuron: show_sum must be True or False"),
    "neuron legend": (lambda: P.plot_neuron(1, 0, legend=None), "legend must be True or False"),
    "history log": (lambda: P.plot_history({"a": {"loss": [1.0]}}, log="yes"),
                    "plot_history: log must be True or False"),
    "history metric": (lambda: P.plot_history({"a": {"loss": [1.0]}}, metric=None),
                       "plot_history: metric must be a string"),
    "threshold legend": (lambda: P.plot_threshold_regions(half, X4, XOR, legend=1),
                         "legend must be True or False"),
    "fits xlabel": (lambda: P.plot_fits([0], [0], {}, xlabel=3), "plot_fits: xlabel must be"),
    "reachable band_label": (lambda: P.plot_reachable([0], [0], 0, 1, band_label=1),
                             "band_label must be a string or None"),
    "staircase approximations": (lambda: P.plot_staircase([0, 1], [0, 1], [0, 1]),
                                 "plot_staircase: approximations must map a label"),
    "piecewise curves": (lambda: P.plot_piecewise_linear([0, 1], [0, 1]),
                         "plot_piecewise_linear: curves must map a label"),
    "piecewise kinks": (lambda: P.plot_piecewise_linear([0, 1], {"a": [0, 1]}, [0.5]),
                        "plot_piecewise_linear: kinks must map a label"),
    "piecewise legend": (lambda: P.plot_piecewise_linear([0, 1], {"a": [0, 1]}, legend="no"),
                         "plot_piecewise_linear: legend must be True or False"),
    "threshold lines": (lambda: P.plot_threshold_regions(half, X4, XOR, lines=[("a", 1, 0)]),
                        "plot_threshold_regions: lines[0]: expected real numbers"),
    "neuron xlim": (lambda: P.plot_neuron(1, 0, xlim=3), "plot_neuron: xlim must be a pair"),
    "predict": (lambda: P.plot_threshold_regions(None, X4, XOR), "predict must be a function"),
    "histories": (lambda: P.plot_history(None), "plot_history: histories must map"),
    "results": (lambda: P.plot_signal_by_depth([0.1, 1.0]), "results must map"),
    "probabilities": (lambda: P.plot_reliability([0.5], [1]), "probabilities must map"),
    "fits tuple": (lambda: P.plot_fits([0], [0], {"c": (1, 2, 3)}),
                   "curves['c'] must be predictions at x or a pair"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("call", "words"), [pytest.param(*v, id=k) for k, v in WRONG_TYPES.items()]
)
def test_arguments_of_the_wrong_type_are_a_type_error(call, words):
    refused(call, TypeError, words)


AXES_TAKERS = {
    "neuron": lambda ax: P.plot_neuron(1, 0, ax=ax),
    "sigmoid_unit": lambda ax: P.plot_sigmoid_unit(1, 0, ax=ax),
    "two_layer": lambda ax: P.plot_two_layer(1, ax=ax),
    "steepness": lambda ax: P.plot_steepness(1, ax=ax),
    "output_error": lambda ax: P.plot_output_error(ax=ax),
    "fits": lambda ax: P.plot_fits([0], [0], {}, ax=ax),
    "reachable": lambda ax: P.plot_reachable([0], [0], 0, 1, ax=ax),
    "predictions": lambda ax: P.plot_predictions([0, 1], [0, 1], {"m": Line()}, ax=ax),
    "threshold_regions": lambda ax: P.plot_threshold_regions(half, X4, XOR, ax=ax),
    "staircase": lambda ax: P.plot_staircase([0, 1], [0, 1], {}, ax=ax),
    "piecewise_linear": lambda ax: P.plot_piecewise_linear([0, 1], {"a": [0, 1]}, ax=ax),
    "layer_activity": lambda ax: P.plot_layer_activity([0, 1], np.eye(2), ax=ax),
    "signal_by_depth": lambda ax: P.plot_signal_by_depth({"a": [1.0]}, ax=ax),
    "history": lambda ax: P.plot_history({"a": {"loss": [1.0]}}, ax=ax),
    "curves_spread": lambda ax: P.plot_curves_spread({"a": [[1.0]]}, ax=ax),
    "spread_against": lambda ax: P.plot_spread_against(
        [1], {"a": [[1.0]]}, ax=ax, xlabel="x", ylabel="y"
    ),
    "weight_paths": lambda ax: P.plot_weight_paths({"a": [[0, 0]]}, (0, 0), ax=ax),
    "errors_per_epoch": lambda ax: P.plot_errors_per_epoch({"a": [1]}, ax=ax),
    "reliability": lambda ax: P.plot_reliability({"a": [0.5]}, [1], ax=ax),
    "scores_by_task": lambda ax: P.plot_scores_by_task({"t": {"relu": [1.0]}}, ax=ax),
}


@pytest.mark.parametrize("helper", AXES_TAKERS.values(), ids=AXES_TAKERS.keys())
def test_ax_must_be_a_matplotlib_axes(helper):
    refused(lambda: helper("ax"), TypeError, "ax must be None or a matplotlib Axes, got str")


# ------------------------------------------------------------- moved from test_probing.py


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: P.plot_activation_panels(None), TypeError,
         "plot_activation_panels: names must be"),
        (lambda: P.plot_activation_panels([3]), TypeError,
         "plot_activation_panels: names[0]: expected an activation name or a callable"),
        (lambda: P.plot_activation_panels(["relu"], x="abc"), TypeError,
         "plot_activation_panels: x: expected real numbers"),
        (lambda: P.plot_gallery(None), TypeError, "plot_gallery: names must be a list"),
        (lambda: P.plot_gallery(["relu"], ncols=0), ValueError,
         "plot_gallery: ncols must be a positive integer"),
        (lambda: P.plot_gallery(["softmax"]), ValueError,
         "plot_gallery: softmax is vector-valued"),
        (lambda: P.plot_neuron("a", 1.0, "relu"), TypeError,
         "plot_neuron: w must be a real number"),
        (lambda: P.plot_fits([0.0], [1.0], None), TypeError,
         "plot_fits: curves must map a label"),
        (lambda: P.plot_fits([0.0], [1.0], {"fit": ["a"]}), TypeError,
         "plot_fits: curves['fit']: expected real numbers"),
    ],
)  # fmt: skip
def test_plotting_names_its_bad_arguments(call, error, message):
    refused(call, error, message)


# ------------------------------------------------------------------------- chapter 10


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: P.plot_scores_by_task([1.0]), TypeError,
         "plot_scores_by_task: scores must map a label"),
        (lambda: P.plot_scores_by_task({"t": {"relu": []}}), ValueError,
         "plot_scores_by_task: scores['t']['relu']"),
        (lambda: P.plot_scores_by_task({"t": {"relu": [1.0]}, "u": {"tanh": [1.0]}}),
         ValueError, "give every task the same activations"),
        (lambda: P.plot_scores_by_task({"t": {"relu": [1.0]}}, display_names={"rlu": "R"}),
         ValueError, "display_names names 'rlu'"),
        (lambda: P.plot_road([]), ValueError, "plot_road: stops is empty"),
        (lambda: P.plot_road([{"activation": "relu", "title": "ReLU"}]), ValueError,
         "plot_road: stops[0] has no broke, fixed"),
        (lambda: P.plot_road([{"activation": "softmax", "title": "s", "fixed": "f",
                               "broke": "b"}]), ValueError, "vector-valued"),
        (lambda: P.plot_road([{"activation": "relu", "title": 3, "fixed": "f", "broke": "b"}]),
         TypeError, "plot_road: stops[0]['title'] must be a string"),
    ],
)  # fmt: skip
def test_chapter_10s_helpers_name_their_bad_arguments(call, error, message):
    refused(call, error, message)
