"""Hooks of the layer profile for stable-softmax-logsumexp (trusted; run in the harness).

Every probe is standard: forward values, the backward against finite differences of the
candidate's own forward, shapes, timing, and the extreme logits below.
"""

from typing import Any

import numpy as np

from sandbox.harness.layer_profile import ExtremeCase

CLASSES = 6
SHIFT = 1000.0  # exp(1000) overflows float64; exp(-1000) underflows to 0
GAP = 2000.0  # a dominant logit this far ahead: the others' exp(.) is exactly 0
NEAR_GAP = 40.0  # e^-40 ~ 4e-18: within the tolerance of exactly 0


def _logits(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.normal(0.0, 3.0, size=(n, CLASSES))


def softmax_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return {"x": _logits(rng, n), "upstream": rng.normal(size=(n, CLASSES))}


def softmax_forward(solution: Any, x: np.ndarray) -> Any:
    return solution.softmax(x)


def softmax_backward(solution: Any, upstream: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    return {"x": solution.softmax_backward(upstream, x)}


def logsumexp_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return {"x": _logits(rng, n), "upstream": rng.normal(size=n)}


def logsumexp_forward(solution: Any, x: np.ndarray) -> Any:
    return solution.logsumexp(x)


def logsumexp_backward(solution: Any, upstream: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    """The gradient of logsumexp is softmax: the candidate's own, weighted row by row."""
    probabilities = np.asarray(solution.softmax(x), dtype=np.float64).reshape(np.shape(x))
    return {"x": upstream[:, None] * probabilities}


def _cases(rng: np.random.Generator, upstream_shape: tuple[int, ...]) -> list[ExtremeCase]:
    """Shifted logits (softmax is unchanged, log-sum-exp moves by the shift) and one
    dominant logit per row. Built far from zero and shifted back: both subtractions are
    exact, so the extreme and the benign logits differ by exactly the shift."""
    rows = 16
    upstream = rng.normal(size=(rows, *upstream_shape))
    far = SHIFT + _logits(rng, rows)
    near = far - SHIFT
    winner = rng.integers(0, CLASSES, size=rows)
    behind = rng.uniform(0.0, 5.0, size=(rows, CLASSES))
    dominant, close = -GAP - behind, -NEAR_GAP - behind
    dominant[np.arange(rows), winner] = close[np.arange(rows), winner] = rng.normal(size=rows)
    return [
        ExtremeCase(
            "logits near +1000",
            {"x": far, "upstream": upstream},
            {"x": near, "upstream": upstream},
            shift=SHIFT,
            gradient_scale=1.0,
        ),
        ExtremeCase(
            "logits near -1000",
            {"x": -far, "upstream": upstream},
            {"x": -near, "upstream": upstream},
            shift=-SHIFT,
            gradient_scale=1.0,
        ),
        ExtremeCase(
            "one logit 2000 ahead",
            {"x": dominant, "upstream": upstream},
            {"x": close, "upstream": upstream},
            gradient_scale=1.0,
        ),
    ]


def softmax_extreme(rng: np.random.Generator) -> list[ExtremeCase]:
    """Softmax does not move when the logits do: the shifts are 0 for its output."""
    return [
        ExtremeCase(c.label, c.extreme, c.benign, gradient_scale=1.0)
        for c in _cases(rng, (CLASSES,))
    ]


def logsumexp_extreme(rng: np.random.Generator) -> list[ExtremeCase]:
    return _cases(rng, ())


def softmax_yardstick(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def softmax_backward_yardstick(x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    s = softmax_yardstick(x)
    return np.asarray(s * (upstream - np.einsum("ij,ij->i", upstream, s)[:, None]))


def logsumexp_yardstick(x: np.ndarray) -> np.ndarray:
    m = x.max(axis=1)
    return np.asarray(np.log(np.exp(x - m[:, None]).sum(axis=1)) + m)
