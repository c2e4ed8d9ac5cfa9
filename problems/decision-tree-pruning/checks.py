"""Checks for decision-tree-pruning. Trees are unique (the statement fixes every tie), so
paths and pruned trees are compared with the reference exactly. A path that lists an alpha
once per pruned node (scikit-learn's style) is accepted: equal consecutive alphas are
merged before comparing. The interface, the standard fit and the timing are the profile's."""

import numpy as np

from sandbox import tree_checks
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
)
from sandbox.observations import ProbeResult
from sandbox.tree_checks import EXACT

SAME_ALPHA = 1e-9  # relative: consecutive alphas this close are one step of the path


def _path(result: ProbeResult, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    """(alphas, impurities) as flat arrays, consecutive equal alphas merged (the last
    impurity of a run is the tree after every node of that alpha is pruned)."""
    if result.value(f"{prefix}alphas") is None:
        raise ObservationError(
            "cost_complexity_pruning_path must return a pair (ccp_alphas, impurities)"
        )
    alphas = result.array(f"{prefix}alphas").ravel()
    impurities = result.array(f"{prefix}impurities").ravel()
    if alphas.size != impurities.size or alphas.size == 0:
        raise ObservationError(
            f"ccp_alphas has {alphas.size} values and impurities {impurities.size}: one "
            "impurity per alpha"
        )
    last = np.append(np.abs(np.diff(alphas)) > SAME_ALPHA * np.abs(alphas[1:]), True)
    return alphas[last], impurities[last]


def _same_path(c: CheckInput, probe: str, prefix: str, what: str) -> Outcome:
    try:
        alphas, impurities = _path(c.candidate[probe], prefix)
    except ObservationError as error:
        return Outcome.failed(f"{what}: {error}")
    expected_alphas, expected_impurities = _path(c.reference[probe], prefix)
    if alphas.size != expected_alphas.size:
        return Outcome.failed(
            f"{what} has {alphas.size} distinct alphas, expected {expected_alphas.size} "
            f"(ours: {np.round(expected_alphas[:6], 6).tolist()}…, yours: "
            f"{np.round(alphas[:6], 6).tolist()}…): the path starts with alpha 0 (the full "
            "tree), and the effective alpha of node t is (R(t) - R(T_t)) / (|leaves of T_t| "
            "- 1), R weighted by the node's share of samples"
        )
    return all_of(
        compare_values(alphas, expected_alphas, what=f"{what}: ccp_alphas", rtol=EXACT, atol=1e-15),
        compare_values(
            impurities, expected_impurities, what=f"{what}: impurities", rtol=EXACT, atol=1e-15
        ),
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["pruning_paths"], weight=2.0)
def pruning_paths_match_reference(c: CheckInput) -> Outcome:
    """Full gini and entropy trees, and a tree with max_depth=4, min_samples_split=6."""
    return mean_of(
        [
            _same_path(c, "pruning_paths", f"{label}:", what)
            for label, what in (
                ("gini", "the path of a full gini tree"),
                ("entropy", "the path of a full entropy tree"),
                ("depth4", "the path of a gini tree with max_depth=4, min_samples_split=6"),
            )
        ]
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["pruned_trees"], weight=2.0)
def pruned_trees_match_reference(c: CheckInput) -> Outcome:
    """Trees pruned at three random ccp_alpha values and at 10 (the root alone)."""
    alphas = ("a small ccp_alpha", "a medium one", "a large one", "10")
    trees = {
        f"{criterion}{i}": f"({criterion}) pruned at {what}"
        for criterion in ("gini", "entropy")
        for i, what in enumerate(alphas)
    }
    return tree_checks.trees_match(c, "pruned_trees", trees)


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_features"], weight=2.0)
def same_pruning_for_huge_features(c: CheckInput) -> Outcome:
    """Features times 2^1022 (up to 1.8e308) give the same path and the same pruned
    predictions as the same candidate at scale 1 (midpoints a/2 + b/2 cannot overflow)."""
    keys = {"alphas": "ccp_alphas", "impurities": "impurities", "proba": "predict_proba"}
    return tree_checks.same_at_huge_scale(c, {**keys, "predict": "predict"})


@check(category=Category.NUMERICAL_STABILITY, probes=["single_leaf_trees", "huge_features"])
def single_leaf_trees_have_nothing_to_prune(c: CheckInput) -> Outcome:
    """Pure labels and constant features: no crash; a finite path with no pruning step (no
    positive alpha: your first entry, if you record one, and nothing else); pruning keeps
    the one leaf. What the first entry holds is mathematical_correctness's business."""
    if gate := tree_checks.fits_training_data(c):
        return gate
    observed = c.candidate["single_leaf_trees"]
    parts = []
    for label, what in (("pure", "labels all equal"), ("constant", "constant features")):
        if observed.value(f"{label}_alphas") is None:
            return Outcome.failed(f"the path with {what}: return (ccp_alphas, impurities)")
        alphas = observed.array(f"{label}_alphas").ravel()
        impurities = observed.array(f"{label}_impurities").ravel()
        parts.append(all_finite(np.append(alphas, impurities), what=f"the path with {what}"))
        if alphas.size > 1 or (alphas > 0).any():
            parts.append(
                Outcome.failed(
                    f"the path of a tree that is one leaf ({what}) is {alphas.tolist()}: a "
                    "single leaf has nothing to prune (no pruning step, no positive alpha)"
                )
            )
    proba = observed.array("constant_proba")
    parts.append(all_finite(proba, what="predict_proba after fitting constant features"))
    return all_of(*parts, tree_checks.one_leaf(proba))


@check(category=Category.CODE_ORGANIZATION, probes=["pruning_paths"], weight=0.5)
def path_is_two_float_arrays(c: CheckInput) -> Outcome:
    observed = c.candidate["pruning_paths"]
    for key in ("gini:alphas", "gini:impurities"):
        value = observed.value(key)
        if not isinstance(value, np.ndarray) or value.ndim != 1 or value.dtype.kind != "f":
            return Outcome.failed(
                "cost_complexity_pruning_path must return two 1-D float NumPy arrays "
                f"(ccp_alphas, impurities); {key.split(':')[1]} is {observed.types.get(key, '?')}"
            )
    return Outcome.passed()
