import math

import numpy as np


def relu(x: np.ndarray) -> np.ndarray:
    """max(0, x), elementwise."""
    return np.maximum(x, 0.0)


def relu_derivative(x: np.ndarray) -> np.ndarray:
    """1.0 where x > 0, else 0.0 (0.0 at x = 0)."""
    return (x > 0).astype(np.float64)


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """x where x > 0, else alpha * x."""
    return np.where(x > 0, x, alpha * x)


def leaky_relu_derivative(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """1.0 where x > 0, else alpha."""
    return np.where(x > 0, 1.0, alpha)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-x)), without overflow for any x."""
    z = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def sigmoid_derivative(x: np.ndarray) -> np.ndarray:
    """sigmoid(x) * (1 - sigmoid(x))."""
    out = np.empty(np.shape(x))
    for index, value in np.ndenumerate(x):
        s = (
            1.0 / (1.0 + math.exp(-value))
            if value >= 0
            else math.exp(value) / (1.0 + math.exp(value))
        )
        out[index] = s * (1.0 - s)
    return out


def tanh(x: np.ndarray) -> np.ndarray:
    """The hyperbolic tangent, elementwise."""
    return np.tanh(x)


def tanh_derivative(x: np.ndarray) -> np.ndarray:
    """1 - tanh(x)**2."""
    t = np.tanh(x)
    return 1.0 - t * t
