"""Tests of actlab.experiments: shapes and keys, determinism, and one sanity property each."""

import numpy as np
import pytest

from actlab import data, experiments, nn


def binomial_tolerance(p, n_trials, sigmas=4.0):
    """A band that a correct simulation leaves with probability well under 1e-3 per point."""
    return sigmas * np.sqrt(p * (1 - p) / n_trials) + 1.0 / n_trials


# signal_norms ------------------------------------------------------------------------------------


def test_signal_norms_shapes_and_determinism():
    r = experiments.signal_norms("tanh", depth=5, width=16, n=32, seed=1)
    assert r.layers.tolist() == [1, 2, 3, 4, 5]
    assert r.norms.shape == (5, 32) and r.median.shape == r.relative.shape == (5,)
    assert r.activation_std.shape == (5,) and np.all(r.norms > 0)
    assert r.relative[-1] == 1.0
    again = experiments.signal_norms("tanh", depth=5, width=16, n=32, seed=1)
    assert np.array_equal(r.norms, again.norms)
    other = experiments.signal_norms("tanh", depth=5, width=16, n=32, seed=2)
    assert not np.array_equal(r.norms, other.norms)


def test_unit_spread_is_the_median_over_units_of_the_spread_across_examples():
    A = np.array([[0.0, 1.0, 5.0], [2.0, 1.0, 5.0], [4.0, 1.0, 5.0]])  # one unit varies
    assert experiments.unit_spread(A) == 0.0 and np.std(A) > 1
    assert experiments.unit_spread(A[:, :1]) == pytest.approx(np.std([0.0, 2.0, 4.0]))
    r = experiments.signal_norms("tanh", depth=3, width=16, n=32, seed=1)
    net = nn.MLP([16] * 4 + [10], activation="tanh", output="softmax", seed=1)
    trace = net.forward_trace(r.X)
    assert r.unit_spread.tolist() == [experiments.unit_spread(t["A"]) for t in trace]


@pytest.mark.parametrize(
    "A, error, match",
    [
        (
            np.zeros((1, 3)),
            ValueError,
            r"unit_spread: A must have shape \(examples, units\) "
            r"with at least 2 examples and 1 unit, got shape \(1, 3\)",
        ),
        (np.zeros(4), ValueError, r"got shape \(4,\)"),
        (np.array([[0.0, np.nan], [1.0, 2.0]]), ValueError, "unit_spread: A has NaN"),
        (np.array([["a", "b"], ["c", "d"]]), TypeError, "unit_spread: A must be an array of real"),
    ],
)
def test_unit_spread_refuses_bad_input(A, error, match):
    with pytest.raises(error, match=match):
        experiments.unit_spread(A)


@pytest.mark.parametrize("init", ["he", "xavier"])
def test_signal_norms_inputs_are_independent_of_the_weights(init):
    r = experiments.signal_norms("relu", init, depth=3, width=64, n=256, seed=0)
    net = nn.MLP([64] * 4 + [10], activation="relu", output="softmax", init=init, seed=0)
    # r.X and r.y are what the norms were measured on
    assert np.array_equal(r.norms[0], np.linalg.norm(net.backward_signals(r.X, r.y)[0], axis=1))
    assert r.X.shape == (256, 64) and r.y.shape == (256,) and set(r.y.tolist()) <= set(range(10))
    # the inputs come from derived_seed(0, "data"), not from the weights' stream
    assert np.array_equal(r.X[0], np.random.default_rng(experiments.derived_seed(0, "data"))
                          .standard_normal(64))  # fmt: skip
    for W, _ in net.params:
        rows = min(len(W), len(r.X))
        block, weights = r.X[:rows, : W.shape[1]].ravel(), W[:rows].ravel()
        assert not np.array_equal(W[:rows], np.sqrt(2 / 64) * r.X[:rows, : W.shape[1]])
        # a scaled copy would correlate perfectly; independent draws give |r| ~ 1/sqrt(size)
        assert abs(np.corrcoef(block, weights)[0, 1]) < 5 / np.sqrt(block.size)


