"""Checks for softmax-regression: stability compares the candidate's values at extreme
logits with its own at ordinary ones. Softmax, the loss, the gradient and predictions
against the reference, and the gradient against the candidate's own loss, are named checks
(problem.yaml); the interface, the fit, the history and the timing are the profile's
standard checks."""

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

SHIFTED = 1e-9  # a shift of 1000 costs ~1e-13 where log-sum-exp rounds at that magnitude
SATURATED = 1e-12  # probabilities at gaps >= 40 are 0 or 1 to within 1e-17
BENIGN_SCALE, EXTREME_SCALE = 40.0, 1000.0  # as in probes.py


def _related(c: CheckInput, probe: str, *keys: str) -> Outcome | None:
    """The stability gate: ``None`` when the candidate's benign values compute the right
    quantity up to a constant factor, else "not measured"."""
    for key in keys:
        gate = unless_related(
            c.candidate[probe].array(key), c.reference[probe].array(key), what=f"{probe}: {key}"
        )
        if gate is not None:
            return gate
    return None


@check(category=Category.NUMERICAL_STABILITY, probes=["shifted_logits"], weight=2.0)
def shift_changes_nothing(c: CheckInput) -> Outcome:
    if gate := _related(c, "shifted_logits", "probs", "loss"):
        return gate
    observed = c.candidate["shifted_logits"]
    return all_of(
        *(
            compare_values(
                observed.array(f"shifted_{key}"),
                observed.array(key),
                what=f"{name} with every row of logits shifted by ±(500…1000) (your value for "
                "the same logits unshifted: subtract each row's maximum before exp)",
                rtol=SHIFTED,
                atol=SATURATED,
            )
            for key, name in (("probs", "_softmax"), ("loss", "_compute_loss"))
        )
    )


@check(
    category=Category.NUMERICAL_STABILITY,
    probes=["saturated_predictions", "predict_given_parameters"],
)
def saturated_predictions_agree(c: CheckInput) -> Outcome:
    if gate := _related(c, "predict_given_parameters", "proba"):
        return gate
    observed = c.candidate["saturated_predictions"]
    return all_of(
        *(
            compare_values(
                observed.array(f"extreme_{key}"),
                observed.array(f"moderate_{key}"),
                what=f"{name} with logit gaps of 1000 and more (your values for the same "
                "gaps scaled to 40, where every probability is already 0 or 1)",
                rtol=0.0,
                atol=SATURATED,
            )
            for key, name in (("proba", "predict_proba(X)"), ("labels", "predict(X)"))
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["confidently_wrong_loss", "loss_value"])
def confident_mistakes_cost_their_gap(c: CheckInput) -> Outcome:
    if gate := _related(c, "loss_value", "loss"):
        return gate
    observed = c.candidate["confidently_wrong_loss"]
    return compare_values(
        observed.array("extreme") / EXTREME_SCALE,
        observed.array("benign") / BENIGN_SCALE,
        what=f"_compute_loss at logit gaps scaled by {EXTREME_SCALE:g}, divided by "
        f"{EXTREME_SCALE:g} (your loss at the same gaps scaled by {BENIGN_SCALE:g}, divided "
        f"by {BENIGN_SCALE:g}: a wrong prediction by a gap g costs g). Compute the loss from "
        "the logits with log-sum-exp; log(softmax + ε) stops at -log ε",
        rtol=SHIFTED,
        atol=0.0,
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["separable_large_features", "softmax_values"])
def large_logits_fit_stays_finite(c: CheckInput) -> Outcome:
    if gate := _related(c, "softmax_values", "probs"):
        return gate
    observed = c.candidate["separable_large_features"]
    keys = ("weights", "bias", "proba", "history")  # a missing one is another category's
    what = "after fit on features near ±1000"
    present = [k for k in keys if observed.value(k) is not None]
    return all_of(*(all_finite(observed.array(k), what=f"{k} {what}") for k in present))
