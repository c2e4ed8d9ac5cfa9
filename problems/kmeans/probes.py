"""Probes for kmeans: k-means++ seeding, Lloyd's fixed point, stability and the stopping rule.

The interface, the history, the tol run and the timing of predict are the profile's
standard probes; the hooks below tell them how to make data and what the inertia of a
fitted model is. Every observation a check needs (inputs included) is returned here.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

SCALE = 2.0**70  # a power of two: scaling data by it is exact, so a stable fit scales exactly
ISOLATED_RADIUS = 1e6
STOP_TOL = 1e-3
STOP_OFFSET = 1e4  # far from the origin: a tol relative to the centres' norm is 1e4 times looser
STOP_MAX_ITER = 50
TIMING_GAP = 100.0


def _squared_distances(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    diff = X[:, None, :] - centres[None, :, :]
    squared: np.ndarray = np.einsum("nkd,nkd->nk", diff, diff)
    return squared


def _gaussians(rng: np.random.Generator, n: int, features: int, k: int) -> np.ndarray:
    centres = rng.normal(0.0, 4.0, size=(k, features))
    return centres[rng.integers(k, size=n)] + rng.normal(size=(n, features))


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray]:
    return (_gaussians(rng, n, features, 4),)


def loss(model: Any, X: np.ndarray) -> float:
    """The inertia of the model's own centres, computed here (not read from inertia_)."""
    centres = np.asarray(model.cluster_centers_, dtype=np.float64).reshape(-1, X.shape[1])
    return float(_squared_distances(X, centres).min(axis=1).sum())


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    """Two blobs 100 apart: from any two distinct seeds, two Lloyd iterations end at the
    blobs' means, so every correct fit returns the same centres whatever its seeding."""
    blob = rng.integers(2, size=(n, 1))
    return (TIMING_GAP * (blob - 0.5) + rng.normal(size=(n, 1)),), {}


