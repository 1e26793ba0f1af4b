"""The registry against torch.nn and jax.nn: every activation either library documents is
registered or listed as left out with its reason, and the table of names agrees with the registry.

The documented lists below are copied from the libraries' documentation (the versions in
``actlab.activations.libraries``): PyTorch's ``torch.nn`` "Non-linear activations" (its
``torch/nn/modules/activation.py`` ``__all__``) and JAX's ``jax.nn`` page (activation functions and
other functions). Neither library is installed; a new release that adds one is a new line here.
"""

import pytest

from actlab import activations
from actlab.activations import libraries
from actlab.activations.libraries import NAMES, NOT_COVERED

TORCH_NN = [
    "Threshold", "ReLU", "RReLU", "Hardtanh", "ReLU6", "Sigmoid", "Hardsigmoid", "Tanh", "SiLU",
    "Mish", "Hardswish", "ELU", "CELU", "SELU", "GLU", "GELU", "Hardshrink", "LeakyReLU",
    "LogSigmoid", "Softplus", "Softshrink", "MultiheadAttention", "PReLU", "Softsign",
    "Tanhshrink", "Softmin", "Softmax", "Softmax2d", "LogSoftmax", "AdaptiveLogSoftmaxWithLoss",
]  # fmt: skip
JAX_NN = [
    "relu", "relu6", "sigmoid", "softplus", "sparse_plus", "sparse_sigmoid", "soft_sign", "silu",
    "swish", "log_sigmoid", "leaky_relu", "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh",
    "tanh", "elu", "celu", "selu", "gelu", "glu", "squareplus", "mish", "identity",
    "softmax", "log_softmax", "logmeanexp", "logsumexp", "standardize", "one_hot",
    "dot_product_attention", "scaled_matmul", "get_scaled_dot_general_config",
    "scaled_dot_general", "log1mexp",
]  # fmt: skip
# Documented outside those two lists, and used in the table.
ELSEWHERE = {"torch.nn.Identity", "torch.heaviside", "torch.sigmoid", "torch.tanh",
             "jax.numpy.heaviside"}  # fmt: skip
DOCUMENTED = {f"torch.nn.{n}" for n in TORCH_NN} | {f"jax.nn.{n}" for n in JAX_NN} | ELSEWHERE


def table_names():
    for lib in NAMES.values():
        yield from (n for n in (lib.module, lib.torch, *lib.jax) if n)


def test_every_documented_activation_is_registered_or_left_out_with_a_reason():
    covered = set(table_names()) | set(NOT_COVERED)
    assert sorted(DOCUMENTED - covered) == []
    assert all(why and not why.endswith(".") for why in NOT_COVERED.values())


def test_the_table_names_only_documented_functions():
    torch_functional = {n for n in table_names() if n.startswith("torch.nn.functional.")}
    assert set(table_names()) - torch_functional <= DOCUMENTED
    assert set(NOT_COVERED) <= DOCUMENTED
    # torch.nn.functional's names are the modules', in lower case (and some with underscores)
    for name, lib in NAMES.items():
        if lib.torch and lib.torch.startswith("torch.nn.functional.") and lib.module:
            function = lib.torch.rsplit(".", 1)[1].replace("_", "")
            assert function == lib.module.rsplit(".", 1)[1].lower(), name


def test_the_table_has_one_row_per_activation_and_agrees_with_the_registry():
    assert list(NAMES) == activations.names()
    for name, lib in NAMES.items():
        act = activations.get(name)
        torch_names = {lib.module, lib.torch} - {None}
        assert (act.torch in torch_names) if act.torch else not torch_names, name
        assert (act.jax in lib.jax) if act.jax else not lib.jax, name


def test_the_gated_linear_unit_is_registered_under_both_libraries_names():
    assert "torch.nn.GLU" not in NOT_COVERED and "jax.nn.glu" not in NOT_COVERED
    assert NAMES["glu"] == libraries.Names("torch.nn.GLU", "torch.nn.functional.glu",
                                           ("jax.nn.glu",))  # fmt: skip
    for name in ("reglu", "geglu", "swiglu"):  # written from GLU in both libraries
        assert NAMES[name] == libraries.Names(None, None) and activations.get(name).gated


@pytest.mark.parametrize("name", ["relu", "gelu", "leaky_relu", "hardswish"])
def test_the_documented_differences_are_stated(name):
    assert name in libraries.DIFFERENCES
    assert set(libraries.DIFFERENCES) <= set(NAMES)


def test_the_versions_described_are_stated():
    assert libraries.TORCH_VERSION and libraries.JAX_VERSION
