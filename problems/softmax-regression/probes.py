"""Probes for softmax-regression: softmax, the loss and the gradient, predictions with given
parameters, and stability at extreme logits. The interface, the fit, the history and the
timing are the profile's standard probes, fed by the hooks below."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, directional_losses, probe

CLASSES = 3  # every data set and probe here has three classes (problem.yaml's shapes)
FD_STEP = 1e-4  # central differences: truncation ~1e-8 relative, rounding ~1e-12
TIMING_FEATURES = 4
TIMING_ITERATIONS = 5  # the timed fit (problem.yaml): learning_rate 0.1, tol 0
GRID = 2.0**-20  # logits on this grid plus whole numbers below 2**12 are exact sums
BENIGN_SCALE, EXTREME_SCALE = 40.0, 1000.0  # logit gaps >= 1 times these (problem.yaml too)


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def one_hot(y: np.ndarray, classes: int = CLASSES) -> np.ndarray:
    return np.asarray(np.eye(classes)[y])


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardized features, labels drawn from a softmax model (not separable)."""
    X = rng.normal(size=(n, features))
    logits = X @ rng.normal(0.0, 1.0, (features, CLASSES)) + rng.normal(0.0, 0.5, CLASSES)
    cumulative = softmax(logits).cumsum(axis=1)
    y = (rng.random((n, 1)) > cumulative).sum(axis=1)
    y[:CLASSES] = np.arange(CLASSES)  # every class, always
    return X, np.minimum(y, CLASSES - 1).astype(np.int64)


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    """The candidate's own loss at its fitted parameters (a (K, 1) bias or a predict_proba()
    of the wrong shape is code organisation's business only)."""
    weights = np.asarray(model.weights, dtype=float).reshape(X.shape[1], CLASSES)
    bias = np.asarray(model.bias, dtype=float).reshape(CLASSES)
    return model._compute_loss(X @ weights + bias, one_hot(y))


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_FEATURES)) - 0.5  # uniform: cheaper to draw than normal
    scores = X @ rng.normal(size=(TIMING_FEATURES, CLASSES)) + 0.3 * rng.random((n, CLASSES))
    y = scores.argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)
    return (X, y), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed fit in plain NumPy: logits, softmax, loss, gradient and update."""
    Y = one_hot(y)
    weights, bias, history = np.zeros((X.shape[1], CLASSES)), np.zeros(CLASSES), []
    for _ in range(TIMING_ITERATIONS):
        logits = X @ weights + bias
        m = logits.max(axis=1, keepdims=True)
        e = np.exp(logits - m)
        total = e.sum(axis=1, keepdims=True)
        history.append(float(np.mean(np.sum(Y * (m + np.log(total) - logits), axis=1))))
        error = e / total - Y
        weights = weights - 0.1 * (X.T @ error) / X.shape[0]
        bias = bias - 0.1 * error.mean(axis=0)
    return weights


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, TIMING_FEATURES)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    """predict_proba in plain NumPy (weights of ones: the work, not the values, matters)."""
    return softmax(np.einsum("ij,jk->ik", X, np.ones((X.shape[1], CLASSES))) + 0.1)


def _model(ctx: ProbeContext, **hyperparameters: Any) -> Any:
    return ctx.solution.SoftmaxRegression(**hyperparameters)


def _labels(rng: np.random.Generator, n: int) -> np.ndarray:
    y = rng.integers(0, CLASSES, size=n)
    y[:CLASSES] = np.arange(CLASSES)
    return y


@probe(group="math", sample=True)
def softmax_values(ctx: ProbeContext) -> dict[str, Any]:
    logits = ctx.rng("softmax_values").normal(0.0, 2.0, size=(50, 4))
    return {"probs": _model(ctx)._softmax(logits)}


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("loss_value")
    logits = rng.normal(0.0, 1.0, size=(80, CLASSES))
    return {"loss": _model(ctx)._compute_loss(logits, one_hot(_labels(rng, 80)))}


@probe(group="math")
def gradient_random_point(ctx: ProbeContext) -> dict[str, Any]:
    rng = ctx.rng("gradient_random_point")
    X, Y = rng.normal(size=(60, 4)), one_hot(_labels(rng, 60))
    probs = softmax(X @ rng.normal(size=(4, CLASSES)) + rng.normal(size=CLASSES))
    dW, db = _model(ctx)._compute_gradients(X, Y, probs)
    return {"dW": dW, "db": db}


@probe(group="math", budget_seconds=4.0)
def gradient_finite_difference(ctx: ProbeContext) -> dict[str, Any]:
    """Slopes of the candidate's own loss along random directions of (W, b), then its
    gradient at the point. Logits stay moderate."""
    rng, d = ctx.rng("gradient_finite_difference"), 4
    X, Y = rng.normal(size=(80, d)), one_hot(_labels(rng, 80))
    theta = rng.normal(0.0, 0.5, size=(d + 1) * CLASSES)
    model = _model(ctx)

    def logits(p: np.ndarray) -> np.ndarray:
        return np.asarray(X @ p[: d * CLASSES].reshape(d, CLASSES) + p[d * CLASSES :])

    losses = directional_losses(lambda p: model._compute_loss(logits(p), Y), theta, rng, FD_STEP)
    dW, db = model._compute_gradients(X, Y, softmax(logits(theta)))
    return {"dW": dW, "db": db, **losses}


@probe(group="math")
def predict_given_parameters(ctx: ProbeContext) -> dict[str, Any]:
    """predict_proba and predict with weights and bias set directly (no fit)."""
    rng, model = ctx.rng("predict_given_parameters"), _model(ctx)
    model.weights, model.bias = rng.normal(size=(6, CLASSES)), rng.normal(size=CLASSES)
    X = rng.normal(0.0, 1.5, size=(120, 6))
    return {"proba": model.predict_proba(X), "labels": model.predict(X)}


@probe(group="stability", sample=True)
def shifted_logits(ctx: ProbeContext) -> dict[str, Any]:
    """softmax and the loss of the same logits twice: as drawn, and with every row shifted
    by ±(500…1000). Both are exact sums (a grid of 2**-20), so a softmax and a loss that
    are invariant to the shift, as the mathematics is, give the same values bit for bit."""
    rng, n, model = ctx.rng("shifted_logits"), 60, _model(ctx)
    logits = np.round(rng.normal(0.0, 2.0, size=(n, 4)) / GRID) * GRID
    shift = rng.choice([-1.0, 1.0], size=(n, 1)) * rng.integers(500, 1001, size=(n, 1))
    Y = one_hot(rng.integers(0, 4, size=n), 4)
    return {
        "probs": model._softmax(logits),
        "shifted_probs": model._softmax(logits + shift),
        "loss": model._compute_loss(logits, Y),
        "shifted_loss": model._compute_loss(logits + shift, Y),
    }


def _gapped_logits(rng: np.random.Generator, n: int) -> np.ndarray:
    """Rows of three distinct whole numbers in -4…4: every gap between logits is >= 1."""
    return np.argsort(rng.random((n, 9)), axis=1)[:, :CLASSES] - 4.0


@probe(group="stability")
def saturated_predictions(ctx: ProbeContext) -> dict[str, Any]:
    """predict_proba and predict with weights = I and bias = 0 (so the logits are the rows
    of X), at logit gaps >= 1000 and at the same gaps scaled to >= 40, where every
    probability is already 0 or 1 to within 1e-17."""
    rng, model = ctx.rng("saturated_predictions"), _model(ctx)
    model.weights, model.bias = np.eye(CLASSES), np.zeros(CLASSES)
    gaps = _gapped_logits(rng, 90)
    observed = {}
    for label, scale in (("extreme", EXTREME_SCALE), ("moderate", BENIGN_SCALE)):
        observed[f"{label}_proba"] = model.predict_proba(scale * gaps)
        observed[f"{label}_labels"] = model.predict(scale * gaps)
    return observed


@probe(group="stability")
def confidently_wrong_loss(ctx: ProbeContext) -> dict[str, Any]:
    """The loss of the same gapped logits scaled by 40 and by 1000, labels mostly wrong: a
    loss computed in log space grows with the scale (a wrong prediction by a gap g costs
    g), one computed as log(softmax + ε) stops at -log ε."""
    rng = ctx.rng("confidently_wrong_loss")
    gaps, Y = _gapped_logits(rng, 70), one_hot(_labels(rng, 70))
    model = _model(ctx)
    return {
        "benign": model._compute_loss(BENIGN_SCALE * gaps, Y),
        "extreme": model._compute_loss(EXTREME_SCALE * gaps, Y),
    }


@probe(group="stability", budget_seconds=5.0)
def separable_large_features(ctx: ProbeContext) -> dict[str, Any]:
    """fit on separable data with features near ±1000: logits in the thousands."""
    rng = ctx.rng("separable_large_features")
    X = rng.normal(size=(120, 3)) * 1000.0
    y = (X @ rng.normal(size=(3, CLASSES))).argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)
    model = _model(ctx, learning_rate=0.1, n_iterations=60, tol=0.0)
    model.fit(X, y)
    return {
        "weights": getattr(model, "weights", None),
        "bias": getattr(model, "bias", None),
        "proba": model.predict_proba(X),
        "history": getattr(model, "loss_history", None),
    }
