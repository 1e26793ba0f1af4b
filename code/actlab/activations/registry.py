r"""The registry: one :class:`Activation` per name, each holding its function, its derivative and
what the course says about it.

>>> from actlab import activations
>>> relu = activations.get("relu")
>>> print(relu([-1.0, 0.0, 2.0]), relu.derivative([-1.0, 0.0, 2.0]))
[0. 0. 2.] [0. 0. 1.]
>>> print(relu.latex, "|", relu.output_range, "|", relu.reference)
\max(0, x) | [0, \infty) | nair2010rectified
>>> activations.names()[:4]
['step', 'linear', 'sigmoid', 'tanh']
"""

import dataclasses
import difflib
import inspect
import types
from collections.abc import Callable, Mapping

import numpy as np

# The order in which the course meets them: first the ten of the article the course follows ("When
# we talk about activation functions, what are we talking about? From vanishing gradients to the
# ReLU revolution", in Chinese), then PyTorch's others, then what only JAX or only PyTorch's
# less common functions add.
COURSE_ORDER = (
    "step", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "swish", "softmax",
    "silu", "gelu", "softplus", "selu", "celu", "mish", "relu6", "hardtanh", "hardsigmoid",
    "hardswish", "softsign", "logsigmoid", "tanhshrink", "hardshrink", "softshrink", "log_softmax",
    "rrelu", "threshold", "softmin", "squareplus", "sparse_plus", "sparse_sigmoid",
    "glu", "reglu", "geglu", "swiglu",
)  # fmt: skip
FAMILIES = ("classic", "rectifier", "smooth", "hard", "shrink", "softmax", "gated")
# The module of ``actlab.activations`` that holds each family: its own name, except softmax's,
# so that ``actlab.activations.softmax`` can only mean the activation, never a module.
MODULES = {family: family for family in FAMILIES} | {"softmax": "normalise"}
# How a paper of ``sources`` stands to the function: where it was first proposed, where it was
# taken up widely, or a paper that studied or used it (the safe wording when the first use is
# older or unclear).
ROLES = ("introduced", "popularised", "studied")


