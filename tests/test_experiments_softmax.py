"""Chapter 9's measurements (actlab.experiments.softmax): what each returns, and its refusals."""

import numpy as np
import pytest

from actlab import activations, experiments


def test_saturation_jacobian_shrinks_as_scores_grow_and_matches_two_classes():
    s = experiments.saturation([0.5, 1.0, 5.0, 20.0], classes=10, n=300, seed=1)
    assert (np.diff(s.jacobian[1:]) < 0).all() and (np.diff(s.top) > 0).all()
    # Two classes: the Jacobian is [[s', -s'], [-s', s']], s' the sigmoid's slope of the
    # difference, so its Frobenius norm is 2 s'.
    z = np.array([[0.3, -1.2]])
    norm = np.linalg.norm(activations.get("softmax").derivative(z), axis=(-2, -1))
    np.testing.assert_allclose(norm, 2 * activations.get("sigmoid").derivative(1.5), rtol=1e-12)


def test_attention_scores_spread_as_root_d_and_scaling_keeps_the_softmax_alive():
    a = experiments.attention_saturation([4, 256], keys=8, n=400, seed=0)
    np.testing.assert_allclose(a.score_std / np.sqrt(a.dims), 1.0, rtol=0.1)
    assert a.top_raw[1] > 0.9 and a.top_scaled[1] < 0.5
    assert a.jacobian_raw[1] < 0.01 < a.jacobian_scaled[1]


def test_jacobian_cost_gives_the_same_gradient_both_ways():
    j = experiments.jacobian_cost([4, 32], rows=8, repeats=1)
    assert (j.largest_difference < 1e-14).all()
    assert j.full_entries.tolist() == [8 * 16, 8 * 32 * 32]
    assert (j.full_seconds > 0).all() and (j.vjp_seconds > 0).all()


def test_hidden_softmax_layer_outputs_sum_to_one():
    h = experiments.hidden_softmax(seeds=[0], lrs=[0.1], epochs=5, width=8)
    assert h.hidden_sum_error < 1e-12
    assert h.val_accuracy["softmax"].shape == (1, 1) == h.test_accuracy["relu"].shape
    assert 0 < h.top_hidden[0, 0] <= 1 and h.best("relu") == 0


def test_multilabel_softmax_cannot_say_yes_twice_at_one_half():
    m = experiments.multilabel(seeds=[0, 1], n=200, epochs=100)
    assert (m.exact["sigmoid"] > m.exact["softmax"]).all()
    assert (m.share_multi > 0).all() and (m.softmax_threshold < 0.5).all()
    assert (m.base_rate < m.exact["softmax"]).all() and (m.base_rate > 0).all()


def test_temperature_fit_recovers_a_known_temperature():
    rng = np.random.default_rng(0)
    z = rng.normal(scale=2.0, size=(4000, 5))
    y = np.array([rng.choice(5, p=p) for p in activations.get("softmax")(z / 2.5)])
    assert abs(experiments.fit_temperature(z, y) - 2.5) < 0.25


def test_top_label_ece_and_confusion_matrix_on_small_cases():
    P = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]])
    y = np.array([0, 1, 1])
    # confidences 0.9, 0.8, 0.7 in bins of width 0.5: one bin, mean 0.8, accuracy 2/3
    assert experiments.top_label_ece(P, y, bins=2) == pytest.approx(0.8 - 2 / 3)
    C = experiments.confusion_matrix(y, P.argmax(1), classes=2)
    assert C.tolist() == [[1, 0], [1, 1]]


def test_digits_calibration_keeps_the_accuracy_and_fits_a_temperature():
    d = experiments.digits_calibration(seed=0, epochs=5)
    assert d.confusion.sum() == d.y_test.size and d.accuracy > 0.8
    same = d.probabilities["before"].argmax(1) == d.probabilities["after"].argmax(1)
    assert same.all() and d.temperature > 0
    assert d.nll["after"] <= d.nll["before"] + 1e-12  # fitted on another split: usually lower


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [(lambda: experiments.saturation([1.0], classes=1), ValueError, "classes must be at least 2"),
     (lambda: experiments.saturation([-1.0]), ValueError, "scales"),
     (lambda: experiments.attention_saturation([4], keys=1), ValueError, "keys must be at least"),
     (lambda: experiments.jacobian_cost([0]), ValueError, "classes"),
     (lambda: experiments.hidden_softmax(seeds=[0], lrs=[0.0]), ValueError, "lrs"),
     (lambda: experiments.multilabel(labels=1), ValueError, "labels >= 2"),
     (lambda: experiments.confusion_matrix([0, 3], [0, 1], 2), ValueError, "labels 0 to 1"),
     (lambda: experiments.confusion_matrix([0], [0, 1], 2), ValueError, "same 1-D shape"),
     (lambda: experiments.top_label_ece([0.5, 0.5], [0]), ValueError, r"\(n, k\)"),
     (lambda: experiments.fit_temperature(np.zeros((2, 2)), [0]), ValueError, r"\(n, k\)")],
)  # fmt: skip
def test_bad_arguments_are_refused_by_name(call, error, words):
    with pytest.raises(error, match=words):
        call()
