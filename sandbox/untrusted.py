"""Untrusted problem packages (made or imported by an admin): their code never runs here.

A package from the repository's ``problems/`` is trusted: ``load_problem`` imports its
probes.py and checks.py, the reference runs in a process of the host (``sandbox.reference``)
and the checks in the judge's own process. An uploaded package is not: an admin account
must not be one step from root on a host whose workers hold the Docker socket. So:

- **Loading** reads problem.yaml with ``yaml.safe_load`` as always, and collects the probes
  and checks in a *package container* (``sandbox.package_main``, run as nobody without
  capabilities, otherwise locked down like a candidate's sandbox), with the code the trusted
  path uses; only their metadata comes back, and every field is checked here.
- **The reference** runs in a candidate's sandbox through the judge's runner, speed not
  measured.
- **The checks** run in a package container of their own that receives the decoded
  observations' wire form (candidate's and reference's), the candidate's source and the
  names of the checks to run; it returns one outcome per check, checked here (known names,
  each once, scores in [0, 1], bounded messages). A check that raises is graded as on the
  host (``grading.evaluate``); a container that fails or answers outside these rules is
  the package's fault (``PackageFailed``), never the judge's crash.
"""

from __future__ import annotations

import math
import re
import types
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sandbox.checking import Check, CheckInput, Outcome
from sandbox.grading import CHECK_SECONDS, precondition
from sandbox.harness.probing import Probe, ProbeContext
from sandbox.problem import (
    Collected,
    Collector,
    Limits,
    PackageCode,
    ProblemError,
    ProblemPackage,
    build_problem,
)
from sandbox.reference import ReferenceFailed
from sandbox.rubric import Category
from sandbox.runner import PackageRunner, Runner

NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
MAX_PROBES = 200
MAX_CHECKS = 500
MAX_PROBES_PER_CHECK = 50
MAX_BUDGET_SECONDS = 600.0
MAX_WEIGHT = 1000.0
MAX_MESSAGE_CHARS = 8192  # a check's message
MAX_FAILURE_CHARS = 600  # what a failed package container's message keeps
DESCRIBE_SECONDS = 30.0  # importing probes.py and checks.py, collecting, reporting
# A check may take CHECK_SECONDS on the candidate's observations and again on the
# reference's; the container also starts, imports and decodes.
GRADE_SECONDS_PER_CHECK = 2 * CHECK_SECONDS
GRADE_SLACK_SECONDS = 20.0


class PackageFailed(Exception):
    """An untrusted package's code failed or answered outside the rules; the package is at
    fault, not the candidate and not the judge."""


def load_untrusted_problem(directory: Path, runner: PackageRunner) -> ProblemPackage:
    """Read and validate an uploaded package without running any of its Python here."""
    return build_problem(directory, collector(runner), trusted=False)


IN_ITS_SANDBOX = "an untrusted package's code runs only in its sandbox containers"


def _probe_function(_context: ProbeContext) -> dict[str, Any]:
    raise RuntimeError(IN_ITS_SANDBOX)


def _check_function(_inputs: CheckInput) -> Outcome:
    raise RuntimeError(IN_ITS_SANDBOX)


def _name(raw: object, what: str) -> str:
    if not isinstance(raw, str) or not NAME_PATTERN.match(raw):
        raise PackageFailed(f"{what} must be a Python name of at most 100 characters")
    return raw


def _number(raw: object, what: str, low: float, high: float) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise PackageFailed(f"{what} must be a finite number")
    if not low <= raw <= high:
        raise PackageFailed(f"{what} must be between {low:g} and {high:g}")
    return float(raw)


def _fields(raw: object, keys: set[str], what: str) -> Mapping[str, Any]:
    if not isinstance(raw, dict) or set(raw) != keys:
        raise PackageFailed(f"{what} must have exactly the fields {sorted(keys)}")
    return raw


def parse_probe(raw: object) -> Probe:
    fields = _fields(raw, {"name", "group", "budget_seconds", "sample"}, "a probe")
    name = _name(fields["name"], "a probe's name")
    if not isinstance(fields["sample"], bool):
        raise PackageFailed(f"probe {name}: 'sample' must be true or false")
    return Probe(
        name=name,
        group=_name(fields["group"], f"probe {name}: its group"),
        budget_seconds=_number(
            fields["budget_seconds"], f"probe {name}: its budget", 0.001, MAX_BUDGET_SECONDS
        ),
        sample=fields["sample"],
        function=_probe_function,
    )


def parse_check(raw: object) -> Check:
    fields = _fields(raw, {"name", "category", "probes", "weight"}, "a check")
    name = _name(fields["name"], "a check's name")
    try:
        category = Category(fields["category"])
    except ValueError as error:
        raise PackageFailed(f"check {name}: unknown category") from error
    probes = fields["probes"]
    if not isinstance(probes, list) or len(probes) > MAX_PROBES_PER_CHECK:
        raise PackageFailed(f"check {name}: 'probes' must list at most {MAX_PROBES_PER_CHECK}")
    return Check(
        name=name,
        category=category,
        probes=tuple(_name(p, f"check {name}: a probe's name") for p in probes),
        weight=_number(fields["weight"], f"check {name}: its weight", 0.0, MAX_WEIGHT),
        function=_check_function,
    )


