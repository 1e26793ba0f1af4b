"""Training speed of actlab.nn against scikit-learn's MLPClassifier, on the same task.

Run from the repository root: ``.venv/bin/python benchmarks/bench_nn.py``. Both train the same
network on scikit-learn's handwritten digits (``actlab.data.load("digits", seed=0)``: 1078
training and 360 validation images of 64 pixels): one hidden layer of 64 ReLU units, a softmax
output with cross-entropy, Adam, mini-batches of 32, 50 passes over the data, no L2 penalty,
Glorot-uniform initial weights (actlab's default; scikit-learn's for ReLU too), seed 0.
scikit-learn is told never to stop early (``tol=0`` and ``n_iter_no_change`` beyond the last
epoch), so both run all 50 epochs. actlab's ``fit`` is called without validation data, so it does
no more bookkeeping than it must.

Each library is timed in turns with the other (one fit each per repeat, a fresh network each
time) and the best time of each is kept, so a burst of load on a shared machine slows both.
Load does not slow them equally, though: on a 2-core machine whose other core was busy, actlab's
fit once took 1.8-2.8 s instead of 0.3 s while scikit-learn's went from 0.5 to 0.6-0.9 s. A
likely cause (not proven): OpenBLAS splits the larger products of actlab's end-of-epoch pass over
the whole training set across threads, which then wait for the busy core. ``--blas-threads 1``
(threadpoolctl, pinned in requirements.txt) runs both single-threaded, to compare without it.
Targets: actlab at least as fast (ratio <= 1) and validation accuracy within one point of
scikit-learn's. A miss is flagged; the exit status is 0 either way (this is a report, not a test).
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from actlab import data, nn


def actlab_fit(d, args):
    net = nn.MLP([64, args.hidden, 10], activation="relu", output="softmax", seed=0)
    start = time.perf_counter()
    net.fit(d.X_train, d.y_train, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size,
            optimizer="adam", seed=0)  # fmt: skip
    seconds = time.perf_counter() - start
    return seconds, net.evaluate(d.X_val, d.y_val)["accuracy"]


def sklearn_fit(d, args):
    clf = MLPClassifier(
        hidden_layer_sizes=(args.hidden,),
        activation="relu",
        solver="adam",
        alpha=0.0,
        batch_size=args.batch_size,
        learning_rate_init=args.lr,
        max_iter=args.epochs,
        tol=0.0,
        n_iter_no_change=args.epochs + 1,
        random_state=0,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(d.X_train, d.y_train)
    seconds = time.perf_counter() - start
    assert clf.n_iter_ == args.epochs, f"scikit-learn stopped after {clf.n_iter_} epochs"
    return seconds, float(np.mean(clf.predict(d.X_val) == d.y_val))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="repeats; the best time is kept")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam's learning rate (both)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--hidden", type=int, default=64, help="units in the hidden layer")
    parser.add_argument("--blas-threads", type=int, default=None, help="limit BLAS threads")
    args = parser.parse_args(argv)
    with threadpool_limits(limits=args.blas_threads, user_api="blas"):
        run(args)


def run(args):
    d = data.load("digits", seed=0)
    print(
        f"digits: {len(d.y_train)} training, {len(d.y_val)} validation images; network "
        f"[64, {args.hidden}, 10], ReLU, softmax; Adam lr {args.lr:g}, batch {args.batch_size}, "
        f"{args.epochs} epochs; best of {args.repeat}; BLAS threads {args.blas_threads or 'as is'}"
    )
    best = {"actlab.nn": float("inf"), "scikit-learn": float("inf")}
    accuracy = {}
    for _ in range(args.repeat):
        for name, fit in (("actlab.nn", actlab_fit), ("scikit-learn", sklearn_fit)):
            seconds, accuracy[name] = fit(d, args)
            best[name] = min(best[name], seconds)
    for name in best:
        print(f"  {name:<13} {best[name]:7.3f} s   validation accuracy {accuracy[name]:.2%}")
    ratio = best["actlab.nn"] / best["scikit-learn"]
    gap = 100 * (accuracy["actlab.nn"] - accuracy["scikit-learn"])
    print(f"  time ratio actlab / scikit-learn: {ratio:.2f}" + ("" if ratio <= 1 else "  MISS"))
    print(f"  accuracy difference: {gap:+.1f} points" + ("" if abs(gap) <= 1 else "  MISS"))


if __name__ == "__main__":
    main()