def test_derived_seeds_differ_from_each_other_and_from_the_networks_streams():
    for seed in (0, 1, 7):
        init_seq, fit_seq = np.random.SeedSequence(seed).spawn(2)
        first = [
            np.random.default_rng(s).integers(2**62)
            for s in (
                experiments.derived_seed(seed, "data"),
                experiments.derived_seed(seed, "batches"),
                seed,
                init_seq,
                fit_seq,
            )
        ]
        assert len(set(first)) == 5, seed
    assert experiments.derived_seed(None, "data") is None
    with pytest.raises(ValueError, match="unknown stream 'weights'"):
        experiments.derived_seed(0, "weights")
    with pytest.raises(ValueError, match="derived_seed: seed must be None or a non-negative"):
        experiments.derived_seed(-1, "data")


def test_sigmoid_signal_vanishes_under_xavier_but_a_linear_nets_does_not():
    sigmoid = experiments.signal_norms("sigmoid", "xavier", depth=10, width=64, seed=0)
    linear = experiments.signal_norms("linear", "xavier", depth=10, width=64, seed=0)
    # sigmoid' <= 1/4: about a factor 4 lost per layer, nine layers below the top
    assert sigmoid.relative[0] < 1e-3
    assert np.all(np.diff(sigmoid.median) > 0)  # shrinks at every step towards the input
    assert 0.3 < linear.relative[0] < 3.0


def test_relu_needs_he_initialisation_to_keep_its_signal():
    xavier = experiments.signal_norms("relu", "xavier", depth=10, width=64, seed=0)
    he = experiments.signal_norms("relu", "he", depth=10, width=64, seed=0)
    # Xavier halves the variance per layer for ReLU: sqrt(1/2)^9 ~ 0.044 of the top's signal
    assert 0.01 < xavier.relative[0] < 0.15
    assert 0.4 < he.relative[0] < 2.5


# dead_units --------------------------------------------------------------------------------------


def net_with_first_bias(activation, bias):
    net = nn.MLP([2, 8, 8, 1], activation=activation, output="sigmoid", seed=0)
    (W1, _), *rest = net.params
    net.params = [(W1, np.full(8, bias)), *rest]
    return net


def test_dead_units_huge_negative_bias_kills_every_relu_unit():
    X = np.random.default_rng(0).standard_normal((100, 2))
    r = experiments.dead_units(net_with_first_bias("relu", -1e3), X)
    assert r.fraction == [1.0, 1.0]  # layer 2 sees only zeros, and its bias starts at 0
    assert [u.tolist() for u in r.units] == [list(range(8))] * 2
    assert r.zero_fraction == [1.0, 1.0] and r.overall == 1.0
    leaky = experiments.dead_units(net_with_first_bias("leaky_relu", -1e3), X)
    assert leaky.fraction == [0.0, 0.0] and leaky.overall == 0.0
    # there leaky ReLU's first layer outputs only negative numbers: a negative output is no zero
    first = net_with_first_bias("leaky_relu", -1e3).forward_trace(X)[0]["A"]
    assert np.all(first < 0) and leaky.zero_fraction == [0.0, 0.0]
    tanh = nn.MLP([2, 8, 8, 1], activation="tanh", output="sigmoid", seed=0)
    assert np.mean(tanh.forward_trace(X)[0]["A"] < 0) > 0.2
    assert experiments.dead_units(tanh, X).zero_fraction == [0.0, 0.0]


def test_dead_units_finds_the_one_unit_that_is_dead():
    net = nn.MLP([2, 8, 1], activation="relu", output="sigmoid", seed=0)
    (W1, b1), last = net.params
    b1 = b1.copy()
    b1[3] = -1e3
    net.params = [(W1, b1), last]
    X = np.random.default_rng(0).standard_normal((200, 2))
    r = experiments.dead_units(net, X)
    assert [u.tolist() for u in r.units] == [[3]] and r.fraction == [1 / 8]
    # a live ReLU unit with zero bias is 0 on about half of symmetric inputs
    assert 0.5 < r.zero_fraction[0] < 0.65


