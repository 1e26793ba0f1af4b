"""Every activation and its derivative against PyTorch's CPU kernel on the same array.

Run from the repository root: ``.venv/bin/python benchmarks/bench_torch.py`` (or
``python3 make.py bench torch``). PyTorch is a benchmark-only dependency, not a learner's: when it
is not importable this script says so and exits 0.

The array is 10**6 float64 values (standard normal times 5, seeded), one thread for both. The
value column times ``act(x)`` against the ``torch`` function of the registry on the same data
(a zero-copy tensor); softmax and log_softmax run on rows of 1000 (``dim=-1``). The derivative
column times ``act.derivative(x)`` against PyTorch's forward plus backward
(``torch.autograd.grad(f(t), t, ones)``): PyTorch computes a derivative only through autograd,
and its backward kernels take the forward's saved results. The vector-valued Jacobians have no
PyTorch counterpart (their rows are ``n x n`` matrices) and are left out.

Each time is the best of ``--repeat`` turns (one call of ours, then one of PyTorch's, in turns,
so a burst of load slows both); ``ratio`` is ours over PyTorch's. The goal: every ratio at most
1.5, and the geometric mean of all at most 1.0. Also checked: the values agree to 1e-12
relative (or 1e-300 absolute), so no speed is bought with accuracy.
"""

import argparse
import math
import sys

import numpy as np
from bench_activations import best_ms  # the same timing in turns (benchmarks/ is on the path)

from actlab import activations

GOAL, GOAL_MEAN = 1.5, 1.0


def torch_function(torch, act):
    """PyTorch's function for ``act`` on a tensor, with the registry's default parameters."""
    F = torch.nn.functional
    params = {"leaky_relu": {"negative_slope": 0.01}, "elu": {"alpha": 1.0},
              "celu": {"alpha": 1.0}, "softplus": {"beta": 1.0}, "hardshrink": {"lambd": 0.5},
              "softshrink": {"lambd": 0.5},
              "threshold": {"threshold": 0.0, "value": 0.0}}.get(act.name, {})  # fmt: skip
    if act.name == "step":
        return lambda t: torch.heaviside(t, torch.zeros((), dtype=t.dtype))
    if act.name == "linear":
        return lambda t: t.clone()  # an identity that returns a new array, like ours
    if act.name == "prelu":
        return lambda t: F.prelu(t, torch.tensor([0.25], dtype=t.dtype))
    if act.vector_valued:
        fn = getattr(F, act.name)
        return lambda t: fn(t, dim=-1)
    fn = eval(act.torch, {"torch": torch})  # noqa: S307 (a name from our own registry)
    return lambda t: fn(t, **params)


def primitives(torch, x, t):
    """(label, NumPy call, PyTorch call): one pass each, the floor of any formula using it."""
    from scipy import special

    return [
        ("np.exp / torch.exp", lambda: np.exp(x), lambda: torch.exp(t)),
        ("np.tanh / torch.tanh", lambda: np.tanh(x), lambda: torch.tanh(t)),
        ("np.expm1 / torch.expm1", lambda: np.expm1(x), lambda: torch.expm1(t)),
        ("np.log1p / torch.log1p", lambda: np.log1p(np.abs(x)), lambda: torch.log1p(t.abs())),
        ("special.erfc / torch", lambda: special.erfc(x), lambda: torch.erfc(t)),
        ("np.maximum / torch", lambda: np.maximum(x, 0.0), lambda: torch.clamp_min(t, 0.0)),
        ("x * 0.5 / torch", lambda: x * 0.5, lambda: t * 0.5),
        ("np.clip / torch.clamp", lambda: np.clip(x, -3.0, 3.0), lambda: torch.clamp(t, -3, 3)),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**6, help="values (a multiple of 1000)")
    parser.add_argument("--repeat", type=int, default=7, help="turns; the best is kept")
    parser.add_argument("--number", type=int, default=3, help="calls per turn")
    args = parser.parse_args(argv)
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed, so there is nothing to compare with (it is a "
              "benchmark-only dependency: pip install torch).")  # fmt: skip
        return 0
    compare(torch, args)
    return 0


def compare(torch, args):
    """Print the table for the module ``torch`` (PyTorch, or a stand-in with its API in tests)."""
    torch.set_num_threads(1)
    x = np.random.default_rng(0).standard_normal(args.size) * 5.0
    rows = x.reshape(-1, 1000) if args.size % 1000 == 0 else x.reshape(1, -1)
    print(f"numpy {np.__version__}, torch {torch.__version__} (1 thread), "
          f"{args.size} float64 values")  # fmt: skip
    print(f"{'activation':<13}{'value ms':>9}{'torch':>8}{'ratio':>7}   "
          f"{'deriv ms':>9}{'torch':>8}{'ratio':>7}")  # fmt: skip
    ratios, misses, wrong = [], [], []
    for name in activations.names():
        act = activations.get(name)
        if act.torch is None:  # JAX's alone (squareplus, sparse_plus, sparse_sigmoid)
            continue
        xv = rows if act.vector_valued else x
        t = torch.from_numpy(xv)
        fn = torch_function(torch, act)
        ours, theirs = act(xv), fn(t).numpy()
        if not np.allclose(ours, theirs, rtol=1e-12, atol=1e-300, equal_nan=True):
            wrong.append(name)
        value = best_ms(lambda act=act, xv=xv: act(xv), lambda fn=fn, t=t: fn(t), args.number,
                        args.repeat)  # fmt: skip
        ratios.append(value[0] / value[1])
        line = f"{name:<13}{value[0]:9.2f}{value[1]:8.2f}{ratios[-1]:7.2f}"
        if ratios[-1] > GOAL:
            misses.append(name)
        if not act.vector_valued:
            tg = t.clone().requires_grad_(True)
            ones = torch.ones_like(tg)

            def backward(fn=fn, tg=tg, ones=ones):
                return torch.autograd.grad(fn(tg), tg, ones)[0]

            if name != "step":  # heaviside has no autograd formula in PyTorch
                grad = best_ms(
                    lambda act=act: act.derivative(x), backward, args.number, args.repeat
                )
                ratios.append(grad[0] / grad[1])
                line += f"   {grad[0]:9.2f}{grad[1]:8.2f}{ratios[-1]:7.2f}"
                if ratios[-1] > GOAL:
                    misses.append(f"{name} (derivative)")
        print(line)
    print("the primitives the formulas are built from (NumPy / SciPy against PyTorch):")
    for label, ours, theirs in primitives(torch, x, t_x := torch.from_numpy(x)):
        a, b = best_ms(ours, theirs, args.number, args.repeat)
        print(f"{label:<24}{a:9.2f}{b:8.2f}{a / b:7.2f}")
    del t_x
    mean = math.exp(np.mean(np.log(ratios)))
    print(f"geometric mean of the {len(ratios)} ratios: {mean:.2f} (goal <= {GOAL_MEAN})")
    print(f"over {GOAL}x PyTorch: {', '.join(misses) if misses else 'none'}")
    print(f"values more than 1e-12 from PyTorch's: {', '.join(wrong) or 'none'} (ours are "
          "checked against mpmath in tests/test_activations_accuracy.py)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
