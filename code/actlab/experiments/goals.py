"""Chapter 1's experiment over several seeds: does the output activation follow the goal?

One data set, a trail whose height is ``sin x`` plus GPS noise, is asked two questions: how high
is this point (regression) and is it high ground, ``y > 0.5`` (classification). For each seed
:func:`output_goal` draws the data and its split anew, trains the chapter's four networks (one
input, 16 tanh units, one output; Xavier initialisation; Adam) and scores them on the test points.
The data are drawn as the chapter draws them, ``data.sine(seed=s)`` and ``data.split(seed=s)``,
so the row of the chapter's own seed repeats its single run; the network's streams
(``SeedSequence(s).spawn(2)``) are different ones.

>>> runs = output_goal([0, 1], epochs=5)
>>> runs.seeds, len(runs.scores["base rate"])
([0, 1], 2)
>>> print(runs.table(["accuracy, sigmoid output"]))  # doctest: +ELLIPSIS
over 2 seeds, smallest to largest:
  accuracy, sigmoid output ... to ...
"""

import dataclasses

import numpy as np

from .. import _validate, data, nn

#: The measurements of one seed, in the order :meth:`GoalRuns.table` prints them.
SCORES = (
    "base rate",
    "accuracy, sigmoid output",
    "accuracy, linear output",
    "Brier, sigmoid output",
    "Brier, linear output clipped",
    "linear outputs off [-0.05, 1.05]",
    "MSE, true profile",
    "MSE, tanh hidden units",
    "MSE, linear hidden units",
    "floor, any sigmoid output",
)


@dataclasses.dataclass(frozen=True)
class GoalRuns:
    """Result of :func:`output_goal`: ``scores[name]`` has one value per seed of ``seeds``."""

    seeds: list
    scores: dict

    def comparisons(self):
        """Seed by seed: the smallest and largest multiple of the tanh hidden units' test MSE,
        ``{score: (smallest, largest)}``; the number of seeds on which two things hold,
        ``{what: count}``; and the number of seeds."""
        s, n = self.scores, len(self.seeds)
        tanh = s["MSE, tanh hidden units"]
        beaten = np.minimum(s["accuracy, sigmoid output"], s["accuracy, linear output"])
        ratios = {
            "MSE, linear hidden units": s["MSE, linear hidden units"] / tanh,
            "floor, any sigmoid output": s["floor, any sigmoid output"] / tanh,
        }
        wins = {
            "both classifiers beat the base rate": int(np.sum(beaten > s["base rate"])),
            "the sigmoid output's Brier is lower": int(
                np.sum(s["Brier, sigmoid output"] < s["Brier, linear output clipped"])
            ),
        }
        return {k: (float(v.min()), float(v.max())) for k, v in ratios.items()}, wins, n

    def table(self, names=None):
        """The range of each score over the seeds, one line each, then :meth:`comparisons`.

        ``names`` picks scores (default: all of SCORES) and leaves the comparisons out. Every line
        is at most 79 characters.
        """
        if names is not None:
            names = _validate.listing(names, "names", "GoalRuns.table", kind=str)
            if unknown := [name for name in names if name not in self.scores]:
                raise ValueError(
                    f"GoalRuns.table: unknown score(s) {unknown}; the scores are {list(SCORES)}"
                )
        lines = [f"over {len(self.seeds)} seeds, smallest to largest:"]
        for name in SCORES if names is None else names:
            values = self.scores[name]
            fmt = ".4f" if name.startswith(("Brier", "MSE", "floor")) else ".0%"
            lines.append(f"  {name:<34} {min(values):{fmt}} to {max(values):{fmt}}")
        if names is None:
            ratios, wins, n = self.comparisons()
            lines.append("as a multiple of the tanh hidden units' test MSE, seed by seed:")
            lines += [f"  {k:<34} {lo:.1f} to {hi:.1f} times" for k, (lo, hi) in ratios.items()]
            lines.append("seeds on which")
            lines += [f"  {k:<40} {count} of {n}" for k, count in wins.items()]
        return "\n".join(lines)


