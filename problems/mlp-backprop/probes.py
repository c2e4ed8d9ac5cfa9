"""Probes for mlp-backprop: the loss, backprop (against the reference and against finite
differences of the candidate's own loss), the forward pass, and softmax stability.

Parameters are set on the model directly (W1, b1, W2, b2) before a loss or gradient call,
so that these probes do not depend on the initialisation. The interface, the fit, the
history and the timing are the profile's standard probes; the hooks below feed them.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, directional_losses, probe

CLASSES = 3
FD_STEP = 1e-4  # the loss is smooth away from ReLU kinks, and no kink is within reach
SHIFT = 1024.0  # added to every logit: softmax is unchanged, exp(1024) overflows
MARGINS = (50.0, 150.0, 1050.0)  # a wrong class's lead: e^-1050 underflows to 0
TIMING_WIDTH, TIMING_HIDDEN, TIMING_ITERATIONS = 4, 8, 3
NAMES = ("W1", "b1", "W2", "b2")
SUBSPACE = 8  # directions of the gradient check


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardised features; labels from a noisy linear teacher, every class present."""
    X = rng.normal(size=(n, features))
    y = (X @ rng.normal(size=(features, CLASSES)) + rng.normal(0.0, 0.5, (n, CLASSES))).argmax(1)
    y[:CLASSES] = np.arange(CLASSES)
    return X, y.astype(np.int64)


def loss(model: Any, X: np.ndarray, y: np.ndarray) -> Any:
    return model._compute_loss(X, y)


def random_parameters(rng: np.random.Generator, d: int, h: int, k: int) -> list[np.ndarray]:
    """Moderate logits: no probability anywhere near what a clipped log would change."""
    return [
        rng.normal(0.0, 0.4, (d, h)),
        rng.normal(0.0, 0.5, h),
        rng.normal(0.0, 0.4, (h, k)),
        rng.normal(0.0, 0.5, k),
    ]


def forward_yardstick(
    X: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0.0)
    Z2 = H @ W2 + b2
    e = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    return Z1, H, e / e.sum(axis=1, keepdims=True)


def timing_inputs(
    rng: np.random.Generator, n: int
) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    X = rng.random((n, TIMING_WIDTH)) - 0.5  # uniform: cheaper to draw than normal
    y = (X @ rng.normal(size=(TIMING_WIDTH, CLASSES))).argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)
    return (X, y.astype(np.int64)), {}


