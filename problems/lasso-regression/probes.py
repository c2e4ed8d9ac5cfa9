"""Probes for lasso-regression: soft-thresholding, the loss, a sparse fit, and stability (a
constant feature). The interface, the dense fit, the history, the stopping point of
coordinate descent, the timing and features at 1e±6 (scaled_copies) are the profile's
standard probes.

Every fit with a dense model (all coefficients well away from 0) follows the same path
whether or not it soft-thresholds, so only the sparse fit tells a subgradient step from
soft-thresholding: the other probes stay about their own category."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

TIMING_FEATURES = 3
TIMING_SWEEPS = 5  # the timed fit (problem.yaml): alpha 0.01, tol 0


def _design(rng: np.random.Generator, n: int, features: int, correlation: float) -> np.ndarray:
    """Features with the given correlation between every two of them."""
    shared = rng.normal(size=(n, 1))
    independent = rng.normal(size=(n, features))
    design: np.ndarray = np.sqrt(1.0 - correlation) * independent + np.sqrt(correlation) * shared
    return design


def _dense_weights(rng: np.random.Generator, features: int) -> np.ndarray:
    """Coefficients of 1 to 3 in size: with the alphas used, none is shrunk to 0."""
    return rng.choice([-1.0, 1.0], size=features) * rng.uniform(1.0, 3.0, size=features)


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    X = _design(rng, n, features, 0.3)
    y = X @ _dense_weights(rng, features) + rng.normal(0.0, 3.0) + rng.normal(0.0, 0.5, n)
    return X, y


def stop_data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Strongly correlated features (a slow descent) for the standard stop point."""
    X = _design(rng, 150, 5, 0.7)
    return X, X @ _dense_weights(rng, 5) + rng.normal(0.0, 0.5, 150)


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    weights = np.asarray(model.weights, dtype=float).ravel()
    bias = float(np.asarray(model.bias, dtype=float).ravel()[0])
    return model._compute_loss(X @ weights + bias, y, weights)


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    return (X, X @ _dense_weights(rng, TIMING_FEATURES) + rng.random(n)), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed fit in plain NumPy: centring, 5 sweeps of coordinate descent, the loss."""
    n = len(y)
    centred = X - np.einsum("ij->j", X) / n
    residuals = y - y.mean()
    curvature = np.einsum("ij,ij->j", centred, centred) / n
    weights = np.zeros(X.shape[1])
    for _ in range(TIMING_SWEEPS):
        for j in range(X.shape[1]):
            rho = np.einsum("i,i->", centred[:, j], residuals) / n + curvature[j] * weights[j]
            updated = np.sign(rho) * max(abs(rho) - 0.01, 0.0) / curvature[j]
            residuals -= (updated - weights[j]) * centred[:, j]
            weights[j] = updated
        0.5 * np.einsum("i,i->", residuals, residuals) / n + 0.01 * np.abs(weights).sum()
    return weights


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    return np.asarray(np.einsum("ij,j->i", X, np.ones(X.shape[1])) + 0.5)


def _observe(
    ctx: ProbeContext,
    label: str,
    X: np.ndarray,
    y: np.ndarray,
    X_test: np.ndarray,
    alpha: float,
    sweeps: int = 100,
) -> dict[str, Any]:
    """A fit of exactly `sweeps` sweeps (tol=0 never stops early)."""
    model = ctx.solution.LassoRegression(alpha=alpha, max_iter=sweeps, tol=0.0)
    model.fit(X, y)
    return {
        f"{label}_weights": getattr(model, "weights", None),
        f"{label}_bias": getattr(model, "bias", None),
        f"{label}_predictions": model.predict(X_test),
    }


@probe(group="math", sample=True)
def soft_threshold_values(ctx: ProbeContext) -> dict[str, Any]:
    """Values on both sides of ±threshold, exactly at it, and 0."""
    rng = ctx.rng("soft_threshold_values")
    threshold = float(rng.uniform(0.5, 1.5))
    rho = np.concatenate(
        [rng.normal(0.0, 2.0, size=40), [threshold, -threshold, 0.0, 2 * threshold]]
    )[rng.permutation(44)]
    return {"values": ctx.solution.LassoRegression()._soft_threshold(rho, threshold)}


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("loss_value")
    y, weights = rng.normal(0.0, 3.0, size=50), rng.normal(size=6)
    model = ctx.solution.LassoRegression(alpha=0.4)
    return {"loss": model._compute_loss(y + rng.normal(0.0, 1.5, size=50), y, weights)}


@probe(group="math", budget_seconds=10.0)
def sparse_fit(ctx: ProbeContext) -> dict[str, Any]:
    """8 features of which only 3 matter, alpha=0.15, 200 sweeps: the reference's lasso
    solution has exact zeros."""
    rng = ctx.rng("sparse_fit")
    X = _design(rng, 100, 8, 0.2)
    true = np.zeros(8)
    true[rng.choice(8, 3, replace=False)] = _dense_weights(rng, 3)
    y = X @ true + rng.normal(0.0, 2.0) + rng.normal(0.0, 0.5, 100)
    return {"X": X, "y": y, **_observe(ctx, "sparse", X, y, rng.normal(size=(40, 8)), 0.15, 200)}


def centred_data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, ...]:
    """A dense problem with centred features and targets (the intercept is 0, so whether it
    is penalised does not matter): the stability probes' data, scaled_copies's too."""
    X, y = data(rng, n, features)
    return X - X.mean(axis=0), y - y.mean()


@probe(group="constant", budget_seconds=10.0, sample=True)
def constant_feature(ctx: ProbeContext) -> dict[str, Any]:
    """The benign design, then the same with a constant column inserted: zero variance, so
    its weight is 0 (not 0 / 0) and the rest of the fit is unchanged."""
    rng = ctx.rng("constant_feature")
    X, y = centred_data(rng, 128, 4)
    X_test = rng.normal(size=(40, 4))
    # 128 copies of a number with few significant bits sum exactly: the column's mean is
    # the number itself, so the centred column is exactly 0 (as it is for a constant
    # feature in general, up to rounding).
    position, value = int(rng.integers(5)), float(rng.integers(1, 40)) / 8.0

    def widen(M: np.ndarray) -> np.ndarray:
        return np.insert(M, position, value, axis=1)

    return {
        "position": position,
        **_observe(ctx, "benign", X, y, X_test, 0.05),
        **_observe(ctx, "constant", widen(X), y, widen(X_test), 0.05),
    }
