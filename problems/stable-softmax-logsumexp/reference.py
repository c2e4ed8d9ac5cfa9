import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax of x (n, k): each row shifted by its maximum before exp."""
    shifted = x - np.max(x, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)


def logsumexp(x: np.ndarray) -> np.ndarray:
    """log(sum_j exp(x_ij)) for every row i of x (n, k): shape (n,)."""
    m = np.max(x, axis=1, keepdims=True)
    return np.log(np.sum(np.exp(x - m), axis=1)) + m[:, 0]


def softmax_backward(upstream: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The gradient of sum(upstream * softmax(x)) with respect to x (n, k)."""
    s = softmax(x)
    return s * (upstream - np.sum(upstream * s, axis=1, keepdims=True))
