"""Probes for linear-regression-gd: the loss, the gradient and their stability.

The interface, the fit, the history and the timing are the profile's standard probes;
the hooks below tell them how to make data and what the candidate's own loss is.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, directional_losses, probe

FD_STEP = 1e-2  # the loss is quadratic: central differences are exact at any step
TIMING_FEATURES = 3
LARGE_OFFSET = 1e7
HUGE = 2.0**66


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, features))
    y = X @ rng.normal(0.0, 2.0, size=features) + rng.normal(0.0, 3.0) + rng.normal(0.0, 0.5, n)
    return X, y


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    """The candidate's own loss at its fitted parameters (predictions made here, so that a
    predict() of the wrong shape is charged to code organisation only)."""
    weights = np.asarray(model.weights, dtype=float).ravel()
    bias = float(np.asarray(model.bias, dtype=float).ravel()[0])
    return model._compute_loss(X @ weights + bias, y)


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    y = rng.random(n)
    return (X, y, X @ rng.normal(size=TIMING_FEATURES) + rng.normal()), {}


def yardstick(X: np.ndarray, y: np.ndarray, predictions: np.ndarray) -> tuple[np.ndarray, float]:
    residuals = predictions - y
    return np.einsum("ij,i->j", X, residuals) / X.shape[0], float(residuals.mean())


def fit_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5
    return (X, X @ rng.normal(size=TIMING_FEATURES) + rng.random(n)), {}


def fit_yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed fit in plain NumPy: predictions, loss, gradient, update, 5 times."""
    weights, bias, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(5):
        residuals = np.einsum("ij,j->i", X, weights) + bias - y
        history.append(0.5 * float(np.mean(residuals * residuals)))
        weights = weights - 0.1 * np.einsum("ij,i->j", X, residuals) / len(y)
        bias -= 0.1 * float(residuals.mean())
    return weights


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    return np.asarray(np.einsum("ij,j->i", X, np.ones(X.shape[1])) + 0.5)


def _model(ctx: ProbeContext) -> Any:
    return ctx.solution.LinearRegression()


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("loss_value")
    y = rng.normal(0.0, 3.0, size=50)
    return {"loss": _model(ctx)._compute_loss(y + rng.normal(0.0, 1.5, size=50), y)}


@probe(group="math")
def gradient_random_point(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("gradient_random_point")
    X = rng.normal(size=(60, 4))
    y = rng.normal(0.0, 2.0, size=60)
    predictions = X @ rng.normal(size=4) + rng.normal()
    dw, db = _model(ctx)._compute_gradients(X, y, predictions)
    return {"dw": dw, "db": db}


@probe(group="math", budget_seconds=4.0)
def gradient_finite_difference(ctx: ProbeContext) -> dict[str, Any]:
    """Slopes of the candidate's own loss along random directions of (w, b), asked before
    its gradient at the point, which is compared with them."""
    rng = ctx.rng("gradient_finite_difference")
    n, d = 80, 5
    X = rng.normal(size=(n, d))
    y = rng.normal(0.0, 2.0, size=n)
    theta = rng.normal(size=d + 1)
    model = _model(ctx)
    losses = directional_losses(
        lambda p: model._compute_loss(X @ p[:d] + p[d], y), theta, rng, FD_STEP
    )
    dw, db = model._compute_gradients(X, y, X @ theta[:d] + theta[d])
    return {"dw": dw, "db": db, **losses}


@probe(group="stability")
def far_from_zero(ctx: ProbeContext) -> dict[str, Any]:
    """The same residuals twice: around 0, and around 1e7 (where p² - 2py + y² or float32
    lose them). A stable loss and gradient give the same values both times."""
    rng = ctx.rng("far_from_zero")
    X = rng.normal(size=(300, 3))
    offset = LARGE_OFFSET * (1.0 + rng.random())
    # Built far from zero, then shifted back: both subtractions are exact (Sterbenz), so
    # the residuals p - y are bit for bit the same near 0 and near 1e7.
    far_y = offset + rng.normal(0.0, 3.0, size=300)
    far_predictions = far_y + rng.normal(0.0, 1e-3, size=300)
    y, predictions = far_y - offset, far_predictions - offset
    model = _model(ctx)
    dw, db = model._compute_gradients(X, y, predictions)
    far_dw, far_db = model._compute_gradients(X, far_y, far_predictions)
    return {
        "loss": model._compute_loss(predictions, y),
        "far_loss": model._compute_loss(far_predictions, far_y),
        "dw": dw,
        "db": db,
        "far_dw": far_dw,
        "far_db": far_db,
    }


@probe(group="stability")
def huge_targets(ctx: ProbeContext) -> dict[str, Any]:
    """The same problem twice: near 1, and scaled by 2**66 (about 7e19: representable in
    float64, overflowing in float32). Scaling by a power of two is exact, so a stable loss
    scales by exactly 2**132 and the gradient by 2**66."""
    rng = ctx.rng("huge_targets")
    X = rng.normal(size=(100, 3))
    y = rng.normal(size=100)
    predictions = y + rng.normal(size=100)
    model = _model(ctx)
    dw, db = model._compute_gradients(X, y, predictions)
    huge_dw, huge_db = model._compute_gradients(X, HUGE * y, HUGE * predictions)
    return {
        "loss": model._compute_loss(predictions, y),
        "huge_loss": model._compute_loss(HUGE * predictions, HUGE * y),
        "dw": dw,
        "db": db,
        "huge_dw": huge_dw,
        "huge_db": huge_db,
    }


@probe(group="stability", budget_seconds=5.0)
def large_features(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("large_features")
    n, d = 150, 3
    X = rng.uniform(1e3, 1e4, size=(n, d)) * rng.choice([-1.0, 1.0], size=d)
    y = X @ rng.normal(0.0, 50.0, size=d) + 2e5 + rng.normal(0.0, 1e3, size=n)
    model = ctx.solution.LinearRegression(learning_rate=1e-9, n_iterations=200, tol=0.0)
    model.fit(X, y)
    return {
        "weights": getattr(model, "weights", None),
        "bias": getattr(model, "bias", None),
        "predictions": model.predict(X[:40]),
    }
