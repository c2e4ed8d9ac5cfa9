"""Hooks of the layer profile for batch-norm (trusted; run in the harness), and the
package's own probes: the initial state and the running statistics.

Operations: ``train`` (a training-mode forward with gamma and beta set, and its backward:
dx, dgamma, dbeta) and ``eval`` (an eval-mode forward with running statistics set).
"""

from typing import Any

import numpy as np

from sandbox.harness.layer_profile import ExtremeCase
from sandbox.harness.probing import ProbeContext, probe

FEATURES = 4
OFFSET = 1e8  # E[x^2] - E[x]^2 cancels catastrophically here; two passes do not
EPS = 1e-5
MOMENTUM = 0.9


def _layer(solution: Any, gamma: np.ndarray, beta: np.ndarray) -> Any:
    layer = solution.BatchNorm(np.shape(gamma)[0], momentum=MOMENTUM, eps=EPS)
    layer.gamma = gamma
    layer.beta = beta
    return layer


def _parameters(rng: np.random.Generator, n: int, features: int) -> dict[str, Any]:
    return {
        "x": rng.normal(2.0, 3.0, size=(n, features)),
        "gamma": rng.uniform(0.5, 2.0, size=features),
        "beta": rng.normal(size=features),
        "upstream": rng.normal(size=(n, features)),
    }


def train_inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    return _parameters(rng, n, FEATURES)


def train_forward(solution: Any, x: Any, gamma: Any, beta: Any) -> Any:
    return _layer(solution, gamma, beta).forward(x, training=True)


def train_backward(solution: Any, upstream: Any, x: Any, gamma: Any, beta: Any) -> dict[str, Any]:
    layer = _layer(solution, gamma, beta)
    layer.forward(x, training=True)
    dx = layer.backward(upstream)
    return {"x": dx, "gamma": layer.dgamma, "beta": layer.dbeta}


def train_extreme(rng: np.random.Generator) -> list[ExtremeCase]:
    """Every feature offset by 1e8 (built far away and shifted back: both exact): the
    normalised output and every gradient are the same as without the offset."""
    values = _parameters(rng, 32, FEATURES)
    far = OFFSET + values["x"]
    near = {**values, "x": far - OFFSET}
    return [
        ExtremeCase(
            "features offset by 1e8",
            {**values, "x": far},
            near,
            gradient_scale=1.0,
            rtol=1e-6,
            atol=1e-6,
        )
    ]


def eval_inputs(rng: np.random.Generator, n: int) -> dict[str, Any]:
    values = _parameters(rng, n, FEATURES)
    del values["upstream"]
    values["running_mean"] = rng.normal(2.0, 1.0, size=FEATURES)
    values["running_var"] = rng.uniform(4.0, 12.0, size=FEATURES)
    return values


def eval_forward(
    solution: Any, x: Any, gamma: Any, beta: Any, running_mean: Any, running_var: Any
) -> Any:
    layer = _layer(solution, gamma, beta)
    layer.running_mean = running_mean
    layer.running_var = running_var
    return layer.forward(x, training=False)


@probe(group="state", sample=True)
def initial_state(ctx: ProbeContext) -> dict[str, Any]:
    layer = ctx.solution.BatchNorm(3)
    names = ("momentum", "eps", "gamma", "beta", "running_mean", "running_var")
    return {name: getattr(layer, name, None) for name in names}


@probe(group="state", sample=True)
def running_statistics(ctx: ProbeContext) -> dict[str, Any]:
    """Two training-mode batches, then the running statistics (momentum 0.9: the old
    value's weight)."""
    rng = ctx.rng("running_statistics")
    layer = ctx.solution.BatchNorm(FEATURES)
    for _ in range(2):
        layer.forward(rng.normal(1.0, 2.0, size=(20, FEATURES)), training=True)
    return {"running_mean": layer.running_mean, "running_var": layer.running_var}


def _normalise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = np.einsum("ij->j", x) / x.shape[0]
    centred = x - mean
    inv_std = 1.0 / np.sqrt(np.einsum("ij,ij->j", centred, centred) / x.shape[0] + EPS)
    return centred * inv_std, inv_std


def train_yardstick(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    return np.asarray(gamma * _normalise(x)[0] + beta)


def train_backward_yardstick(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, upstream: np.ndarray
) -> list[np.ndarray]:
    x_hat, inv_std = _normalise(x)
    dx_hat = upstream * gamma
    n = x.shape[0]
    dx = inv_std * (
        dx_hat - np.einsum("ij->j", dx_hat) / n - x_hat * np.einsum("ij,ij->j", dx_hat, x_hat) / n
    )
    return [dx, np.einsum("ij,ij->j", upstream, x_hat), np.einsum("ij->j", upstream)]
