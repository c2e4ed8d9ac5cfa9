"""Probes for kmeans: k-means++ seeding, Lloyd's fixed point and stability.

The interface, the history, the tol run, the stop point, the timing and the scaled copies
are the profile's standard probes; the hooks below make their data. Each probe returns its
inputs with the outputs.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe
from sandbox.harness.timing import rows_in_order


def squared_distances(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    distances: np.ndarray = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    return distances


def data(rng: np.random.Generator, n: int, features: int, k: int = 4) -> tuple[np.ndarray]:
    """k overlapping Gaussian clusters (centres spread 4 times as widely as the points)."""
    centres = rng.normal(0.0, 4.0, size=(k, features))
    return (centres[rng.integers(k, size=n)] + rng.normal(size=(n, features)),)


def uniform_points(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray]:
    """No clusters (scaled_copies's data): which samples the seeding drew shows in the centres."""
    return (rng.random((n, features)),)


def stop_data(rng: np.random.Generator) -> tuple[np.ndarray]:
    """150 points in [1e4, 1e4 + 10]^2 for the standard stop point: far from the origin, a
    shift relative to the centres is 1e4 times smaller than the absolute one the rule asks."""
    return (1e4 + 10.0 * rng.random((150, 2)),)


def loss(model: Any, X: np.ndarray) -> float:
    """The inertia of the model's own centres, computed here (not read from inertia_)."""
    centres = np.asarray(model.cluster_centers_, dtype=np.float64).reshape(-1, X.shape[1])
    return float(squared_distances(X, centres).min(axis=1).sum())


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    """Two blobs 100 apart: from any two distinct seeds, two Lloyd iterations end at the
    blobs' means, so every correct fit returns the same centres whatever its seeding."""
    return (100.0 * (rng.integers(2, size=(n, 1)) - 0.5) + rng.normal(size=(n, 1)),), {}


# Which label a blob gets is arbitrary: the timed centres are compared in order.
timing_summary = rows_in_order


def yardstick(X: np.ndarray) -> np.ndarray:
    """fit(n_clusters=2, max_iter=2, tol=-1) in plain NumPy: k-means++, 2 iterations, inertia."""
    rng = np.random.default_rng(0)
    first = int(rng.integers(len(X)))
    closest = squared_distances(X, X[first : first + 1])[:, 0]
    cumulative = np.cumsum(closest)
    centres: np.ndarray = X[
        [first, int(np.searchsorted(cumulative, rng.random() * cumulative[-1]))]
    ]
    for _ in range(2):
        labels = squared_distances(X, centres).argmin(axis=1)
        sums = np.stack([np.bincount(labels, weights=column, minlength=2) for column in X.T])
        centres = sums.T / np.bincount(labels, minlength=2)[:, None]
    squared_distances(X, centres).min(axis=1).sum()
    return centres


def _fit(ctx: ProbeContext, X: np.ndarray, **hyperparameters: Any) -> Any:
    model = ctx.solution.KMeans(**hyperparameters)
    model.fit(X)
    return model


def _observe(
    ctx: ProbeContext, rng: np.random.Generator, X: np.ndarray, X_new: np.ndarray, **kw: Any
) -> dict[str, Any]:
    model = _fit(ctx, X, random_state=int(rng.integers(2**31 - 1)), **kw)
    observed = {key: getattr(model, key, None) for key in ("labels_", "inertia_")}
    observed["centres"] = getattr(model, "cluster_centers_", None)
    return {"X": X, "X_new": X_new, **observed, "predict": model.predict(X_new)}


@probe(group="blobs", budget_seconds=5.0, sample=True)
def fit_blobs(ctx: ProbeContext) -> dict[str, Any]:
    """Four tight blobs (spread 0.05) on 4 of the 9 nodes of a grid 60 apart, n_clusters=4."""
    rng = ctx.rng("blobs")
    grid = 60.0 * np.stack(np.meshgrid(range(3), range(3)), axis=-1).reshape(9, 2)
    centres = grid[rng.choice(9, 4, replace=False)] + rng.uniform(-5.0, 5.0, size=(4, 2))
    X = centres[rng.permutation(np.repeat(np.arange(4), 50))] + rng.normal(0.0, 0.05, (200, 2))
    X_new = centres[rng.integers(4, size=40)] + rng.uniform(-1.0, 1.0, size=(40, 2))
    return _observe(ctx, rng, X, X_new, n_clusters=4)


@probe(group="overlapping", budget_seconds=5.0, sample=True)
def fit_overlapping(ctx: ProbeContext) -> dict[str, Any]:
    """300 points from 6 overlapping Gaussians in 3-d, n_clusters=5, tol=1e-8."""
    rng = ctx.rng("overlapping")
    (X,) = data(rng, 300, 3, k=6)
    return _observe(ctx, rng, X, rng.normal(0.0, 5.0, (60, 3)), n_clusters=5, tol=1e-8)


@probe(group="seeding", budget_seconds=5.0)
def seeding_isolated_points(ctx: ProbeContext) -> dict[str, Any]:
    """500 points around 0 and 3 isolated points 1e6 away, n_clusters=4, max_iter=1: the
    centres after one iteration show which samples the seeding picked."""
    rng = ctx.rng("seeding")
    angles = rng.uniform(0.0, 2.0 * np.pi) + np.array([0.0, 2.0, 4.0]) * np.pi / 3.0
    isolated = 1e6 * np.column_stack([np.cos(angles), np.sin(angles)])
    X = np.vstack([rng.normal(size=(500, 2)), isolated])[rng.permutation(503)]
    return {"isolated": isolated, **_observe(ctx, rng, X, X, n_clusters=4, max_iter=1)}


@probe(group="few_distinct", budget_seconds=5.0, sample=True)
def more_clusters_than_points(ctx: ProbeContext) -> dict[str, Any]:
    """5 distinct points, each repeated 20 times, n_clusters=7: the k-means++ weights all
    become 0 and some clusters are empty."""
    rng = ctx.rng("few_distinct")
    X = rng.normal(0.0, 10.0, size=(5, 2))[rng.permutation(np.repeat(np.arange(5), 20))]
    return _observe(ctx, rng, X, X, n_clusters=7)
