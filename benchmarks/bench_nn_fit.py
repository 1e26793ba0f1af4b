"""Where the time of ``actlab.nn.MLP.fit`` goes, with the per-epoch recording on.

Run from the repository root: ``.venv/bin/python benchmarks/bench_nn_fit.py`` (or ``python3
make.py bench nn_fit``; add ``--profile`` for cProfile's top functions). The task is the shape of
the scikit-learn comparison in ``bench_nn.py``, on seeded random data: X of shape (1200, 64),
labels 0-9, ``nn.MLP([64, 64, 10], activation="relu", output="softmax")``, Adam (lr 1e-3),
batches of 32, 50 epochs, so 1900 mini-batch steps and 50 passes over the whole training set. It
prints the best time of ``--repeat`` fits, then the parts, each timed alone through the public
API: an end-of-epoch pass (the loss and gradients on the whole training set, which the recorded
gradient norms need, plus ``forward_trace`` for the per-layer statistics), the mini-batch steps
(the rest of the fit), and one step's parts on a batch (the network's ``layers``, the output
head of ``nn.OUTPUTS`` and an optimizer of ``nn.OPTIMIZERS``). Timings on a shared machine are
noisy; the best of several repeats is the figure to quote.
"""

import argparse
import cProfile
import pstats
import time
import timeit

import numpy as np

from actlab import nn


def task(n=1200, d=64, k=10):
    rng = np.random.default_rng(0)
    return rng.standard_normal((n, d)), rng.integers(0, k, n)


def fit_once(X, y, activation, epochs):
    net = nn.MLP([X.shape[1], 64, 10], activation=activation, output="softmax", seed=0)
    start = time.perf_counter()
    net.fit(X, y, epochs=epochs, lr=1e-3, batch_size=32, optimizer="adam", progress=False)
    return time.perf_counter() - start


def best_us(fn, number, repeat=5):
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def epoch_pass(X, y, activation):
    """Microseconds of one end-of-epoch pass, measured apart: gradients and traces on all of X."""
    net = nn.MLP([X.shape[1], 64, 10], activation=activation, output="softmax", seed=0)
    return best_us(lambda: (net.loss_and_grads(X, y), net.forward_trace(X)), number=5)


def step_parts(X, y, activation, number=2000):
    """Microseconds per call of each part of one mini-batch step (best of several)."""
    net = nn.MLP([X.shape[1], 64, 10], activation=activation, output="softmax", seed=0)
    Xb, yb, head = X[:32], y[:32], nn.OUTPUTS["softmax"]
    dense1, act, dense2 = net.layers
    Z1 = dense1.forward(Xb)
    A1 = act.forward(Z1)
    Z2 = dense2.forward(A1)
    dZ2 = head.grad(Z2, yb)
    dA1 = dense2.backward(dZ2)
    dZ1 = act.backward(dA1)
    opt = nn.OPTIMIZERS["adam"](1e-3)
    params = [a for pair in net.params for a in pair]
    grads = [g for pair in net.loss_and_grads(Xb, yb)[1] for g in pair]
    parts = {
        "dense 1 forward": lambda: dense1.forward(Xb),
        f"{activation} forward": lambda: act.forward(Z1),
        "dense 2 forward": lambda: dense2.forward(A1),
        "softmax + CE gradient": lambda: head.grad(Z2, yb),
        "dense 2 backward": lambda: dense2.backward(dZ2),
        f"{activation} backward": lambda: act.backward(dA1),
        "dense 1 backward": lambda: dense1.backward(dZ1),
        "adam step (all weights)": lambda: opt.step(params, grads),
        "loss_and_grads + adam step": lambda: opt.step(
            params, [g for pair in net.loss_and_grads(Xb, yb)[1] for g in pair]
        ),
    }
    return {k: best_us(f, number) for k, f in parts.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--activation", default="relu")
    parser.add_argument("--number", type=int, default=2000, help="calls per timing of a part")
    parser.add_argument("--size", type=int, default=1200, help="training examples")
    parser.add_argument("--profile", action="store_true", help="cProfile one fit")
    args = parser.parse_args(argv)
    X, y = task(n=args.size)
    total = min(fit_once(X, y, args.activation, args.epochs) for _ in range(args.repeat))
    passes = epoch_pass(X, y, args.activation) * args.epochs / 1e6
    print(f"MLP([64, 64, 10], {args.activation!r}, softmax), Adam, batch 32, {args.epochs} epochs")
    print(f"  fit with recording   {total:.3f} s (best of {args.repeat})")
    print(f"  end-of-epoch passes  {passes:.3f} s ({passes / args.epochs * 1e3:.2f} ms each)")
    print(f"  mini-batch steps     {total - passes:.3f} s (the rest)")
    print("  one step's parts, microseconds:")
    for name, us in step_parts(X, y, args.activation, args.number).items():
        print(f"    {name:<28} {us:7.1f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(fit_once, X, y, args.activation, args.epochs)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
