"""Untrusted packages against the real Docker engine and sandbox image: the same verdicts as
the trusted path, and a hostile package's probes, checks or reference reach nothing of the
host (files, the Docker socket, PostgreSQL) and cannot break the judge.

The hostile pieces are in tests/hostile/packages/: each is added to a copy of the
mean-predictor fixture, after escape.py (which tries every way out and says what happened).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from sandbox import untrusted
from sandbox.container import ContainerRunner
from sandbox.judge import JudgeReport, judge
from sandbox.problem import ProblemError, ProblemPackage, list_slugs, load_problem
from sandbox.untrusted import load_untrusted_problem
from sandbox.verdict import Verdict
from tests.conftest import PROBLEMS_DIR
from tests.support.hostile_packages import assert_all_failed, escape_reports, hostile_package
from tests.support.platform import FIXTURE_PROBLEMS_DIR

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]

SEED = 20_261_130
# A few known submissions per problem: accepted, wrong, slow, unstable, crashing.
AGREEMENT = {
    "linear-regression-gd": (
        "reference.py",
        "wrong_gradient_scale.py",
        "slow_loop_gradient.py",
        "unstable_float32.py",
    ),
    "activation-functions": ("reference.py",),
}


def known_source(problem: ProblemPackage, name: str) -> str:
    if name == "reference.py":
        return problem.reference
    return (problem.directory / "submissions" / name).read_text()


def test_untrusted_loading_reports_what_trusted_loading_finds(runner: ContainerRunner) -> None:
    """Every package of the bank: the same probes and checks, collected in a container."""
    for slug in list_slugs(PROBLEMS_DIR):
        trusted = load_problem(PROBLEMS_DIR / slug)
        sandboxed = load_untrusted_problem(PROBLEMS_DIR / slug, runner)
        assert not sandboxed.trusted and trusted.trusted
        assert [(p.name, p.group, p.budget_seconds, p.sample) for p in sandboxed.probes] == [
            (p.name, p.group, p.budget_seconds, p.sample) for p in trusted.probes
        ], slug
        assert [(c.name, c.category, c.probes, c.weight) for c in sandboxed.checks] == [
            (c.name, c.category, c.probes, c.weight) for c in trusted.checks
        ], slug
        assert sandboxed.digest == trusted.digest


@pytest.mark.parametrize(
    ("slug", "name"), [(slug, name) for slug, names in AGREEMENT.items() for name in names]
)
def test_both_paths_agree(runner: ContainerRunner, slug: str, name: str) -> None:
    trusted = load_problem(PROBLEMS_DIR / slug)
    sandboxed = load_untrusted_problem(PROBLEMS_DIR / slug, runner)
    source = known_source(trusted, name)
    expected = judge(trusted, source, runner=runner, seed=SEED)
    got = judge(sandboxed, source, runner=runner, seed=SEED)
    assert (got.verdict, got.score) == (expected.verdict, expected.score), got.message
    assert [(c.name, c.score) for c in got.checks] == [(c.name, c.score) for c in expected.checks]
    assert "reference" in got.timing and got.expected.keys() == expected.expected.keys()


def fixture_reference() -> str:
    return (FIXTURE_PROBLEMS_DIR / "mean-predictor" / "reference.py").read_text()


def test_hostile_probes_reach_nothing(runner: ContainerRunner, tmp_path: Path) -> None:
    directory, marker, secret = hostile_package(tmp_path, {"probes.py": "probes_escape.py"})
    problem = load_untrusted_problem(directory, runner)  # probes.py imported in a container
    report = judge(problem, fixture_reference(), runner=runner, seed=SEED)
    assert report.verdict is Verdict.ACCEPTED, report.message
    observed = {p.name: p for p in report.probes}["escape"]
    for key in ("at_import", "in_probe"):
        attempts = observed.value(key)
        assert isinstance(attempts, str), attempts
        assert_all_failed(json.loads(attempts))
    assert not marker.exists()
    assert secret not in json.dumps(report.to_dict())


def test_hostile_checks_reach_nothing(runner: ContainerRunner, tmp_path: Path) -> None:
    directory, marker, secret = hostile_package(tmp_path, {"checks.py": "checks_escape.py"})
    problem = load_untrusted_problem(directory, runner)  # checks.py imported in a container
    report = judge(problem, fixture_reference(), runner=runner, seed=SEED)
    assert report.verdict is Verdict.WRONG_ANSWER, report.message
    escape = {c.name: c for c in report.checks}["escape"]
    for attempts in escape_reports(escape.message):
        assert_all_failed(attempts)
    assert not marker.exists()
    assert secret not in json.dumps(report.to_dict())


def test_a_hostile_reference_reaches_nothing(runner: ContainerRunner, tmp_path: Path) -> None:
    directory, marker, secret = hostile_package(tmp_path, {"reference.py": "reference_escape.py"})
    problem = load_untrusted_problem(directory, runner)
    report = judge(problem, fixture_reference(), runner=runner, seed=SEED)
    # The reference failed its probes: the package's fault, said clearly.
    assert report.verdict is Verdict.INTERNAL_ERROR
    assert "the reference failed probe 'fit_small'" in report.message
    for attempts in escape_reports(report.message):
        assert_all_failed(attempts)
    assert not marker.exists()
    assert secret not in json.dumps(report.to_dict())


def test_probes_that_fail_to_load_are_a_clear_package_error(
    runner: ContainerRunner, tmp_path: Path
) -> None:
    directory, _, _ = hostile_package(tmp_path, {"probes.py": "probes_import_error.py"})
    reason = r"probes\.py, line \d+: RuntimeError: probes\.py refuses to load"
    with pytest.raises(ProblemError, match=reason):
        load_untrusted_problem(directory, runner)


@pytest.mark.parametrize(
    ("piece", "reason"),
    [
        ("checks_huge_message.py", "its message must be text of at most 8192 characters"),
        ("checks_nan_score.py", "check nan_score: its score must be a finite number"),
        ("checks_forged_lines.py", "a check not asked for"),
    ],
)
def test_checks_that_answer_garbage_are_a_package_error(
    runner: ContainerRunner, tmp_path: Path, piece: str, reason: str
) -> None:
    directory, _, _ = hostile_package(tmp_path, {"checks.py": piece})
    problem = load_untrusted_problem(directory, runner)
    report = judge(problem, fixture_reference(), runner=runner, seed=SEED)
    assert_package_error(report, reason)


def assert_package_error(report: JudgeReport, reason: str) -> None:
    assert report.verdict is Verdict.INTERNAL_ERROR
    assert report.message.startswith("judge error: the problem's checks failed: ")
    assert reason in report.message
    assert len(report.message) < 2000
    # The checks that ran in the container are all failed with it, none scored.
    assert all(c.score == 0.0 and reason in c.message for c in report.checks)


def test_checks_that_never_return_are_stopped_within_their_budget(
    runner: ContainerRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untrusted, "GRADE_SECONDS_PER_CHECK", 1.0)
    monkeypatch.setattr(untrusted, "GRADE_SLACK_SECONDS", 5.0)
    directory, _, _ = hostile_package(tmp_path, {"checks.py": "checks_forever.py"})
    problem = load_untrusted_problem(directory, runner)
    checks = len(problem.checks)
    started = time.monotonic()
    report = judge(problem, fixture_reference(), runner=runner, seed=SEED)
    budget = checks * 1.0 + 5.0
    assert_package_error(report, f"the sandbox was stopped after {budget:g} s")
    assert report.timing["grading"] < budget + 10.0
    assert time.monotonic() - started < budget + 30.0
