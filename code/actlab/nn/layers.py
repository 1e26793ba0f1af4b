"""The network's two kinds of layer, each with its forward step and backward rule side by side.

A layer's ``forward(X)`` remembers what its backward rule needs; ``backward(dOut)`` takes the
gradient of the loss with respect to the layer's output, stores the gradients of the layer's own
parameters and returns the gradient with respect to its input. ``parameters()`` and
``gradients()`` list the trainable arrays in the same order, so an optimiser can walk both.

>>> import numpy as np
>>> dense = Dense(np.eye(2), np.zeros(2))
>>> dense.forward(np.array([[1.0, 2.0]]))
array([[1., 2.]])
>>> dense.backward(np.array([[1.0, 0.0]])), dense.dW
(array([[1., 0.]]), array([[1., 0.],
       [2., 0.]]))
"""

import numpy as np


class Dense:
    r"""Affine layer :math:`Z = X W + b`; W has shape (fan_in, fan_out) and b shape (fan_out,).

    Backward: :math:`\partial L/\partial W = X^\top \, \partial L/\partial Z`,
    :math:`\partial L/\partial b = \sum_{\text{rows}} \partial L/\partial Z` and
    :math:`\partial L/\partial X = \partial L/\partial Z \, W^\top`.
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.dW = np.zeros_like(W)
        self.db = np.zeros_like(b)
        self._X = None

    def forward(self, X):
        self._X = X
        return X @ self.W + self.b

    def backward(self, dZ):
        self.dW = self._X.T @ dZ
        self.db = dZ.sum(axis=0)
        return dZ @ self.W.T

    def parameters(self):
        return [self.W, self.b]

    def gradients(self):
        return [self.dW, self.db]

    def __repr__(self):
        return f"Dense({self.W.shape[0]} -> {self.W.shape[1]})"


class Activate:
    r"""Elementwise activation :math:`A = f(Z)` from the registry in :mod:`actlab.activations`.

    Backward: :math:`\partial L/\partial Z = \partial L/\partial A \odot f'(Z)`. The fixed
    parameters in ``kwargs`` (e.g. ``{"alpha": 0.1}``) go to both ``f`` and ``f.derivative``.
    It has no trainable parameters yet; a learned slope (PReLU) would be listed by
    ``parameters()`` and ``gradients()``.
    """

    def __init__(self, activation, kwargs=None):
        self.activation = activation
        self.kwargs = dict(kwargs or {})
        self._Z = None

    def forward(self, Z):
        self._Z = Z
        return self.activation(Z, **self.kwargs)

    def backward(self, dA):
        return dA * self.activation.derivative(self._Z, **self.kwargs)

    def parameters(self):
        return []

    def gradients(self):
        return []

    def __repr__(self):
        args = "".join(f", {k}={v!r}" for k, v in self.kwargs.items())
        return f"Activate({self.activation.name!r}{args})"
