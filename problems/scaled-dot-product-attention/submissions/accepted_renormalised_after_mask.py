import numpy as np


def _softmax_rows(S, mask):
    # Shift by the allowed maximum, zero the masked weights, renormalise what is left.
    allowed = np.ones_like(S, dtype=bool) if mask is None else mask
    shift = np.max(np.where(allowed, S, -np.inf), axis=-1, keepdims=True)
    shift[~np.isfinite(shift)] = 0.0
    weights = np.exp(np.minimum(S - shift, 0.0)) * allowed
    total = weights.sum(axis=-1, keepdims=True)
    total[total == 0.0] = 1.0
    return weights / total


def attention(Q, K, V, mask=None):
    S = np.matmul(Q, K.transpose(0, 2, 1)) / Q.shape[-1] ** 0.5
    return np.matmul(_softmax_rows(S, mask), V)


def attention_backward(upstream, Q, K, V, mask=None):
    d = Q.shape[-1]
    P = _softmax_rows(np.matmul(Q, K.transpose(0, 2, 1)) / d**0.5, mask)
    dP = np.matmul(upstream, V.transpose(0, 2, 1))
    dS = P * dP - P * (P * dP).sum(axis=-1, keepdims=True)
    return (
        np.matmul(dS, K) / d**0.5,
        np.matmul(dS.transpose(0, 2, 1), Q) / d**0.5,
        np.matmul(P.transpose(0, 2, 1), upstream),
    )
