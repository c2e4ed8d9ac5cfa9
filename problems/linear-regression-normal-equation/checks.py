"""Checks for linear-regression-normal-equation: collinear columns give the minimum-norm
weights, against the candidate's own fit of the benign design. The fit without an intercept
and the stability of rescaled and shifted designs are named checks (problem.yaml); the
interface, the standard fit and the timing are the profile's standard checks."""

import numpy as np

from sandbox.checking import Category, CheckInput, Outcome, all_of, check
from sandbox.named_checks import compare_with_own, unless_computed_right

SAME = 1e-6  # the same candidate on an equivalent design, relative to the largest value


def _same(actual: np.ndarray, benign: np.ndarray, what: str) -> Outcome:
    return compare_with_own(actual, benign, what=what, rtol=SAME, atol=SAME, relative_atol=True)


@check(category=Category.NUMERICAL_STABILITY, probes=["duplicated_columns"], weight=1.5)
def collinear_columns_give_minimum_norm(c: CheckInput) -> Outcome:
    # Measured on a benign fit that computes the right weights (up to a constant factor):
    # consistent garbage earns nothing here.
    if gate := unless_computed_right(c, {"duplicated_columns": ["benign_weights"]}):
        return gate
    observed = c.candidate["duplicated_columns"]
    weights = observed.array("benign_weights").ravel()
    a, b = (int(c.reference["duplicated_columns"].number(k)) for k in ("a", "b"))
    d = weights.size
    # X' = X @ B: every least-squares weight vector w' has B w' = w; the shortest is
    # B.T (B B.T)^-1 w.
    B = np.zeros((d, d + 2))
    B[:, :d] = np.eye(d)
    B[a, d], B[b, d + 1] = 1.0, -1.0
    shortest = B.T @ np.linalg.solve(B @ B.T, weights)
    where = f"with column {a} repeated and column {b} negated and appended"
    return all_of(
        _same(
            observed.array("collinear_predictions"),
            observed.array("benign_predictions"),
            f"predict(X) {where} (your predictions without the extra columns)",
        ),
        _same(
            observed.array("collinear_weights"),
            shortest,
            f"weights {where} (the minimum-norm split of your weights without them)",
        ),
        _same(
            observed.array("collinear_bias"),
            observed.array("benign_bias"),
            f"bias {where} (your bias without the extra columns)",
        ),
    )
