"""Checks for gaussian-naive-bayes: the joint log-likelihood and posteriors with given
parameters against the reference; stability compares the candidate's posteriors on
extreme inputs with its own on ordinary ones. The interface, the fit and the timing are the
profile's standard checks; there is no iteration, so no convergence check."""

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    unless_related,
)

EXACT = 1e-9
SAME = 1e-7  # posteriors of the same points moved, rescaled or shifted: rounding only
ZERO_VARIANCE = 1e-9  # posteriors that are 0 or 1 either way


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["given_parameters"], weight=2.0)
def given_parameters_match_reference(c: CheckInput) -> Outcome:
    candidate, reference = c.candidate["given_parameters"], c.reference["given_parameters"]
    return all_of(
        *(
            compare_values(
                candidate.array(key), reference.array(key), what=what, rtol=EXACT, atol=1e-12
            )
            for key, what in (
                ("jll", "_joint_log_likelihood(X) with the attributes set"),
                ("proba", "predict_proba(X) with the attributes set"),
                ("labels", "predict(X) with classes_ = [2, 5, 9] (labels, not indices)"),
            )
        )
    )


def _against_own(c: CheckInput, probe: str, pairs: dict[str, str], rtol: float) -> Outcome:
    """The stability rule: the candidate's posteriors with given attributes relate to the
    reference's (else not measured), and each extreme observation ("far_labels") equals
    the candidate's own ordinary one ("labels") of the same kind."""
    observed, given = c.candidate[probe], "given_parameters"
    # Gated on the posteriors with given attributes, not on this probe's fit: a fit off by a
    # convention (a variance with ddof=1) is mathematical_correctness's alone.
    candidate, reference = c.candidate[given].array("proba"), c.reference[given].array("proba")
    if gate := unless_related(candidate, reference, what="predict_proba with given attributes"):
        return gate
    return all_of(
        *(
            compare_values(
                observed.array(key),
                observed.array("labels" if key.endswith("labels") else "proba"),
                what=what,
                rtol=rtol,
                atol=rtol,
            )
            for key, what in pairs.items()
        )
    )


@check(
    category=Category.NUMERICAL_STABILITY,
    probes=["far_away_points", "given_parameters"],
    weight=1.5,
)
def far_points_keep_their_posteriors(c: CheckInput) -> Outcome:
    where = (
        "for points moved far away along a direction that lowers every class's "
        "log-likelihood equally (to about -1e5: every likelihood underflows to 0), against "
        "your values for the points unmoved. Normalise in log space (log-sum-exp)"
    )
    return _against_own(
        c,
        "far_away_points",
        {"far_proba": f"predict_proba(X) {where}", "far_labels": f"predict(X) {where}"},
        SAME,
    )


@check(
    category=Category.NUMERICAL_STABILITY,
    probes=["zero_variance_features", "given_parameters"],
    weight=1.5,
)
def zero_variance_features_stay_finite(c: CheckInput) -> Outcome:
    what = (
        "predict_proba of the training points after fit on a feature constant within each "
        "class and one constant everywhere (your values for the same data with noise of "
        "1e-3, where the posteriors are 0 or 1 too). Add var_smoothing × the largest "
        "feature variance to every variance"
    )
    return _against_own(c, "zero_variance_features", {"zero_variance_proba": what}, ZERO_VARIANCE)


@check(category=Category.NUMERICAL_STABILITY, probes=["rescaled_features", "given_parameters"])
def units_do_not_matter(c: CheckInput) -> Outcome:
    pairs = {
        f"{label}_proba": f"predict_proba after fit with every feature times {factor} (your "
        "values at scale 1: smoothing must be relative to the largest variance, not an "
        "absolute number)"
        for label, factor in (("tiny", "2**-40"), ("huge", "2**40"))
    }
    return _against_own(c, "rescaled_features", pairs, SAME)


@check(category=Category.NUMERICAL_STABILITY, probes=["features_far_from_zero", "given_parameters"])
def shift_does_not_matter(c: CheckInput) -> Outcome:
    what = (
        "predict_proba after fit with every feature shifted by 2**23 (your values unshifted: "
        "compute variances from deviations from the mean, not as E[x²] − E[x]²)"
    )
    return _against_own(c, "features_far_from_zero", {"shifted_proba": what}, SAME)