@dataclasses.dataclass(frozen=True, eq=False)
class Activation:
    """An activation function with its derivative and its properties (plain data).

    Call it as ``act(x, **params)``; ``act.derivative(x, **params)`` is the elementwise derivative
    (for the vector-valued softmax and log_softmax, the Jacobian over the last axis, of shape
    ``x.shape + x.shape[-1:]`` with ``J[..., i, j] = d y_i / d x_j``; for the gated units, whose
    output is half as wide as their input, of shape ``x.shape[:-1] + (n // 2, n)``).
    ``act.vjp(x, g, **params)`` is the vector-Jacobian product ``g J``: the gradient with
    respect to ``x`` of a loss whose gradient with respect to the output is ``g`` (what
    backpropagation needs, without forming J). At a kink the derivative takes the value
    PyTorch's autograd reports. Properties, stated for the default parameters:

    - ``odd``: ``f(-x) = -f(x)``, so inputs symmetric around 0 give outputs of mean exactly 0
      (zero-centred in the sense of LeCun et al. 1998); sigmoid's outputs are all positive, and
      ELU's negative outputs only move the mean towards 0;
    - ``monotonic``: non-decreasing (for softmax: in each entry's own input);
    - ``smooth``: continuously differentiable (C1) everywhere;
    - ``bounded``: bounded above and below;
    - ``saturating``: the derivative tends to 0 at both ends, the standard meaning (Gulcehre et
      al. 2016; Krizhevsky et al. 2012 call ReLU non-saturating); :attr:`saturation` says which
      end saturates for the others;
    - ``value_at_zero``, ``derivative_at_zero``: numbers (None for the vector-valued ones);
    - ``vector_valued``: a function of the whole last axis (softmax, and the gated units of the
      family "gated", see :attr:`gated`);
    - ``reference``: a key of ``references.bib``, or None where no paper fits: the paper the
      course names first for the function;
    - ``sources``: ``(role, key)`` pairs, oldest first, with a role of ``ROLES``: "introduced"
      only where the paper first proposed it, else "popularised" or "studied";
    - ``torch``, ``jax``: the matching library function, or None;
    - ``use``: when to use it, in one line (the reference card's "when to use it");
    - ``chapter``: the chapter that teaches it (a file name of ``chapters/`` without its
      suffix, such as ``"06_relu"``), or None for those only the reference describes;
    - ``params``: parameter name -> default, read from the function's signature;
    - ``param_grads``: parameter name -> the derivative of the function with respect to that
      parameter, for the parameters that have one (see :meth:`param_derivative`).

    An entry is frozen, its mappings included: ``params`` and ``param_grads`` are read-only
    views (``types.MappingProxyType``), so no caller can change a default for everyone; copy
    one with ``dict(act.params)``. A copy or a pickle of a registered entry is the entry itself.
    """

    name: str
    fn: Callable
    grad: Callable
    family: str
    latex: str
    derivative_latex: str
    output_range: str
    odd: bool
    monotonic: bool
    smooth: bool
    bounded: bool
    saturating: bool
    value_at_zero: float | None
    derivative_at_zero: float | None
    reference: str | None
    torch: str | None
    jax: str | None
    summary: str
    vector_valued: bool = False
    in_article: bool = False
    sources: tuple = ()
    use: str = ""
    chapter: str | None = None
    param_grads: Mapping = dataclasses.field(default_factory=dict, repr=False)
    vjp_fn: Callable | None = dataclasses.field(default=None, repr=False)
    params: Mapping = dataclasses.field(init=False)

    def __post_init__(self):
        if self.family not in FAMILIES:
            raise ValueError(f"{self.name}: unknown family {self.family!r}; one of {FAMILIES}")
        if self.family == "gated" and not (self.vector_valued and self.vjp_fn is not None):
            raise ValueError(f"{self.name}: a gated unit is vector-valued and needs a vjp_fn")
        kernel = getattr(self.fn, "kernel", self.fn)
        params = {
            p.name: p.default
            for p in inspect.signature(kernel).parameters.values()
            if p.kind is p.KEYWORD_ONLY
        }
        object.__setattr__(self, "params", types.MappingProxyType(params))
        object.__setattr__(self, "param_grads", types.MappingProxyType(dict(self.param_grads)))
        for role, key in self.sources:
            if role not in ROLES:
                raise ValueError(f"{self.name}: unknown role {role!r} of {key}; one of {ROLES}")
        unknown = sorted(set(self.param_grads) - set(params))
        if unknown:
            raise ValueError(f"{self.name}: param_grads names {unknown}, not parameters {params}")

    # Frozen, so a copy may be the entry itself; a pickle names the registered entry (read-only
    # mappings cannot be pickled, and a second copy of an entry would compare unequal).
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        if _REGISTRY.get(self.name) is not self:
            raise TypeError(f"{self.name}: only a registered Activation can be pickled")
        return get, (self.name,)

    def __call__(self, x, *args, **params):
        return self.fn(x, *args, **params)

    def derivative(self, x, *args, **params):
        """The derivative at ``x`` (the Jacobian for vector-valued activations)."""
        return self.grad(x, *args, **params)

    def vjp(self, x, g, **params):
        """The vector-Jacobian product at ``x``: ``dL/dx`` for the upstream gradient
        ``g = dL/dy`` (``g`` has the output's shape, ``y = act(x)``).

        Elementwise activations give ``g * f'(x)``; vector-valued ones use their own rule
        (``vjp_fn``) where they have one, else contract ``g`` with the Jacobian.

        >>> from actlab import activations
        >>> print(activations.get("glu").vjp([[1.0, 0.0]], [[2.0]]))
        [[1.  0.5]]
        >>> print(activations.get("relu").vjp([-1.0, 3.0], [5.0, 5.0]))
        [0. 5.]
        """
        if self.vjp_fn is not None:
            return self.vjp_fn(x, g, **params)
        d = self.derivative(x, **params)
        g = np.asarray(g, dtype=np.result_type(d.dtype, np.float16))
        if not self.vector_valued:
            if np.shape(g) != np.shape(d):
                raise ValueError(
                    f"{self.name}.vjp: g must have the output's shape {np.shape(d)}, "
                    f"got {np.shape(g)}"
                )
            return (g * d).astype(d.dtype)
        if g.shape != d.shape[:-1]:
            raise ValueError(
                f"{self.name}.vjp: g must have the output's shape {d.shape[:-1]}, got {g.shape}"
            )
        return np.einsum("...i,...ij->...j", g, d).astype(d.dtype)

    @property
    def gated(self):
        """True for a gated unit (family "gated"): its input's last axis, of even length 2u,
        is a value half and a gate half, and its output has width u."""
        return self.family == "gated"

    def param_derivative(self, x, name, **params):
        """The elementwise derivative at ``x`` with respect to the parameter ``name``.

        It has the shape of ``x`` (a parameter array broadcasts to it); a network that shares
        one parameter between units sums it over those units. ``params`` are the parameter
        values, as for the function itself.

        >>> from actlab import activations
        >>> print(activations.get("prelu").param_derivative([-2.0, 3.0], "alpha", alpha=0.1))
        [-2.  0.]
        """
        if not isinstance(name, str):
            raise TypeError(
                f"{self.name}.param_derivative: name must be a parameter name (a str), "
                f"got {type(name).__name__}"
            )
        if name not in self.param_grads:
            if name in self.params:
                what = f"has no derivative with respect to {name!r}"
            else:
                takes = f"takes {sorted(self.params)}" if self.params else "takes no parameters"
                what = f"{takes}, not {name!r}"
            have = sorted(self.param_grads) or "none"
            where = f"{self.name}.param_derivative"
            raise ValueError(f"{where}: {self.name} {what}; derivatives available: {have}")
        return self.param_grads[name](x, **params)

    @property
    def saturation(self):
        """Which ends the derivative tends to 0 at: "both", "left", "right" or "neither".

        Read from the derivative itself at -1e8 and 1e8 (None for the vector-valued ones), so it
        cannot disagree with the function.

        >>> from actlab import activations
        >>> [activations.get(n).saturation for n in ("sigmoid", "relu", "leaky_relu")]
        ['both', 'left', 'neither']
        """
        if self.vector_valued:
            return None
        ends = abs(self.derivative([-1e8, 1e8])) < 1e-12
        return {(True, True): "both", (True, False): "left", (False, True): "right"}.get(
            (bool(ends[0]), bool(ends[1])), "neither"
        )

    @property
    def doc(self):
        """The docstring of the function: formula, derivative, paper, edge cases, example."""
        return inspect.getdoc(self.fn)

    def info(self):
        """The metadata as a plain dict (everything but the two functions)."""
        skip = ("fn", "grad", "param_grads", "vjp_fn")
        fields = [f.name for f in dataclasses.fields(self) if f.name not in skip]
        info = {name: getattr(self, name) for name in fields}
        info["params"] = dict(self.params)  # a copy: editing the table leaves the registry alone
        info["saturation"] = self.saturation
        return info

    def __repr__(self):
        return f"Activation({self.name!r}, family={self.family!r})"


_REGISTRY: dict[str, Activation] = {}


def register(activation):
    """Add an :class:`Activation` to the registry (its name must be new); return it."""
    if not isinstance(activation, Activation):
        raise TypeError(f"register: expected an Activation, got {type(activation).__name__}")
    if activation.name in _REGISTRY:
        raise ValueError(f"register: an activation named {activation.name!r} already exists")
    _REGISTRY[activation.name] = activation
    return activation


def names():
    """Every registered name, in the order the course meets them."""
    rank = {name: i for i, name in enumerate(COURSE_ORDER)}
    return sorted(_REGISTRY, key=lambda name: rank.get(name, len(rank)))


def get(name):
    """The :class:`Activation` called ``name`` (an Activation passed in is returned as is)."""
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"get: expected an activation name (a str), got {type(name).__name__}")
    try:
        return _REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name.lower().replace("-", "_"), names(), n=3)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        raise ValueError(
            f"unknown activation {name!r}; {hint}known: {', '.join(names())}"
        ) from None


def table():
    """One dict of metadata per activation, in course order (for the appendix's table)."""
    return [_REGISTRY[name].info() for name in names()]