def test_dead_units_agrees_with_fits_history_and_sees_learned_slopes():
    X = np.random.default_rng(1).standard_normal((200, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    net = nn.MLP([2, 16, 16, 1], activation="relu", output="sigmoid", init="he", seed=0)
    history = net.fit(X, y, epochs=20, lr=1.0, optimizer="sgd", momentum=0.9)
    r = experiments.dead_units(net, X)
    assert r.fraction == pytest.approx(history["dead_fraction"][-1])
    assert r.zero_fraction == pytest.approx(history["zero_fraction"][-1])
    assert r.overall > 0  # such a learning rate kills units
    # a PReLU net whose learned slopes are 0 behaves as ReLU; with slope 0.25 nothing is dead
    prelu = net_with_first_bias("prelu", -1e3)
    assert experiments.dead_units(prelu, X).fraction == [0.0, 0.0]
    for layer in prelu.activation_parameters:
        layer["alpha"][...] = 0.0
    assert experiments.dead_units(prelu, X).fraction == [1.0, 1.0]
    step = nn.MLP([2, 8, 1], activation="step", output="sigmoid", seed=0)
    assert experiments.dead_units(step, X).fraction == [1.0]  # step' = 0 everywhere


# born_dead ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "inputs, d_in, formula",
    [
        ("normal", 1, lambda L: 1 - 0.5 ** (L - 1)),
        ("normal", 3, lambda L: 1 - 0.5 ** (L - 1)),
        ("uniform", 1, lambda L: 1 - 0.5**L),
    ],
)
def test_born_dead_width_one_matches_the_closed_form(inputs, d_in, formula):
    n_trials = 2000
    r = experiments.born_dead(width=1, depth=8, n_trials=n_trials, seed=0, inputs=inputs, d_in=d_in)
    expected = formula(r.depths)
    assert np.allclose(r.closed_form, expected)
    assert np.all(np.abs(r.probability - expected) <= binomial_tolerance(expected, n_trials))
    assert np.allclose(r.stderr, np.sqrt(r.probability * (1 - r.probability) / n_trials))


def test_born_dead_shapes_determinism_and_monotone_in_depth():
    r = experiments.born_dead(width=2, depth=6, n_trials=300, seed=3)
    assert r.depths.tolist() == list(range(1, 7)) and r.probability.shape == (6,)
    assert r.first_dead_layer.shape == (300,) and r.n_trials == 300
    assert r.closed_form is None and r.lower_bound.shape == (6,)
    assert np.all(np.diff(r.probability) >= 0)
    again = experiments.born_dead(width=2, depth=6, n_trials=300, seed=3)
    assert np.array_equal(r.first_dead_layer, again.first_dead_layer)
    other = experiments.born_dead(width=2, depth=6, n_trials=300, seed=4)
    assert not np.array_equal(r.first_dead_layer, other.first_dead_layer)


def test_born_dead_wider_is_safer_and_respects_the_lower_bound():
    n_trials = 1000
    narrow = experiments.born_dead(width=2, depth=10, n_trials=n_trials, seed=0)
    wide = experiments.born_dead(width=8, depth=10, n_trials=n_trials, seed=0)
    tol = binomial_tolerance(narrow.lower_bound, n_trials)
    assert np.all(narrow.probability >= narrow.lower_bound - tol)
    assert narrow.probability[-1] > 0.5 > wide.probability[-1]


def test_born_dead_with_biases_has_no_formula():
    r = experiments.born_dead(width=1, depth=5, n_trials=1000, seed=0, bias_std=1.0)
    assert r.closed_form is None and r.lower_bound is None
    # a negative enough bias kills the first layer too, even on symmetric inputs (about 7%)
    assert r.probability[0] > 0.03
    assert experiments.born_dead(width=1, depth=5, n_trials=1000, seed=0).probability[0] == 0


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"width": 0}, ValueError, r"born_dead: width must be a positive integer \(>= 1\)"),
        ({"depth": 2.5}, TypeError, "born_dead: depth must be a positive integer"),
        ({"init": "zeros"}, ValueError, "unknown init 'zeros'"),
        ({"inputs": "cauchy"}, ValueError, "unknown inputs 'cauchy'; choose one of"),
        ({"bias_std": -1.0}, ValueError, "bias_std must be >= 0"),
        ({"n_inputs": 1}, ValueError, "n_inputs must be an integer >= 2"),
        ({"seed": -1}, ValueError, "born_dead: seed must be None or a non-negative integer"),
    ],
)
def test_born_dead_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        experiments.born_dead(**kwargs)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: experiments.born_dead(seed="a"), TypeError, "born_dead: seed must be None or"),
        (lambda: experiments.signal_norms(seed=1.5), TypeError, "signal_norms: seed must be"),
        (lambda: experiments.signal_norms(activation_param={}), TypeError,
         "signal_norms: unknown option.s. activation_param; besides its own arguments it "
         "passes activation_params, "),
        (lambda: experiments.signal_norms(sizes=[1]), TypeError,
         "signal_norms: unknown option.s. sizes"),
        (lambda: experiments.derived_seed("a", "data"), TypeError, "derived_seed: seed must"),
        (lambda: experiments.logistic_labels(seed=[0]), TypeError, "logistic_labels: seed must"),
        (lambda: experiments.time_activations(["relu"], seed="0"), TypeError,
         "time_activations: seed must be None"),
        (lambda: experiments.time_activations(["relu"], derivative="no"), TypeError,
         "time_activations: derivative must be True or False, got 'no'"),
        (lambda: experiments.activation_stats_during_training(seed="a"), TypeError,
         "activation_stats_during_training: seed must be None"),
        (lambda: experiments.activation_stats_during_training(hidden=16), TypeError,
         r"activation_stats_during_training: hidden must be a list of integers.*\(16,\)"),
        (lambda: experiments.activation_stats_during_training(hidden=(8, 0)), ValueError,
         r"activation_stats_during_training: hidden\[1\] must be a positive integer"),
        (lambda: experiments.activation_stats_during_training(data_kw=[("n", 5)]), TypeError,
         "activation_stats_during_training: data_kw must be a dict"),
        (lambda: experiments.compare_activations(["relu"], seeds=["a"]), TypeError,
         r"compare_activations: seeds\[0\] must be None or a non-negative integer"),
        (lambda: experiments.compare_activations(["relu"], data_seed="a"), TypeError,
         "compare_activations: data_seed must be None"),
        (lambda: experiments.compare_activations(["relu", "tanh"], init={"rlu": "he"}),
         ValueError, r"compare_activations: init has unknown key.s. \['rlu'\] \('rlu': did "
         r"you mean 'relu'\?\); the keys can be \['relu', 'tanh'\]"),
        (lambda: experiments.compare_activations(["relu"], init={"relu": "hee"}), ValueError,
         r"compare_activations: unknown init\['relu'\] 'hee'"),
        (lambda: experiments.compare_activations(["relu"], init="glorot"), ValueError,
         "compare_activations: unknown init 'glorot'"),
        (lambda: experiments.compare_activations(["relu"], target_loss=np.nan), ValueError,
         "compare_activations: target_loss must be finite, got nan"),
        (lambda: experiments.compare_activations(["relu"], target_loss=-0.1), ValueError,
         "compare_activations: target_loss must be >= 0"),
        (lambda: experiments.compare_activations(["relu"], target_loss="0.3"), TypeError,
         "compare_activations: target_loss must be a real number"),
        (lambda: experiments.compare_activations(["relu"], hidden=()), ValueError,
         "compare_activations: hidden is empty"),
        (lambda: experiments.compare_activations(["relu"], data_kw="n=10"), TypeError,
         "compare_activations: data_kw must be a dict"),
        (lambda: experiments.dead_units(nn.MLP([2, 1]), np.zeros((3, 2))), ValueError,
         r"dead_units: net has no hidden layer \(sizes \[2, 1\]\)"),
        (lambda: experiments.dead_units(nn.MLP([2, 3, 1]), np.zeros((3, 4))), ValueError,
         "experiments.dead_units: X has 4 columns"),
        (lambda: experiments.dead_units(nn.MLP([2, 3, 1]), [[True, 1.0]]), TypeError,
         "experiments.dead_units: X holds booleans"),
    ],
)  # fmt: skip
def test_experiments_refuse_bad_arguments_by_name(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_signal_norms_explains_why_a_step_network_has_no_relative_signal():
    with pytest.raises(ValueError, match="signal_norms: no signal reaches any hidden layer: the "
                                         "derivative of 'step' is 0 on every input"):  # fmt: skip
        experiments.signal_norms("step", depth=3, width=4, n=8)
    with pytest.raises(ValueError, match=r"the median signal at the last hidden layer is 0 "
                                         r"\(\d+% of the examples"):  # fmt: skip
        experiments.signal_norms("softshrink", depth=4, width=8, n=16)
    r = experiments.signal_norms("relu", depth=4, width=8, n=16)  # a live network: all defined
    assert np.isfinite(r.relative).all() and r.relative[-1] == 1.0


def test_dead_units_overall_is_defined_even_without_units():
    empty = experiments.DeadUnits(fraction=[], units=[], zero_fraction=[], widths=[])
    assert np.isnan(empty.overall)
    r = experiments.dead_units(nn.MLP([2, 3, 4, 1], activation="relu"), np.ones((5, 2)))
    assert 0.0 <= r.overall <= 1.0 and r.widths == [3, 4]


def test_compare_activations_uses_the_init_it_is_given_for_each_name():
    kw = {"seeds": (0,), "hidden": (4,), "epochs": 2, "data_kw": {"n": 60}}
    he = experiments.compare_activations(["relu", "tanh"], init={"relu": "he"}, **kw)
    xavier = experiments.compare_activations(["relu", "tanh"], **kw)
    assert he["relu"]["histories"][0]["loss"] != xavier["relu"]["histories"][0]["loss"]
    assert he["tanh"]["histories"][0]["loss"] == xavier["tanh"]["histories"][0]["loss"]


# activation_stats_during_training ----------------------------------------------------------------


def test_activation_stats_shapes_and_determinism():
    kw = {"hidden": (8, 8), "epochs": 5, "data_kw": {"n": 100}}
    r = experiments.activation_stats_during_training("relu", **kw)
    assert r.epochs.tolist() == [0, 1, 2, 3, 4, 5]
    for table in (r.mean_activation, r.zero_fraction, r.dead_fraction):
        assert table.shape == (6, 2) and np.all(np.isfinite(table))
    assert r.loss.shape == (6,) and np.all(np.isfinite(r.loss))
    assert np.all((r.zero_fraction >= 0) & (r.zero_fraction <= 1))
    again = experiments.activation_stats_during_training("relu", **kw)
    assert np.array_equal(r.mean_activation, again.mean_activation)
    assert r.loss[-1] < r.loss[0]


def test_activation_stats_draws_data_and_batches_from_derived_seeds():
    kw = {"epochs": 3, "lr": 0.1, "batch_size": 16}
    r = experiments.activation_stats_during_training("tanh", "moons", hidden=(8,), seed=5,
                                                     data_kw={"n": 80}, **kw)  # fmt: skip
    d = data.load("moons", seed=experiments.derived_seed(5, "data"), n=80)
    net = nn.MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=5)
    history = net.fit(d.X_train, d.y_train, optimizer="sgd", X_val=d.X_val, y_val=d.y_val,
                      seed=experiments.derived_seed(5, "batches"), **kw)  # fmt: skip
    assert r.history["loss"] == history["loss"] and r.history["val_loss"] == history["val_loss"]


