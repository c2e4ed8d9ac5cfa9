"""Probes for random-forest-classifier. Forests drawn from the same seed in another order
are just as correct, so nothing random is compared with the reference: a forest without
randomness (no bootstrap, every feature) is, and the random parts are checked as
properties of the candidate's own forest (its bootstrap samples, its trees, its votes).
The interface, the standard fit and the predict timing are the profile's standard probes.
"""

import functools
from typing import Any

import numpy as np

from sandbox.harness import tree_probes
from sandbox.harness.probing import ProbeContext, probe
from sandbox.harness.tree_probes import CLASSES, data

TIMING_FEATURES = 4
TIMED_TREES, YARDSTICK_DEPTH = 10, 6  # the timed forest (problem.yaml)
# Every tree of such a forest is the CART tree of its data: no bootstrap, every feature.
WITHOUT_RANDOMNESS = {"max_features": None, "bootstrap": False}

# The predict timing's inputs (tree_probes; ``data``, fit's, comes from there too).
predict_inputs = tree_probes.normal_inputs(TIMING_FEATURES)


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    """TIMED_TREES complete trees of YARDSTICK_DEPTH levels, every row down each, and a
    vote: the work of predict() in plain NumPy."""
    nodes = 2**YARDSTICK_DEPTH - 1
    rows = np.arange(len(X))
    votes = np.zeros((len(X), CLASSES), dtype=np.int64)
    for tree in range(TIMED_TREES):
        feature = (np.arange(nodes) + tree) % X.shape[1]
        threshold = np.linspace(-1.0, 1.0, nodes)
        node = np.zeros(len(X), dtype=np.int64)
        for _ in range(YARDSTICK_DEPTH):
            right = X[rows, feature[node]] > threshold[node]
            node = np.where(right, 2 * node + 2, 2 * node + 1)
        votes[rows, node % CLASSES] += 1
    return np.asarray(votes.argmax(axis=1))


def _forest(ctx: ProbeContext, X: np.ndarray, y: np.ndarray, **kw: Any) -> Any:
    model = ctx.solution.RandomForestClassifier(**kw)
    model.fit(X, y)
    return model


def _seed(rng: np.random.Generator) -> int:
    """A random_state for the candidate's forest, drawn from the probe's stream."""
    return int(rng.integers(2**31 - 1))


def _outputs(model: Any, X_test: np.ndarray) -> dict[str, Any]:
    return {
        "trees": model._tree_predictions(X_test),
        "proba": model.predict_proba(X_test),
        "predict": model.predict(X_test),
    }


@probe(group="math", budget_seconds=6.0, sample=True)
def forest_without_randomness(ctx: ProbeContext) -> dict[str, Any]:
    """bootstrap=False and max_features=None: every tree is the CART tree of the data."""
    rng = ctx.rng("forest_without_randomness")
    X, y = data(rng, 150, 4)
    X_test = rng.normal(0.0, 1.2, size=(80, 4))
    observed: dict[str, Any] = {}
    for label, depth in (("full", None), ("depth3", 3)):
        kw = {"n_estimators": 3, "max_depth": depth, **WITHOUT_RANDOMNESS}
        model = _forest(ctx, X, y, random_state=_seed(rng), **kw)
        observed.update({f"{label}:{k}": v for k, v in _outputs(model, X_test).items()})
    return observed


@probe(group="math", budget_seconds=10.0)
def bootstrap_samples(ctx: ProbeContext) -> dict[str, Any]:
    """A forest with bootstrap (every feature at every split), then each of its trees
    grown again, alone and without bootstrap, on the samples the forest says it drew."""
    rng = ctx.rng("bootstrap_samples")
    X, y = data(rng, 80, 3)
    X_test = rng.normal(size=(60, 3))
    model = _forest(ctx, X, y, n_estimators=8, max_features=None, random_state=_seed(rng))
    samples = getattr(model, "estimators_samples_", None)
    observed = {"n": len(y), "samples": samples, "trees": model._tree_predictions(X_test)}
    rows = np.asarray(samples if samples is not None else [], dtype=np.float64)
    if rows.shape == (8, len(y)) and np.isin(rows, np.arange(len(y))).all():
        regrown = []
        one_tree = functools.partial(_forest, ctx, n_estimators=1, random_state=0)
        for tree_rows in rows.astype(np.int64):
            alone = one_tree(X[tree_rows], y[tree_rows], **WITHOUT_RANDOMNESS)
            regrown.append(np.ravel(alone._tree_predictions(X_test)))
        observed["regrown"] = np.stack(regrown)
    return observed


