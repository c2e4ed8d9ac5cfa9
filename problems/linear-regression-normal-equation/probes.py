"""Probes for linear-regression-normal-equation: the fit without an intercept, and the
stability inputs of a closed-form least-squares solver (collinear columns, features at 1e±6,
features far from zero). The interface, the standard fit and the timing are the profile's
standard probes, fed by the hooks below."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

N, FEATURES, N_TEST = 120, 4, 40  # the stability probes' designs
OFFSET = 2.0**20  # features near 1e6: the Gram matrix of [X, 1] loses their spread
TIMING_FEATURES = 5


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, features))
    y = X @ rng.normal(0.0, 2.0, size=features) + rng.normal(0.0, 3.0) + rng.normal(0.0, 0.5, n)
    return X, y


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    return (X, X @ rng.normal(size=TIMING_FEATURES) + rng.random(n)), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The fit in plain NumPy (einsum, no BLAS): centre, Gram matrix, solve."""
    x_mean = np.einsum("ij->j", X) / len(X)
    centred = X - x_mean
    gram = np.einsum("ij,ik->jk", centred, centred)
    weights: np.ndarray = np.linalg.solve(gram, np.einsum("ij,i->j", centred, y - y.mean()))
    return weights


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    return np.asarray(np.einsum("ij,j->i", X, np.ones(X.shape[1])) + 0.5)


def _fit(
    ctx: ProbeContext,
    label: str,
    X: np.ndarray,
    y: np.ndarray,
    X_test: np.ndarray,
    fit_intercept: bool = True,  # given explicitly: a wrong default is code organisation's
) -> dict[str, Any]:
    model = ctx.solution.NormalEquationRegression(fit_intercept=fit_intercept)
    model.fit(X, y)
    return {
        f"{label}_weights": getattr(model, "weights", None),
        f"{label}_bias": getattr(model, "bias", None),
        f"{label}_predictions": model.predict(X_test),
    }


def _benign(ctx: ProbeContext, stream: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = ctx.rng(stream)
    X, y = data(rng, N, FEATURES)
    return X, y, rng.normal(size=(N_TEST, FEATURES))


@probe(group="math", sample=True)
def fit_without_intercept(ctx: ProbeContext) -> dict[str, Any]:
    """fit_intercept=False on targets with an offset: no centring, bias 0."""
    rng = ctx.rng("fit_without_intercept")
    X, y = data(rng, 80, 3)
    return _fit(ctx, "origin", X + 1.5, y, rng.normal(size=(30, 3)), fit_intercept=False)


@probe(group="collinear", sample=True)
def duplicated_columns(ctx: ProbeContext) -> dict[str, Any]:
    """The benign design, then the same with a copy of column a and the negated column b
    appended: the same predictions, and the weights of minimum norm split a's and b's
    weights in halves."""
    X, y, X_test = _benign(ctx, "duplicated_columns")
    a, b = (int(i) for i in ctx.rng("duplicated_columns_pick").choice(FEATURES, 2, replace=False))

    def widen(M: np.ndarray) -> np.ndarray:
        return np.column_stack([M, M[:, a], -M[:, b]])

    return {
        "a": a,
        "b": b,
        **_fit(ctx, "benign", X, y, X_test),
        **_fit(ctx, "collinear", widen(X), y, widen(X_test)),
    }


@probe(group="offset")
def features_far_from_zero(ctx: ProbeContext) -> dict[str, Any]:
    """The benign design shifted by about 1e6 (bit for bit the same spread): the same
    weights and predictions."""
    X, y, X_test = _benign(ctx, "features_far_from_zero")
    offset = OFFSET * (1.0 + ctx.rng("features_far_from_zero_offset").random(FEATURES))
    # Built far from zero, then shifted back: both subtractions are exact (Sterbenz), so the
    # two designs differ by the offset exactly.
    far, far_test = X + offset, X_test + offset
    return {
        **_fit(ctx, "benign", far - offset, y, far_test - offset),
        **_fit(ctx, "far", far, y, far_test),
    }