def test_sigmoid_is_not_zero_centred_and_tanh_is():
    kw = {"hidden": (16, 16), "epochs": 10, "data_kw": {"n": 200}}
    sigmoid = experiments.activation_stats_during_training("sigmoid", **kw)
    tanh = experiments.activation_stats_during_training("tanh", **kw)
    assert np.all(sigmoid.mean_activation > 0.3)
    assert np.all(np.abs(tanh.mean_activation) < 0.2)
    assert np.all(sigmoid.zero_fraction == 0) and np.all(sigmoid.dead_fraction == 0)


# compare_activations -----------------------------------------------------------------------------


def test_compare_activations_keys_spread_and_determinism():
    kw = {"seeds": (0, 1), "epochs": 15, "lr": 0.05, "data_kw": {"n": 120}}
    r = experiments.compare_activations(["relu", "tanh"], **kw)
    assert list(r) == ["relu", "tanh"]
    for result in r.values():
        assert result["metric"] == "val_accuracy"
        assert result["val_accuracy"].shape == result["epochs_to_target"].shape == (2,)
        assert result["test_accuracy"].shape == result["test_loss"].shape == (2,)
        assert np.all((0 <= result["test_accuracy"]) & (result["test_accuracy"] <= 1))
        scores = result["val_accuracy"]
        assert scores[0] != scores[1]  # else ddof would not matter
        assert result["std"] == np.std(scores, ddof=1) and result["mean"] == np.mean(scores)
        assert result["min"] == scores.min() and result["max"] == scores.max()
        assert result["min"] <= result["mean"] <= result["max"]
        assert len(result["histories"]) == 2 and len(result["histories"][0]["loss"]) == 15
    again = experiments.compare_activations(["relu", "tanh"], **kw)
    assert np.array_equal(r["relu"]["val_loss"], again["relu"]["val_loss"])


