import numpy as np


def _probabilities(Q, K, mask):
    d = Q.shape[2]
    scores = np.einsum("bqd,bkd->bqk", Q, K) / np.sqrt(d)
    if mask is None:
        mask = np.ones(scores.shape, dtype=bool)
    # The row maximum over allowed keys only; a row without any keeps 0.
    top = np.max(np.where(mask, scores, -np.finfo(float).max), axis=2, keepdims=True)
    top = np.where(mask.any(axis=2, keepdims=True), top, 0.0)
    weights = np.exp(np.where(mask, scores - top, -np.inf))
    norm = weights.sum(axis=2, keepdims=True)
    return weights / np.where(norm > 0, norm, 1.0)


def attention(Q, K, V, mask=None):
    return np.einsum("bqk,bkv->bqv", _probabilities(Q, K, mask), V)


def attention_backward(upstream, Q, K, V, mask=None):
    P = _probabilities(Q, K, mask)
    scale = 1.0 / np.sqrt(Q.shape[2])
    dP = np.einsum("bqv,bkv->bqk", upstream, V)
    dS = P * (dP - np.einsum("bqk,bqk->bq", dP, P)[:, :, None])
    dQ = scale * np.einsum("bqk,bkd->bqd", dS, K)
    dK = scale * np.einsum("bqk,bqd->bkd", dS, Q)
    dV = np.einsum("bqk,bqv->bkv", P, upstream)
    return dQ, dK, dV
