"""How an :class:`~actlab.nn.MLP` is set up: the starting values of its learned activation
parameters, the options of its weight initialisation, and its flat parameter vector."""

import numpy as np

from .. import activations
from . import _checks
from .init import INIT_OPTIONS

# The activation parameters a network learns with its weights (unless told not to); the others
# (leaky ReLU's alpha, ELU's alpha, ...) stay fixed at their given values.
TRAINABLE = {"prelu": ("alpha",), "swish": ("beta",)}
SHARING = ("unit", "layer")


def views(flat, shapes):
    """Consecutive pieces of the 1-d array ``flat``, reshaped (views, not copies)."""
    out, start = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        out.append(flat[start : start + size].reshape(shape))
        start += size
    return out


def learned_start(net, i):
    """Name -> starting value (shape (units,) or ()) of hidden layer i's trained parameters."""
    name, kw, units = net.activation[i], net.activation_params[i], net.sizes[i + 1]
    if not net.train_activation_params[i]:
        return {}
    start = {}
    for param in TRAINABLE.get(name, ()):
        value = np.asarray(kw.get(param, activations.get(name).params[param]), dtype=float)
        if net.activation_param_sharing[i] == "layer":
            if value.ndim:
                raise ValueError(
                    f"MLP: hidden layer {i} shares one {param} (activation_param_sharing="
                    f"'layer'), so activation_params[{param!r}] must be a number, got an "
                    f"array of shape {value.shape}"
                )
            start[param] = value.copy()
        elif value.ndim and value.shape != (units,):
            raise ValueError(
                f"MLP: activation_params[{param!r}] for hidden layer {i} must be a number or "
                f"an array of shape ({units},), one per unit; got shape {value.shape}"
            )
        else:
            start[param] = np.broadcast_to(value, (units,)).copy()
    return start


def init_options(net, init_scale, init_slope):
    """The keyword arguments of the init scheme, one dict per Dense layer."""
    option, n_dense = INIT_OPTIONS.get(net.init), len(net.sizes) - 1
    for given, name, wanted in ((init_scale, "init_scale", "scale"),
                                (init_slope, "init_slope", "slope")):  # fmt: skip
        if given is not None and option != wanted:
            inits = " or ".join(repr(k) for k, v in INIT_OPTIONS.items() if v == wanted)
            raise ValueError(f"MLP: {name} is for init={inits}, not init={net.init!r}")
    if option == "scale":
        scale = 0.05 if init_scale is None else init_scale
        return [{"scale": _checks.positive_float(scale, "init_scale", "MLP")}] * n_dense
    if option != "slope":
        return [{}] * n_dense
    if init_slope is not None:
        return [{"slope": _checks.real(init_slope, "init_slope", "MLP")}] * n_dense
    slopes = []
    for name, kw in zip(net.activation, net.activation_params, strict=True):
        a = 0.0
        if name in ("prelu", "leaky_relu"):
            a = kw.get("alpha", activations.get(name).params["alpha"])
        if np.ndim(a):
            raise ValueError(
                "MLP: init='he_prelu' needs one slope per layer but activation_params gives "
                "an array of alphas; pass init_slope"
            )
        slopes.append(float(a))
    slopes = [slopes[0], *slopes] if slopes else [0.0]  # each layer: the slope before it
    return [{"slope": a} for a in slopes]
