"""The activation registry: API, edge cases, input checking, dtypes and metadata.

Accuracy against high-precision references and finite differences is in
``test_activations_accuracy.py``. Every test here is parametrised over the registry where it can
be, so a new activation is covered by registering it; two tables must then get a line (its limits
at +-inf below, its mpmath reference there), and a test fails until they do.
"""

import datetime
import functools
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from actlab import activations
from actlab.activations import Activation, registry

pytestmark = pytest.mark.filterwarnings("error")  # any warning from an activation fails
ROOT = Path(__file__).resolve().parents[1]
NAMES = activations.names()
ELEMENTWISE = [n for n in NAMES if not activations.get(n).vector_valued]
VECTOR = [n for n in NAMES if activations.get(n).vector_valued]
GATED = ["glu", "reglu", "geglu", "swiglu"]  # vector-valued, halving the last axis (issue 21)
NORMALISING = [n for n in VECTOR if n not in GATED]  # softmax and its kin: width kept
ARTICLE = ["step", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "swish"]
ARTICLE += ["softmax"]
TORCH = ["silu", "gelu", "softplus", "selu", "celu", "mish", "relu6", "hardtanh", "hardsigmoid"]
TORCH += ["hardswish", "softsign", "logsigmoid", "tanhshrink", "hardshrink", "softshrink"]
TORCH += ["log_softmax"]
# What torch.nn and jax.nn offer besides (issue 24): PyTorch's RReLU, Threshold and Softmin, and
# JAX's squareplus, sparse_plus and sparse_sigmoid.
OTHERS = ["rrelu", "threshold", "softmin", "squareplus", "sparse_plus", "sparse_sigmoid"]
BIG = np.finfo(np.float64).max
LAMBDA_ALPHA = 1.0507009873554805 * 1.6732632423543772

# Every value, at and around the places where naive formulas overflow, underflow or cancel.
EXTREMES = np.array(
    [0.0, -0.0, 5e-324, 2.2e-308, 1e-300, 1e-8, 0.5, 1.0, 3.0, 6.0, 20.0, 37.5, 40.0, 100.0]
    + [700.0, 708.5, 709.9, 745.2, 746.0, 800.0, 1e5, 1e10, 1e154, 1e300, 1e308, BIG, np.inf]
)
EXTREMES = np.concatenate([EXTREMES, -EXTREMES, [np.nan]])

# Non-default parameters that exercise other code paths.
PARAMS = {
    "leaky_relu": [{"alpha": 0.2}, {"alpha": 0.0}, {"alpha": 3.0}, {"alpha": -0.5}],
    "prelu": [{"alpha": 0.0}, {"alpha": 2.0}, {"alpha": np.linspace(-1.0, 2.0, 55)}],
    "elu": [{"alpha": 0.0}, {"alpha": 0.5}, {"alpha": 2.0}],
    "celu": [{"alpha": 1e-300}, {"alpha": 3.0}],
    "swish": [{"beta": 0.0}, {"beta": 10.0}, {"beta": -2.0}, {"beta": np.linspace(-3, 3, 55)}],
    "softplus": [{"beta": 1e-3}, {"beta": 50.0}],
    "gelu": [{"approximate": "tanh"}],
    "hardtanh": [{"min_val": 0.0, "max_val": 6.0}],
    "hardshrink": [{"lambd": 0.0}, {"lambd": 2.0}],
    "softshrink": [{"lambd": 0.0}, {"lambd": 2.0}],
    "rrelu": [{"lower": 0.0, "upper": 0.5}, {"rng": 0}, {"rng": 3, "lower": 0.5, "upper": 2.0}],
    "threshold": [{"threshold": 1.0, "value": -5.0}, {"threshold": -2.0, "value": 3.0}],
    "squareplus": [{"b": 1e-6}, {"b": 100.0}],
}
CASES = [(n, {}) for n in ELEMENTWISE] + [(n, p) for n in PARAMS for p in PARAMS[n]]


def case_id(case):
    name, params = case
    shown = {k: (f"array{np.shape(v)}" if np.ndim(v) else v) for k, v in params.items()}
    return f"{name}{shown if shown else ''}"


# ------------------------------------------------------------------------------ the registry


def test_names_are_the_article_then_pytorch_in_course_order():
    assert NAMES == ARTICLE + TORCH + OTHERS + GATED
    assert [n for n in NAMES if activations.get(n).gated] == GATED
    assert [n for n in NAMES if activations.get(n).in_article] == ARTICLE


def test_get_returns_the_activation_and_its_module_attribute():
    act = activations.get("leaky_relu")
    assert isinstance(act, Activation)
    assert act.name == "leaky_relu"
    assert activations.leaky_relu is act
    assert activations.get(act) is act


def test_unknown_name_suggests_the_closest():
    with pytest.raises(ValueError, match=r"unknown activation 'rellu'; did you mean 'relu'"):
        activations.get("rellu")
    with pytest.raises(ValueError, match="did you mean 'leaky_relu'"):
        activations.get("Leaky-ReLU")
    with pytest.raises(ValueError, match="known: step, linear"):
        activations.get("zzzz")
    with pytest.raises(AttributeError, match="no attribute 'rellu'"):
        activations.rellu  # noqa: B018


def test_get_refuses_a_non_string():
    with pytest.raises(TypeError, match="expected an activation name"):
        activations.get(3)


def test_register_refuses_duplicates_and_non_activations():
    with pytest.raises(ValueError, match="'relu' already exists"):
        activations.register(activations.get("relu"))
    with pytest.raises(TypeError, match="expected an Activation"):
        activations.register(np.tanh)


