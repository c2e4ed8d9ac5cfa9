import numpy as np


def attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> np.ndarray:
    """softmax(Q K^T / sqrt(d), masked) V for Q (b, n_q, d), K (b, n_k, d), V (b, n_k, d_v)."""
    raise NotImplementedError


def attention_backward(
    upstream: np.ndarray,
    Q: np.ndarray,
    K: np.ndarray,
    V: np.ndarray,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradients (dQ, dK, dV) of sum(upstream * attention(Q, K, V, mask))."""
    raise NotImplementedError
