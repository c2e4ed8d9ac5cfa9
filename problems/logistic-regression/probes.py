"""Probes for logistic-regression: they call the solution and record raw outputs only."""

import numpy as np

from sandbox.harness.probing import (
    ProbeContext,
    central_difference_losses,
    probe,
    watch_floating_point,
)

FD_STEP = 1e-5
TIMING_N = 20000
TIMING_D = 8
TIMING_REPEATS = 6


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _dataset(rng, n, d, noise=True):
    """Standardized features, labels drawn from a logistic model (not separable)."""
    X = rng.standard_normal((n, d))
    true_w = rng.normal(0.0, 0.7, size=d)
    true_b = rng.normal(0.0, 0.5)
    p = _sigmoid(X @ true_w + true_b)
    y = (rng.random(n) < p).astype(np.int64)
    if y.min() == y.max():  # make sure both classes appear
        y[: n // 2] = 1 - y[0]
    return X, y


def _model(ctx, **kwargs):
    return ctx.solution.LogisticRegression(**kwargs)


def _history(model):
    """The model's loss_history as a float array, or None if absent/unreadable."""
    history = getattr(model, "loss_history", None)
    if history is None:
        return None, "missing"
    try:
        return np.asarray(history, dtype=np.float64).ravel(), type(history).__name__
    except (TypeError, ValueError):
        return None, type(history).__name__


# --- interface ------------------------------------------------------------------------


@probe(group="interface", budget_seconds=2.0)
def interface_defaults(ctx: ProbeContext):
    model = _model(ctx)
    return {
        "learning_rate": getattr(model, "learning_rate", None),
        "n_iterations": getattr(model, "n_iterations", None),
        "tol": getattr(model, "tol", None),
    }


@probe(group="interface", budget_seconds=3.0)
def interface_types(ctx: ProbeContext):
    rng = ctx.rng("interface")
    X, y = _dataset(rng, 60, 3)
    X_new = rng.standard_normal((25, 3))
    model = _model(ctx, learning_rate=0.1, n_iterations=50, tol=0.0)
    returned = model.fit(X, y)
    proba = model.predict_proba(X_new)
    labels = model.predict(X_new)
    return {
        "fit_returned_self": returned is model,
        "fit_return_type": type(returned).__name__,
        "n_new": X_new.shape[0],
        "n_features": X.shape[1],
        "proba": proba,
        "labels": labels,
        "weights": getattr(model, "weights", None),
        "bias": getattr(model, "bias", None),
    }


# --- fitting and prediction -----------------------------------------------------------


@probe(group="fit", budget_seconds=5.0, sample=True)
def fit_basic(ctx: ProbeContext):
    rng = ctx.rng("fit_basic")
    X, y = _dataset(rng, 200, 5)
    X_test = rng.standard_normal((100, 5))
    model = _model(ctx, learning_rate=0.1, n_iterations=300, tol=0.0)
    model.fit(X, y)
    return {
        "weights": model.weights,
        "bias": model.bias,
        "proba": model.predict_proba(X_test),
        "labels": model.predict(X_test),
    }


@probe(group="predict", budget_seconds=2.0)
def proba_given_weights(ctx: ProbeContext):
    rng = ctx.rng("proba_given_weights")
    d = 6
    X = rng.normal(0.0, 1.5, size=(120, d))
    model = _model(ctx)
    model.weights = rng.normal(0.0, 1.0, size=d)
    model.bias = float(rng.normal(0.0, 1.0))
    return {"proba": model.predict_proba(X), "labels": model.predict(X)}


# --- loss and gradient ----------------------------------------------------------------


@probe(group="loss", budget_seconds=2.0)
def loss_value(ctx: ProbeContext):
    rng = ctx.rng("loss_value")
    n = 80
    probs = rng.uniform(0.02, 0.98, size=n)
    y = rng.integers(0, 2, size=n)
    return {"loss": _model(ctx)._compute_loss(probs, y)}


@probe(group="gradient", budget_seconds=2.0)
def gradient_random_point(ctx: ProbeContext):
    rng = ctx.rng("gradient_random_point")
    n, d = 60, 4
    X = rng.standard_normal((n, d))
    y = rng.integers(0, 2, size=n)
    w = rng.normal(0.0, 1.0, size=d)
    b = float(rng.normal(0.0, 1.0))
    probs = _sigmoid(X @ w + b)
    dw, db = _model(ctx)._compute_gradients(X, y, probs)
    return {"dw": dw, "db": db}


@probe(group="gradient", budget_seconds=3.0)
def gradient_finite_difference(ctx: ProbeContext):
    rng = ctx.rng("gradient_finite_difference")
    n, d = 50, 5
    X = rng.standard_normal((n, d))
    y = rng.integers(0, 2, size=n)
    theta = np.append(rng.normal(0.0, 0.7, size=d), rng.normal(0.0, 0.5))
    model = _model(ctx)

    def loss_at(params):
        return model._compute_loss(_sigmoid(X @ params[:d] + params[d]), y)

    losses = central_difference_losses(loss_at, theta, FD_STEP)
    dw, db = model._compute_gradients(X, y, _sigmoid(X @ theta[:d] + theta[d]))
    analytic = np.append(np.asarray(dw, dtype=np.float64).ravel(), np.float64(db))
    return {"analytic": analytic, "step": FD_STEP, **losses}


# --- numerical stability --------------------------------------------------------------


@probe(group="stability_predict", budget_seconds=2.0)
def extreme_logits(ctx: ProbeContext):
    """predict_proba where X @ weights + bias reaches about ±1000."""
    rng = ctx.rng("extreme_logits")
    n, d = 90, 4
    w = rng.normal(0.0, 1.0, size=d)
    bias = 0.25
    sign = rng.choice([-1.0, 1.0], size=n)
    logits = sign * rng.uniform(500.0, 1000.0, size=n)
    logits[: n // 3] = rng.uniform(-8.0, 8.0, size=n // 3)  # some ordinary ones too
    noise = rng.standard_normal((n, d))
    noise -= np.outer(noise @ w, w) / (w @ w)  # orthogonal to w: does not move the logit
    X = np.outer(logits - bias, w) / (w @ w) + noise
    model = _model(ctx)
    model.weights = w
    model.bias = bias
    with watch_floating_point() as fp_log:
        proba = model.predict_proba(X)
        labels = model.predict(X)
    return {"proba": proba, "labels": labels, "fp_log": list(fp_log)}


@probe(group="stability_loss", budget_seconds=2.0, sample=True)
def loss_at_zero_and_one(ctx: ProbeContext):
    """_compute_loss on probabilities that are exactly 0.0 or 1.0."""
    rng = ctx.rng("loss_at_zero_and_one")
    n = 40
    probs = rng.integers(0, 2, size=n).astype(np.float64)
    probs[:2] = [0.0, 1.0]
    y_right = probs.astype(np.int64)
    y_mixed = y_right.copy()
    wrong = rng.choice(n, size=n // 4, replace=False)
    y_mixed[wrong] = 1 - y_mixed[wrong]
    y_wrong = 1 - y_right
    model = _model(ctx)
    with watch_floating_point() as fp_log:
        loss_right = model._compute_loss(probs, y_right)
        loss_mixed = model._compute_loss(probs, y_mixed)
        loss_wrong = model._compute_loss(probs, y_wrong)
    return {
        "loss_right": loss_right,
        "loss_mixed": loss_mixed,
        "loss_wrong": loss_wrong,
        "fraction_mixed_wrong": float(np.mean(y_mixed != y_right)),
        "fp_log": list(fp_log),
    }


@probe(group="stability_fit", budget_seconds=5.0)
def fit_large_scale_separable(ctx: ProbeContext):
    """fit on separable data whose features are in the thousands: logits explode."""
    rng = ctx.rng("fit_large_scale_separable")
    n, d = 120, 3
    X = rng.standard_normal((n, d)) * 1000.0
    direction = rng.normal(0.0, 1.0, size=d)
    y = (X @ direction > 0).astype(np.int64)
    if y.min() == y.max():
        y[0] = 1 - y[0]
    model = _model(ctx, learning_rate=0.1, n_iterations=100, tol=0.0)
    with watch_floating_point() as fp_log:
        model.fit(X, y)
        proba = model.predict_proba(X)
    history, _ = _history(model)
    return {
        "weights": model.weights,
        "bias": model.bias,
        "proba": proba,
        "loss_history": history,
        "fp_log": list(fp_log),
    }


# --- convergence ----------------------------------------------------------------------


@probe(group="convergence", budget_seconds=6.0)
def fit_default(ctx: ProbeContext):
    """Default hyperparameters on standardized data (the plotted loss curve)."""
    X, y = _dataset(ctx.rng("fit_default"), 200, 5)
    model = _model(ctx)
    model.fit(X, y)
    history, kind = _history(model)
    return {"loss_history": history, "history_type": kind, "n_iterations": 1000}


@probe(group="convergence", budget_seconds=6.0)
def fit_loose_tol(ctx: ProbeContext):
    X, y = _dataset(ctx.rng("fit_loose_tol"), 200, 5)
    model = _model(ctx, learning_rate=0.1, n_iterations=1000, tol=1e-3)
    model.fit(X, y)
    history, kind = _history(model)
    return {"loss_history": history, "history_type": kind, "n_iterations": 1000}


@probe(group="convergence", budget_seconds=6.0, sample=True)
def fit_zero_tol(ctx: ProbeContext):
    X, y = _dataset(ctx.rng("fit_zero_tol"), 200, 5)
    model = _model(ctx, learning_rate=0.1, n_iterations=150, tol=0.0)
    model.fit(X, y)
    history, kind = _history(model)
    return {"loss_history": history, "history_type": kind, "n_iterations": 150}


# --- timing (vectorization) -----------------------------------------------------------


@probe(group="timing", budget_seconds=3.0)
def gradient_timing_setup(ctx: ProbeContext):
    rng = ctx.rng("gradient_timing")
    for size in ("n", "10n"):
        n = TIMING_N if size == "n" else 10 * TIMING_N
        X = rng.standard_normal((n, TIMING_D))
        y = rng.integers(0, 2, size=n)
        probs = _sigmoid(X @ rng.normal(0.0, 0.3, size=TIMING_D) + 0.1)
        ctx.state[size] = (X, y, probs)
    model = _model(ctx)
    model._compute_gradients(*ctx.state["n"])  # warm-up, untimed
    ctx.state["model"] = model
    return {"n": TIMING_N, "repeats": TIMING_REPEATS}


def _time_gradients(ctx, size):
    model = ctx.state["model"]
    X, y, probs = ctx.state[size]
    for _ in range(TIMING_REPEATS):
        dw, db = model._compute_gradients(X, y, probs)
    return {"dw": dw, "db": db}


@probe(group="timing", budget_seconds=8.0)
def gradient_time_n(ctx: ProbeContext):
    return _time_gradients(ctx, "n")


@probe(group="timing", budget_seconds=20.0)
def gradient_time_10n(ctx: ProbeContext):
    return _time_gradients(ctx, "10n")
