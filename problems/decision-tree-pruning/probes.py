"""Probes for decision-tree-pruning: cost-complexity pruning paths, trees pruned at given
ccp_alpha values, and stability. The interface, the standard fit and the predict timing are
the profile's standard probes; the hooks below make their data and the timed work.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

CLASSES = 3
TIMING_FEATURES = 3
HUGE = 2.0**1022  # features up to 4 * 2^1022: a + b overflows, a/2 + b/2 does not
TIMED_TREE = {"criterion": "gini", "max_depth": 8, "min_samples_split": 2, "ccp_alpha": 0.0}
YARDSTICK_DEPTH = 8  # the max_depth of the timed tree


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes from noisy linear scores: a full tree overfits, so pruning matters."""
    X = rng.normal(size=(n, features))
    scores = X @ rng.normal(size=(features, CLASSES)) + rng.normal(0.0, 0.7, (n, CLASSES))
    y = scores.argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)  # every class present
    return X, y.astype(np.int64)


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.normal(size=(n, TIMING_FEATURES)),), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    """Every row down a complete tree of YARDSTICK_DEPTH levels, one level at a time."""
    nodes = 2**YARDSTICK_DEPTH - 1
    feature = np.arange(nodes) % X.shape[1]
    threshold = np.linspace(-1.0, 1.0, nodes)
    node = np.zeros(len(X), dtype=np.int64)
    active = np.arange(len(X))
    for _ in range(YARDSTICK_DEPTH):
        current = node[active]
        right = X[active, feature[current]] > threshold[current]
        node[active] = np.where(right, 2 * current + 2, 2 * current + 1)
        active = active[node[active] >= 0]
    return node


def _tree(
    ctx: ProbeContext, X: np.ndarray, y: np.ndarray, X_test: np.ndarray, **kw: Any
) -> dict[str, Any]:
    model = ctx.solution.DecisionTreeClassifier(**kw)
    model.fit(X, y)
    return {
        "proba": model.predict_proba(X_test),
        "predict": model.predict(X_test),
        "depth": getattr(model, "depth_", None),
        "leaves": getattr(model, "n_leaves_", None),
    }


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


@probe(group="math", budget_seconds=6.0)
def timed_tree(ctx: ProbeContext) -> dict[str, Any]:
    """The tree the predict timing fits (the same stream, size and hyperparameters): its
    predictions on 3,000 samples (so many that a tree differing in any cell of 1% of the
    training samples differs on some of them) show how the timed ones relate to the reference's."""
    X, y = data(ctx.rng("standard_timing_fit"), 200, TIMING_FEATURES)
    X_test = ctx.rng("timed_tree").normal(size=(3000, TIMING_FEATURES))
    return {"predict": _tree(ctx, X, y, X_test, **TIMED_TREE)["predict"]}


@probe(group="huge", budget_seconds=10.0)
def huge_features(ctx: ProbeContext) -> dict[str, Any]:
    """Features in [1, 4), then the same data times 2^1022 (exact): a stable tree has the
    same path and the same pruned predictions."""
    rng = ctx.rng("huge_features")
    X, y = data(rng, 150, 3)
    X = 1.0 + 3.0 * (X - X.min()) / (X.max() - X.min() + 1e-3)
    X_test = rng.uniform(1.0, 3.9, size=(80, 3))
    alpha = rng.uniform(0.005, 0.02)
    full = ctx.solution.DecisionTreeClassifier()
    full.fit(X, y)
    observed = {"y": y, "train_predict": full.predict(X)}
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
    mixed = rng.integers(0, CLASSES, size=25)
    mixed[:CLASSES] = np.arange(CLASSES)
    observed.update(
        {f"constant_{k}": v for k, v in _path(ctx, flat, mixed, criterion="entropy").items()}
    )
    tree = _tree(ctx, flat, mixed, X_test, criterion="entropy", ccp_alpha=0.01)
    observed.update({f"constant_{k}": v for k, v in tree.items()})
    return observed
