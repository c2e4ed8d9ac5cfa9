"""What the API takes and shows of validations and publishing of package drafts."""

from __future__ import annotations

import datetime

from pydantic import BaseModel

from api.publishing.models import PackageValidation, ValidationStatus
from sandbox.package_files import Expectation
from sandbox.validation import Validated

MAX_CHECKS_LISTED = 30
MAX_CHECK_MESSAGE_CHARS = 600


class ExpectedOutcome(BaseModel):
    """What ``submissions/expected.yaml`` declares (the reference: a score of 100)."""

    score: float | None
    verdict: str | None
    loses: list[str]  # categories that must lose points
    keeps: list[str]  # categories that must score 100

    @classmethod
    def of(cls, expectation: Expectation) -> ExpectedOutcome:
        return cls(
            score=expectation.score,
            verdict=expectation.verdict.value if expectation.verdict else None,
            loses=[c.value for c in expectation.loses],
            keeps=[c.value for c in expectation.keeps],
        )


class GotOutcome(BaseModel):
    """What the judge gave the known submission."""

    verdict: str
    score: float
    categories: dict[str, float]  # by category
    message: str  # the judge's message (why a judge error happened, …)
    # Each check below 100, "name (score): message": what an author reads to see why an
    # expectation was missed (validations stored before it have none).
    checks_below_full: list[str] = []


class KnownOutcome(BaseModel):
    """One known submission (or the reference) judged during a validation."""

    name: str  # reference.py or the file under submissions/
    expected: ExpectedOutcome
    got: GotOutcome
    unmet: list[str]  # what the outcome missed of the expectation (empty: met)

    @property
    def met(self) -> bool:
        return not self.unmet

    @classmethod
    def of(cls, validated: Validated) -> KnownOutcome:
        report = validated.report
        return cls(
            name=validated.expectation.name,
            expected=ExpectedOutcome.of(validated.expectation),
            got=GotOutcome(
                verdict=report.verdict.value,
                score=report.score,
                categories={c.value: score for c, score in report.categories.items()},
                message=report.message[:2000],
                checks_below_full=[
                    f"{c.name} ({c.score:.0f}): {c.message[:MAX_CHECK_MESSAGE_CHARS]}"
                    for c in report.checks
                    if c.score < 100.0
                ][:MAX_CHECKS_LISTED],
            ),
            unmet=list(validated.unmet),
        )


class ValidationRead(BaseModel):
    id: int
    draft_id: int
    revision: int  # the draft's revision it judged
    draft_revision: int  # the draft's revision now
    stale: bool  # the draft changed since: validate again before publishing
    status: str  # queued | running | passed | failed | error
    publishable: bool  # passed, for the draft's current revision
    requested_by: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    outcomes: list[KnownOutcome]  # the reference first, then submissions/expected.yaml's
    error: str  # why the package itself failed (status error)

    @classmethod
    def build(cls, validation: PackageValidation, draft_revision: int) -> ValidationRead:
        stale = validation.revision != draft_revision
        return cls(
            id=validation.id,
            draft_id=validation.draft_id,
            revision=validation.revision,
            draft_revision=draft_revision,
            stale=stale,
            status=validation.status,
            publishable=not stale and validation.status == ValidationStatus.PASSED.value,
            requested_by=validation.requested_by,
            created_at=validation.created_at,
            started_at=validation.started_at,
            finished_at=validation.finished_at,
            outcomes=[KnownOutcome.model_validate(o) for o in validation.outcomes],
            error=validation.error,
        )


class PublishRequest(BaseModel):
    revision: int  # the draft's revision that passed validation


class Published(BaseModel):
    slug: str
    version: int  # the package's own `version:`
    digest: str
    created: bool  # a new version (False: these exact files were a version already)
    problem_url: str  # the problem's page
