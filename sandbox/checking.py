"""The check API: what a problem's ``checks.py`` is written against. Trusted side only.

A check is a pure function ``(CheckInput) -> Outcome``. It reads the candidate's and the
reference's observations of the same probes (and the candidate's source), and says how
well one rubric criterion is met. Checks never run candidate code.

    @check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["gradient_at_random_point"])
    def gradient_matches_reference(c: CheckInput) -> Outcome:
        return compare_arrays(
            c.candidate["gradient_at_random_point"].array("dw"),
            c.reference["gradient_at_random_point"].array("dw"),
            what="dw",
        )

A check runs only if every probe it names succeeded for the candidate; otherwise it fails
with the probe's own error. ``ObservationError`` raised inside a check (a missing or
wrongly typed observation) fails the check with its message.
"""

from __future__ import annotations

import ast
import dataclasses
import types
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from sandbox.loops import find_sample_loops, loop_hints
from sandbox.observations import ObservationError, ProbeResult
from sandbox.rubric import Category

__all__ = [
    "Category",
    "Check",
    "CheckInput",
    "ObservationError",
    "Outcome",
    "aligning_signs",
    "all_finite",
    "all_of",
    "check",
    "collect_checks",
    "compare_arrays",
    "compare_numbers",
    "compare_up_to_sign",
    "compare_values",
    "describe_factor",
    "dtype_check",
    "fastest_of",
    "find_sample_loops",
    "gradient_check",
    "loop_hints",
    "loss_history",
    "mean_of",
    "non_increasing",
    "proportional_factor",
    "relation_to_reference",
    "same_loss_as_elsewhere",
    "shape_check",
    "unless_related",
    "unless_reproduced",
]


@dataclasses.dataclass(frozen=True)
class Outcome:
    score: float  # 0 (failed) … 1 (passed); in between is partial credit
    message: str = ""
    measured: bool = True  # False: what the check measures could not be observed

    @classmethod
    def not_measured(cls, message: str) -> Outcome:
        """Nothing to measure (the code failed earlier): no points, and not a second fault."""
        return cls(0.0, message, measured=False)

    @classmethod
    def passed(cls, message: str = "") -> Outcome:
        return cls(1.0, message)

    @classmethod
    def failed(cls, message: str) -> Outcome:
        return cls(0.0, message)

    @classmethod
    def partial(cls, score: float, message: str) -> Outcome:
        return cls(min(1.0, max(0.0, score)), message)

    @property
    def is_pass(self) -> bool:
        return self.score >= 1.0


@dataclasses.dataclass(frozen=True)
class CheckInput:
    candidate: Mapping[str, ProbeResult]
    reference: Mapping[str, ProbeResult]
    source: str
    tree: ast.Module


CheckFunction = Callable[[CheckInput], Outcome]

_CHECK_ATTRIBUTE = "__numjudge_check__"


@dataclasses.dataclass(frozen=True)
class Check:
    name: str
    category: Category
    probes: tuple[str, ...]
    weight: float
    function: CheckFunction


def check(
    *, category: Category | str, probes: Sequence[str] = (), weight: float = 1.0
) -> Callable[[CheckFunction], CheckFunction]:
    """Mark a function as a check of one rubric category.

    ``probes`` names the probes whose observations it reads; ``weight`` is its share of
    the category's score relative to the category's other checks.
    """

    def register(function: CheckFunction) -> CheckFunction:
        setattr(
            function,
            _CHECK_ATTRIBUTE,
            Check(function.__name__, Category(category), tuple(probes), weight, function),
        )
        return function

    return register


def collect_checks(module: types.ModuleType) -> list[Check]:
    return [
        getattr(value, _CHECK_ATTRIBUTE)
        for value in vars(module).values()
        if hasattr(value, _CHECK_ATTRIBUTE)
    ]


def fastest_of(result: ProbeResult, keys: Iterable[str]) -> float:
    """The fastest of several timings (observations in seconds) of the same work."""
    return min(result.number(key) for key in keys)


def all_of(*outcomes: Outcome) -> Outcome:
    """The first outcome that is not a pass, or a pass: every part must hold."""
    return next((o for o in outcomes if not o.is_pass), Outcome.passed())


def mean_of(outcomes: Sequence[Outcome]) -> Outcome:
    """Equally weighted parts: partial credit, with the messages of the parts that failed."""
    score = sum(o.score for o in outcomes) / len(outcomes)
    if score >= 1.0:
        return Outcome.passed()
    return Outcome.partial(
        score, "; ".join(o.message for o in outcomes if not o.is_pass and o.message)
    )


