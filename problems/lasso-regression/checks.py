"""Checks for lasso-regression: the sparse fit's exact zeros, and a constant feature's
weight against the candidate's own fit without it. Soft-thresholding, the loss, the sparse
fit against the reference and the rescaled problem's stability are named checks
(problem.yaml); the interface, the dense fit, the history, where coordinate descent stops
(against the candidate's own sweeps) and the timing are the profile's standard checks."""

import numpy as np

from sandbox.checking import Category, CheckInput, ObservationError, Outcome, all_of, check
from sandbox.named_checks import compare_with_own, unless_computed_right

SAME = 1e-9  # the same candidate on an equivalent problem (the sweeps are exact copies)
SPARSE = "after fit(alpha=0.15, max_iter=200, tol=0) of a model with 3 of 8 features"


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["sparse_fit"])
def zeros_are_exact(c: CheckInput) -> Outcome:
    """Where the lasso solution is 0, soft-thresholding gives exactly 0; a subgradient step
    (w -= step * (gradient + alpha * sign(w))) only makes the weight hop around it."""
    expected = c.reference["sparse_fit"].array("sparse_weights").ravel()
    weights = c.candidate["sparse_fit"].array("sparse_weights").ravel()
    if weights.size != expected.size:
        raise ObservationError(f"weights has {weights.size} values, expected {expected.size}")
    zero = np.flatnonzero(expected == 0.0)
    off = zero[np.abs(weights[zero]) > 1e-12 * np.abs(expected).max()]
    if off.size == 0:
        return Outcome.passed()
    return Outcome.failed(
        f"weights {SPARSE}: weight {off[0]} is {weights[off[0]]:.3g}, not 0 ({off.size} of "
        f"{zero.size} weights of the lasso solution that are exactly 0): update each weight to "
        "soft_threshold(rho_j, alpha) / z_j, which is exactly 0 when |rho_j| <= alpha"
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["constant_feature"])
def constant_feature_gets_zero_weight(c: CheckInput) -> Outcome:
    # Measured on a benign fit that computes the right weights (up to a constant factor):
    # consistent garbage earns nothing here.
    if gate := unless_computed_right(c, {"constant_feature": ["benign_weights"]}):
        return gate
    observed = c.candidate["constant_feature"]
    position = int(c.reference["constant_feature"].number("position"))
    weights = observed.array("benign_weights").ravel()
    where = f"with a constant column inserted at position {position}"
    return all_of(
        compare_with_own(
            observed.array("constant_weights"),
            np.insert(weights, position, 0.0),
            what=f"weights {where} (yours without it, and 0 for the constant column: skip a "
            "feature whose centred column is all zeros)",
            rtol=SAME,
            atol=SAME,
            relative_atol=True,
        ),
        compare_with_own(
            observed.array("constant_predictions"),
            observed.array("benign_predictions"),
            what=f"predict(X) {where} (your predictions without it)",
            rtol=SAME,
            atol=SAME,
            relative_atol=True,
        ),
    )
