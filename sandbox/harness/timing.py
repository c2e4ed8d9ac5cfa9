"""Timed calls, shared by every profile: the declaration of one timed call and the probe
that times it against a plain-NumPy yardstick (``sandbox.timing_checks`` scores it).

A profile says how to make one timed call ready (build a model, fit it, set attributes):
``prepare(args, attributes)`` returns the call to time, with no arguments. Everything else
(fresh inputs per call, sizes n and 10n interleaved with the yardstick, what a call
costs besides computing, the summaries of every output) is the same for every profile.

Hooks of the package's ``probes.py`` (trusted):

- ``<inputs>(rng, n) -> (args, attributes)``: the arguments of the timed call for size n,
  and keyword values (attributes to set first, or keyword arguments);
- ``<yardstick>(*args, **attributes)``: the same work in plain NumPy;
- ``timing_summary(args, output) -> array`` (optional; a timing entry's ``summary`` names
  another hook for its own outputs): what of a timed output is compared
  with the reference's (default: random projections of each part of it, a row per part:
  the items of a tuple or list, else the whole output). A package whose outputs are
  defined up to a sign per column (components) sets ``timing_summary = column_magnitudes``.

Standard library and NumPy only (it runs in the sandbox).
"""

from __future__ import annotations

import dataclasses
import statistics
import types
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.harness import probing

SMALL_TIMING_N = 64  # the untimed call that tells how the candidate's output relates
PROJECTIONS = 8
PROJECTION_BLOCK = 1 << 16  # values projected at once: 4 MB of float64 vectors
MAX_SUMMARISED = 4_000_000  # values of one timed output; more is the wrong size anyway
# A row-wise output (one row per input sample) is also kept as this many of its rows, drawn
# from the seed (the same rows for the reference), when a row holds at most ROW_WIDTH values.
SAMPLED_ROWS, ROW_WIDTH = 256, 64
# The yardstick does its work this many times per timed call, each call timed in its
# (trusted) process; the median is kept, so that one interruption (a pool refill, the
# other core's judging) can neither inflate it nor, by luck, shrink it.
YARDSTICK_REPEATS = 3
RELATIONS = ("proportional", "close")

Inputs = Callable[[np.random.Generator, int], tuple[tuple[Any, ...], dict[str, Any]]]
Prepare = Callable[[tuple[Any, ...], dict[str, Any]], Callable[[], object]]


class TimingError(ValueError):
    """A timing declaration is malformed; the message says where."""


@dataclasses.dataclass(frozen=True)
class TimedCall:
    """One call whose speed matters, as a profile declares it."""

    probe: str  # the name of its probe (and of its check, after "standard_marginal_cost_")
    what: str  # how messages name the call: "predict()", "softmax() forward"
    loops_in: str  # the function or method whose Python loops are hinted when it is slow
    inputs: str  # the hook that makes its arguments: (rng, n) -> (args, attributes)
    yardstick: str  # the hook doing the same work in plain NumPy
    n: int
    rounds: int
    relation: str  # "proportional" or "close": how timed outputs relate to the reference's
    rtol: float
    max_ratio: float  # the extra time allowed, in multiples of the yardstick's
    witness: str | None  # a probe whose values show how the candidate relates to the reference
    rows: bool  # one output row per input sample: sampled rows are compared, not the whole
    summary: str | None  # the hook that says what of an output is compared (None: the default)

    @property
    def check_name(self) -> str:
        return "marginal_cost_" + self.probe.removeprefix("standard_timing_")


