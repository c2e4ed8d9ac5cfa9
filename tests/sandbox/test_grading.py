"""Trusted grading never fails on candidate bytes: a check that raises or runs away on the
candidate's observations fails that check; it is the judge's fault only if it does the same
on the reference's."""

from __future__ import annotations

import ast
import time

import pytest

from sandbox import grading
from sandbox.checking import Check, CheckInput, Outcome
from sandbox.harness import wire
from sandbox.observations import decode_probe
from sandbox.rubric import Category


def inputs(candidate: float, reference: float) -> CheckInput:
    def result(value: float) -> dict[str, object]:
        return {"status": "ok", "observations": wire.encode_observations({"x": value})}

    return CheckInput(
        candidate={"p": decode_probe("p", result(candidate))},
        reference={"p": decode_probe("p", result(reference))},
        source="",
        tree=ast.parse(""),
    )


def fragile(c: CheckInput) -> Outcome:
    value = c.candidate["p"].number("x")
    if value < 0:
        raise ZeroDivisionError("division by zero")
    if value > 1:
        time.sleep(60)
    return Outcome.passed()


CHECK = Check("fragile", Category.MATHEMATICAL_CORRECTNESS, ("p",), 1.0, fragile)


def test_a_check_raising_on_the_candidate_fails_that_check_only() -> None:
    outcome, judge_failed = grading.grade_check(CHECK, inputs(-1.0, 0.5))
    assert not judge_failed and outcome.score == 0
    assert "could not use your results (ZeroDivisionError" in outcome.message


def test_a_check_raising_on_the_reference_too_is_the_judges_fault() -> None:
    outcome, judge_failed = grading.grade_check(CHECK, inputs(-1.0, -1.0))
    assert judge_failed and "judge error in check fragile" in outcome.message


def test_a_check_that_runs_away_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grading, "CHECK_SECONDS", 0.2)
    started = time.monotonic()
    outcome, judge_failed = grading.grade_check(CHECK, inputs(5.0, 0.5))
    assert time.monotonic() - started < 5
    assert not judge_failed and "CheckTimeout" in outcome.message
