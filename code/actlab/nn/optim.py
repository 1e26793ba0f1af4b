r"""Optimisers: ``step(params, grads)`` updates a list of arrays in place from their gradients.

``sgd``: velocity :math:`v \leftarrow \mu v - \eta g`, then :math:`\theta \leftarrow \theta + v`
(plain gradient descent when the momentum :math:`\mu` is 0).

``adam`` (Kingma & Ba, 2015): running means of the gradient and of its square, corrected for their
start at zero, :math:`\theta \leftarrow \theta - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)` with
:math:`\hat m = m / (1 - \beta_1^t)`, :math:`\hat v = v / (1 - \beta_2^t)`,
:math:`\beta_1 = 0.9`, :math:`\beta_2 = 0.999`, :math:`\epsilon = 10^{-8}`. It is computed in
the paper's "more efficient" order (end of its section 2), with the two corrections folded into
the step size and epsilon: the same update, with fewer passes over the arrays.

A network passes its parameters as one flat vector (see :mod:`actlab.nn.mlp`), so a step is a
dozen NumPy operations whatever the number of layers.

>>> import numpy as np
>>> w = np.array([1.0])
>>> SGD(lr=0.1).step([w], [np.array([2.0])])
>>> w
array([0.8])
"""

import numpy as np


class SGD:
    """Stochastic gradient descent with optional (heavy-ball) momentum."""

    def __init__(self, lr, momentum=0.0):
        self.lr = lr
        self.momentum = momentum
        self._velocity = None

    def step(self, params, grads):
        if self._velocity is None:
            self._velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self._velocity, strict=True):
            v *= self.momentum
            v -= self.lr * g
            p += v


class Adam:
    """Adam with bias-corrected first and second moment estimates."""

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self._m = self._v = self._tmp = None
        self._t = 0

    def step(self, params, grads):
        if self._m is None:
            self._m = [np.zeros_like(p) for p in params]
            self._v = [np.zeros_like(p) for p in params]
            self._tmp = [np.empty_like(p) for p in params]
        self._t += 1
        root_c2 = np.sqrt(1.0 - self.beta2**self._t)
        lr = self.lr * root_c2 / (1.0 - self.beta1**self._t)  # corrections folded in
        eps = self.eps * root_c2
        for p, g, m, v, tmp in zip(params, grads, self._m, self._v, self._tmp, strict=True):
            m *= self.beta1  # m <- beta1 m + (1 - beta1) g
            np.multiply(g, 1.0 - self.beta1, out=tmp)
            m += tmp
            v *= self.beta2  # v <- beta2 v + (1 - beta2) g^2
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - self.beta2
            v += tmp
            np.sqrt(v, out=tmp)  # p <- p - lr m / (sqrt(v) + eps)
            tmp += eps
            np.divide(m, tmp, out=tmp)
            tmp *= lr
            p -= tmp


OPTIMIZERS = {"sgd": SGD, "adam": Adam}
