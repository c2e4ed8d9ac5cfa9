"""Checks for ridge-regression: the penalised loss, its gradient and the gradient-descent fit
against the reference, the gradient against the candidate's own loss, and stability of the
loss and gradient at extreme magnitudes. The interface, the closed-form fit, the history
and the timing are the profile's standard checks."""

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    gradient_check,
    proportional_factor,
    same_loss_as_elsewhere,
    unless_related,
)

EXACT = 1e-5  # float32 arithmetic (a stability defect) stays within it
HUGE = 2.0**66  # as in probes.py
STABLE = 1e-6  # the same candidate's values far from zero against near zero
SAMPLES = {"loss_value": 50, "gradient_random_point": 60, "fit_gradient_descent": 150}


def _matches_reference(c: CheckInput, probe: str, **what: str) -> Outcome:
    """Each named observation against the reference's; a factor such as n is named."""
    candidate, reference = c.candidate[probe], c.reference[probe]
    return all_of(
        *(
            compare_values(
                candidate.array(key),
                reference.array(key),
                what=name,
                rtol=EXACT,
                atol=1e-8,
                samples=SAMPLES[probe],
            )
            for key, name in what.items()
        )
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["loss_value"])
def loss_matches_reference(c: CheckInput) -> Outcome:
    return _matches_reference(c, "loss_value", loss="_compute_loss(predictions, y, weights)")


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["gradient_random_point"], weight=1.5)
def gradient_matches_reference(c: CheckInput) -> Outcome:
    return _matches_reference(c, "gradient_random_point", dw="dw", db="db")


@check(
    category=Category.MATHEMATICAL_CORRECTNESS,
    probes=["gradient_finite_difference", "loss_value"],
    weight=1.5,
)
def gradient_consistent_with_own_loss(c: CheckInput) -> Outcome:
    observed = c.candidate["gradient_finite_difference"]
    gradient = [*observed.array("dw").ravel(), *observed.array("db").ravel()]
    factor = proportional_factor(
        c.candidate["loss_value"].array("loss"), c.reference["loss_value"].array("loss"), rtol=1e-9
    )
    return all_of(
        same_loss_as_elsewhere(observed, c.reference["gradient_finite_difference"], factor),
        gradient_check(gradient, observed, what="(dw, db)", tolerance=1e-3),
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_gradient_descent"], weight=1.5)
def gradient_descent_fit_matches_reference(c: CheckInput) -> Outcome:
    where = 'after fit(solver="gradient_descent", learning_rate=0.05, n_iterations=150, tol=0)'
    return _matches_reference(
        c,
        "fit_gradient_descent",
        weights=f"weights {where}",
        bias=f"bias {where}",
        predictions=f"predict(X_test) {where}",
    )


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
