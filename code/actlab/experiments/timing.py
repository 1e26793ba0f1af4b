"""How long each activation (and its derivative) takes on a large array, relative to ``np.tanh``.

>>> t = time_activations(["relu"], size=1000, repeats=1)
>>> sorted(t), sorted(t["relu"])  # the numbers themselves differ from run to run
(['np.tanh', 'relu'], ['derivative_ms', 'derivative_ratio', 'ms', 'ratio'])
"""

import timeit

import numpy as np

from .. import _validate, activations


def time_activations(names, size=10**6, repeats=5, seed=0, derivative=True):
    """Best-of-``repeats`` time of each activation (and its derivative) on ``size`` values.

    Claim: ReLU's max(0, x) is much cheaper than the exponentials of sigmoid and tanh
    (``glorot2011deep`` note that rectifiers need no exponential). In NumPy on large arrays much
    of the cost is reading and writing memory, and each activation makes a few passes over it, so
    counting exponentials does not predict the times: measure them. Each function is timed in
    turns with ``np.tanh`` on the same seeded array (standard normal times 5), one call per turn,
    and ``ratio`` is its best time over ``np.tanh``'s best time of those turns, so a burst of load
    on a shared machine slows both.
    Times are wall-clock, so they differ between runs; the input does not.

    Returns a dict: ``"np.tanh"`` -> ``{"ms"}``, then each name -> ``{"ms", "ratio"}`` plus
    ``"derivative_ms"``, ``"derivative_ratio"`` when ``derivative`` is true.
    """
    where = "experiments.time_activations"
    size = _validate.positive_int(size, "size", where)
    repeats = _validate.positive_int(repeats, "repeats", where)
    names = _validate.listing(names, "names", where, kind=str)
    derivative = _validate.boolean(derivative, "derivative", where)
    x = np.random.default_rng(_validate.seed(seed, where)).standard_normal(size) * 5.0
    tanh_times = []

    def best(fn):
        fn_best = ref_best = float("inf")
        for _ in range(repeats):
            ref_best = min(ref_best, timeit.timeit(lambda: np.tanh(x), number=1))
            fn_best = min(fn_best, timeit.timeit(lambda: fn(x), number=1))
        tanh_times.append(ref_best)
        return fn_best * 1e3, fn_best / ref_best

    results = {}
    for name in names:
        act = activations.get(name)
        ms, ratio = best(act)
        results[name] = {"ms": ms, "ratio": ratio}
        if derivative:
            ms, ratio = best(act.derivative)
            results[name].update(derivative_ms=ms, derivative_ratio=ratio)
    return {"np.tanh": {"ms": min(tanh_times, default=np.nan) * 1e3}, **results}
