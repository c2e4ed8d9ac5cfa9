"""Hooks of the layer profile for activation-functions (trusted; run in the harness),
and the package's one probe: leaky_relu's default alpha.

Each operation's backward is ``upstream * derivative(x)``, so the derivative is checked
against finite differences of the candidate's own activation; the raw derivative is
recorded too, so that its own shape and dtype are checked.
"""

from typing import Any

import numpy as np

from sandbox.harness.layer_profile import ExtremeCase
from sandbox.harness.probing import ProbeContext, probe

COLUMNS = 8
ALPHA = 0.1  # not the default: a hard-coded 0.01 shows
SATURATED = (40.0, 60.0)  # sigmoid and tanh are 0 or ±1 here to within 1e-17
AMPLIFY = 16.0  # ... and at 16 times that (640 to 960), exp(|x|) overflows float64


def activation_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Values at least 0.1 away from the kink at 0 (finite differences step 1e-4)."""
    signs = rng.choice([-1.0, 1.0], size=(n, COLUMNS))
    return {
        "x": signs * rng.uniform(0.1, 3.0, size=(n, COLUMNS)),
        "upstream": rng.uniform(-1.0, 1.0, size=(n, COLUMNS)),
    }


def _backward(derivative: Any, upstream: np.ndarray) -> dict[str, Any]:
    """The gradient of sum(upstream * f(x)), and the derivative as the candidate gave it."""
    values = np.asarray(derivative, dtype=np.float64).reshape(np.shape(upstream))
    return {"x": upstream * values, "derivative": derivative}


def relu_forward(solution: Any, x: np.ndarray) -> Any:
    return solution.relu(x)


def relu_backward(solution: Any, upstream: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    return _backward(solution.relu_derivative(x), upstream)


def leaky_relu_forward(solution: Any, x: np.ndarray) -> Any:
    return solution.leaky_relu(x, alpha=ALPHA)


def leaky_relu_backward(solution: Any, upstream: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    return _backward(solution.leaky_relu_derivative(x, alpha=ALPHA), upstream)


def sigmoid_forward(solution: Any, x: np.ndarray) -> Any:
    return solution.sigmoid(x)


def sigmoid_backward(solution: Any, upstream: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    return _backward(solution.sigmoid_derivative(x), upstream)


def tanh_forward(solution: Any, x: np.ndarray) -> Any:
    return solution.tanh(x)


def tanh_backward(solution: Any, upstream: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    return _backward(solution.tanh_derivative(x), upstream)


def _saturated(rng: np.random.Generator) -> list[ExtremeCase]:
    """Saturated inputs, and the same inputs times 16 (exact): the activation and its
    derivative are the same (0, 1 or -1 to within 1e-17) at both, but exp(|x|) overflows
    at the second."""
    shape = (8, COLUMNS)
    x = rng.choice([-1.0, 1.0], size=shape) * rng.uniform(*SATURATED, size=shape)
    upstream = rng.uniform(-1.0, 1.0, size=shape)
    return [
        ExtremeCase(
            "inputs of size 640 to 960",
            {"x": AMPLIFY * x, "upstream": upstream},
            {"x": x, "upstream": upstream},
            gradient_scale=1.0,
        )
    ]


sigmoid_extreme = tanh_extreme = _saturated


@probe(group="defaults", sample=True)
def leaky_relu_default_alpha(ctx: ProbeContext) -> dict[str, Any]:
    """leaky_relu and its derivative without alpha, and with alpha=0.01 given."""
    x = activation_inputs(ctx.rng("leaky_relu_default_alpha"), 6)["x"]
    solution = ctx.solution
    return {
        "forward": solution.leaky_relu(x),
        "forward_0.01": solution.leaky_relu(x, alpha=0.01),
        "derivative": solution.leaky_relu_derivative(x),
        "derivative_0.01": solution.leaky_relu_derivative(x, alpha=0.01),
    }


def relu_yardstick(x: np.ndarray) -> np.ndarray:
    return np.asarray(np.maximum(x, 0.0))


def leaky_relu_derivative_yardstick(x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    return np.where(x > 0, 1.0, ALPHA)


def sigmoid_yardstick(x: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)))


def sigmoid_derivative_yardstick(x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    s = sigmoid_yardstick(x)
    return s * (1.0 - s)


def tanh_yardstick(x: np.ndarray) -> np.ndarray:
    """Through an exponential, as a from-scratch tanh would be (np.tanh is much faster than
    any formula a candidate writes, and the formula is fine)."""
    return np.asarray(1.0 - 2.0 / (np.exp(2.0 * x) + 1.0))
