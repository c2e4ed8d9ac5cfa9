"""The reference's own process (sandbox/reference.py): started cold, or taken from a spare
started ahead, which serves one judging and is replaced if it died while waiting."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from sandbox.problem import ProblemPackage
from sandbox.reference import SpareReference, run_reference

SEED = 7


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def observed(reports: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    """What the reports say, without how long each probe took."""
    return [(r["name"], r["status"], r.get("observations")) for r in reports]


def test_a_spare_serves_one_judging_with_the_same_reports_as_a_cold_process(
    mean_problem: ProblemPackage,
) -> None:
    cold = observed(run_reference(mean_problem, SEED, mean_problem.probes))
    spare = SpareReference()
    spare.refill()
    waiting = spare.waiting_pid
    assert waiting is not None
    spare.refill()  # one is waiting already: nothing more starts
    assert spare.waiting_pid == waiting
    try:
        warm = run_reference(mean_problem, SEED, mean_problem.probes, spare=spare)
        assert observed(warm) == cold
        assert spare.waiting_pid is None and not alive(waiting)  # used up, not reused
    finally:
        spare.close()


def test_a_spare_that_died_while_waiting_is_replaced_not_used(
    mean_problem: ProblemPackage,
) -> None:
    spare = SpareReference()
    spare.refill()
    dead = spare.waiting_pid
    assert dead is not None
    os.kill(dead, signal.SIGKILL)
    time.sleep(0.2)
    try:
        reports = run_reference(mean_problem, SEED, mean_problem.probes, spare=spare)
        assert [r["status"] for r in reports] == ["ok"] * len(mean_problem.probes)
        spare.refill()  # the next judging's: a new process
        assert spare.waiting_pid not in (None, dead)
    finally:
        waiting = spare.waiting_pid
        spare.close()
    assert waiting is not None and not alive(waiting)
