r"""Choosing an activation by experiment: one network, several activations, several tasks.

:func:`compare` trains the same network with each activation on each :class:`Task`, over several
seeds, and keeps four data sets apart: the network learns on the training split, we choose on
the validation split, and two more splits score the choice (a test split, and a **fresh** split
no choice ever looks at). :func:`optimism` measures what goes wrong when the test split is used
to choose. :func:`cached` loads the course's own run of :func:`compare` (made by
``tools/choosing_cache.py``), so a chapter can read 1,600 trainings in a blink.

>>> task = Task("xor", "xor", depth=1, width=4, epochs=2, data_kw={"n": 40})
>>> r = compare(["relu", "tanh"], {"xor": task}, seeds=[0, 1])
>>> r.val["xor"]["relu"].shape, sorted(r.tasks), r.activations
((2,), ['xor'], ['relu', 'tanh'])

Claim (the article, section 9): no activation fits every task; start with ReLU, switch to a
leaky variant when units die, and choose by comparing candidates on a validation set
(``ramachandran2017searching`` searched for Swish that way). Choosing on the test set instead
makes the chosen model's test score optimistic: the best of k noisy scores is, on average,
above the true score of the model it picks (``cawley2010overfitting``).
"""

import dataclasses
import json
import time
from collections.abc import Mapping

import numpy as np

from .. import _validate, activations, data, nn
from .._seeds import derived_seed
from .trained import dead_units
from .training import _output

#: The activations the course compares, the article's own in the order it meets them.
STANDARD = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "swish")
#: The initialisation each is trained with: He's for those that are 0 (or nearly) below 0,
#: Xavier's for the others (chapters 5 and 6); anything else gets ``"xavier"``.
INIT = {"relu": "he", "leaky_relu": "he", "prelu": "he", "elu": "he", "swish": "he"}


@dataclasses.dataclass(frozen=True)
class Task:
    """One task of the harness: a data set (a name of :data:`actlab.data.DATASETS`, or a
    :class:`actlab.data.Split` of your own) and the network trained on it.

    The network has ``depth`` hidden layers of ``width`` units and is trained with Adam at
    ``lr`` for ``epochs`` epochs, in mini-batches of 32: a fixed budget, the same for every
    activation. ``data_kw`` goes to the data set's generator.
    """

    name: str
    dataset: object
    depth: int = 2
    width: int = 16
    epochs: int = 30
    lr: float = 0.01
    data_kw: Mapping = dataclasses.field(default_factory=dict)

    def __post_init__(self):
        where = "experiments.Task"
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"{where}: name must be a non-empty string, got {self.name!r}")
        if isinstance(self.dataset, str):
            _validate.choice(self.dataset, data.DATASETS, "dataset", where)
        elif not isinstance(self.dataset, data.Split):
            raise TypeError(
                f"{where}: dataset must be a data set's name or a data.Split of your own, got "
                f"{type(self.dataset).__name__}"
            )
        elif self.dataset.classes is None:
            raise ValueError(f"{where}: the harness compares classifiers; {self.name!r} is a "
                             "regression set")  # fmt: skip
        _validate.positive_int(self.depth, "depth", where)
        _validate.positive_int(self.width, "width", where)
        _validate.positive_int(self.epochs, "epochs", where)
        _validate.positive(self.lr, "lr", where)
        _validate.mapping(self.data_kw, "data_kw", where)

    def splits(self, seed):
        """The four parts for ``seed``: train, validation, test and fresh, as (X, y) pairs.

        A named data set is drawn and split with ``derived_seed(seed, "data")`` (so each seed
        brings new data, independent of the weights); its test part is then halved into
        *test* and *fresh* with ``derived_seed(seed, "fresh")``. A Split of your own keeps its
        parts, and its test part is halved the same way.
        """
        if isinstance(self.dataset, data.Split):
            d = self.dataset
        else:
            d = data.load(self.dataset, seed=derived_seed(seed, "data"), **self.data_kw)
        X_test, y_test, X_fresh, y_fresh = data.split(
            d.X_test, d.y_test, fractions=(0.5, 0.5), seed=derived_seed(seed, "fresh")
        )
        return {"train": (d.X_train, d.y_train), "val": (d.X_val, d.y_val),
                "test": (X_test, y_test), "fresh": (X_fresh, y_fresh)}  # fmt: skip


