"""Probes for decision-tree-pruning: cost-complexity pruning paths, trees pruned at given
ccp_alpha values, and stability. The interface, the standard fit and the predict timing are
the profile's standard probes; the hooks below make their data and the timed work.
"""

from typing import Any

import numpy as np

from sandbox.harness import tree_probes
from sandbox.harness.probing import ProbeContext, probe
from sandbox.harness.tree_probes import HUGE, data, grown_tree, tree_outputs

TIMING_FEATURES = 3
TIMED_DEPTH = 8  # the timed tree's max_depth (problem.yaml), and so the yardstick's
TIMED_TREE = dict(criterion="gini", max_depth=TIMED_DEPTH, min_samples_split=2, ccp_alpha=0.0)
# The hooks of the profile's predict timing (tree_probes; ``data``, fit's, comes from there
# too): normal inputs, every row down a complete tree as deep as the timed one.
predict_inputs = tree_probes.normal_inputs(TIMING_FEATURES)
predict_yardstick = tree_probes.complete_tree_yardstick(TIMED_DEPTH)


def _tree(
    ctx: ProbeContext, X: np.ndarray, y: np.ndarray, X_test: np.ndarray, **kw: Any
) -> dict[str, Any]:
    return tree_outputs(grown_tree(ctx, X, y, **kw), X_test)


def _path(ctx: ProbeContext, X: np.ndarray, y: np.ndarray, **kw: Any) -> dict[str, Any]:
    path = ctx.solution.DecisionTreeClassifier(**kw).cost_complexity_pruning_path(X, y)
    try:
        alphas, impurities = path
    except (TypeError, ValueError):
        return {"alphas": None, "impurities": None}
    return {"alphas": alphas, "impurities": impurities}


@probe(group="math", budget_seconds=6.0, sample=True)
def pruning_paths(ctx: ProbeContext) -> dict[str, Any]:
    """The path of a fully grown tree for both criteria, and of a tree limited to depth 4."""
    rng = ctx.rng("pruning_paths")
    X, y = data(rng, 120, 3)
    observed: dict[str, Any] = {}
    for label, kw in (
        ("gini", {"criterion": "gini"}),
        ("entropy", {"criterion": "entropy"}),
        ("depth4", {"criterion": "gini", "max_depth": 4, "min_samples_split": 6}),
    ):
        observed.update({f"{label}:{k}": v for k, v in _path(ctx, X, y, **kw).items()})
    return observed


@probe(group="math", budget_seconds=10.0)
def pruned_trees(ctx: ProbeContext) -> dict[str, Any]:
    """Trees pruned at random ccp_alpha values (small, medium, large, and beyond the last
    alpha of the path), for both criteria; held-out predictions of each."""
    rng = ctx.rng("pruned_trees")
    X, y = data(rng, 200, 4)
    X_test = rng.normal(0.0, 1.2, size=(100, 4))
    observed: dict[str, Any] = {}
    for criterion in ("gini", "entropy"):
        alphas = [
            rng.uniform(0.002, 0.006),
            rng.uniform(0.008, 0.02),
            rng.uniform(0.03, 0.08),
            10.0,
        ]
        for i, alpha in enumerate(alphas):
            tree = _tree(ctx, X, y, X_test, criterion=criterion, ccp_alpha=alpha)
            observed.update({f"{criterion}{i}:{k}": v for k, v in tree.items()})
    return observed


# The predict timing's witness (problem.yaml): the timed tree's predictions (tree_probes).
timed_tree = tree_probes.timed_tree_probe(TIMED_TREE, 200, TIMING_FEATURES)


@probe(group="huge", budget_seconds=10.0)
def huge_features(ctx: ProbeContext) -> dict[str, Any]:
    """Features in [1, 4), then the same data times 2^1022 (exact): a stable tree has the
    same path and the same pruned predictions."""
    rng = ctx.rng("huge_features")
    X, y, X_test = tree_probes.huge_data(rng, 150, 3, 80)
    alpha = rng.uniform(0.005, 0.02)
    observed = {"y": y, "train_predict": grown_tree(ctx, X, y).predict(X)}
    for label, scale in (("", 1.0), ("huge_", HUGE)):
        observed.update({f"{label}{k}": v for k, v in _path(ctx, X * scale, y).items()})
        tree = _tree(ctx, X * scale, y, X_test * scale, ccp_alpha=alpha)
        observed.update({f"{label}{k}": v for k, v in tree.items()})
    return observed


@probe(group="single_leaf", budget_seconds=10.0)
def single_leaf_trees(ctx: ProbeContext) -> dict[str, Any]:
    """Trees that are one leaf: every label the same, and every feature constant. Their
    path has one entry (nothing to prune) and pruning them changes nothing."""
    rng = ctx.rng("single_leaf_trees")
    X = rng.normal(size=(25, 3))
    X_test = rng.normal(size=(10, 3))
    pure = np.full(25, 2)
    observed = {f"pure_{k}": v for k, v in _path(ctx, X, pure).items()}
    flat = np.full((25, 3), 0.75)
    mixed = tree_probes.mixed_labels(rng, 25)
    observed.update(
        {f"constant_{k}": v for k, v in _path(ctx, flat, mixed, criterion="entropy").items()}
    )
    tree = _tree(ctx, flat, mixed, X_test, criterion="entropy", ccp_alpha=0.01)
    observed.update({f"constant_{k}": v for k, v in tree.items()})
    return observed