def yardstick(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The timed fit in plain NumPy: forward, loss, backward and update per iteration."""
    rng = np.random.default_rng(0)
    W1 = rng.normal(0.0, np.sqrt(2.0 / X.shape[1]), size=(X.shape[1], TIMING_HIDDEN))
    W2 = rng.normal(0.0, np.sqrt(2.0 / TIMING_HIDDEN), size=(TIMING_HIDDEN, CLASSES))
    b1, b2, n, rows = np.zeros(TIMING_HIDDEN), np.zeros(CLASSES), len(y), np.arange(len(y))
    for _ in range(TIMING_ITERATIONS):
        Z1, H, P = forward_yardstick(X, W1, b1, W2, b2)
        float(-np.log(P[rows, y]).mean())
        P[rows, y] -= 1.0
        dZ2 = P / n
        dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
        W2, b2 = W2 - 0.01 * (H.T @ dZ2), b2 - 0.01 * dZ2.sum(axis=0)
        W1, b1 = W1 - 0.01 * (X.T @ dZ1), b1 - 0.01 * dZ1.sum(axis=0)
    return W1


def proba_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    parameters = random_parameters(rng, TIMING_WIDTH, TIMING_HIDDEN, CLASSES)
    return (rng.random((n, TIMING_WIDTH)) - 0.5,), dict(zip(NAMES, parameters, strict=True))


def proba_yardstick(X: np.ndarray, **parameters: np.ndarray) -> np.ndarray:
    return forward_yardstick(X, *(parameters[name] for name in NAMES))[2]


def _model(ctx: ProbeContext, parameters: list[np.ndarray]) -> Any:
    model = ctx.solution.MLPClassifier(n_hidden=parameters[1].size)
    _set(model, parameters)
    return model


def _set(model: Any, parameters: list[np.ndarray]) -> None:
    for name, value in zip(NAMES, parameters, strict=True):
        setattr(model, name, value)


def _problem(rng: np.random.Generator, n: int, d: int, h: int) -> tuple[np.ndarray, ...]:
    X, y = rng.normal(size=(n, d)), rng.integers(0, CLASSES, size=n)
    y[:CLASSES] = np.arange(CLASSES)  # every class present
    return X, y, *random_parameters(rng, d, h, CLASSES)


@probe(group="math", sample=True)
def loss_value(ctx: ProbeContext) -> dict[str, Any]:
    X, y, *parameters = _problem(ctx.rng("loss_value"), 50, 4, 6)
    return {"loss": _model(ctx, parameters)._compute_loss(X, y)}


@probe(group="math", sample=True)
def gradient_random_point(ctx: ProbeContext) -> dict[str, Any]:
    X, y, *parameters = _problem(ctx.rng("gradient_random_point"), 60, 4, 6)
    return dict(zip(NAMES, _model(ctx, parameters)._compute_gradients(X, y), strict=True))


@probe(group="math", budget_seconds=4.0)
def gradient_finite_difference(ctx: ProbeContext) -> dict[str, Any]:
    """Slopes of the candidate's own loss along random directions of a random 8-d subspace
    of all 43 parameters (orthonormal basis: 16 losses instead of 86, each a few calls),
    then its gradient. b1 is redrawn until no hidden pre-activation is within reach of a
    step, so the ReLU kinks never fall between the two evaluations."""
    rng = ctx.rng("gradient_finite_difference")
    X, y, W1, b1, W2, b2 = _problem(rng, 30, 4, 5)
    reach = 4.0 * FD_STEP * np.sqrt(1.0 + (X**2).sum(axis=1).max())
    while np.abs(X @ W1 + b1).min() <= reach:
        b1 = rng.normal(0.0, 0.5, b1.size)
    shapes = [p.shape for p in (W1, b1, W2, b2)]
    bounds = np.cumsum([int(np.prod(s)) for s in shapes])[:-1]
    point = np.concatenate([p.ravel() for p in (W1, b1, W2, b2)])
    basis = np.linalg.qr(rng.normal(size=(point.size, SUBSPACE)))[0]
    model = _model(ctx, [W1, b1, W2, b2])

    def loss_at(t: np.ndarray) -> Any:
        flat = point + basis @ t
        _set(model, [p.reshape(s) for p, s in zip(np.split(flat, bounds), shapes, strict=True)])
        return model._compute_loss(X, y)

    losses = directional_losses(loss_at, np.zeros(SUBSPACE), rng, FD_STEP)
    _set(model, [W1, b1, W2, b2])
    gradients = dict(zip(NAMES, model._compute_gradients(X, y), strict=True))
    return {**gradients, **losses, "basis": basis}


@probe(group="math", sample=True)
def forward_given_parameters(ctx: ProbeContext) -> dict[str, Any]:
    X, _, *parameters = _problem(ctx.rng("forward_given_parameters"), 80, 5, 7)
    model = _model(ctx, parameters)
    return {"proba": model.predict_proba(X), "labels": model.predict(X)}


@probe(group="stability", sample=True)
def shifted_logits(ctx: ProbeContext) -> dict[str, Any]:
    """The same network three times: as drawn, and with SHIFT added to (subtracted from)
    every output bias. Every logit moves by the same amount: softmax, loss and gradients
    are unchanged, but exp(±1024) overflows (underflows) unless the maximum is taken off."""
    X, y, W1, b1, W2, b2 = _problem(ctx.rng("shifted_logits"), 40, 4, 6)
    model = _model(ctx, [W1, b1, W2, b2])
    observed: dict[str, Any] = {}
    for label, shift in (("plain", 0.0), ("up", SHIFT), ("down", -SHIFT)):
        model.b2 = b2 + shift
        observed[f"{label}_loss"] = model._compute_loss(X, y)
        observed[f"{label}_proba"] = model.predict_proba(X)
        for name, value in zip(NAMES, model._compute_gradients(X, y), strict=True):
            observed[f"{label}_{name}"] = value
    return observed


@probe(group="stability")
def huge_margin(ctx: ProbeContext) -> dict[str, Any]:
    """Class 1's bias leads by MARGINS: once the lead is past saturation, each extra unit
    of lead adds exactly one unit to the loss of every sample not labelled 1, so the loss
    grows linearly. At 1050, e^-1050 is 0 in float64: log(softmax) gives log(0)."""
    X, y, W1, b1, W2, b2 = _problem(ctx.rng("huge_margin"), 40, 4, 6)
    W2 = 0.1 * W2  # the hidden layer moves the logits by O(1): the bias decides
    model = _model(ctx, [W1, b1, W2, b2])
    observed: dict[str, Any] = {}
    for margin in MARGINS:
        model.b2 = b2 + np.array([0.0, margin, 0.0])
        observed[f"loss_{margin:g}"] = model._compute_loss(X, y)
        if margin != MARGINS[1]:
            for name, value in zip(NAMES, model._compute_gradients(X, y), strict=True):
                observed[f"{name}_{margin:g}"] = value
    return observed