def test_a_new_activation_registers_in_one_line_and_is_listed():
    act = Activation(
        "cube", lambda x: np.asarray(x) ** 3, lambda x: 3 * np.asarray(x) ** 2,
        family="smooth", latex="x^3", derivative_latex="3x^2", output_range=r"\mathbb{R}",
        odd=True, monotonic=True, smooth=True, bounded=False, saturating=False,
        value_at_zero=0.0, derivative_at_zero=0.0, reference=None, torch=None, jax=None,
        summary="A test.",
    )  # fmt: skip
    try:
        activations.register(act)
        assert activations.names()[-1] == "cube"
        assert activations.get("cube").derivative(2.0) == 12.0
    finally:
        del registry._REGISTRY["cube"]
    assert "cube" not in activations.names()


def test_unknown_family_is_refused():
    with pytest.raises(ValueError, match="unknown family 'exotic'"):
        Activation(
            "x", abs, abs, family="exotic", latex="", derivative_latex="", output_range="",
            odd=False, monotonic=False, smooth=False, bounded=False, saturating=False,
            value_at_zero=0.0, derivative_at_zero=0.0, reference=None, torch=None, jax=None,
            summary="",
        )  # fmt: skip


def test_table_lists_every_activation_with_its_metadata():
    rows = activations.table()
    assert [row["name"] for row in rows] == NAMES
    keys = {
        "name", "family", "latex", "derivative_latex", "output_range", "odd",
        "monotonic", "smooth", "bounded", "saturating", "saturation", "value_at_zero",
        "derivative_at_zero", "reference", "sources", "torch", "jax", "params", "summary",
        "vector_valued", "in_article", "use", "chapter",
    }  # fmt: skip
    for row in rows:
        assert set(row) == keys
        assert row["summary"].endswith(".") and row["latex"]
        assert row["use"].endswith(".") and len(row["use"]) <= 110  # a line on a card


@pytest.mark.parametrize("name", NAMES)
def test_the_chapter_named_is_a_chapter_of_the_book(name):
    chapter = activations.get(name).chapter
    toc = (ROOT / "_toc.yml").read_text()
    assert chapter is None or f"file: chapters/{chapter}\n" in toc


def test_parameters_and_their_defaults_are_pytorchs():
    params = {n: activations.get(n).params for n in NAMES if activations.get(n).params}
    assert params == {
        "leaky_relu": {"alpha": 0.01},
        "prelu": {"alpha": 0.25},
        "elu": {"alpha": 1.0},
        "swish": {"beta": 1.0},
        "gelu": {"approximate": "none"},
        "softplus": {"beta": 1.0},
        "celu": {"alpha": 1.0},
        "hardtanh": {"min_val": -1.0, "max_val": 1.0},
        "hardshrink": {"lambd": 0.5},
        "softshrink": {"lambd": 0.5},
        # PyTorch's training=False is rng=None; torch.nn.Threshold has no defaults
        "rrelu": {"lower": 0.125, "upper": 1 / 3, "rng": None},
        "threshold": {"threshold": 0.0, "value": 0.0},
        "squareplus": {"b": 4.0},  # JAX's default
    }


# ----------------------------------------------------------------------- metadata, checked


def bib_keys():
    text = (ROOT / "references.bib").read_text()
    return set(re.findall(r"@\w+\{([^,\s]+),", text))


@pytest.mark.parametrize("name", NAMES)
def test_reference_is_a_key_of_the_bibliography(name):
    act = activations.get(name)
    assert act.reference is None or act.reference in bib_keys()
    assert {key for _, key in act.sources} <= bib_keys()
    # the key paper is among the sources, and at most one paper introduced the function
    assert act.reference is None or act.reference in {key for _, key in act.sources}
    assert [role for role, _ in act.sources].count("introduced") <= 1


def test_saturation_uses_the_standard_meaning():
    """Saturating = the derivative vanishes at both ends (Gulcehre et al. 2016): ReLU is not."""
    get = activations.get
    assert get("sigmoid").saturating and get("tanh").saturating
    assert not get("relu").saturating and get("relu").saturation == "left"
    assert get("logsigmoid").saturation == "right" and get("leaky_relu").saturation == "neither"


def _doc_formula(act):
    """The right-hand side of the first formula in the function's docstring, without spaces."""
    math = re.search(r"\.\. math::(.*?)(?:\n\s*\n|\Z)", act.doc, re.S)[1]
    return re.sub(r"\s+", "", math.split("=", 1)[1])


@pytest.mark.parametrize("name", NAMES)
def test_registry_formula_is_the_docstring_formula(name):
    """The formula is written twice (docstring and registry LaTeX): they must say the same."""
    act = activations.get(name)
    assert _doc_formula(act).startswith(re.sub(r"\s+", "", act.latex)), (act.latex, act.doc)


@pytest.mark.parametrize("name", NAMES)
def test_library_names_have_the_expected_form(name):
    act = activations.get(name)
    assert act.torch is None or act.torch.startswith("torch.")
    assert act.jax is None or act.jax.startswith("jax.")
    assert act.family in registry.FAMILIES
    assert act.doc and act.doc == act.fn.__doc__.strip().replace("\n    ", "\n")


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_value_and_derivative_at_zero(name):
    act = activations.get(name)
    assert act(0.0) == pytest.approx(act.value_at_zero, rel=1e-15, abs=0)
    assert act.derivative(0.0) == pytest.approx(act.derivative_at_zero, rel=1e-15, abs=0)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_valued_have_no_single_value_at_zero(name):
    act = activations.get(name)
    assert act.value_at_zero is None and act.derivative_at_zero is None