def loss_history(result: ProbeResult, key: str = "loss_history") -> np.ndarray:
    """A recorded loss history as a 1-d float array, or an ``ObservationError`` saying why not."""
    if result.value(key) is None:
        raise ObservationError(
            f"the model has no {key} after fit(): record the loss of every iteration in self.{key}"
        )
    history = result.array(key)
    if history.ndim != 1:
        raise ObservationError(f"{key} has shape {history.shape}, expected a flat list of numbers")
    return history


def _describe_index(index: tuple[int, ...]) -> str:
    return f"[{', '.join(str(i) for i in index)}]" if index else ""


def compare_arrays(
    actual: npt.ArrayLike,
    expected: npt.ArrayLike,
    *,
    what: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
) -> Outcome:
    """Pass when shapes match, all values are finite and ``actual ≈ expected``."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        return Outcome.failed(f"{what} has shape {actual.shape}, expected {expected.shape}")
    bad = ~np.isfinite(actual)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        return Outcome.failed(
            f"{what}{_describe_index(index)} is {actual[index]}: "
            f"{int(bad.sum())} value(s) are NaN or infinite"
        )
    error = np.abs(actual - expected)
    allowed = atol + rtol * np.abs(expected)
    if (error <= allowed).all():
        return Outcome.passed()
    index = tuple(int(i) for i in np.unravel_index(np.argmax(error - allowed), error.shape))
    return Outcome.failed(
        f"{what}{_describe_index(index)} is {actual[index]:.6g}, expected {expected[index]:.6g} "
        f"(|difference| {error[index]:.3g}; {int((error > allowed).sum())} of {error.size} "
        "value(s) off)"
    )


def compare_numbers(
    actual: float, expected: float, *, what: str, rtol: float = 1e-5, atol: float = 1e-8
) -> Outcome:
    return compare_arrays(np.float64(actual), np.float64(expected), what=what, rtol=rtol, atol=atol)


def describe_factor(
    actual: npt.ArrayLike, expected: npt.ArrayLike, *, samples: int | None = None
) -> str:
    """A constant factor between two arrays of the same size, in words ('' if none)."""
    a = np.asarray(actual, dtype=np.float64).ravel()
    b = np.asarray(expected, dtype=np.float64).ravel()
    if a.shape != b.shape or not (np.isfinite(a).all() and np.isfinite(b).all()):
        return ""
    factor = proportional_factor(a, b, rtol=1e-6)
    if factor is None or f"{factor:.6g}" == "1":  # "1 times" would say nothing
        return ""
    named = {2.0: "2", 0.5: "1/2", -1.0: "-1"}
    if samples:
        named.update({float(samples): "n", 1.0 / samples: "1/n", 2.0 * samples: "2n"})
    for value, text in named.items():
        if abs(factor - value) <= 1e-6 * abs(value):
            return f" Your values are {text} times the expected ones."
    return f" Your values are {factor:.6g} times the expected ones."


def proportional_factor(
    actual: npt.ArrayLike, expected: npt.ArrayLike, *, rtol: float
) -> float | None:
    """c with ``actual ≈ c · expected`` (c ≠ 0), or ``None`` when there is no such c."""
    a = np.asarray(actual, dtype=np.float64).ravel()
    b = np.asarray(expected, dtype=np.float64).ravel()
    if a.shape != b.shape or a.size == 0:
        return None
    with np.errstate(all="ignore"):
        scale = float(b @ b)
        if not np.isfinite(scale) or scale == 0.0 or not np.isfinite(a).all():
            return None
        factor = float(a @ b) / scale
        residual = float(np.linalg.norm(a - factor * b))
        if factor == 0.0 or residual > rtol * abs(factor) * float(np.linalg.norm(b)):
            return None
    return factor


def relation_to_reference(
    actual: npt.ArrayLike, expected: npt.ArrayLike, relation: str, rtol: float
) -> bool:
    """Whether an output relates to the reference's: "proportional" (any constant factor,
    so a convention such as a missing 1/2 counts) or "close" (equal up to ``rtol``)."""
    a = np.asarray(actual, dtype=np.float64)
    b = np.asarray(expected, dtype=np.float64)
    if a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=0.0)):
        return True  # equal (zeros included)
    return (
        relation == "proportional" and proportional_factor(a, b, rtol=max(rtol, 1e-6)) is not None
    )


def unless_related(actual: npt.ArrayLike, expected: npt.ArrayLike, *, what: str) -> Outcome | None:
    """``None`` when ``actual`` is the reference's ``expected`` up to a constant factor, else
    a "not measured" outcome: stability (or speed) is only measured on values that compute
    the right quantity, in some convention; a wrong formula is mathematical_correctness's."""
    a = np.asarray(actual, dtype=np.float64)
    b = np.asarray(expected, dtype=np.float64)
    if a.size == b.size and proportional_factor(a, b, rtol=1e-3) is not None:
        return None
    return Outcome.not_measured(
        f"not measured: {what} does not match the reference even up to a constant factor "
        "(see mathematical_correctness)"
    )


