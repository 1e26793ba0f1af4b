"""Accuracy of every activation and derivative against mpmath at 50 significant digits.

The references are written from the mathematical definitions (in forms that mpmath evaluates
without cancellation at 50 digits), not from our code. The grid (about 1600 points) runs from
-1.8e308 to 1.8e308 with many small magnitudes, the kinks and their neighbours, |x| from 1 to 40,
the region near -708..-752 where exponentials become subnormal, and seeded random points.

Tolerances, float64:
- relative, per function and per parameter set, a few times what it achieves (``TOLERANCE``: 1e-15,
  about 5-9 units in the last place, unless listed there), so that a regression of a few tens of
  ulps is caught; but never less than 2 units of the smallest subnormal (9.9e-324) absolute:
  where the exact value is below the smallest normal (2.2e-308) the result carries fewer digits,
  and the deeper it is the more the absolute floor dominates (from 2e-311 down, the subnormal
  result must be right to its last bit or next to it);
- three derivatives cross zero inside their domain, at their dips: swish (and silu) at beta*x =
  -1.2785, mish at -1.1924 and gelu at -0.7518. There the derivative is a sum of two terms of
  opposite sign and size about 0.1 that cancel; a float64 sum of them is accurate to about 1e-16
  times the size of the terms, not of the (tiny) result. For these three only, the 1e-12 is taken
  relative to |term1| + |term2| (the condition of the sum), which equals |value| wherever the
  terms have one sign, so the test is as strict as the others away from the zero.
The softmax rows keep one tolerance, 1e-12.
Measured, most functions are within 5e-16 (a few units in the last place); tanhshrink within
3e-15; gelu within 3e-13, limited by scipy's erfc, whose error grows like x**2 in the left tail.
float32 and float16 are held to a few units of their own precision.
"""

import functools

import mpmath as mp
import numpy as np
import pytest

from actlab import activations

pytestmark = pytest.mark.filterwarnings("error")
TINY = np.finfo(np.float64).tiny
SUB = np.finfo(np.float64).smallest_subnormal
RTOL = 1e-12  # softmax and log_softmax
ATOL_SUB = 2 * SUB
DEFAULT_RTOL = 1e-15
# (value, derivative) where a function achieves less than about 2e-16: measured worst relative
# error on the grid, times about 2.5. gelu is limited by scipy's erfc (error ~ x**2 ulp in the
# left tail); softplus with beta != 1 and celu with alpha != 1 by the rounding of beta * x or
# x / alpha, which exp then turns into a relative error of |beta * x| ulp; tanhshrink by the
# cancellation of x - tanh(x) near its series cut.
TOLERANCE = {
    "gelu": (5e-13, 1.5e-13),
    "tanhshrink": (6e-15, DEFAULT_RTOL),
    ("gelu", "approximate", "tanh"): (5e-13, 5e-13),
    ("softplus", "beta", 3.0): (1.5e-13, 1.5e-13),
    ("celu", "alpha", 3.0): (DEFAULT_RTOL, 5e-14),
}

SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def _grid():
    mags = np.concatenate(
        [
            np.logspace(-310, -1, 64),
            [1e-8, 1e-3, 0.1, 0.25 - 1e-12, 0.25, 0.3, 0.5 - 1e-9, 0.5 + 1e-9, 0.75],
            np.linspace(0.05, 40.0, 160),
            np.geomspace(40.0, 700.0, 24),
            [708.0, 708.4, 708.5, 709.5, 709.8, 710.0, 720.0, 740.0, 745.0, 745.2, 750.0, 752.0],
            [800.0, 1e3, 1e4, 1e5, 1e10, 1e100, 1e200, 1e300, 1e308, np.finfo(float).max],
            [3.0 - 1e-9, 3.0 + 1e-9, 6.0 - 1e-9, 6.0 + 1e-9, 1.0 - 1e-9, 1.0 + 1e-9],
            [0.7518, 1.1924, 1.2785, 2.3994, 1.5, 20.9, 21.3, 37.0, 37.5, 37.7, 38.6, 39.0],
        ]
    )
    kinks = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0])
    offsets = np.array([1.1e-12, 3.3e-10, 7.7e-7, 1.234e-4, 0.0321])
    near = (kinks[:, None] + np.concatenate([offsets, -offsets])).ravel()
    rng = np.random.default_rng(20240601)  # and random points, so no formula is tuned to a grid
    sample = np.concatenate(
        [
            rng.choice([-1.0, 1.0], 300) * 10.0 ** rng.uniform(-310, 308.2, 300),
            rng.uniform(-760, 760, 300),
            rng.uniform(-45, 45, 300),
        ]
    )
    return np.unique(np.concatenate([mags, -mags, kinks, near, sample]))


