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

from sandbox.observations import ObservationError, ProbeResult
from sandbox.rubric import Category

__all__ = [
    "Category",
    "Check",
    "CheckInput",
    "ObservationError",
    "Outcome",
    "all_of",
    "central_difference",
    "check",
    "collect_checks",
    "compare_arrays",
    "compare_numbers",
    "fastest",
    "find_sample_loops",
    "gradient_check",
    "loss_history",
    "marginal_time_check",
    "mean_of",
    "all_finite",
    "non_increasing",
]


@dataclasses.dataclass(frozen=True)
class Outcome:
    score: float  # 0 (failed) … 1 (passed); in between is partial credit
    message: str = ""

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


def fastest(results: Mapping[str, ProbeResult], names: Iterable[str]) -> float:
    """The fastest of several timings of the same work: interruptions only ever add time."""
    times = [results[name].wall_seconds for name in names]
    measured = [t for t in times if t is not None]
    if not measured:
        raise ObservationError("no timing was recorded")
    return min(measured)


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


def central_difference(loss_plus: np.ndarray, loss_minus: np.ndarray, step: float) -> np.ndarray:
    """The gradient estimated from ``sandbox.harness.probing.central_difference_losses``."""
    difference = np.asarray(loss_plus, dtype=np.float64) - np.asarray(loss_minus, dtype=np.float64)
    return difference / (2.0 * step)


def gradient_check(
    analytic: np.ndarray,
    loss_plus: np.ndarray,
    loss_minus: np.ndarray,
    step: float,
    *,
    what: str,
    tolerance: float = 1e-4,
) -> Outcome:
    """Compare an analytic gradient with central differences of the candidate's own loss.

    The relative error of coordinate i is ``|g_i - fd_i| / max(|g_i| + |fd_i|, scale / 10)``
    where ``scale`` is the largest ``|g_j| + |fd_j|``: relative per coordinate, but a
    coordinate far smaller than the rest is measured against a tenth of the gradient's
    scale, so a valid epsilon's tiny effect on a near-zero coordinate is not a failure. The
    message names the worst coordinate. A loss that does not change at all under
    perturbation fails: a constant loss makes any zero gradient look "consistent".
    """
    analytic = np.asarray(analytic, dtype=np.float64).ravel()
    loss_plus = np.asarray(loss_plus, dtype=np.float64).ravel()
    loss_minus = np.asarray(loss_minus, dtype=np.float64).ravel()
    if loss_plus.shape != loss_minus.shape:
        return Outcome.failed(
            f"the losses around {what} were recorded for {loss_plus.size} and {loss_minus.size} "
            "coordinates; they must match"
        )
    numeric = central_difference(loss_plus, loss_minus, step)
    if analytic.shape != numeric.shape:
        return Outcome.failed(f"{what} has {analytic.size} values, expected {numeric.size}")
    if not (np.isfinite(analytic).all() and np.isfinite(numeric).all()):
        return Outcome.failed(f"{what} or the loss around it contains NaN or infinity")
    if np.all(np.asarray(loss_plus) == np.asarray(loss_minus)):
        return Outcome.failed("the loss does not change when the parameters change")
    magnitude = np.abs(analytic) + np.abs(numeric)
    floor = max(float(magnitude.max()) / 10.0, 1e-8)
    relative = np.abs(analytic - numeric) / np.maximum(magnitude, floor)
    worst = int(np.argmax(relative))
    if relative[worst] <= tolerance:
        return Outcome.passed(f"worst relative error {relative[worst]:.2e} at {what}[{worst}]")
    return Outcome.failed(
        f"{what}[{worst}] is {analytic[worst]:.6g} but central differences of your loss give "
        f"{numeric[worst]:.6g} (relative error {relative[worst]:.2e} > {tolerance:.0e})"
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


def marginal_time_check(
    *,
    candidate_small: float,
    candidate_large: float,
    reference_small: float,
    reference_large: float,
    what: str,
    max_ratio: float = 15.0,
    slack_seconds: float = 0.02,
    baseline: str = "the reference",
) -> Outcome:
    """Compare how time grows from n to 10n samples, candidate against reference.

    Timings are wall seconds the harness measured outside the candidate's process. The
    extra time for 9n more samples exposes a Python loop over samples (hundreds of times
    the reference's) while ignoring constant overheads.
    """
    extra_candidate = max(candidate_large - candidate_small, 0.0)
    extra_reference = max(reference_large - reference_small, 0.0)
    allowed = max_ratio * extra_reference + slack_seconds
    detail = (
        f"{what}: {candidate_small:.4f} s → {candidate_large:.4f} s for 10× the samples; "
        f"{baseline}: {reference_small:.4f} s → {reference_large:.4f} s"
    )
    if extra_candidate <= allowed:
        return Outcome.passed(detail)
    return Outcome.failed(f"{detail}. The extra time grows like a Python loop over samples")


# --- static analysis: loops over samples ----------------------------------------------


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _is_sample_count(node: ast.AST, arrays: set[str], counts: set[str]) -> bool:
    """``len(X)``, ``X.shape[0]``, ``np.size(X, 0)`` or a name bound to one of them."""
    if isinstance(node, ast.Name):
        return node.id in counts
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len":
        return bool(node.args) and bool(_names_in(node.args[0]) & arrays)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute):
        index = node.slice
        return (
            node.value.attr == "shape"
            and isinstance(index, ast.Constant)
            and index.value == 0
            and bool(_names_in(node.value.value) & arrays)
        )
    if isinstance(node, ast.BinOp):
        return _is_sample_count(node.left, arrays, counts) or _is_sample_count(
            node.right, arrays, counts
        )
    return False


