r"""Measurements the chapters report, each returning data (arrays, dicts, dataclasses), not figures.

Every function states the claim it tests and the paper it comes from (keys of ``references.bib``),
draws its random numbers from its own ``seed`` (so the same call gives the same numbers), and runs
in well under a few seconds at its default sizes. Plot the results with :mod:`actlab.plotting`.

Random streams: ``nn.MLP(..., seed=s)`` draws its weights and its default batch order from the
two streams that ``numpy.random.SeedSequence(s).spawn(2)`` gives. An experiment that also draws
data, or passes a seed to ``fit``, must not reuse those (inputs drawn from the weights' stream
would be a scaled copy of the first layer's weights), nor use one stream for two jobs. So it
draws from ``derived_seed(s, "data")`` and ``derived_seed(s, "batches")``, seeds made from the
keys ``[s, 1]`` and ``[s, 2]``, which the network never uses.

>>> r = born_dead(width=1, depth=4, n_trials=400, seed=0)
>>> r.depths.tolist(), r.closed_form.tolist()
([1, 2, 3, 4], [0.0, 0.5, 0.75, 0.875])
>>> bool(abs(r.probability[-1] - 0.875) < 0.06)
True

Modules: :mod:`~actlab._seeds` (:data:`STREAMS` and :func:`derived_seed`),
:mod:`~actlab.experiments.initialisation` (:func:`signal_norms`, :func:`unit_spread`,
:func:`born_dead` and its
closed forms), :mod:`~actlab.experiments.trained` (:func:`dead_units` of a given network),
:mod:`~actlab.experiments.dying` (:func:`dead_units_during_training`, epoch by epoch),
:mod:`~actlab.experiments.training` (:func:`activation_stats_during_training`,
:func:`compare_activations`), :mod:`~actlab.experiments.plateau` (:func:`long_run`,
:func:`cached_long_run`: chapter 5's sigmoid network until it leaves its plateau),
:mod:`~actlab.experiments.timing` (:func:`time_activations`),
:mod:`~actlab.experiments.goals` (:func:`output_goal`, chapter 1's experiment over seeds),
:mod:`~actlab.experiments.calibration` (:func:`logistic_labels`, :func:`reliability`,
:func:`expected_calibration_error`), :mod:`~actlab.experiments.gated` (:func:`product_task`,
:func:`gated_vs_plain`, :func:`equal_params_width`, :func:`exact_product_net`: what a gate adds),
:mod:`~actlab.experiments.beyond` (:func:`layer_moments`, :func:`swish_relu_gap`, :func:`dip`,
chapter 8's), :mod:`~actlab.experiments.choosing` (chapter 10's harness:
:func:`compare` over :class:`Task` objects, :func:`optimism`, :func:`cached`) and
:mod:`~actlab.experiments.your_own` (:func:`report_card` of an activation of your own,
:func:`as_activation`, :func:`check_derivative`) and :mod:`~actlab.experiments.softmax`
(chapter 9's: :func:`saturation`, :func:`attention_saturation`, :func:`jacobian_cost`,
:func:`hidden_softmax`, :func:`multilabel`, :func:`digits_calibration`, :func:`fit_temperature`,
:func:`top_label_ece`, :func:`bootstrap_ece`, :func:`confusion_matrix`).
"""

from .._seeds import STREAMS, derived_seed
from .beyond import LayerMoments, SwishGap, dip, layer_moments, lecun_normal, swish_relu_gap
from .calibration import Reliability, expected_calibration_error, logistic_labels, reliability
from .choosing import Comparison, Optimism, Task, cached, compare, optimism, train_once
from .dying import DyingRun, dead_units_during_training
from .gated import (
    GatedRuns,
    ProductRuns,
    equal_params_width,
    exact_product_net,
    gated_vs_plain,
    product_task,
)
from .goals import GoalRuns, output_goal
from .initialisation import BornDead, SignalNorms, born_dead, signal_norms, unit_spread
from .plateau import cached_long_run, long_run
from .softmax import (
    AttentionSaturation,
    DigitsCalibration,
    HiddenRuns,
    JacobianCost,
    MultiLabelRuns,
    Saturation,
    attention_saturation,
    bootstrap_ece,
    confusion_matrix,
    digits_calibration,
    fit_temperature,
    hidden_softmax,
    jacobian_cost,
    multilabel,
    saturation,
    top_label_ece,
)
from .timing import machine_facts, time_activations, time_formulas
from .trained import DeadUnits, dead_units
from .training import TrainingStats, activation_stats_during_training, compare_activations
from .your_own import DerivativeCheck, ReportCard, as_activation, check_derivative, report_card

__all__ = [
    "STREAMS",
    "derived_seed",
    "SignalNorms",
    "signal_norms",
    "unit_spread",
    "long_run",
    "cached_long_run",
    "BornDead",
    "born_dead",
    "DeadUnits",
    "dead_units",
    "DyingRun",
    "dead_units_during_training",
    "TrainingStats",
    "activation_stats_during_training",
    "compare_activations",
    "time_activations",
    "time_formulas",
    "machine_facts",
    "GoalRuns",
    "output_goal",
    "logistic_labels",
    "Reliability",
    "reliability",
    "expected_calibration_error",
    "ProductRuns",
    "product_task",
    "GatedRuns",
    "gated_vs_plain",
    "equal_params_width",
    "exact_product_net",
    "Task",
    "Comparison",
    "Optimism",
    "compare",
    "train_once",
    "optimism",
    "cached",
    "as_activation",
    "check_derivative",
    "DerivativeCheck",
    "ReportCard",
    "report_card",
    "LayerMoments",
    "layer_moments",
    "lecun_normal",
    "SwishGap",
    "swish_relu_gap",
    "dip",
    "Saturation",
    "saturation",
    "AttentionSaturation",
    "attention_saturation",
    "JacobianCost",
    "jacobian_cost",
    "HiddenRuns",
    "hidden_softmax",
    "MultiLabelRuns",
    "multilabel",
    "DigitsCalibration",
    "digits_calibration",
    "fit_temperature",
    "top_label_ece",
    "bootstrap_ece",
    "confusion_matrix",
]
