"""Probes for logistic-regression: the loss, the gradient, predictions with given
parameters, and stability. The interface, the fit, the history and the timing are the
profile's standard probes, fed by the hooks data, loss, timing_inputs and yardstick."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, directional_losses, probe

FD_STEP = 1e-4  # central differences: truncation ~1e-8 relative, rounding ~1e-12
TIMING_FEATURES = 4
TIMING_ITERATIONS = 5  # the timed fit (problem.yaml): learning_rate 0.1, tol 0
CONFIDENT = 1e-4  # a benign but confident probability, for the loss at exactly 0 and 1


def sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # exp of a non-positive number only: never overflows
    return np.asarray(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardized features, labels drawn from a logistic model (not separable)."""
    X = rng.normal(size=(n, features))
    y = rng.random(n) < sigmoid(X @ rng.normal(0.0, 1.0, features) + rng.normal(0.0, 0.5))
    y[:2] = [False, True]  # both classes, always
    return X, y.astype(np.int64)


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    """The candidate's own loss at its fitted parameters (a predict_proba() of the wrong
    shape is code organisation's business only)."""
    weights = np.asarray(model.weights, dtype=float).ravel()
    bias = float(np.asarray(model.bias, dtype=float).ravel()[0])
    return model._compute_loss(sigmoid(X @ weights + bias), y)


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    y = (X @ rng.normal(size=TIMING_FEATURES) + 0.2 * rng.random(n) > 0.1).astype(np.int64)
    return (X, y), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed fit in plain NumPy: sigmoid, loss, gradient and update per iteration."""
    weights, bias, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(TIMING_ITERATIONS):
        p = sigmoid(X @ weights + bias)
        clipped = np.clip(p, 1e-15, 1.0 - 1e-15)
        history.append(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1.0 - clipped)))
        weights = weights - 0.1 * (X.T @ (p - y)) / X.shape[0]
        bias -= 0.1 * float(np.mean(p - y))
    return weights


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    z = np.einsum("ij,j->i", X, np.ones(X.shape[1])) + 0.1
    return (sigmoid(z) >= 0.5).astype(np.int64)


def _model(ctx: ProbeContext, **hyperparameters: Any) -> Any:
    return ctx.solution.LogisticRegression(**hyperparameters)


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("loss_value")
    probs = rng.uniform(0.02, 0.98, size=80)
    return {"loss": _model(ctx)._compute_loss(probs, rng.integers(0, 2, size=80))}


@probe(group="math")
def gradient_random_point(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("gradient_random_point")
    X, y = rng.normal(size=(60, 4)), rng.integers(0, 2, size=60)
    dw, db = _model(ctx)._compute_gradients(X, y, sigmoid(X @ rng.normal(size=4) + rng.normal()))
    return {"dw": dw, "db": db}


@probe(group="math", budget_seconds=4.0)
def gradient_finite_difference(ctx: ProbeContext) -> dict[str, Any]:
    """Slopes of the candidate's own loss along random directions of (w, b), then its
    gradient. Logits stay moderate: no reasonable clipping is reached."""
    rng, d = ctx.rng("gradient_finite_difference"), 5
    X, y = rng.normal(size=(80, d)), rng.integers(0, 2, size=80)
    theta = rng.normal(0.0, 0.5, size=d + 1)
    model = _model(ctx)
    losses = directional_losses(
        lambda p: model._compute_loss(sigmoid(X @ p[:d] + p[d]), y), theta, rng, FD_STEP
    )
    dw, db = model._compute_gradients(X, y, sigmoid(X @ theta[:d] + theta[d]))
    return {"dw": dw, "db": db, **losses}


@probe(group="math")
def predict_given_parameters(ctx: ProbeContext) -> dict[str, Any]:
    """predict_proba and predict with weights and bias set directly (no fit)."""
    rng, model = ctx.rng("predict_given_parameters"), _model(ctx)
    model.weights, model.bias = rng.normal(size=6), float(rng.normal())
    X = rng.normal(0.0, 1.5, size=(120, 6))
    return {"proba": model.predict_proba(X), "labels": model.predict(X)}


@probe(group="stability")
def extreme_logits(ctx: ProbeContext) -> dict[str, Any]:
    """The same rows twice: with logits of ±(500…1000), and with the same signs at
    ±(36…40), where σ is already 0 or 1 to 1e-15. A stable sigmoid gives the same values."""
    rng, n, model = ctx.rng("extreme_logits"), 90, _model(ctx)
    w, sign, noise = rng.normal(size=4), rng.choice([-1.0, 1.0], size=n), rng.normal(size=(n, 4))
    noise -= np.outer(noise @ w, w) / (w @ w)  # orthogonal to w: does not move the logit
    model.weights, model.bias = w, 0.25
    observed = {}
    for label, low, high in (("extreme", 500.0, 1000.0), ("moderate", 36.0, 40.0)):
        logits = sign * rng.uniform(low, high, size=n)
        X = np.outer(logits - 0.25, w) / (w @ w) + noise
        observed[f"{label}_proba"] = model.predict_proba(X)
        observed[f"{label}_labels"] = model.predict(X)
    return observed


@probe(group="stability", sample=True)
def loss_at_zero_and_one(ctx: ProbeContext) -> dict[str, Any]:
    """_compute_loss with probabilities of exactly 0 and 1, beside the same labels with
    benign probabilities (0.5, and confidently wrong at 1e-4)."""
    y = ctx.rng("loss_at_zero_and_one").integers(0, 2, size=40)
    y[:2] = [0, 1]
    right, model = y.astype(np.float64), _model(ctx)
    return {
        "right": model._compute_loss(right, y),
        "uncertain": model._compute_loss(np.full(y.size, 0.5), y),
        "wrong": model._compute_loss(1.0 - right, y),
        "confidently_wrong": model._compute_loss(np.where(y == 1, CONFIDENT, 1 - CONFIDENT), y),
    }


@probe(group="stability", budget_seconds=5.0)
def separable_large_features(ctx: ProbeContext) -> dict[str, Any]:
    """fit on separable data with features near ±1000: probabilities of exactly 0 and 1."""
    rng = ctx.rng("separable_large_features")
    X = rng.normal(size=(120, 3)) * 1000.0
    X[1] = -X[0]  # both classes, always
    y = (X @ rng.normal(size=3) > 0).astype(np.int64)
    model = _model(ctx, learning_rate=0.1, n_iterations=100, tol=0.0)
    model.fit(X, y)
    return {
        "weights": getattr(model, "weights", None),
        "bias": getattr(model, "bias", None),
        "proba": model.predict_proba(X),
        "history": getattr(model, "loss_history", None),
    }
