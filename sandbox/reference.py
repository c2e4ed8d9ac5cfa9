"""Running the reference solution: trusted code, so no sandbox, but a process of its own.

A separate process keeps the reference's timings comparable with the candidate's (one
BLAS thread, no contention with the judge for the GIL) and keeps whatever the reference
and the probes do to NumPy's global state out of the judge. It runs while the candidate's
container starts and runs, so it costs no wall time beyond its own start: an interpreter
and NumPy's import, ~0.25 s, which is most of a "Run". A worker keeps one such process
started ahead (``SpareReference``): it has imported everything and waits for its payload,
serves one judging, and its successor starts once that judging is over.

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


def start_reference() -> subprocess.Popen[bytes]:
    """A reference process: it imports what it needs, then waits for its payload."""
    return subprocess.Popen(
        [sys.executable, "-m", "sandbox.reference"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **SINGLE_THREADED},
    )


class SpareReference:
    """One reference process started ahead, for one worker (not shared across processes).

    ``take`` hands it over (or starts one, if there is none or it died while waiting);
    ``refill`` starts the next, to be called once a judging is over, so that its start
    never competes with a judging's timed calls. Each process serves one judging."""

    def __init__(self) -> None:
        self._spare: subprocess.Popen[bytes] | None = None

    @property
    def waiting_pid(self) -> int | None:
        """The process waiting for the next judging, if one is started."""
        return self._spare.pid if self._spare is not None else None

    def take(self) -> subprocess.Popen[bytes]:
        spare, self._spare = self._spare, None
        if spare is not None and spare.poll() is None:
            return spare
        if spare is not None:
            _reap(spare)
        return start_reference()

    def refill(self) -> None:
        if self._spare is None or self._spare.poll() is not None:
            self._spare = start_reference()

    def close(self) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.kill()
            _reap(spare)


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.communicate(timeout=5)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        process.kill()
        process.wait()


def run_reference(
    problem: ProblemPackage,
    seed: int,
    probes: Sequence[Probe],
    *,
    measure_speed: bool = False,
    spare: SpareReference | None = None,
) -> list[dict[str, Any]]:
    """The reference's probe reports, in a process of their own (``spare``'s, if given).
    The judge never measures its speed (the candidate is compared with the yardstick, not
    with the reference); benchmarks do, for a floor that does the same work as the
    sandbox."""
    payload = {
        "reference": problem.reference,
        "probes": problem.probes_source,
        "probes_file": str(problem.directory / "probes.py"),
        "profile": problem.profile,
        "seed": seed,
        "only": [p.name for p in probes],
        "measure_speed": measure_speed,
    }
    process = spare.take() if spare is not None else start_reference()
    try:
        stdout, stderr = process.communicate(
            json.dumps(payload).encode(),
            timeout=sum(p.budget_seconds for p in probes) + TIMEOUT_SLACK_SECONDS,
        )
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.wait()
        raise ReferenceFailed(f"the reference of {problem.slug} did not finish") from error
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise ReferenceFailed(f"the reference of {problem.slug} failed: {' | '.join(tail)}")
    reports: list[dict[str, Any]] = json.loads(stdout)
    return reports


def main() -> None:
    # Imported before the payload is read: a spare process has done this while it waited.
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
