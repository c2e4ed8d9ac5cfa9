"""Hooks of the layer profile for cross-entropy-from-logits (trusted; run in the harness).

Every probe is standard: the loss, its gradient against the reference and against finite
differences of the candidate's own loss, shapes, timing, and the extreme logits below.
"""

from typing import Any

import numpy as np

from sandbox.harness.layer_profile import ExtremeCase

CLASSES = 5
SHIFT = 1000.0  # exp(1000) overflows float64, exp(-1000) underflows to 0
MARGIN = (40.0, 50.0)  # how far the top logit leads: e^-40 ~ 4e-18, negligible
AMPLIFY = 20.0  # ... and 20 times that (800 to 1000): softmax of the true class is 0.0


def cross_entropy_inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    return {
        "logits": rng.normal(0.0, 3.0, size=(n, CLASSES)),
        "y": rng.integers(0, CLASSES, size=n),
        "upstream": np.float64(rng.uniform(0.5, 2.0)),
    }


def cross_entropy_forward(solution: Any, logits: np.ndarray, y: np.ndarray) -> Any:
    return solution.cross_entropy(logits, y)


def cross_entropy_backward(
    solution: Any, upstream: np.ndarray, logits: np.ndarray, y: np.ndarray
) -> dict[str, Any]:
    """The loss is a scalar: the gradient of upstream * loss is upstream times the grad."""
    return {"logits": upstream * np.asarray(solution.cross_entropy_grad(logits, y), dtype=float)}


def cross_entropy_extreme(rng: np.random.Generator) -> list[ExtremeCase]:
    """Shifted logits (the loss and the gradient do not move), and confidently wrong rows:
    the top logit leads every other by 40 to 50 and is never the label; 20 times those
    logits (exact) make the loss exactly 20 times larger and leave the gradient as it is,
    while softmax of the true class underflows to 0 (log(0) = -inf)."""
    rows = 12
    y = rng.integers(0, CLASSES, size=rows)
    upstream = np.float64(1.0)
    far = SHIFT + rng.normal(0.0, 3.0, size=(rows, CLASSES))
    near = far - SHIFT  # exact (Sterbenz): the same logits relative to each other
    top = (y + rng.integers(1, CLASSES, size=rows)) % CLASSES  # never the label
    confident = -rng.uniform(*MARGIN, size=(rows, CLASSES))
    confident[np.arange(rows), top] = 0.0
    cases = [
        ("logits near +1000", far, near, 0.0),
        ("logits near -1000", -far, -near, 0.0),
    ]
    found = [
        ExtremeCase(
            label,
            {"logits": extreme, "y": y, "upstream": upstream},
            {"logits": benign, "y": y, "upstream": upstream},
            shift=shift,
            gradient_scale=1.0,
        )
        for label, extreme, benign, shift in cases
    ]
    found.append(
        ExtremeCase(
            "confidently wrong by 800 to 1000",
            {"logits": AMPLIFY * confident, "y": y, "upstream": upstream},
            {"logits": confident, "y": y, "upstream": upstream},
            scale=AMPLIFY,
            gradient_scale=1.0,
        )
    )
    return found


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))


def cross_entropy_yardstick(logits: np.ndarray, y: np.ndarray) -> float:
    return float(-_log_softmax(logits)[np.arange(len(y)), y].mean())


def cross_entropy_grad_yardstick(
    logits: np.ndarray, y: np.ndarray, upstream: np.ndarray
) -> np.ndarray:
    grad = np.exp(_log_softmax(logits))
    grad[np.arange(len(y)), y] -= 1.0
    return np.asarray(upstream * grad / len(y))
