"""A tiny multilayer perceptron in NumPy: forward, backward and training, small enough to read.

>>> from actlab import nn
>>> net = nn.MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", init="xavier", seed=0)
>>> [W.shape for W, b in net.params]
[(2, 16), (16, 16), (16, 1)]

Modules: :mod:`~actlab.nn.layers` (Dense and Activate, forward beside backward),
:mod:`~actlab.nn.outputs` (each output paired with its loss), :mod:`~actlab.nn.init`,
:mod:`~actlab.nn.optim`, :mod:`~actlab.nn.mlp` (the network), :mod:`~actlab.nn.train` (the
training loop, what it records per epoch, :class:`DivergenceWarning`, and :func:`dead_units_mask`,
its definition of a dead unit) and :mod:`~actlab.nn.progress` (the progress bar).
"""

from ._setup import TRAINABLE
from .init import INITS
from .layers import Activate, Dense
from .mlp import MLP
from .optim import OPTIMIZERS
from .outputs import OUTPUTS
from .train import DivergenceWarning, dead_units_mask

__all__ = [
    "MLP",
    "Dense",
    "Activate",
    "INITS",
    "OUTPUTS",
    "OPTIMIZERS",
    "TRAINABLE",
    "dead_units_mask",
    "DivergenceWarning",
]
