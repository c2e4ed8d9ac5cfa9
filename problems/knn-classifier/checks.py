"""Checks for knn-classifier: the candidate's own answers for queries on training points
against its answers for the same queries moved by 1e-7, and the shapes of kneighbors. The
interface, the fit and the timing of predict() are the profile's standard checks; the
neighbours and the votes against the reference (ties included, under the statement's
rules), named checks (problem.yaml)."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    dtype_check,
    shape_check,
)


def _benign_related(c: CheckInput, probe: str, keys: tuple[str, ...]) -> Outcome | None:
    """Stability is measured only where the candidate answers the benign twin as the
    reference does: a wrong vote is mathematical_correctness's."""
    for key in keys:
        candidate, reference = c.candidate[probe].array(key), c.reference[probe].array(key)
        if candidate.size != reference.size or not np.array_equal(
            candidate.ravel(), reference.ravel()
        ):
            return Outcome.not_measured(
                f"not measured: your answers for queries 1e-7 away from training points differ "
                f"from the reference ({key}; see mathematical_correctness)"
            )
    return None


def _same_as_own(c: CheckInput, probe: str, suffix: str, what: str) -> Outcome:
    """The candidate's answer on training points equals its own answer 1e-7 away."""
    observed = c.candidate[probe]
    return compare_values(
        observed.array(f"on{suffix}"), observed.array(f"near{suffix}"), what=what, rtol=0, atol=0
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["queries_on_training_points"], weight=2.0)
def queries_on_training_points(c: CheckInput) -> Outcome:
    """Distances 0 (not NaN: clip the expansion at 0 before the square root), the same
    neighbours and the same votes as 1e-7 away."""
    name = "queries_on_training_points"
    if gate := _benign_related(c, name, ("near_indices",)):
        return gate
    distances = c.candidate[name].array("on_distances")
    if not (np.isfinite(distances).all() and (distances >= 0.0).all()):
        return Outcome.failed(
            "kneighbors(X) returned NaN or negative distances for queries that are training "
            "points: ||a||^2 - 2ab + ||b||^2 rounds to tiny negative numbers there; clip it at "
            "0 before the square root"
        )
    return all_of(
        *(
            _same_as_own(
                c,
                name,
                f"_{key}",
                f"{what} for queries on training points (your answer 1e-7 away from them)",
            )
            for key, what in (
                ("indices", "kneighbors(X) indices"),
                ("uniform", "predict(X), uniform"),
                ("distance", "predict(X), distance-weighted"),
            )
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["repeated_training_points"])
def zero_distances_in_the_weighted_vote(c: CheckInput) -> Outcome:
    """Queries on a point the training set holds 3 times (labels a, b, b): 1/0 is infinite
    for all three, so only the points at distance 0 may vote; b wins, as 1e-7 away."""
    if gate := _benign_related(c, "repeated_training_points", ("near",)):
        return gate
    return _same_as_own(
        c,
        "repeated_training_points",
        "",
        "predict(X), distance-weighted, for queries on training points held 3 times with "
        "labels (a, b, b) (your answer 1e-7 away, where b outvotes a; at distance 0, let only "
        "the points at distance 0 vote, one vote each)",
    )


@check(category=Category.CODE_ORGANIZATION, probes=["neighbours_and_votes"])
def kneighbors_shapes_and_dtypes(c: CheckInput) -> Outcome:
    observed = c.candidate["neighbours_and_votes"]
    return all_of(
        shape_check(observed.array("distances").shape, (30, 5), "kneighbors(X) distances"),
        dtype_check(observed, "distances", "real", "kneighbors(X) distances"),
        shape_check(observed.array("indices").shape, (30, 5), "kneighbors(X) indices"),
        dtype_check(observed, "indices", "label", "kneighbors(X) indices"),
    )
