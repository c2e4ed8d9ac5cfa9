import numpy as np


def sgd_momentum(
    w: np.ndarray, grads: np.ndarray, lr: float = 0.01, momentum: float = 0.9
) -> np.ndarray:
    """Apply the T gradients grads (T, d) in turn from w (d,); return the (T, d) iterates."""
    raise NotImplementedError


def adam(
    w: np.ndarray,
    grads: np.ndarray,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> np.ndarray:
    """Adam with bias correction over the T gradients grads (T, d); the (T, d) iterates."""
    raise NotImplementedError
