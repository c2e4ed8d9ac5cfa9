import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax of x (n, k): each row shifted by its maximum before exp."""
    raise NotImplementedError


def logsumexp(x: np.ndarray) -> np.ndarray:
    """log(sum_j exp(x_ij)) for every row i of x (n, k): shape (n,)."""
    raise NotImplementedError


def softmax_backward(upstream: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The gradient of sum(upstream * softmax(x)) with respect to x (n, k)."""
    raise NotImplementedError
