"""What PyTorch and JAX call each activation, and what they offer that the registry does not.

Plain data for the appendix's table of library names, written from the libraries' documentation
(neither library is a dependency of the course): the activation listings of ``torch.nn`` and
``torch.nn.functional`` in PyTorch's documentation (version ``TORCH_VERSION``) and of ``jax.nn``
in JAX's (``JAX_VERSION``). ``tests/test_activation_libraries.py`` checks that every documented
name is either matched to a registered activation or listed in :data:`NOT_COVERED` with the
reason, and that the registry's ``torch`` and ``jax`` fields agree with this table.

>>> NAMES["hardswish"].jax
('jax.nn.hard_silu', 'jax.nn.hard_swish')
>>> NAMES["glu"].torch, NOT_COVERED["torch.nn.Softmax2d"].split(":")[0]
('torch.nn.functional.glu', 'softmax over the channels of an image (the third axis from the end)')
"""

from typing import NamedTuple

TORCH_VERSION = "2.x (the stable documentation, read in 2026)"
JAX_VERSION = "of 2026 (the latest documentation, whose jax.nn lists log1mexp)"


class Names(NamedTuple):
    """One activation's names: the ``torch.nn`` module, the function, and JAX's function(s)."""

    module: str | None
    torch: str | None
    jax: tuple = ()


_F = "torch.nn.functional."
_J = "jax.nn."

NAMES = {
    "step": Names(None, "torch.heaviside", ("jax.numpy.heaviside",)),
    "linear": Names("torch.nn.Identity", None, (_J + "identity",)),
    "sigmoid": Names("torch.nn.Sigmoid", "torch.sigmoid", (_J + "sigmoid",)),
    "tanh": Names("torch.nn.Tanh", "torch.tanh", (_J + "tanh",)),
    "relu": Names("torch.nn.ReLU", _F + "relu", (_J + "relu",)),
    "leaky_relu": Names("torch.nn.LeakyReLU", _F + "leaky_relu", (_J + "leaky_relu",)),
    "prelu": Names("torch.nn.PReLU", _F + "prelu"),
    "elu": Names("torch.nn.ELU", _F + "elu", (_J + "elu",)),
    "swish": Names(None, _F + "silu", (_J + "swish",)),
    "softmax": Names("torch.nn.Softmax", _F + "softmax", (_J + "softmax",)),
    "silu": Names("torch.nn.SiLU", _F + "silu", (_J + "silu", _J + "swish")),
    "gelu": Names("torch.nn.GELU", _F + "gelu", (_J + "gelu",)),
    "softplus": Names("torch.nn.Softplus", _F + "softplus", (_J + "softplus",)),
    "selu": Names("torch.nn.SELU", _F + "selu", (_J + "selu",)),
    "celu": Names("torch.nn.CELU", _F + "celu", (_J + "celu",)),
    "mish": Names("torch.nn.Mish", _F + "mish", (_J + "mish",)),
    "relu6": Names("torch.nn.ReLU6", _F + "relu6", (_J + "relu6",)),
    "hardtanh": Names("torch.nn.Hardtanh", _F + "hardtanh", (_J + "hard_tanh",)),
    "hardsigmoid": Names("torch.nn.Hardsigmoid", _F + "hardsigmoid", (_J + "hard_sigmoid",)),
    "hardswish": Names("torch.nn.Hardswish", _F + "hardswish",
                       (_J + "hard_silu", _J + "hard_swish")),
    "softsign": Names("torch.nn.Softsign", _F + "softsign", (_J + "soft_sign",)),
    "logsigmoid": Names("torch.nn.LogSigmoid", _F + "logsigmoid", (_J + "log_sigmoid",)),
    "tanhshrink": Names("torch.nn.Tanhshrink", _F + "tanhshrink"),
    "hardshrink": Names("torch.nn.Hardshrink", _F + "hardshrink"),
    "softshrink": Names("torch.nn.Softshrink", _F + "softshrink"),
    "log_softmax": Names("torch.nn.LogSoftmax", _F + "log_softmax", (_J + "log_softmax",)),
    "rrelu": Names("torch.nn.RReLU", _F + "rrelu"),
    "threshold": Names("torch.nn.Threshold", _F + "threshold"),
    "softmin": Names("torch.nn.Softmin", _F + "softmin"),
    "squareplus": Names(None, None, (_J + "squareplus",)),
    "sparse_plus": Names(None, None, (_J + "sparse_plus",)),
    "sparse_sigmoid": Names(None, None, (_J + "sparse_sigmoid",)),
    # The gated units: PyTorch and JAX have GLU only; ReGLU, GEGLU and SwiGLU are written from
    # it in both (e.g. a * F.silu(b) after a.chunk(2, dim=-1)).
    "glu": Names("torch.nn.GLU", _F + "glu", (_J + "glu",)),
    "reglu": Names(None, None),
    "geglu": Names(None, None),
    "swiglu": Names(None, None),
}  # fmt: skip

