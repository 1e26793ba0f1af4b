r"""Output layers paired with their losses, all computed from the logits Z = last layer's X W + b.

Each pairing is a small object: ``predict(Z)`` gives the output values, ``loss(Z, y)`` the mean
loss over the n examples, ``grad(Z, y)`` the gradient of that loss at the logits (the error the
backward pass starts from), ``loss_and_grad(Z, y)`` both at once, and ``check_targets`` turns
targets into the shape the others expect.

Why an output is paired with its loss
-------------------------------------
For a sigmoid output :math:`\hat y = \sigma(z)` and binary cross-entropy
:math:`\ell = -y \log \hat y - (1-y) \log(1-\hat y)`, the chain rule gives

.. math::
    \frac{\partial \ell}{\partial z}
    = \Big(-\frac{y}{\hat y} + \frac{1-y}{1-\hat y}\Big)\, \hat y (1-\hat y) = \hat y - y ,

because the sigmoid's derivative :math:`\hat y(1-\hat y)` cancels the loss's denominators. The same
cancellation happens for softmax with cross-entropy, :math:`\partial\ell/\partial z_j = \hat y_j -
y_j` with y one-hot. Averaged over n examples the error at the logits is :math:`(\hat y - y)/n`:
it is large when the prediction is confidently wrong, and it never vanishes because the sigmoid
saturates. Pair the sigmoid with the squared error instead and the error becomes
:math:`2(\hat y - y)\,\hat y(1-\hat y)/n`, which goes to 0 exactly when the output saturates at
the wrong answer, so learning stalls. The linear output with the mean squared error gives
:math:`2(\hat y - y)/(nk)`: again the plain error, scaled.

Stable forms from logits
------------------------
Computing :math:`\log \sigma(z)` after :math:`\sigma(z)` rounds to 0 or 1 gives ``-inf``. Written in
the logits, BCE is :math:`\operatorname{softplus}(z) - yz` with softplus as
``np.logaddexp(0, z)``, and cross-entropy is :math:`\operatorname{logsumexp}(z) - z_y` with the
maximum subtracted first: both finite for every finite z.

>>> import numpy as np
>>> head = OUTPUTS["sigmoid"]
>>> Z, y = np.array([[800.0], [-800.0]]), np.array([[0.0], [0.0]])
>>> float(head.loss(Z, y))
400.0
>>> head.grad(Z, y)
array([[0.5],
       [0. ]])
"""

import numpy as np

from .. import activations


def _labels_2d(y, n, where):
    """Targets for one output unit: accept shape (n,) or (n, 1); return (n, 1)."""
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2 or y.shape[1] != 1:
        raise ValueError(f"{where}: y must have shape ({n},) or ({n}, 1), got {y.shape}")
    return y


def _check_rows(y, n, where):
    if y.ndim == 0 or y.shape[0] != n:
        got = "a scalar" if y.ndim == 0 else f"{y.shape[0]} rows"
        raise ValueError(f"{where}: y has {got} but X has {n} rows")


class SigmoidBCE:
    """Sigmoid output, one unit, with binary cross-entropy; targets in [0, 1].

    Class labels 0 and 1 are the usual targets, but the loss is defined for any target in
    [0, 1] (a soft label, a fraction, a pixel intensity) and is smallest where the output
    equals the target. For a target outside [0, 1] it has no minimum at all (it falls without
    bound as the output nears 0 or 1), so such targets are refused.
    """

    name = "sigmoid"
    classification = True

    def check_size(self, k):
        if k != 1:
            raise ValueError(
                f"MLP: output='sigmoid' is for binary classification and needs 1 output unit, "
                f"got {k} (use output='softmax' for {k} classes)"
            )

    def check_targets(self, y, n, k, where):
        _check_rows(y, n, where)
        y = _labels_2d(y, n, where)
        outside = y[(y < 0) | (y > 1)]
        if outside.size:
            raise ValueError(
                f"{where}: y must lie in [0, 1] for output='sigmoid', got {outside.size} "
                f"value(s) outside it, such as {outside[0]:g}. The binary cross-entropy is "
                "defined only for targets in [0, 1]: for a target outside, it has no minimum, so "
                "training cannot fit it. For real-valued targets use output='linear'"
            )
        return y

    def predict(self, Z):
        return activations.get("sigmoid")(Z)

    def loss(self, Z, y):
        return np.mean(np.logaddexp(0.0, Z) - y * Z)

    def grad(self, Z, y):
        return (self.predict(Z) - y) / Z.shape[0]

    def correct(self, Z, y):
        return (Z[:, 0] > 0) == (y[:, 0] > 0.5)

    def loss_and_grad(self, Z, y):
        return self.loss(Z, y), self.grad(Z, y)