GRID = _grid()


def sig(t):
    return 1 / (1 + mp.exp(-t))


def sp(t):
    """log(1 + e**t) without cancellation."""
    return t + mp.log1p(mp.exp(-t)) if t > 0 else mp.log1p(mp.exp(t))


def clamp(t, lo, hi):
    return min(max(t, lo), hi)


def gelu_ref(x):
    if abs(x) > 1e4:  # Phi is 1 or 0 far beyond double precision (and mpmath's ncdf overflows)
        return (x, 1, 1) if x > 0 else (0, 0, 0)
    phi, pdf = mp.ncdf(x), mp.npdf(x)
    return x * phi, phi + x * pdf, abs(phi) + abs(x * pdf)


def gelu_tanh_ref(x):
    x3 = x**3 if abs(x) < 1e50 else mp.sign(x) * mp.mpf(10) ** 150  # sigma saturates long before
    k, c = mp.sqrt(2 / mp.pi), mp.mpf(0.044715)
    z = 2 * k * (x + c * x3)
    slope = 2 * k * (1 + 3 * c * x**2) if abs(x) < 1e50 else mp.mpf(10) ** 100
    s, t = sig(z), sig(-z)
    return x * s, s + x * slope * s * t, abs(s) + abs(x * slope * s * t)


def swish_ref(x, beta=1.0):
    z = beta * x
    s = sig(z)
    return x * s, s + z * s * sig(-z), abs(s) + abs(z * s * sig(-z))


def mish_ref(x):
    p = sp(x)
    t = mp.tanh(p)
    term = x * sig(x) / mp.cosh(p) ** 2
    return x * t, t + term, abs(t) + abs(term)


def tanhshrink_ref(x):
    if abs(x) < 1e-3:  # x**3/3 - 2x**5/15 + ...: mpmath's own x - tanh(x) would need 600 digits
        t = x * x
        value = x * t * (mp.mpf(1) / 3 - 2 * t / 15 + 17 * t**2 / 315 - 62 * t**3 / 2835)
    else:
        value = x - mp.tanh(x)
    return value, mp.tanh(x) ** 2


def elu_ref(x, alpha=1.0):
    return (x, 1) if x > 0 else (alpha * mp.expm1(x), alpha * mp.exp(x))


def celu_ref(x, alpha=1.0):
    return (x, 1) if x > 0 else (alpha * mp.expm1(x / alpha), mp.exp(x / alpha))


def hardswish_ref(x):
    d = 0 if x < -3 else (1 if x > 3 else (2 * x + 3) / 6)
    return x * clamp(x + 3, 0, 6) / 6, d


def softplus_ref(x, beta=1.0):
    return sp(beta * x) / beta, sig(beta * x)


def shrink_refs(lambd):
    inside = lambda x: abs(x) <= lambd  # noqa: E731
    hard = lambda x: (0 if inside(x) else x, 0 if inside(x) else 1)  # noqa: E731
    soft = lambda x: (0 if inside(x) else x - mp.sign(x) * lambd, 0 if inside(x) else 1)  # noqa: E731
    return hard, soft


_hard, _soft = shrink_refs(mp.mpf(0.5))


def squareplus_ref(x, b=4):
    """(x + sqrt(x**2 + b)) / 2 and its slope; for x < 0 in the forms that do not cancel."""
    h = mp.sqrt(x * x + b)
    if x < 0:
        return b / (2 * (h - x)), b / (2 * h * (h - x))
    return (x + h) / 2, (1 + x / h) / 2


