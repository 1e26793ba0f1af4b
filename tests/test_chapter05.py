"""Chapter 5 (The fall of sigmoid): its checker tested both ways, the claims its prose rests
on, and its exercises marked as the coursework convention requires (its figure helpers are
tested in tests/test_plotting_*.py)."""

import json
from pathlib import Path

import numpy as np
import pytest

from actlab import checks, experiments

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "05_fall_of_sigmoid.ipynb"
LABELS = {"ch5-ex-signal": "code", "ch5-ex-depth": "written", "ch5-ex-sign": "written"}


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


def _cells():
    return json.loads(CHAPTER.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


def test_every_code_line_fits_in_79_columns():
    long = [
        (i, line)
        for i, cell in enumerate(_cells())
        if cell["cell_type"] == "code"
        for line in _text(cell).splitlines()
        if len(line) > 79
    ]
    assert not long, long


@pytest.mark.parametrize(("label", "kind"), LABELS.items())
def test_each_exercise_has_prompt_answer_and_dropdown(label, kind):
    cells = _cells()
    by_id = {
        c["metadata"]["nbgrader"]["grade_id"]: (i, c)
        for i, c in enumerate(cells)
        if "nbgrader" in c["metadata"]
    }
    i_prompt, prompt = by_id[f"{label}-prompt"]
    assert f":label: {label}" in _text(prompt)
    i_answer, answer = by_id[f"{label}-answer"]
    if kind == "code":
        start = next(
            i for i, c in enumerate(cells)
            if f"{{solution-start}} {label}\n" in _text(c)
        )  # fmt: skip
        assert i_prompt < start and ":class: dropdown" in _text(cells[start])
        assert i_answer == start + 1 and "{solution-end}" in _text(cells[start + 2])
        assert answer["metadata"]["jupyter"] == {"source_hidden": True}
        assert by_id[f"{label}-check"][0] == start + 3
    else:  # a written answer: one {solution} dropdown cell right after the prompt
        text = _text(answer)
        assert i_answer == i_prompt + 1 and answer["cell_type"] == "markdown"
        assert text.startswith(f"````{{solution}} {label}\n:class: dropdown\n")
        assert text.rstrip().endswith("````") and "<!--" not in text
        assert not any(f"{{solution-start}} {label}\n" in _text(c) for c in cells)


def test_the_depth_prediction_is_run_after_it_and_folded():
    cells = _cells()
    run = [i for i, c in enumerate(cells) if 'first_to_last("sigmoid", depth=20)' in _text(c)]
    answer = next(
        i for i, c in enumerate(cells)
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch5-ex-depth-answer"
    )  # fmt: skip
    assert len(run) == 1 and answer < run[0]
    assert "hide-output" in cells[run[0]]["metadata"]["tags"]
