"""Bugs found by probing actlab with bad and extreme inputs; each test failed before its fix.

Also the package's structure: one module per family of activations, and a numeric core that
loads no plotting, widget or notebook library.
"""

import importlib
import itertools
import subprocess
import sys

import numpy as np
import pytest

from actlab import activations, data, experiments, nn
from actlab._seeds import derived_seed
from actlab.activations.registry import FAMILIES, MODULES

# ------------------------------------------------------------------------------------ structure


def test_numeric_core_loads_no_plotting_widget_or_notebook_library():
    code = (
        "import sys\n"
        "import actlab.activations, actlab.nn, actlab.data, actlab.experiments\n"
        "heavy = ('matplotlib', 'ipywidgets', 'IPython', 'sklearn')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", activations.names())
def test_each_activation_lives_in_the_module_of_its_family(name):
    act = activations.get(name)
    assert act.fn.__module__ == f"actlab.activations.{MODULES[act.family]}"
    assert act.grad.__module__ == act.fn.__module__


def test_one_module_per_family_and_the_names_stay_activations():
    assert sorted(MODULES) == sorted(FAMILIES)
    for family in FAMILIES:
        module = importlib.import_module(f"actlab.activations.{MODULES[family]}")
        assert module.__name__.endswith(MODULES[family])
        assert MODULES[family] == family or MODULES[family] not in activations.names()
    # no module hides the activation of the same name, however it is imported
    assert activations.softmax is activations.get("softmax")
    from actlab.activations import softmax

    assert softmax is activations.get("softmax")
    import actlab.activations.normalise as module

    assert module.softmax is activations.get("softmax").fn
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("actlab.activations.softmax")


# ------------------------------------------------------------ extreme parameters, extreme inputs

X_EXTREME = np.array([
    -np.inf, -1.8e308, -1e300, -745.5, -710.0, -40.0, -1.0, -1e-300, -5e-324, -0.0, 0.0, 5e-324,
    1e-300, 1.0, 40.0, 710.0, 745.5, 1e300, 1.8e308, np.inf, np.nan,
])  # fmt: skip
EXTREME = {
    "alpha": [0.0, 5e-324, 1e-300, 0.5, 1.0, 1e300, 1.7e308, -1e300],
    "beta": [5e-324, 1e-320, 1e-300, 1e300, 1.7e308, -1e300],
    "lambd": [0.0, 5e-324, 1e300, 1.7e308],
    "min_val": [-1.7e308, -1.0],
    "max_val": [1.0, 1.7e308],
    "approximate": ["none", "tanh"],
    "lower": [-1e300, 0.0, 1e300],
    "upper": [1.0, 1.7e308],
    "rng": [None, 0],
    "threshold": [-1.7e308, 0.0, 1.7e308],
    "value": [-1.7e308, 0.0, 1.7e308],
    "b": [5e-324, 1e-300, 1.0, 1e300, 1.7e308],
}


def _extreme_cases():
    for name in activations.names():
        act = activations.get(name)
        grids = [[(k, v) for v in EXTREME[k]] for k in act.params]
        for combo in itertools.product(*grids):
            yield name, dict(combo)


