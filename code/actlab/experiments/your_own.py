r"""Bring your own activation: its report card from the course's own measurements.

:func:`report_card` takes a registry name, or a function with its derivative, checks the
derivative against finite differences (a wrong one is refused, naming where it differs), and
measures what chapters 5 to 7 and 10 measured for the standard activations: the signal left
at the first layer of a deep stack at initialisation (chapter 5, :func:`signal_norms`), dead
units after training (chapter 7, :func:`dead_units_during_training`), the time per value
against ReLU (chapter 6, :func:`time_formulas`), and the validation accuracy on the tasks of
the harness beside the standard activations on the same seeds (:func:`compare`,
:func:`cached`).

>>> act = as_activation(lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2,
...                     name="my_softsign")
>>> act.name, float(act(1.0)), float(act.derivative(1.0))
('my_softsign', 0.5, 0.25)
>>> check_derivative(act).max_error < 1e-6
True
"""

import dataclasses
import textwrap

import numpy as np

from .. import _validate, activations, data
from ..nn.init import INITS
from ..nn.train import dead_units_mask
from . import choosing
from .dying import dead_units_during_training
from .initialisation import signal_norms
from .timing import machine_facts, time_formulas


def _signal(act, init, seed):
    """The share of the top layer's signal left at layer 1 of 10 (NaN if none reaches it)."""
    try:
        return float(signal_norms(act, init=init, depth=10, width=64, n=128, seed=seed)
                     .relative[0])  # fmt: skip
    except ValueError:  # no signal at the top layer: nothing to compare with
        return float("nan")


#: Where the derivative is checked: a grid from -6 to 6 and a few large values.
CHECK_POINTS = np.concatenate([np.linspace(-6.0, 6.0, 241) + 0.0123, [-40.0, -15.0, 15.0, 40.0]])


