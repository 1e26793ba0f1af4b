"""Chapter 10 (Choosing an activation): the harness and its cache, the report card, the claims
record it reads, and the facts its prose rests on.

Elsewhere: its checker in tests/test_checks.py (generated from its known mistakes), its figure
helpers in tests/test_plotting_curves.py and tests/test_plotting_training.py, the notebook's
conventions in tests/test_chapter_conventions.py, its claims on other seeds and the record's
format in tests/test_claims.py."""

import json
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from _chapters import exercise_kinds

from actlab import activations, claims, data, experiments, nn
from actlab.experiments import choosing

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "10_choosing.ipynb"
EXERCISES = {"ch10-ex-isrlu": "code", "ch10-ex-ranking": "written",
             "ch10-ex-optimism": "written"}  # fmt: skip
sys.path.insert(0, str(ROOT / "tools"))


def isrlu(x):
    return np.where(x >= 0, x, x / np.hypot(1.0, x))


def isrlu_grad(x):
    return np.where(x >= 0, 1.0, np.hypot(1.0, x) ** -3.0)


def _text(cell):
    return "".join(cell["source"])


def _markdown():
    return "\n".join(_text(c) for c in json.loads(CHAPTER.read_text())["cells"]
                     if c["cell_type"] == "markdown")  # fmt: skip


# --- the cache: what it holds, and that its script reproduces it ---


def test_the_cache_holds_every_task_activation_and_seed():
    c = experiments.cached()
    assert c.seeds == list(range(25))
    assert c.activations == [*choosing.STANDARD, "linear"]
    assert set(c.tasks) == set(choosing.TASKS) | set(choosing.GRID)
    for score in ("val", "test", "fresh", "seconds", "dead"):
        for t in c.tasks:
            assert all(getattr(c, score)[t][a].shape == (25,) for a in c.activations)
    assert (ROOT / "code" / "actlab" / "_data" / choosing.CACHE).stat().st_size < 100_000


def test_each_task_of_the_chapter_is_a_task_of_the_grid():
    for name, grid_name in choosing.ALIASES.items():
        task, same = choosing.TASKS[name], choosing.GRID[grid_name]
        assert {**vars(task), "name": None} == {**vars(same), "name": None}


def test_the_script_reproduces_the_cache(monkeypatch):
    """tools/choosing_cache.py on one task and one seed gives the stored numbers (the training
    times are the machine's and are not compared)."""
    import choosing_cache

    monkeypatch.setattr(choosing_cache, "SEEDS", (0,))
    fresh = choosing.Comparison.from_json(choosing_cache.one_task("spirals depth 1"))
    stored = experiments.cached().select(seeds=[0], tasks=["spirals depth 1"])
    for score in ("val", "test", "fresh", "dead"):
        for a in stored.activations:
            got = getattr(fresh, score)["spirals depth 1"][a]
            np.testing.assert_allclose(got, getattr(stored, score)["spirals depth 1"][a],
                                       atol=1e-4, err_msg=f"{score} {a}")  # fmt: skip
    assert choosing_cache.OUT == ROOT / "code" / "actlab" / "_data" / choosing.CACHE


def test_the_cache_is_package_data():
    text = (ROOT / "code" / "pyproject.toml").read_text()
    assert '"_data/*.json"' in text


# --- the harness ---


def test_the_four_splits_are_disjoint_and_each_seed_draws_new_data():
    task = choosing.TASKS["spirals"]
    parts = task.splits(0)
    rows = [tuple(map(tuple, X)) for X, _ in parts.values()]
    assert sum(len(r) for r in rows) == 300 and len(set().union(*rows)) == 300
    assert [len(r) for r in rows] == [180, 60, 30, 30]
    assert not np.array_equal(task.splits(1)["train"][0], parts["train"][0])


def test_every_activation_meets_the_same_data_on_a_seed():
    task = choosing.Task("xor", "xor", depth=1, width=4, epochs=1, data_kw={"n": 40})
    a, b = choosing.train_once(task, "relu", 3), choosing.train_once(task, "tanh", 3)
    assert a["base_rate"] == b["base_rate"]
    r = experiments.compare(["relu", "tanh"], {"xor": task}, seeds=[3])
    assert r.val["xor"]["relu"][0] == a["val"] and r.val["xor"]["tanh"][0] == b["val"]


def test_a_split_of_ones_own_is_a_task():
    d = data.load("moons", seed=0, n=80)
    task = choosing.Task("mine", d, depth=1, width=4, epochs=1)
    assert task.splits(0)["train"][0] is d.X_train
    with pytest.raises(ValueError, match="regression set"):
        choosing.Task("sine", data.load("sine", seed=0, n=30))
    with pytest.raises(TypeError, match="a data set's name or a data.Split"):
        choosing.Task("bad", [1, 2])


def test_optimism_compares_the_two_choices():
    c = experiments.cached().select(seeds=list(range(5)), activations=list(choosing.STANDARD),
                                    tasks=list(choosing.TASKS))  # fmt: skip
    o = experiments.optimism(c)
    assert len(o.by_test) == 15
    assert np.all(o.by_test_reported >= o.by_val_reported)  # the maximum of the test scores
    with pytest.raises(TypeError, match="comparison must be a Comparison"):
        experiments.optimism({"a": 1})


