"""The gated units and the softmax family's vector-Jacobian products against PyTorch.

PyTorch is a benchmark-only dependency, never a requirement, so its answers are stored:
``tools/torch_reference.py`` wrote ``tests/data/torch_reference.npz`` (values and autograd vjps
on fixed inputs, from the PyTorch version the file names), and the test compares actlab with
them on every machine. Where PyTorch is installed, the same test also recomputes them live, so a
stale file or a new PyTorch that disagrees is caught there.

GLU is ``torch.nn.GLU(dim=-1)`` and ``F.glu``; ReGLU, GEGLU and SwiGLU are written from PyTorch's
pieces as their paper defines them (Shazeer 2020): ``a, b = x.chunk(2, dim=-1)``, ``a * g(b)``.
``benchmarks/bench_torch.py`` compares GLU's value too.
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from actlab import activations

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import torch_reference  # noqa: E402

STORED = np.load(ROOT / "tests" / "data" / "torch_reference.npz")
HAS_TORCH = importlib.util.find_spec("torch") is not None
NAMES = ["glu", "reglu", "geglu", "swiglu", "softmax", "log_softmax", "softmin"]


def test_the_stored_file_covers_every_gated_unit_and_the_softmax_family():
    assert str(STORED["torch_version"]).startswith("2.")
    gated = {n for n in activations.names() if activations.get(n).gated}
    assert gated <= set(NAMES)
    for name in NAMES:
        for dtype in torch_reference.DTYPES:
            assert f"{name}/{dtype}/y" in STORED and f"{name}/{dtype}/dx" in STORED


@pytest.mark.parametrize("dtype, rtol", [("float64", 1e-13), ("float32", 2e-6)])
@pytest.mark.parametrize("name", NAMES)
def test_value_and_vjp_agree_with_pytorch(name, dtype, rtol):
    act = activations.get(name)
    x, g = torch_reference.inputs(name, torch_reference.DTYPES[dtype])
    want = {"y": STORED[f"{name}/{dtype}/y"], "dx": STORED[f"{name}/{dtype}/dx"]}
    if HAS_TORCH:  # recompute live: the stored file must still be what PyTorch says
        live, _ = torch_reference.compute()
        for part in want:
            np.testing.assert_allclose(want[part], live[f"{name}/{dtype}/{part}"], rtol=rtol)
    ours = act(x)
    assert ours.dtype == x.dtype and ours.shape == want["y"].shape
    # absolute tolerance on the array's scale: PyTorch's float32 kernels compute in float32, and
    # its GELU cancels in the left tail (ours is checked against mpmath there)
    for got, ref in ((ours, want["y"]), (act.vjp(x, g), want["dx"])):
        np.testing.assert_allclose(got, ref, rtol=rtol, atol=rtol * np.abs(ref).max())


def test_a_wrong_vjp_would_fail_against_the_stored_values():
    """The comparison can fail: a vjp that forgets the gate's own slope differs from autograd."""
    x, g = torch_reference.inputs("swiglu", np.float64)
    a, b = np.split(x, 2, axis=-1)
    s = activations.sigmoid(b)
    forgot_slope = np.concatenate([g * b * s, g * a * s], axis=-1)  # d(b*s)/db taken as s
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(forgot_slope, STORED["swiglu/float64/dx"], rtol=1e-6)
