"""The random streams of ``actlab``: which seed draws what, so that no two jobs share one.

``nn.MLP(..., seed=s)`` uses the two streams of ``numpy.random.SeedSequence(s).spawn(2)`` for its
weights and its default batch order. :func:`derived_seed` gives the others, from the keys
``[s, k]`` that the network never uses: the data and the batch order an experiment draws itself
(see the notes of :mod:`actlab.experiments`), and the shuffle of ``data.load``'s split.
"""

import numpy as np

from . import _validate

#: The streams drawn apart from the network's, and the second key of their ``SeedSequence``.
STREAMS = {"data": 1, "batches": 2, "split": 3, "fresh": 4}


def derived_seed(seed, stream):
    """The seed a run with ``seed`` uses for ``stream`` ("data", "batches", "split" or "fresh").

    It is drawn from ``numpy.random.SeedSequence([seed, k])`` with ``k = STREAMS[stream]``, a key
    that ``nn.MLP(..., seed=seed)`` never uses, so the data, the batch order and the initial
    weights are three independent streams. ``seed=None`` gives None (fresh entropy).

    >>> derived_seed(0, "data") == derived_seed(0, "data") != derived_seed(0, "batches")
    True
    """
    where = "experiments.derived_seed"
    seed = _validate.seed(seed, where)
    key = STREAMS[_validate.choice(stream, STREAMS, "stream", where)]
    if seed is None:
        return None
    return int(np.random.SeedSequence([seed, key]).generate_state(1, dtype=np.uint64)[0])
