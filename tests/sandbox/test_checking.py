import ast
from collections.abc import Callable

import numpy as np
import pytest

from sandbox.checking import (
    ObservationError,
    Outcome,
    aligning_signs,
    all_of,
    compare_arrays,
    compare_up_to_sign,
    compare_values,
    find_sample_loops,
    gradient_check,
    loss_history,
    mean_of,
    non_increasing,
    unless_reproduced,
)
from sandbox.harness import wire
from sandbox.harness.probing import directional_losses
from sandbox.observations import ProbeResult, decode_probe


def test_compare_arrays_reports_shape_nan_and_worst_index() -> None:
    assert compare_arrays(np.ones(3), np.ones(3), what="w").is_pass
    assert "shape (3,), expected (2,)" in compare_arrays(np.ones(3), np.ones(2), what="w").message
    nan = compare_arrays(np.array([1.0, np.nan]), np.ones(2), what="w")
    assert not nan.is_pass and "w[1] is nan" in nan.message
    off = compare_arrays(np.array([1.0, 2.0, 5.0]), np.array([1.0, 2.0, 3.0]), what="w")
    assert "w[2] is 5, expected 3" in off.message


def slopes(loss: Callable[[np.ndarray], float], point: np.ndarray) -> ProbeResult:
    rng = np.random.default_rng(0)
    return result("fd", **directional_losses(loss, point, rng, 1e-5))


def test_compare_up_to_sign_flips_whole_rows_only() -> None:
    expected = np.array([[0.6, 0.8], [-0.8, 0.6]])
    flipped = expected * np.array([[-1.0], [1.0]])
    assert aligning_signs(flipped, expected).tolist() == [-1.0, 1.0]
    assert compare_up_to_sign(flipped, expected, what="V").is_pass
    assert compare_up_to_sign(flipped.ravel(), expected, what="V").is_pass  # shape policy
    one_entry = expected * np.array([[-1.0, 1.0], [1.0, 1.0]])  # not a whole row
    assert not compare_up_to_sign(one_entry, expected, what="V").is_pass
    assert "has 3 values" in compare_up_to_sign(np.ones(3), expected, what="V").message


def test_gradient_check_passes_a_right_gradient_and_names_a_factor() -> None:
    w = np.array([0.5, -1.0, 2.0])
    observed = slopes(lambda v: float(np.sum(v**2)), w)
    assert gradient_check(2 * w, observed, what="dw").is_pass
    wrong = gradient_check(np.array([1.0, -2.0, 8.0]), observed, what="dw")
    assert not wrong.is_pass and "relative error" in wrong.message
    halved = gradient_check(w, observed, what="dw")
    assert "0.5 times the slope of your loss" in halved.message


def test_gradient_check_fails_a_constant_loss_and_a_wrong_size() -> None:
    observed = slopes(lambda v: 1.0, np.zeros(3))
    assert "does not change" in gradient_check(np.zeros(3), observed, what="dw").message
    assert "has 2 values, expected 3" in gradient_check(np.zeros(2), observed, what="dw").message


def test_non_increasing_names_the_iteration_that_went_up() -> None:
    assert non_increasing(np.array([3.0, 2.0, 2.0, 1.0]), what="loss_history").is_pass
    rise = non_increasing(np.array([3.0, 2.0, 2.5]), what="loss_history")
    assert "iteration 2" in rise.message


LOOPY = """
class M:
    def fit(self, X, y):
        n_samples, n_features = X.shape
        for _ in range(self.n_iterations):
            errors = X @ self.w - y
            for i in range(n_samples):
                pass
        i = 0
        while i < len(X):
            i += 1
        total = sum(e * e for e in errors)
        for k in range(self.n_clusters):
            pass
        return self

    def predict(self, X):
        return [self.w @ row for row in X]
"""


def test_find_sample_loops_flags_sample_loops_only() -> None:
    found = find_sample_loops(ast.parse(LOOPY), "M", ["fit", "predict"])
    assert [f.split(":")[0] for f in found] == ["line 7", "line 10", "line 12", "line 18"]


def test_find_sample_loops_accepts_iteration_and_cluster_loops() -> None:
    source = (
        "class M:\n    def fit(self, X):\n        it = 0\n"
        "        while it < self.max_iter:\n            it += 1\n"
        "        for k in range(self.k):\n            pass\n        return self\n"
    )
    assert find_sample_loops(ast.parse(source), "M", ["fit"]) == []


def test_find_sample_loops_accepts_loops_over_rows_picked_as_centres() -> None:
    source = (
        "class M:\n    def fit(self, X):\n        centres = X[self.rng.choice(len(X), 3)]\n"
        "        for centre in centres:\n            pass\n        return self\n"
    )
    assert find_sample_loops(ast.parse(source), "M", ["fit"]) == []


def test_all_of_is_the_first_failure_and_mean_of_gives_partial_credit() -> None:
    good, bad = Outcome.passed(), Outcome.failed("w is wrong")
    assert all_of(good, bad, Outcome.failed("later")).message == "w is wrong"
    assert all_of(good, good).is_pass
    half = mean_of([good, bad])
    assert half.score == 0.5 and half.message == "w is wrong"


def result(name: str, **values: object) -> ProbeResult:
    return decode_probe(
        name,
        {"status": "ok", "observations": wire.encode_observations(values), "wall_seconds": 0.5},
    )


def test_loss_history_explains_a_missing_or_nested_history() -> None:
    assert loss_history(result("fit", loss_history=[3.0, 2.0])).tolist() == [3.0, 2.0]
    with pytest.raises(ObservationError, match="no loss_history"):
        loss_history(result("fit", loss_history=None))
    with pytest.raises(ObservationError, match="flat list"):
        loss_history(result("fit", loss_history=np.ones((2, 2))))


def test_unless_reproduced_gates_on_the_share_of_training_labels() -> None:
    labels = np.array([0, 1, 2, 1, 0, 2, 2, 1, 0, 1])
    nearly = labels.copy()
    nearly[:2] = 2  # 80% reproduced, any shape
    assert unless_reproduced(nearly.reshape(2, 5), labels, share=0.8, what="tree") is None
    constant = unless_reproduced(np.zeros(10), labels, share=0.8, what="your tree")
    assert constant is not None and not constant.measured and constant.score == 0.0
    assert "your tree does not reproduce 80%" in constant.message
    assert unless_reproduced(labels[:9], labels, share=0.5, what="tree") is not None


def test_a_factor_that_rounds_to_one_is_not_named() -> None:
    """A lone value is proportional to any other: float32 rounding (1 + 1.6e-6) is no
    convention, and "1 times the expected ones" would say nothing."""
    off = compare_values(np.array([0.0591234]), np.array([0.0591233]), what="db", rtol=1e-6)
    assert not off.is_pass and "times the expected" not in off.message
    doubled = compare_values(np.array([0.118]), np.array([0.059]), what="db")
    assert "2 times the expected ones" in doubled.message
