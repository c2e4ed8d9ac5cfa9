"""The standard check of exact copies of one data set (``scaled_copies``; the probe is
``sandbox.harness.scaled_copies``'s), in numerical_stability: each copy gives the same
candidate's own values for the data as it is, scaled by the copy's power of two. It never
re-tests the formula (the rule of "One defect, one category"). Trusted side.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from sandbox.checking import (
    Check,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    compare_values,
    unless_related,
)
from sandbox.harness.scaled_copies import AGAIN, ORIGINAL, RAISED, ScaledSpec
from sandbox.observations import ObservationError
from sandbox.rubric import Category

PROBE = "standard_scaled_copies"


def scaled_copies_check(spec: ScaledSpec) -> Check:
    """``standard_<spec.name>``."""

    def run(c: CheckInput) -> Outcome:
        if blocked := _gate(c, spec):
            return blocked
        observed, parts = c.candidate[PROBE], []
        for copy in spec.copies:
            if f"{copy.label}:{RAISED}" in observed.values:
                raised = str(observed.value(f"{copy.label}:{RAISED}"))
                what = f"fit() on the data {copy.describe()}"
                parts.append(Outcome.failed(f"{what} raised: {raised}"))
                continue
            for name, power in spec.values.items():
                own = observed.array(f"{ORIGINAL}:{name}")
                divided = f", divided by 2^{copy.scale * power}" if copy.scale * power else ""
                parts.append(
                    compare_values(
                        np.ldexp(observed.array(f"{copy.label}:{name}"), -copy.scale * power),
                        own,
                        what=f"{name} for the data {copy.describe()}{divided} (your {name} for "
                        "the data as it is)",
                        rtol=spec.rtol,
                        atol=spec.rtol * float(np.abs(own).max(initial=0.0)),
                    )
                )
            parts += [
                all_finite(
                    observed.array(f"{copy.label}:{name}"),
                    what=f"{name} for the data {copy.describe()}",
                )
                for name in spec.finite
            ]
        outcome = all_of(*parts)
        if outcome.is_pass or not spec.advice:
            return outcome
        return dataclasses.replace(outcome, message=f"{outcome.message}: {spec.advice}")

    return Check(f"standard_{spec.name}", Category.NUMERICAL_STABILITY, (PROBE,), spec.weight, run)


def _gate(c: CheckInput, spec: ScaledSpec) -> Outcome | None:
    """Not measured unless the data as it is gives the same values twice (else nothing
    compares with them: repeatability is code_organization's) and the ``gate`` values
    relate to the reference's (consistent garbage earns nothing)."""
    observed, expected = c.candidate[PROBE], c.reference[PROBE]
    try:
        for name in spec.observed():
            first, again = (observed.array(f"{label}:{name}") for label in (ORIGINAL, AGAIN))
            if not np.array_equal(first, again, equal_nan=True):
                return Outcome.not_measured(
                    f"not measured: two fits of the same data with the same hyperparameters "
                    f"gave different {name}, so no copy can be compared with them"
                )
        for name, how in spec.gate.items():
            own, reference = (result.array(f"{ORIGINAL}:{name}") for result in (observed, expected))
            what = f"{name} ({PROBE})"
            if how == "related" and (blocked := unless_related(own, reference, what=what)):
                return blocked
            if how == "same_set" and set(own.ravel().tolist()) != set(reference.ravel().tolist()):
                return Outcome.not_measured(
                    f"not measured: {what} does not hold the reference's values (see "
                    "mathematical_correctness)"
                )
    except ObservationError as error:
        return Outcome.not_measured(f"not measured: {error} (see code_organization)")
    return None