# Where the libraries differ from each other (or from actlab), as their documentation states it.
DIFFERENCES = {
    "relu": "JAX's documentation states the slope at 0 it uses, 0; PyTorch's states none (its "
    "autograd gives 0, which actlab follows). JAX's own formula, max(x, 0), says nothing at 0.",
    "leaky_relu": "Both call the slope negative_slope (actlab: alpha). JAX's documented formula "
    "takes the identity branch at 0 (x >= 0), so its slope at 0 is 1; PyTorch's and actlab's "
    "is the negative slope.",
    "gelu": "Different defaults: PyTorch's approximate='none' is the exact form; JAX's "
    "approximate=True is the tanh approximation (actlab: approximate='none', as PyTorch).",
    "silu": "JAX's swish is the same function as its silu (no beta).",
    "swish": "Neither library has a beta: PyTorch's silu and JAX's swish are beta = 1 (SiLU).",
    "softplus": "PyTorch's has beta and a threshold (20) above which it returns x; JAX's has "
    "neither.",
    "hardtanh": "PyTorch's takes min_val and max_val and has slope 0 at the two kinks; JAX's has "
    "fixed bounds, and its documented formula puts the kinks in the identity branch.",
    "hardswish": "JAX has two names for it: hard_silu and hard_swish.",
    "prelu": "In PyTorch the slope is a learned weight (nn.PReLU, 0.25 at the start); JAX has "
    "none.",
    "softmax": "PyTorch asks for the axis (dim); JAX's axis defaults to the last.",
    "step": "torch.heaviside and jax.numpy.heaviside take the value at 0 as an argument; "
    "actlab's is 0.",
    "rrelu": "PyTorch's training=True draws the slopes; actlab draws them from rng.",
    "threshold": "PyTorch requires both the threshold and the value; actlab's defaults are 0 "
    "and 0 (ReLU).",
    "squareplus": "JAX's b defaults to 4, as actlab's.",
    "glu": "PyTorch's dim defaults to -1 (the last axis, as actlab's); JAX's axis too. Both "
    "split into the first half (the value) and the second (the gate), as actlab does.",
}

# What the libraries list among their activations and the registry does not hold, and why.
NOT_COVERED = {
    "torch.nn.Softmax2d": "softmax over the channels of an image (the third axis from the end): "
    "the registry's softmax on another axis",
    "torch.nn.MultiheadAttention": "an attention layer, listed among PyTorch's activations but "
    "a layer with weights",
    "torch.nn.AdaptiveLogSoftmaxWithLoss": "an output layer with its loss, for very many classes",
    "jax.nn.logsumexp": "the log of a sum of exponentials: the normaliser of log_softmax",
    "jax.nn.logmeanexp": "the log of a mean of exponentials, a reduction",
    "jax.nn.log1mexp": "log(1 - e^-x), a numerical helper",
    "jax.nn.standardize": "normalisation of an array to mean 0 and variance 1",
    "jax.nn.one_hot": "turns class labels into one-hot vectors",
    "jax.nn.dot_product_attention": "attention, not an activation",
    "jax.nn.scaled_matmul": "a low-precision matrix product",
    "jax.nn.scaled_dot_general": "a low-precision matrix product",
    "jax.nn.get_scaled_dot_general_config": "a configuration helper",
}