def sparse_plus_ref(x):
    if x <= -1:
        return 0, 0
    return ((x + 1) ** 2 / 4, (x + 1) / 2) if x < 1 else (x, 1)


def rrelu_ref(lower, upper):
    slope = mp.mpf(0.5 * (lower + upper))  # the float64 mean, as the function computes it
    return lambda x: (x, 1) if x > 0 else (slope * x, slope)


# name -> x -> (value, derivative[, scale of the derivative's terms])
REFERENCES = {
    "step": lambda x: (1 if x > 0 else 0, 0),
    "linear": lambda x: (x, 1),
    "sigmoid": lambda x: (sig(x), sig(x) * sig(-x)),
    "tanh": lambda x: (mp.tanh(x), 1 / mp.cosh(x) ** 2),
    "relu": lambda x: (max(x, 0), 1 if x > 0 else 0),
    "leaky_relu": lambda x: (x, 1) if x > 0 else (mp.mpf(0.01) * x, mp.mpf(0.01)),
    "prelu": lambda x: (x, 1) if x > 0 else (x / 4, mp.mpf(0.25)),
    "elu": elu_ref,
    "swish": swish_ref,
    "silu": swish_ref,
    "gelu": gelu_ref,
    "softplus": softplus_ref,
    "selu": lambda x: (
        (SELU_SCALE * x, SELU_SCALE)
        if x > 0
        else (SELU_SCALE * SELU_ALPHA * mp.expm1(x), SELU_SCALE * SELU_ALPHA * mp.exp(x))
    ),
    "celu": celu_ref,
    "mish": mish_ref,
    "relu6": lambda x: (clamp(x, 0, 6), 1 if 0 < x < 6 else 0),
    "hardtanh": lambda x: (clamp(x, -1, 1), 1 if -1 < x < 1 else 0),
    "hardsigmoid": lambda x: (clamp(x + 3, 0, 6) / 6, mp.mpf(1) / 6 if -3 < x < 3 else 0),
    "hardswish": hardswish_ref,
    "softsign": lambda x: (x / (1 + abs(x)), 1 / (1 + abs(x)) ** 2),
    "logsigmoid": lambda x: (-sp(-x), sig(-x)),
    "tanhshrink": tanhshrink_ref,
    "hardshrink": _hard,
    "softshrink": _soft,
    "rrelu": rrelu_ref(1 / 8, 1 / 3),
    "threshold": lambda x: (x, 1) if x > 0 else (0, 0),
    "squareplus": squareplus_ref,
    "sparse_plus": sparse_plus_ref,
    "sparse_sigmoid": lambda x: (clamp(x + 1, 0, 2) / 2, mp.mpf(0.5) if -1 < x < 1 else 0),
}
ELEMENTWISE = [n for n in activations.names() if not activations.get(n).vector_valued]

# Non-default parameters: (name, params, reference)
VARIANTS = [
    ("leaky_relu", {"alpha": 0.2}, lambda x: (x, 1) if x > 0 else (x / 5, mp.mpf(0.2))),
    ("leaky_relu", {"alpha": 3.0}, lambda x: (x, 1) if x > 0 else (3 * x, 3)),
    ("prelu", {"alpha": -0.5}, lambda x: (x, 1) if x > 0 else (-x / 2, mp.mpf(-0.5))),
    ("elu", {"alpha": 0.5}, functools.partial(elu_ref, alpha=mp.mpf(0.5))),
    ("elu", {"alpha": 2.0}, functools.partial(elu_ref, alpha=mp.mpf(2))),
    ("celu", {"alpha": 0.25}, functools.partial(celu_ref, alpha=mp.mpf(0.25))),
    ("celu", {"alpha": 3.0}, functools.partial(celu_ref, alpha=mp.mpf(3))),
    ("swish", {"beta": 2.0}, functools.partial(swish_ref, beta=mp.mpf(2))),
    ("swish", {"beta": 0.5}, functools.partial(swish_ref, beta=mp.mpf(0.5))),
    ("swish", {"beta": -1.0}, functools.partial(swish_ref, beta=mp.mpf(-1))),
    ("softplus", {"beta": 0.5}, functools.partial(softplus_ref, beta=mp.mpf(0.5))),
    ("softplus", {"beta": 3.0}, functools.partial(softplus_ref, beta=mp.mpf(3))),
    ("gelu", {"approximate": "tanh"}, gelu_tanh_ref),
    ("hardtanh", {"min_val": 0.0, "max_val": 2.5}, lambda x: (clamp(x, 0, 2.5), int(0 < x < 2.5))),
    ("hardshrink", {"lambd": 1.5}, shrink_refs(mp.mpf(1.5))[0]),
    ("softshrink", {"lambd": 1.5}, shrink_refs(mp.mpf(1.5))[1]),
    ("softshrink", {"lambd": 0.0}, shrink_refs(mp.mpf(0))[1]),
    ("rrelu", {"lower": 0.5, "upper": 3.0}, rrelu_ref(0.5, 3.0)),
    ("threshold", {"threshold": 1.0, "value": -5.0},
     lambda x: (x, 1) if x > 1 else (-5, 0)),
    ("squareplus", {"b": 0.25}, functools.partial(squareplus_ref, b=mp.mpf(0.25))),
    ("squareplus", {"b": 100.0}, functools.partial(squareplus_ref, b=mp.mpf(100))),
]  # fmt: skip