def test_select_refuses_what_is_not_there():
    with pytest.raises(ValueError, match=r"no seed \[99\]"):
        experiments.cached().select(seeds=[99])


# --- bring your own activation ---


@pytest.mark.parametrize(
    "name", [n for n in activations.names() if not activations.get(n).vector_valued]
)
def test_every_registered_derivative_passes_the_check(name):
    assert experiments.check_derivative(name).max_error < 1e-4


def test_a_wrong_derivative_is_refused_with_where_it_differs():
    wrong = lambda x: np.where(x >= 0, 1.0, 1 / np.hypot(1.0, x))  # noqa: E731
    with pytest.raises(ValueError, match=r"derivative of 'isrlu' is wrong: at x = -\S+ it gives"):
        experiments.report_card(isrlu, wrong, name="isrlu")


@pytest.mark.parametrize(
    ("args", "kw", "error", "words"),
    [
        ((isrlu,), {}, TypeError, "give the derivative of your function too"),
        (("relu", isrlu_grad), {}, TypeError, "brings its own derivative"),
        (("softmax",), {}, ValueError, "vector-valued"),
        ((isrlu, isrlu_grad), {"seeds": [30]}, ValueError, "the cache holds seeds 0 to 24"),
        ((isrlu, isrlu_grad), {"tasks": ["moons"]}, ValueError, "unknown task .moons."),
        ((isrlu, isrlu_grad), {"name": "my isrlu"}, ValueError, "name must be a short"),
        ((isrlu, lambda x: x[:1]), {}, ValueError, "must return an array of its input's shape"),
        ((lambda x: np.log(x), lambda x: 1 / x), {}, ValueError, "is not finite at x"),
        ((3, 4), {}, TypeError, "give a function and its derivative"),
    ],
)
def test_the_report_card_refuses_bad_input_with_a_message(args, kw, error, words):
    with pytest.raises(error, match=words):
        experiments.report_card(*args, **kw)


def test_the_report_card_of_isrlu():
    card = experiments.report_card(isrlu, isrlu_grad, name="isrlu", tasks=["spirals"],
                                   seeds=[0])  # fmt: skip
    assert set(card.accuracy["spirals"]) == set(choosing.STANDARD) | {"isrlu"}
    cached = experiments.cached().select(seeds=[0], tasks=["spirals"])
    assert card.accuracy["spirals"]["relu"] == cached.val["spirals"]["relu"]
    assert card.dead["isrlu"] == 0.0 and 0 < card.signal["isrlu"] < card.signal["relu"]
    assert 1 <= card.rank("spirals") <= 8
    text = str(card)
    assert "Report card: isrlu" in text and all(len(line) <= 79 for line in text.splitlines())


def test_as_activation_measures_its_properties():
    mine = experiments.as_activation(isrlu, isrlu_grad, name="isrlu")
    assert isinstance(mine, activations.Activation) and mine.name not in activations.names()
    assert mine.monotonic and not mine.odd and not mine.bounded and mine.smooth
    assert mine.value_at_zero == 0.0 and mine.derivative_at_zero == 1.0
    net = nn.MLP([2, 3, 1], activation=mine, seed=0)
    assert net.predict(np.zeros((1, 2))).shape == (1, 1)
    r = experiments.dead_units_during_training(mine, hidden=(4,), epochs=1, data_kw={"n": 40},
                                               dataset="moons")  # fmt: skip
    assert r.fraction.shape == (2, 1)


# --- the chapter itself ---


def test_the_exercises_are_those_the_chapter_sets():
    assert exercise_kinds(CHAPTER) == EXERCISES


def test_the_opening_names_the_article_claims_it_tests():
    opening = _text(json.loads(CHAPTER.read_text())["cells"][0])
    for source in ("9a", "9b", "9c", "10a"):
        assert f"(claim {source})" in opening or f"({source})" in opening, source


def test_the_prose_says_the_results_are_cached_and_by_which_script():
    text = _markdown()
    assert "**the results are cached**" in text and "`tools/choosing_cache.py`" in text
    assert "claims_ledger.md" in text


def test_the_verdict_tables_are_read_from_the_register_not_typed():
    cells = [c for c in nbformat.read(CHAPTER, as_version=4).cells if c.cell_type == "code"]
    source = "\n".join(c.source for c in cells)
    assert source.count("claims.on_record(") >= 3
    assert (ROOT / "code" / "actlab" / "_data" / claims.RECORD_FILE).is_file()


def test_the_road_stops_name_article_claims():
    """The stops' numbers come from the register by article id: each id must exist."""
    cells = nbformat.read(CHAPTER, as_version=4).cells
    [stops] = [c.source for c in cells if c.cell_type == "code" and "STOPS = {" in c.source]
    table = stops.split("STOPS = ", 1)[1].split("}", 1)[0] + "}"
    for name, (source, chapter) in eval(table).items():  # noqa: S307 - our own literal
        assert source in claims.ARTICLE and name in activations.names() and 1 <= chapter <= 9
        found = claims.on_record(source=source, chapter=chapter)
        assert found or chapter in (8, 9), f"{name}: {source} of chapter {chapter} not on record"
