"""The gated units and the softmax family's vector-Jacobian products against PyTorch, where
PyTorch is installed (a benchmark-only dependency, never a requirement; skipped without it).

GLU is ``torch.nn.GLU(dim=-1)`` and ``F.glu``; ReGLU, GEGLU and SwiGLU are written from PyTorch's
pieces as their paper defines them (Shazeer 2020): ``a, b = x.chunk(2, dim=-1)``, ``a * g(b)``.
The vjp is checked against autograd. ``benchmarks/bench_torch.py`` compares GLU's value too.
"""

import numpy as np
import pytest

from actlab import activations

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _gated(g):
    def fn(t):
        a, b = t.chunk(2, dim=-1)
        return a * g(b)

    return fn


TORCH = {
    "glu": lambda t: F.glu(t, dim=-1),
    "reglu": _gated(F.relu),
    "geglu": _gated(F.gelu),
    "swiglu": _gated(F.silu),
    "softmax": lambda t: F.softmax(t, dim=-1),
    "log_softmax": lambda t: F.log_softmax(t, dim=-1),
    "softmin": lambda t: F.softmin(t, dim=-1),
}


@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-13), (np.float32, 2e-6)])
@pytest.mark.parametrize("name", list(TORCH))
def test_value_and_vjp_agree_with_pytorch(name, dtype, rtol):
    act = activations.get(name)
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((4, 3, 10)) * 4).astype(dtype)
    if name == "reglu":  # away from the kink, where autograd's choice is ours anyway
        x[..., 5:] += np.sign(x[..., 5:]) * 0.01
    t = torch.from_numpy(x.copy()).requires_grad_(True)
    y = TORCH[name](t)
    g = rng.standard_normal(tuple(y.shape)).astype(dtype)
    (dx,) = torch.autograd.grad(y, t, torch.from_numpy(g))
    ours = act(x)
    assert ours.dtype == dtype and ours.shape == tuple(y.shape)
    # absolute tolerance on the array's scale: PyTorch's float32 kernels compute in float32, and
    # its GELU cancels in the left tail (ours is checked against mpmath there)
    for got, want in ((ours, y.detach().numpy()), (act.vjp(x, g), dx.numpy())):
        np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * np.abs(want).max())


def test_glu_is_torch_nn_glu_on_the_last_axis():
    x = np.random.default_rng(1).standard_normal((5, 8))
    module = torch.nn.GLU(dim=-1)
    np.testing.assert_allclose(
        activations.glu(x), module(torch.from_numpy(x)).numpy(), rtol=1e-15, atol=1e-300
    )
    with pytest.raises(RuntimeError):  # PyTorch refuses an odd axis too
        module(torch.zeros(2, 3))
