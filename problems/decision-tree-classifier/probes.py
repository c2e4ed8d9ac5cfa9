"""Probes for decision-tree-classifier: impurities, the split search, trees grown with
several hyperparameters, the min_samples_split boundary, vote ties, and stability.

The interface, the standard fit and the timings are the profile's standard probes; the
hooks below make their data and do the timed work in plain NumPy.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

CLASSES = 3
TIMING_FEATURES = 3
HUGE = 2.0**1022  # features up to 4 * 2^1022 (1.8e308): a + b overflows, a/2 + b/2 does not
YARDSTICK_DEPTH = 8  # the max_depth of the timed tree (problem.yaml)
TIMED_TREE = {"criterion": "gini", "max_depth": 8, "min_samples_split": 2}


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes from noisy linear scores (not separable: a full tree grows deep)."""
    X = rng.normal(size=(n, features))
    scores = X @ rng.normal(size=(features, CLASSES)) + rng.normal(0.0, 0.7, (n, CLASSES))
    y = scores.argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)  # every class present
    return X, y.astype(np.int64)


def split_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES))
    y = (3.0 * X[:, 0] + rng.random(n)).astype(np.int64) % CLASSES
    return (X, y), {}


def split_yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The Gini split search in plain NumPy: sorted columns, cumulative class counts."""
    n = len(y)
    order = np.argsort(X, axis=0, kind="stable")
    values = np.take_along_axis(X, order, axis=0)
    one_hot = (y[order][:, :, None] == np.arange(CLASSES)).astype(np.float64)
    left = np.cumsum(one_hot, axis=0)[:-1]
    right = left[-1:] + one_hot[-1:] - left
    sizes = np.arange(1, n, dtype=np.float64)[:, None]
    weighted = (left * left).sum(axis=2) / sizes + (right * right).sum(axis=2) / (n - sizes)
    gains = np.where(values[:-1] < values[1:], weighted, -np.inf)
    i, feature = np.unravel_index(np.argmax(gains), gains.shape)
    return np.array([feature, values[i, feature] / 2 + values[i + 1, feature] / 2])


def timing_summary(args: tuple[Any, ...], output: object) -> np.ndarray:
    """_best_split: its feature and threshold (the gain is compared elsewhere); predict:
    four fixed projections of the labels."""
    try:
        values = np.asarray(output, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        return np.full(2, np.nan)
    if values.size == len(args[0]):
        return np.cos(np.outer(np.arange(1.0, 5.0), np.arange(values.size))) @ values
    return values[:2]


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


def _grow(ctx: ProbeContext, X: np.ndarray, y: np.ndarray, **hyperparameters: Any) -> Any:
    model = ctx.solution.DecisionTreeClassifier(**hyperparameters)
    model.fit(X, y)
    return model


def _tree(model: Any, X_test: np.ndarray) -> dict[str, Any]:
    return {
        "proba": model.predict_proba(X_test),
        "predict": model.predict(X_test),
        "depth": getattr(model, "depth_", None),
        "leaves": getattr(model, "n_leaves_", None),
    }


@probe(group="math", budget_seconds=6.0, sample=True)
def impurity_values(ctx: ProbeContext) -> dict[str, Any]:
    """_impurity of label arrays: random ones, a pure one, labels that are not 0..k-1."""
    rng = ctx.rng("impurity_values")
    arrays = [rng.integers(0, k, size=s) for k, s in ((2, 30), (3, 41), (5, 64))]
    arrays += [np.full(7, 2), np.array([3, 7, 7, 9, 9, 9])]
    observed: dict[str, Any] = {}
    for criterion in ("gini", "entropy"):
        model = ctx.solution.DecisionTreeClassifier(criterion=criterion)
        observed[criterion] = [model._impurity(labels) for labels in arrays]
    return observed


@probe(group="math", budget_seconds=6.0, sample=True)
def best_split_values(ctx: ProbeContext) -> dict[str, Any]:
    """_best_split on random data for both criteria, and on data with tied splits: a
    duplicated feature (the lower index wins) and two mirror-image splits (the lower
    threshold wins)."""
    rng = ctx.rng("best_split_values")
    X, y = data(rng, 60, 4)
    # column 1 decides the labels and is repeated as column 3
    duplicated = X[:, [1, 0, 2, 1]]
    duplicated_y = np.digitize(X[:, 1] + rng.normal(0.0, 0.3, 60), [-0.5, 0.5])
    # sorted labels 1 0 0 0 0 1: the first and the last threshold have the same gain
    mirror = np.repeat(
        rng.permutation(6)[:, None].astype(np.float64) * rng.uniform(0.5, 2.0), 2, axis=1
    )
    mirror_y = np.empty(6, dtype=np.int64)
    mirror_y[np.argsort(mirror[:, 0])] = [1, 0, 0, 0, 0, 1]
    observed: dict[str, Any] = {}
    for criterion in ("gini", "entropy"):
        model = ctx.solution.DecisionTreeClassifier(criterion=criterion)
        observed[f"{criterion}_random"] = model._best_split(X, y)
        observed[f"{criterion}_duplicated"] = model._best_split(duplicated, duplicated_y)
        observed[f"{criterion}_mirror"] = model._best_split(mirror, mirror_y)
    return observed


@probe(group="math", budget_seconds=15.0)  # room for a slow (but correct) split search
def grown_trees(ctx: ProbeContext) -> dict[str, Any]:
    """The same data grown with several hyperparameters; held-out probabilities of each."""
    rng = ctx.rng("grown_trees")
    X, y = data(rng, 240, 4)
    X_test = rng.normal(0.0, 1.2, size=(120, 4))
    observed: dict[str, Any] = {}
    for label, criterion, max_depth, min_split in (
        ("gini_full", "gini", None, 2),
        ("entropy_depth3", "entropy", 3, 2),
        ("gini_depth2", "gini", 2, 2),
        ("entropy_split25", "entropy", None, 25),
    ):
        model = _grow(
            ctx, X, y, criterion=criterion, max_depth=max_depth, min_samples_split=min_split
        )
        observed.update({f"{label}:{k}": v for k, v in _tree(model, X_test).items()})
    return observed


@probe(group="math", budget_seconds=6.0, sample=True)
def split_and_vote_rules(ctx: ProbeContext) -> dict[str, Any]:
    """A node of exactly min_samples_split samples is split (one more sample than it has is
    not); a stump whose left leaf holds two samples each of classes 1 and 2 predicts 1."""
    rng = ctx.rng("split_and_vote_rules")
    X, y = data(rng, 12, 2)
    X_test = rng.normal(size=(30, 2))
    observed = {
        f"min{m}:{k}": v
        for m in (12, 13)
        for k, v in _tree(_grow(ctx, X, y, min_samples_split=m), X_test).items()
    }
    line = rng.permutation(8)
    tie_X = (line[:, None] + rng.uniform(-0.3, 0.3, (8, 1))) * np.array([[1.0, -1.0]])
    tie_y = np.where(line < 4, 1 + line % 2, 0)
    stump = _grow(ctx, tie_X, tie_y, max_depth=1)
    observed["tie_predict"] = stump.predict(tie_X)
    observed["tie_proba"] = stump.predict_proba(tie_X)
    observed["tie_y"] = tie_y
    return observed


@probe(group="math", budget_seconds=6.0)
def timed_tree(ctx: ProbeContext) -> dict[str, Any]:
    """The tree the predict timing fits (the same stream, size and hyperparameters): its
    predictions on 3,000 samples (so many that a tree differing in any cell of 1% of the
    training samples differs on some of them) show how the timed ones relate to the reference's."""
    X, y = data(ctx.rng("standard_timing_fit"), 200, TIMING_FEATURES)
    model = _grow(ctx, X, y, **TIMED_TREE)
    return {"predict": model.predict(ctx.rng("timed_tree").normal(size=(3000, TIMING_FEATURES)))}


