"""Probes for gradient-check. A callable cannot cross into the candidate's process, so the
losses are the statement's classes (QuadraticLoss, SoftmaxLoss), built in the candidate's
process from arrays drawn here; the checker is called with those objects.

numerical_gradient on each loss is an operation of the layer profile (problem.yaml): the
hooks below give its inputs, its call, and the integer theta whose gradient must be the
candidate's own at the same theta as floats. The probes cover the step, relative_error,
check() and the defaults."""

from typing import Any

import numpy as np

from sandbox.harness.layer_profile import ExtremeCase
from sandbox.harness.probing import ProbeContext, probe

EPSILON, TOLERANCE = 1e-5, 1e-6
WIDE_STEP = 1e-2  # a step where central differences of the softmax loss are visibly inexact


def quadratic(rng: np.random.Generator, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A (non-symmetric) A with curvature of a few units: forward differences are off by
    epsilon / 2 * A_ii there, central ones are exact."""
    A = rng.normal(size=(d, d)) + d * np.eye(d)
    return A, rng.normal(size=d), rng.normal(size=d)


def softmax_problem(rng: np.random.Generator, n: int) -> tuple[np.ndarray, ...]:
    X = rng.normal(size=(n, 4))
    y = rng.integers(0, 3, size=n)
    return X, y, rng.normal(0.0, 0.5, size=(4, 3))


def _checker(solution: Any, **settings: float) -> Any:
    return solution.GradientChecker(**{"epsilon": EPSILON, "tolerance": TOLERANCE, **settings})


def quadratic_gradient_inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    A, b, theta = quadratic(rng, n)
    return {"A": A, "b": b, "theta": theta}


def quadratic_gradient_forward(solution: Any, A: np.ndarray, b: np.ndarray, theta: Any) -> Any:
    return _checker(solution).numerical_gradient(solution.QuadraticLoss(A, b), theta)


def integer_theta(rng: np.random.Generator) -> list[ExtremeCase]:
    """The same point as integers and as floats: theta + epsilon must not be truncated."""
    A, b, _ = quadratic(rng, 5)
    point = rng.integers(-3, 4, size=5)
    return [
        ExtremeCase(
            "an integer theta (your value at the same theta as floats: theta + epsilon must "
            "not be truncated to an integer)",
            {"A": A, "b": b, "theta": point},
            {"A": A, "b": b, "theta": point.astype(np.float64)},
        )
    ]


def softmax_gradient_inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    """A (4, 3) parameter matrix: the gradient keeps its shape."""
    X, y, theta = softmax_problem(rng, n)
    return {"X": X, "y": y, "theta": theta}


def softmax_gradient_forward(solution: Any, X: np.ndarray, y: np.ndarray, theta: Any) -> Any:
    return _checker(solution).numerical_gradient(solution.SoftmaxLoss(X, y), theta)


@probe(group="math")
def wide_step(ctx: ProbeContext) -> dict[str, Any]:
    """epsilon=1e-2 on the softmax loss: the estimate must be the central difference with
    that step (compared with the reference's), so the step really is self.epsilon."""
    X, y, theta = softmax_problem(ctx.rng("wide_step"), 40)
    loss = ctx.solution.SoftmaxLoss(X, y)
    return {"gradient": _checker(ctx.solution, epsilon=WIDE_STEP).numerical_gradient(loss, theta)}


@probe(group="math", sample=True)
def relative_errors(ctx: ProbeContext) -> dict[str, Any]:
    """relative_error of vector pairs and of a matrix pair (2-norms over all entries)."""
    rng = ctx.rng("relative_errors")
    checker = _checker(ctx.solution)
    pairs = [(rng.normal(size=5), rng.normal(size=5)) for _ in range(3)]
    a = rng.normal(size=(4, 3))
    pairs += [(a, a + rng.normal(0.0, 1e-3, size=(4, 3))), (a, -a)]
    return {f"error_{i}": checker.relative_error(x, z) for i, (x, z) in enumerate(pairs)}


@probe(group="math", budget_seconds=3.0)
def check_verdicts(ctx: ProbeContext) -> dict[str, Any]:
    """check() with the true gradient, with it 0.1 % too large, and with one coordinate's
    sign flipped: the first passes, the others do not."""
    rng = ctx.rng("check_verdicts")
    A, b, theta = quadratic(rng, 5)
    true = 0.5 * (A + A.T) @ theta + b
    flipped = true.copy()
    flipped[int(rng.integers(5))] *= -1.0
    loss, checker = ctx.solution.QuadraticLoss(A, b), _checker(ctx.solution)
    return {
        label: checker.check(loss, theta, analytic)
        for label, analytic in (("true", true), ("scaled", 1.001 * true), ("flipped", flipped))
    }


@probe(group="stability", sample=True)
def zero_gradient(ctx: ProbeContext) -> dict[str, Any]:
    """At the minimum of a quadratic without linear term (theta = 0) the true and the
    numerical gradient are both exactly 0: the relative error is 0/0 without a guard."""
    A, _, theta = quadratic(ctx.rng("zero_gradient"), 4)
    loss, checker = ctx.solution.QuadraticLoss(A, np.zeros(4)), _checker(ctx.solution)
    true = 0.5 * (A + A.T) @ theta
    return {
        "zero": checker.check(loss, np.zeros(4), np.zeros(4)),
        "numerical_at_zero": checker.numerical_gradient(loss, np.zeros(4)),
        "zero_error": checker.relative_error(np.zeros(4), np.zeros(4)),
        "benign_error": checker.relative_error(true, 1.5 * true),
    }


@probe(group="interface", sample=True)
def defaults(ctx: ProbeContext) -> dict[str, Any]:
    checker = ctx.solution.GradientChecker()
    return {key: getattr(checker, key, None) for key in ("epsilon", "tolerance")}