WIDE = np.concatenate([-np.geomspace(1e-6, 1e6, 400)[::-1], [0.0], np.geomspace(1e-6, 1e6, 400)])
WIDE = np.unique(np.concatenate([WIDE, np.linspace(-10, 10, 2001), [-np.inf, np.inf]]))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_properties_agree_with_a_numerical_check(name):
    act = activations.get(name)
    y, d = act(WIDE), act.derivative(WIDE)
    assert act.bounded == bool(np.isfinite(y).all() and np.abs(y).max() < 1e3)
    assert act.monotonic == bool((np.diff(y[1:-1]) >= 0).all())
    assert act.odd == bool(np.allclose(act(-WIDE), -y, rtol=1e-15, atol=0))
    ends = np.abs(act.derivative(np.array([-1e8, 1e8])))
    assert act.saturating == bool(ends[0] < 1e-12 and ends[1] < 1e-12)  # at both ends
    assert act.saturating == bool(d[0] == 0 and d[-1] == 0)
    assert act.saturating == (act.saturation == "both")
    # C1: neither the function nor its derivative jumps at any of the candidate kinks
    kinks = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0])
    eps = 1e-9
    jump_f = np.abs(act(kinks + eps) - act(kinks - eps)).max()
    jump_d = np.abs(act.derivative(kinks + eps) - act.derivative(kinks - eps)).max()
    assert act.smooth == bool(jump_f < 1e-6 and jump_d < 1e-6)


INTERVAL = re.compile(r"^([\[(])(-?[\d.]+|-\\infty), (-?[\d.]+|\\infty)([\])])$")


def parse_bound(text):
    return float(text.replace("\\infty", "inf"))


FINE = np.linspace(-40.0, 40.0, 800_001)  # step 1e-4: the minima below are found to ~1e-9


def approx_minimum(act, beta=1.0):
    """The minimum the range states (``[\\approx m/\\beta, \\infty)``) against the computed one."""
    stated = float(re.search(r"approx (-[\d.]+)", act.output_range)[1]) / beta
    y = act(FINE, beta=beta) if beta != 1.0 else act(FINE)
    assert abs(y.min() - stated) < 5e-5  # stated to 4 decimals
    assert act(WIDE[1:-1], **({"beta": beta} if beta != 1.0 else {})).min() >= y.min() - 1e-12


def open_floor(act, floor, **params):
    """Range ``(floor, inf)``: never reached, but approached (the infimum, not just a bound)."""
    assert act(WIDE[1:-1], **params).min() >= floor  # far out it rounds to the floor itself
    assert floor < act(-20.0, **params)  # not reached ...
    assert act(-200.0, **params) - floor <= 1e-12  # ... but approached
    assert act(-np.inf, **params) == floor  # the limit, at -inf


def in_set(act):  # {0, 1}
    assert set(np.unique(act(WIDE[1:-1])).tolist()) == {0.0, 1.0}


def shrunk(act, lambd=0.5):  # (-inf, -lambda) U {0} U (lambda, inf)
    y = act(FINE, lambd=lambd)
    assert ((y == 0) | (np.abs(y) > lambd)).all() and (y == 0).any() and (np.abs(y) > lambd).any()


SELU_FLOOR = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717
IRREGULAR_RANGES = {
    "step": in_set,
    "elu": lambda act: (open_floor(act, -1.0), open_floor(act, -0.5, alpha=0.5)),
    "celu": lambda act: (open_floor(act, -1.0), open_floor(act, -2.0, alpha=2.0)),
    "selu": lambda act: open_floor(act, SELU_FLOOR),
    "swish": lambda act: (approx_minimum(act), approx_minimum(act, beta=2.0)),
    "silu": approx_minimum,
    "gelu": approx_minimum,
    "mish": approx_minimum,
    "hardshrink": lambda act: (shrunk(act), shrunk(act, lambd=2.0)),
}


@pytest.mark.parametrize("name", NAMES)
def test_outputs_lie_in_the_stated_range(name):
    act = activations.get(name)
    match = INTERVAL.match(act.output_range)
    x = np.random.default_rng(1).normal(0, 10, (50, 8))
    y = act(x) if act.vector_valued else act(WIDE[1:-1])
    if match is None:  # a range with a parameter, a set or an approximate minimum
        assert name in IRREGULAR_RANGES, f"{name}: no check for the range {act.output_range}"
        IRREGULAR_RANGES[name](act)
        return
    lo, hi = parse_bound(match[2]), parse_bound(match[3])
    assert lo <= y.min() and y.max() <= hi
    assert not (np.isinf(lo) and np.isinf(hi) and act.bounded)


# ------------------------------------------------------------------ edge cases and limits