def parse_timed_call(
    raw: Mapping[str, Any],
    where: str,
    *,
    probe: str,
    what: str,
    loops_in: str,
    inputs: str,
    rows: bool = False,
) -> TimedCall:
    """The keys every timing entry shares (problems/README.md, the estimator profile)."""
    n = raw.get("n")
    if type(n) is not int or n <= 0:
        raise TimingError(f"profile.{where}.n must be a positive whole number")
    rounds = raw.get("rounds", 2)
    if type(rounds) is not int or rounds <= 0:
        raise TimingError(f"profile.{where}.rounds must be a positive whole number")
    relation = raw.get("relation", "proportional")
    if relation not in RELATIONS:
        raise TimingError(f"profile.{where}.relation must be one of {', '.join(RELATIONS)}")
    return TimedCall(
        probe=probe,
        what=what,
        loops_in=loops_in,
        inputs=str(raw.get("inputs", inputs)),
        yardstick=str(raw.get("yardstick", "yardstick")),
        n=n,
        rounds=rounds,
        relation=str(relation),
        rtol=float(raw.get("rtol", 1e-3)),
        max_ratio=float(raw.get("max_ratio", 15.0)),
        witness=str(raw["witness"]) if raw.get("witness") else None,
        rows=bool(raw.get("rows", rows)),
        summary=str(raw["summary"]) if raw.get("summary") else None,
    )


def hook(hooks: types.ModuleType, name: str) -> Callable[..., Any]:
    function = getattr(hooks, name, None)
    if not callable(function):
        raise TimingError(f"probes.py must define {name}() for the profile")
    return function  # type: ignore[no-any-return]


def timing_labels(rounds: int) -> list[str]:
    """The small untimed call, then n and 10n interleaved, ``rounds`` times."""
    return ["small"] + [f"{size}_{r}" for r in range(rounds) for size in ("n", "10n")]


def time_calls(
    ctx: probing.ProbeContext,
    hooks: types.ModuleType,
    spec: TimedCall,
    prepare: Prepare,
    inputs: Inputs | None = None,
) -> dict[str, Any]:
    """Fresh inputs for every timed call, interleaved with the yardstick; every output
    is summarised and kept, so a fast but wrong answer cannot hide. ``inputs`` makes the
    arguments (default: the hook ``spec.inputs``)."""
    make_inputs = inputs or hook(hooks, spec.inputs)
    rng = ctx.rng(spec.probe)
    if spec.summary is not None:
        summarise = hook(hooks, spec.summary)
    else:
        summarise = getattr(hooks, "timing_summary", None) or _projection_summary(ctx)
    observed: dict[str, Any] = {}
    for label in timing_labels(spec.rounds):
        n = SMALL_TIMING_N if label == "small" else spec.n * (10 if label[0] == "1" else 1)
        args, attributes = make_inputs(rng, n)
        if label != "small" and ctx.measures_speed:
            hook(hooks, spec.yardstick)
            inside, whole = ctx.yardstick(
                spec.yardstick, *args, repeat=YARDSTICK_REPEATS, **attributes
            )
            observed[f"yardstick:{label}"] = statistics.median(inside)
            # What the same call costs besides computing (its inputs' and its output's
            # transfers), which the candidate's call of this label pays alike.
            observed[f"overhead:{label}"] = max(whole - sum(inside), 0.0)
        call = prepare(tuple(args), dict(attributes))
        with ctx.timer() as timer:
            output = call()
        observed[f"seconds:{label}"] = timer.seconds
        numbers = numbers_in(output)
        observed[f"size:{label}"] = -1 if numbers is None else numbers.size
        observed[f"finite:{label}"] = numbers is not None and bool(np.isfinite(numbers).all())
        observed[f"summary:{label}"] = (
            None
            if numbers is None or numbers.size > MAX_SUMMARISED
            else _summary(summarise, args, output)
        )
        if spec.rows:
            observed[f"rows:{label}"] = _sampled_rows(ctx, n, output, numbers)
    return observed


def _summary(
    summarise: Callable[[tuple[Any, ...], object], object], args: tuple[Any, ...], output: object
) -> np.ndarray:
    """What of ``output`` is compared; NaN (related to nothing) when the summary cannot read
    an output of the wrong form, such as centres that are not points of the inputs' space."""
    try:
        return np.asarray(summarise(args, output), dtype=np.float64)
    except (IndexError, TypeError, ValueError):
        return np.full(1, np.nan)


