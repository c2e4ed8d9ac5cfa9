"""Running the reference solution: trusted code, so no sandbox, but a process of its own.

A separate process keeps the reference's timings comparable with the candidate's (one
BLAS thread, no contention with the judge for the GIL) and keeps whatever the reference
and the probes do to NumPy's global state out of the judge. It runs while the candidate's
container starts and runs, so it costs no wall time.

    python -m sandbox.reference   (payload as JSON on stdin, reports as JSON on stdout)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from sandbox.harness.probing import Probe
from sandbox.problem import ProblemPackage

SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
TIMEOUT_SLACK_SECONDS = 30.0


class ReferenceFailed(Exception):
    """The reference solution could not be run; the problem package is at fault."""


def run_reference(
    problem: ProblemPackage, seed: int, probes: Sequence[Probe], *, measure_speed: bool = False
) -> list[dict[str, Any]]:
    """The reference's probe reports. The judge never measures its speed (the candidate is
    compared with the yardstick, not with the reference); benchmarks do, for a floor that
    does the same work as the sandbox."""
    payload = {
        "reference": problem.reference,
        "probes": problem.probes_source,
        "probes_file": str(problem.directory / "probes.py"),
        "profile": problem.profile,
        "seed": seed,
        "only": [p.name for p in probes],
        "measure_speed": measure_speed,
    }
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "sandbox.reference"],
            input=json.dumps(payload).encode(),
            capture_output=True,
            env={**os.environ, **SINGLE_THREADED},
            timeout=sum(p.budget_seconds for p in probes) + TIMEOUT_SLACK_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ReferenceFailed(f"the reference of {problem.slug} did not finish") from error
    if finished.returncode != 0:
        tail = finished.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise ReferenceFailed(f"the reference of {problem.slug} failed: {' | '.join(tail)}")
    reports: list[dict[str, Any]] = json.loads(finished.stdout)
    return reports


def main() -> None:
    from sandbox.harness import candidate, kinds, local

    payload = json.load(sys.stdin)
    module = candidate.load_module("reference_probes", payload["probes_file"], payload["probes"])
    wanted = set(payload["only"])
    probes = [p for p in kinds.problem_probes(module, payload["profile"]) if p.name in wanted]
    reports = local.run_locally(
        payload["reference"],
        int(payload["seed"]),
        probes,
        module,
        measure_speed=bool(payload["measure_speed"]),
    )
    json.dump(reports, sys.stdout)


if __name__ == "__main__":
    main()
