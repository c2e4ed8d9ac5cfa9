"""The probe API: what a problem's ``probes.py`` (and the standard probes) are written against.

A probe is a function ``(ctx: ProbeContext) -> dict[str, value]``. It runs in the harness,
never in the candidate's process: it draws inputs from the secret seed, calls the code under
test through ``ctx.solution`` (a proxy: every call is a request to the candidate's process,
which answers with a raw return value), and returns observations. It decides nothing:
trusted checks outside the sandbox score the observations.

Probes belong to a group. Groups run in the order they first appear; each group gets a
fresh candidate process, and its probes run in definition order and share ``ctx.state``
(a later probe can use the model an earlier one fitted). If a probe fails (the code raised,
ran out of time or memory, crashed), the probes after it in the same group are skipped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import types
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from sandbox.harness import transcript, wire
from sandbox.harness.calls import Caller, CandidateFailure, RemoteObject

__all__ = [
    "CandidateFailure",
    "Probe",
    "ProbeContext",
    "Timer",
    "collect_probes",
    "directional_losses",
    "probe",
    "run_probe",
]

ProbeFunction = Callable[["ProbeContext"], dict[str, Any]]
# A probe whose code answered with values it could not use: its checks are not measured,
# the group goes on (the candidate's process is fine), and it is not a runtime error.
UNUSABLE = "unusable"
GOES_ON = ("ok", UNUSABLE)

_PROBE_ATTRIBUTE = "__numjudge_probe__"


@dataclasses.dataclass(frozen=True)
class Probe:
    name: str
    group: str
    budget_seconds: float
    sample: bool
    function: ProbeFunction


def probe(
    *, group: str, budget_seconds: float = 2.0, sample: bool = False
) -> Callable[[ProbeFunction], ProbeFunction]:
    """Mark a function as a probe.

    ``budget_seconds`` is the wall-clock time the probe may take, inputs and calls
    included. ``sample`` marks probes that a candidate's "Run" (not a scored submission)
    executes.
    """

    def register(function: ProbeFunction) -> ProbeFunction:
        setattr(
            function,
            _PROBE_ATTRIBUTE,
            Probe(function.__name__, group, budget_seconds, sample, function),
        )
        return function

    return register


def collect_probes(*modules: types.ModuleType) -> list[Probe]:
    """The modules' probes, ordered by group (first appearance), then definition order."""
    found = [
        getattr(value, _PROBE_ATTRIBUTE)
        for module in modules
        for value in vars(module).values()
        if hasattr(value, _PROBE_ATTRIBUTE)
    ]
    group_order = list(dict.fromkeys(p.group for p in found))
    return sorted(found, key=lambda p: group_order.index(p.group))


@dataclasses.dataclass
class Timer:
    """Seconds spent inside calls to the code under test, measured outside it (on the
    caller's clock: the sandbox's CPU seconds in the harness, the wall in-process)."""

    seconds: float = 0.0


@contextlib.contextmanager
def _no_freeze() -> Iterator[None]:
    yield


@dataclasses.dataclass
class ProbeContext:
    """What a probe gets: the code under test, the secret seed and its group's state."""

    solution: RemoteObject
    seed: int
    caller: Caller
    # Calls functions of the problem's probes module (trusted) in a process the candidate
    # cannot touch, through the same channel as the candidate's calls.
    yardstick_caller: Caller
    # Stops every process of the candidate while trusted code is timed (no-op for trusted
    # code under test, which has no processes of its own).
    freeze: Callable[[], contextlib.AbstractContextManager[None]] = _no_freeze
    state: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Kept by the harness for the whole run (trusted): a later group's probe may use what an
    # earlier group observed, in a candidate process that remembers nothing of it.
    shared: dict[str, Any] = dataclasses.field(default_factory=dict)
    # False for trusted code run in-process (the reference): its timings are never compared,
    # so probes may skip measuring the yardstick.
    measures_speed: bool = True

    def rng(self, stream: str) -> np.random.Generator:
        """A generator for one named input stream, derived from the secret seed.

        Candidate and reference get identical streams; each submission gets new ones.
        """
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode())])

    @contextlib.contextmanager
    def timer(self) -> Iterator[Timer]:
        """Time the calls made inside the block (only the calls: not the probe's own work)."""
        timer = Timer()
        before = self.caller.call_seconds
        try:
            yield timer
        finally:
            timer.seconds = self.caller.call_seconds - before

    def yardstick(
        self, function: str, *args: object, repeat: int = 1, **kwargs: object
    ) -> tuple[list[float], float]:
        """Call ``function`` of the problem's ``probes.py`` ``repeat`` times in one request,
        sent the way the candidate's calls are (same channel, same encoding), to a clean
        trusted process, with every candidate process stopped. Returns the seconds of each
        call, measured in that process around the call alone, and the time of the whole
        request measured here, as the candidate's calls are: the difference is what any
        call with these inputs and an output of this size costs besides computing. The
        speed of plain NumPy on this machine, which the candidate can neither slow nor
        see."""
        with self.freeze():
            before = self.yardstick_caller.call_seconds
            answer = self.yardstick_caller.request("time", 0, function, args, kwargs, repeat)
            whole = self.yardstick_caller.call_seconds - before
        assert isinstance(answer, list) and isinstance(answer[0], list)  # trusted
        return [float(seconds) for seconds in answer[0] if isinstance(seconds, float)], whole


