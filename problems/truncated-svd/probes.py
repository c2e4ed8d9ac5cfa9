"""Probes for truncated-svd: the fitted attributes, transform and the round trip on data
with known, well-separated singular values, and the same data scaled by 2^600 and 2^-600
(where X^T X overflows or underflows). The interface and the timing of fit() and
transform() are the profile's standard probes; the hooks below make their data.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe
from sandbox.harness.timing import column_magnitudes

EXTREME = 2.0**600  # X^T X would hold 2^1200 (overflow) or 2^-1200 (underflow)
TIMING_FEATURES = 4
FITTED = ("components_", "singular_values_", "explained_variance_", "explained_variance_ratio_")
# |values| summed per column for a timed transform (signs are code organization's); a timed
# fit's output (the singular values) as it is.
timing_summary = column_magnitudes


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray]:
    """U diag(s) V^T with random orthonormal U, V and s = 10 * 0.6^j: every singular vector
    is defined up to its sign. U's first column is constant, so the top component is the
    data's mean direction, which centring would remove."""
    rank = min(n, features)
    left = np.linalg.qr(np.column_stack([np.ones(n), rng.normal(size=(n, rank - 1))]))[0]
    right = np.linalg.qr(rng.normal(size=(features, rank)))[0]
    return ((left * (10.0 * 0.6 ** np.arange(rank))) @ right.T,)


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.normal(size=(n, TIMING_FEATURES)) * np.arange(1.0, TIMING_FEATURES + 1),), {}


def yardstick(X: np.ndarray) -> np.ndarray:
    """fit(n_components=2) in plain NumPy: thin SVD, signs, variances of the projections."""
    _, singular_values, Vt = np.linalg.svd(X, full_matrices=False)
    Vt = Vt * np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(axis=1)])[:, None]
    projected = np.einsum("ij,kj->ik", X, Vt[:2])
    return np.concatenate([singular_values[:2], projected.var(axis=0) / X.var(axis=0).sum()])


def transform_yardstick(X: np.ndarray) -> np.ndarray:
    return np.asarray(np.einsum("ij,kj->ik", X, np.eye(2, TIMING_FEATURES)))


@probe(group="fits", budget_seconds=5.0, sample=True)
def fit_and_project(ctx: ProbeContext) -> dict[str, Any]:
    """X (80 x 6, singular values 10 * 0.6^j, the largest along the mean), n_components=3:
    every attribute, transform of 20 new rows and inverse_transform of that."""
    rng = ctx.rng("fit_and_project")
    (X,) = data(rng, 80, 6)
    X_new = rng.normal(size=(20, 6))
    model = ctx.solution.TruncatedSVD(n_components=3)
    model.fit(X)
    observed: dict[str, Any] = {name: getattr(model, name, None) for name in FITTED}
    observed["transform"] = model.transform(X_new)
    observed["round_trip"] = model.inverse_transform(observed["transform"])
    return {"n": 80, **observed}


@probe(group="fits", budget_seconds=5.0)
def fit_wide(ctx: ProbeContext) -> dict[str, Any]:
    """A wide matrix, 30 x 8 (rank 8), n_components=5: the signs of 5 more components."""
    model = ctx.solution.TruncatedSVD(n_components=5)
    model.fit(data(ctx.rng("fit_wide"), 30, 8)[0])
    return {"components_": getattr(model, "components_", None)}


@probe(group="stability", budget_seconds=5.0)
def extreme_scales(ctx: ProbeContext) -> dict[str, Any]:
    """The same 50 x 5 matrix at scale 1, times 2^600 and times 2^-600 (exact), k=3."""
    rng = ctx.rng("extreme_scales")
    (X,) = data(rng, 50, 5)
    observed: dict[str, Any] = {"scale": EXTREME}
    for label, factor in (("plain", 1.0), ("huge", EXTREME), ("tiny", 1.0 / EXTREME)):
        model = ctx.solution.TruncatedSVD(n_components=3)
        model.fit(X * factor)
        observed[f"{label}:components_"] = getattr(model, "components_", None)
        observed[f"{label}:singular_values_"] = getattr(model, "singular_values_", None)
    return observed
