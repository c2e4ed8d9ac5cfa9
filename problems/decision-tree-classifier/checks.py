"""Checks for decision-tree-classifier. The statement fixes every tie (the lowest feature,
then the lowest threshold; the lowest class in a vote), so trees are compared with the
reference exactly. The interface, the standard fit and the timings are the profile's."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
    mean_of,
    unless_reproduced,
)

EXACT = 1e-9  # probabilities are ratios of counts: any correct code gets them to rounding
GAIN = 1e-6  # a gain is compared loosely: the tie rule already decides which split wins
FITS = 0.8  # the share of its training labels a fully grown tree must reproduce (the gate)


def _same(c: CheckInput, probe: str, key: str, what: str, rtol: float = EXACT) -> Outcome:
    return compare_values(
        c.candidate[probe].array(key), c.reference[probe].array(key), what=what, rtol=rtol
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["impurity_values"])
def impurity_matches_reference(c: CheckInput) -> Outcome:
    """Gini 1 - sum p^2 and entropy -sum p log2 p of five label arrays (p: proportions)."""
    return all_of(
        *(
            _same(c, "impurity_values", k, f"_impurity with criterion='{k}'", rtol=1e-9)
            for k in ("gini", "entropy")
        )
    )


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


def _tree_matches(c: CheckInput, probe: str, label: str, what: str) -> Outcome:
    return all_of(
        _same(c, probe, f"{label}:depth", f"depth_ of the tree {what}"),
        _same(c, probe, f"{label}:leaves", f"n_leaves_ of the tree {what}"),
        _same(c, probe, f"{label}:proba", f"predict_proba of the tree {what}"),
        _same(c, probe, f"{label}:predict", f"predict of the tree {what}"),
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["grown_trees"], weight=2.0)
def grown_trees_match_reference(c: CheckInput) -> Outcome:
    """Four trees on one data set: gini fully grown, entropy max_depth=3, gini max_depth=2,
    entropy min_samples_split=25; depth, leaves and held-out predictions."""
    return mean_of(
        [
            _tree_matches(c, "grown_trees", label, what)
            for label, what in (
                ("gini_full", "grown fully with gini"),
                ("entropy_depth3", "with entropy and max_depth=3"),
                ("gini_depth2", "with gini and max_depth=2"),
                ("entropy_split25", "with entropy and min_samples_split=25"),
            )
        ]
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["split_and_vote_rules"])
def stopping_and_vote_rules(c: CheckInput) -> Outcome:
    """A node of exactly min_samples_split samples is split; a leaf's tie goes to the
    lowest class."""
    return mean_of(
        [
            _tree_matches(
                c, "split_and_vote_rules", "min12", "of 12 samples, min_samples_split=12"
            ),
            _tree_matches(
                c, "split_and_vote_rules", "min13", "of 12 samples, min_samples_split=13"
            ),
            _same(
                c,
                "split_and_vote_rules",
                "tie_predict",
                "predict of a stump whose leaf holds two samples each of classes 1 and 2 "
                "(the tie goes to the lowest class)",
            ),
        ]
    )


def _fits_training_data(c: CheckInput) -> Outcome | None:
    """Stability is measured on a model that works: grown fully on distinct samples, it
    must reproduce (nearly all of) its training labels; consistent garbage earns nothing."""
    observed = c.candidate["huge_features"]
    return unless_reproduced(
        observed.array("train_predict"),
        observed.array("y"),
        share=FITS,
        what="your fully grown tree",
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_features"], weight=2.0)
def same_tree_for_huge_features(c: CheckInput) -> Outcome:
    """Features times 2^1022 (exact; up to 1.8e308) give the predictions of the same
    candidate at scale 1: thresholds a/2 + b/2, not (a + b)/2, which overflows."""
    if gate := _fits_training_data(c):
        return gate
    observed = c.candidate["huge_features"]
    return all_of(
        *(
            compare_values(
                observed.array(f"huge_{key}"),
                observed.array(key),
                what=f"{name} with every feature times 2^1022 (your values at scale 1)",
                rtol=1e-12,
                atol=0.0,
            )
            for key, name in (("proba", "predict_proba"), ("predict", "predict"))
        )
    )


def _valid_distribution(proba: np.ndarray, what: str) -> Outcome:
    if proba.ndim != 2 or proba.shape[1] != 3:
        return Outcome.failed(f"{what} has shape {proba.shape}, expected (n, 3)")
    sums = proba.sum(axis=1)
    if (proba < 0).any() or (proba > 1).any() or not np.allclose(sums, 1.0, rtol=0, atol=1e-9):
        return Outcome.failed(f"{what}: each row must hold probabilities that sum to 1")
    return Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=["unsplittable_nodes", "huge_features"])
def unsplittable_nodes_become_leaves(c: CheckInput) -> Outcome:
    """A constant feature, repeated rows with conflicting labels and an all-constant data
    set: no crash, finite probabilities that sum to 1, and one leaf for the constant data."""
    if gate := _fits_training_data(c):
        return gate
    observed = c.candidate["unsplittable_nodes"]
    parts = []
    for label, what in (("repeated", "repeated rows"), ("constant", "constant features")):
        proba = observed.array(f"{label}_proba")
        parts += [
            all_finite(proba, what=f"predict_proba after fitting {what}"),
            _valid_distribution(proba, f"predict_proba after fitting {what}"),
        ]
    constant = observed.array("constant_proba")
    if constant.ndim == 2 and not np.allclose(constant, constant[:1], rtol=0.0, atol=1e-12):
        parts.append(
            Outcome.failed(
                "a tree fitted on data whose every feature is constant cannot split: "
                "every sample must get the same probabilities"
            )
        )
    return all_of(*parts)
