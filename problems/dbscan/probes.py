"""Probes for dbscan: blobs with noise, a grid where distances equal eps exactly, and border
points reachable from two clusters. The interface, the timing of fit() and the blobs shifted
far from the origin and scaled by powers of two (scaled_copies) are the profile's standard
probes; the hooks below make their data.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

GRID = 2.0**-20  # blob coordinates are multiples of GRID below 2^6: a shift by 2^26 is exact
TIMING_EPS, TIMING_MIN_SAMPLES = 1.0, 4  # as problem.yaml's timing hyperparameters
ATTRIBUTES = ("labels_", "core_sample_indices_")


def data(rng: np.random.Generator, n: int, features: int = 2) -> tuple[np.ndarray]:
    """Three blobs (spread 0.3, 3 apart) and 10% uniform noise, on the GRID."""
    centres = rng.uniform(-3.0, 3.0, size=(3, features))
    X = centres[rng.integers(3, size=n)] + rng.normal(0.0, 0.3, size=(n, features))
    noisy = rng.random(n) < 0.1
    X[noisy] = rng.uniform(-5.0, 5.0, size=(int(noisy.sum()), features))
    return (np.round(X / GRID) * GRID,)


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    """Uniform points at a constant density, about 9 within eps of each point: one or a
    few large clusters (a loop over clusters stays short), and all pairs to compare."""
    return (rng.uniform(0.0, np.sqrt(n / 3.0), size=(n, 2)),), {}


def _neighbourhoods(X: np.ndarray) -> np.ndarray:
    squared = np.zeros((len(X), len(X)))
    for column in X.T:
        squared += (column[:, None] - column[None, :]) ** 2
    return squared <= TIMING_EPS**2


def yardstick(X: np.ndarray) -> np.ndarray:
    """fit(eps=1, min_samples=4) in plain NumPy: the neighbourhood matrix, core points,
    and each cluster grown a whole frontier at a time."""
    near = _neighbourhoods(X)
    core = near.sum(axis=1) >= TIMING_MIN_SAMPLES
    labels = np.full(len(X), -1)
    cluster = 0
    while (unlabelled := core & (labels == -1)).any():
        members = np.zeros(len(X), dtype=bool)
        members[np.argmax(unlabelled)] = True
        frontier = members.copy()
        while frontier.any():
            reached = near[frontier].any(axis=0)
            frontier = reached & ~members & core
            members |= reached
        labels[members & (labels == -1)] = cluster
        cluster += 1
    return labels


def timing_summary(args: tuple[np.ndarray, ...], output: object) -> np.ndarray:
    """The labels of the core points (computed here from X), renumbered in order of first
    appearance: how border points and cluster numbers are chosen is mathematical
    correctness's, not speed's."""
    labels = np.asarray(output, dtype=np.float64).ravel()
    X = np.asarray(args[0], dtype=np.float64)
    if labels.size != len(X):
        return np.full(1, np.nan)
    core_labels = labels[_neighbourhoods(X).sum(axis=1) >= TIMING_MIN_SAMPLES]
    _, first, renumbered = np.unique(core_labels, return_index=True, return_inverse=True)
    return np.asarray(np.argsort(np.argsort(first))[renumbered], dtype=np.float64)


def _fit(
    ctx: ProbeContext, X: np.ndarray, eps: float, min_samples: int, label: str = ""
) -> dict[str, Any]:
    """The fitted attributes, each named with the label of the copy of the data."""
    model = ctx.solution.DBSCAN(eps=eps, min_samples=min_samples)
    model.fit(X)
    return {f"{label}{key}": getattr(model, key, None) for key in ATTRIBUTES}


@probe(group="clusters", budget_seconds=5.0, sample=True)
def blobs_with_noise(ctx: ProbeContext) -> dict[str, Any]:
    """150 points: three blobs and uniform noise, eps=0.3, min_samples=5."""
    return _fit(ctx, data(ctx.rng("blobs"), 150)[0], 0.3, 5)


@probe(group="clusters", budget_seconds=5.0, sample=True)
def eps_boundary(ctx: ProbeContext) -> dict[str, Any]:
    """Chains of points exactly 1 apart on integer coordinates (and diagonal steps of
    sqrt(2)), eps=1, min_samples=3: inside a chain a point has exactly 3 neighbours at
    distances 0, 1, 1, which count only if ||x - y|| <= eps (not <)."""
    rng = ctx.rng("eps_boundary")
    chains = []
    for row in range(6):
        length = int(rng.integers(1, 6))
        start = int(rng.integers(-5, 5))
        step = np.array([1.0, 0.0]) if row % 2 == 0 else np.array([1.0, 1.0])
        chains.append(np.array([start, 4.0 * row]) + np.arange(length)[:, None] * step)
    X = np.vstack(chains)
    return _fit(ctx, X[rng.permutation(len(X))], 1.0, 3)


@probe(group="clusters", budget_seconds=5.0, sample=True)
def contested_borders(ctx: ProbeContext) -> dict[str, Any]:
    """Four pairs of clusters (5 points each, 0.1 apart on a line) with a point midway
    that is within eps = 0.85 of a core point of both, but not core itself; a fifth
    point is near one cluster only. Shuffled: which cluster is numbered first varies."""
    rng = ctx.rng("contested")
    groups = []
    for pair in range(4):
        base = np.array([0.0, 5.0 * pair])
        left = base + np.column_stack([np.arange(5) * 0.1, np.zeros(5)])
        right = left + np.array([2.0, 0.0])
        groups += [left, right, base + np.array([[1.2, 0.0], [-0.7, 0.3]])]
    X = np.vstack(groups)
    return _fit(ctx, X[rng.permutation(len(X))], 0.85, 4)
