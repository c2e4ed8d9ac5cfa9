"""Where probes run: the interface the judge uses, and the in-process runner.

``sandbox.container.ContainerRunner`` is the runner for untrusted code. The in-process
runner is for trusted code only: the reference solution, and the floor that benchmarks
compare the sandbox against.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from sandbox.harness import local
from sandbox.harness.probing import Probe
from sandbox.problem import ProblemPackage

ReportCallback = Callable[[dict[str, Any]], None]


@dataclasses.dataclass
class RunOutcome:
    """What a runner saw: one report per probe that reported, plus how the run ended."""

    reports: list[dict[str, Any]]
    failure: str = ""  # why the run ended before every probe reported
    timed_out: bool = False
    memory_exceeded: bool = False  # the sandbox as a whole was killed for memory
    stdout: str = ""
    stderr: str = ""
    timing: dict[str, float] = dataclasses.field(default_factory=dict)


class Runner(Protocol):
    def run(
        self,
        problem: ProblemPackage,
        source: str,
        seed: int,
        probes: Sequence[Probe],
        on_report: ReportCallback,
        *,
        measure_speed: bool = True,
    ) -> RunOutcome: ...


@runtime_checkable
class PackageRunner(Protocol):
    """Runs an untrusted package's own code (probes.py, checks.py) in a sandbox container:
    one task of ``sandbox.package_main``, whose ``result`` lines are the reports."""

    def run_package(
        self, memory_mb: int, task: Mapping[str, Any], allowed_seconds: float
    ) -> RunOutcome: ...


class InProcessRunner:
    """Runs trusted code in this process. Never use it for a candidate's submission."""

    def run(
        self,
        problem: ProblemPackage,
        source: str,
        seed: int,
        probes: Sequence[Probe],
        on_report: ReportCallback,
        *,
        measure_speed: bool = True,
    ) -> RunOutcome:
        if not problem.trusted:
            raise ValueError(f"{problem.slug} is an untrusted package: judge it in containers")
        started = time.perf_counter()
        reports = local.run_locally(
            source, seed, list(probes), problem.probes_module, measure_speed=measure_speed
        )
        for report in reports:
            on_report(report)
        return RunOutcome(reports, timing={"harness": time.perf_counter() - started})
