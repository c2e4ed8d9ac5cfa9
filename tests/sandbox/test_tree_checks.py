"""The checks shared by the tree problems (``sandbox.tree_checks``) on synthetic
observations (no Docker): what each passes, fails and leaves unmeasured."""

from __future__ import annotations

import numpy as np

from sandbox import tree_checks
from tests.support.observations import check_input

inputs = check_input


Y = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
PROBA = np.array([[1.0, 0.0, 0.0], [0.25, 0.25, 0.5]])


def huge(**observed: object) -> dict[str, object]:
    """A huge_features probe whose model reproduces its training labels, plus ``observed``."""
    return {"y": Y, "train_predict": Y, **observed}


def tree(label: str, depth: int, proba: np.ndarray) -> dict[str, object]:
    return {
        f"{label}:depth": depth,
        f"{label}:leaves": 2 * depth,
        f"{label}:proba": proba,
        f"{label}:predict": proba.argmax(axis=1),
    }


def test_tree_matches_compares_every_part_and_names_the_first_that_differs() -> None:
    reference = {"grown": tree("full", 3, PROBA)}
    assert tree_checks.tree_matches(inputs(reference, reference), "grown", "full", "x").is_pass
    deeper = inputs({"grown": tree("full", 4, PROBA)}, reference)
    outcome = tree_checks.tree_matches(deeper, "grown", "full", "grown fully")
    assert not outcome.is_pass and "depth_ of the tree grown fully" in outcome.message
    rounded = inputs({"grown": tree("full", 3, PROBA + 1e-6)}, reference)
    assert "predict_proba" in tree_checks.tree_matches(rounded, "grown", "full", "x").message


def test_trees_match_scores_the_share_of_trees_that_match() -> None:
    reference = {"grown": {**tree("a", 3, PROBA), **tree("b", 2, PROBA)}}
    trees = {"a": "a", "b": "b"}
    assert tree_checks.trees_match(inputs(reference, reference), "grown", trees).is_pass
    one_off = inputs({"grown": {**tree("a", 3, PROBA), **tree("b", 5, PROBA)}}, reference)
    outcome = tree_checks.trees_match(one_off, "grown", trees)
    assert outcome.score == 0.5 and "depth_ of the tree b" in outcome.message


def test_the_gate_leaves_a_model_that_does_not_fit_its_training_data_unmeasured() -> None:
    assert tree_checks.fits_training_data(inputs({"huge_features": huge()})) is None
    constant = inputs({"huge_features": {"y": Y, "train_predict": np.zeros(10)}})
    gate = tree_checks.fits_training_data(constant, "your forest")
    assert gate is not None and not gate.measured and "your forest" in gate.message
    outcome = tree_checks.same_at_huge_scale(constant, {"proba": "predict_proba"})
    assert not outcome.measured


def test_same_at_huge_scale_holds_the_candidate_to_its_own_values_at_scale_one() -> None:
    keys = {"proba": "predict_proba", "predict": "predict"}
    stable = huge(proba=PROBA, huge_proba=PROBA, predict=[0, 2], huge_predict=[0, 2])
    assert tree_checks.same_at_huge_scale(inputs({"huge_features": stable}), keys).is_pass
    # the reference's values do not matter: only the candidate's own at scale 1
    other = {"huge_features": huge(proba=PROBA[::-1], huge_proba=PROBA[::-1], predict=[2, 0])}
    assert tree_checks.same_at_huge_scale(inputs({"huge_features": stable}, other), keys).is_pass
    moved = huge(proba=PROBA, huge_proba=PROBA[::-1], predict=[0, 2], huge_predict=[0, 2])
    outcome = tree_checks.same_at_huge_scale(inputs({"huge_features": moved}), keys)
    assert not outcome.is_pass and "predict_proba with every feature times 2^1022" in (
        outcome.message
    )


def test_valid_probabilities_are_finite_rows_in_zero_one_that_sum_to_one() -> None:
    assert tree_checks.valid_probabilities(PROBA, "p").is_pass
    assert "finite" in tree_checks.valid_probabilities(PROBA * np.nan, "p").message.lower()
    assert "(n, 3)" in tree_checks.valid_probabilities(PROBA[:, :2], "p").message
    assert "sum to 1" in tree_checks.valid_probabilities(PROBA * 2, "p").message
    negative = np.array([[1.5, -0.5, 0.0]])
    assert "sum to 1" in tree_checks.valid_probabilities(negative, "p").message


def test_one_leaf_gives_every_sample_the_same_probabilities() -> None:
    assert tree_checks.one_leaf(np.tile(PROBA[1], (4, 1))).is_pass
    assert not tree_checks.one_leaf(PROBA).is_pass


def test_unsplittable_data_gives_leaves_after_the_gate() -> None:
    leaf = np.tile(PROBA[1], (5, 1))
    good = {"huge_features": huge(), "nodes": {"repeated_proba": PROBA, "constant_proba": leaf}}
    assert tree_checks.unsplittable_data_gives_leaves(inputs(good), "nodes").is_pass
    split = {**good, "nodes": {"repeated_proba": PROBA, "constant_proba": PROBA}}
    outcome = tree_checks.unsplittable_data_gives_leaves(inputs(split), "nodes")
    assert not outcome.is_pass and "every feature is constant" in outcome.message
    nan = {**good, "nodes": {"repeated_proba": PROBA * np.nan, "constant_proba": leaf}}
    assert (
        "repeated rows" in tree_checks.unsplittable_data_gives_leaves(inputs(nan), "nodes").message
    )
    ungated = {**split, "huge_features": {"y": Y, "train_predict": np.zeros(10)}}
    assert not tree_checks.unsplittable_data_gives_leaves(inputs(ungated), "nodes").measured