def run_probe(item: Probe, context: ProbeContext) -> dict[str, Any]:
    """One probe as a report (without timings): observations, or how it failed. A sample
    probe's report also has its transcript: the calls it made, in words."""
    with contextlib.ExitStack() as stack:
        calls = stack.enter_context(transcript.transcribing()) if item.sample else None
        report = _probe_report(item, context)
    if calls is not None:
        report["transcript"] = calls.to_wire()
    return report


def _probe_report(item: Probe, context: ProbeContext) -> dict[str, Any]:
    try:
        values = item.function(context)
        if observed_bytes(values) > MAX_OBSERVED_BYTES:
            return {
                "name": item.name,
                "status": "output_limit",
                "error": "your code's results were larger than the judge accepts",
            }
        observations = wire.encode_observations(values)
    except CandidateFailure as failure:
        return {"name": item.name, "status": failure.status, "error": failure.message}
    except Exception as error:  # the probe could not use what the code returned
        return {
            "name": item.name,
            "status": UNUSABLE,
            "error": f"the judge could not use what your code returned: "
            f"{type(error).__name__}: {str(error)[:500]}",
        }
    return {"name": item.name, "status": "ok", "observations": observations}


MAX_OBSERVED_BYTES = 24 << 20  # what one probe may observe, before it is encoded


def observed_bytes(values: object) -> int:
    """The size of a probe's observations (arrays by their bytes; lists and dicts summed)."""
    if isinstance(values, np.ndarray):
        return int(values.nbytes)
    if isinstance(values, dict):
        return sum(observed_bytes(v) for v in values.values())
    if isinstance(values, list | tuple):
        return sum(observed_bytes(v) for v in values)
    return 64


def directional_losses(
    loss_at: Callable[[np.ndarray], object],
    point: np.ndarray,
    rng: np.random.Generator,
    step: float,
    count: int | None = None,
) -> dict[str, Any]:
    """Evaluate ``loss_at`` at ``point ± step·u`` for ``count`` (default ``point.size``)
    random unit directions u.

    Random directions (not the coordinate axes) in a shuffled order: a loss cannot tell
    from its inputs which evaluations belong together. The raw losses are returned;
    ``sandbox.checking.gradient_check`` compares their slopes with the analytic gradient.
    """
    flat = np.asarray(point, dtype=np.float64).ravel()
    rows = flat.size if count is None else count
    directions = rng.normal(size=(rows, flat.size))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    plus = np.empty(rows)
    minus = np.empty(rows)
    order = rng.permutation(2 * rows)
    for index in order:
        row, sign = divmod(int(index), 2)
        shifted = flat + (step if sign == 0 else -step) * directions[row]
        loss = loss_at(shifted.reshape(np.shape(point)))
        (plus if sign == 0 else minus)[row] = _as_float(loss)
    return {"directions": directions, "loss_plus": plus, "loss_minus": minus, "step": step}


def _as_float(value: object) -> float:
    try:
        return float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        return float("nan")  # not a single number: the gradient check says so
