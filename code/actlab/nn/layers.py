"""The network's two kinds of layer, each with its forward step and backward rule side by side.

A layer's ``forward(X)`` remembers what its backward rule needs; ``backward(dOut)`` takes the
gradient of the loss with respect to the layer's output, stores the gradients of the layer's own
parameters and returns the gradient with respect to its input. ``parameters()`` and
``gradients()`` list the trainable arrays in the same order, so an optimiser can walk both.

Gradients are written into the arrays ``dW``, ``db`` (and ``grads[name]``) in place, so an
:class:`~actlab.nn.MLP` can keep all of them in one flat vector and update every parameter in one
optimiser step (see :mod:`actlab.nn.mlp`).

>>> import numpy as np
>>> dense = Dense(np.eye(2), np.zeros(2))
>>> dense.forward(np.array([[1.0, 2.0]]))
array([[1., 2.]])
>>> dense.backward(np.array([[1.0, 0.0]])), dense.dW
(array([[1., 0.]]), array([[1., 0.],
       [2., 0.]]))
>>> from actlab import activations
>>> act = Activate(activations.get("prelu"), trained={"alpha": np.array(0.25)})
>>> act.forward(np.array([[-2.0, 4.0]]))
array([[-0.5,  4. ]])
>>> act.backward(np.array([[1.0, 1.0]])), act.grads["alpha"]
(array([[0.25, 1.  ]]), array(-2.))
>>> gate = VectorActivate(activations.get("glu"))  # 2u pre-activations in, u outputs out
>>> gate.forward(np.array([[3.0, 0.0]]))
array([[1.5]])
>>> gate.backward(np.array([[1.0]]))
array([[0.5 , 0.75]])
"""

import numpy as np


def _kernel(fn):
    return getattr(fn, "kernel", fn)


class Dense:
    r"""Affine layer :math:`Z = X W + b`; W has shape (fan_in, fan_out) and b shape (fan_out,).

    Backward: :math:`\partial L/\partial W = X^\top \, \partial L/\partial Z`,
    :math:`\partial L/\partial b = \sum_{\text{rows}} \partial L/\partial Z` and
    :math:`\partial L/\partial X = \partial L/\partial Z \, W^\top`. The first layer of a
    network sets ``input_grad = False``: nothing upstream needs :math:`\partial L/\partial X`,
    so its backward skips that product and returns None.
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.dW = np.zeros_like(W)
        self.db = np.zeros_like(b)
        self.input_grad = True
        self._X = None

    def forward(self, X):
        self._X = X
        Z = X @ self.W
        Z += self.b
        return Z

    def backward(self, dZ):
        np.matmul(self._X.T, dZ, out=self.dW)
        np.add.reduce(dZ, axis=0, out=self.db)
        return dZ @ self.W.T if self.input_grad else None

    def parameters(self):
        return [self.W, self.b]

    def gradients(self):
        return [self.dW, self.db]

    def __repr__(self):
        return f"Dense({self.W.shape[0]} -> {self.W.shape[1]})"


class Activate:
    r"""Elementwise activation :math:`A = f(Z; \theta)`, f from :mod:`actlab.activations`.

    Backward: :math:`\partial L/\partial Z = \partial L/\partial A \odot f'(Z)`. ``kwargs`` are
    fixed parameters (e.g. leaky ReLU's ``{"alpha": 0.1}``). ``trained`` are learned ones, name
    -> array of shape (units,) (one per unit) or () (one for the layer), such as PReLU's slope:
    backward also stores their gradients in ``grads[name]``,

    .. math:: \frac{\partial L}{\partial \theta_j} = \sum_i \frac{\partial L}{\partial A_{ij}}
              \frac{\partial f}{\partial \theta}(Z_{ij}),

    summed over the examples i (and over the units j too when the layer shares one value),
    with :math:`\partial f/\partial\theta` from
    :meth:`actlab.activations.Activation.param_derivative`. After a
    backward pass, ``slope`` holds :math:`f'(Z)` (the network counts dead units from it).
    """

    def __init__(self, activation, kwargs=None, trained=None):
        self.activation = activation
        self.kwargs = dict(kwargs or {})
        self.trained = dict(trained or {})
        self.grads = {name: np.zeros_like(value) for name, value in self.trained.items()}
        self.slope = None
        self._Z = self._A = None
        # The registry's kernels: the formulas behind its public functions, without the input
        # checks, which would be repeated on every mini-batch. Z is always a float64 array made
        # by the network, and the parameters were checked when it was built (the kernels still
        # check the values of parameters, which training changes).
        self._f, self._df = _kernel(activation.fn), _kernel(activation.grad)
        self._dp = {name: _kernel(activation.param_grads[name]) for name in self.trained}

    def forward(self, Z):
        self._Z = Z
        self._A = self._f(Z, **self.kwargs, **self.trained)
        return self._A

    def backward(self, dA):
        Z, params = self._Z, {**self.kwargs, **self.trained}
        for name, value in self.trained.items():
            dp = self._dp[name](Z, **params)
            dp *= dA
            if value.ndim:  # one per unit: sum over the examples
                np.sum(dp, axis=0, out=self.grads[name])
            else:  # one for the layer: sum over everything
                self.grads[name][...] = dp.sum()
        self.slope = self._df(Z, **params)
        return dA * self.slope

    def parameters(self):
        return list(self.trained.values())

    def gradients(self):
        return list(self.grads.values())

    def __repr__(self):
        args = "".join(f", {k}={v!r}" for k, v in self.kwargs.items())
        learned = "".join(f", {k}=<trained {np.shape(v)}>" for k, v in self.trained.items())
        return f"Activate({self.activation.name!r}{args}{learned})"


class VectorActivate(Activate):
    r"""A vector-valued activation :math:`A = f(Z)` over each row: softmax (and its kin), or a
    gated unit, whose rows of 2u pre-activations ``[a, b]`` give u outputs :math:`a \otimes
    g(b)`.

    Backward: :math:`\partial L/\partial Z` is the vector-Jacobian product
    :meth:`actlab.activations.Activation.vjp` of the upstream gradient, e.g. :math:`s \odot (g -
    \sum_j g_j s_j)` for softmax, :math:`[g \odot \sigma(b),\ g \odot a \odot \sigma'(b)]`
    for GLU; no Jacobian is formed. A unit's derivative is not one number here (each output
    depends on several inputs), so ``slope`` stays None and the network records no dead units
    for such a layer (NaN). No learned parameters.
    """

    def __init__(self, activation, kwargs=None, trained=None):
        if trained:
            raise ValueError(f"{activation.name}: a vector-valued layer learns no parameters")
        super().__init__(activation, kwargs)
        self._vjp = _kernel(activation.vjp_fn)

    def forward(self, Z):
        self._Z = Z
        self._A = self._f(Z, **self.kwargs)
        return self._A

    def backward(self, dA):
        return self._vjp(self._Z, dA, **self.kwargs)

    def __repr__(self):
        return f"VectorActivate({self.activation.name!r})"
