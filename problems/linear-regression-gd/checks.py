"""Checks for linear-regression-gd: stability. The interface, the fit, the history, the
timing, and the loss and gradient (against the reference and the candidate's own loss) are
checked by the profile's standard and named checks (problem.yaml)."""

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
    unless_related,
)

HUGE = 2.0**66  # as in probes.py
STABLE = 1e-6  # the same candidate's values far from zero against near zero


def _benign_values_related(c: CheckInput) -> Outcome | None:
    """Stability is measured on a loss and gradient that compute the right quantities (up to
    a constant factor): consistent garbage earns nothing here."""
    candidate, reference = c.candidate["far_from_zero"], c.reference["far_from_zero"]
    for key in ("loss", "dw", "db"):
        gate = unless_related(candidate.array(key), reference.array(key), what=key)
        if gate is not None:
            return gate
    return None


@check(category=Category.NUMERICAL_STABILITY, probes=["far_from_zero"], weight=2.0)
def same_residuals_far_from_zero(c: CheckInput) -> Outcome:
    observed = c.candidate["far_from_zero"]
    if gate := _benign_values_related(c):
        return gate
    return all_of(
        *(
            compare_values(
                observed.array(f"far_{key}"),
                observed.array(key),
                what=f"{name} with targets near 1e7 (your value for the same residuals near 0)",
                rtol=STABLE,
                atol=1e-12,
            )
            for key, name in (("loss", "_compute_loss"), ("dw", "dw"), ("db", "db"))
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_targets", "far_from_zero"])
def huge_targets_scale_exactly(c: CheckInput) -> Outcome:
    observed = c.candidate["huge_targets"]
    if gate := _benign_values_related(c):
        return gate
    return all_of(
        *(
            compare_values(
                observed.array(f"huge_{key}") / factor,
                observed.array(key),
                what=f"{key} with targets near 1e20, scaled back (your value near 1)",
                rtol=STABLE,
                atol=0.0,
            )
            for key, factor in (("loss", HUGE**2), ("dw", HUGE), ("db", HUGE))
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["large_features", "far_from_zero"])
def large_features_stay_finite(c: CheckInput) -> Outcome:
    observed = c.candidate["large_features"]
    if gate := _benign_values_related(c):
        return gate
    return all_of(
        *(
            all_finite(observed.array(key), what=f"{key} after fit on features near 1e4")
            for key in ("weights", "bias", "predictions")
        )
    )