@pytest.mark.parametrize(("name", "params"), list(_extreme_cases()))
def test_extreme_parameters_on_extreme_inputs_raise_no_floating_point_error(name, params):
    act = activations.get(name)
    x = X_EXTREME.reshape(1, -1) if act.vector_valued else X_EXTREME
    if act.gated:  # every (value, gate) pair of extremes, the last pair (NaN, NaN)
        n = X_EXTREME.size
        x = np.concatenate([np.repeat(X_EXTREME, n), np.tile(X_EXTREME, n)]).reshape(1, -1)
    try:
        act(0.5 if not act.vector_valued else [0.5, 0.5], **params)
    except ValueError:  # a parameter value the activation refuses (with a message)
        return
    with np.errstate(all="raise"):
        y = act(x, **params)
        d = act.derivative(x, **params)
        grads = [act.param_derivative(x, p, **params) for p in act.param_grads]
        if act.gated:
            assert act.vjp(x, np.ones_like(y)).shape == x.shape
            assert y.shape == (1, x.shape[1] // 2) and d.shape == (1, x.shape[1] // 2, x.shape[1])
            assert np.isnan(y[..., -1]).all()
            return
    assert y.shape == x.shape and d.shape[: x.ndim] == x.shape
    assert all(g.shape == x.shape for g in grads)
    assert np.isnan(y[..., -1]).all()  # NaN propagated


def test_softplus_with_a_tiny_beta_is_inf_without_a_warning():
    with np.errstate(all="raise"):
        assert activations.softplus([1.0, -1.0], beta=1e-320).tolist() == [np.inf, np.inf]


# ------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [bytearray(b"ab"), memoryview(b"ab"), b"ab"])
def test_activations_refuse_byte_buffers(bad):
    with pytest.raises(TypeError, match=f"relu: expected real numbers.*got {type(bad).__name__}"):
        activations.relu(bad)


def test_nn_refuses_boolean_inputs_as_activations_do():
    net = nn.MLP([2, 3, 1], activation="relu", output="linear")
    X = np.array([[True, False], [False, True]])
    with pytest.raises(TypeError, match="MLP.predict: X holds booleans"):
        net.predict(X)
    with pytest.raises(TypeError, match="MLP.fit: y holds booleans"):
        net.fit(X.astype(float), np.array([True, False]), epochs=1, lr=0.1)


def test_params_with_a_triple_names_the_pair_it_wanted():
    net = nn.MLP([2, 3, 1])
    with pytest.raises(ValueError, match=r"MLP.params: params\[0\] must be a pair \(W, b\)"):
        net.params = [(np.zeros((2, 3)), np.zeros(3), 0.0), (np.zeros((3, 1)), np.zeros(1))]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: experiments.compare_activations(None), TypeError,
         "compare_activations: names must be a list"),
        (lambda: experiments.compare_activations([]), ValueError,
         "compare_activations: names is empty"),
        (lambda: experiments.compare_activations(["relu", 3]), TypeError,
         r"compare_activations: names\[1\] is 3"),
        (lambda: experiments.compare_activations(["relu"], seeds=None), TypeError,
         "compare_activations: seeds must be a list"),
        (lambda: experiments.compare_activations(["relu"], seeds=[0, -1]), ValueError,
         r"compare_activations: seeds\[1\] must be None or a non-negative"),
        (lambda: experiments.compare_activations(["relu"], init=[]), TypeError,
         "compare_activations: init must be a scheme name or a dict"),
        (lambda: experiments.compare_activations(["relu"], data_kw={"fractions": "ab"}),
         TypeError, "data.load: fractions must list 3 numbers"),
        (lambda: experiments.time_activations(None), TypeError,
         "time_activations: names must be a list"),
        (lambda: data.split(np.zeros((4, 1)), np.zeros(4), fractions="ab"), TypeError,
         "data.split: fractions must list 2 or 3 numbers"),
        (lambda: data.load("xor", fractions="abc"), TypeError,
         "data.load: fractions must list 3 numbers"),
    ],
)  # fmt: skip
def test_experiments_and_data_name_their_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ----------------------------------------------------------------------------------- seeding


def test_load_splits_with_a_stream_of_its_own():
    d = data.load("xor", seed=5, n=50)
    X, y = data.xor(n=50, seed=5)
    expected = data.split(X, y, seed=derived_seed(5, "split"))
    np.testing.assert_array_equal(d.X_train, expected[0])
    # ... which is not the stream nn.MLP(seed=5) draws its weights from
    weights = int(np.random.SeedSequence(5).spawn(2)[0].generate_state(1)[0])
    assert not np.array_equal(d.X_train, data.split(X, y, seed=weights)[0])


def test_dead_units_names_its_bad_arguments():
    with pytest.raises(TypeError, match="dead_units: net must be an nn.MLP"):
        experiments.dead_units("net", np.zeros((2, 2)))
