"""Checks for gradient-check: numerical gradients against the true gradients (computed
here), the step the candidate uses, relative errors and check() verdicts against the
reference; stability compares the candidate with itself (zero gradients, integer
parameters); code organisation reads the interface from the same observations."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_of,
    check,
    compare_values,
    dtype_check,
    shape_check,
    unless_related,
)
from sandbox.observations import ProbeResult

CENTRAL_RTOL, CENTRAL_ATOL = 1e-7, 1e-9  # central differences at 1e-5: error ~1e-10
ERRORS = [f"error_{i}" for i in range(5)]  # as in probes.py
VERDICTS = {"true": True, "scaled": False, "flipped": False}


def _true_quadratic(inputs: ProbeResult) -> np.ndarray:
    A = inputs.array("A")
    gradient: np.ndarray = 0.5 * (A + A.T) @ inputs.array("theta") + inputs.array("b")
    return gradient


def _true_softmax(inputs: ProbeResult) -> np.ndarray:
    X, theta = inputs.array("X"), inputs.array("theta")
    y = inputs.array("y").astype(np.int64)
    logits = X @ theta
    P = np.exp(logits - logits.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(len(y)), y] -= 1.0
    gradient: np.ndarray = X.T @ P / len(y)
    return gradient


def _pair(result: ProbeResult, key: str) -> tuple[float, bool]:
    """check()'s (error, passed), whatever sequence type it came as."""
    value = result.value(key)
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[1], bool):
        raise ObservationError(f"check() returned {value!r}, expected a tuple (error, passed)")
    return float(np.asarray(value[0], dtype=np.float64).reshape(())), value[1]


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["quadratic_gradient"], weight=2.0)
def quadratic_gradient_is_central(c: CheckInput) -> Outcome:
    return compare_values(
        c.candidate["quadratic_gradient"].array("gradient"),
        _true_quadratic(c.reference["quadratic_gradient"]),
        what="numerical_gradient of QuadraticLoss (against the exact gradient; central "
        "differences are exact on a quadratic, forward ones are off by epsilon/2 · A_ii)",
        rtol=CENTRAL_RTOL,
        atol=CENTRAL_ATOL,
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["softmax_gradient"], weight=2.0)
def softmax_gradient_is_central(c: CheckInput) -> Outcome:
    return compare_values(
        c.candidate["softmax_gradient"].array("gradient"),
        _true_softmax(c.reference["softmax_gradient"]),
        what="numerical_gradient of SoftmaxLoss at a (4, 3) theta (against the exact gradient)",
        rtol=CENTRAL_RTOL,
        atol=CENTRAL_ATOL,
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["wide_step"])
def uses_its_epsilon(c: CheckInput) -> Outcome:
    return compare_values(
        c.candidate["wide_step"].array("gradient"),
        c.reference["wide_step"].array("gradient"),
        what="numerical_gradient with epsilon=1e-2 (the central difference with that step: "
        "use self.epsilon)",
        rtol=1e-8,
        atol=1e-12,
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["relative_errors"])
def relative_error_matches_reference(c: CheckInput) -> Outcome:
    candidate, reference = c.candidate["relative_errors"], c.reference["relative_errors"]
    return all_of(
        *(
            compare_values(
                candidate.array(key),
                reference.array(key),
                what=f"relative_error of pair {key[-1]} (||a - n|| / max(||a|| + ||n||, 1e-8), "
                "2-norms over all entries)",
                rtol=1e-6,
                atol=0.0,
            )
            for key in ERRORS
        )
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["check_verdicts"], weight=2.0)
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


@check(category=Category.NUMERICAL_STABILITY, probes=["integer_parameters", "quadratic_gradient"])
def integer_parameters_are_not_truncated(c: CheckInput) -> Outcome:
    if gate := unless_related(
        c.candidate["quadratic_gradient"].array("gradient"),
        _true_quadratic(c.reference["quadratic_gradient"]),
        what="numerical_gradient",
    ):
        return gate
    observed = c.candidate["integer_parameters"]
    return compare_values(
        observed.array("from_integers"),
        observed.array("from_floats"),
        what="numerical_gradient at an integer theta (your value at the same theta as floats: "
        "theta + epsilon must not be truncated to an integer)",
        rtol=1e-9,
        atol=1e-12,
    )


@check(category=Category.CODE_ORGANIZATION, probes=["defaults"], weight=0.5)
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


@check(category=Category.CODE_ORGANIZATION, probes=["softmax_gradient", "quadratic_gradient"])
def gradient_has_the_shape_of_theta(c: CheckInput) -> Outcome:
    parts = []
    for probe in ("quadratic_gradient", "softmax_gradient"):
        observed = c.candidate[probe]
        expected = c.reference[probe].array("theta").shape
        parts += [
            shape_check(
                observed.array("gradient").shape, expected, "numerical_gradient(loss, theta)"
            ),
            dtype_check(observed, "gradient", "real", "numerical_gradient(loss, theta)"),
        ]
    return all_of(*parts)


@check(category=Category.CODE_ORGANIZATION, probes=["relative_errors", "check_verdicts"])
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