LIMITS = {  # (f(-inf), f(inf)), (f'(-inf), f'(inf))
    "step": ((0, 1), (0, 0)),
    "linear": ((-np.inf, np.inf), (1, 1)),
    "sigmoid": ((0, 1), (0, 0)),
    "tanh": ((-1, 1), (0, 0)),
    "relu": ((0, np.inf), (0, 1)),
    "leaky_relu": ((-np.inf, np.inf), (0.01, 1)),
    "prelu": ((-np.inf, np.inf), (0.25, 1)),
    "elu": ((-1, np.inf), (0, 1)),
    "swish": ((0, np.inf), (0, 1)),
    "silu": ((0, np.inf), (0, 1)),
    "gelu": ((0, np.inf), (0, 1)),
    "softplus": ((0, np.inf), (0, 1)),
    "selu": ((-LAMBDA_ALPHA, np.inf), (0, 1.0507009873554805)),
    "celu": ((-1, np.inf), (0, 1)),
    "mish": ((0, np.inf), (0, 1)),
    "relu6": ((0, 6), (0, 0)),
    "hardtanh": ((-1, 1), (0, 0)),
    "hardsigmoid": ((0, 1), (0, 0)),
    "hardswish": ((0, np.inf), (0, 1)),
    "softsign": ((-1, 1), (0, 0)),
    "logsigmoid": ((-np.inf, 0), (1, 0)),
    "tanhshrink": ((-np.inf, np.inf), (1, 1)),
    "hardshrink": ((-np.inf, np.inf), (1, 1)),
    "softshrink": ((-np.inf, np.inf), (1, 1)),
    "rrelu": ((-np.inf, np.inf), (11 / 48, 1)),
    "threshold": ((0, np.inf), (0, 1)),
    "squareplus": ((0, np.inf), (0, 1)),
    "sparse_plus": ((0, np.inf), (0, 1)),
    "sparse_sigmoid": ((0, 1), (0, 0)),
}


def test_every_elementwise_activation_has_its_limits_listed():
    assert set(LIMITS) == set(ELEMENTWISE)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_exact_limits_at_infinity(name):
    act = activations.get(name)
    (lo, hi), (dlo, dhi) = LIMITS[name]
    ends = np.array([-np.inf, np.inf])
    assert act(ends).tolist() == [lo, hi]
    assert act.derivative(ends).tolist() == [dlo, dhi]
    # and the largest finite inputs are on their way there, without overflow
    assert np.isfinite(act(np.array([-BIG, BIG]))[np.isfinite([lo, hi])]).all()


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_nan_gives_nan_and_nothing_else(case):
    name, params = case
    act = activations.get(name)
    x = np.linspace(-60.0, 60.0, 55)
    x[[0, 17, 27, 54]] = np.nan
    y, d = act(x, **params), act.derivative(x, **params)
    assert (np.isnan(y) == np.isnan(x)).all() and (np.isnan(d) == np.isnan(x)).all()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_no_warning_for_any_input(case, dtype):
    name, params = case
    act = activations.get(name)
    with np.errstate(over="ignore"):
        x = EXTREMES.astype(dtype)
    params = {k: (v[: x.size] if np.ndim(v) else v) for k, v in params.items()}
    if np.ndim(params.get("alpha", params.get("beta", 0))):
        x = np.resize(x, 55)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        y, d = act(x, **params), act.derivative(x, **params)
    assert y.dtype == dtype and d.dtype == dtype
    assert not np.isnan(y[~np.isnan(x)]).any() and not np.isnan(d[~np.isnan(x)]).any()


def test_swish_and_mish_keep_the_digits_of_tiny_outputs():
    # x * e**x with x = -720 is 1.4e-310: a subnormal number, not 0 and not x times a rounded
    # subnormal (which would be off in its 9th digit)
    x = np.array([-720.0, -740.0, -750.0])
    want = np.array([-1.46320617774547e-310, -3.09967e-319, -1.5e-323])  # from mpmath
    for name in ("swish", "silu", "mish"):
        assert activations.get(name)(x).tolist() == want.tolist()
    assert activations.sigmoid(-740.0) == 4.2e-322


def test_hardswish_derivative_at_its_kinks_is_pytorchs():
    # PyTorch uses (2x + 3)/6 on the closed interval [-3, 3]
    d = activations.hardswish.derivative(np.array([-3.0, -1.5, 3.0]))
    assert d.tolist() == [-0.5, 0.0, 1.5]


@pytest.mark.parametrize(
    "name, at_kinks",
    [
        ("relu", {0.0: 0.0}),
        ("leaky_relu", {0.0: 0.01}),
        ("prelu", {0.0: 0.25}),
        ("elu", {0.0: 1.0}),
        ("selu", {0.0: LAMBDA_ALPHA}),
        ("celu", {0.0: 1.0}),
        ("relu6", {0.0: 0.0, 6.0: 0.0}),
        ("hardtanh", {-1.0: 0.0, 1.0: 0.0}),
        ("hardsigmoid", {-3.0: 0.0, 3.0: 0.0}),
        ("hardshrink", {-0.5: 0.0, 0.5: 0.0}),
        ("softshrink", {-0.5: 0.0, 0.5: 0.0}),
        ("step", {0.0: 0.0}),
    ],
)
def test_derivative_at_kinks_is_what_autograd_reports(name, at_kinks):
    x = np.array(list(at_kinks))
    assert activations.get(name).derivative(x).tolist() == list(at_kinks.values())


def test_elu_derivative_at_zero_is_alpha_as_in_pytorch():
    assert activations.elu.derivative(0.0, alpha=0.5) == 0.5
    assert activations.celu.derivative(0.0, alpha=0.5) == 1.0


def test_softplus_is_exact_where_pytorch_switches_to_x():
    # PyTorch returns x for beta*x > 20; the exact value differs from x by e**-20/beta
    x = np.array([21.0, 25.0, 30.0])
    assert activations.softplus(x).tolist() == (x + np.exp(-x)).tolist()
    assert (activations.softplus(x) > x).all()
    assert activations.softplus(1.0, beta=30.0) == 1 + np.exp(-30.0) / 30.0


def test_tanhshrink_near_zero_is_the_cubic():
    x = np.array([1e-100, 1e-8, -1e-3])
    cubic = x**3 / 3 - 2 * x**5 / 15 + 17 * x**7 / 315
    np.testing.assert_allclose(activations.tanhshrink(x), cubic, rtol=1e-15)


