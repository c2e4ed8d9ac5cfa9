"""Probes for gaussian-naive-bayes: the joint log-likelihood and the posteriors with given
parameters, and stability: far-away points, zero-variance features, features in tiny or
huge units, features far from zero. The interface, the fit and the timing are the
profile's standard probes, fed by the hooks below."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

CLASSES = 3  # every fitted data set has three classes (problem.yaml's shapes)
PRIORS = (0.5, 0.3, 0.2)
TIMING_FEATURES = 4
GRID = 2.0**-20  # features on this grid plus OFFSET are exact sums
OFFSET = 2.0**23  # ~8.4e6: a variance as E[x^2] - E[x]^2 loses every digit there
SCALES = {"tiny": 2.0**-40, "huge": 2.0**40}  # powers of two: scaling is exact


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Three overlapping Gaussian classes, each with its own means and spreads, in
    proportions 5:3:2 (every class present)."""
    y = rng.choice(CLASSES, size=n, p=PRIORS)
    y[:CLASSES] = np.arange(CLASSES)
    means = rng.normal(0.0, 1.5, size=(CLASSES, features))
    spreads = rng.uniform(0.5, 2.0, size=(CLASSES, features))
    return means[y] + spreads[y] * rng.normal(size=(n, features)), y.astype(np.int64)


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def yardstick(X: np.ndarray) -> np.ndarray:
    """predict_proba in plain NumPy: the joint log-likelihood of three classes (parameters
    of its own: the work, not the values, matters) and the log-sum-exp normalisation."""
    theta = np.linspace(-1.0, 1.0, CLASSES * X.shape[1]).reshape(CLASSES, -1)
    var = np.linspace(0.5, 2.0, CLASSES * X.shape[1]).reshape(CLASSES, -1)
    jll = np.log(np.asarray(PRIORS)) - 0.5 * np.log(2.0 * np.pi * var).sum(axis=1)
    jll = jll - 0.5 * ((X[:, None, :] - theta[None, :, :]) ** 2 / var[None, :, :]).sum(axis=2)
    e = np.exp(jll - jll.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _parameters(rng: np.random.Generator, d: int, shared_var: bool = False) -> dict[str, Any]:
    """Attributes of a model set without fit: classes 2, 5, 9 (not their indices)."""
    var = rng.uniform(0.5, 2.0, size=(1 if shared_var else CLASSES, d))
    return {
        "classes_": np.array([2, 5, 9]),
        "class_prior_": np.asarray(PRIORS),
        "theta_": rng.normal(0.0, 1.5, size=(CLASSES, d)),
        "var_": np.repeat(var, CLASSES, axis=0) if shared_var else var,
    }


def _model(ctx: ProbeContext, attributes: dict[str, Any] | None = None, **kw: Any) -> Any:
    model = ctx.solution.GaussianNaiveBayes(**kw)
    for name, value in (attributes or {}).items():
        setattr(model, name, value)
    return model


@probe(group="math", sample=True)
def given_parameters(ctx: ProbeContext) -> dict[str, Any]:
    """_joint_log_likelihood, predict_proba and predict with the attributes set directly."""
    rng = ctx.rng("given_parameters")
    model = _model(ctx, _parameters(rng, 5))
    X = rng.normal(0.0, 2.0, size=(80, 5))
    return {
        "jll": model._joint_log_likelihood(X),
        "proba": model.predict_proba(X),
        "labels": model.predict(X),
    }


@probe(group="stability", sample=True)
def far_away_points(ctx: ProbeContext) -> dict[str, Any]:
    """Classes with the same variances, and the same points twice: as drawn, and moved far
    along a direction that changes every class's log-likelihood by the same amount (about
    -1e4 to -1e5: every likelihood underflows to 0). The posteriors do not change."""
    rng, d = ctx.rng("far_away_points"), 5
    attributes = _parameters(rng, d, shared_var=True)
    weighted = (attributes["theta_"] - attributes["theta_"][0]) / attributes["var_"]
    direction = rng.normal(size=d)
    basis = np.linalg.qr(weighted[1:].T)[0]  # the directions that change the posteriors
    direction -= basis @ (basis.T @ direction)
    direction /= np.linalg.norm(direction)
    X = rng.normal(0.0, 1.5, size=(60, d))
    far = X + np.outer(rng.uniform(300.0, 600.0, size=60), direction)
    model = _model(ctx, attributes)
    return {
        "proba": model.predict_proba(X),
        "labels": model.predict(X),
        "far_proba": model.predict_proba(far),
        "far_labels": model.predict(far),
    }


def _fit_and_predict(ctx: ProbeContext, X: np.ndarray, y: np.ndarray, X_new: np.ndarray) -> Any:
    model = _model(ctx)
    model.fit(X, y)
    return model.predict_proba(X_new)


@probe(group="stability", sample=True)
def zero_variance_features(ctx: ProbeContext) -> dict[str, Any]:
    """Feature 0 equals 2 × the class (zero variance within each class), feature 1 is 3.0
    everywhere (zero variance overall); then the same with noise of 1e-3 on both. The
    posteriors of the training points are 0 or 1 either way."""
    rng, n = ctx.rng("zero_variance_features"), 90
    y = rng.permutation(np.arange(n) % CLASSES)
    X = np.column_stack([2.0 * y, np.full(n, 3.0), rng.normal(size=(n, 2))])
    noisy = X.copy()
    noisy[:, :2] += rng.normal(0.0, 1e-3, size=(n, 2))
    return {
        "proba": _fit_and_predict(ctx, noisy, y, noisy),
        "zero_variance_proba": _fit_and_predict(ctx, X, y, X),
    }


@probe(group="stability")
def rescaled_features(ctx: ProbeContext) -> dict[str, Any]:
    """The same fit and prediction in three units: as drawn, times 2**-40 and times 2**40.
    Smoothing relative to the largest variance makes the posteriors identical."""
    rng = ctx.rng("rescaled_features")
    X, y = data(rng, 150, 4)
    X_new = data(rng, 50, 4)[0]
    observed = {"proba": _fit_and_predict(ctx, X, y, X_new)}
    for label, scale in SCALES.items():
        observed[f"{label}_proba"] = _fit_and_predict(ctx, X * scale, y, X_new * scale)
    return observed


@probe(group="stability")
def features_far_from_zero(ctx: ProbeContext) -> dict[str, Any]:
    """The same fit and prediction twice: as drawn, and with every feature shifted by
    2**23 (exact sums: the features are on a 2**-20 grid)."""
    rng = ctx.rng("features_far_from_zero")
    X, y = data(rng, 150, 4)
    X_new = data(rng, 50, 4)[0]
    X, X_new = np.round(X / GRID) * GRID, np.round(X_new / GRID) * GRID
    return {
        "proba": _fit_and_predict(ctx, X, y, X_new),
        "shifted_proba": _fit_and_predict(ctx, X + OFFSET, y, X_new + OFFSET),
    }
