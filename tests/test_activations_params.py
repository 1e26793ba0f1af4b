"""Derivatives of activations with respect to their own parameters (PReLU's alpha, Swish's beta...).

Each is checked against mpmath at 50 digits on a grid from the smallest subnormal to the largest
float (1e-12 relative, or 2 units of the smallest subnormal, as in test_activations_accuracy.py),
against central differences in the parameter, at +-inf and NaN, and for dtypes and errors.
The mpmath references are written from the definitions: d/dalpha of min(x, 0) + alpha... is
min(x, 0); of alpha (e^x - 1) is e^x - 1; of alpha (e^(x/alpha) - 1) is -P(2, -x/alpha) (mpmath's
regularised incomplete gamma); of x sigma(beta x) is x^2 sigma(beta x) sigma(-beta x).
"""

import mpmath as mp
import numpy as np
import pytest

from actlab import activations

pytestmark = pytest.mark.filterwarnings("error")  # any warning from an activation fails
BIG = np.finfo(np.float64).max
SUB = np.finfo(np.float64).smallest_subnormal


def _grid():
    mags = np.concatenate(
        [
            np.logspace(-322, 308, 200),
            [BIG, 1e-8, 1e-4, 0.125, 0.5 - 1e-9, 0.5, 0.5 + 1e-9, 1.0, 2.3994, 3.0],
            np.linspace(0.05, 50.0, 200),
            np.linspace(700.0, 760.0, 25),
            [1e150, 1.3e154, 1e155, 1e200],
        ]
    )
    rng = np.random.default_rng(11)
    sample = rng.choice([-1.0, 1.0], 200) * 10.0 ** rng.uniform(-320, 308, 200)
    return np.unique(np.concatenate([mags, -mags, [0.0], sample]))


GRID = _grid()


def sig(t):
    return 1 / (1 + mp.exp(-t))


def negative_part(x, p):
    return min(x, 0)


def elu_alpha(x, p):
    return mp.expm1(x) if x <= 0 else 0


def celu_alpha(x, alpha):
    if x > 0:
        return 0
    u = -x / alpha  # past u = 1000, 1 - P(2, u) = (1 + u) e^-u < 1e-430: P is 1 to any float
    return -1 if u > 1000 else -mp.gammainc(2, 0, u, regularized=True)


def swish_beta(x, beta):
    return x * x * sig(beta * x) * sig(-beta * x)


# (activation, parameter, its value, the reference as a function of (x, value))
CASES = [
    ("prelu", "alpha", 0.25, negative_part),
    ("prelu", "alpha", -2.0, negative_part),
    ("leaky_relu", "alpha", 0.01, negative_part),
    ("elu", "alpha", 1.0, elu_alpha),
    ("elu", "alpha", 0.5, elu_alpha),
    ("celu", "alpha", 1.0, celu_alpha),
    ("celu", "alpha", 0.25, celu_alpha),
    ("celu", "alpha", 3.0, celu_alpha),
    ("celu", "alpha", 1e-300, celu_alpha),
    ("swish", "beta", 1.0, swish_beta),
    ("swish", "beta", 2.0, swish_beta),
    ("swish", "beta", -1.0, swish_beta),
    ("swish", "beta", 0.0, swish_beta),
    ("swish", "beta", 1e-150, swish_beta),  # tiny beta: x^2 / 4 overflows for huge x
]
IDS = [f"{name}-{param}={value:g}" for name, param, value, _ in CASES]


def reference(case):
    _, _, value, ref = case
    with mp.workdps(50):
        return np.array([float(ref(mp.mpf(float(x)), mp.mpf(value))) for x in GRID])


