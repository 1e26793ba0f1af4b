"""Chapter 5 (The fall of sigmoid): its checker tested both ways, its figure helpers, the claims
its prose rests on, and which run reveals its prediction (the notebook's conventions:
tests/test_chapter_conventions.py)."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlab import checks, experiments, plotting  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "05_fall_of_sigmoid.ipynb"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def flat(result):
    return " ".join(str(result).split())


# --- the checker ---


def test_reference_passes_and_stub_is_not_attempted():
    assert checks.signal_below(lambda dZ, W, Z, dphi: (dZ @ W.T) * dphi(Z))

    def stub(dZ, W, Z, dphi):
        raise NotImplementedError()

    assert checks.signal_below(stub).status == "not attempted"


WRONG_SIGNALS = [
    (lambda dZ, W, Z, dphi: dZ @ W.T, "multiply by the slope dphi(Z)"),
    (lambda dZ, W, Z, dphi: (dZ @ W) * dphi(Z), "dZ has shape"),  # fails on shapes first
    (lambda dZ, W, Z, dphi: (dZ @ W.T) * Z, "not by Z itself"),
    (lambda dZ, W, Z, dphi: (dZ @ W.T) * dphi(dZ @ W.T), "not dphi(dZ @ W.T)"),
    (lambda dZ, W, Z, dphi: ((dZ @ W.T) * dphi(Z)).T, "transposed"),
    (lambda dZ, W, Z, dphi: ((dZ @ W.T) * dphi(Z)).sum(axis=0), "do not sum"),
    (
        lambda dZ, W, Z, dphi: (dZ @ W.T) * dphi(Z).mean(axis=0),
        "not the slope averaged over examples",
    ),
    (lambda dZ, W, Z, dphi: 2 * (dZ @ W.T) * dphi(Z), "(dZ @ W.T) * dphi(Z)"),
]


@pytest.mark.parametrize(("answer", "hint"), WRONG_SIGNALS)
def test_wrong_signal_fails_with_input_and_hint(answer, hint):
    result = checks.signal_below(answer)
    assert not result
    assert "signal_below(dZ=" in flat(result) and "dphi=" in flat(result)
    assert hint in flat(result)


def test_a_square_layer_catches_the_missing_transpose_on_values():
    def no_transpose(dZ, W, Z, dphi):
        if W.shape[0] != W.shape[1]:
            return (dZ @ W.T) * dphi(Z)  # right where the shapes would give it away
        return (dZ @ W) * dphi(Z)

    result = checks.signal_below(no_transpose)
    assert result.status == "failed"
    assert "not dZ @ W" in flat(result)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (lambda dZ, W, Z, dphi: "signal", "returned text"),
        (lambda dZ, W, Z, dphi: True, "True/False"),
        (lambda dZ, W, Z, dphi: ((dZ @ W.T) * dphi(Z)).tolist(), "a Python list"),
        ("signal_below", "expected a function"),
    ],
)
def test_wrong_types_are_refused_without_a_value_hint(answer, message):
    result = checks.signal_below(answer)
    assert result.status == "failed"
    assert message in flat(result)
    assert "Hint" not in flat(result)


# --- the figure helpers ---


def test_signal_by_depth_draws_each_result_and_the_bound():
    r = experiments.signal_norms("sigmoid", depth=4, width=8, n=16, seed=0)
    ax = plotting.plot_signal_by_depth({"sigmoid": r, "flat": np.ones(4)}, bound=0.25)
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), r.relative)
    np.testing.assert_allclose(lines[2].get_ydata(), 0.25 ** np.arange(3, -1, -1))
    assert ax.get_yscale() == "log" and ax.get_xlabel().startswith("hidden layer")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "sigmoid", "flat", "0.25 per layer",
    ]  # fmt: skip
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "$" not in "".join(labels) and "10⁻³" in labels  # plain text, no mathtext


@pytest.mark.parametrize(
    ("results", "error"),
    [({}, TypeError), ([1.0], TypeError), ({"a": np.ones((2, 2))}, ValueError)],
)
def test_signal_by_depth_names_bad_arguments(results, error):
    with pytest.raises(error, match="plot_signal_by_depth"):
        plotting.plot_signal_by_depth(results)


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


@pytest.mark.parametrize(("curves", "error"), [(None, TypeError), ({"a": [1.0, 2.0]}, ValueError)])
def test_curves_spread_names_bad_arguments(curves, error):
    with pytest.raises(error, match="plot_curves_spread"):
        plotting.plot_curves_spread(curves)


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
    ("paths", "error"), [([], TypeError), ({"a": np.zeros((3, 3))}, ValueError)]
)
def test_weight_paths_names_bad_arguments(paths, error):
    with pytest.raises(error, match="plot_weight_paths"):
        plotting.plot_weight_paths(paths, target=(1.0, -1.0))


# --- what the chapter's prose relies on, at the chapter's sizes ---


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_sigmoid_factor_per_layer_is_below_a_quarter_and_tanh_near_one(seed):
    def factor(name, init="xavier"):
        r = experiments.signal_norms(name, init=init, depth=10, width=32, n=64, seed=seed)
        return r.relative[0] ** (1 / 9)

    assert 0.15 < factor("sigmoid") < 0.25
    assert factor("sigmoid", "standard") < factor("sigmoid")  # standard is worse
    assert factor("tanh") > 0.75 > factor("tanh", "standard")
    assert 0.5 < factor("relu") < 0.9  # Xavier lets ReLU's signal shrink


def test_large_weights_carry_the_sigmoid_signal_by_saturating_the_units():
    """The explorer's lesson: gain 8 passes far more signal, with outputs near 0 or 1."""
    kw = {"init": "normal", "depth": 10, "width": 32, "n": 64, "seed": 0}
    small = experiments.signal_norms("sigmoid", init_scale=1 / np.sqrt(32), **{
        k: v for k, v in kw.items()})  # fmt: skip
    large = experiments.signal_norms("sigmoid", init_scale=8 / np.sqrt(32), **kw)
    assert large.relative[0] > 1e3 * small.relative[0]
    assert large.activation_std.min() > 0.4 > small.activation_std.max()


# --- the notebook's exercises follow the coursework convention ---


def _text(cell):
    return "".join(cell["source"])


def test_the_twice_as_deep_prediction_is_revealed_by_its_run():
    """The prediction's reveal (its place and folding: tests/test_chapter_conventions.py)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]
    runs = [i for i, c in enumerate(cells) if 'first_to_last("sigmoid", depth=20)' in _text(c)]
    assert runs == [ids.index("ch5-ex-depth-answer") + 1], runs