def parse_description(reports: Sequence[Mapping[str, Any]]) -> tuple[list[Probe], list[Check]]:
    """The probes and checks a package container reported, every field checked."""
    probes: list[Probe] = []
    checks: list[Check] = []
    for report in reports:
        kinds = set(report) - {"type"}
        if kinds == {"probe"} and len(probes) < MAX_PROBES:
            probes.append(parse_probe(report["probe"]))
        elif kinds == {"check"} and len(checks) < MAX_CHECKS:
            checks.append(parse_check(report["check"]))
        else:
            raise PackageFailed(
                f"the package reported more than {MAX_PROBES} probes or {MAX_CHECKS} checks, "
                "or something else than probes and checks"
            )
    names = [c.name for c in checks]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise PackageFailed(f"check names must be unique: {duplicates} repeat")
    return probes, checks


def collector(runner: PackageRunner) -> Collector:
    """Collect an untrusted package's probes and checks in a package container."""

    def collect(code: PackageCode) -> Collected:
        task = {
            "task": "describe",
            "probes_source": code.probes_source,
            "checks_source": code.checks_source,
            "profile": code.profile,
        }
        run = runner.run_package(Limits().memory_mb, task, DESCRIBE_SECONDS)
        if run.failure:
            raise ProblemError(f"{code.directory}: {_failure(run.failure)}")
        try:
            probes, checks = parse_description(run.reports)
        except PackageFailed as error:
            raise ProblemError(f"{code.directory}: {error}") from error
        # No hooks in this process: the yardstick runs in the sandbox, from probes.py.
        return Collected(probes, checks, types.ModuleType("untrusted_package_hooks"))

    return collect


def _failure(failure: str) -> str:
    """A package container's failure as the package's fault, bounded."""
    return f"the package's code failed in its sandbox: {failure[:MAX_FAILURE_CHARS]}"


def run_reference_sandboxed(
    runner: Runner, problem: ProblemPackage, seed: int, probes: Sequence[Probe]
) -> list[dict[str, Any]]:
    """The reference of an untrusted package, judged like a candidate's code (speed not
    measured). A probe the reference fails is reported as such; a sandbox that fails as a
    whole raises ``ReferenceFailed``."""
    run = runner.run(problem, problem.reference, seed, probes, _ignore, measure_speed=False)
    if run.failure:
        raise ReferenceFailed(
            f"the reference of {problem.slug} failed in its sandbox: "
            f"{run.failure[:MAX_FAILURE_CHARS]}"
        )
    return run.reports


def _ignore(_report: dict[str, Any]) -> None:
    pass


Graded = dict[str, tuple[Outcome, bool]]  # by check name: the outcome, the judge at fault


def grade_sandboxed(
    runner: Runner,
    problem: ProblemPackage,
    checks: Sequence[Check],
    inputs: CheckInput,
    reports: Mapping[str, Sequence[Mapping[str, Any]]],
) -> tuple[Graded, str]:
    """Every check's outcome, and the package's failure ("" when none). Preconditions are
    decided here (they read only observations); the checks that can run, run in a package
    container on ``reports`` (``candidate`` and ``reference``: the report lines decoded
    into ``inputs``)."""
    graded: Graded = {}
    to_run = []
    for item in checks:
        decided = precondition(item, inputs)
        if decided is None:
            to_run.append(item)
        else:
            graded[item.name] = decided
    if not to_run:
        return graded, ""
    if not isinstance(runner, PackageRunner):
        raise TypeError(f"{type(runner).__name__} cannot run an untrusted package's checks")
    task = {
        "task": "grade",
        "checks_source": problem.checks_source,
        "profile": problem.profile,
        "checks": [c.name for c in to_run],
        "candidate": list(reports["candidate"]),
        "reference": list(reports["reference"]),
        "source": inputs.source,
    }
    allowed = GRADE_SECONDS_PER_CHECK * len(to_run) + GRADE_SLACK_SECONDS
    run = runner.run_package(problem.limits.memory_mb, task, allowed)
    try:
        if run.failure:
            raise PackageFailed(_failure(run.failure))
        outcomes = parse_outcomes(run.reports, [c.name for c in to_run])
    except PackageFailed as error:
        message = f"judge error: the problem's checks failed: {error}"
        for item in to_run:
            graded[item.name] = (Outcome.failed(message), True)
        return graded, message
    graded.update(outcomes)
    return graded, ""


def parse_outcomes(reports: Sequence[Mapping[str, Any]], expected: Sequence[str]) -> Graded:
    """One outcome per expected check, every field checked; anything else is the package's
    fault."""
    graded: Graded = {}
    for report in reports:
        if set(report) != {"type", "outcome"}:
            raise PackageFailed("the checks' container reported something else than outcomes")
        fields = _fields(
            report["outcome"],
            {"name", "score", "message", "measured", "judge_failed"},
            "a check's outcome",
        )
        name = fields["name"]
        if name not in expected or name in graded:
            raise PackageFailed(f"an outcome for {str(name)[:100]!r}, a check not asked for")
        score = _number(fields["score"], f"check {name}: its score", 0.0, 1.0)
        message = fields["message"]
        if not isinstance(message, str) or len(message) > MAX_MESSAGE_CHARS:
            raise PackageFailed(
                f"check {name}: its message must be text of at most {MAX_MESSAGE_CHARS} characters"
            )
        measured, judge_failed = fields["measured"], fields["judge_failed"]
        if not isinstance(measured, bool) or not isinstance(judge_failed, bool):
            raise PackageFailed(f"check {name}: 'measured' and 'judge_failed' must be booleans")
        graded[name] = (Outcome(score, message, measured), judge_failed)
    missing = [n for n in expected if n not in graded]
    if missing:
        raise PackageFailed(f"no outcome for {missing[:10]}")
    return graded
