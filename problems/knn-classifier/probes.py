"""Probes for knn-classifier: neighbours and votes against the reference, the stated tie
rules on data with exact ties, and queries on top of training points (zero distances).

The interface, the fit and the timing of predict() are the profile's standard probes; the
hooks below make their data. Each probe records the candidate's raw outputs.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

NEAR = 1e-7  # the benign twin of a query on a training point: moved this far from it
TIMING_FEATURES = 2
TIMING_TRAIN = 20  # as profile.fit.n: the yardstick's training set has the fitted model's size


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping classes labelled 2 and 7 (not 0 and 1: predict returns labels)."""
    X = rng.normal(size=(n, features))
    return X, np.where(X[:, 0] + rng.normal(0.0, 0.7, n) > 0.0, 7, 2)


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def yardstick(X: np.ndarray) -> np.ndarray:
    """predict(n_neighbors=5) in plain NumPy against a training set of the fitted size:
    squared differences summed feature by feature (2 features; no (m, n, d) temporary),
    a stable sort, and the vote of two classes."""
    X_train, y = data(np.random.default_rng(0), TIMING_TRAIN, TIMING_FEATURES)
    squared = np.zeros((len(X), TIMING_TRAIN))
    for j in range(TIMING_FEATURES):
        squared += (X[:, j, None] - X_train[None, :, j]) ** 2
    nearest = np.argsort(np.sqrt(squared), axis=1, kind="stable")[:, :5]
    return np.where((y[nearest] == 7).sum(axis=1) >= 3, 7, 2)


def _labels(rng: np.random.Generator, n: int, classes: tuple[int, ...]) -> np.ndarray:
    return np.asarray(classes)[rng.integers(len(classes), size=n)]


def _model(ctx: ProbeContext, X: np.ndarray, y: np.ndarray, k: int, weights: str) -> Any:
    model = ctx.solution.KNeighborsClassifier(n_neighbors=k, weights=weights)
    model.fit(X, y)
    return model


@probe(group="neighbours", budget_seconds=5.0, sample=True)
def neighbours_and_votes(ctx: ProbeContext) -> dict[str, Any]:
    """60 training points in 4-d with labels 1, 4, 6 (clustered by the first coordinate),
    30 queries: kneighbors (k=5), and predict with k=7, uniform and distance-weighted."""
    rng = ctx.rng("neighbours")
    X = rng.normal(0.0, 2.0, size=(60, 4))
    y = np.where(X[:, 0] < -1.0, 1, np.where(X[:, 0] < 1.0, 4, 6))
    y[rng.choice(60, 15, replace=False)] = _labels(rng, 15, (1, 4, 6))
    queries = rng.normal(0.0, 2.0, size=(30, 4))
    distances, indices = _model(ctx, X, y, 5, "uniform").kneighbors(queries)
    return {
        "distances": distances,
        "indices": indices,
        "uniform": _model(ctx, X, y, 7, "uniform").predict(queries),
        "distance": _model(ctx, X, y, 7, "distance").predict(queries),
    }


@probe(group="ties", budget_seconds=5.0, sample=True)
def exact_ties(ctx: ProbeContext) -> dict[str, Any]:
    """40 training points at the integers 0..39 (in shuffled order, in 1-d), labels 3 and 5;
    queries halfway between two of them: their neighbours come in pairs at equal distances
    (0.5, 1.5, ...), exactly representable, so only the tie rules decide."""
    rng = ctx.rng("ties")
    X = rng.permutation(40).astype(np.float64)[:, None]
    y = _labels(rng, 40, (3, 5))
    queries = rng.integers(3, 36, size=40) + 0.5
    queries = queries[:, None]
    _, indices = _model(ctx, X, y, 3, "uniform").kneighbors(queries)
    return {
        "indices": indices,
        "uniform_3": _model(ctx, X, y, 3, "uniform").predict(queries),
        "uniform_4": _model(ctx, X, y, 4, "uniform").predict(queries),
        "distance_4": _model(ctx, X, y, 4, "distance").predict(queries),
    }


@probe(group="stability", budget_seconds=5.0)
def queries_on_training_points(ctx: ProbeContext) -> dict[str, Any]:
    """Every one of 200 training points as a query (distance 0 to itself: the expansion
    ||a||^2 - 2ab + ||b||^2 rounds to a tiny negative number for about 1 in 10 of them),
    and the same queries moved by 1e-7 (the benign twin, whose answers must be the same)."""
    rng = ctx.rng("on_training_points")
    X = rng.normal(0.0, 3.0, size=(200, 3))
    y = _labels(rng, 200, (0, 1))  # two classes and k = 3: no tied vote
    on = X[rng.permutation(200)]
    near = on + NEAR * rng.choice([-1.0, 1.0], size=on.shape) / np.sqrt(3.0)
    observed: dict[str, Any] = {}
    for label, queries in (("on", on), ("near", near)):
        distances, indices = _model(ctx, X, y, 3, "uniform").kneighbors(queries)
        observed[f"{label}_distances"], observed[f"{label}_indices"] = distances, indices
        observed[f"{label}_uniform"] = _model(ctx, X, y, 3, "uniform").predict(queries)
        observed[f"{label}_distance"] = _model(ctx, X, y, 3, "distance").predict(queries)
    return observed


@probe(group="stability", budget_seconds=5.0)
def repeated_training_points(ctx: ProbeContext) -> dict[str, Any]:
    """20 points, each in the training set 3 times, with labels (a, b, b), a < b; queries on
    them (3 neighbours at distance 0: 1/d is infinite for all three) and moved by 1e-7.
    Distance-weighted with k=5: the two b's outvote the a in both cases."""
    rng = ctx.rng("repeated")
    points = rng.normal(0.0, 3.0, size=(20, 2))
    smaller = rng.integers(0, 3, size=20)
    larger = smaller + rng.integers(1, 3, size=20)
    order = rng.permutation(60)
    X = np.repeat(points, 3, axis=0)[order]
    y = np.stack([smaller, larger, larger], axis=1).ravel()[order]
    near = points + NEAR * rng.choice([-1.0, 1.0], size=points.shape) / np.sqrt(2.0)
    model = _model(ctx, X, y, 5, "distance")
    return {"on": model.predict(points), "near": model.predict(near)}
