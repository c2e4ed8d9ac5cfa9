"""Probes for polynomial-regression: the expansion (its terms and their order), a fit of one
feature to degree 5, and stability of the fit when the inputs are shifted far from zero. The
interface, the standard fit, the timing and the rescaled inputs (scaled_copies) are the
profile's standard probes.

The stability and timing probes use one input feature, where every expansion order and the
powers-only expansion agree: a wrong expansion costs mathematical correctness only."""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

STABILITY_DEGREE = 4
OFFSET = 2.0**20
TIMING_DEGREE = 3


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """A cubic in the features, with one interaction, plus noise."""
    X = rng.normal(0.0, 1.5, size=(n, features))
    y = (
        X @ rng.normal(size=features)
        + (X**2) @ rng.normal(0.0, 0.5, size=features)
        + 0.3 * X[:, 0] ** 3
        + rng.normal() * X[:, 0] * X[:, -1]
        + rng.normal(0.0, 3.0)
        + rng.normal(0.0, 0.3, size=n)
    )
    return X, y


def timing_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, 1)) - 0.5,), {}


def yardstick(X: np.ndarray) -> np.ndarray:
    """_expand(X) of one feature to degree 3 in plain NumPy (powers, as candidates write
    them: x**3 costs more than x * x * x)."""
    return np.stack([X[:, 0], X[:, 0] ** 2, X[:, 0] ** 3], axis=1)


def predict_inputs(rng: np.random.Generator, n: int) -> tuple[tuple[np.ndarray], dict[str, Any]]:
    return (rng.random((n, 1)) - 0.5,), {}


def predict_yardstick(X: np.ndarray) -> np.ndarray:
    """predict of a degree-3 model in plain NumPy: standardise, expand, combine."""
    z = (X[:, 0] - 0.1) / 1.3
    return np.asarray(np.einsum("ij,j->i", yardstick(z[:, None]), np.ones(3)) + 0.5)


def _model(ctx: ProbeContext, degree: int) -> Any:
    return ctx.solution.PolynomialRegression(degree=degree)


@probe(group="math", sample=True)
def expansion_values(ctx: ProbeContext) -> dict[str, Any]:
    """_expand of 3 features to degree 3 and of 2 features to degree 2."""
    rng = ctx.rng("expansion_values")
    return {
        "three_cubed": _model(ctx, 3)._expand(rng.normal(size=(6, 3))),
        "two_squared": _model(ctx, 2)._expand(rng.normal(size=(5, 2))),
    }


@probe(group="math")
def fit_one_feature(ctx: ProbeContext) -> dict[str, Any]:
    """One feature, degree 5, predictions at held-out points inside the training range."""
    rng = ctx.rng("fit_one_feature")
    x = rng.uniform(-2.0, 2.0, size=(80, 1))
    y = np.sin(2.0 * x[:, 0]) + 0.5 * x[:, 0] + rng.normal(0.0, 0.1, size=80)
    model = _model(ctx, 5)
    model.fit(x, y)
    return {"predictions": model.predict(rng.uniform(-2.0, 2.0, size=(30, 1)))}


def one_feature(rng: np.random.Generator, n: int, _features: int = 1) -> tuple[np.ndarray, ...]:
    """A cubic of one feature plus noise (the stability data, scaled_copies's hook too)."""
    x = rng.normal(0.0, 2.0, size=(n, 1))
    return x, 0.4 * x[:, 0] ** 3 - x[:, 0] ** 2 + 2.0 * x[:, 0] + rng.normal(0.0, 0.5, size=n)


def _predictions(ctx: ProbeContext, x: np.ndarray, y: np.ndarray, x_test: np.ndarray) -> Any:
    model = _model(ctx, STABILITY_DEGREE)
    model.fit(x, y)
    return model.predict(x_test)


@probe(group="shift", sample=True)
def shifted_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """One feature, degree 4, then the same inputs shifted by about 1e6 (bit for bit the
    same spread): a polynomial shifted is a polynomial of the same degree, so the
    predictions are the same."""
    rng = ctx.rng("shifted_inputs")
    x, y = one_feature(rng, 100)
    x_test = rng.uniform(-3.0, 3.0, size=(30, 1))
    offset = OFFSET * (1.0 + ctx.rng("shifted_inputs_offset").random())
    # Built far from zero, then shifted back: both subtractions are exact (Sterbenz).
    far, far_test = x + offset, x_test + offset
    return {
        "benign": _predictions(ctx, far - offset, y, far_test - offset),
        "far": _predictions(ctx, far, y, far_test),
    }
