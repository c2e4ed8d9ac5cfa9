"""Checks for gradient-check: check()'s verdicts, the relative error of zero gradients, the
defaults and what relative_error and check() return. numerical_gradient's values, shape and
integer theta are the layer profile's standard checks; the step and relative_error against
the reference are named checks (problem.yaml). The weights give each check its share of
its category beside the standard checks, which weigh 1."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_of,
    check,
    dtype_check,
    shape_check,
    unless_related,
)
from sandbox.observations import ProbeResult

ERRORS = [f"error_{i}" for i in range(5)]  # as in probes.py
VERDICTS = {"true": True, "scaled": False, "flipped": False}


def _pair(result: ProbeResult, key: str) -> tuple[float, bool]:
    """check()'s (error, passed), whatever sequence type it came as."""
    value = result.value(key)
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[1], bool):
        raise ObservationError(f"check() returned {value!r}, expected a tuple (error, passed)")
    return float(np.asarray(value[0], dtype=np.float64).reshape(())), value[1]


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["check_verdicts"])
def check_verdicts_are_right(c: CheckInput) -> Outcome:
    candidate, reference = c.candidate["check_verdicts"], c.reference["check_verdicts"]
    for label, expected in VERDICTS.items():
        error, passed = _pair(candidate, label)
        reference_error, _ = _pair(reference, label)
        what = {
            "true": "the true gradient",
            "scaled": "the true gradient × 1.001",
            "flipped": "one coordinate's sign flipped",
        }[label]
        if passed is not expected:
            return Outcome.failed(
                f"check() with {what} returned passed={passed} (error {error:.3g}); expected "
                f"{expected}: passed means error < tolerance (1e-6)"
            )
        close = np.isclose(error, reference_error, rtol=1e-3, atol=1e-9)
        if not close:
            return Outcome.failed(
                f"check() with {what} reports an error of {error:.6g}, expected about "
                f"{reference_error:.3g}: the relative error of analytic against your numerical "
                "gradient"
            )
    return Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=["zero_gradient"], weight=2.0)
def zero_gradients_give_zero_error(c: CheckInput) -> Outcome:
    observed = c.candidate["zero_gradient"]
    if gate := unless_related(
        observed.array("benign_error"),
        c.reference["zero_gradient"].array("benign_error"),
        what="relative_error",
    ):
        return gate
    error, passed = _pair(observed, "zero")
    zero_error = observed.number("zero_error")
    if not (np.isfinite(zero_error) and zero_error == 0.0 and np.isfinite(error)):
        return Outcome.failed(
            f"relative_error(0, 0) is {zero_error!r} and check() at a zero gradient reports "
            f"{error!r}: two equal gradients have error 0; guard the denominator, "
            "max(||a|| + ||n||, 1e-8)"
        )
    # Central differences of this loss at 0 are exactly 0; when yours are (a forward
    # difference's are not: that is mathematics' business), the check must pass.
    if np.all(observed.array("numerical_at_zero") == 0.0) and (error != 0.0 or passed is not True):
        return Outcome.failed(
            f"at the minimum both gradients are exactly 0, yet check() reports ({error!r}, "
            f"{passed}): equal gradients have error 0 and pass"
        )
    return Outcome.passed()


@check(category=Category.CODE_ORGANIZATION, probes=["defaults"])
def default_settings(c: CheckInput) -> Outcome:
    observed = c.candidate["defaults"]
    for key, expected in (("epsilon", 1e-5), ("tolerance", 1e-6)):
        value = observed.value(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not np.isclose(float(value), expected, rtol=1e-12, atol=0.0)
        ):
            return Outcome.failed(
                f"GradientChecker().{key} is {value!r}, expected {expected:g}: store each "
                "setting under its own name"
            )
    return Outcome.passed()


@check(
    category=Category.CODE_ORGANIZATION, probes=["relative_errors", "check_verdicts"], weight=2.0
)
def errors_are_plain_numbers(c: CheckInput) -> Outcome:
    observed = c.candidate["relative_errors"]
    parts = [shape_check(observed.array(key).shape, (), "relative_error(a, n)") for key in ERRORS]
    parts += [dtype_check(observed, key, "real", "relative_error(a, n)") for key in ERRORS]
    value = c.candidate["check_verdicts"].value("true")
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[1], bool):
        parts.append(
            Outcome.failed(f"check() returned {value!r}, expected a tuple (error, passed)")
        )
    return all_of(*parts)
