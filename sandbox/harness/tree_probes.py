"""Helpers for the probes of tree problems (decision trees, pruning, forests): their training
data, the predict timing's inputs, yardstick and witness probe, and the inputs of the two
stability probes every tree problem has (huge features, nodes no threshold can split).
Trusted, harness side; a package's ``probes.py`` imports them (the hooks ``data``,
``predict_inputs`` and ``predict_yardstick`` are found there by name). Standard library and
NumPy only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.harness.probing import ProbeContext, probe

CLASSES = 3
# Features up to 4 * 2^1022 (1.8e308): a midpoint (a + b) / 2 overflows, a/2 + b/2 does not.
HUGE = 2.0**1022

Inputs = tuple[tuple[np.ndarray], dict[str, Any]]


def mixed_labels(rng: np.random.Generator, n: int) -> np.ndarray:
    """n random labels of CLASSES classes, every class present."""
    y = rng.integers(0, CLASSES, size=n)
    y[:CLASSES] = np.arange(CLASSES)
    return y


def data(rng: np.random.Generator, n: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Three classes from noisy linear scores: not separable, so a full tree grows deep
    (and overfits: pruning matters)."""
    X = rng.normal(size=(n, features))
    scores = X @ rng.normal(size=(features, CLASSES)) + rng.normal(0.0, 0.7, (n, CLASSES))
    y = scores.argmax(axis=1)
    y[:CLASSES] = np.arange(CLASSES)  # every class present
    return X, y.astype(np.int64)


def normal_inputs(features: int) -> Callable[[np.random.Generator, int], Inputs]:
    """A ``predict_inputs`` hook: n standard normal samples of ``features`` features (the
    timed model is fitted on ``data`` of the same width)."""

    def predict_inputs(rng: np.random.Generator, n: int) -> Inputs:
        return (rng.normal(size=(n, features)),), {}

    return predict_inputs


def grown_tree(ctx: ProbeContext, X: np.ndarray, y: np.ndarray, **hyperparameters: Any) -> Any:
    """The candidate's DecisionTreeClassifier(**hyperparameters), fitted on X, y."""
    model = ctx.solution.DecisionTreeClassifier(**hyperparameters)
    model.fit(X, y)
    return model


def tree_outputs(model: Any, X_test: np.ndarray) -> dict[str, Any]:
    """A fitted tree's held-out probabilities and predictions, its depth_ and n_leaves_
    (None when missing: the interface's business)."""
    return {
        "proba": model.predict_proba(X_test),
        "predict": model.predict(X_test),
        "depth": getattr(model, "depth_", None),
        "leaves": getattr(model, "n_leaves_", None),
    }


def timed_tree_probe(
    hyperparameters: Mapping[str, Any], n: int, features: int
) -> Callable[[ProbeContext], dict[str, Any]]:
    """The probe ``timed_tree``, the predict timing's ``witness`` (problem.yaml): the tree
    that timing fits (the same stream, size ``n``: the profile's fit.n, and
    hyperparameters), its predictions on 3,000 samples (so many that a tree differing in any
    cell of 1% of the training samples differs on some of them) show how the timed ones
    relate to the reference's. A package assigns it to ``timed_tree`` where it is to run."""

    @probe(group="math", budget_seconds=6.0)
    def timed_tree(ctx: ProbeContext) -> dict[str, Any]:
        X, y = data(ctx.rng("standard_timing_fit"), n, features)
        model = grown_tree(ctx, X, y, **hyperparameters)
        return {"predict": model.predict(ctx.rng("timed_tree").normal(size=(3000, features)))}

    return timed_tree


def complete_tree_leaves(X: np.ndarray, depth: int) -> np.ndarray:
    """Every row down a complete tree of ``depth`` levels, one level at a time: the work of
    a decision tree's predict() in plain NumPy (the node each row ends in)."""
    nodes = 2**depth - 1
    feature = np.arange(nodes) % X.shape[1]
    threshold = np.linspace(-1.0, 1.0, nodes)
    node = np.zeros(len(X), dtype=np.int64)
    active = np.arange(len(X))
    for _ in range(depth):
        current = node[active]
        right = X[active, feature[current]] > threshold[current]
        node[active] = np.where(right, 2 * current + 2, 2 * current + 1)
        active = active[node[active] >= 0]
    return node


def complete_tree_yardstick(depth: int) -> Callable[[np.ndarray], np.ndarray]:
    """A ``predict_yardstick`` hook: ``complete_tree_leaves`` at ``depth`` (the max_depth
    of the timed tree)."""

    def predict_yardstick(X: np.ndarray) -> np.ndarray:
        return complete_tree_leaves(X, depth)

    return predict_yardstick


def huge_data(
    rng: np.random.Generator, n: int, features: int, n_test: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``data`` moved into [1, 4), and held-out samples in [1, 3.9): times HUGE every value
    stays finite and exact, so a stable model predicts at that scale what it does at 1."""
    X, y = data(rng, n, features)
    X = 1.0 + 3.0 * (X - X.min()) / (X.max() - X.min() + 1e-3)
    return X, y, rng.uniform(1.0, 3.9, size=(n_test, features))


def at_both_scales(
    fit: Callable[[np.ndarray, np.ndarray], Any],
    observe: Callable[[Any, np.ndarray], dict[str, Any]],
    sets: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> dict[str, Any]:
    """``huge_data``'s sets (X, y, X_test) fitted (``fit(X, y)``) and observed
    (``observe(model, X_test)``) at scale 1 and times HUGE (those observations prefixed
    ``huge_``), with ``y`` and the predictions on the training samples at scale 1: the
    stability gate (tree_checks)."""
    X, y, X_test = sets
    model = fit(X, y)
    observed = {"y": y, "train_predict": model.predict(X), **observe(model, X_test)}
    huge = fit(X * HUGE, y)
    observed.update({f"huge_{k}": v for k, v in observe(huge, X_test * HUGE).items()})
    return observed


def on_unsplittable_data(
    rng: np.random.Generator,
    fit_repeated: Callable[[np.ndarray, np.ndarray], Any],
    fit_constant: Callable[[np.ndarray, np.ndarray], Any],
    observe: Callable[[Any, np.ndarray], dict[str, Any]],
    *,
    distinct: int,
    constant: float,
) -> dict[str, Any]:
    """Nodes no threshold can split. ``fit_repeated``: ``distinct`` points whose feature 1 is
    ``constant`` (zero variance), each repeated (30 rows in all) with conflicting labels;
    ``fit_constant``: 20 rows whose every feature is ``constant`` (no split at the root).
    Both models observed (``observe(model, X_test)``, prefixed ``repeated_`` and
    ``constant_``) on the points themselves and 20 others."""
    points = rng.normal(size=(distinct, 3))
    points[:, 1] = constant
    X = points[rng.permutation(np.repeat(np.arange(distinct), 30 // distinct))]
    y = mixed_labels(rng, len(X))
    X_test = np.vstack([points, rng.normal(size=(20, 3))])
    observed = {f"repeated_{k}": v for k, v in observe(fit_repeated(X, y), X_test).items()}
    flat = fit_constant(np.full((20, 3), constant), mixed_labels(rng, 20))
    observed.update({f"constant_{k}": v for k, v in observe(flat, X_test).items()})
    return observed
