import numpy as np


def relu(x: np.ndarray) -> np.ndarray:
    """max(0, x), elementwise."""
    raise NotImplementedError


def relu_derivative(x: np.ndarray) -> np.ndarray:
    """1.0 where x > 0, else 0.0 (0.0 at x = 0)."""
    raise NotImplementedError


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """x where x > 0, else alpha * x."""
    raise NotImplementedError


def leaky_relu_derivative(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """1.0 where x > 0, else alpha."""
    raise NotImplementedError


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-x)), without overflow for any x."""
    raise NotImplementedError


def sigmoid_derivative(x: np.ndarray) -> np.ndarray:
    """sigmoid(x) * (1 - sigmoid(x))."""
    raise NotImplementedError


def tanh(x: np.ndarray) -> np.ndarray:
    """The hyperbolic tangent, elementwise."""
    raise NotImplementedError


def tanh_derivative(x: np.ndarray) -> np.ndarray:
    """1 - tanh(x)**2."""
    raise NotImplementedError
