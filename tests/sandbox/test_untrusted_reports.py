"""What a package container reports is checked field by field on the host (pure logic: the
container side is tests/sandbox/test_untrusted.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from sandbox.problem import load_problem
from sandbox.rubric import Category
from sandbox.runner import InProcessRunner
from sandbox.untrusted import PackageFailed, parse_description, parse_outcomes
from tests.support.platform import FIXTURE_PROBLEMS_DIR

PROBE = {"name": "fit_small", "group": "fit", "budget_seconds": 2.0, "sample": True}
CHECK = {"name": "fits", "category": "code_organization", "probes": ["fit_small"], "weight": 1}
OUTCOME = {"name": "fits", "score": 0.5, "message": "half", "measured": True, "judge_failed": False}


def result(**fields: Any) -> dict[str, Any]:
    return {"type": "result", **fields}


def test_a_description_becomes_probes_and_checks_that_run_nowhere_here() -> None:
    probes, checks = parse_description([result(probe=PROBE), result(check=CHECK)])
    assert [(p.name, p.group, p.budget_seconds, p.sample) for p in probes] == [
        ("fit_small", "fit", 2.0, True)
    ]
    assert [(c.name, c.category, c.probes, c.weight) for c in checks] == [
        ("fits", Category.CODE_ORGANIZATION, ("fit_small",), 1.0)
    ]
    with pytest.raises(RuntimeError, match="only in its sandbox"):
        checks[0].function(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("report", "reason"),
    [
        (result(probe={**PROBE, "name": "x" * 101}), "a probe's name must be a Python name"),
        (result(probe={**PROBE, "name": "../etc"}), "a probe's name must be a Python name"),
        (result(probe={**PROBE, "budget_seconds": float("nan")}), "must be a finite number"),
        (result(probe={**PROBE, "budget_seconds": 1e9}), "must be between"),
        (result(probe={**PROBE, "sample": "yes"}), "'sample' must be true or false"),
        (result(probe={**PROBE, "extra": 1}), "exactly the fields"),
        (result(check={**CHECK, "category": "style"}), "unknown category"),
        (result(check={**CHECK, "weight": True}), "must be a finite number"),
        (result(check={**CHECK, "probes": "fit_small"}), "'probes' must list"),
        (result(probe=PROBE, check=CHECK), "something else than probes and checks"),
        (result(), "something else than probes and checks"),
    ],
)
def test_a_malformed_description_is_the_packages_fault(report: Any, reason: str) -> None:
    with pytest.raises(PackageFailed, match=reason):
        parse_description([report])


def test_check_names_repeat_nowhere() -> None:
    with pytest.raises(PackageFailed, match="must be unique"):
        parse_description([result(check=CHECK), result(check=CHECK)])


def test_outcomes_are_one_per_check_asked_for() -> None:
    graded = parse_outcomes([result(outcome=OUTCOME)], ["fits"])
    outcome, judge_failed = graded["fits"]
    assert (outcome.score, outcome.message, outcome.measured, judge_failed) == (
        0.5,
        "half",
        True,
        False,
    )


@pytest.mark.parametrize(
    ("reports", "reason"),
    [
        ([], r"no outcome for \['fits'\]"),
        ([result(outcome=OUTCOME), result(outcome=OUTCOME)], "a check not asked for"),
        ([result(outcome={**OUTCOME, "name": "other"})], "a check not asked for"),
        ([result(outcome={**OUTCOME, "score": float("nan")})], "must be a finite number"),
        ([result(outcome={**OUTCOME, "score": 1.5})], "must be between 0 and 1"),
        ([result(outcome={**OUTCOME, "message": "x" * 9000})], "at most 8192 characters"),
        ([result(outcome={**OUTCOME, "message": 7})], "must be text"),
        ([result(outcome={**OUTCOME, "measured": 1})], "must be booleans"),
        ([result(outcome=OUTCOME, probe=PROBE)], "something else than outcomes"),
    ],
)
def test_malformed_outcomes_are_the_packages_fault(reports: Any, reason: str) -> None:
    with pytest.raises(PackageFailed, match=reason):
        parse_outcomes(reports, ["fits"])


def test_the_in_process_runner_refuses_an_untrusted_package() -> None:
    problem = dataclasses.replace(
        load_problem(FIXTURE_PROBLEMS_DIR / "mean-predictor"), trusted=False
    )
    with pytest.raises(ValueError, match="untrusted package: judge it in containers"):
        InProcessRunner().run(problem, problem.reference, 1, problem.probes, lambda _: None)
