"""Probes for ridge-regression: the penalised loss and its gradient, the gradient-descent
fit, and the stability of the loss and gradient at extreme magnitudes. The interface, the
closed-form fit, the history and the timing are the profile's standard probes."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, directional_losses, probe

ALPHA = 0.3  # the math probes' penalty: large enough that a wrong scaling of it shows
FD_STEP = 1e-2  # the loss is quadratic: central differences are exact at any step
TIMING_FEATURES = 3
TIMING_ITERATIONS = 5  # the timed fit (problem.yaml)
LARGE_OFFSET = 1e7
HUGE = 2.0**66  # about 7e19: squares overflow float32, not float64


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, features))
    y = X @ rng.normal(0.0, 2.0, size=features) + rng.normal(0.0, 3.0) + rng.normal(0.0, 0.5, n)
    return X, y


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    """The candidate's own loss at its fitted parameters (predictions made here, so that a
    predict() of the wrong shape is charged to code organisation only)."""
    weights = np.asarray(model.weights, dtype=float).ravel()
    bias = float(np.asarray(model.bias, dtype=float).ravel()[0])
    return model._compute_loss(X @ weights + bias, y, weights)


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    return (X, X @ rng.normal(size=TIMING_FEATURES) + rng.random(n)), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed gradient-descent fit in plain NumPy: loss, gradient and update, 5 times."""
    weights, bias, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(TIMING_ITERATIONS):
        residuals = np.einsum("ij,j->i", X, weights) + bias - y
        history.append(0.5 * float(np.mean(residuals * residuals)) + 0.05 * weights @ weights)
        weights = weights - 0.1 * (np.einsum("ij,i->j", X, residuals) / len(y) + 0.1 * weights)
        bias -= 0.1 * float(residuals.mean())
    return weights


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    return np.asarray(np.einsum("ij,j->i", X, np.ones(X.shape[1])) + 0.5)


def _model(ctx: ProbeContext, **hyperparameters: Any) -> Any:
    return ctx.solution.RidgeRegression(**{"alpha": ALPHA, **hyperparameters})


def _point(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, ...]:
    """A design, targets, and weights and bias to evaluate the loss and gradient at."""
    return rng.normal(size=(n, d)), rng.normal(0.0, 2.0, size=n), rng.normal(size=d + 1)


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    X, y, theta = _point(ctx.rng("loss_value"), 50, 4)
    return {"loss": _model(ctx)._compute_loss(X @ theta[:4] + theta[4], y, theta[:4])}


@probe(group="math")
def gradient_random_point(ctx: ProbeContext) -> dict[str, Any]:
    X, y, theta = _point(ctx.rng("gradient_random_point"), 60, 4)
    dw, db = _model(ctx)._compute_gradients(X, y, X @ theta[:4] + theta[4], theta[:4])
    return {"dw": dw, "db": db}


@probe(group="math", budget_seconds=4.0)
def gradient_finite_difference(ctx: ProbeContext) -> dict[str, Any]:
    """Slopes of the candidate's own penalised loss along random directions of (w, b),
    asked before its gradient at the point, which is compared with them."""
    rng = ctx.rng("gradient_finite_difference")
    d = 5
    X, y, theta = _point(rng, 80, d)
    model = _model(ctx)
    losses = directional_losses(
        lambda p: model._compute_loss(X @ p[:d] + p[d], y, p[:d]), theta, rng, FD_STEP
    )
    dw, db = model._compute_gradients(X, y, X @ theta[:d] + theta[d], theta[:d])
    return {"dw": dw, "db": db, **losses}


@probe(group="math", budget_seconds=4.0, sample=True)
def fit_gradient_descent(ctx: ProbeContext) -> dict[str, Any]:
    """solver="gradient_descent" with tol=0: the parameters after exactly 150 updates."""
    rng = ctx.rng("fit_gradient_descent")
    X, y = data(rng, 150, 4)
    model = _model(ctx, solver="gradient_descent", learning_rate=0.05, n_iterations=150, tol=0.0)
    model.fit(X, y)
    return {
        "weights": getattr(model, "weights", None),
        "bias": getattr(model, "bias", None),
        "predictions": model.predict(rng.normal(size=(40, 4))),
    }


@probe(group="stability")
def extreme_magnitudes(ctx: ProbeContext) -> dict[str, Any]:
    """The loss and gradient at zero weights (the penalty's scale is mathematical
    correctness's business) for the same residuals (about ±0.5) three times: near 0; with
    targets near 1e7 (where p² - 2py + y² or float32 lose them); and everything times 2**66
    (exact: the loss scales by 2**132, the gradient by 2**66; float32 squares overflow)."""
    rng = ctx.rng("extreme_magnitudes")
    X = rng.normal(size=(300, 3))
    offset = LARGE_OFFSET * (1.0 + rng.random())
    # Built far from zero, then shifted back: both subtractions are exact (Sterbenz), so
    # the residuals are bit for bit the same near 0 and near 1e7.
    far_y = offset + rng.normal(0.0, 3.0, size=300)
    far_predictions = far_y + rng.normal(0.0, 0.5, size=300)
    y, predictions = far_y - offset, far_predictions - offset
    zero, model = np.zeros(3), _model(ctx)
    observed: dict[str, Any] = {}
    for label, (p, t) in {
        "near": (predictions, y),
        "far": (far_predictions, far_y),
        "huge": (HUGE * predictions, HUGE * y),
    }.items():
        observed[f"{label}_loss"] = model._compute_loss(p, t, zero)
        observed[f"{label}_dw"], observed[f"{label}_db"] = model._compute_gradients(X, t, p, zero)
    return observed