def test_compare_activations_takes_an_activation_of_ones_own_and_records_weight_change():
    sigmoid = experiments.as_activation(lambda x: 1 / (1 + np.exp(-x)),
                                        lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2,
                                        name="my_sigmoid")  # fmt: skip
    kw = {"seeds": (0, 1), "hidden": (8, 8), "epochs": 3, "lr": 0.1, "optimizer": "sgd",
          "data_kw": {"n": 80}}  # fmt: skip
    r = experiments.compare_activations([sigmoid, "sigmoid"], **kw)
    assert list(r) == ["my_sigmoid", "sigmoid"]  # keyed by name; same function, same numbers
    assert r["my_sigmoid"]["histories"][0]["loss"] == pytest.approx(
        r["sigmoid"]["histories"][0]["loss"], rel=1e-12
    )
    change = r["sigmoid"]["weight_change"]
    assert change.shape == (2, 3) and np.all(change > 0)  # 2 seeds, 3 Dense layers
    # the number is ||W_end - W_0|| / ||W_0|| of each layer, recomputed by hand
    d = data.load("moons", seed=0, n=80)
    net = nn.MLP([2, 8, 8, 1], activation="sigmoid", output="sigmoid", seed=1)
    start = [W.copy() for W, _ in net.params]
    net.fit(d.X_train, d.y_train, epochs=3, lr=0.1, batch_size=32, optimizer="sgd",
            seed=experiments.derived_seed(1, "batches"))  # fmt: skip
    by_hand = [np.linalg.norm(W - W0) / np.linalg.norm(W0)
               for (W, _), W0 in zip(net.params, start, strict=True)]  # fmt: skip
    assert change[1] == pytest.approx(by_hand, rel=1e-12)
    with pytest.raises(ValueError, match="compare_activations: names must differ"):
        experiments.compare_activations(["relu", "relu"], **kw)
    with pytest.raises(TypeError, match=r"compare_activations: names\[0\] is 3, a int"):
        experiments.compare_activations([3], **kw)