def unless_reproduced(
    predicted: npt.ArrayLike, labels: npt.ArrayLike, *, share: float, what: str
) -> Outcome | None:
    """``None`` when at least ``share`` of ``predicted`` equal ``labels`` (the same number of
    values, any shape), else a "not measured" outcome: the stability gate of a classifier
    whose predictions cannot be compared with the reference's, but which must fit labels it
    was trained on (a fully grown tree). A constant prediction is "stable" and earns nothing."""
    found = np.asarray(predicted, dtype=np.float64).ravel()
    expected = np.asarray(labels, dtype=np.float64).ravel()
    if found.size == expected.size and float(np.mean(found == expected)) >= share:
        return None
    return Outcome.not_measured(
        f"not measured: {what} does not reproduce {share:.0%} of its training labels "
        "(see mathematical_correctness)"
    )


def compare_values(
    actual: npt.ArrayLike,
    expected: npt.ArrayLike,
    *,
    what: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    samples: int | None = None,
) -> Outcome:
    """``compare_arrays`` under the shape policy: an output with the right number of values
    is compared after reshaping (its shape is code_organization's business), and a failure
    names a constant factor when there is one."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.size == expected.size:
        actual = actual.reshape(expected.shape)
    else:
        return Outcome.failed(f"{what} has {actual.size} values, expected {expected.size}")
    outcome = compare_arrays(actual, expected, what=what, rtol=rtol, atol=atol)
    if outcome.is_pass:
        return outcome
    return Outcome.failed(outcome.message + describe_factor(actual, expected, samples=samples))


def aligning_signs(actual: npt.ArrayLike, expected: npt.ArrayLike) -> np.ndarray:
    """For two ``(k, d)`` arrays, the sign (+1 or -1) per row that makes each row of
    ``actual`` point the way its row of ``expected`` does (+1 where they are orthogonal)."""
    a = np.asarray(actual, dtype=np.float64)
    b = np.asarray(expected, dtype=np.float64)
    with np.errstate(all="ignore"):
        return np.where(np.einsum("ij,ij->i", a, b) < 0.0, -1.0, 1.0)


def compare_up_to_sign(
    actual: npt.ArrayLike,
    expected: npt.ArrayLike,
    *,
    what: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
) -> Outcome:
    """``compare_values`` for vectors defined up to their sign (eigenvectors, singular
    vectors, principal axes): each row of ``actual`` (reshaped to ``expected``'s ``(k, d)``)
    may be flipped as a whole; a sign convention, if the problem states one, is a check of
    its own."""
    a = np.asarray(actual, dtype=np.float64)
    b = np.asarray(expected, dtype=np.float64)
    if a.size != b.size or b.ndim != 2:
        return compare_values(a, b, what=what, rtol=rtol, atol=atol)
    a = a.reshape(b.shape)
    return compare_values(a * aligning_signs(a, b)[:, None], b, what=what, rtol=rtol, atol=atol)


def shape_check(actual: tuple[int, ...], expected: tuple[int, ...], what: str) -> Outcome:
    if tuple(actual) == tuple(expected):
        return Outcome.passed()
    wanted = "a single number" if expected == () else f"shape {tuple(expected)}"
    return Outcome.failed(f"{what} has shape {tuple(actual)}, expected {wanted}")


def dtype_check(result: ProbeResult, key: str, kind: str, what: str) -> Outcome:
    """``kind`` "real": floating point (a Python or NumPy float, a float array); "label":
    integers (not booleans, not floats)."""
    value = result.value(key)
    dtype = result.dtypes.get(key, "")
    found: str
    if isinstance(value, np.ndarray):
        found = np.dtype(dtype).kind if dtype else value.dtype.kind
    elif isinstance(value, bool):
        found = "b"
    elif isinstance(value, int):
        found = "i"
    elif isinstance(value, float):
        found = "f"
    else:
        found = "?"
    if kind == "real" and found == "f":
        return Outcome.passed()
    if kind == "label" and found in "iu":
        return Outcome.passed()
    wanted = "floating-point numbers" if kind == "real" else "integers (not booleans or floats)"
    shown = dtype or result.types.get(key, "?")
    return Outcome.failed(f"{what} holds {shown}, expected {wanted}")


def gradient_check(
    analytic: npt.ArrayLike,
    observed: ProbeResult,
    *,
    what: str,
    tolerance: float = 1e-4,
) -> Outcome:
    """Compare an analytic gradient with finite differences of the candidate's own loss.

    ``observed`` holds what ``sandbox.harness.probing.directional_losses`` recorded: the
    loss at ``point ± step·u`` for random unit directions u. The slope along u_i, from the
    losses, is compared with ``u_i · gradient``; the relative error of direction i is
    ``|a_i - fd_i| / max(|a_i| + |fd_i|, scale / 10)`` where ``scale`` is the largest
    ``|a_j| + |fd_j|``, so a direction along which the loss hardly changes is not held to a
    precision finite differences cannot give. A loss that does not change at all fails: a
    constant loss makes any zero gradient look "consistent".
    """
    gradient = np.asarray(analytic, dtype=np.float64).ravel()
    directions = observed.array("directions")
    loss_plus = observed.array("loss_plus").ravel()
    loss_minus = observed.array("loss_minus").ravel()
    step = observed.number("step")
    if directions.ndim != 2 or directions.shape[1] != gradient.size:
        return Outcome.failed(f"{what} has {gradient.size} values, expected {directions.shape[-1]}")
    if not (np.isfinite(loss_plus).all() and np.isfinite(loss_minus).all()):
        return Outcome.failed("your loss returned NaN, infinity or not a single number")
    if not np.isfinite(gradient).all():
        return Outcome.failed(f"{what} contains NaN or infinity")
    if np.all(loss_plus == loss_minus):
        return Outcome.failed("the loss does not change when the parameters change")
    numeric = (loss_plus - loss_minus) / (2.0 * step)
    along = directions @ gradient
    magnitude = np.abs(along) + np.abs(numeric)
    floor = max(float(magnitude.max()) / 10.0, 1e-8)
    relative = np.abs(along - numeric) / np.maximum(magnitude, floor)
    worst = int(np.argmax(relative))
    if relative[worst] <= tolerance:
        return Outcome.passed(f"worst relative error {relative[worst]:.2e}")
    factor = proportional_factor(along, numeric, rtol=1e-3)
    hint = f" Your gradient is {factor:.4g} times the slope of your loss." if factor else ""
    return Outcome.failed(
        f"along a random direction your {what} gives a slope of {along[worst]:.6g} but your "
        f"loss changes at {numeric[worst]:.6g} (relative error {relative[worst]:.2e} > "
        f"{tolerance:.0e}): the gradient must be the derivative of your own loss.{hint}"
    )


def same_loss_as_elsewhere(
    candidate: ProbeResult, reference: ProbeResult, factor: float | None
) -> Outcome:
    """The losses a gradient check used are the candidate's loss as it gives it elsewhere.

    ``factor`` is how the candidate's loss relates to the reference's on a plain call
    (``proportional_factor``; ``None`` when it does not). The losses evaluated around the
    point must relate to the reference's by that same factor, so a loss that notices it is
    being finite-differenced and bends cannot make a wrong gradient look consistent.
    """
    if factor is None:
        return Outcome.passed()  # a wrong loss is mathematical_correctness's (loss check)
    keys = ("loss_plus", "loss_minus")
    ours = np.concatenate([candidate.array(k).ravel() for k in keys])
    theirs = np.concatenate([reference.array(k).ravel() for k in keys])
    found = proportional_factor(ours, theirs, rtol=1e-6)
    if found is not None and abs(found - factor) <= 1e-6 * abs(factor):
        return Outcome.passed()
    return Outcome.failed(
        "the losses your code gave around the point whose gradient was checked are not the "
        "loss it gives elsewhere: the gradient is checked against your own loss, as a whole"
    )


def all_finite(values: npt.ArrayLike, *, what: str) -> Outcome:
    """Pass when every value is finite (no NaN, no infinity)."""
    array = np.asarray(values, dtype=np.float64)
    bad = ~np.isfinite(array)
    if not bad.any():
        return Outcome.passed()
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    return Outcome.failed(
        f"{what}{_describe_index(index)} is {array[index]}: "
        f"{int(bad.sum())} of {array.size} value(s) are NaN or infinite"
    )


def non_increasing(history: np.ndarray, *, what: str, tolerance: float = 1e-9) -> Outcome:
    """Pass when every step of ``history`` goes down or stays (up to a relative tolerance)."""
    history = np.asarray(history, dtype=np.float64).ravel()
    if history.size < 2:
        return Outcome.failed(f"{what} has {history.size} entries; record one per iteration")
    if not np.isfinite(history).all():
        return Outcome.failed(f"{what} contains NaN or infinity")
    rises = np.diff(history) > tolerance * np.maximum(np.abs(history[:-1]), 1.0)
    if not rises.any():
        return Outcome.passed()
    i = int(np.argmax(rises))
    return Outcome.failed(
        f"{what} goes up at iteration {i + 1}: {history[i]:.6g} → {history[i + 1]:.6g}"
    )
