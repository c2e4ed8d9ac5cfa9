"""Hooks of the layer profile for scaled-dot-product-attention (trusted; run in the harness).

Every probe is standard: the output and the three gradients against the reference and
against finite differences of the candidate's own attention, shapes, timing, and the
extreme inputs below (huge scores; all-masked query rows).
"""

from typing import Any

import numpy as np

from sandbox.harness.layer_profile import ExtremeCase

QUERIES, KEYS, DEPTH, VALUES = 5, 6, 4, 3
SHIFT = 4000.0  # the length of a vector added to every key: scores move by ~1000s per row


def _mask(rng: np.random.Generator, batch: int) -> np.ndarray:
    """Random, with at least one allowed key per query row."""
    mask = rng.random((batch, QUERIES, KEYS)) < 0.7
    mask[np.arange(batch)[:, None], np.arange(QUERIES), rng.integers(0, KEYS, (batch, QUERIES))] = (
        True
    )
    return mask


def attention_inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    return {
        "Q": rng.normal(size=(n, QUERIES, DEPTH)),
        "K": rng.normal(size=(n, KEYS, DEPTH)),
        "V": rng.normal(size=(n, KEYS, VALUES)),
        "mask": _mask(rng, n),
        "upstream": rng.normal(size=(n, QUERIES, VALUES)),
    }


def attention_forward(solution: Any, Q: Any, K: Any, V: Any, mask: Any) -> Any:
    return solution.attention(Q, K, V, mask)


def attention_backward(
    solution: Any, upstream: Any, Q: Any, K: Any, V: Any, mask: Any
) -> dict[str, Any]:
    dQ, dK, dV = solution.attention_backward(upstream, Q, K, V, mask)
    return {"Q": dQ, "K": dK, "V": dV}


def attention_extreme(rng: np.random.Generator) -> list[ExtremeCase]:
    """Two cases whose right answers are the benign ones exactly.

    Shifted keys: adding one vector u to every key adds q·u / sqrt(d) to every score of a
    query's row, which softmax ignores (scores of thousands: exp overflows unshifted); the
    gradients do not move either (the rows of dS sum to 0).

    All-masked rows: some query rows may attend to nothing (their output is defined as 0).
    Their benign twin may attend only to an extra key whose value is the zero vector, with
    a zero upstream gradient: the same output (0) and the same gradients, without the
    empty softmax."""
    batch = 4
    values = attention_inputs(rng, batch)
    direction = rng.normal(size=DEPTH)
    shifted = {**values, "K": values["K"] + SHIFT * direction / np.linalg.norm(direction)}

    empty = rng.random((batch, QUERIES)) < 0.4
    empty[:, 0] = True  # at least one all-masked row per batch element
    mask = np.concatenate(
        [values["mask"] & ~empty[..., None], np.zeros((batch, QUERIES, 1), bool)], -1
    )
    zero_key = {
        "Q": values["Q"],
        "K": np.concatenate([values["K"], rng.normal(size=(batch, 1, DEPTH))], axis=1),
        "V": np.concatenate([values["V"], np.zeros((batch, 1, VALUES))], axis=1),
        "upstream": np.where(empty[..., None], 0.0, values["upstream"]),
    }
    twin = mask.copy()
    twin[..., -1] = empty  # the benign twin attends to the zero value only
    return [
        ExtremeCase(
            "keys shifted by a vector of length 4000",
            shifted,
            values,
            gradient_scale=1.0,
            rtol=1e-7,
            atol=1e-9,
        ),
        ExtremeCase(
            "all-masked query rows",
            {**zero_key, "mask": mask},
            {**zero_key, "mask": twin},
            gradient_scale=1.0,
            rtol=1e-9,
            atol=1e-12,
        ),
    ]


def _weights(Q: np.ndarray, K: np.ndarray, mask: np.ndarray) -> np.ndarray:
    scores = np.einsum("bqd,bkd->bqk", Q, K) / np.sqrt(Q.shape[-1])
    scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


def attention_yardstick(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    return np.asarray(np.einsum("bqk,bkv->bqv", _weights(Q, K, mask), V))


def attention_backward_yardstick(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray, upstream: np.ndarray
) -> list[np.ndarray]:
    P = _weights(Q, K, mask)
    dP = np.einsum("bqv,bkv->bqk", upstream, V)
    dS = P * (dP - np.einsum("bqk,bqk->bq", dP, P)[..., None]) / np.sqrt(Q.shape[-1])
    return [
        np.einsum("bqk,bkd->bqd", dS, K),
        np.einsum("bqk,bqd->bkd", dS, Q),
        np.einsum("bqk,bqv->bkv", P, upstream),
    ]