def as_activation(fn, derivative, name="mine"):
    """An :class:`~actlab.activations.Activation` made of a function and its derivative.

    Both take a float64 array and return an array of its shape. The properties are measured on
    a grid (odd, monotonic, bounded, value and slope at 0); ``family`` is only a label
    ("smooth" when the derivative has no jump on the grid, else "hard"). The result is not
    registered: pass it to ``nn.MLP(activation=...)`` or to the experiments as it is.
    """
    where = "experiments.as_activation"
    if not callable(fn) or not callable(derivative):
        raise TypeError(
            f"{where}: give a function and its derivative (both callables of an array), got "
            f"{type(fn).__name__} and {type(derivative).__name__}"
        )
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"{where}: name must be a short identifier like 'mine', got {name!r}")

    def f(x):
        return np.asarray(fn(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    def df(x):
        return np.asarray(derivative(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    x = np.linspace(-8.0, 8.0, 1601)
    for what, g in (("function", f), ("derivative", df)):
        try:
            with np.errstate(all="ignore"):
                out = g(x)
        except Exception as exc:  # noqa: BLE001 - the learner's function: say what failed
            raise ValueError(f"{where}: your {what} raised {type(exc).__name__} on an array of "
                             f"inputs: {exc}") from None  # fmt: skip
        if out.shape != x.shape:
            raise ValueError(f"{where}: your {what} must return an array of its input's shape "
                             f"{x.shape}; got {out.shape}")  # fmt: skip
        if not np.isfinite(out).all():
            bad = float(x[~np.isfinite(out)][0])
            raise ValueError(f"{where}: your {what} is not finite at x = {bad:.3g}")
    y, dy, big = f(x), df(x), f(np.array([-1e6, 1e6]))
    return activations.Activation(
        name=name, fn=f, grad=df, family="smooth" if np.abs(np.diff(dy)).max() < 0.1 else "hard",
        latex=name, derivative_latex=f"{name}'", output_range="measured on a grid",
        odd=bool(np.allclose(f(-x), -y)), monotonic=bool(np.all(dy >= 0)),
        smooth=bool(np.abs(np.diff(dy)).max() < 0.1),
        bounded=bool(np.all(np.abs(big) < 1e3)), saturating=bool(np.all(np.abs(df(
            np.array([-1e6, 1e6]))) < 1e-6)), value_at_zero=float(f(0.0)),
        derivative_at_zero=float(df(0.0)), reference=None, torch=None, jax=None,
        summary="an activation of one's own", use="", chapter=None,
    )  # fmt: skip


@dataclasses.dataclass(frozen=True)
class DerivativeCheck:
    """Result of :func:`check_derivative`: the largest gap to central finite differences, at
    the points where the function is smooth (two step sizes agree), and where it is."""

    max_error: float
    worst_x: float
    given: float
    finite_difference: float
    points: int


def check_derivative(act, tol=1e-4):
    r"""Compare ``act.derivative`` with central differences :math:`(f(x+h) - f(x-h)) / 2h` on
    :data:`CHECK_POINTS`; raise a ValueError naming the first point where they differ.

    Points where two step sizes (:math:`h = 10^{-5}` and :math:`10^{-6}`) disagree are kinks,
    where no single slope exists (ReLU at 0): they are skipped. The relative error allowed is
    ``tol`` (of :math:`1 + |f'|`).
    """
    where = "experiments.check_derivative"
    act = activations.get(act)
    x = CHECK_POINTS
    with np.errstate(all="ignore"):
        fd1 = (act(x + 1e-5) - act(x - 1e-5)) / 2e-5
        fd2 = (act(x + 1e-6) - act(x - 1e-6)) / 2e-6
        given = np.asarray(act.derivative(x), dtype=float)
    smooth = np.abs(fd1 - fd2) <= 1e-3 * (1 + np.abs(fd1))
    error = np.where(smooth, np.abs(given - fd1) / (1 + np.abs(fd1)), 0.0)
    i = int(np.argmax(error))
    if error[i] > tol or not np.isfinite(given).all():
        if not np.isfinite(given).all():
            i = int(np.flatnonzero(~np.isfinite(given))[0])
        raise ValueError(
            f"{where}: the derivative of {act.name!r} is wrong: at x = {x[i]:.4g} it gives "
            f"{given[i]:.6g}, but the function's slope there (a finite difference) is "
            f"{fd1[i]:.6g}; check the formula there"
        )
    return DerivativeCheck(float(error[i]), float(x[i]), float(given[i]), float(fd1[i]),
                           int(smooth.sum()))  # fmt: skip


@dataclasses.dataclass(frozen=True)
class ReportCard:
    """Result of :func:`report_card`; ``str(card)`` prints it in 79 columns."""

    name: str
    derivative: DerivativeCheck
    signal: dict  # name -> share of the top layer's signal left at layer 1 (chapter 5)
    dead: dict  # name -> share of hidden units dead after training (chapter 7)
    ns_per_value: dict  # name -> time per value, float64 (chapter 6)
    machine: dict  # what the times depend on (experiments.machine_facts())
    accuracy: dict  # task -> name -> validation accuracies over the seeds
    base_rate: dict  # task -> mean base rate
    seeds: list

    def rank(self, task):
        """Your activation's place (1 = best mean) among the standard ones on ``task``."""
        means = {a: float(np.mean(v)) for a, v in self.accuracy[task].items()}
        return 1 + sum(m > means[self.name] for a, m in means.items() if a != self.name)

    def __str__(self):
        me, d = self.name, self.derivative
        lines = [f"Report card: {me}", f"  derivative: matches finite differences on {d.points} "
                 f"points (largest gap {d.max_error:.1e})"]  # fmt: skip
        lines.append("  signal left at layer 1 of 10 at initialisation (chapter 5): "
                     + ", ".join(f"{a} {v:.3g}" for a, v in self.signal.items()))  # fmt: skip
        lines.append("  dead units (slope 0 on every example) after 5 epochs, digits, lr 0.1 "
                     "(chapter 7): "
                     + ", ".join(f"{a} {v:.0%}" for a, v in self.dead.items()))  # fmt: skip
        relu = self.ns_per_value["relu"]
        m = self.machine
        ratio = self.ns_per_value[me] / relu
        lines.append(f"  time per value, 2**16 float64 values, this machine (chapter 6): "
                     f"{me} {self.ns_per_value[me]:.2g} ns, {ratio:.2g} times ReLU's "
                     f"({m['cpu']}; SIMD {m['simd']}; NumPy {m['numpy']})")  # fmt: skip
        n = len(self.seeds)
        lines.append(f"  validation accuracy, mean of {n} seeds (range), rank of "
                     f"{len(next(iter(self.accuracy.values())))}:")  # fmt: skip
        for task, row in self.accuracy.items():
            best = max(row, key=lambda a: np.mean(row[a]))
            mine = row[me]
            lines.append(
                f"    {task:<12} {np.mean(mine):.1%} ({mine.min():.0%}-{mine.max():.0%}), "
                f"rank {self.rank(task)}; best {best} {np.mean(row[best]):.1%}; base "
                f"{self.base_rate[task]:.0%}"
            )
        wrapped = []
        for line in lines:
            indent = " " * (len(line) - len(line.lstrip()) + 2)
            wrapped += textwrap.wrap(line, 79, subsequent_indent=indent)
        return "\n".join(wrapped)

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def _dead_share(run, act, X):
    """The share of a trained network's hidden units that are dead: the activation's derivative
    is exactly 0 on every training example (:func:`nn.train.dead_units_mask`, the harness's
    definition), so a unit whose input is negative everywhere counts only where the slope
    there is 0 (ReLU's, not ISRLU's or Leaky ReLU's)."""
    masks = [dead_units_mask(act.derivative(t["Z"])) for t in run.net.forward_trace(X)]
    return float(np.concatenate(masks).mean())


def report_card(fn, derivative=None, *, name="mine", tasks=tuple(choosing.TASKS), seeds=(0, 1, 2),
                init=None):  # fmt: skip
    """The report card of an activation: a registry name, or a function and its derivative.

    The derivative is checked first (:func:`check_derivative`); a wrong one raises a ValueError
    that says where it differs, before anything is trained. Then, beside ReLU (and the
    sigmoid, for the signal): the signal left at the first of 10 hidden layers of 64 units at
    initialisation (``init`` for yours, by default :data:`choosing.INIT`'s or Xavier's; He for
    ReLU, Xavier for the sigmoid; NaN when no signal reaches the top layer), the share of
    dead units after chapter 7's training (digits, 3 layers of 32, lr 0.1, 5 epochs), the time
    per value on 2**16 float64 values, and the validation accuracy on each task of ``tasks``
    (names of :data:`choosing.TASKS`) over ``seeds`` (each at most 24), beside the standard
    activations' accuracies on the same seeds from :func:`choosing.cached`. Only your
    activation is trained here (a few seconds); the others come from the cache.
    """
    where = "experiments.report_card"
    if isinstance(fn, (str, activations.Activation)):
        if derivative is not None:
            raise TypeError(f"{where}: a registry name (or an Activation) brings its own "
                            "derivative; give derivative only with a function")  # fmt: skip
        act = activations.get(fn)
    elif derivative is None:
        raise TypeError(f"{where}: give the derivative of your function too: "
                        "report_card(f, f_derivative)")  # fmt: skip
    else:
        act = as_activation(fn, derivative, name)
    if act.vector_valued:
        raise ValueError(f"{where}: {act.name!r} is vector-valued; a hidden activation acts "
                         "on each unit alone")  # fmt: skip
    check = check_derivative(act)
    tasks = _validate.listing(tasks, "tasks", where, kind=str)
    for task in tasks:
        _validate.choice(task, choosing.TASKS, "task", where)
    seeds = [_validate.seed(s, where) for s in _validate.listing(seeds, "seeds", where)]
    cache = choosing.cached()
    if missing := [s for s in seeds if s not in cache.seeds]:
        raise ValueError(f"{where}: the cache holds seeds {cache.seeds[0]} to "
                         f"{cache.seeds[-1]}; {missing} are not among them")  # fmt: skip
    me = act.name
    init = choosing.INIT.get(me, "xavier") if init is None else init
    _validate.choice(init, INITS, "init", where)
    signal = {a: _signal(a, scheme, seeds[0]) for a, scheme in
              ((act, init), ("relu", "he"), ("sigmoid", "xavier"))}  # fmt: skip
    signal = dict(zip((me, "relu", "sigmoid"), signal.values(), strict=True))
    run = {"dataset": "digits", "lr": 0.1, "epochs": 5, "seed": seeds[0], "data_seed": seeds[0]}
    train_x = data.load("digits", seed=seeds[0]).X_train  # the runs' training set
    dead = {
        me: _dead_share(dead_units_during_training(act, init=init, **run), act, train_x),
        "relu": _dead_share(
            dead_units_during_training("relu", init="he", **run), activations.get("relu"), train_x
        ),  # fmt: skip
    }
    times = time_formulas({me: act.fn, "relu": activations.get("relu").fn}, sizes=(2**16,),
                          dtypes=("float64",), repeats=3)[("float64", 2**16)]  # fmt: skip
    mine = choosing.compare([act], {t: choosing.TASKS[t] for t in tasks}, seeds, init=init)
    known = cache.select(seeds=seeds, tasks=tasks,
                         activations=[a for a in choosing.STANDARD if a != me])  # fmt: skip
    accuracy = {t: {**known.val[t], me: mine.val[t][me]} for t in tasks}
    return ReportCard(
        name=me,
        derivative=check,
        signal=signal,
        dead={a: float(v) for a, v in dead.items()},
        ns_per_value=times,
        machine=machine_facts(),
        accuracy=accuracy,
        base_rate={t: float(np.mean(mine.base_rate[t])) for t in tasks},
        seeds=seeds,
    )
