"""Probes for regularized-logistic-regression: the penalised loss and its gradient,
predictions with given parameters, and stability at saturated probabilities. The interface,
the fit, the history and the timing are the profile's standard probes, fed by the hooks."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, directional_losses, probe

FD_STEP = 1e-4  # central differences: truncation ~1e-8 relative, rounding ~1e-12
LAMBDA = 5.0  # the penalty of the math probes: lambda / (2n) ||w||^2 is ~10% of the loss
TIMING_FEATURES = 4
TIMING_ITERATIONS = 5  # the timed fit (problem.yaml): learning_rate 0.1, lambda_ 1, tol 0
TIMING_LAMBDA = 1.0


def sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # exp of a non-positive number only: never overflows
    return np.asarray(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardized features, labels drawn from a logistic model with an offset (not
    separable; the bias matters)."""
    X = rng.normal(size=(n, features))
    y = rng.random(n) < sigmoid(X @ rng.normal(0.0, 1.5, features) + rng.normal(0.0, 1.0))
    y[:2] = [False, True]  # both classes, always
    return X, y.astype(np.int64)


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    """The candidate's own loss at its fitted parameters (a (d, 1) weight column is code
    organisation's business only)."""
    weights = np.asarray(model.weights, dtype=float).ravel()
    bias = float(np.asarray(model.bias, dtype=float).ravel()[0])
    return model._compute_loss(X, y, weights, bias)


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    y = (X @ rng.normal(size=TIMING_FEATURES) + 0.2 * rng.random(n) > 0.1).astype(np.int64)
    return (X, y), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed fit in plain NumPy: loss, gradient and update per iteration."""
    n, weights, bias, history = X.shape[0], np.zeros(X.shape[1]), 0.0, []
    for _ in range(TIMING_ITERATIONS):
        z = X @ weights + bias
        penalty = TIMING_LAMBDA / (2 * n) * float(weights @ weights)
        history.append(float(np.mean(np.logaddexp(0.0, z) - y * z)) + penalty)
        error = sigmoid(X @ weights + bias) - y
        weights = weights - 0.1 * (X.T @ error / n + TIMING_LAMBDA / n * weights)
        bias -= 0.1 * float(np.mean(error))
    return weights


def _model(ctx: ProbeContext, **hyperparameters: Any) -> Any:
    return ctx.solution.RegularizedLogisticRegression(**hyperparameters)


def _point(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, ...]:
    """Inputs of the loss and the gradient: X, 0/1 labels, moderate weights, a bias far
    enough from 0 that penalising it shows."""
    X, y = rng.normal(size=(n, d)), rng.integers(0, 2, size=n)
    return X, y, rng.normal(0.0, 0.7, size=d), np.array(rng.choice([-1.0, 1.0]) * 1.5)


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    X, y, weights, bias = _point(ctx.rng("loss_value"), 80, 4)
    return {"loss": _model(ctx, lambda_=LAMBDA)._compute_loss(X, y, weights, float(bias))}


@probe(group="math")
def gradient_random_point(ctx: ProbeContext) -> dict[str, Any]:
    X, y, weights, bias = _point(ctx.rng("gradient_random_point"), 60, 4)
    dw, db = _model(ctx, lambda_=LAMBDA)._compute_gradients(X, y, weights, float(bias))
    return {"dw": dw, "db": db}


@probe(group="math", budget_seconds=4.0)
def gradient_finite_difference(ctx: ProbeContext) -> dict[str, Any]:
    """Slopes of the candidate's own loss along random directions of (w, b), then its
    gradient at the point."""
    rng, d = ctx.rng("gradient_finite_difference"), 5
    X, y, weights, bias = _point(rng, 80, d)
    theta = np.append(weights, bias)
    model = _model(ctx, lambda_=LAMBDA)
    losses = directional_losses(
        lambda p: model._compute_loss(X, y, p[:d], float(p[d])), theta, rng, FD_STEP
    )
    dw, db = model._compute_gradients(X, y, weights, float(bias))
    return {"dw": dw, "db": db, **losses}


@probe(group="math")
def predict_given_parameters(ctx: ProbeContext) -> dict[str, Any]:
    """predict_proba and predict with weights and bias set directly (no fit)."""
    rng, model = ctx.rng("predict_given_parameters"), _model(ctx)
    model.weights, model.bias = rng.normal(size=6), float(rng.normal())
    X = rng.normal(0.0, 1.5, size=(120, 6))
    return {"proba": model.predict_proba(X), "labels": model.predict(X)}


def _rows_with_logits(
    rng: np.random.Generator, logits: np.ndarray, weights: np.ndarray, bias: float
) -> np.ndarray:
    """Rows x with x·w + b = the given logits (up to rounding), plus noise orthogonal to w."""
    noise = rng.normal(size=(logits.size, weights.size))
    noise -= np.outer(noise @ weights, weights) / (weights @ weights)
    return np.asarray(np.outer(logits - bias, weights) / (weights @ weights) + noise)


@probe(group="stability", sample=True)
def saturated_logits(ctx: ProbeContext) -> dict[str, Any]:
    """The loss, the gradient and the predictions at logits of ±(500…1000), and at the
    same signs at ±(36…40), where σ is already 0 or 1 to 1e-15; labels right, then wrong.
    lambda_ = 0 here: the penalty has nothing to do with log(0)."""
    rng, n, model = ctx.rng("saturated_logits"), 90, _model(ctx, lambda_=0.0)
    weights, bias, sign = rng.normal(size=4), 0.25, rng.choice([-1.0, 1.0], size=n)
    model.weights, model.bias = weights, bias
    right = (sign > 0).astype(np.int64)
    observed: dict[str, Any] = {}
    for label, low, high in (("extreme", 500.0, 1000.0), ("moderate", 36.0, 40.0)):
        X = _rows_with_logits(rng, sign * rng.uniform(low, high, size=n), weights, bias)
        dw, db = model._compute_gradients(X, right, weights, bias)
        observed |= {
            f"{label}_proba": model.predict_proba(X),
            f"{label}_labels": model.predict(X),
            f"{label}_right_loss": model._compute_loss(X, right, weights, bias),
            f"{label}_wrong_loss": model._compute_loss(X, 1 - right, weights, bias),
            f"{label}_dw": dw,
            f"{label}_db": db,
        }
    return observed


@probe(group="stability", budget_seconds=5.0)
def separable_large_features(ctx: ProbeContext) -> dict[str, Any]:
    """fit on separable data with features near ±1000: probabilities of exactly 0 and 1."""
    rng = ctx.rng("separable_large_features")
    X = rng.normal(size=(120, 3)) * 1000.0
    X[1] = -X[0]  # both classes, always
    y = (X @ rng.normal(size=3) > 0).astype(np.int64)
    model = _model(ctx, learning_rate=0.1, n_iterations=100, tol=0.0, lambda_=1.0)
    model.fit(X, y)
    return {
        "weights": getattr(model, "weights", None),
        "bias": getattr(model, "bias", None),
        "proba": model.predict_proba(X),
        "history": getattr(model, "loss_history", None),
    }
