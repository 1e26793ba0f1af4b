"""actlab.experiments.gated (issue 21, chapter 8's gated section): equal parameter counts, the
exact product network, what the experiments return, determinism and the errors."""

import numpy as np
import pytest

from actlab import activations, experiments, nn
from actlab.experiments import gated as G


@pytest.mark.parametrize("n_in, n_out", [(2, 1), (64, 10), (10, 3)])
@pytest.mark.parametrize("plain_units", [1, 7, 16, 48, 100])
def test_equal_params_width_is_the_closest_count(plain_units, n_in, n_out):
    u = experiments.equal_params_width(plain_units, n_in, n_out)
    target = nn.MLP([n_in, plain_units, n_out], activation="relu", output="linear").n_params
    count = nn.MLP([n_in, u, n_out], activation="swiglu", output="linear").n_params
    for other in (u - 1, u + 1):
        if other >= 1:
            other_count = nn.MLP(
                [n_in, other, n_out], activation="swiglu", output="linear"
            ).n_params
            assert abs(count - target) <= abs(other_count - target)
    assert experiments.equal_params_width(7, 2, 1) == 4  # 29 parameters each: exactly equal


@pytest.mark.parametrize("name", ["reglu", "swiglu", "geglu"])
def test_the_hand_made_network_is_the_product_exactly(name):
    X = np.random.default_rng(0).uniform(-3, 3, (50, 2))
    net = experiments.exact_product_net(name)
    np.testing.assert_allclose(net.predict(X).ravel(), X[:, 0] * X[:, 1], rtol=1e-12, atol=1e-14)
    assert net.n_params == 15 and net.activation == [name]


def test_product_task_gives_per_seed_errors_at_equal_parameter_count():
    r = experiments.product_task(units=4, seeds=range(3), n=256, epochs=60)
    assert (r.gated_units, r.plain_units, r.gated_params, r.plain_params) == (4, 7, 29, 29)
    assert r.seeds == (0, 1, 2) and r.gated_mse.shape == r.plain_mse.shape == (3,)
    assert (r.target_variance > 0.05).all() and (r.plain_mse < r.target_variance).all()
    assert r.gated_wins == int(np.sum(r.gated_mse < r.plain_mse))
    again = experiments.product_task(units=4, seeds=range(3), n=256, epochs=60)
    assert np.array_equal(again.gated_mse, r.gated_mse)  # seeded: the same numbers


def test_gated_vs_plain_returns_per_seed_results_with_the_base_rate():
    r = experiments.gated_vs_plain(plain_units=12, seeds=[0, 1], epochs=3)
    assert r.gated_units == experiments.equal_params_width(12, 64, 10)
    assert abs(r.gated_params - r.plain_params) <= 140  # a gated unit's cost, at most
    for key in ("gated", "plain"):
        assert r.train_loss[key].shape == r.val_accuracy[key].shape == (2,)
        assert (r.val_accuracy[key] > r.base_rate).all()
    mean, std = r.summary()["gated"]
    assert mean == pytest.approx(r.val_accuracy["gated"].mean()) and std >= 0
    two = experiments.gated_vs_plain(plain_units=6, seeds=[0], epochs=2, dataset="moons",
                                     data_kw={"n": 80})  # fmt: skip
    assert two.val_accuracy["plain"].shape == (1,) and two.summary()["plain"][1] == 0.0


def test_bad_arguments_are_refused_with_a_message():
    with pytest.raises(ValueError, match="product_task: gated must be a gated unit"):
        experiments.product_task(gated="relu")
    with pytest.raises(ValueError, match="gated_vs_plain: plain must be an elementwise"):
        experiments.gated_vs_plain(plain="softmax")
    with pytest.raises(ValueError, match="seeds must list at least one seed"):
        experiments.product_task(seeds=[])
    with pytest.raises(ValueError, match="glu's sigmoid gate gives x1 tanh"):
        experiments.exact_product_net("glu")
    with pytest.raises(ValueError, match="regression task"):
        experiments.gated_vs_plain(dataset="sine", epochs=1, seeds=[0])
    assert G._gated_names() == [n for n in activations.names() if activations.get(n).gated]
