"""Probes for tsne-affinities: the conditional probabilities, the fitted affinities and
precisions, the binary search's stopping rules, and stability (huge distances, shifted
distances, duplicate points, an unreachable perplexity).

The interface, the fit and the timing are the profile's standard probes. Every probe
returns the inputs it used, so checks can recompute entropies from the candidate's own
precisions on the trusted side.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

SCALE = 1024.0  # X scaled by a power of two: distances scale exactly, P does not change
OFFSET = 1e4  # added to every off-diagonal distance of a row: P_{j|i} does not change
JITTER = 1e-6
TIMING_WIDTH = 3


def squared_distances(X: np.ndarray) -> np.ndarray:
    """Also the yardstick of _squared_distances: broadcast differences, not the faster
    expansion with a BLAS product (any NumPy formulation is within the allowance, only
    Python loops over pairs are not)."""
    D: np.ndarray = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    return D


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray]:
    """Three Gaussian blobs of different spreads: the bandwidths differ from point to point."""
    centres = rng.normal(0.0, 5.0, size=(3, features))
    which = rng.integers(3, size=n)
    return (
        centres[which] + rng.normal(size=(n, features)) * np.array([0.5, 1.0, 2.0])[which, None],
    )


def distance_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_WIDTH)) - 0.5,), {}


def conditional_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, np.ndarray], dict[str, Any]]:
    (X,) = distance_inputs(rng, n)[0]
    return (squared_distances(X), np.exp(rng.uniform(0.0, 3.0, size=n))), {}


def conditional_yardstick(D: np.ndarray, betas: np.ndarray) -> np.ndarray:
    logits = -betas[:, None] * D
    np.fill_diagonal(logits, -np.inf)
    weights = np.exp(logits - logits.max(axis=1, keepdims=True))
    return weights / weights.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def _fit(ctx: ProbeContext, X: np.ndarray, **hyperparameters: Any) -> dict[str, Any]:
    model = ctx.solution.TSNEAffinities(**hyperparameters)
    model.fit(X)
    return {key: getattr(model, key, None) for key in ("P_", "betas_", "n_iter_")}


@probe(group="math", sample=True)
def conditional_given_betas(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("conditional_given_betas")
    D = squared_distances(*data(rng, 40, 3))
    betas = np.exp(rng.uniform(-3.0, 0.0, size=40))
    model = ctx.solution.TSNEAffinities()
    return {"P": model._conditional_probabilities(D, betas)}


@probe(group="math", budget_seconds=4.0)
def shifted_distances(ctx: ProbeContext) -> dict[str, Any]:
    """The same conditional probabilities twice: with every off-diagonal distance of a row
    raised by OFFSET (softmax is unchanged), where exp(-beta * d) underflows to 0 unless the
    row's smallest exponent is taken off."""
    rng = ctx.rng("shifted_distances")
    D = squared_distances(*data(rng, 40, 3))
    betas = np.exp(rng.uniform(-1.0, 1.0, size=40))
    far = D + OFFSET / betas[:, None] * (1.0 - np.eye(40))
    model = ctx.solution.TSNEAffinities()
    return {
        "P": model._conditional_probabilities(D, betas),
        "far_P": model._conditional_probabilities(far, betas),
    }


@probe(group="tol", budget_seconds=6.0)
def loose_tol(ctx: ProbeContext) -> dict[str, Any]:
    """fit with tol=0.1, then with tol=1e-10: each precision's row distribution, through
    the candidate's own distances and conditional probabilities (its own definition of the
    target), for the entropies the check compares."""
    (X,) = data(ctx.rng("loose_tol"), 120, 3)
    model = ctx.solution.TSNEAffinities(perplexity=10.0, tol=0.1)
    loose = np.ravel(model.fit(X).betas_)  # betas_ of another shape is code organisation's
    tight = np.ravel(
        ctx.solution.TSNEAffinities(perplexity=10.0, tol=1e-10, max_iter=200).fit(X).betas_
    )
    D = model._squared_distances(X)
    return {
        "tol": 0.1,
        "loose": model._conditional_probabilities(D, loose),
        "tight": model._conditional_probabilities(D, tight),
    }


@probe(group="max_iter", budget_seconds=5.0)
def capped_search(ctx: ProbeContext) -> dict[str, Any]:
    """tol=0 can never be met: the search must stop after max_iter=7 updates of every point."""
    (X,) = data(ctx.rng("capped_search"), 80, 3)
    return {"max_iter": 7, **_fit(ctx, X, perplexity=10.0, tol=0.0, max_iter=7)}


@probe(group="stability", budget_seconds=5.0, sample=True)
def huge_distances(ctx: ProbeContext) -> dict[str, Any]:
    """The same points at scale 1 and at scale 1024 (squared distances near 1e8): the
    perplexity-calibrated P is scale-free, but exp(-1 * 1e8) is 0 for every neighbour."""
    (X,) = data(ctx.rng("huge_distances"), 80, 3)
    settings = {"perplexity": 12.0, "tol": 1e-10, "max_iter": 200}
    plain, huge = _fit(ctx, X, **settings), _fit(ctx, SCALE * X, **settings)
    return {"P": plain["P_"], "huge_P": huge["P_"]}


@probe(group="stability", budget_seconds=5.0)
def duplicate_points(ctx: ProbeContext) -> dict[str, Any]:
    """Points repeated exactly (distance 0 to a point that is not itself), and the same set
    with the copies moved 1e-6 apart: P is continuous, so both must agree."""
    rng = ctx.rng("duplicate_points")
    (base,) = data(rng, 50, 3)
    X = base[np.concatenate([np.arange(50), rng.choice(50, 20, replace=False)])]
    jittered = X + np.vstack([np.zeros((50, 3)), rng.normal(0.0, JITTER, (20, 3))])
    settings = {"perplexity": 8.0, "tol": 1e-10, "max_iter": 200}
    return {
        "P": _fit(ctx, X, **settings)["P_"],
        "jittered_P": _fit(ctx, jittered, **settings)["P_"],
    }


@probe(group="stability", budget_seconds=5.0)
def unreachable_perplexity(ctx: ProbeContext) -> dict[str, Any]:
    """Perplexity 40 with 25 points: no bandwidth reaches it (at most 24 neighbours), so the
    search runs to max_iter; P must still be a finite, symmetric distribution."""
    (X,) = data(ctx.rng("unreachable_perplexity"), 25, 3)
    return {"n": 25, **_fit(ctx, X, perplexity=40.0, tol=1e-5, max_iter=60)}
