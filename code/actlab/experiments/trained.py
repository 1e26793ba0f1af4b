"""Measurements of a given (trained or untrained) network: which hidden units are dead.

>>> from actlab import nn
>>> net = nn.MLP([2, 3, 1], activation="relu", output="sigmoid", seed=0)
>>> net.params[0][1][:] = -1e3  # every first-layer unit is pushed below 0 on every input
>>> r = dead_units(net, np.ones((5, 2)))
>>> r.fraction, r.overall
([1.0], 1.0)
"""

import dataclasses

import numpy as np

from .. import _validate, activations, nn


@dataclasses.dataclass(frozen=True)
class DeadUnits:
    """Result of :func:`dead_units`: one entry per hidden layer."""

    fraction: list  # share of the layer's units that are dead on X
    units: list  # the indices of the dead units (int arrays)
    zero_fraction: list  # share of all (example, unit) outputs that are exactly 0 (sparsity)
    widths: list  # units per layer

    @property
    def overall(self):
        """The share of all hidden units that are dead (NaN if there are none)."""
        total = sum(self.widths)
        return sum(len(u) for u in self.units) / total if total else float("nan")


def dead_units(net, X):
    """Which hidden units of ``net`` are dead on the inputs ``X``: no gradient reaches them.

    Claim (dying ReLU): a ReLU unit whose weighted input is negative for every example outputs 0
    and has derivative 0 there, so no gradient reaches its weights and training cannot revive it
    (``lu2019dying``, ``maas2013rectifier``). A unit counts as dead when its activation's
    derivative is exactly 0 on every row of X, as in ``fit``'s ``history["dead_fraction"]``; for
    ReLU that is the same as "outputs 0 on every example". Units with a slope on both sides
    (leaky ReLU, ELU, tanh, sigmoid) are never exactly dead, however small the slope; every unit
    of a step network is dead (its derivative is 0 everywhere). Learned activation parameters
    (PReLU's slope) are taken from the network. Returns :class:`DeadUnits` with ``fraction``,
    ``units`` and ``zero_fraction`` (the share of outputs that are exactly 0) per hidden layer.
    """
    where = "experiments.dead_units"
    if not isinstance(net, nn.MLP):
        raise TypeError(f"{where}: net must be an nn.MLP, got {type(net).__name__}")
    if len(net.sizes) < 3:
        raise ValueError(
            f"{where}: net has no hidden layer (sizes {net.sizes}), so it has no hidden units "
            "that could be dead; give a network with at least one hidden layer"
        )
    X = _validate.matrix(X, "X", where, net.sizes[0])
    trace = net.forward_trace(X)
    units, zero = [], []
    params = net.activation_params, net.activation_parameters
    for layer, name, fixed, learned in zip(trace, net.activation, *params, strict=True):
        slope = activations.get(name).derivative(layer["Z"], **{**fixed, **learned})
        units.append(np.flatnonzero(nn.dead_units_mask(slope)))
        zero.append(float(np.mean(layer["A"] == 0)))
    widths = [layer["Z"].shape[1] for layer in trace]
    fraction = [len(u) / w for u, w in zip(units, widths, strict=True)]
    return DeadUnits(fraction, units, zero, widths)
