"""Probes for random-forest-classifier. Forests drawn from the same seed in another order
are just as correct, so nothing random is compared with the reference: a forest without
randomness (no bootstrap, every feature) is, and the random parts are checked as
properties of the candidate's own forest (its bootstrap samples, its trees, its votes).
The interface, the standard fit and the predict timing are the profile's standard probes.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

CLASSES = 3
TIMING_FEATURES = 4
HUGE = 2.0**1022  # features up to 4 * 2^1022: a + b overflows, a/2 + b/2 does not
TIMED_TREES, YARDSTICK_DEPTH = 10, 6  # the timed forest (problem.yaml)


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes from noisy linear scores."""
    X = rng.normal(size=(n, features))
    scores = X @ rng.normal(size=(features, CLASSES)) + rng.normal(0.0, 0.7, (n, CLASSES))
    y = scores.argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)
    return X, y.astype(np.int64)


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.normal(size=(n, TIMING_FEATURES)),), {}


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
        model = _forest(
            ctx,
            X,
            y,
            n_estimators=3,
            max_depth=depth,
            max_features=None,
            bootstrap=False,
            random_state=int(rng.integers(2**31 - 1)),
        )
        observed.update({f"{label}:{k}": v for k, v in _outputs(model, X_test).items()})
    return observed


@probe(group="math", budget_seconds=10.0)
def bootstrap_samples(ctx: ProbeContext) -> dict[str, Any]:
    """A forest with bootstrap (every feature at every split), then each of its trees
    grown again, alone and without bootstrap, on the samples the forest says it drew."""
    rng = ctx.rng("bootstrap_samples")
    X, y = data(rng, 80, 3)
    X_test = rng.normal(size=(60, 3))
    model = _forest(
        ctx, X, y, n_estimators=8, max_features=None, random_state=int(rng.integers(2**31 - 1))
    )
    samples = getattr(model, "estimators_samples_", None)
    observed = {"n": len(y), "samples": samples, "trees": model._tree_predictions(X_test)}
    rows = np.asarray(samples if samples is not None else [], dtype=np.float64)
    if rows.shape == (8, len(y)) and np.isin(rows, np.arange(len(y))).all():
        regrown = []
        for tree_rows in rows.astype(np.int64):
            alone = _forest(
                ctx,
                X[tree_rows],
                y[tree_rows],
                n_estimators=1,
                max_features=None,
                bootstrap=False,
                random_state=0,
            )
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
    model = _forest(
        ctx,
        X,
        y,
        n_estimators=6,
        max_features=1,
        bootstrap=False,
        random_state=int(rng.integers(2**31 - 1)),
    )
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
    model = _forest(
        ctx, X, y, n_estimators=4, max_depth=2, random_state=int(rng.integers(2**31 - 1))
    )
    return _outputs(model, X_test)


@probe(group="reproducible", budget_seconds=6.0)
def seeded_forests(ctx: ProbeContext) -> dict[str, Any]:
    """Three fits: two with the same random_state, one with another."""
    rng = ctx.rng("seeded_forests")
    X, y = data(rng, 60, 3)
    X_test = rng.normal(size=(40, 3))
    state = int(rng.integers(2**31 - 1))
    observed: dict[str, Any] = {}
    for label, seed in (("first", state), ("again", state), ("other", state + 1)):
        model = _forest(ctx, X, y, n_estimators=5, random_state=seed)
        observed[f"{label}_samples"] = getattr(model, "estimators_samples_", None)
        observed[f"{label}_trees"] = model._tree_predictions(X_test)
    return observed


@probe(group="huge", budget_seconds=10.0)
def huge_features(ctx: ProbeContext) -> dict[str, Any]:
    """The same forest (same random_state) on features in [1, 4) and on the same data times
    2^1022 (exact): a stable forest makes the same predictions."""
    rng = ctx.rng("huge_features")
    X, y = data(rng, 120, 4)
    X = 1.0 + 3.0 * (X - X.min()) / (X.max() - X.min() + 1e-3)
    X_test = rng.uniform(1.0, 3.9, size=(60, 4))
    state = int(rng.integers(2**31 - 1))
    model = _forest(ctx, X, y, n_estimators=10, random_state=state)
    observed = {"y": y, "train_predict": model.predict(X), **_outputs(model, X_test)}
    huge = _forest(ctx, X * HUGE, y, n_estimators=10, random_state=state)
    observed.update({f"huge_{k}": v for k, v in _outputs(huge, X_test * HUGE).items()})
    return observed


@probe(group="unsplittable", budget_seconds=10.0)
def unsplittable_nodes(ctx: ProbeContext) -> dict[str, Any]:
    """A constant feature and rows repeated with conflicting labels (max_features=1 often
    draws only the constant feature), and a data set whose every feature is constant."""
    rng = ctx.rng("unsplittable_nodes")
    points = rng.normal(size=(5, 3))
    points[:, 1] = -4.0
    X = points[rng.permutation(np.repeat(np.arange(5), 6))]
    y = rng.integers(0, CLASSES, size=30)
    y[:CLASSES] = np.arange(CLASSES)
    X_test = np.vstack([points, rng.normal(size=(15, 3))])
    state = int(rng.integers(2**31 - 1))
    model = _forest(ctx, X, y, n_estimators=8, max_features=1, random_state=state)
    observed = {f"repeated_{k}": v for k, v in _outputs(model, X_test).items()}
    flat = _forest(ctx, np.full((20, 3), 2.0), y[:20], n_estimators=4, random_state=state)
    observed.update({f"constant_{k}": v for k, v in _outputs(flat, X_test).items()})
    return observed
