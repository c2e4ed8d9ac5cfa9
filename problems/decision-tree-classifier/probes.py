"""Probes for decision-tree-classifier: impurities, the split search, trees grown with
several hyperparameters, the min_samples_split boundary, vote ties, and stability.

The interface, the standard fit and the timings are the profile's standard probes; the
hooks below make their data and do the timed work in plain NumPy.
"""

import functools
from typing import Any

import numpy as np

from sandbox.harness import tree_probes
from sandbox.harness.probing import ProbeContext, probe
from sandbox.harness.tree_probes import CLASSES, data, grown_tree, tree_outputs

TIMING_FEATURES = 3
TIMED_DEPTH = 8  # the timed tree's max_depth (problem.yaml), and so the yardstick's
TIMED_TREE = {"criterion": "gini", "max_depth": TIMED_DEPTH, "min_samples_split": 2}
# The hooks of the profile's predict timing (tree_probes; ``data``, fit's, comes from there
# too): normal inputs, every row down a complete tree as deep as the timed one.
predict_inputs = tree_probes.normal_inputs(TIMING_FEATURES)
predict_yardstick = tree_probes.complete_tree_yardstick(TIMED_DEPTH)


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


def split_summary(_args: tuple[Any, ...], output: object) -> np.ndarray:
    """_best_split's timed outputs: the feature and threshold (the gain is compared
    elsewhere). predict's are summarised by the default random projections."""
    return np.asarray(output, dtype=np.float64).ravel()[:2]


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
        model = grown_tree(
            ctx, X, y, criterion=criterion, max_depth=max_depth, min_samples_split=min_split
        )
        observed.update({f"{label}:{k}": v for k, v in tree_outputs(model, X_test).items()})
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
        for k, v in tree_outputs(grown_tree(ctx, X, y, min_samples_split=m), X_test).items()
    }
    line = rng.permutation(8)
    tie_X = (line[:, None] + rng.uniform(-0.3, 0.3, (8, 1))) * np.array([[1.0, -1.0]])
    tie_y = np.where(line < 4, 1 + line % 2, 0)
    stump = grown_tree(ctx, tie_X, tie_y, max_depth=1)
    observed["tie_predict"] = stump.predict(tie_X)
    observed["tie_proba"] = stump.predict_proba(tie_X)
    observed["tie_y"] = tie_y
    return observed


# The predict timing's witness (problem.yaml): the timed tree's predictions (tree_probes).
timed_tree = tree_probes.timed_tree_probe(TIMED_TREE, 200, TIMING_FEATURES)


@probe(group="huge", budget_seconds=10.0)
def huge_features(ctx: ProbeContext) -> dict[str, Any]:
    """A fully grown tree on features in [1, 4), then the same data times 2^1022 (exact):
    a stable tree makes the same predictions, with thresholds times 2^1022."""
    rng = ctx.rng("huge_features")
    gini = functools.partial(grown_tree, ctx, criterion="gini")
    return tree_probes.at_both_scales(gini, tree_outputs, tree_probes.huge_data(rng, 150, 3, 80))


@probe(group="degenerate", budget_seconds=6.0)
def unsplittable_nodes(ctx: ProbeContext) -> dict[str, Any]:
    """A constant feature, rows repeated with conflicting labels (nodes no threshold can
    split), and a dataset whose every feature is constant (no split at the root)."""
    return tree_probes.on_unsplittable_data(
        ctx.rng("unsplittable_nodes"),
        functools.partial(grown_tree, ctx),
        functools.partial(grown_tree, ctx, criterion="entropy"),
        tree_outputs,
        distinct=6,
        constant=2.5,
    )