class SoftmaxCE:
    """Softmax output, k >= 2 units, with cross-entropy; targets are integer labels 0..k-1."""

    name = "softmax"
    classification = True

    def check_size(self, k):
        if k < 2:
            raise ValueError(
                f"MLP: output='softmax' needs at least 2 output units, got {k} "
                "(use output='sigmoid' for two classes with one unit)"
            )

    def check_targets(self, y, n, k, where):
        _check_rows(y, n, where)
        if y.ndim != 1:
            raise ValueError(
                f"{where}: y must be integer class labels of shape ({n},) for output='softmax', "
                f"got shape {y.shape} (pass labels, not one-hot rows: y.argmax(axis=1))"
            )
        if not np.all(y == np.round(y)):
            raise ValueError(f"{where}: y must hold integer class labels for output='softmax'")
        if y.min() < 0 or y.max() > k - 1:
            raise ValueError(
                f"{where}: class labels must lie in 0..{k - 1} for {k} output units, "
                f"got labels from {y.min():g} to {y.max():g}"
            )
        return y.astype(np.intp)

    def predict(self, Z):
        return activations.get("softmax")(Z)

    def _exp(self, Z):
        """``(shifted, e, total)``: Z minus its row maximum (so exp cannot overflow), its
        exponential and the row sums of that, each row's top entry contributing exactly 1."""
        shifted = Z - np.maximum.reduce(Z, axis=1, keepdims=True)
        e = np.exp(shifted)
        return shifted, e, np.add.reduce(e, axis=1, keepdims=True)

    def loss(self, Z, y):
        return self.loss_and_grad(Z, y, grad=False)[0]

    @staticmethod
    def _error(e, total, y):
        """``(softmax - one_hot(y)) / n`` from ``_exp``'s e and total, computed in e's memory."""
        e /= total
        e[np.arange(len(y)), y] -= 1.0
        e /= e.shape[0]
        return e

    def grad(self, Z, y):
        # The softmax written out: this runs once per mini-batch, where the registry's checked
        # and fully general softmax would cost as much as the rest of the step.
        _, e, total = self._exp(Z)
        return self._error(e, total, y)

    def loss_and_grad(self, Z, y, grad=True):
        """Both from one softmax (the epoch's pass over the training set needs both)."""
        shifted, e, total = self._exp(Z)
        loss = np.mean(np.log(total[:, 0]) - shifted[np.arange(len(y)), y])
        return loss, (self._error(e, total, y) if grad else None)

    def correct(self, Z, y):
        return Z.argmax(axis=1) == y


class LinearMSE:
    """Linear (identity) output with the mean squared error over examples and outputs."""

    name = "linear"
    classification = False

    def check_size(self, k):
        pass

    def check_targets(self, y, n, k, where):
        _check_rows(y, n, where)
        if k == 1:
            return _labels_2d(y, n, where)
        if y.shape != (n, k):
            raise ValueError(
                f"{where}: y must have shape ({n}, {k}) for {k} outputs, got {y.shape}"
            )
        return y

    def predict(self, Z):
        return Z.copy()

    def loss(self, Z, y):
        return np.mean((Z - y) ** 2)

    def grad(self, Z, y):
        return 2.0 * (Z - y) / Z.size

    def loss_and_grad(self, Z, y):
        return self.loss(Z, y), self.grad(Z, y)


OUTPUTS = {head.name: head for head in (SigmoidBCE(), SoftmaxCE(), LinearMSE())}