@probe(group="huge", budget_seconds=10.0)
def huge_features(ctx: ProbeContext) -> dict[str, Any]:
    """A fully grown tree on features in [1, 4), then the same data times 2^1022 (exact):
    a stable tree makes the same predictions, with thresholds times 2^1022."""
    rng = ctx.rng("huge_features")
    X, y = data(rng, 150, 3)
    X = 1.0 + 3.0 * (X - X.min()) / (X.max() - X.min() + 1e-3)
    X_test = rng.uniform(1.0, 3.9, size=(80, 3))
    model = _grow(ctx, X, y, criterion="gini")
    observed = {"y": y, "train_predict": model.predict(X), **_tree(model, X_test)}
    huge = _grow(ctx, X * HUGE, y, criterion="gini")
    observed.update({f"huge_{k}": v for k, v in _tree(huge, X_test * HUGE).items()})
    return observed


@probe(group="degenerate", budget_seconds=6.0)
def unsplittable_nodes(ctx: ProbeContext) -> dict[str, Any]:
    """A constant feature, rows repeated with conflicting labels (nodes no threshold can
    split), and a dataset whose every feature is constant (no split at the root)."""
    rng = ctx.rng("unsplittable_nodes")
    points = rng.normal(size=(6, 3))
    points[:, 1] = 2.5  # zero variance
    X = points[rng.permutation(np.repeat(np.arange(6), 5))]
    y = rng.integers(0, CLASSES, size=30)
    y[:CLASSES] = np.arange(CLASSES)
    X_test = np.vstack([points, rng.normal(size=(20, 3))])
    observed = {f"repeated_{k}": v for k, v in _tree(_grow(ctx, X, y), X_test).items()}
    flat = np.full((20, 3), -1.5)
    flat_y = rng.integers(0, CLASSES, size=20)
    flat_y[:CLASSES] = np.arange(CLASSES)
    model = _grow(ctx, flat, flat_y, criterion="entropy")
    observed.update({f"constant_{k}": v for k, v in _tree(model, X_test).items()})
    return observed
