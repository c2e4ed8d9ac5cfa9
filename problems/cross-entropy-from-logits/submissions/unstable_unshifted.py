import numpy as np


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    return logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean over the n rows of -log softmax(logits)[i, y_i]; logits (n, k), y (n,) ints."""
    n = logits.shape[0]
    return float(-np.mean(_log_softmax(logits)[np.arange(n), y]))


def cross_entropy_grad(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The gradient of cross_entropy with respect to the logits: (softmax - one_hot) / n."""
    n = logits.shape[0]
    grad = np.exp(_log_softmax(logits))
    grad[np.arange(n), y] -= 1.0
    return grad / n