def test_compare_activations_epochs_to_target():
    r = experiments.compare_activations(
        ["tanh", "linear", "step"], "circles", seeds=(0,), epochs=40, lr=0.05, target_loss=0.2,
        data_kw={"n": 200},
    )  # fmt: skip
    # tanh gets there; a linear hidden layer cannot draw a circle, and the step's zero
    # derivative leaves its hidden layer as it started
    assert 1 <= r["tanh"]["epochs_to_target"][0] <= 40
    for name in ("linear", "step"):
        assert np.isnan(r[name]["epochs_to_target"][0]) and r[name]["std"] == 0.0
        assert r["tanh"]["mean"] > r[name]["mean"] + 0.3


def test_compare_activations_counts_epochs_from_one():
    kw = {"seeds": (3,), "epochs": 8, "lr": 0.02, "data_kw": {"n": 100}}
    losses = experiments.compare_activations("tanh", **kw)["tanh"]["histories"][0]["loss"]
    assert losses[0] > losses[1] > losses[2]  # so the loss after epoch 3 is first reached there
    r = experiments.compare_activations("tanh", target_loss=losses[2], **kw)
    assert r["tanh"]["epochs_to_target"].tolist() == [3.0]
    assert experiments.compare_activations("tanh", target_loss=losses[0], **kw)["tanh"][
        "epochs_to_target"
    ].tolist() == [1.0]


def test_compare_activations_batch_order_comes_from_its_derived_seed():
    kw = {"epochs": 4, "lr": 0.05, "batch_size": 16}
    r = experiments.compare_activations("relu", "moons", seeds=(0,), hidden=(8,), data_seed=0,
                                        data_kw={"n": 80}, **kw)  # fmt: skip
    d = data.load("moons", seed=0, n=80)  # the data: data_seed as given
    net = nn.MLP([2, 8, 1], activation="relu", output="sigmoid", seed=0)
    history = net.fit(d.X_train, d.y_train, optimizer="adam", X_val=d.X_val, y_val=d.y_val,
                      seed=experiments.derived_seed(0, "batches"), **kw)  # fmt: skip
    assert r["relu"]["histories"][0]["loss"] == history["loss"]