def _iterates_samples(iterable: ast.AST, arrays: set[str], counts: set[str]) -> bool:
    if isinstance(iterable, ast.Name):
        return iterable.id in arrays
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name):
        if iterable.func.id == "range":
            return any(_is_sample_count(arg, arrays, counts) for arg in iterable.args)
        if iterable.func.id in {"enumerate", "zip", "reversed", "list", "iter"}:
            return any(_iterates_samples(arg, arrays, counts) for arg in iterable.args)
    if isinstance(iterable, ast.Subscript):
        return _iterates_samples(iterable.value, arrays, counts)
    return False


def _sample_names(function: ast.FunctionDef) -> tuple[set[str], set[str]]:
    """Names holding per-sample arrays, and names holding the number of samples.

    Every argument but ``self`` is taken to be a per-sample array, and so is arithmetic on
    one (``errors = X @ w - y``); ``n = X.shape[0]`` and ``n, d = X.shape`` bind sample
    counts. Rows picked by indexing and results of calls are not assumed per-sample.
    """
    arrays = {a.arg for a in function.args.args[1:] + function.args.kwonlyargs}
    counts: set[str] = set()
    for _ in range(3):  # propagate through chains of assignments
        for node in ast.walk(function):
            if not isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if value is None:
                continue
            for target in targets:
                if isinstance(target, ast.Tuple) and isinstance(value, ast.Attribute):
                    if value.attr == "shape" and _names_in(value.value) & arrays:
                        first = target.elts[0] if target.elts else None
                        if isinstance(first, ast.Name):
                            counts.add(first.id)
                    continue
                if not isinstance(target, ast.Name):
                    continue
                if _is_sample_count(value, arrays, counts):
                    counts.add(target.id)
                elif _names_in(value) & arrays and not isinstance(
                    value, ast.Attribute | ast.Subscript | ast.Call
                ):
                    # Selected rows (X[idx]: centres, a batch) and results of calls are not
                    # assumed to be per-sample; arithmetic on per-sample arrays is.
                    arrays.add(target.id)
    return arrays, counts


def _method_sample_loops(method: ast.FunctionDef) -> list[tuple[int, str]]:
    arrays, counts = _sample_names(method)
    findings: list[tuple[int, str]] = []
    for inner in ast.walk(method):
        line = getattr(inner, "lineno", 0)
        if isinstance(inner, ast.For) and _iterates_samples(inner.iter, arrays, counts):
            findings.append((line, f"{method.name}() loops over samples"))
        elif isinstance(inner, ast.comprehension) and _iterates_samples(inner.iter, arrays, counts):
            findings.append(
                (inner.iter.lineno, f"{method.name}() iterates over samples in a comprehension")
            )
        elif isinstance(inner, ast.While) and any(
            _is_sample_count(n, arrays, counts) for n in ast.walk(inner.test)
        ):
            findings.append((line, f"{method.name}() loops over samples"))
    return findings


def find_sample_loops(tree: ast.Module, class_name: str, methods: Iterable[str]) -> list[str]:
    """Python loops over samples inside the given methods of ``class_name``.

    Flags ``for``/``while`` loops and comprehensions whose iteration runs over the sample
    dimension of the method's array arguments (``for x in X``, ``range(len(X))``,
    ``range(n_samples)``, ``while i < X.shape[0]``). Loops over iterations, clusters or
    features are allowed. Returns one human-readable finding per loop.
    """
    wanted = set(methods)
    findings: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ClassDef) and node.name == class_name):
            continue
        for method in node.body:
            if not (isinstance(method, ast.FunctionDef) and method.name in wanted):
                continue
            try:
                findings += _method_sample_loops(method)
            except RecursionError:  # too deep to follow: fail closed
                findings.append((method.lineno, f"{method.name}() is nested too deeply to analyse"))
    return [f"line {line}: {text}" for line, text in sorted(findings)]
