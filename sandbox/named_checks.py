"""The standard checks chosen by name in problem.yaml (``profile.checks``), with their
arguments, as DMOJ's checkers are: the comparisons most packages need are an entry each, not
a hand-written function (``sandbox.named_entries`` reads the entries). Trusted side, like
every check.

    profile:
      checks:
        - use: matches_reference
          probe: loss_value
          values: {loss: "_compute_loss(predictions, y)"}
        - use: gradient_matches_own_loss
          probe: gradient_finite_difference
          gradient: [dw, db]
          weight: 1.5

The functions behind them (``matches_reference``, ``gradient_matches_own_loss``,
``agrees_with_own``, ``stays_finite``, ``reproducible``, the stability gate
``unless_computed_right`` and the comparison with the candidate's own value
``compare_with_own``) are part of the check API too, for a ``checks.py`` that needs them
with a twist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np

from sandbox.checking import (
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    compare_values,
    gradient_check,
    proportional_factor,
    same_loss_as_elsewhere,
    unless_related,
)


def matches_reference(
    c: CheckInput,
    probe: str,
    values: Mapping[str, str],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    relative_atol: bool = False,
    samples: int | None = None,
) -> Outcome:
    """Each observation ``values`` names (key → how messages call it) against the
    reference's, under the shape policy; a constant factor (2×, n×, sign) is named.
    ``relative_atol`` scales ``atol`` by the reference's largest magnitude; ``samples`` lets
    a sum-versus-mean slip be named as "n×"."""
    candidate, reference = c.candidate[probe], c.reference[probe]
    parts = []
    for key, what in values.items():
        expected = reference.array(key)
        scale = float(np.abs(expected).max(initial=0.0)) if relative_atol else 1.0
        parts.append(
            compare_values(
                candidate.array(key),
                expected,
                what=what,
                rtol=rtol,
                atol=atol * scale,
                samples=samples,
            )
        )
    return all_of(*parts)


def gradient_matches_own_loss(
    c: CheckInput,
    probe: str,
    gradient: Sequence[str],
    *,
    loss_probe: str = "loss_value",
    loss_key: str = "loss",
    tolerance: float = 1e-3,
    basis: str | None = None,
) -> Outcome:
    """The gradient's parts (``gradient``, in the order the probe's directions use) against
    finite differences of the candidate's own loss (``directional_losses`` in ``probe``),
    and those losses against the loss the candidate gives on a plain call (``loss_probe``),
    so that a loss which notices it is being finite-differenced cannot pass. ``basis``
    names the probe's observation of a (parameters, m) basis when the slopes were taken in
    a random subspace: the gradient's components there are compared."""
    observed, expected = c.candidate[probe], c.reference[probe]
    slopes = np.concatenate([observed.array(name).ravel() for name in gradient])
    if basis is not None:
        slopes = expected.array(basis).T @ slopes
    factor = proportional_factor(
        c.candidate[loss_probe].array(loss_key), c.reference[loss_probe].array(loss_key), rtol=1e-9
    )
    return all_of(
        same_loss_as_elsewhere(observed, expected, factor),
        gradient_check(slopes, observed, what=f"({', '.join(gradient)})", tolerance=tolerance),
    )


@dataclasses.dataclass(frozen=True)
class OwnValue:
    """An observation on extreme inputs, the candidate's own value on benign inputs it must
    equal (after dividing by ``divide_by``: an exact scaling of the inputs), and how
    messages call it."""

    same_as: str
    what: str
    divide_by: float = 1.0


def unless_computed_right(c: CheckInput, gate: Mapping[str, Sequence[str]]) -> Outcome | None:
    """The stability gate (``unless_related`` on each probe's named observations):
    ``None`` when the candidate's benign values compute the right quantities up to a
    constant factor, else "not measured" (consistent garbage earns nothing)."""
    for probe, keys in gate.items():
        for key in keys:
            candidate, reference = c.candidate[probe].array(key), c.reference[probe].array(key)
            if blocked := unless_related(candidate, reference, what=f"{key} ({probe})"):
                return blocked
    return None


def compare_with_own(
    actual: np.ndarray,
    own: np.ndarray,
    *,
    what: str,
    rtol: float,
    atol: float,
    relative_atol: bool = False,
) -> Outcome:
    """The candidate's value on extreme (or equivalent) inputs against its own value on
    benign ones, under the shape policy. ``relative_atol`` scales ``atol`` by the largest
    magnitude of ``own``: for values with exact zeros, or whose units a probe changes, where
    no absolute tolerance fits every seed."""
    scale = float(np.abs(own).max(initial=0.0)) if relative_atol else 1.0
    return compare_values(actual, own, what=what, rtol=rtol, atol=atol * scale)


def agrees_with_own(
    c: CheckInput,
    probe: str,
    values: Mapping[str, OwnValue],
    *,
    rtol: float,
    atol: float,
    gate: Mapping[str, Sequence[str]],
    relative_atol: bool = False,
) -> Outcome:
    """Each extreme observation against the same candidate's benign one (numerical
    stability never re-tests the formula), once the gate shows the formula computes the
    right quantity (``unless_computed_right``); ``relative_atol`` as in
    ``compare_with_own``."""
    if blocked := unless_computed_right(c, gate):
        return blocked
    observed = c.candidate[probe]
    return all_of(
        *(
            compare_with_own(
                observed.array(key) / own.divide_by,
                observed.array(own.same_as),
                what=own.what,
                rtol=rtol,
                atol=atol,
                relative_atol=relative_atol,
            )
            for key, own in values.items()
        )
    )


def stays_finite(
    c: CheckInput, probe: str, values: Mapping[str, str], *, gate: Mapping[str, Sequence[str]]
) -> Outcome:
    """Every named observation the candidate has is finite (a missing one, None, is another
    category's: the interface), once the gate passes."""
    if blocked := unless_computed_right(c, gate):
        return blocked
    observed = c.candidate[probe]
    return all_of(
        *(
            all_finite(observed.array(key), what=what)
            for key, what in values.items()
            if observed.value(key) is not None
        )
    )


def reproducible(
    c: CheckInput,
    probe: str,
    same: Mapping[str, str],
    differ: Mapping[str, str] | None = None,
    *,
    what: str,
) -> Outcome:
    """Fits with the same random_state give the same observations (each key of ``same``
    equals the observation it names, exactly; NaN equals NaN, which is stability's
    business), and a fit with another random_state gives other ones (at least one key of
    ``differ``, if any, differs from the one it names). ``what`` names the fitted things in
    messages ("forests")."""
    observed = c.candidate[probe]

    def equal(key: str, other: str) -> bool:
        return bool(np.array_equal(observed.array(key), observed.array(other), equal_nan=True))

    for key, again in same.items():
        if not equal(key, again):
            return Outcome.failed(
                f"two {what} with the same random_state differ ({key}): create "
                "rng = np.random.default_rng(self.random_state) in fit and draw everything from it"
            )
    if differ and all(equal(key, other) for key, other in differ.items()):
        return Outcome.failed(
            f"{what} with different random_state values are the same ({', '.join(differ)}): "
            "seed the generator with self.random_state"
        )
    return Outcome.passed()