@functools.cache
def reference_table(key):
    """(value, derivative, derivative scale) over GRID for a name or a VARIANTS index."""
    ref = REFERENCES[key] if isinstance(key, str) else VARIANTS[key][2]
    rows = []
    with mp.workdps(50):
        for x in GRID:
            out = ref(mp.mpf(float(x)))
            value, deriv = out[0], out[1]
            scale = out[2] if len(out) > 2 else abs(deriv)
            rows.append((float(value), float(deriv), float(scale)))
    return np.array(rows).T


def check_close(got, want, scale, what, rtol=RTOL):
    """Within ``rtol`` of ``scale`` (relative), or 2 units of the smallest subnormal."""
    tol = np.maximum(rtol * scale, ATOL_SUB)
    with np.errstate(invalid="ignore"):  # inf - inf where both are inf
        err = np.where(got == want, 0.0, np.abs(got - want))
    bad = ~(err <= tol)
    if bad.any():
        i = np.flatnonzero(bad)[:5]
        lines = [f"x={GRID[j]!r}: got {got[j]!r}, want {want[j]!r}" for j in i]
        pytest.fail(f"{what}: {bad.sum()} of {got.size} points off\n" + "\n".join(lines))


def _check(name, params, key):
    act = activations.get(name)
    value, deriv, scale = reference_table(key)
    where = (name, *next(iter(params.items()))) if params else name
    rtol_value, rtol_deriv = TOLERANCE.get(where, (DEFAULT_RTOL, DEFAULT_RTOL))
    check_close(act(GRID, **params), value, np.abs(value), f"{name}{params} value", rtol_value)
    check_close(
        act.derivative(GRID, **params), deriv, scale, f"{name}{params} derivative", rtol_deriv
    )


def test_every_listed_tolerance_is_used():
    keys = set(ELEMENTWISE) | {(v[0], *next(iter(v[1].items()))) for v in VARIANTS}
    assert set(TOLERANCE) <= keys


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_matches_mpmath(name):
    _check(name, {}, name)


@pytest.mark.parametrize("index", range(len(VARIANTS)), ids=[f"{v[0]}{v[1]}" for v in VARIANTS])
def test_matches_mpmath_with_parameters(index):
    name, params, _ = VARIANTS[index]
    _check(name, params, index)


def test_every_elementwise_activation_has_a_reference():
    assert set(REFERENCES) == set(ELEMENTWISE)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_lower_precision_is_accurate_in_its_own_terms(name, dtype):
    info = np.finfo(dtype)
    act = activations.get(name)
    with np.errstate(over="ignore"):  # the largest grid points become inf in float16/32
        x = GRID.astype(dtype)
    keep = np.isin(GRID, x.astype(np.float64))  # grid points exactly representable in dtype
    value, deriv, scale = (row[keep] for row in reference_table(name))
    for got, want, size in ((act(x), value, np.abs(value)), (act.derivative(x), deriv, scale)):
        assert got.dtype == dtype
        got, want = got[keep].astype(np.float64), want.astype(dtype).astype(np.float64)
        # the exact value, rounded once to dtype, compared with a unit of dtype's precision
        normal = np.abs(want) >= info.tiny
        tol = np.where(normal, 2 * float(info.eps) * np.maximum(size, np.abs(want)), 0.0)
        tol += float(info.smallest_subnormal)
        ok = (got == want) | (np.abs(got - want) <= tol)
        assert ok.all(), f"{name} {dtype.__name__}: {x[keep][~ok][:5]} -> {got[~ok][:5]}"