def test_compare_activations_regression_uses_validation_loss():
    r = experiments.compare_activations("tanh", "sine", seeds=(0, 1), epochs=5)
    assert r["tanh"]["metric"] == "val_loss" and np.all(np.isnan(r["tanh"]["val_accuracy"]))
    assert np.all(np.isnan(r["tanh"]["test_accuracy"])) and np.all(r["tanh"]["test_loss"] > 0)
    assert r["tanh"]["mean"] == pytest.approx(np.mean(r["tanh"]["val_loss"]))
    with pytest.raises(ValueError, match="compare_activations: names is empty"):
        experiments.compare_activations([], seeds=(0,))


# time_activations --------------------------------------------------------------------------------


def test_time_activations_keys_and_ratios():
    r = experiments.time_activations(["relu", "tanh"], size=10**5, repeats=3)
    assert list(r) == ["np.tanh", "relu", "tanh"]
    for name in ("relu", "tanh"):
        assert set(r[name]) == {"ms", "ratio", "derivative_ms", "derivative_ratio"}
        assert r[name]["ms"] > 0 and np.isfinite(r[name]["ratio"])
    # no bound on the ratios themselves: timings on a shared machine are noise (the benchmarks
    # print them); the exact ratio arithmetic is checked on one function below
    small = experiments.time_activations("sigmoid", size=10**3, repeats=3, derivative=False)
    assert set(small["sigmoid"]) == {"ms", "ratio"}
    # one function timed: np.tanh's time is the reference of its ratio, so ratio = ms / tanh's ms
    ms, tanh_ms = small["sigmoid"]["ms"], small["np.tanh"]["ms"]
    assert small["sigmoid"]["ratio"] == pytest.approx(ms / tanh_ms, rel=1e-12)
    assert ms != tanh_ms  # else an inverted ratio would pass too


# time_formulas and machine_facts -----------------------------------------------------------------


def test_time_formulas_times_every_formula_on_every_array():
    formulas = {"copy": np.copy, "relu": lambda x: np.maximum(x, 0)}
    r = experiments.time_formulas(formulas, sizes=(1000, 5000), repeats=2)
    assert list(r) == [("float64", 1000), ("float32", 1000), ("float64", 5000),
                       ("float32", 5000)]  # fmt: skip
    for times in r.values():  # no bound on the times: a shared machine makes them noise
        assert list(times) == ["copy", "relu"]
        assert all(np.isfinite(t) and t > 0 for t in times.values())


def test_time_formulas_gives_each_formula_the_array_of_its_dtype():
    seen = []
    experiments.time_formulas({"f": lambda x: seen.append(x.dtype)}, sizes=(2**20,),
                              repeats=1)  # fmt: skip
    # one untimed call, then the timed one, per dtype
    assert seen == [np.float64, np.float64, np.float32, np.float32]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"formulas": [np.copy]}, TypeError, "formulas must be a non-empty dict"),
        ({"formulas": {}}, TypeError, "formulas must be a non-empty dict"),
        ({"formulas": {"copy": "np.copy"}}, TypeError, "formulas must map names"),
        ({"sizes": (0,)}, ValueError, r"sizes\[0\] must be a positive integer"),
        ({"dtypes": ("int8",)}, ValueError, r"unknown dtypes\[0\] .int8."),
        ({"repeats": 0}, ValueError, "repeats must be a positive integer"),
    ],
)
def test_time_formulas_bad_arguments(kwargs, error, match):
    kwargs = {"formulas": {"copy": np.copy}, "sizes": (10,), "repeats": 1, **kwargs}
    with pytest.raises(error, match="time_formulas: " + match):
        experiments.time_formulas(**kwargs)


def test_machine_facts_are_short_strings():
    facts = experiments.machine_facts()
    assert list(facts) == ["cpu", "cores", "caches", "numpy", "simd"]
    assert all(isinstance(v, str) and v for v in facts.values())
    assert facts["numpy"] == np.__version__
