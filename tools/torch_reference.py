"""Write ``tests/data/torch_reference.npz``: PyTorch's values and autograd vector-Jacobian
products of the gated units and the softmax family, on fixed inputs, for the test that checks
actlab against them (``tests/test_activations_torch.py``) on machines without PyTorch.

PyTorch is a benchmark-only dependency (``.venv/bin/pip install torch``), never a requirement::

    .venv/bin/python tools/torch_reference.py     # rewrites the file; prints torch's version

GLU is ``torch.nn.functional.glu(t, dim=-1)``; ReGLU, GEGLU and SwiGLU are built from PyTorch's
pieces as Shazeer (2020) defines them: ``a, b = t.chunk(2, dim=-1)``, ``a * g(b)``.
"""

from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "torch_reference.npz"
DTYPES = {"float64": np.float64, "float32": np.float32}


def inputs(name, dtype):
    """The fixed input ``x`` and upstream gradient ``g`` for one entry (``g`` has y's shape)."""
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((4, 3, 10)) * 4).astype(dtype)
    if name == "reglu":  # away from the kink, where autograd's choice is ours anyway
        x[..., 5:] += np.sign(x[..., 5:]) * 0.01
    half = name in ("glu", "reglu", "geglu", "swiglu")
    g = rng.standard_normal((4, 3, 5 if half else 10)).astype(dtype)
    return x, g


def torch_functions():
    import torch

    F = torch.nn.functional

    def gated(gate):
        def fn(t):
            a, b = t.chunk(2, dim=-1)
            return a * gate(b)

        return fn

    return torch, {
        "glu": lambda t: F.glu(t, dim=-1),
        "reglu": gated(F.relu),
        "geglu": gated(F.gelu),
        "swiglu": gated(F.silu),
        "softmax": lambda t: F.softmax(t, dim=-1),
        "log_softmax": lambda t: F.log_softmax(t, dim=-1),
        "softmin": lambda t: F.softmin(t, dim=-1),
    }


def compute():
    """``{"<name>/<dtype>/<y|dx>": array}`` from PyTorch, and its version."""
    torch, functions = torch_functions()
    arrays = {}
    for name, fn in functions.items():
        for dname, dtype in DTYPES.items():
            x, g = inputs(name, dtype)
            t = torch.from_numpy(x.copy()).requires_grad_(True)
            y = fn(t)
            (dx,) = torch.autograd.grad(y, t, torch.from_numpy(g))
            arrays[f"{name}/{dname}/y"] = y.detach().numpy()
            arrays[f"{name}/{dname}/dx"] = dx.numpy()
    return arrays, torch.__version__


if __name__ == "__main__":
    arrays, version = compute()
    OUT.parent.mkdir(exist_ok=True)
    np.savez_compressed(OUT, torch_version=np.array(version), **arrays)
    print(f"wrote {OUT.relative_to(OUT.parents[2])} from torch {version}: {len(arrays)} arrays")
