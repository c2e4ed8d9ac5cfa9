"""Running probes against trusted code in this process: the reference, and the floor
that benchmarks compare the sandbox against. Never use it for a candidate's submission.

Calls go through ``calls.LocalCaller``, so the probes see exactly the values they would see
from a sandbox; timings are taken around each call in this process.
"""

from __future__ import annotations

import itertools
import os
import time
import types
from collections.abc import Sequence
from typing import Any

from sandbox.harness import calls, candidate, probing

_loads = itertools.count()


def run_locally(
    source: str,
    seed: int,
    probes: Sequence[probing.Probe],
    hooks: types.ModuleType,
    *,
    measure_speed: bool = True,
) -> list[dict[str, Any]]:
    """One report per probe, shaped like the harness's; each group loads the code afresh and
    a group's later probes are skipped after a failure, as in the sandbox."""
    reports: list[dict[str, Any]] = []
    shared: dict[str, Any] = {}
    for _, members in itertools.groupby(probes, key=lambda p: p.group):
        module = candidate.load_module(
            f"trusted_solution_{os.getpid()}_{next(_loads)}", candidate.SOLUTION_FILENAME, source
        )
        caller = calls.LocalCaller(candidate.CallServer(module))
        yardstick = calls.LocalCaller(candidate.CallServer(hooks, times_calls=time.perf_counter))
        state: dict[str, Any] = {}
        failure = ""
        for item in members:
            if failure:
                reports.append({"name": item.name, "status": "skipped", "error": failure})
                continue
            context = probing.ProbeContext(
                solution=calls.remote_module(caller),
                seed=seed,
                caller=caller,
                yardstick_caller=yardstick,
                state=state,
                shared=shared,
                measures_speed=measure_speed,
            )
            started_wall, started_cpu = time.perf_counter(), time.process_time()
            report = probing.run_probe(item, context)
            report.update(
                wall_seconds=time.perf_counter() - started_wall,
                cpu_seconds=time.process_time() - started_cpu,
            )
            if report["status"] not in probing.GOES_ON:
                failure = f"an earlier probe failed: {report.get('error', '')}"[:2000]
            reports.append(report)
    return reports
