"""Checks for lasso-regression: the sparse fit's exact zeros; stability against the
candidate's own fit of the benign problem. Soft-thresholding, the loss and the sparse fit
against the reference are named checks (problem.yaml); the interface, the dense fit, the
history, where coordinate descent stops (against the candidate's own sweeps) and the timing
are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_of,
    check,
    compare_values,
    unless_related,
)

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


def _gate(c: CheckInput, probe: str) -> Outcome | None:
    """Stability is measured on a fit of the benign problem that computes the right weights
    (up to a constant factor): consistent garbage earns nothing here."""
    return unless_related(
        c.candidate[probe].array("benign_weights"),
        c.reference[probe].array("benign_weights"),
        what="weights of the benign fit",
    )


def _same(actual: np.ndarray, benign: np.ndarray, what: str) -> Outcome:
    scale = float(np.abs(benign).max(initial=0.0))
    return compare_values(actual, benign, what=what, rtol=SAME, atol=SAME * scale)


@check(category=Category.NUMERICAL_STABILITY, probes=["constant_feature"])
def constant_feature_gets_zero_weight(c: CheckInput) -> Outcome:
    if gate := _gate(c, "constant_feature"):
        return gate
    observed = c.candidate["constant_feature"]
    position = int(c.reference["constant_feature"].number("position"))
    weights = observed.array("benign_weights").ravel()
    where = f"with a constant column inserted at position {position}"
    return all_of(
        _same(
            observed.array("constant_weights"),
            np.insert(weights, position, 0.0),
            f"weights {where} (yours without it, and 0 for the constant column: skip a "
            "feature whose centred column is all zeros)",
        ),
        _same(
            observed.array("constant_predictions"),
            observed.array("benign_predictions"),
            f"predict(X) {where} (your predictions without it)",
        ),
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["scaled_features"])
def rescaled_problem_scales_the_weights(c: CheckInput) -> Outcome:
    if gate := _gate(c, "scaled_features"):
        return gate
    observed = c.candidate["scaled_features"]
    weights = observed.array("benign_weights")
    scale = c.reference["scaled_features"].number("scale")
    parts = []
    for label, factor, size in (("large", scale, "2**20"), ("small", 1.0 / scale, "2**-20")):
        where = f"with X and alpha times {size}"
        parts += [
            _same(
                observed.array(f"{label}_weights") * factor,
                weights,
                f"weights {where}, scaled back (your weights at scale 1: no fixed epsilon)",
            ),
            _same(
                observed.array(f"{label}_predictions"),
                observed.array("benign_predictions"),
                f"predict(X) {where} (your predictions at scale 1)",
            ),
        ]
    return all_of(*parts)
