"""Checks for ridge-regression: stability of the loss and gradient at extreme magnitudes.
The penalised loss, its gradient and the gradient-descent fit against the reference, and the
gradient against the candidate's own loss, are named checks (problem.yaml); the interface,
the closed-form fit, the history and the timing are the profile's standard checks."""

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    unless_related,
)

HUGE = 2.0**66  # as in probes.py
STABLE = 1e-6  # the same candidate's values far from zero against near zero
KEYS = {"loss": "_compute_loss", "dw": "dw", "db": "db"}


def _near_values_related(c: CheckInput) -> Outcome | None:
    """Stability is measured on a loss and gradient that compute the right quantities (up to
    a constant factor): consistent garbage earns nothing here."""
    candidate, reference = c.candidate["extreme_magnitudes"], c.reference["extreme_magnitudes"]
    for key, name in KEYS.items():
        gate = unless_related(
            candidate.array(f"near_{key}"), reference.array(f"near_{key}"), what=name
        )
        if gate is not None:
            return gate
    return None


@check(category=Category.NUMERICAL_STABILITY, probes=["extreme_magnitudes"], weight=2.0)
def same_residuals_far_from_zero(c: CheckInput) -> Outcome:
    if gate := _near_values_related(c):
        return gate
    observed = c.candidate["extreme_magnitudes"]
    return all_of(
        *(
            compare_values(
                observed.array(f"far_{key}"),
                observed.array(f"near_{key}"),
                what=f"{name} with targets near 1e7 (your value for the same residuals near 0)",
                rtol=STABLE,
                atol=1e-12,
            )
            for key, name in KEYS.items()
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["extreme_magnitudes"])
def huge_values_scale_exactly(c: CheckInput) -> Outcome:
    if gate := _near_values_related(c):
        return gate
    observed = c.candidate["extreme_magnitudes"]
    factors = {"loss": HUGE**2, "dw": HUGE, "db": HUGE}
    return all_of(
        *(
            compare_values(
                observed.array(f"huge_{key}") / factors[key],
                observed.array(f"near_{key}"),
                what=f"{name} with predictions and targets times 2**66, scaled back (your value "
                "at scale 1)",
                rtol=STABLE,
                atol=0.0,
            )
            for key, name in KEYS.items()
        )
    )