#: The tasks the chapter reads: a non-linear toy task, the digits, and the digits in a deep
#: network, each the same network for every activation.
TASKS = {
    "spirals": Task("spirals", "spirals", depth=2, width=16, epochs=100, data_kw={"n": 300}),
    "digits": Task("digits", "digits", depth=1, width=16, epochs=15),
    "deep digits": Task("deep digits", "digits", depth=8, width=16, epochs=15),
}
#: The grid the explorer reads: both data sets at every depth.
DEPTHS = (1, 2, 4, 8)
GRID = {
    f"{name} depth {depth}": dataclasses.replace(
        TASKS[name], name=f"{name} depth {depth}", depth=depth
    )  # fmt: skip
    for name in ("spirals", "digits")
    for depth in DEPTHS
}
SCORES = ("val", "test", "fresh", "seconds", "dead", "base_rate")


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Result of :func:`compare`: ``val[task][activation]`` is an array over ``seeds``, and so
    are ``test``, ``fresh`` (accuracies on those splits), ``seconds`` (training time, wall
    clock, this machine), ``dead`` (share of the hidden units dead on the training set at the
    end, ``experiments.dead_units``); ``base_rate[task]`` is the validation accuracy of always
    answering the training split's majority class, per seed."""

    tasks: list
    activations: list
    seeds: list
    val: dict
    test: dict
    fresh: dict
    seconds: dict
    dead: dict
    base_rate: dict

    def mean(self, score="val"):
        """``{task: {activation: mean over the seeds}}`` of ``score``."""
        table = getattr(self, _validate.choice(score, SCORES[:5], "score", "Comparison.mean"))
        return {t: {a: float(np.mean(v)) for a, v in row.items()} for t, row in table.items()}

    def ranking(self, task, score="val"):
        """The activations from best to worst mean ``score`` on ``task``."""
        means = self.mean(score)[task]
        return sorted(means, key=lambda a: -means[a])

    def select(self, seeds=None, tasks=None, activations=None):
        """The same results for some of the seeds, tasks or activations (in the order given)."""
        where = "Comparison.select"
        seeds = self.seeds if seeds is None else _validate.listing(seeds, "seeds", where)
        tasks = self.tasks if tasks is None else _validate.listing(tasks, "tasks", where)
        acts = self.activations if activations is None else _validate.listing(
            activations, "activations", where)  # fmt: skip
        for given, known, what in ((seeds, self.seeds, "seed"), (tasks, self.tasks, "task"),
                                   (acts, self.activations, "activation")):  # fmt: skip
            if missing := [v for v in given if v not in known]:
                raise ValueError(f"{where}: no {what} {missing} in these results; they hold "
                                 f"{known}")  # fmt: skip
        index = [self.seeds.index(s) for s in seeds]

        def part(table):
            return {t: {a: table[t][a][index] for a in acts} for t in tasks}

        kept = {k: part(getattr(self, k)) for k in SCORES[:5]}
        base = {t: self.base_rate[t][index] for t in tasks}
        return Comparison(list(tasks), list(acts), list(seeds), **kept, base_rate=base)

    def to_json(self):
        """A dict of lists (numbers rounded to 4 decimals), as :func:`cached` reads it."""

        def rounded(v):
            return [round(float(x), 4) for x in v]

        out = {"tasks": self.tasks, "activations": self.activations, "seeds": self.seeds}
        for k in SCORES[:5]:
            out[k] = {t: {a: rounded(v) for a, v in row.items()} for t, row in
                      getattr(self, k).items()}  # fmt: skip
        out["base_rate"] = {t: rounded(v) for t, v in self.base_rate.items()}
        return out

    @classmethod
    def from_json(cls, record):
        arrays = {
            k: {t: {a: np.array(v) for a, v in row.items()} for t, row in record[k].items()}
            for k in SCORES[:5]
        }
        base = {t: np.array(v) for t, v in record["base_rate"].items()}
        return cls(record["tasks"], record["activations"], record["seeds"], **arrays,
                   base_rate=base)  # fmt: skip