def base_rate(train_labels, test_labels):
    """Test accuracy of always giving the answer that is commoner in the *training* labels."""
    answer = float(np.mean(train_labels) > 0.5)
    return float(np.mean(np.asarray(test_labels) == answer))


def _train(output, X, y, hidden, seed, epochs):
    net = nn.MLP([1, 16, 1], activation=hidden, output=output, init="xavier", seed=seed)
    net.fit(X, y, epochs=epochs, lr=0.03, batch_size=32, optimizer="adam")
    return net.predict


def _mse(y_hat, y):
    return float(np.mean((np.ravel(y_hat) - y) ** 2))


def one_seed(seed, n=200, noise=0.1, epochs=100):
    """Chapter 1's experiment for one seed: ``{score name: value}`` in the order of SCORES."""
    X, height = data.sine(n=n, noise=noise, seed=seed)
    X_train, h_train, X_test, h_test = data.split(X, height, fractions=(0.75, 0.25), seed=seed)
    high_train, high_test = (h_train > 0.5).astype(float), (h_test > 0.5).astype(float)
    p = _train("sigmoid", X_train, high_train, "tanh", seed, epochs)(X_test).ravel()
    q = _train("linear", X_train, high_train, "tanh", seed, epochs)(X_test).ravel()
    v = _train("linear", X_train, h_train, "tanh", seed, epochs)(X_test)
    v_flat = _train("linear", X_train, h_train, "linear", seed, epochs)(X_test)
    return {
        "base rate": base_rate(high_train, high_test),
        "accuracy, sigmoid output": float(np.mean((p > 0.5) == high_test)),
        "accuracy, linear output": float(np.mean((q > 0.5) == high_test)),
        "Brier, sigmoid output": _mse(p, high_test),
        "Brier, linear output clipped": _mse(np.clip(q, 0.0, 1.0), high_test),
        "linear outputs off [-0.05, 1.05]": float(np.mean((q < -0.05) | (q > 1.05))),
        "MSE, true profile": _mse(np.sin(X_test), h_test),
        "MSE, tanh hidden units": _mse(v, h_test),
        "MSE, linear hidden units": _mse(v_flat, h_test),
        "floor, any sigmoid output": _mse(np.clip(h_test, 0.0, 1.0), h_test),
    }


def output_goal(seeds, n=200, noise=0.1, epochs=100):
    """Chapter 1's experiment repeated for each seed of ``seeds``: a :class:`GoalRuns`.

    Claims tested: the output activation follows the goal (a sigmoid output with the binary
    cross-entropy for a yes/no question, a linear output with the squared error for a value;
    Bridle 1990, ``bridle1990probabilistic``); a bounded output has an error floor on targets
    outside its range; hidden layers need a non-linear activation (Cybenko 1989,
    ``cybenko1989approximation``). Per seed: the base rate (always the training set's commoner
    answer), the accuracy and Brier score of the sigmoid output and of the linear output
    (clipped to [0, 1] for the Brier score), the share of linear outputs off [-0.05, 1.05], the
    test MSE of the true profile ``sin x`` (the noise alone), of the tanh and of the linear
    hidden layer (linear outputs), and the floor under any output confined to [0, 1].
    """
    where = "experiments.output_goal"
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"{where}: seeds must list integer seeds, got {seeds!r}")
    seeds = [_validate.seed(s, where) for s in seeds]
    if not seeds or None in seeds:
        raise ValueError(f"{where}: seeds must list at least one integer seed, got {seeds!r}")
    n = _validate.positive_int(n, "n", where)
    noise = _validate.nonnegative(noise, "noise", where)
    epochs = _validate.positive_int(epochs, "epochs", where)
    runs = [one_seed(s, n, noise, epochs) for s in seeds]
    return GoalRuns(seeds, {k: np.array([r[k] for r in runs]) for k in SCORES})
