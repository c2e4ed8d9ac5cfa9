"""Grading one check: its preconditions (the probes it reads), then the check itself under a
time budget, retried on the reference's observations when it raises.

Runs on the host for a trusted package (``sandbox.judge``) and inside a package container
for an untrusted one (``sandbox.package_main``): standard library, NumPy and the check API
only, so one function serves both.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
from collections.abc import Iterator

from sandbox.checking import Check, CheckInput, Outcome
from sandbox.observations import ObservationError, ProbeStatus

CHECK_SECONDS = 5.0  # what one check may take on one side's observations


class CheckTimeout(Exception):
    """A check ran past ``CHECK_SECONDS``."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``CheckTimeout`` in the block after ``seconds`` (main thread only: elsewhere,
    as in a thread pool, checks run without a budget)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise CheckTimeout(f"a check took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_check(item: Check, inputs: CheckInput) -> Outcome:
    with time_budget(CHECK_SECONDS):
        return item.function(inputs)


def precondition(item: Check, inputs: CheckInput) -> tuple[Outcome, bool] | None:
    """The outcome of a check that cannot run (with whether the judge is at fault), or
    ``None`` when every probe it reads completed on both sides. Reads only observations:
    never the check's own code."""
    for name in item.probes:
        reference = inputs.reference.get(name)
        if reference is None or not reference.ok:
            error = reference.error if reference else "not run"
            return Outcome.failed(
                f"judge error: the reference failed probe '{name}': {error}"
            ), True
        result = inputs.candidate.get(name)
        if result is not None and result.status is ProbeStatus.UNUSABLE:
            return Outcome.failed(result.error), False
        if result is None or not result.ok:
            status = result.status.value if result else "not run"
            return Outcome.not_measured(f"not measured: probe '{name}' {status}"), False
    return None


def evaluate(item: Check, inputs: CheckInput) -> tuple[Outcome, bool]:
    """Run a check whose preconditions hold. A check that raises on the candidate's
    observations fails; it is the judge's fault only if it raises on the reference's too."""
    try:
        return run_check(item, inputs), False
    except ObservationError as error:
        return Outcome.failed(str(error)), False
    except Exception as error:  # CheckTimeout and MemoryError included
        problem = f"{type(error).__name__}: {str(error)[:300]}"
    try:  # the same check with the reference as the candidate
        run_check(item, dataclasses.replace(inputs, candidate=inputs.reference))
    except Exception as error:  # a bug in the problem's checks, never the candidate's fault
        return Outcome.failed(
            f"judge error in check {item.name}: {type(error).__name__}: {str(error)[:300]}"
        ), True
    return Outcome.failed(f"the judge could not use your results ({problem})"), False


def grade_check(item: Check, inputs: CheckInput) -> tuple[Outcome, bool]:
    """One check's outcome, and whether the judge itself failed while grading it.

    A check whose probes did not complete is not measured (the verdict names the failure
    once).
    """
    return precondition(item, inputs) or evaluate(item, inputs)
