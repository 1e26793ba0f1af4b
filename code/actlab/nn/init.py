r"""Weight initialisations: ``INITS[name](fan_in, fan_out, rng, **options)`` -> W of shape
(fan_in, fan_out).

Biases always start at zero. Every scheme draws from the ``numpy.random.Generator`` it is given,
so the same seed gives the same weights bit for bit.

- ``normal``: :math:`N(0, s^2)` with a fixed standard deviation ``scale`` s (default 0.05, as
  Keras's ``RandomNormal``), whatever the layer's size: the old "small random numbers".
- ``uniform``: :math:`U[-s, s]` with a fixed half-width ``scale`` s (default 0.05, as Keras's
  ``RandomUniform``); variance :math:`s^2/3`.
- ``standard``: :math:`U[-1/\sqrt{n_{in}}, 1/\sqrt{n_{in}}]`, the common heuristic that
  Glorot & Bengio (2010) compare against; variance :math:`1/(3 n_{in})`.
- ``xavier``: Glorot uniform, :math:`U[-a, a]` with :math:`a = \sqrt{6/(n_{in}+n_{out})}`
  (Glorot & Bengio 2010, ``glorot2010understanding``); variance :math:`2/(n_{in}+n_{out})`.
- ``xavier_normal``: :math:`N(0, 2/(n_{in}+n_{out}))`, the same variance.
- ``he``: Kaiming normal, :math:`N(0, 2/n_{in})` (He et al. 2015, ``he2015delving``).
- ``he_uniform``: :math:`U[-a, a]` with :math:`a = \sqrt{6/n_{in}}`, the same variance.
- ``he_prelu``: :math:`N(0, 2/((1 + a^2)\, n_{in}))`, He et al.'s form for a rectifier whose
  negative side has slope a (``slope``; a = 0 is ``he``, a = 1, the identity, gives
  :math:`1/n_{in}`).

Xavier keeps the variance of activations and of gradients roughly constant across layers for
activations that are close to the identity near 0 (tanh, and sigmoid up to a scale). He doubles the
variance to make up for ReLU zeroing half of its inputs; with a slope a on the negative side a
unit keeps :math:`(1 + a^2)/2` of its input's second moment instead of 1/2, hence ``he_prelu``.
A fixed scale ignores the layer's size: too small and the signal shrinks layer after layer, too
large and it grows.

>>> import numpy as np
>>> W = INITS["xavier"](2, 3, np.random.default_rng(0))
>>> W.shape, bool(np.all(np.abs(W) <= np.sqrt(6 / 5)))
((2, 3), True)
>>> bool(np.all(np.abs(INITS["uniform"](4, 5, np.random.default_rng(0), scale=0.1)) <= 0.1))
True
"""

import numpy as np


def normal(fan_in, fan_out, rng, *, scale=0.05):
    """N(0, scale**2): a fixed standard deviation, whatever the layer's size."""
    return rng.normal(0.0, scale, size=(fan_in, fan_out))


def uniform(fan_in, fan_out, rng, *, scale=0.05):
    """U[-scale, scale]: a fixed half-width; variance scale**2 / 3."""
    return rng.uniform(-scale, scale, size=(fan_in, fan_out))


def standard(fan_in, fan_out, rng):
    """Uniform on [-1/sqrt(fan_in), 1/sqrt(fan_in)]; variance 1/(3 fan_in)."""
    a = 1.0 / np.sqrt(fan_in)
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def xavier(fan_in, fan_out, rng):
    """Glorot uniform: U[-a, a] with a = sqrt(6/(fan_in + fan_out)); variance 2/(fan_in+fan_out)."""
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def xavier_normal(fan_in, fan_out, rng):
    """Glorot normal: N(0, 2/(fan_in + fan_out))."""
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))


def he(fan_in, fan_out, rng):
    """Kaiming normal: N(0, 2/fan_in)."""
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


def he_uniform(fan_in, fan_out, rng):
    """Kaiming uniform: U[-a, a] with a = sqrt(6/fan_in); variance 2/fan_in."""
    a = np.sqrt(6.0 / fan_in)
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he_prelu(fan_in, fan_out, rng, *, slope=0.25):
    """He et al.'s form for PReLU with negative slope a: N(0, 2/((1 + a**2) fan_in))."""
    return rng.normal(0.0, np.sqrt(2.0 / ((1.0 + slope * slope) * fan_in)), size=(fan_in, fan_out))


INITS = {
    "normal": normal,
    "uniform": uniform,
    "standard": standard,
    "xavier": xavier,
    "xavier_normal": xavier_normal,
    "he": he,
    "he_uniform": he_uniform,
    "he_prelu": he_prelu,
}
# Which schemes take an option, and the MLP argument that sets it.
INIT_OPTIONS = {"normal": "scale", "uniform": "scale", "he_prelu": "slope"}
