"""Checks for linear-regression-normal-equation: the fit without an intercept against the
reference; stability compares the candidate's fits of collinear, rescaled and shifted
designs with its own fit of the benign design. The interface, the standard fit and the
timing are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    unless_related,
)
from sandbox.observations import ProbeResult

EXACT = 1e-6
SAME = 1e-6  # the same candidate on an equivalent design, relative to the largest value


def _same(actual: np.ndarray, benign: np.ndarray, what: str) -> Outcome:
    """``actual`` equals the candidate's own benign value, relative to its largest entry."""
    return compare_values(
        actual, benign, what=what, rtol=SAME, atol=SAME * float(np.abs(benign).max(initial=0.0))
    )


def _gate(c: CheckInput, probe: str) -> Outcome | None:
    """Stability is measured on a fit of the benign design that computes the right weights
    (up to a constant factor): consistent garbage earns nothing here."""
    return unless_related(
        c.candidate[probe].array("benign_weights"),
        c.reference[probe].array("benign_weights"),
        what="weights of the benign fit",
    )


def _benign(observed: ProbeResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        observed.array("benign_weights").ravel(),
        observed.array("benign_bias"),
        observed.array("benign_predictions"),
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_without_intercept"])
def fit_without_intercept_matches_reference(c: CheckInput) -> Outcome:
    candidate, reference = (
        c.candidate["fit_without_intercept"],
        c.reference["fit_without_intercept"],
    )
    return all_of(
        *(
            compare_values(
                candidate.array(f"origin_{key}"),
                reference.array(f"origin_{key}"),
                what=f"{what} after fit(fit_intercept=False)",
                rtol=EXACT,
                atol=1e-9,
            )
            for key, what in (
                ("weights", "weights"),
                ("bias", "bias"),
                ("predictions", "predict(X)"),
            )
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["duplicated_columns"], weight=1.5)
def collinear_columns_give_minimum_norm(c: CheckInput) -> Outcome:
    if gate := _gate(c, "duplicated_columns"):
        return gate
    observed = c.candidate["duplicated_columns"]
    weights, bias, predictions = _benign(observed)
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
            predictions,
            f"predict(X) {where} (your predictions without the extra columns)",
        ),
        _same(
            observed.array("collinear_weights"),
            shortest,
            f"weights {where} (the minimum-norm split of your weights without them)",
        ),
        _same(
            observed.array("collinear_bias"),
            bias,
            f"bias {where} (your bias without the extra columns)",
        ),
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["scaled_features"])
def rescaled_features_scale_the_weights(c: CheckInput) -> Outcome:
    if gate := _gate(c, "scaled_features"):
        return gate
    observed = c.candidate["scaled_features"]
    weights, bias, predictions = _benign(observed)
    scale = c.reference["scaled_features"].number("scale")
    parts = []
    for label, factor, size in (("large", scale, "2**20"), ("small", 1.0 / scale, "2**-20")):
        where = f"with every feature times {size}"
        parts += [
            _same(
                observed.array(f"{label}_weights") * factor,
                weights,
                f"weights {where}, scaled back (your weights on the unscaled features)",
            ),
            _same(observed.array(f"{label}_bias"), bias, f"bias {where} (your unscaled bias)"),
            _same(
                observed.array(f"{label}_predictions"),
                predictions,
                f"predict(X) {where} (your predictions on the unscaled features)",
            ),
        ]
    return all_of(*parts)


@check(category=Category.NUMERICAL_STABILITY, probes=["features_far_from_zero"])
def features_far_from_zero_give_the_same_fit(c: CheckInput) -> Outcome:
    if gate := _gate(c, "features_far_from_zero"):
        return gate
    observed = c.candidate["features_far_from_zero"]
    weights, _, predictions = _benign(observed)
    where = "with every feature shifted by about 1e6"
    return all_of(
        _same(observed.array("far_weights"), weights, f"weights {where} (your unshifted weights)"),
        _same(
            observed.array("far_predictions"),
            predictions,
            f"predict(X) {where} (your predictions on the unshifted features)",
        ),
    )
