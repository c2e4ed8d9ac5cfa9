"""Checks shared by the tree problems (decision trees, pruning, forests): pure functions over
observations that a package's ``checks.py`` calls from its own ``@check`` functions.

- ``same``, ``tree_matches`` and ``trees_match``: a tree's observations against the
  reference's, exactly (the statements fix every tie, so a correct tree is unique);
- ``fits_training_data``: the stability gate of a classifier whose predictions cannot be
  compared with the reference's everywhere, but which, grown fully on distinct samples, must
  reproduce its training labels (``huge_features``'s ``train_predict`` against its ``y``);
- ``same_at_huge_scale``: each ``huge_<key>`` against the same candidate's ``<key>`` (every
  feature times 2^1022 must not change a tree: thresholds a/2 + b/2, not (a + b)/2);
- ``valid_probabilities`` and ``one_leaf``: what a tree gives after fitting nodes that no
  threshold can split.

Trusted side, like every check; standard library and NumPy only.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sandbox.checking import (
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    compare_values,
    mean_of,
    unless_reproduced,
)

EXACT = 1e-9  # probabilities are ratios of counts: any correct code gets them to rounding
FITS = 0.8  # the share of its training labels a fully grown tree must reproduce (the gate)
HUGE_PROBE = "huge_features"
TREE = "your fully grown tree"  # how the gate's message calls the model (a forest: its own)


def same(c: CheckInput, probe: str, key: str, what: str, rtol: float = EXACT) -> Outcome:
    """The candidate's observation ``key`` of ``probe`` against the reference's."""
    return compare_values(
        c.candidate[probe].array(key), c.reference[probe].array(key), what=what, rtol=rtol
    )


def tree_matches(c: CheckInput, probe: str, label: str, what: str) -> Outcome:
    """The tree observed under ``label:`` (depth, leaves, held-out probabilities and
    predictions) against the reference's."""
    return all_of(
        same(c, probe, f"{label}:depth", f"depth_ of the tree {what}"),
        same(c, probe, f"{label}:leaves", f"n_leaves_ of the tree {what}"),
        same(c, probe, f"{label}:proba", f"predict_proba of the tree {what}"),
        same(c, probe, f"{label}:predict", f"predict of the tree {what}"),
    )


def trees_match(c: CheckInput, probe: str, trees: Mapping[str, str]) -> Outcome:
    """Several trees of one probe (``trees``: label → how messages call the tree), each
    against the reference's (``tree_matches``); the score is the share that match."""
    return mean_of([tree_matches(c, probe, label, what) for label, what in trees.items()])


def fits_training_data(c: CheckInput, what: str = TREE) -> Outcome | None:
    """Stability is measured on a model that works: grown fully on distinct samples, it
    must reproduce (nearly all of) its training labels; consistent garbage earns nothing.
    ``None`` when it does, else "not measured"."""
    observed = c.candidate[HUGE_PROBE]
    return unless_reproduced(
        observed.array("train_predict"), observed.array("y"), share=FITS, what=what
    )


def same_at_huge_scale(c: CheckInput, keys: Mapping[str, str], model: str = TREE) -> Outcome:
    """Once ``model`` (how the gate's message calls it) fits its training data, each
    ``huge_<key>`` equals the same candidate's ``<key>`` at scale 1 (``keys``: key → how
    messages call it). Numerical stability never re-tests the tree: the candidate's own
    values at scale 1 are the expectation."""
    if gate := fits_training_data(c, model):
        return gate
    observed = c.candidate[HUGE_PROBE]
    return all_of(
        *(
            compare_values(
                observed.array(f"huge_{key}"),
                observed.array(key),
                what=f"{name} with every feature times 2^1022 (your values at scale 1)",
                rtol=1e-12,
                atol=0.0,
            )
            for key, name in keys.items()
        )
    )


def valid_probabilities(proba: np.ndarray, what: str, classes: int = 3) -> Outcome:
    """Finite rows of ``classes`` probabilities, each in [0, 1], that sum to 1."""
    if not (finite := all_finite(proba, what=what)).is_pass:
        return finite
    if proba.ndim != 2 or proba.shape[1] != classes:
        return Outcome.failed(f"{what} has shape {proba.shape}, expected (n, {classes})")
    sums = proba.sum(axis=1)
    if (proba < 0).any() or (proba > 1).any() or not np.allclose(sums, 1.0, rtol=0, atol=1e-9):
        return Outcome.failed(f"{what}: each row must hold probabilities that sum to 1")
    return Outcome.passed()


def one_leaf(proba: np.ndarray) -> Outcome:
    """A tree of data whose every feature is constant cannot split: every sample gets the
    same probabilities."""
    if proba.ndim == 2 and not np.allclose(proba, proba[:1], rtol=0.0, atol=1e-12):
        return Outcome.failed(
            "a tree fitted on data whose every feature is constant cannot split: every "
            "sample must get the same probabilities"
        )
    return Outcome.passed()


def unsplittable_data_gives_leaves(c: CheckInput, probe: str, model: str = TREE) -> Outcome:
    """Once ``model`` fits its training data: after fitting repeated rows with conflicting
    labels (``repeated_proba``) and data whose every feature is constant
    (``constant_proba``), finite probabilities that sum to 1, the same for every sample of
    the constant data (one leaf)."""
    if gate := fits_training_data(c, model):
        return gate
    observed = c.candidate[probe]
    return all_of(
        valid_probabilities(
            observed.array("repeated_proba"), "predict_proba after fitting repeated rows"
        ),
        valid_probabilities(
            observed.array("constant_proba"), "predict_proba after fitting constant features"
        ),
        one_leaf(observed.array("constant_proba")),
    )
