"""Probes for pca: the fitted attributes, transform and the round trip on data with
well-separated variances, and the same data shifted far from the origin and scaled by
powers of two (exact in floating point). The interface and the timing of fit() and
transform() are the profile's standard probes; the hooks below make their data.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe
from sandbox.harness.timing import column_magnitudes

OFFSET = 2.0**26  # data on a grid of 2^-20 and below 2^25: X + OFFSET is exact
SCALE = 2.0**70
TIMING_FEATURES = 4
ATTRIBUTES = (
    "mean_",
    "components_",
    "explained_variance_",
    "explained_variance_ratio_",
    "singular_values_",
)
# A component's sign is code organization's, not speed's: a timed transform is summarised
# by one column sum of |values| per component.
timing_summary = column_magnitudes


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray]:
    """Correlated Gaussian data whose principal variances are well apart (ratio >= 1.5),
    so that every component is defined up to its sign."""
    spreads = 3.0 * 0.6 ** np.arange(features)
    rotation = np.linalg.qr(rng.normal(size=(features, features)))[0]
    return (rng.normal(size=(n, features)) * spreads @ rotation + rng.normal(0.0, 5.0, features),)


def _grid(X: np.ndarray) -> np.ndarray:
    """X rounded to multiples of 2^-20: shifting it by OFFSET is then exact."""
    return np.round(X * 2.0**20) / 2.0**20


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return data(rng, n, TIMING_FEATURES), {}


def yardstick(X: np.ndarray) -> np.ndarray:
    """fit(n_components=2) in plain NumPy: centre, covariance by einsum, eigh."""
    centred = X - X.mean(axis=0)
    covariance = np.einsum("ij,ik->jk", centred, centred) / (len(X) - 1)
    values, vectors = np.linalg.eigh(covariance)
    values, vectors = values[::-1], vectors[:, ::-1].T
    largest = np.abs(vectors).argmax(axis=1)
    vectors = vectors * np.sign(vectors[np.arange(len(vectors)), largest])[:, None]
    return np.concatenate([values[:2], values[:2] / values.sum(), vectors[:2].ravel()])


def transform_yardstick(X: np.ndarray) -> np.ndarray:
    components = np.eye(2, TIMING_FEATURES)
    return np.asarray(np.einsum("ij,kj->ik", X - X.mean(axis=0), components))


def _observe(ctx: ProbeContext, X: np.ndarray, X_new: np.ndarray, k: Any) -> dict[str, Any]:
    model = ctx.solution.PCA(n_components=k)
    model.fit(X)
    observed = {name: getattr(model, name, None) for name in ATTRIBUTES}
    transformed = model.transform(X_new)
    observed["n_components_"] = getattr(model, "n_components_", None)
    observed["transform"] = transformed
    observed["round_trip"] = model.inverse_transform(transformed)
    return {"X": X, **observed}


@probe(group="fits", budget_seconds=5.0, sample=True)
def fit_three_of_six(ctx: ProbeContext) -> dict[str, Any]:
    """80 samples in 6-d, n_components=3: every attribute, transform of 20 new samples and
    inverse_transform of that (the projection onto the components' plane)."""
    rng = ctx.rng("three_of_six")
    (X,) = data(rng, 100, 6)
    return _observe(ctx, X[:80], X[80:], 3)


@probe(group="fits", budget_seconds=5.0, sample=True)
def fit_all_components(ctx: ProbeContext) -> dict[str, Any]:
    """50 samples in 4-d, n_components=None: all 4 components (the ratios sum to 1, and
    the round trip gives the new samples back)."""
    rng = ctx.rng("all_components")
    (X,) = data(rng, 65, 4)
    return _observe(ctx, X[:50], X[50:], None)


@probe(group="stability", budget_seconds=5.0)
def shifted_and_scaled(ctx: ProbeContext) -> dict[str, Any]:
    """The same 60 samples (5-d, n_components=3) near the origin, shifted by 2^26 (exact),
    and times 2^70 and 2^-70 (exact): the attributes of each fit."""
    rng = ctx.rng("shifted_and_scaled")
    (X,) = data(rng, 60, 5)  # its mean is some units from 0: a fit that does not centre
    X = _grid(X)  # differs from the reference already here, and is not measured
    observed: dict[str, Any] = {"offset": OFFSET, "scale": SCALE}
    for label, copy in (
        ("plain", X),
        ("shifted", X + OFFSET),
        ("huge", X * SCALE),
        ("tiny", X / SCALE),
    ):
        model = ctx.solution.PCA(n_components=3)
        model.fit(copy)
        for name in ATTRIBUTES[1:]:
            observed[f"{label}:{name}"] = getattr(model, name, None)
    return observed
