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


#: The float types :func:`time_formulas` can time.
DTYPES = ("float64", "float32")


def time_formulas(formulas, sizes=(2**14, 2**22), dtypes=DTYPES, repeats=5, seed=0):
    """Best-of-``repeats`` wall time per value, in nanoseconds, of each formula on each array.

    Claim: ReLU's max(0, x) is much cheaper than the sigmoid's and tanh's exponentials. What a
    formula costs depends on the array as much as on the arithmetic: an array that fits in the
    CPU's cache is limited by the arithmetic (NumPy's exp and tanh use vectorised kernels where
    the CPU has them), one that does not is limited by memory, and every temporary array a
    formula makes (``1 / (1 + np.exp(-x))`` makes three) is one more pass over it. Time a plain
    copy beside them for the floor that memory sets.

    ``formulas`` maps a name to a function of one array (``{"relu": lambda x: np.maximum(x, 0),
    "copy": np.copy}``). Each array is standard normal times 5 (seeded), of each ``size`` and
    each of ``dtypes``. The formulas take turns, one timing each per round (so a burst of load on
    a shared machine slows all of them), and an array smaller than 2**20 values is run
    ``2**20 // size`` times per timing so that the clock can resolve it. Each timing follows
    one untimed call of the same formula: memory freshly handed over by the operating system
    costs a page fault per 4 KiB on first touch, which would otherwise be charged to whichever
    formula follows one that gave memory back (the sigmoid formula frees four arrays). Returns a
    dict
    ``(dtype, size) -> {name: ns per value}``. Times are wall-clock: they differ between runs
    and machines (:func:`machine_facts` says what they depend on); never assert them.
    """
    where = "experiments.time_formulas"
    if not isinstance(formulas, dict) or not formulas:
        raise TypeError(
            f"{where}: formulas must be a non-empty dict name -> function of an array, "
            f"got {type(formulas).__name__} {formulas!r}"
        )
    for name, fn in formulas.items():
        if not isinstance(name, str) or not callable(fn):
            raise TypeError(
                f"{where}: formulas must map names (str) to functions, got {name!r}: {fn!r}"
            )
    sizes = [_validate.positive_int(s, f"sizes[{i}]", where) for i, s in
             enumerate(_validate.listing(sizes, "sizes", where))]  # fmt: skip
    dtypes = [_validate.choice(d, DTYPES, f"dtypes[{i}]", where) for i, d in
              enumerate(_validate.listing(dtypes, "dtypes", where, kind=str))]  # fmt: skip
    repeats = _validate.positive_int(repeats, "repeats", where)
    rng = np.random.default_rng(_validate.seed(seed, where))
    results = {}
    for size in sizes:
        base = rng.standard_normal(size) * 5.0
        number = max(1, 2**20 // size)
        for dtype in dtypes:
            x = base.astype(dtype)
            best = dict.fromkeys(formulas, float("inf"))
            for _ in range(repeats):
                for name, fn in formulas.items():
                    fn(x)  # untimed: the memory it needs is then the process's own
                    seconds = timeit.timeit(lambda fn=fn, x=x: fn(x), number=number)
                    best[name] = min(best[name], seconds)
            results[dtype, size] = {
                name: seconds / (number * size) * 1e9 for name, seconds in best.items()
            }
    return results


def machine_facts():
    """What the timings of :func:`time_formulas` depend on, as a dict of short strings.

    ``"cpu"`` (model name), ``"cores"`` (usable by this process), ``"caches"`` (each level's
    size per core, from Linux's sysfs; "unknown" elsewhere), ``"numpy"`` (version) and
    ``"simd"`` (the widest vector instruction sets NumPy found on this CPU and dispatches to).

    >>> sorted(machine_facts())
    ['caches', 'cores', 'cpu', 'numpy', 'simd']
    """
    import os
    import platform
    from pathlib import Path

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    caches = []
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            level, kind, size = ((index / f).read_text().strip() for f in
                                 ("level", "type", "size"))  # fmt: skip
        except OSError:
            continue
        if kind != "Instruction":
            caches.append(f"L{level} {size}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        from numpy._core import _multiarray_umath as umath
    except ImportError:  # NumPy < 2
        from numpy.core import _multiarray_umath as umath
    found = getattr(umath, "__cpu_features__", {})
    wide = [f for f in ("AVX512F", "AVX2", "AVX", "SSE42", "ASIMD", "NEON") if found.get(f)]
    return {
        "cpu": cpu,
        "cores": str(cores),
        "caches": ", ".join(caches) or "unknown",
        "numpy": np.__version__,
        "simd": ", ".join(wide[:2]) or "none found",
    }
