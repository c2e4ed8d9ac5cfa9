"""Checks for decision-tree-classifier. The statement fixes every tie (the lowest feature,
then the lowest threshold; the lowest class in a vote), so trees are compared with the
reference exactly. The interface, the standard fit and the timings are the profile's, the
impurities a named check (problem.yaml); sandbox.tree_checks has what all tree problems check."""

import numpy as np

from sandbox import tree_checks
from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    check,
    compare_values,
    mean_of,
)
from sandbox.tree_checks import EXACT, same, tree_matches

GAIN = 1e-6  # a gain is compared loosely: the tie rule already decides which split wins


def _split(c: CheckInput, key: str) -> Outcome:
    expected = c.reference["best_split_values"].array(key).ravel()
    try:
        found = c.candidate["best_split_values"].array(key).ravel()
    except ObservationError as error:
        return Outcome.failed(f"_best_split ({key}): {error}")
    what = f"_best_split on the '{key}' data"
    if found.size != 3:
        return Outcome.failed(
            f"{what} returned {found.size} values: return (feature, threshold, gain)"
        )
    if found[0] != expected[0] or not np.isclose(found[1], expected[1], rtol=EXACT, atol=0.0):
        return Outcome.failed(
            f"{what} is feature {found[0]:g} at threshold {found[1]:.6g}, expected feature "
            f"{expected[0]:g} at {expected[1]:.6g}: maximise the impurity decrease weighted by "
            "child size; among equal gains take the lowest feature, then the lowest threshold "
            "(midpoints between sorted distinct values)"
        )
    return compare_values(found[2:], expected[2:], what=f"{what}: the gain", rtol=GAIN)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["best_split_values"], weight=1.5)
def best_split_matches_reference(c: CheckInput) -> Outcome:
    """The split on random data for both criteria, and the tie rule (a duplicated column,
    two mirror-image thresholds)."""
    keys = [f"{k}_{d}" for k in ("gini", "entropy") for d in ("random", "duplicated", "mirror")]
    return mean_of([_split(c, key) for key in keys])


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["grown_trees"], weight=2.0)
def grown_trees_match_reference(c: CheckInput) -> Outcome:
    """Four trees on one data set: gini fully grown, entropy max_depth=3, gini max_depth=2,
    entropy min_samples_split=25; depth, leaves and held-out predictions."""
    trees = {
        "gini_full": "grown fully with gini",
        "entropy_depth3": "with entropy and max_depth=3",
        "gini_depth2": "with gini and max_depth=2",
        "entropy_split25": "with entropy and min_samples_split=25",
    }
    return tree_checks.trees_match(c, "grown_trees", trees)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["split_and_vote_rules"])
def stopping_and_vote_rules(c: CheckInput) -> Outcome:
    """A node of exactly min_samples_split samples is split; a leaf's tie goes to the
    lowest class."""
    probe = "split_and_vote_rules"
    tie = "predict of a stump whose leaf holds two samples each of classes 1 and 2"
    return mean_of(
        [
            tree_matches(c, probe, "min12", "of 12 samples, min_samples_split=12"),
            tree_matches(c, probe, "min13", "of 12 samples, min_samples_split=13"),
            same(c, probe, "tie_predict", f"{tie} (the tie goes to the lowest class)"),
        ]
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_features"], weight=2.0)
def same_tree_for_huge_features(c: CheckInput) -> Outcome:
    """Features times 2^1022 (exact; up to 1.8e308) give the predictions of the same
    candidate at scale 1: thresholds a/2 + b/2, not (a + b)/2, which overflows."""
    return tree_checks.same_at_huge_scale(c, {"proba": "predict_proba", "predict": "predict"})


@check(category=Category.NUMERICAL_STABILITY, probes=["unsplittable_nodes", "huge_features"])
def unsplittable_nodes_become_leaves(c: CheckInput) -> Outcome:
    """A constant feature, repeated rows with conflicting labels and an all-constant data
    set: no crash, finite probabilities that sum to 1, and one leaf for the constant data."""
    return tree_checks.unsplittable_data_gives_leaves(c, "unsplittable_nodes")