# ------------------------------------------------------------------------------ finite differences

KINKS = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0])
SMOOTH_X = np.array([x for x in np.linspace(-9.0, 9.0, 181) if np.abs(x - KINKS).min() > 1e-3])


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name):
    act = activations.get(name)
    x = SMOOTH_X + 0.0123  # away from the kinks, not on a round number
    h = 1e-6
    fd = (act(x + h) - act(x - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x), fd, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("index", range(len(VARIANTS)), ids=[f"{v[0]}{v[1]}" for v in VARIANTS])
def test_derivative_with_parameters_matches_central_differences(index):
    name, params, _ = VARIANTS[index]
    act = activations.get(name)
    x = SMOOTH_X + 0.0123
    h = 1e-6
    fd = (act(x + h, **params) - act(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x, **params), fd, rtol=1e-6, atol=1e-8)


# ---------------------------------------------------------------------- softmax and log_softmax


def mp_softmax(row):
    with mp.workdps(50):
        row = [mp.mpf(float(v)) for v in row]
        m = max(row)
        e = [mp.exp(v - m) for v in row]
        total = mp.fsum(e)
        y = [v / total for v in e]
        logy = [v - m - mp.log(total) for v in row]
        n = len(row)
        jac = [[y[i] * ((1 if i == j else 0) - y[j]) for j in range(n)] for i in range(n)]
        ljac = [[(1 if i == j else 0) - y[j] for j in range(n)] for i in range(n)]
        return tuple(np.array(a, dtype=float) for a in (y, logy, jac, ljac))


def _rows():
    rng = np.random.default_rng(7)
    rows = [rng.normal(0, 3, 5) for _ in range(6)]
    rows += [
        np.array([0.0, -30.0, -40.0]),  # one entry takes all but 1e-13 of the mass
        np.array([700.0, 699.0, -700.0]),
        np.array([-1000.0, -1001.0, -1030.0]),  # shift needed to avoid underflow
        np.array([1e-300, -1e-300, 0.0]),
        np.array([5.0, 5.0, -745.0, 2.0]),  # a tie at the top, a subnormal share
        np.array([12.0]),
    ]
    return rows


@pytest.mark.parametrize("row", _rows(), ids=lambda r: np.array2string(r, precision=2))
def test_softmax_and_log_softmax_match_mpmath(row):
    y, logy, jac, ljac = mp_softmax(row)
    sm, lsm = activations.get("softmax"), activations.get("log_softmax")
    smin = activations.get("softmin")
    y_min, _, jac_min, _ = mp_softmax(-row)
    for got, want in (
        (sm(row), y),
        (lsm(row), logy),
        (sm.derivative(row), jac),
        (lsm.derivative(row), ljac),
        (smin(row), y_min),
        (smin.derivative(row), -jac_min),
    ):
        tol = np.maximum(RTOL * np.abs(want), ATOL_SUB)
        assert (np.abs(got - want) <= tol).all(), (row, got, want)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_jacobian_matches_finite_differences(name):
    act = activations.get(name)
    x = np.random.default_rng(3).normal(0, 2, (2, 3, 5))
    jac = act.derivative(x)
    assert jac.shape == (2, 3, 5, 5)
    h = 1e-6
    for j in range(5):
        step = np.zeros(5)
        step[j] = h
        column = (act(x + step) - act(x - step)) / (2 * h)  # d y / d x_j
        np.testing.assert_allclose(jac[..., :, j], column, rtol=1e-6, atol=1e-9)


# ------------------------------------------------------------------- gated units (issue 21)

GATED = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu"}


def _gated_pairs():
    """(a, b) pairs: values of every size against gates around the gate's interesting range,
    its tails (where the gate underflows or is the identity) and huge values."""
    rng = np.random.default_rng(11)
    a = np.concatenate([[0.0, 1.0, -1.0, 1e-300, -3e-8, 7.5, -1e5, 1e150, -1e300],
                        rng.normal(0, 3, 20)])  # fmt: skip
    b = np.concatenate(
        [
            [
                0.0,
                -0.0,
                1e-300,
                0.5,
                -0.5,
                1.0,
                3.0,
                -3.0,
                20.0,
                -20.0,
                40.0,
                -40.0,
                -700.0,
                -745.0,
                800.0,
                -800.0,
                1e5,
                1e150,
            ],
            rng.normal(0, 4, 20),
        ]
    )
    return np.repeat(a, b.size), np.tile(b, a.size)  # fmt: skip


@functools.cache
def gated_reference(gate):
    a, b = _gated_pairs()
    rows = []
    with mp.workdps(50):
        for ai, bi in zip(a, b, strict=True):
            g, dg = REFERENCES[gate](mp.mpf(float(bi)))[:2]
            A = mp.mpf(float(ai))
            rows.append((float(A * g), float(g), float(A * dg)))
    return np.array(rows).T


@pytest.mark.parametrize("name", list(GATED))
def test_gated_units_and_their_derivatives_match_mpmath(name):
    act = activations.get(name)
    a, b = _gated_pairs()
    x = np.concatenate([a, b])[None, :]  # one row: the value half, then the gate half
    y, dy_da, dy_db = gated_reference(GATED[name])
    rtol = 2 * max(TOLERANCE.get(GATED[name], (DEFAULT_RTOL, DEFAULT_RTOL))) + DEFAULT_RTOL
    jac = act.derivative(x)[0]
    u = a.size
    i = np.arange(u)
    ones = np.ones((1, u))
    for got, want in (
        (act(x)[0], y),
        (jac[i, i], dy_da),
        (jac[i, u + i], dy_db),
        (act.vjp(x, ones)[0, :u], dy_da),
        (act.vjp(x, ones)[0, u:], dy_db),
    ):
        # a gate below the smallest normal number (b < -708 for the sigmoid) has only its
        # subnormal digits, an absolute error of ~1e-323 that the product scales by |a|
        tol = np.maximum(rtol * np.abs(want), ATOL_SUB * np.maximum(1.0, np.abs(a)))
        with np.errstate(invalid="ignore"):  # inf - inf where both overflow: equal, so fine
            bad = ~((got == want) | (np.abs(got - want) <= tol))
        assert not bad.any(), (name, a[bad][:3], b[bad][:3], got[bad][:3], want[bad][:3])


@pytest.mark.parametrize("name", list(GATED))
def test_gated_jacobian_and_vjp_match_finite_differences(name):
    act = activations.get(name)
    rng = np.random.default_rng(12)
    x = rng.normal(0, 2, (3, 8))
    if name == "reglu":  # keep the gates away from the kink at 0
        x[:, 4:] += np.sign(x[:, 4:]) * 0.05
    jac = act.derivative(x)
    h = 1e-6
    for j in range(8):
        step = np.zeros(8)
        step[j] = h
        column = (act(x + step) - act(x - step)) / (2 * h)
        np.testing.assert_allclose(jac[..., :, j], column, rtol=1e-6, atol=1e-9)
    g = rng.normal(0, 1, (3, 4))
    loss = lambda z: float(np.sum(g * act(z)))  # noqa: E731
    fd = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        fd[idx] = (loss(x + e) - loss(x - e)) / (2 * h)
    np.testing.assert_allclose(act.vjp(x, g), fd, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_softmax_family_vjp_matches_finite_differences(name):
    act = activations.get(name)
    rng = np.random.default_rng(13)
    x, g = rng.normal(0, 2, (2, 5)), rng.normal(0, 1, (2, 5))
    h = 1e-6
    fd = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        fd[idx] = (np.sum(g * act(x + e)) - np.sum(g * act(x - e))) / (2 * h)
    np.testing.assert_allclose(act.vjp(x, g), fd, rtol=1e-6, atol=1e-9)
