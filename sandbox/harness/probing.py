"""The probe API: what a problem's ``probes.py`` is written against.

A probe is a function ``(ctx: ProbeContext) -> dict[str, value]`` that calls the solution
under test and returns raw observations (arrays, numbers, strings, lists of strings). It
decides nothing: trusted checks outside the sandbox compare the candidate's observations
with the reference's on the same inputs.

Probes belong to a group. Groups run in the order they first appear; the probes of a
group run in definition order in one fresh process and share ``ctx.state``, so a later
probe can use the model an earlier one fitted. If a probe fails (exception, time limit,
crash), the probes after it in the same group are skipped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import types
import warnings
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

ProbeFunction = Callable[["ProbeContext"], dict[str, Any]]

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

    ``budget_seconds`` is the wall-clock time the probe may take, measured by the
    harness from outside the candidate's process. ``sample`` marks probes that a
    candidate's "Run" (not a scored submission) executes.
    """

    def register(function: ProbeFunction) -> ProbeFunction:
        setattr(
            function,
            _PROBE_ATTRIBUTE,
            Probe(function.__name__, group, budget_seconds, sample, function),
        )
        return function

    return register


def collect_probes(module: types.ModuleType) -> list[Probe]:
    """The module's probes, ordered by group (first appearance), then definition order."""
    found = [
        getattr(value, _PROBE_ATTRIBUTE)
        for value in vars(module).values()
        if hasattr(value, _PROBE_ATTRIBUTE)
    ]
    group_order = list(dict.fromkeys(p.group for p in found))
    return sorted(found, key=lambda p: group_order.index(p.group))


@dataclasses.dataclass
class ProbeContext:
    """What a probe gets: the solution module, the secret seed, and its group's state."""

    solution: types.ModuleType
    seed: int
    state: dict[str, Any] = dataclasses.field(default_factory=dict)

    def rng(self, stream: str) -> np.random.Generator:
        """A generator for one named input stream, derived from the secret seed.

        Candidate and reference get identical streams; each submission gets new ones.
        """
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode())])


class FloatingPointLog(list[str]):
    """Floating-point problems seen inside ``watch_floating_point``: one string each."""


@contextlib.contextmanager
def watch_floating_point() -> Iterator[FloatingPointLog]:
    """Record NumPy floating-point errors (overflow, invalid, divide) and RuntimeWarnings.

    Nothing is raised: the block runs to the end and the log says what happened, so a
    check can fail a solution that overflowed even when it returned finite numbers.
    Underflow is not recorded: a stable sigmoid underflows by design.
    """
    log = FloatingPointLog()

    def record(kind: str, _flag: int) -> None:
        log.append(f"numpy floating-point error: {kind}")

    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(all="call", under="ignore", call=record),
    ):
        warnings.simplefilter("always")
        yield log
    log.extend(f"{w.category.__name__}: {w.message}" for w in caught)


def central_difference_losses(
    loss_at: Callable[[np.ndarray], float], point: np.ndarray, step: float
) -> dict[str, np.ndarray]:
    """Evaluate ``loss_at`` at ``point ± step·e_i`` for every coordinate i.

    Returns the raw losses; the trusted side turns them into a finite-difference gradient
    (``sandbox.checking.central_difference``), so the probe computes nothing it could fake.
    """
    flat = np.asarray(point, dtype=np.float64).ravel()
    plus = np.empty(flat.size)
    minus = np.empty(flat.size)
    for i in range(flat.size):
        shifted = flat.copy()
        shifted[i] += step
        plus[i] = float(loss_at(shifted.reshape(np.shape(point))))
        shifted[i] -= 2 * step
        minus[i] = float(loss_at(shifted.reshape(np.shape(point))))
    return {"loss_plus": plus, "loss_minus": minus}
