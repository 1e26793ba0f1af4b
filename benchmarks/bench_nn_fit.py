"""Where the time of ``actlab.nn.MLP.fit`` goes, with the per-epoch recording on.

Run from the repository root: ``.venv/bin/python benchmarks/bench_nn_fit.py`` (add ``--profile``
for cProfile's top functions). The task is the shape of the scikit-learn comparison in
``bench_nn.py``, on seeded random data: X of shape (1200, 64), labels 0-9, ``nn.MLP([64, 64,
10], activation="relu", output="softmax")``, Adam (lr 1e-3), batches of 32, 50 epochs, so 1900
mini-batch steps and 50 passes over the whole training set. It prints the best time of
``--repeat`` fits, then splits it: the mini-batch steps (fit with the end-of-epoch pass replaced
by a stub that records nothing) and the end-of-epoch passes (the difference), and the time of
one step's parts on a batch. Timings on a shared machine are noisy; the best of several repeats
is the figure to quote.
"""

import argparse
import cProfile
import pstats
import time
import timeit

import numpy as np

from actlab import nn
from actlab.nn import train


def task(n=1200, d=64, k=10):
    rng = np.random.default_rng(0)
    return rng.standard_normal((n, d)), rng.integers(0, k, n)


def fit_once(X, y, activation, epochs):
    net = nn.MLP([X.shape[1], 64, 10], activation=activation, output="softmax", seed=0)
    start = time.perf_counter()
    net.fit(X, y, epochs=epochs, lr=1e-3, batch_size=32, optimizer="adam", progress=False)
    return time.perf_counter() - start


def no_record(net, X, y):
    """A stand-in for the end-of-epoch pass: the loss only as a constant, no work."""
    return {key: [] for key in train.PER_LAYER} | {"loss": 0.0, "accuracy": 0.0}


def step_parts(X, y, activation):
    """Microseconds per call of each part of one mini-batch step (best of several)."""
    net = nn.MLP([X.shape[1], 64, 10], activation=activation, output="softmax", seed=0)
    Xb, yb, head = X[:32], y[:32], net._head
    dense1, act, dense2 = net.layers
    Z1 = dense1.forward(Xb)
    A1 = act.forward(Z1)
    Z2 = dense2.forward(A1)
    dZ2 = head.grad(Z2, yb)
    dA1 = dense2.backward(dZ2)
    dZ1 = act.backward(dA1)
    opt = nn.OPTIMIZERS["adam"](1e-3)
    parts = {
        "dense 1 forward": lambda: dense1.forward(Xb),
        f"{activation} forward": lambda: act.forward(Z1),
        "dense 2 forward": lambda: dense2.forward(A1),
        "softmax + CE gradient": lambda: head.grad(Z2, yb),
        "dense 2 backward": lambda: dense2.backward(dZ2),
        f"{activation} backward": lambda: act.backward(dA1),
        "dense 1 backward": lambda: dense1.backward(dZ1),
        "adam step (all parameters)": lambda: opt.step([net._theta], [net._grad]),
        "whole step": lambda: (
            net._backward(head.grad(net._forward(Xb), yb)),
            opt.step([net._theta], [net._grad]),
        ),
    }
    return {k: min(timeit.repeat(f, number=2000, repeat=5)) / 2000 * 1e6 for k, f in parts.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--activation", default="relu")
    parser.add_argument("--profile", action="store_true", help="cProfile one fit")
    args = parser.parse_args(argv)
    X, y = task()
    total = min(fit_once(X, y, args.activation, args.epochs) for _ in range(args.repeat))
    full_pass = train.full_pass
    train.full_pass = no_record
    try:
        steps = min(fit_once(X, y, args.activation, args.epochs) for _ in range(args.repeat))
    finally:
        train.full_pass = full_pass
    print(f"MLP([64, 64, 10], {args.activation!r}, softmax), Adam, batch 32, {args.epochs} epochs")
    print(f"  fit with recording   {total:.3f} s (best of {args.repeat})")
    print(f"  mini-batch steps     {steps:.3f} s")
    each = (total - steps) / args.epochs * 1e3
    print(f"  end-of-epoch passes  {total - steps:.3f} s ({each:.2f} ms each)")
    print("  one step's parts, microseconds:")
    for name, us in step_parts(X, y, args.activation).items():
        print(f"    {name:<28} {us:7.1f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(fit_once, X, y, args.activation, args.epochs)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
