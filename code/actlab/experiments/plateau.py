"""Chapter 5's long run: a deep sigmoid network on the digits, trained until it leaves its plateau.

In 12 epochs of plain gradient descent the 4-layer sigmoid network of chapter 5 stays at the loss
of a guess, ln 10, at every learning rate tried. Glorot & Bengio saw such networks escape, slowly
(``glorot2010understanding``). Escaping takes this network tens to hundreds of epochs: about
1.3 s per run of :data:`EPOCHS` epochs, three runs per base seed, beyond the chapter's budget.
So ``tools/plateau_cache.py`` runs :func:`long_run` once for each base seed of :data:`SEEDS`
and stores the result in ``actlab/_data/plateau.json``, which :func:`cached_long_run` reads.

The run is chapter 5's comparison (``compare_activations``: 4 hidden layers of 16 units, Xavier,
449 training images, mini-batches of 15, plain gradient descent), for :data:`EPOCHS` epochs at
the rate :data:`LR`; base seed b trains on weight seeds b, b + 1, b + 2 with the data split of
``data_seed=b``, as the chapter does.

>>> sorted(SETTINGS)
['batch_size', 'data_kw', 'hidden', 'init', 'lr', 'optimizer']
"""

import importlib.resources
import json

import numpy as np

from .. import _validate
from .training import compare_activations

CACHE = "plateau.json"
EPOCHS = 300
LR = 1.0
#: Off the plateau: the first epoch whose training loss is below this (ln 10 is about 2.30).
LEFT_AT = 2.0
#: Every how many epochs the stored loss curve keeps a point (the first epoch is always kept).
EVERY = 3
SEEDS = tuple(range(25))
SETTINGS = {
    "hidden": (16, 16, 16, 16),
    "lr": LR,
    "optimizer": "sgd",
    "batch_size": 15,
    "init": "xavier",
    "data_kw": {"fractions": (0.25, 0.25, 0.5)},
}


def long_run(base_seed, epochs=EPOCHS, seeds=None):
    """Train the sigmoid network of chapter 5 for ``epochs`` epochs on the seeds of ``base_seed``.

    ``seeds`` defaults to (b, b + 1, b + 2) for b = ``base_seed``; the data split is always that
    of ``data_seed=base_seed``. Returns a dict of lists, one entry per seed: ``left_at`` (the
    first epoch whose training loss is below :data:`LEFT_AT`, None if none), ``loss`` (the
    training loss at epochs 1, 1 + EVERY, ...), ``final_loss``, ``test_accuracy`` and
    ``weight_change`` (per Dense layer, output last: ``||W_end - W_0|| / ||W_0||``), with
    ``epochs`` and ``seeds``.
    """
    where = "experiments.long_run"
    base_seed = _validate.seed(base_seed, where, "base_seed")
    epochs = _validate.positive_int(epochs, "epochs", where)
    seeds = tuple(range(base_seed, base_seed + 3)) if seeds is None else tuple(seeds)
    runs = compare_activations(["sigmoid"], "digits", seeds=seeds, epochs=epochs,
                               target_loss=LEFT_AT, data_seed=base_seed, **SETTINGS)  # fmt: skip
    r = runs["sigmoid"]
    losses = [np.asarray(h["loss"]) for h in r["histories"]]
    return {
        "epochs": epochs,
        "seeds": list(seeds),
        "left_at": [None if np.isnan(e) else int(e) for e in r["epochs_to_target"]],
        "loss": [[round(float(v), 4) for v in loss[::EVERY]] for loss in losses],
        "final_loss": [round(float(loss[-1]), 5) for loss in losses],
        "test_accuracy": [round(float(a), 5) for a in r["test_accuracy"]],
        "weight_change": [[round(float(v), 5) for v in row] for row in r["weight_change"]],
    }


def cached_long_run(base_seed):
    """The stored :func:`long_run` of ``base_seed`` (one of :data:`SEEDS`), with arrays:
    ``left_at`` (NaN where the loss never fell below :data:`LEFT_AT`), ``loss`` (seeds, points)
    beside ``loss_epochs`` (the epochs of those points), ``final_loss``, ``test_accuracy``,
    ``weight_change`` (seeds, layers)."""
    where = "experiments.cached_long_run"
    base_seed = _validate.seed(base_seed, where, "base_seed")
    path = importlib.resources.files("actlab").joinpath("_data").joinpath(CACHE)
    stored = json.loads(path.read_text(encoding="utf-8"))
    if str(base_seed) not in stored["runs"]:
        raise ValueError(f"{where}: the cache holds base seeds {stored['seeds'][0]} to "
                         f"{stored['seeds'][-1]}, not {base_seed}; run tools/plateau_cache.py "
                         "with more seeds")  # fmt: skip
    run = stored["runs"][str(base_seed)]
    out = {k: np.array(v, dtype=float) for k, v in run.items() if k not in ("epochs", "seeds")}
    out["left_at"] = np.array([np.nan if e is None else e for e in run["left_at"]], dtype=float)
    out["loss_epochs"] = np.arange(1, run["epochs"] + 1)[::EVERY]
    out["epochs"], out["seeds"] = run["epochs"], run["seeds"]
    return out