def test_prelu_takes_one_slope_per_unit():
    x = np.array([[-2.0, -2.0, 3.0], [1.0, -1.0, -4.0]])
    alpha = np.array([0.1, 0.5, 0.0])
    assert activations.prelu(x, alpha=alpha).tolist() == [[-0.2, -1.0, 3.0], [1.0, -0.5, -0.0]]
    assert activations.prelu.derivative(x, alpha=alpha).tolist() == [
        [0.1, 0.5, 1.0],
        [1.0, 0.5, 0.0],
    ]
    assert activations.prelu(np.array([-np.inf, np.inf]), alpha=np.array([0.0, 0.0])).tolist() == [
        0.0,
        np.inf,
    ]


def test_swish_takes_a_beta_per_unit():
    x = np.array([[-1.0, 2.0], [3.0, -4.0]])
    beta = np.array([0.0, 2.0])
    want = np.array([[-0.5, 2 / (1 + np.exp(-4.0))], [1.5, -4 / (1 + np.exp(8.0))]])
    np.testing.assert_allclose(activations.swish(x, beta=beta), want, rtol=1e-15)
    assert activations.swish(np.array([-np.inf, np.inf]), beta=0.0).tolist() == [-np.inf, np.inf]


# ---------------------------------------------------------------------- softmax, log_softmax


