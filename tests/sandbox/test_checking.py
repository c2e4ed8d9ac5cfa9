import ast

import numpy as np

from sandbox.checking import (
    compare_arrays,
    find_sample_loops,
    gradient_check,
    marginal_time_check,
    non_increasing,
)


def test_compare_arrays_reports_shape_nan_and_worst_index() -> None:
    assert compare_arrays(np.ones(3), np.ones(3), what="w").is_pass
    assert "shape (3,), expected (2,)" in compare_arrays(np.ones(3), np.ones(2), what="w").message
    nan = compare_arrays(np.array([1.0, np.nan]), np.ones(2), what="w")
    assert not nan.is_pass and "w[1] is nan" in nan.message
    off = compare_arrays(np.array([1.0, 2.0, 5.0]), np.array([1.0, 2.0, 3.0]), what="w")
    assert "w[2] is 5, expected 3" in off.message


def test_gradient_check_passes_a_right_gradient_and_names_the_worst_coordinate() -> None:
    w = np.array([0.5, -1.0, 2.0])
    step = 1e-5
    loss = lambda v: float(np.sum(v**2))  # noqa: E731
    plus = np.array([loss(w + step * e) for e in np.eye(3)])
    minus = np.array([loss(w - step * e) for e in np.eye(3)])
    assert gradient_check(2 * w, plus, minus, step, what="dw").is_pass
    wrong = gradient_check(np.array([1.0, -2.0, 8.0]), plus, minus, step, what="dw")
    assert not wrong.is_pass and "dw[2]" in wrong.message


def test_gradient_check_fails_a_constant_loss() -> None:
    flat = np.zeros(3)
    assert not gradient_check(np.zeros(3), flat, flat, 1e-5, what="dw").is_pass


def test_non_increasing_names_the_iteration_that_went_up() -> None:
    assert non_increasing(np.array([3.0, 2.0, 2.0, 1.0]), what="loss_history").is_pass
    rise = non_increasing(np.array([3.0, 2.0, 2.5]), what="loss_history")
    assert "iteration 2" in rise.message


def test_marginal_time_ignores_constant_overhead_but_not_per_sample_cost() -> None:
    constant = marginal_time_check(
        candidate_small=0.5,
        candidate_large=0.51,
        reference_small=0.001,
        reference_large=0.004,
        what="gradient",
    )
    assert constant.is_pass
    looped = marginal_time_check(
        candidate_small=0.05,
        candidate_large=0.5,
        reference_small=0.001,
        reference_large=0.004,
        what="gradient",
    )
    assert not looped.is_pass


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
