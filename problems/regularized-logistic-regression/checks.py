"""Checks for regularized-logistic-regression: stability compares the candidate's values at
saturated logits with its own at moderate ones. The penalised loss, its gradient and
predictions against the reference, the gradient against the candidate's own loss and the
separable fit's finiteness are named checks (problem.yaml); the interface, the fit, the
history and the timing are the profile's standard checks."""

import math

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    unless_related,
)

SAME = 1e-10  # values at logits ±(500…1000) against ±(36…40): σ is 0 or 1 to 1e-15 in both
# The exact loss of wrong labels is mean |z|: at most 1000 / 36 times larger at ±(500…1000)
# than at ±(36…40); a clipped one is the same at both.
WRONG_GROWTH = 1000.0 / 36.0


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
