"""What the API shows of a submission; pages render the same objects."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel

from api.submissions.models import Submission


class SubmissionCreated(BaseModel):
    id: int
    status: str


class SubmissionSummary(BaseModel):
    id: int
    problem: str
    problem_version: int
    username: str
    status: str
    verdict: str | None
    score: float | None
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    rejudge_of: int | None  # a rejudge: the submission whose code it judges again

    @classmethod
    def build(cls, submission: Submission) -> SubmissionSummary:
        return cls(
            id=submission.id,
            problem=submission.problem_version.slug,
            problem_version=submission.problem_version.number,
            username=submission.user.username,
            status=submission.status,
            verdict=submission.verdict,
            score=submission.score,
            created_at=submission.created_at,
            finished_at=submission.finished_at,
            rejudge_of=submission.rejudge_of_id,
        )


class CategoryResult(BaseModel):
    score: float
    weight: float
    checks_passed: int
    checks_total: int


class CheckResult(BaseModel):
    name: str
    category: str
    passed: bool
    score: float
    weight: float
    message: str


class SubmissionDetail(SubmissionSummary):
    problem_digest: str
    code: str
    attempts: int
    message: str | None  # the judge's one-line summary, or why judging failed
    categories: dict[str, CategoryResult] | None
    checks: list[CheckResult] | None
    curves: dict[str, list[float | None]] | None
    probes: list[dict[str, Any]] | None
    timing: dict[str, float] | None
    seed: int | None
    stdout: str | None
    stderr: str | None

    @classmethod
    def build(cls, submission: Submission) -> SubmissionDetail:
        summary = SubmissionSummary.build(submission).model_dump()
        report = submission.report or {}
        message = submission.error if submission.error is not None else report.get("message")
        return cls(
            **summary,
            problem_digest=submission.problem_version.digest,
            code=submission.code,
            attempts=submission.attempts,
            message=message,
            categories=report.get("categories"),
            checks=report.get("checks"),
            curves=report.get("curves"),
            probes=report.get("probes"),
            timing=report.get("timing"),
            seed=report.get("seed"),
            stdout=report.get("stdout"),
            stderr=report.get("stderr"),
        )


class RunResult(BaseModel):
    """The report of a "Run" against the sample probes; nothing is stored."""

    problem: str
    verdict: str
    message: str
    score: float
    categories: dict[str, CategoryResult]
    checks: list[CheckResult]
    curves: dict[str, list[float | None]] | None
    probes: list[dict[str, Any]]
    timing: dict[str, float]
    stdout: str
    stderr: str

    @classmethod
    def build(cls, report: dict[str, Any]) -> RunResult:
        return cls.model_validate(report)
