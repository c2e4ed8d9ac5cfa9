"""Judging one submission: precheck, run probes (candidate in a sandbox, reference beside
it), grade with the problem's checks, and build the report. Never touches a database."""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from sandbox import untrusted
from sandbox.checking import CheckInput
from sandbox.grading import grade_check
from sandbox.harness.probing import Probe
from sandbox.harness.transcript import Call
from sandbox.observations import ObservationError, ProbeResult, ProbeStatus, decode_probe
from sandbox.problem import ProblemPackage
from sandbox.reference import ReferenceFailed, SpareReference, run_reference
from sandbox.rubric import Category, category_score, overall_score
from sandbox.runner import Runner, RunOutcome
from sandbox.static import Precheck, precheck
from sandbox.verdict import Verdict

EventCallback = Callable[[dict[str, Any]], None]
CURVE_POINTS = 500

STATUS_VERDICTS = {
    ProbeStatus.ERROR: Verdict.RUNTIME_ERROR,
    ProbeStatus.CRASHED: Verdict.RUNTIME_ERROR,
    ProbeStatus.TIMEOUT: Verdict.TIME_LIMIT,
    ProbeStatus.MEMORY: Verdict.MEMORY_LIMIT,
    ProbeStatus.OUTPUT_LIMIT: Verdict.OUTPUT_LIMIT,
    ProbeStatus.MISSING: Verdict.SANDBOX_ERROR,
}


@dataclasses.dataclass(frozen=True)
class CheckReport:
    name: str
    category: Category
    score: float  # 0–100
    weight: float
    message: str
    measured: bool = True  # False: it depended on something that failed earlier

    @property
    def passed(self) -> bool:
        return self.score >= 100.0


@dataclasses.dataclass(frozen=True)
class JudgeReport:
    problem: str
    problem_version: int
    problem_digest: str
    seed: int
    verdict: Verdict
    message: str
    score: float
    categories: Mapping[Category, float]
    weights: Mapping[Category, float]
    checks: tuple[CheckReport, ...]
    probes: tuple[ProbeResult, ...]
    curves: Mapping[str, list[float]]
    timing: Mapping[str, float]
    stdout: str = ""
    stderr: str = ""
    # The reference's transcript of each sample probe: the expected answers to its calls.
    expected: Mapping[str, tuple[Call, ...]] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "problem_version": self.problem_version,
            "problem_digest": self.problem_digest,
            "seed": self.seed,
            "verdict": self.verdict.value,
            "message": self.message,
            "score": self.score,
            "categories": {
                c.value: {
                    "score": round(self.categories[c], 2),
                    "weight": self.weights[c],
                    "checks_passed": sum(1 for k in self.checks if k.category is c and k.passed),
                    "checks_total": sum(1 for k in self.checks if k.category is c),
                    "measured": any(k.measured for k in self.checks if k.category is c),
                }
                for c in Category
            },
            "checks": [
                {
                    "name": k.name,
                    "category": k.category.value,
                    "passed": k.passed,
                    "score": round(k.score, 2),
                    "weight": k.weight,
                    "message": k.message,
                    "measured": k.measured,
                }
                for k in self.checks
            ],
            "probes": [
                {
                    "name": p.name,
                    "status": p.status.value,
                    "wall_seconds": p.wall_seconds,
                    "cpu_seconds": p.cpu_seconds,
                    "error": p.error,
                    **(
                        {
                            "transcript": [dataclasses.asdict(c) for c in p.transcript],
                            "expected": [
                                dataclasses.asdict(c) for c in self.expected.get(p.name, ())
                            ],
                        }
                        if p.transcript or self.expected.get(p.name)
                        else {}
                    ),
                }
                for p in self.probes
            ],
            "curves": dict(self.curves),
            "timing": {k: round(v, 4) for k, v in self.timing.items()},
            "stdout": self.stdout,
            "stderr": self.stderr,
        }


def _curve(results: Mapping[str, ProbeResult], probe: str, key: str) -> list[float]:
    result = results.get(probe)
    if result is None or not result.ok:
        return []
    try:
        values = result.array(key).ravel()
    except ObservationError:
        return []
    if values.size > CURVE_POINTS:
        values = values[np.linspace(0, values.size - 1, CURVE_POINTS).astype(int)]
    return [float(v) if np.isfinite(v) else float("nan") for v in values]


def decide_verdict(
    pre: Precheck,
    candidate: Sequence[ProbeResult],
    checks: Sequence[CheckReport],
    internal_error: str,
    run: RunOutcome,
) -> tuple[Verdict, str]:
    if internal_error:
        return Verdict.INTERNAL_ERROR, internal_error
    if pre.verdict is Verdict.MISSING_INTERFACE:
        return pre.verdict, pre.message
    for result in candidate:
        if result.status in STATUS_VERDICTS:
            verdict = STATUS_VERDICTS[result.status]
            if result.status is ProbeStatus.MISSING:
                verdict = Verdict.TIME_LIMIT if run.timed_out else Verdict.SANDBOX_ERROR
                if run.memory_exceeded:
                    verdict = Verdict.MEMORY_LIMIT
                return verdict, run.failure or result.error
            return verdict, f"probe '{result.name}': {result.error}"
    lost = [c for c in checks if not c.passed]
    if not lost:
        return Verdict.ACCEPTED, f"all {len(checks)} checks passed"
    return Verdict.WRONG_ANSWER, f"{len(lost)} of {len(checks)} checks lost points"