@probe(group="math", budget_seconds=10.0)
def features_per_split(ctx: ProbeContext) -> dict[str, Any]:
    """max_features=1 without bootstrap on 4 features: each tree's predictions on its
    training samples, and again with each feature in turn shuffled (does it use it?)."""
    rng = ctx.rng("features_per_split")
    X = rng.normal(size=(60, 4))
    y = rng.integers(0, CLASSES, size=60)
    kw = {"n_estimators": 6, "max_features": 1, "bootstrap": False}
    model = _forest(ctx, X, y, random_state=_seed(rng), **kw)
    observed = {
        "trees": model._tree_predictions(X),
        "held_out": model._tree_predictions(rng.normal(size=(100, 4))),
    }
    for j in range(4):
        shuffled = X.copy()
        shuffled[:, j] = rng.permutation(shuffled[:, j])
        observed[f"shuffled{j}"] = model._tree_predictions(shuffled)
    return observed


@probe(group="math", budget_seconds=6.0, sample=True)
def votes(ctx: ProbeContext) -> dict[str, Any]:
    """Four shallow trees (max_depth=2: impure leaves, many 2-2 votes): the forest's
    probabilities and predictions against its own trees' votes."""
    rng = ctx.rng("votes")
    X, y = data(rng, 120, 3)
    X_test = rng.normal(0.0, 1.5, size=(150, 3))
    model = _forest(ctx, X, y, n_estimators=4, max_depth=2, random_state=_seed(rng))
    return _outputs(model, X_test)


@probe(group="reproducible", budget_seconds=6.0)
def seeded_forests(ctx: ProbeContext) -> dict[str, Any]:
    """Three fits: two with the same random_state, one with another."""
    rng = ctx.rng("seeded_forests")
    X, y = data(rng, 60, 3)
    X_test = rng.normal(size=(40, 3))
    state = _seed(rng)
    observed: dict[str, Any] = {}
    for label, seed in (("first", state), ("again", state), ("other", state + 1)):
        model = _forest(ctx, X, y, n_estimators=5, random_state=seed)
        observed[f"{label}:estimators_samples_"] = getattr(model, "estimators_samples_", None)
        observed[f"{label}:_tree_predictions"] = model._tree_predictions(X_test)
    return observed


@probe(group="huge", budget_seconds=10.0)
def huge_features(ctx: ProbeContext) -> dict[str, Any]:
    """The same forest (same random_state) on features in [1, 4) and on the same data times
    2^1022 (exact): a stable forest makes the same predictions."""
    rng = ctx.rng("huge_features")
    data_sets = tree_probes.huge_data(rng, 120, 4, 60)
    forest = functools.partial(_forest, ctx, n_estimators=10, random_state=_seed(rng))
    return tree_probes.at_both_scales(forest, _outputs, data_sets)


@probe(group="unsplittable", budget_seconds=10.0)
def unsplittable_nodes(ctx: ProbeContext) -> dict[str, Any]:
    """A constant feature and rows repeated with conflicting labels (max_features=1 often
    draws only the constant feature), and a data set whose every feature is constant."""
    rng = ctx.rng("unsplittable_nodes")
    state = _seed(rng)
    return tree_probes.on_unsplittable_data(
        rng,
        functools.partial(_forest, ctx, n_estimators=8, max_features=1, random_state=state),
        functools.partial(_forest, ctx, n_estimators=4, random_state=state),
        _outputs,
        distinct=5,
        constant=-4.0,
    )