def test_softmax_rows_are_distributions_and_log_softmax_is_their_log():
    x = np.random.default_rng(0).normal(0, 5, (4, 3, 7))
    y = activations.softmax(x)
    assert y.shape == x.shape and (y > 0).all()
    np.testing.assert_allclose(y.sum(axis=-1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(np.exp(activations.log_softmax(x)), y, rtol=1e-14)


def test_softmax_shift_invariance_and_extreme_scores():
    x = np.array([1.0, 2.0, 3.0])
    for shift in (-1e3, 1e3):
        np.testing.assert_allclose(activations.softmax(x + shift), activations.softmax(x))
    assert activations.softmax(x + 1e300).tolist() == [1 / 3] * 3  # x + 1e300 is 1e300 thrice
    assert activations.softmax(np.array([1e308, -1e308])).tolist() == [1.0, 0.0]
    assert activations.log_softmax(np.array([0.0, -1e308])).tolist() == [0.0, -1e308]


def test_softmax_infinities_share_the_mass():
    sm, lsm = activations.softmax, activations.log_softmax
    assert sm(np.array([np.inf, 1.0, np.inf, -np.inf])).tolist() == [0.5, 0.0, 0.5, 0.0]
    assert sm(np.array([-np.inf, -np.inf])).tolist() == [0.5, 0.5]
    assert sm(np.array([3.0, -np.inf])).tolist() == [1.0, 0.0]
    assert lsm(np.array([np.inf, 1.0, np.inf])).tolist() == [-np.log(2), -np.inf, -np.log(2)]
    # log1p(2), as the all -inf row computes it, is within 1 ulp of log(3) (libm-dependent)
    np.testing.assert_array_max_ulp(lsm(np.array([-np.inf] * 3)), np.full(3, -np.log(3)), 1)
    jac = sm.derivative(np.array([np.inf, 0.0]))
    assert jac.tolist() == [[0.0, -0.0], [-0.0, 0.0]]


def test_a_row_with_nan_is_all_nan_and_other_rows_are_untouched():
    x = np.array([[1.0, np.nan, 2.0], [1.0, 2.0, 3.0], [np.nan, np.inf, 0.0]])
    for name in NORMALISING:
        act = activations.get(name)
        y, jac = act(x), act.derivative(x)
        assert np.isnan(y[[0, 2]]).all() and np.isnan(jac[[0, 2]]).all()
        assert np.isfinite(y[1]).all() and np.isfinite(jac[1]).all()


@pytest.mark.parametrize("name", NORMALISING)
def test_vector_valued_shapes(name):
    act = activations.get(name)
    assert act(np.zeros((2, 3, 4))).shape == (2, 3, 4)
    assert act.derivative(np.zeros((2, 3, 4))).shape == (2, 3, 4, 4)
    half = [[-np.log(2)] * 2] if name == "log_softmax" else [[0.5, 0.5]]
    assert act([[0.0, 0.0]]).tolist() == half
    assert act(np.zeros((3, 0))).shape == (3, 0)
    assert act.derivative(np.zeros((3, 0))).shape == (3, 0, 0)
    with pytest.raises(ValueError, match=f"{name}: needs an array with at least one axis"):
        act(1.0)
    for size in ((30, 20), (600, 200)):  # one block, several blocks
        x = np.random.default_rng(2).normal(0, 3, size)
        # (sums over a strided axis are added in another order: equal to the last few bits)
        close = functools.partial(np.testing.assert_allclose, rtol=1e-14, atol=1e-300)
        close(act(x.T), act(np.ascontiguousarray(x.T)))
        close(act(x)[5], act(x[5]))
        close(act.derivative(x[:4, ::3]), act.derivative(x[:4, ::3].copy()))
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        rows = np.resize(EXTREMES, (5, 11))
        pairs = np.array([[BIG, -BIG], [1e308, -1e308], [-BIG, -BIG], [5e-324, -1e308]])
        for x in (rows, pairs, EXTREMES[:, None]):
            act(x), act.derivative(x)


# ------------------------------------------------------------------- inputs, dtypes, shapes


@pytest.mark.parametrize("name", NAMES)
def test_dtypes_are_preserved(name):
    act = activations.get(name)
    for dtype in (np.float16, np.float32, np.float64):
        x = np.linspace(-3, 3, 12, dtype=dtype).reshape(3, 4)
        assert act(x).dtype == dtype and act.derivative(x).dtype == dtype
    for x in (  # an even last axis, for the gated units
        [[-1, 0, 2, 3]],
        np.array([[-1, 0, 2, 1]], dtype=np.int8),
        np.array([[5, 7]], dtype=np.uint64),
    ):
        assert act(x).dtype == np.float64 and act.derivative(x).dtype == np.float64


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_scalars_give_numpy_scalars_and_arrays_keep_their_shape(name):
    act = activations.get(name)
    for x in (0.5, 2, np.float64(0.5), np.array(0.5)):
        y = act(x)
        assert isinstance(y, np.float64) and np.ndim(y) == 0
        assert isinstance(act.derivative(x), np.float64)
    assert isinstance(act(np.float32(0.5)), np.float32)
    for shape in ((0,), (3,), (2, 3), (2, 1, 4)):
        x = np.full(shape, 0.5)
        assert act(x).shape == shape and act.derivative(x).shape == shape
    for size in ((30, 20), (300, 250)):  # one block, several blocks
        big = np.random.default_rng(0).normal(0, 2, size)
        np.testing.assert_array_equal(act(big.T), act(big).T)  # non-contiguous views
        np.testing.assert_array_equal(act.derivative(big[:, ::2]), act.derivative(big)[:, ::2])
        np.testing.assert_array_equal(act(big)[7], act(big[7]))
        swapped = big.astype(big.dtype.newbyteorder())  # big-endian on this machine
        np.testing.assert_array_equal(act(swapped), act(big))


@pytest.mark.parametrize("name", NAMES)
def test_input_is_never_modified_nor_returned(name):
    act = activations.get(name)
    x = np.linspace(-5, 5, 12).reshape(3, 4)
    before = x.copy()
    y, d = act(x), act.derivative(x)
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(y, x) and not np.shares_memory(d, x)


BAD_INPUTS = [
    ("a string", "0.5", r"expected real numbers.*got str"),
    ("None", None, r"expected real numbers.*got NoneType"),
    ("a complex number", 1 + 2j, r"got an array of dtype complex128"),
    ("complex array", np.array([1j]), r"got an array of dtype complex128"),
    ("an object array", np.array([1.0, None], dtype=object), r"dtype object"),
    ("a list with None", [1.0, None], r"dtype object"),
    ("a ragged list", [[1.0], [1.0, 2.0]], r"could not read list"),
    ("strings", np.array(["1.0"]), r"dtype <U3"),
    ("dates", np.array(["2024-01-01"], dtype="datetime64[D]"), r"dtype datetime64"),
    ("a datetime", datetime.datetime(2024, 1, 1), r"dtype object"),
    ("durations", np.array([1], dtype="timedelta64[s]"), r"dtype timedelta64"),
    ("a bool", True, r"booleans are refused"),
    ("bools", np.array([True, False]), r"booleans are refused"),
    ("a masked array", np.ma.masked_array([1.0, 2.0], mask=[0, 1]), r"masked arrays are refused"),
    ("an object array of ints", np.array([10**30], dtype=object), r"dtype object"),
    ("an object array of a huge int", np.array([10**400], dtype=object), r"dtype object"),
    ("a bool beside a big int", [True, 10**30], r"booleans are refused"),
    ("a bool in a list", [True, 2.0], r"booleans are refused"),
    ("a bool in a tuple of ints", (1, False), r"booleans are refused"),
    ("a NumPy bool in a nested list", [[1.0], [np.True_]], r"booleans are refused"),
    ("bool arrays in a list", [np.array([True]), np.array([2.0])], r"booleans are refused"),
    ("an object array holding a bool", np.array([True, 1.0], dtype=object), r"dtype object"),
    ("bytes", b"1", r"got bytes"),
]
if np.dtype(np.longdouble) != np.dtype(np.float64):
    BAD_INPUTS.append(("long double", np.array([1.0], dtype=np.longdouble), r"dtype float128"))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("what, x, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_refused_with_a_message_naming_the_activation(name, what, x, message):
    act = activations.get(name)
    for fn in (act, act.derivative):
        with pytest.raises(TypeError, match=rf"^{name}: .*{message}"):
            fn(x)


# Python ints past float64's largest value (2**1024 - 2**970 and up round to inf): NumPy makes an
# object array of them, and they were once refused as "dtype object", although ints are accepted.
TOO_LARGE = [
    ("a huge int", 10**400, ""),
    ("a huge negative int", -(10**400), ""),
    ("the first int that rounds to inf", 2**1024 - 2**970, ""),
    ("a list with a huge int", [1, 10**400], " at index 1"),
    ("a nested list", [[0.5, 1], [2, -(2**1024)]], r" at index \(1, 1\)"),
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("what, x, where", TOO_LARGE, ids=[t[0] for t in TOO_LARGE])
def test_an_int_too_large_for_float64_is_refused_as_such(name, what, x, where):
    act = activations.get(name)
    message = rf"^{name}: the integer{where} is too large for float64, whose largest finite"
    for fn in (act, act.derivative):
        with pytest.raises(ValueError, match=message):
            fn(x)


@pytest.mark.parametrize("name", NAMES)
def test_ints_beyond_64_bits_but_within_float64_are_rounded_to_float64(name):
    act = activations.get(name)
    big = [[10**30, -(10**30), 2**1024 - 2**970 - 1, 1.5, -(10**19), 2]]  # NumPy: object array
    as_floats = np.array([[1e30, -1e30, BIG, 1.5, -1e19, 2.0]])
    for fn in (act, act.derivative):
        y = fn(big)
        assert y.dtype == np.float64
        np.testing.assert_array_equal(y, fn(as_floats))  # same shape, same values
    if not act.vector_valued:
        assert act(10**30) == act(1e30) and isinstance(act(10**30), np.float64)


@pytest.mark.parametrize("name", NAMES)
def test_unknown_or_positional_parameters_are_refused(name):
    act = activations.get(name)
    accepted = ", ".join(act.params) if act.params else "no parameters"
    for fn in (act, act.derivative):
        with pytest.raises(TypeError, match=rf"^{name}: unknown parameter 'alhpa'; {name} accepts"):
            fn([1.0], alhpa=0.1)
        with pytest.raises(TypeError, match=re.escape(f"{name} accepts {accepted}")):
            fn([1.0], alhpa=0.1)
        with pytest.raises(TypeError, match=rf"^{name}: parameters are keyword-only"):
            fn([1.0], 0.1)


BAD_PARAMS = [
    ("leaky_relu", {"alpha": "0.1"}, TypeError, "parameter alpha must be a real number"),
    ("leaky_relu", {"alpha": True}, TypeError, "parameter alpha must be a real number"),
    ("leaky_relu", {"alpha": np.nan}, ValueError, "alpha must be finite"),
    ("leaky_relu", {"alpha": 10**400}, ValueError, "alpha is too large for float64"),
    ("leaky_relu", {"alpha": [0.1]}, TypeError, "must be a real number"),
    ("prelu", {"alpha": np.array([0.1, 0.2])}, ValueError, r"shape \(2,\) does not broadcast"),
    ("prelu", {"alpha": np.ones((4, 2, 3))}, ValueError, "does not broadcast to the input's"),
    ("prelu", {"alpha": np.array([0.1, np.inf, 0.2])}, ValueError, "alpha must be finite"),
    ("prelu", {"alpha": np.array(["a", "b", "c"])}, TypeError, "must be a real number or"),
    ("prelu", {"alpha": np.array([True, False, True])}, TypeError, "must be a real number or"),
    ("prelu", {"alpha": [0.1, True, 0.2]}, TypeError, "must be a real number or .*not booleans"),
    ("swish", {"beta": [[1.0], [np.True_]]}, TypeError, "must be a real number or .*not bool"),
    ("elu", {"alpha": -1.0}, ValueError, "alpha must be >= 0"),
    ("celu", {"alpha": 0.0}, ValueError, "alpha must be > 0"),
    ("swish", {"beta": np.inf}, ValueError, "beta must be finite"),
    ("swish", {"beta": np.array([1.0, np.nan, 1.0])}, ValueError, "beta must be finite"),
    ("softplus", {"beta": 0.0}, ValueError, "beta must be > 0"),
    ("softplus", {"beta": -1.0}, ValueError, "beta must be > 0"),
    ("hardtanh", {"min_val": 1.0, "max_val": 1.0}, ValueError, "min_val must be < max_val"),
    ("hardtanh", {"min_val": 2.0}, ValueError, "min_val must be < max_val"),
    ("hardshrink", {"lambd": -0.1}, ValueError, "lambd must be >= 0"),
    ("softshrink", {"lambd": np.inf}, ValueError, "lambd must be finite"),
    ("gelu", {"approximate": "fast"}, ValueError, "approximate must be 'none' or 'tanh'"),
    ("gelu", {"approximate": None}, ValueError, "approximate must be 'none' or 'tanh'"),
    ("rrelu", {"lower": 0.5, "upper": 0.25}, ValueError, "lower must be <= upper"),
    ("rrelu", {"upper": np.inf}, ValueError, "upper must be finite"),
    ("rrelu", {"rng": 1.5}, TypeError, "rng must be None or a non-negative integer"),
    ("rrelu", {"rng": -1}, ValueError, "rng must be None or a non-negative integer"),
    ("threshold", {"value": np.nan}, ValueError, "value must be finite"),
    ("threshold", {"threshold": "1"}, TypeError, "threshold must be a real number"),
    ("squareplus", {"b": 0.0}, ValueError, "b must be > 0"),
    ("squareplus", {"b": -4.0}, ValueError, "b must be > 0"),
]


@pytest.mark.parametrize("name, params, error, message", BAD_PARAMS)
def test_parameters_outside_their_domain_are_refused(name, params, error, message):
    act = activations.get(name)
    x = np.ones((2, 3))
    for fn in (act, act.derivative):
        with pytest.raises(error, match=rf"^{name}: .*{message}"):
            fn(x, **params)


def test_rrelu_draws_one_slope_per_negative_entry_in_training():
    act = activations.get("rrelu")
    x = -np.linspace(0.5, 3.0, 200)
    y, d = act(x, rng=7), act.derivative(x, rng=7)
    slopes = y / x
    assert ((1 / 8 <= slopes) & (slopes <= 1 / 3)).all() and np.unique(slopes).size > 150
    np.testing.assert_allclose(d, slopes, rtol=1e-15)  # the same seed, the same draws
    assert not np.array_equal(act(x, rng=8), y)
    gen = np.random.default_rng(7)
    assert np.array_equal(act(x, rng=gen), y)  # a Generator in the same state as the seed
    assert (act(-x, rng=7) == -x).all()  # positive inputs pass unchanged
    # evaluation: the mean slope, as PyTorch's training=False
    assert act(-2.0) == -2.0 * (1 / 8 + 1 / 3) / 2


# ------------------------------------------------------------------ gated units (issue 21)

GATES = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu"}


@pytest.mark.parametrize("name", GATED)
def test_gated_unit_is_the_value_half_times_the_gate_of_the_other(name):
    act, gate = activations.get(name), activations.get(GATES[name])
    x = np.random.default_rng(4).normal(0, 3, (5, 3, 8))
    a, b = x[..., :4], x[..., 4:]
    np.testing.assert_array_equal(act(x), a * gate(b))
    jac = act.derivative(x)
    assert jac.shape == (5, 3, 4, 8)
    i = np.arange(4)
    np.testing.assert_array_equal(jac[..., i, i], gate(b))
    np.testing.assert_array_equal(jac[..., i, 4 + i], a * gate.derivative(b))
    off = jac.copy()
    off[..., i, i] = off[..., i, 4 + i] = 0
    assert not off.any()
    g = np.random.default_rng(5).normal(0, 1, (5, 3, 4))
    np.testing.assert_allclose(act.vjp(x, g), np.einsum("...i,...ij->...j", g, jac), rtol=1e-15)
    assert act(np.zeros((3, 0))).shape == (3, 0) and act.derivative(np.zeros((3, 0))).shape == (
        3, 0, 0)  # fmt: skip


@pytest.mark.parametrize("name", GATED)
def test_gated_unit_refuses_an_odd_last_axis_and_a_scalar(name):
    act = activations.get(name)
    odd = rf"^{name}: the last axis must have even length \(a value half and a gate half\), got"
    for fn in (act, act.derivative, lambda x: act.vjp(x, np.ones((2, 1)))):
        with pytest.raises(ValueError, match=odd + r" length 3 in shape \(2, 3\)"):
            fn(np.ones((2, 3)))
        with pytest.raises(ValueError, match=rf"^{name}: needs an array with at least one axis"):
            fn(1.0)
    with pytest.raises(ValueError, match=rf"^{name}.vjp: g must have the shape of the output, "
                       r"\(2, 2\), got \(2, 4\)"):  # fmt: skip
        act.vjp(np.ones((2, 4)), np.ones((2, 4)))
    with pytest.raises(TypeError, match=rf"^{name}.vjp \(g\): booleans are refused"):
        act.vjp(np.ones((2, 4)), np.ones((2, 2), bool))


@pytest.mark.parametrize("name", GATED)
def test_gated_unit_nan_stays_in_its_own_entry_and_extremes_raise_no_warning(name):
    act = activations.get(name)
    x = np.array([[np.nan, 1.0, 2.0, 0.5], [1.0, 2.0, 0.5, np.nan], [1.0, 2.0, 0.5, 3.0]])
    y, d, v = act(x), act.derivative(x), act.vjp(x, np.ones((3, 2)))
    assert np.isnan(y).tolist() == [[True, False], [False, True], [False, False]]
    # dL/da_i = g_i g(b_i) does not involve a_i: a NaN value leaves its own gradient a number
    assert np.isnan(v).tolist() == [[False, False, True, False], [False, True, False, True],
                                    [False] * 4]  # fmt: skip
    assert np.isnan(d[0, 0]).any() and not np.isnan(d[0, 1]).any() and not np.isnan(d[2]).any()
    n = EXTREMES.size
    pairs = np.concatenate([np.repeat(EXTREMES, n), np.tile(EXTREMES, n)]).reshape(1, -1)
    for dtype in (np.float16, np.float32, np.float64):
        with np.errstate(over="ignore", under="ignore"):
            x = pairs.astype(dtype)
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            y, d = act(x), act.derivative(x)
            v = act.vjp(x, np.ones((1, n * n), dtype))
        assert y.dtype == d.dtype == v.dtype == dtype
        finite = np.isfinite(x[0, : n * n]) & np.isfinite(x[0, n * n :])
        assert not np.isnan(y[0, finite]).any()  # finite pairs give a number (maybe +-inf)


def test_gated_units_are_what_the_papers_define():
    x = np.array([[2.0, -1.0, 0.0, 1.0]])  # a = [2, -1], b = [0, 1]
    s1 = 1 / (1 + np.exp(-1.0))
    np.testing.assert_allclose(activations.glu(x), [[1.0, -s1]], rtol=1e-15)
    np.testing.assert_allclose(activations.reglu(x), [[0.0, -1.0]], rtol=1e-15)
    np.testing.assert_allclose(activations.swiglu(x), [[0.0, -s1]], rtol=1e-15)
    assert activations.get("glu").torch == "torch.nn.functional.glu"
    assert activations.get("glu").reference == "dauphin2017language"
    assert {activations.get(n).reference for n in GATED[1:]} == {"shazeer2020glu"}


@pytest.mark.parametrize("name", NAMES)
def test_vjp_is_the_gradient_times_the_jacobian(name):
    """``act.vjp`` exists for every entry: g * f'(x) elementwise, g J for the vector-valued."""
    act = activations.get(name)
    x = np.random.default_rng(6).normal(0, 2, (3, 6))
    y = act(x)
    g = np.random.default_rng(7).normal(0, 1, y.shape)
    d = act.derivative(x)
    want = np.einsum("...i,...ij->...j", g, d) if act.vector_valued else g * d
    np.testing.assert_allclose(act.vjp(x, g), want, rtol=1e-13, atol=1e-15)
    assert act.vjp(x.astype(np.float32), g.astype(np.float32)).dtype == np.float32
