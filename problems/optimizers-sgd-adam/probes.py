"""Hooks of the layer profile for optimizers-sgd-adam (trusted; run in the harness), and
the package's own probes: the defaults, and Adam on coordinates whose gradient is always 0.

Each operation's output is the (T, d) trajectory of iterates for a given gradient sequence.
The hyperparameters are not the defaults, so that hard-coded ones show.
"""

from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

STEPS = 5
SGD = {"lr": 0.1, "momentum": 0.8}
ADAM = {"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-8}


def optimizer_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """n parameters and STEPS gradients for each."""
    return {"w": rng.normal(size=n), "grads": rng.normal(size=(STEPS, n))}


def sgd_momentum_forward(solution: Any, w: Any, grads: Any) -> Any:
    return solution.sgd_momentum(w, grads, **SGD)


def adam_forward(solution: Any, w: Any, grads: Any) -> Any:
    return solution.adam(w, grads, **ADAM)


@probe(group="defaults", sample=True)
def default_hyperparameters(ctx: ProbeContext) -> dict[str, Any]:
    """Each function without hyperparameters, and with the statement's defaults given."""
    values = optimizer_inputs(ctx.rng("default_hyperparameters"), 4)
    w, grads = values["w"], values["grads"]
    solution = ctx.solution
    return {
        "sgd": solution.sgd_momentum(w, grads),
        "sgd_given": solution.sgd_momentum(w, grads, lr=0.01, momentum=0.9),
        "adam": solution.adam(w, grads),
        "adam_given": solution.adam(w, grads, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8),
    }


@probe(group="stability", sample=True)
def adam_zero_gradients(ctx: ProbeContext) -> dict[str, Any]:
    """The same run twice, the second with some coordinates' gradients always 0: there
    m = v = 0, and eps is all that stands between the update and 0 / 0."""
    rng = ctx.rng("adam_zero_gradients")
    values = optimizer_inputs(rng, 12)
    zero = rng.random(12) < 0.4
    zero[0] = True
    grads = np.where(zero, 0.0, values["grads"])
    solution = ctx.solution
    return {
        "zero": zero,
        "w": values["w"],
        "benign": solution.adam(values["w"], values["grads"], **ADAM),
        "extreme": solution.adam(values["w"], grads, **ADAM),
    }


def sgd_yardstick(w: np.ndarray, grads: np.ndarray) -> np.ndarray:
    velocity, out = np.zeros_like(w), []
    for grad in grads:  # the STEPS steps
        velocity = SGD["momentum"] * velocity - SGD["lr"] * grad
        w = w + velocity
        out.append(w)
    return np.stack(out)


def adam_yardstick(w: np.ndarray, grads: np.ndarray) -> np.ndarray:
    m, v, out = np.zeros_like(w), np.zeros_like(w), []
    b1, b2 = ADAM["beta1"], ADAM["beta2"]
    for t, grad in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w = w - ADAM["lr"] * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + ADAM["eps"])
        out.append(w)
    return np.stack(out)
