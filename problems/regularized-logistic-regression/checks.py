"""Checks for regularized-logistic-regression: the penalised loss, its gradient and
predictions against the reference, the gradient against the candidate's own loss; stability
compares the candidate's values at saturated logits with its own at moderate ones. The
interface, the fit, the history and the timing are the profile's standard checks."""

import math

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
    gradient_check,
    proportional_factor,
    same_loss_as_elsewhere,
    unless_related,
)

LOSS = 1e-5  # an additive ε of 1e-7 inside the logs moves the loss by ~1e-6 relative
EXACT = 1e-6
SAME = 1e-10  # values at logits ±(500…1000) against ±(36…40): σ is 0 or 1 to 1e-15 in both
# The exact loss of wrong labels is mean |z|: at most 1000 / 36 times larger at ±(500…1000)
# than at ±(36…40); a clipped one is the same at both.
WRONG_GROWTH = 1000.0 / 36.0
SAMPLES = {"loss_value": 80, "gradient_random_point": 60}  # as in probes.py


def _matches_reference(c: CheckInput, probe: str, rtol: float, **what: str) -> Outcome:
    """Each named observation against the reference's; a factor such as n is named."""
    candidate, reference = c.candidate[probe], c.reference[probe]
    return all_of(
        *(
            compare_values(
                candidate.array(key),
                reference.array(key),
                what=name,
                rtol=rtol,
                atol=1e-12,
                samples=SAMPLES.get(probe),
            )
            for key, name in what.items()
        )
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["loss_value"])
def loss_matches_reference(c: CheckInput) -> Outcome:
    return _matches_reference(c, "loss_value", LOSS, loss="_compute_loss(X, y, w, b)")


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["gradient_random_point"], weight=1.5)
def gradient_matches_reference(c: CheckInput) -> Outcome:
    return _matches_reference(c, "gradient_random_point", EXACT, dw="dw", db="db")


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


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["predict_given_parameters"])
def predictions_with_given_parameters(c: CheckInput) -> Outcome:
    return _matches_reference(
        c,
        "predict_given_parameters",
        EXACT,
        proba="predict_proba(X) with weights and bias set",
        labels="predict(X) with weights and bias set (1 where the probability is ≥ 0.5)",
    )


def _sigmoid_related(c: CheckInput) -> Outcome | None:
    """The stability gate: the candidate's probabilities on ordinary inputs are the
    reference's (stability is not measured on a wrong sigmoid)."""
    probe = "predict_given_parameters"
    return unless_related(
        c.candidate[probe].array("proba"), c.reference[probe].array("proba"), what="predict_proba"
    )


@check(
    category=Category.NUMERICAL_STABILITY,
    probes=["saturated_logits", "predict_given_parameters"],
    weight=2.0,
)
def saturated_logits_agree_with_moderate(c: CheckInput) -> Outcome:
    if gate := _sigmoid_related(c):
        return gate
    observed = c.candidate["saturated_logits"]
    same = all_of(
        *(
            compare_values(
                observed.array(f"extreme_{key}"),
                observed.array(f"moderate_{key}"),
                what=f"{name} at logits of ±(500…1000) (your value for the same signs at "
                "±(36…40), where σ is already 0 or 1)",
                rtol=SAME,
                atol=SAME,
            )
            for key, name in (
                ("proba", "predict_proba(X)"),
                ("labels", "predict(X)"),
                ("right_loss", "_compute_loss with every label right"),
                ("dw", "dw with every label right"),
                ("db", "db with every label right"),
            )
        )
    )
    if not same.is_pass:
        return same
    extreme, moderate = (observed.number(f"{k}_wrong_loss") for k in ("extreme", "moderate"))
    low, high = moderate * (1 - SAME), moderate * WRONG_GROWTH
    if math.isfinite(extreme) and math.isfinite(moderate) and low <= extreme <= high:
        return Outcome.passed()
    return Outcome.failed(
        f"_compute_loss with every label wrong is {extreme:.6g} at logits of ±(500…1000) and "
        f"{moderate:.6g} at ±(36…40): expected finite, at least as large at the larger logits "
        f"and at most {WRONG_GROWTH:g} times (the exact loss grows with |z|). log(0) is -inf: "
        "clip the probabilities to [ε, 1 − ε], or compute the loss from the logits "
        "(np.logaddexp(0, z) - y z)"
    )


@check(
    category=Category.NUMERICAL_STABILITY,
    probes=["separable_large_features", "predict_given_parameters"],
)
def separable_fit_stays_finite(c: CheckInput) -> Outcome:
    if gate := _sigmoid_related(c):
        return gate
    observed = c.candidate["separable_large_features"]
    keys = ("weights", "bias", "proba", "history")  # a missing one is another category's
    what = "after fit on separable data near ±1000"
    present = [k for k in keys if observed.value(k) is not None]
    return all_of(*(all_finite(observed.array(k), what=f"{k} {what}") for k in present))