def _name(act):
    return act.name if isinstance(act, activations.Activation) else act


def train_once(task, activation, seed, init=None):
    """Train ``task``'s network with ``activation`` (a name or an Activation) on seed ``seed``.

    Returns a dict: ``val``, ``test``, ``fresh`` accuracies, ``seconds`` (of ``fit``),
    ``dead`` (share of hidden units dead on the training split at the end) and ``base_rate``.
    """
    where = "experiments.train_once"
    if not isinstance(task, Task):
        raise TypeError(f"{where}: task must be an experiments.Task, got {task!r}")
    seed = _validate.seed(seed, where)
    if seed is None:
        raise ValueError(f"{where}: seed must be an integer >= 0 (None would not repeat)")
    parts = task.splits(seed)
    (X, y), (X_val, y_val) = parts["train"], parts["val"]
    d = data.Split(task.name, X, y, X_val, y_val, *parts["test"])
    output, k = _output(d)
    init = init or INIT.get(_name(activation), "xavier")
    net = nn.MLP([X.shape[1], *[task.width] * task.depth, k], activation=activation,
                 output=output, init=init, seed=seed)  # fmt: skip
    start = time.perf_counter()
    with nn.train.one_blas_thread():
        net.fit(X, y, epochs=task.epochs, lr=task.lr, optimizer="adam", batch_size=32,
                seed=derived_seed(seed, "batches"), progress=False)  # fmt: skip
    seconds = time.perf_counter() - start
    scores = {part: net.evaluate(*parts[part])["accuracy"] for part in ("val", "test", "fresh")}
    majority = np.bincount(y).argmax()
    return {**scores, "seconds": seconds, "dead": dead_units(net, X).overall,
            "base_rate": float(np.mean(y_val == majority))}  # fmt: skip


def compare(names=STANDARD, tasks=None, seeds=(0, 1, 2), init=None):
    """Train every activation of ``names`` on every task of ``tasks``, on each seed.

    ``names``: registry names or :class:`~actlab.activations.Activation` objects; ``tasks``: a
    dict name -> :class:`Task` (default :data:`TASKS`); ``init``: None (each activation's
    :data:`INIT`) or one scheme for all. On seed s every activation meets the same data, the
    same split and the same batch order; only the activation (and its initialisation) differs.
    Returns a :class:`Comparison`.
    """
    where = "experiments.compare"
    names = _validate.listing(names, "names", where, kind=(str, activations.Activation))
    tasks = TASKS if tasks is None else tasks
    if not isinstance(tasks, Mapping) or not all(isinstance(t, Task) for t in tasks.values()):
        raise TypeError(f"{where}: tasks must be a dict name -> experiments.Task, got {tasks!r}")
    seeds = [_validate.seed(s, where, f"seeds[{i}]") for i, s in
             enumerate(_validate.listing(seeds, "seeds", where))]  # fmt: skip
    labels = [_name(a) for a in names]
    runs = {k: {t: {a: [] for a in labels} for t in tasks} for k in SCORES[:5]}
    base = {t: [] for t in tasks}
    for t, task in tasks.items():
        for seed in seeds:
            for act, label in zip(names, labels, strict=True):
                r = train_once(task, act, seed, init)
                for k in SCORES[:5]:
                    runs[k][t][label].append(r[k])
            base[t].append(r["base_rate"])
    arrays = {k: {t: {a: np.array(v) for a, v in row.items()} for t, row in table.items()}
              for k, table in runs.items()}  # fmt: skip
    return Comparison(list(tasks), labels, seeds, **arrays,
                      base_rate={t: np.array(v) for t, v in base.items()})  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Optimism:
    """Result of :func:`optimism`, one entry per (task, seed): the score each way of choosing
    reports, and what the chosen model scores on the fresh split."""

    tasks: list  # the task of each entry
    seeds: list
    by_test_reported: np.ndarray  # choose the best test score, report it
    by_test_fresh: np.ndarray  # that model on the fresh split
    by_val_reported: np.ndarray  # choose the best validation score, report its test score
    by_val_fresh: np.ndarray  # that model on the fresh split

    @property
    def by_test(self):
        """How much the test-chosen model's reported score exceeds its fresh score."""
        return self.by_test_reported - self.by_test_fresh

    @property
    def by_val(self):
        """The same for the model chosen on the validation split."""
        return self.by_val_reported - self.by_val_fresh