def judge(
    problem: ProblemPackage,
    source: str,
    *,
    runner: Runner,
    seed: int | None = None,
    samples_only: bool = False,
    on_event: EventCallback | None = None,
    spare: SpareReference | None = None,
) -> JudgeReport:
    """Judge ``source`` against ``problem``; ``seed`` makes a rejudge reproducible;
    ``spare`` runs a trusted reference in a process started ahead."""
    started = time.perf_counter()
    seed = secrets.randbits(62) if seed is None else seed
    emit = on_event or (lambda event: None)
    probes: Sequence[Probe] = problem.sample_probes if samples_only else problem.probes
    probe_names = {p.name for p in probes}
    checks = [c for c in problem.checks if set(c.probes) <= probe_names]

    pre = precheck(source, problem.class_name, problem.methods, problem.functions)
    # A missing method is the verdict, but everything else is still worth running.
    runs = pre.tree is not None and (pre.verdict is None or bool(pre.missing_methods))
    timing: dict[str, float] = {}
    if not runs:
        blocked = pre.verdict or Verdict.INTERNAL_ERROR
        reports = tuple(
            CheckReport(c.name, c.category, 0.0, c.weight, "not run", measured=False)
            for c in checks
        )
        emit({"type": "finished", "verdict": blocked.value})
        return JudgeReport(
            problem=problem.slug,
            problem_version=problem.version,
            problem_digest=problem.digest,
            seed=seed,
            verdict=blocked,
            message=pre.message,
            score=0.0,
            categories={c: 0.0 for c in Category},
            weights=problem.weights,
            checks=reports,
            probes=(),
            curves={},
            timing={"total": time.perf_counter() - started},
        )

    def timed_reference() -> list[dict[str, Any]]:
        reference_started = time.perf_counter()
        if problem.trusted:
            reports = run_reference(problem, seed, probes, spare=spare)
        else:
            reports = untrusted.run_reference_sandboxed(runner, problem, seed, probes)
        timing["reference"] = time.perf_counter() - reference_started
        return reports

    group_of = {p.name: p.group for p in probes}
    group_sizes = collections.Counter(group_of.values())
    emit({"type": "started", "total": len(probes), "groups": dict(group_sizes)})
    done: collections.Counter[str] = collections.Counter()

    def on_report(report: dict[str, Any]) -> None:
        group = group_of.get(str(report.get("name")), "")
        done[group] += 1
        emit(
            {
                "type": "probe",
                "name": report.get("name"),
                "group": group,
                "status": report.get("status"),
                "done": done.total(),
                "total": len(probes),
                "group_done": done[group],
                "group_total": group_sizes[group],
            }
        )

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        reference_future = pool.submit(timed_reference)
        run = runner.run(problem, source, seed, probes, on_report)
        try:
            reference_reports, reference_failure = reference_future.result(), ""
        except ReferenceFailed as error:
            reference_reports, reference_failure = [], str(error)
    timing.update(run.timing)

    grading_started = time.perf_counter()
    emit({"type": "grading"})
    by_name = {str(r.get("name")): r for r in run.reports}
    candidate = {
        p.name: decode_probe(p.name, by_name[p.name])
        if p.name in by_name
        else ProbeResult(p.name, ProbeStatus.MISSING, {}, {}, error=run.failure or "no report")
        for p in probes
    }
    reference = {str(r["name"]): decode_probe(str(r["name"]), r) for r in reference_reports}
    tree = pre.tree
    assert tree is not None
    inputs = CheckInput(candidate=candidate, reference=reference, source=source, tree=tree)
    package_failure = ""
    if problem.trusted:
        graded = {item.name: grade_check(item, inputs) for item in checks}
    else:
        sides = {"candidate": run.reports, "reference": reference_reports}
        graded, package_failure = untrusted.grade_sandboxed(runner, problem, checks, inputs, sides)
    check_reports = []
    internal_errors = [f for f in (reference_failure, package_failure) if f]
    for item in checks:
        outcome, judge_failed = graded[item.name]
        if judge_failed and not (reference_failure or package_failure):
            internal_errors.append(outcome.message)
        check_reports.append(
            CheckReport(
                item.name,
                item.category,
                100.0 * outcome.score,
                item.weight,
                outcome.message,
                outcome.measured,
            )
        )
    categories = {
        c: category_score([(r.score / 100.0, r.weight) for r in check_reports if r.category is c])
        for c in Category
    }
    verdict, message = decide_verdict(
        pre, list(candidate.values()), check_reports, "; ".join(internal_errors), run
    )
    curves = {}
    if problem.curve:
        curves = {
            "candidate": _curve(candidate, problem.curve.probe, problem.curve.key),
            "reference": _curve(reference, problem.curve.probe, problem.curve.key),
        }
    # A Run grades only the sample checks: the categories it has no checks for don't count.
    judged = {r.category for r in check_reports} if samples_only else set(Category)
    judged_weights = {c: w if c in judged else 0.0 for c, w in problem.weights.items()}
    if not any(judged_weights.values()):
        judged_weights = dict(problem.weights)
    timing["grading"] = time.perf_counter() - grading_started
    timing["total"] = time.perf_counter() - started
    emit({"type": "finished", "verdict": verdict.value})
    return JudgeReport(
        problem=problem.slug,
        problem_version=problem.version,
        problem_digest=problem.digest,
        seed=seed,
        verdict=verdict,
        message=message,
        score=overall_score(categories, judged_weights),
        categories=categories,
        weights=problem.weights,
        checks=tuple(check_reports),
        probes=tuple(candidate.values()),
        curves=curves,
        timing=timing,
        stdout=run.stdout,
        stderr=run.stderr,
        expected={name: r.transcript for name, r in reference.items() if r.transcript},
    )