def yardstick(X: np.ndarray) -> np.ndarray:
    """fit(n_clusters=2, max_iter=2, tol=-1) in plain NumPy: k-means++, 2 iterations, inertia."""
    rng = np.random.default_rng(0)
    first = X[rng.integers(len(X))]
    closest = ((X - first) ** 2).sum(axis=1)
    centres = np.stack([first, X[rng.choice(len(X), p=closest / closest.sum())]])
    for _ in range(2):
        labels = ((X[:, None, :] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)
        sums = np.stack([np.bincount(labels, weights=column, minlength=2) for column in X.T])
        centres = sums.T / np.bincount(labels, minlength=2)[:, None]
    ((X[:, None, :] - centres[None]) ** 2).sum(axis=2).min(axis=1).sum()
    return centres


def timing_summary(_args: tuple[np.ndarray], output: object) -> np.ndarray:
    """The centres in a fixed order (by first coordinate): labels are arbitrary."""
    try:
        centres = np.asarray(output, dtype=np.float64).reshape(2, -1)
    except ValueError:
        return np.full(1, np.nan)
    return centres[np.argsort(centres[:, 0])].ravel()


def _fit(ctx: ProbeContext, X: np.ndarray, **hyperparameters: Any) -> Any:
    model = ctx.solution.KMeans(**hyperparameters)
    model.fit(X)
    return model


def _state(rng: np.random.Generator) -> int:
    return int(rng.integers(2**31 - 1))


def _fitted(model: Any, predicted: object) -> dict[str, Any]:
    observed = {name: getattr(model, name, None) for name in ("labels_", "inertia_")}
    return {**observed, "centres": getattr(model, "cluster_centers_", None), "predict": predicted}


@probe(group="blobs", budget_seconds=5.0, sample=True)
def fit_blobs(ctx: ProbeContext) -> dict[str, Any]:
    """Four tight blobs (spread 0.05) at least 50 apart, n_clusters=4, default tol."""
    rng = ctx.rng("blobs")
    while True:
        centres = rng.uniform(-100.0, 100.0, size=(4, 2))
        if np.sqrt(_squared_distances(centres, centres) + 1e9 * np.eye(4)).min() >= 50.0:
            break
    X = centres[rng.permutation(np.repeat(np.arange(4), 50))] + rng.normal(0.0, 0.05, (200, 2))
    X_new = centres[rng.integers(4, size=40)] + rng.uniform(-1.0, 1.0, size=(40, 2))
    model = _fit(ctx, X, n_clusters=4, random_state=_state(rng))
    return {"X": X, "X_new": X_new, **_fitted(model, model.predict(X_new))}


@probe(group="overlapping", budget_seconds=5.0)
def fit_overlapping(ctx: ProbeContext) -> dict[str, Any]:
    """300 points from 6 overlapping Gaussians in 3-d, n_clusters=5, tol=1e-8."""
    rng = ctx.rng("overlapping")
    X = _gaussians(rng, 300, 3, 6)
    X_new = rng.normal(0.0, 5.0, size=(60, 3))
    model = _fit(ctx, X, n_clusters=5, tol=1e-8, random_state=_state(rng))
    return {"X": X, "X_new": X_new, **_fitted(model, model.predict(X_new))}


@probe(group="seeding", budget_seconds=5.0)
def seeding_isolated_points(ctx: ProbeContext) -> dict[str, Any]:
    """500 points around 0 and 3 isolated points 1e6 away, n_clusters=4, max_iter=1: the
    centres after one iteration show where the seeding put them."""
    rng = ctx.rng("seeding")
    angles = rng.uniform(0.0, 2.0 * np.pi) + np.array([0.0, 2.0, 4.0]) * np.pi / 3.0
    isolated = ISOLATED_RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    X = np.vstack([rng.normal(size=(500, 2)), isolated])[rng.permutation(503)]
    model = _fit(ctx, X, n_clusters=4, max_iter=1, random_state=_state(rng))
    return {"X": X, "isolated": isolated, "centres": getattr(model, "cluster_centers_", None)}


@probe(group="few_distinct", budget_seconds=5.0)
def more_clusters_than_points(ctx: ProbeContext) -> dict[str, Any]:
    """5 distinct points, each repeated 20 times, n_clusters=7: the k-means++ weights all
    become 0 and some clusters are empty."""
    rng = ctx.rng("few_distinct")
    X = rng.normal(0.0, 10.0, size=(5, 2))[rng.permutation(np.repeat(np.arange(5), 20))]
    model = _fit(ctx, X, n_clusters=7, random_state=_state(rng))
    return _fitted(model, model.predict(X))


@probe(group="scale", budget_seconds=5.0)
def scaled_copies(ctx: ProbeContext) -> dict[str, Any]:
    """The same data and random_state twice at scale 1, then times 2^70 and 2^-70 (tol=0)."""
    rng = ctx.rng("scale")
    (X,) = data(rng, 150, 2)
    state = _state(rng)
    observed: dict[str, Any] = {"factor": SCALE}
    for label, factor in (("first", 1.0), ("again", 1.0), ("huge", SCALE), ("tiny", 1 / SCALE)):
        model = _fit(ctx, X * factor, n_clusters=3, tol=0.0, random_state=state)
        observed[label] = getattr(model, "cluster_centers_", None)
        observed[f"{label}_inertia"] = getattr(model, "inertia_", None)
    return observed


def _largest_shift(before: object, after: object) -> float:
    try:
        moved = np.asarray(after, dtype=np.float64) - np.asarray(before, dtype=np.float64)
        return float(np.sqrt((moved**2).sum(axis=-1)).max())
    except (TypeError, ValueError):
        return float("inf")


@probe(group="stop_point", budget_seconds=10.0)
def stop_point(ctx: ProbeContext) -> dict[str, Any]:
    """fit(tol=1e-3) on 150 points far from the origin; then the same fit with tol=-1 and
    max_iter = 1, 2, ... until the largest centre shift of an iteration is ≤ tol."""
    rng = ctx.rng("stop_point")
    X = STOP_OFFSET + 10.0 * rng.random((150, 2))
    settings = {"n_clusters": 4, "max_iter": STOP_MAX_ITER, "random_state": _state(rng)}
    stopped = _fit(ctx, X, **{**settings, "tol": STOP_TOL}).cluster_centers_
    path = []
    for iterations in range(1, STOP_MAX_ITER + 1):
        model = _fit(ctx, X, **{**settings, "tol": -1.0, "max_iter": iterations})
        path.append(model.cluster_centers_)
        if iterations >= 2 and _largest_shift(path[-2], path[-1]) <= STOP_TOL:
            break
    return {"X": X, "tol": STOP_TOL, "stopped": stopped, "path": path}
