"""How an :class:`~actlab.nn.MLP` is set up: its layer sizes and per-layer options checked, the
starting values of its learned activation parameters, the options of its weight initialisation,
and its flat parameter vector.

>>> sizes([2, 16, 1]), per_layer("relu", 2, "activation", str)
([2, 16, 1], ['relu', 'relu'])
"""

import numpy as np

from .. import _validate, activations
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
        return [{"scale": _validate.positive(scale, "init_scale", "MLP")}] * n_dense
    if option != "slope":
        return [{}] * n_dense
    if init_slope is not None:
        return [{"slope": _validate.real(init_slope, "init_slope", "MLP")}] * n_dense
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


def sizes(sizes):
    """Return the layer sizes as a list of ints >= 1, at least two of them."""
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"MLP: sizes must be a list of layer sizes like [2, 16, 1], got {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"MLP: sizes needs at least 2 entries (inputs and outputs), got {sizes}")
    return [_validate.positive_int(s, f"layer size sizes[{i}]", "MLP") for i, s in enumerate(sizes)]


def per_layer(value, count, name, kind):
    """One value for every hidden layer, or a list with one value per hidden layer (``kind``: a
    type or a tuple of types)."""
    if isinstance(value, kind):
        return [value] * count
    if isinstance(value, (list, tuple)) and all(isinstance(v, kind) for v in value):
        if len(value) != count:
            raise ValueError(f"MLP: {name} lists {len(value)} entries for {count} hidden layers")
        return list(value)
    what = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
    raise TypeError(f"MLP: {name} must be a {what} or a list of them, got {value!r}")


def pre_width(act, units):
    """The width of the Dense output feeding a hidden layer of ``units`` outputs: 2 * units for a
    gated unit (a value half and a gate half), else ``units``.

    >>> pre_width(activations.get("swiglu"), 16), pre_width(activations.get("relu"), 16)
    (32, 16)
    """
    return 2 * units if act.gated else units


def hidden_activation(name, kwargs, units=1):
    """The registry's activation ``name``, checked for use in a hidden layer with ``kwargs``."""
    try:
        act = activations.get(name)
    except ValueError as exc:  # unknown name: the registry suggests the closest ones
        raise ValueError(f"MLP: {exc}") from None
    if act.vector_valued and act.vjp_fn is None:
        raise ValueError(
            f"MLP: activation {name!r} is vector-valued (each output mixes all units) and has "
            "no vector-Jacobian product (vjp_fn), so it cannot be a hidden activation"
        )
    unknown = sorted(set(kwargs) - set(act.params))
    if unknown:
        takes = f"takes {sorted(act.params)}" if act.params else "takes no parameters"
        raise TypeError(f"MLP: activation {name!r} {takes}; activation_params has {unknown}")
    try:  # let the activation check its parameter values once, before any training
        act(np.zeros((1, pre_width(act, units))), **kwargs)
    except (TypeError, ValueError) as exc:
        msg = f"MLP: activation {name!r} rejects activation_params {kwargs}: {exc}"
        raise type(exc)(msg) from None
    return act
