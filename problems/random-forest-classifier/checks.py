"""Checks for random-forest-classifier. Only the forest without randomness is compared with
the reference; bootstrap samples, feature subsampling per split and voting are checked on
the candidate's own forest, so any seeded forest is accepted whatever order it draws in."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_of,
    check,
    compare_values,
    mean_of,
)
from sandbox.observations import ProbeResult
from sandbox.tree_checks import EXACT, same, same_at_huge_scale, unsplittable_data_gives_leaves

UNIQUE = (0.55, 0.72)  # mean share of distinct samples per bootstrap (1 - 1/e = 0.632)
FITTED = "your forest of fully grown trees"  # the stability gate's model (tree_checks)


def _trees(result: ProbeResult, key: str, trees: int) -> np.ndarray:
    """_tree_predictions as (trees, m); (m, trees) is accepted too (a shape slip)."""
    votes = result.array(key)
    if votes.ndim == 2 and votes.shape[0] != trees and votes.shape[1] == trees:
        votes = votes.T
    if votes.ndim != 2 or votes.shape[0] != trees:
        raise ObservationError(
            f"_tree_predictions returned shape {votes.shape}: one row of labels per tree"
        )
    return votes


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["forest_without_randomness"], weight=2.0)
def forest_without_randomness_matches_reference(c: CheckInput) -> Outcome:
    """bootstrap=False, max_features=None: every tree is the CART tree of the data (the
    statement's tie rules make it unique), grown fully and with max_depth=3."""
    probe = "forest_without_randomness"
    parts = []
    for label, what in (("full", "grown fully"), ("depth3", "with max_depth=3")):
        parts.append(
            all_of(
                compare_values(
                    _trees(c.candidate[probe], f"{label}:trees", 3),
                    c.reference[probe].array(f"{label}:trees"),
                    what=f"the trees' predictions without bootstrap or feature sampling, {what}",
                    rtol=EXACT,
                ),
                same(c, probe, f"{label}:proba", f"predict_proba of that forest ({what})"),
            )
        )
    return mean_of(parts)


def _bootstrap_rows(observed: ProbeResult) -> np.ndarray:
    n = int(observed.number("n"))
    if observed.value("samples") is None:
        raise ObservationError("estimators_samples_ is missing: the statement names it")
    rows = observed.array("samples")
    if rows.shape != (8, n) or not np.isin(rows, np.arange(n)).all():
        raise ObservationError(
            f"estimators_samples_ has shape {rows.shape}: one row of {n} sample indices "
            "(0 … n-1) per tree"
        )
    return rows


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["bootstrap_samples"], weight=1.5)
def trees_grow_on_bootstrap_samples(c: CheckInput) -> Outcome:
    """Each tree draws n samples with replacement (about 63% distinct), the trees draw
    different ones, and each tree is the CART tree of the samples it drew."""
    observed = c.candidate["bootstrap_samples"]
    rows = _bootstrap_rows(observed)
    distinct = float(np.mean([np.unique(r).size / r.size for r in rows]))
    if not UNIQUE[0] <= distinct <= UNIQUE[1]:
        return Outcome.failed(
            f"on average {distinct:.0%} of a tree's samples are distinct; a bootstrap sample "
            "(n draws with replacement) holds about 63%: draw rng.integers(0, n, size=n)"
        )
    if len({r.tobytes() for r in rows}) < len(rows):
        return Outcome.failed("two trees drew the same bootstrap sample: draw one per tree")
    if observed.value("regrown") is None:
        return Outcome.failed("estimators_samples_ could not be used to grow the trees again")
    trees = _trees(observed, "trees", 8)
    regrown = observed.array("regrown").reshape(trees.shape)
    differ = np.flatnonzero((trees != regrown).any(axis=1))
    if differ.size == 0:
        return Outcome.passed()
    return Outcome.failed(
        f"tree {differ[0]} does not predict like a tree grown on the samples "
        "estimators_samples_ lists for it (its own bootstrap sample, every feature): grow "
        "tree t on X[estimators_samples_[t]]"
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["features_per_split"], weight=1.5)
def features_drawn_at_every_split(c: CheckInput) -> Outcome:
    """max_features=1 on 4 features: a new feature is drawn at every split, so a fully
    grown tree uses several features (drawn once per tree, it would use one) and the trees
    differ although no bootstrap is drawn."""
    observed = c.candidate["features_per_split"]
    trees = _trees(observed, "trees", 6)
    used = np.zeros(trees.shape[0], dtype=np.int64)
    for j in range(4):
        used += (_trees(observed, f"shuffled{j}", 6) != trees).any(axis=1)
    if len({row.tobytes() for row in _trees(observed, "held_out", 6)}) == 1:
        return Outcome.failed(
            "with max_features=1 and bootstrap=False all trees predict the same: draw "
            "max_features candidate features at random at every split"
        )
    if np.mean(used >= 2) >= 0.5:
        return Outcome.passed()
    return Outcome.failed(
        f"with max_features=1, {int(np.sum(used <= 1))} of {len(used)} fully grown trees use "
        "only one feature: draw the candidate features again at every split, not once per tree"
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["votes"])
def majority_vote_of_the_trees(c: CheckInput) -> Outcome:
    """predict_proba is the share of trees voting for each class (hard votes, not averaged
    probabilities); predict the class with most votes, ties to the lowest."""
    observed = c.candidate["votes"]
    trees = _trees(observed, "trees", 4)
    shares = np.stack([(trees == k).mean(axis=0) for k in range(3)], axis=1)
    return all_of(
        compare_values(
            observed.array("proba"),
            shares,
            what="predict_proba of four trees of depth 2 (the share of trees voting for each "
            "class, from your own _tree_predictions)",
            rtol=EXACT,
        ),
        compare_values(
            observed.array("predict"),
            shares.argmax(axis=1),
            what="predict (the class with most votes; a tie goes to the lowest class)",
            rtol=0.0,
        ),
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_features"], weight=2.0)
def same_forest_for_huge_features(c: CheckInput) -> Outcome:
    """The same random_state on features times 2^1022 (up to 1.8e308) gives the trees,
    probabilities and predictions of the same candidate at scale 1."""
    keys = {"trees": "_tree_predictions", "proba": "predict_proba", "predict": "predict"}
    return same_at_huge_scale(c, keys, FITTED)


@check(category=Category.NUMERICAL_STABILITY, probes=["unsplittable_nodes", "huge_features"])
def unsplittable_nodes_become_leaves(c: CheckInput) -> Outcome:
    """Constant features and repeated rows: no crash, finite vote shares that sum to 1,
    and one leaf (the same prediction everywhere) when every feature is constant."""
    return unsplittable_data_gives_leaves(c, "unsplittable_nodes", FITTED)