def optimism(comparison, tasks=None):
    """Choose the best of the activations on each task and seed, in two ways, and compare
    the score reported with the chosen model's score on fresh data.

    Choosing on the test split and reporting its test score gives the maximum of k noisy
    scores; choosing on the validation split and reporting the test score does not look at
    the test split before scoring. The fresh split, which neither choice saw, gives each
    chosen model's honest score. A tie goes to the first activation in the order compared.
    Returns :class:`Optimism`.
    """
    where = "experiments.optimism"
    if not isinstance(comparison, Comparison):
        raise TypeError(f"{where}: comparison must be a Comparison (from compare or cached), "
                        f"got {type(comparison).__name__}")  # fmt: skip
    tasks = comparison.tasks if tasks is None else _validate.listing(tasks, "tasks", where)
    acts, rows, names, seeds = comparison.activations, [], [], []
    for t in tasks:
        val, test, fresh = (np.array([getattr(comparison, k)[t][a] for a in acts])
                            for k in ("val", "test", "fresh"))  # fmt: skip
        for i, seed in enumerate(comparison.seeds):
            by_test, by_val = np.argmax(test[:, i]), np.argmax(val[:, i])
            rows.append((test[by_test, i], fresh[by_test, i], test[by_val, i], fresh[by_val, i]))
            names.append(t)
            seeds.append(seed)
    cols = np.array(rows).T
    return Optimism(names, seeds, *cols)


#: The course's own run of :func:`compare`, made by ``tools/choosing_cache.py``.
CACHE = "choosing.json"


def cached():
    """The course's run of :func:`compare` on :data:`GRID`, as a :class:`Comparison` whose
    tasks are those of :data:`TASKS` (by :data:`ALIASES`) and of the grid (seeds 0 to 24;
    training times from the machine that made it).

    It is read from ``actlab/_data/choosing.json``, which ``tools/choosing_cache.py`` writes;
    ``tests/test_chapter10.py`` reruns part of it and checks it matches.
    """
    import importlib.resources

    path = importlib.resources.files("actlab").joinpath("_data").joinpath(CACHE)
    grid = Comparison.from_json(json.loads(path.read_text(encoding="utf-8")))
    tables = {k: {**getattr(grid, k), **{t: getattr(grid, k)[g] for t, g in ALIASES.items()}}
              for k in SCORES[:5]}  # fmt: skip
    base = {**grid.base_rate, **{t: grid.base_rate[g] for t, g in ALIASES.items()}}
    return Comparison([*ALIASES, *grid.tasks], grid.activations, grid.seeds, **tables,
                      base_rate=base)  # fmt: skip


def cache_machine():
    """The machine that made the cache (``experiments.machine_facts()`` there): what its
    training times depend on."""
    import importlib.resources

    path = importlib.resources.files("actlab").joinpath("_data").joinpath(CACHE)
    return dict(json.loads(path.read_text(encoding="utf-8")).get("machine", {}))


#: Each task of :data:`TASKS` is a task of :data:`GRID` under another name.
ALIASES = {"spirals": "spirals depth 2", "digits": "digits depth 1",
           "deep digits": "digits depth 8"}  # fmt: skip