def _sampled_rows(
    ctx: probing.ProbeContext, n: int, output: object, numbers: np.ndarray | None
) -> np.ndarray | None:
    """``SAMPLED_ROWS`` rows of a single array with one row per input sample, drawn from
    the seed (the same rows for the reference); ``None`` for any other output."""
    if isinstance(output, list | tuple) or numbers is None or numbers.size % n:
        return None
    width = numbers.size // n
    if not 0 < width <= ROW_WIDTH:
        return None
    rows = ctx.rng(f"standard_rows_{n}").choice(n, size=min(n, SAMPLED_ROWS), replace=False)
    return numbers.reshape(n, width)[np.sort(rows)]


def numbers_in(value: object) -> np.ndarray | None:
    """Every number a value holds, as one flat float array (``None`` if it holds others)."""
    if isinstance(value, list | tuple):
        parts = [numbers_in(item) for item in value]
        if any(part is None for part in parts):
            return None
        return np.concatenate([p for p in parts if p is not None]) if parts else np.empty(0)
    if isinstance(value, bool | int | float | np.ndarray) and not isinstance(value, np.bool_):
        array = np.asarray(value)
        if array.dtype.kind in "biuf":
            return array.astype(np.float64).ravel()
    return None


def column_magnitudes(args: tuple[Any, ...], output: object) -> np.ndarray:
    """A ``timing_summary`` for outputs defined up to the sign of each column (the
    components of PCA or a truncated SVD, and the matching columns of ``transform``): the
    sum of |values| of each column when the output has one row per input sample (the first
    argument's rows), else every |value|. Signs are code organization's, not speed's."""
    values = np.abs(np.asarray(output, dtype=np.float64))
    rows = len(args[0])
    if values.size > rows and values.size % rows == 0:
        return np.asarray(values.reshape(rows, -1).sum(axis=0))
    return values.ravel()


def rows_in_order(args: tuple[Any, ...], output: object) -> np.ndarray:
    """A ``timing_summary`` for outputs that are a set of points in the inputs' space
    (cluster centres), defined up to the order of their rows: the rows, as wide as the first
    argument's, sorted. Which label a cluster gets is mathematical correctness's, not speed's."""
    rows = np.asarray(output, dtype=np.float64).reshape(-1, np.shape(args[0])[1])
    return np.asarray(rows[np.lexsort(rows.T[::-1])].ravel())


def _projection_summary(
    ctx: probing.ProbeContext,
) -> Callable[[tuple[Any, ...], object], np.ndarray]:
    """Random projections of each part of an output (a row per part): enough to tell
    whether two outputs, or their parts, are proportional, at a fraction of their size
    (the same vectors for the reference).

    The vectors are random signs held as int8 and applied a block at a time: Gaussian
    float64 vectors for a 2-million-value output took 128 MB, a quarter of the sandbox's
    memory, and the container was killed."""

    signs: dict[int, np.ndarray] = {}  # by part size: drawn once per probe, not per call

    def project(numbers: np.ndarray) -> np.ndarray:
        if numbers.size not in signs:
            stream = ctx.rng(f"standard_projection_{numbers.size}")
            drawn = stream.integers(0, 2, size=(PROJECTIONS, numbers.size), dtype=np.int8)
            signs[numbers.size] = drawn * np.int8(2) - np.int8(1)
        vectors = signs[numbers.size]
        projected = np.zeros(PROJECTIONS)
        with np.errstate(all="ignore"):
            for start in range(0, numbers.size, PROJECTION_BLOCK):
                block = slice(start, start + PROJECTION_BLOCK)
                projected += vectors[:, block].astype(np.float64) @ numbers[block]
        return projected

    def summarise(_args: tuple[Any, ...], output: object) -> np.ndarray:
        parts = output if isinstance(output, list | tuple) and output else [output]
        numbers = [numbers_in(part) for part in parts]
        assert all(part is not None for part in numbers)
        return np.stack([project(part) for part in numbers if part is not None])

    return summarise