def test_parameters_with_a_derivative():
    have = {n: sorted(activations.get(n).param_grads) for n in activations.names()}
    assert {n: p for n, p in have.items() if p} == {
        "leaky_relu": ["alpha"],
        "prelu": ["alpha"],
        "elu": ["alpha"],
        "swish": ["beta"],
        "celu": ["alpha"],
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_matches_mpmath(case):
    name, param, value, _ = case
    got = activations.get(name).param_derivative(GRID, param, **{param: value})
    want = reference(case)
    assert got.shape == GRID.shape and got.dtype == np.float64
    with np.errstate(invalid="ignore"):  # inf - inf where both are inf
        err = np.where(got == want, 0.0, np.abs(got - want))
    bad = ~(err <= np.maximum(1e-12 * np.abs(want), 2 * SUB))
    assert not bad.any(), list(zip(GRID[bad], got[bad], want[bad], strict=True))[:5]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_limits_at_infinity_and_nan(case):
    name, param, value, _ = case
    got = activations.get(name).param_derivative([-np.inf, np.inf, np.nan], param, **{param: value})
    left = {"prelu": -np.inf, "leaky_relu": -np.inf, "elu": -1.0, "celu": -1.0, "swish": 0.0}
    limits = [left[name], 0.0]
    if name == "swish" and value == 0.0:
        limits = [np.inf, np.inf]  # x^2 / 4
    assert got[0] == limits[0] and got[1] == limits[1] and np.isnan(got[2])


SMOOTH = np.linspace(-6.0, 6.0, 97) + 0.0123  # never on the kink at 0


FD_CASES = [(c, i) for c, i in zip(CASES, IDS, strict=True) if c[2] > 1e-6 or c[0] == "swish"]


@pytest.mark.parametrize("case", [c for c, _ in FD_CASES], ids=[i for _, i in FD_CASES])
def test_matches_central_differences_in_the_parameter(case):
    name, param, value, _ = case
    act, h = activations.get(name), 1e-6
    fd = (act(SMOOTH, **{param: value + h}) - act(SMOOTH, **{param: value - h})) / (2 * h)
    np.testing.assert_allclose(
        act.param_derivative(SMOOTH, param, **{param: value}), fd, rtol=1e-6, atol=1e-9
    )


@pytest.mark.parametrize("name, param", [("prelu", "alpha"), ("swish", "beta")])
def test_one_parameter_per_unit(name, param):
    act = activations.get(name)
    x = np.random.default_rng(0).standard_normal((7, 4)) * 3
    values = np.array([0.1, 0.5, 1.0, 2.0])
    got = act.param_derivative(x, param, **{param: values})
    assert got.shape == (7, 4)
    for j, v in enumerate(values):
        assert np.array_equal(got[:, j], act.param_derivative(x[:, j], param, **{param: v}))
    h = 1e-6  # each column's own value moves only that column
    fd = (act(x, **{param: values + h}) - act(x, **{param: values - h})) / (2 * h)
    np.testing.assert_allclose(got, fd, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
@pytest.mark.parametrize("case", CASES[::3], ids=IDS[::3])
def test_dtype_is_kept(case, dtype):
    name, param, value, _ = case
    x = np.array([-3.0, -0.5, 0.0, 2.0], dtype=dtype)
    got = activations.get(name).param_derivative(x, param, **{param: value})
    want = activations.get(name).param_derivative(x.astype(np.float64), param, **{param: value})
    assert got.dtype == dtype and np.array_equal(got, want.astype(dtype))


def test_scalar_in_scalar_out():
    got = activations.get("swish").param_derivative(2.0, "beta")
    assert isinstance(got, np.float64) and got == pytest.approx(float(swish_beta(mp.mpf(2), 1)))


@pytest.mark.parametrize(
    "name, param, params, error, match",
    [
        ("elu", "beta", {}, ValueError, r"elu takes \['alpha'\], not 'beta'"),
        ("relu", "alpha", {}, ValueError, "relu takes no parameters"),
        ("softplus", "beta", {}, ValueError, "no derivative with respect to 'beta'"),
        ("prelu", 1, {}, TypeError, "name must be a parameter name"),
        ("celu", "alpha", {"alpha": 0.0}, ValueError, "alpha must be > 0"),
        ("elu", "alpha", {"alpha": -1.0}, ValueError, "alpha must be >= 0"),
        ("swish", "beta", {"beta": np.nan}, ValueError, "beta must be finite"),
        ("prelu", "alpha", {"alpha": np.ones(3)}, ValueError, "does not broadcast"),
        ("prelu", "alpha", {"slope": 1.0}, TypeError, "unknown parameter 'slope'"),
    ],
)
def test_bad_input_is_refused(name, param, params, error, match):
    with pytest.raises(error, match=match):
        activations.get(name).param_derivative(np.zeros((2, 2)), param, **params)


def test_booleans_are_refused():
    with pytest.raises(TypeError, match="booleans are refused"):
        activations.get("prelu").param_derivative(np.array([True]), "alpha")


def test_registry_refuses_a_derivative_for_a_parameter_the_function_lacks():
    relu = activations.get("relu")
    with pytest.raises(ValueError, match=r"param_grads names \['alpha'\], not parameters"):
        activations.Activation(
            "x", relu.fn, relu.grad, family="rectifier", latex="", derivative_latex="",
            output_range="", odd=False, monotonic=True, smooth=False, bounded=False,
            saturating=True, value_at_zero=0.0, derivative_at_zero=0.0, reference=None,
            torch=None, jax=None, summary="", param_grads={"alpha": relu.grad},
        )  # fmt: skip


def test_a_registry_entry_is_frozen_its_mappings_included():
    import copy
    import dataclasses
    import pickle

    for name in activations.names():
        act = activations.get(name)
        for mapping in (act.params, act.param_grads):
            with pytest.raises(TypeError, match="does not support item assignment"):
                mapping["alpha"] = 3.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            act.params = {}
        assert copy.copy(act) is act and copy.deepcopy(act) is act
        assert pickle.loads(pickle.dumps(act)) is act
        info = act.info()
        info["params"]["new"] = 1.0  # the table's copy is a plain dict, the registry unchanged
        assert "new" not in act.params
    prelu = activations.get("prelu")
    assert dict(prelu.params) == {"alpha": 0.25} and sorted(prelu.param_grads) == ["alpha"]
    assert prelu([-4.0], alpha=prelu.params["alpha"]).tolist() == [-1.0]
