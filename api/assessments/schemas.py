"""What the API takes and shows of assessments, invites and attempts."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from api.assessments.models import Assessment, Attempt, AttemptStatus, Snapshot, SnapshotKind
from api.users.models import User

MAX_PROBLEMS = 20
MAX_TIME_LIMIT_MINUTES = 24 * 60
Slug = Annotated[str, Field(min_length=1, max_length=64)]
Username = Annotated[str, Field(min_length=1, max_length=32)]


class AssessmentCreate(BaseModel):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    problems: Annotated[list[Slug], Field(min_length=1, max_length=MAX_PROBLEMS)]
    time_limit_minutes: Annotated[int, Field(ge=1, le=MAX_TIME_LIMIT_MINUTES)]
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None
    shared_with: Annotated[list[Username], Field(max_length=50)] = []

    @model_validator(mode="after")
    def window_is_sane(self) -> AssessmentCreate:
        for moment in (self.opens_at, self.closes_at):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("give opens_at and closes_at with a time zone (e.g. ...Z)")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValueError("closes_at must be after opens_at")
        if len(set(self.problems)) != len(self.problems):
            raise ValueError("a problem appears twice in problems; list each once")
        return self


class Shares(BaseModel):
    usernames: Annotated[list[Username], Field(max_length=50)]


class ProblemRef(BaseModel):
    slug: str
    title: str


class AssessmentRead(BaseModel):
    id: int
    title: str
    owner: str
    problems: list[ProblemRef]
    time_limit_minutes: int
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    shared_with: list[str]
    created_at: datetime.datetime

    @classmethod
    def build(cls, assessment: Assessment, titles: dict[int, str]) -> AssessmentRead:
        return cls(
            id=assessment.id,
            title=assessment.title,
            owner=assessment.owner.username,
            problems=[
                ProblemRef(slug=item.problem.slug, title=titles.get(item.problem_id, ""))
                for item in assessment.problems
            ],
            time_limit_minutes=assessment.time_limit_minutes,
            opens_at=assessment.opens_at,
            closes_at=assessment.closes_at,
            shared_with=sorted(share.user.username for share in assessment.shares),
            created_at=assessment.created_at,
        )


class InviteCreate(BaseModel):
    label: Annotated[str, Field(min_length=1, max_length=200)]


class AttemptRead(BaseModel):
    """An invitation and its attempt, as interviewers see it."""

    id: int
    assessment_id: int
    label: str
    candidate: str | None
    status: AttemptStatus
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    deadline: datetime.datetime | None
    finalized_at: datetime.datetime | None

    @classmethod
    def build(cls, attempt: Attempt, now: datetime.datetime) -> AttemptRead:
        return cls(
            id=attempt.id,
            assessment_id=attempt.assessment_id,
            label=attempt.label,
            candidate=attempt.candidate.username if attempt.candidate else None,
            status=attempt.status_at(now),
            created_at=attempt.created_at,
            started_at=attempt.started_at,
            deadline=attempt.deadline,
            finalized_at=attempt.finalized_at,
        )


class InviteCreated(AttemptRead):
    token: str  # shown once
    url: str


class InviteToken(BaseModel):
    """The secret of an invite link: the part after '#' (``<site>/invite#<token>``). It
    travels in request bodies only, never in a URL, so no log or Referer header carries it."""

    token: Annotated[
        str, Field(min_length=1, max_length=128, description="the part of the link after '#'")
    ]


class InviteInfo(BaseModel):
    """What the link's page shows before the candidate commits to anything."""

    assessment: str
    problems: int
    time_limit_minutes: int
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    used: bool
    # The attempt's id when the caller is the candidate who holds it (their page is
    # /my/assessments/<id>); None for anyone else.
    attempt_id: int | None

    @classmethod
    def build(cls, attempt: Attempt, viewer: User | None) -> InviteInfo:
        assessment = attempt.assessment
        held = viewer is not None and attempt.candidate_id == viewer.id
        return cls(
            assessment=assessment.title,
            problems=len(assessment.problems),
            time_limit_minutes=assessment.time_limit_minutes,
            opens_at=assessment.opens_at,
            closes_at=assessment.closes_at,
            used=attempt.candidate_id is not None,
            attempt_id=attempt.id if held else None,
        )


class InviteRegistration(InviteToken):
    username: Annotated[str, Field(min_length=1, max_length=32)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]


class CandidateAttempt(BaseModel):
    """An attempt as its candidate sees it: no scores, reviews or flags."""

    id: int
    assessment: str
    problems: list[ProblemRef]
    time_limit_minutes: int
    status: AttemptStatus
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    started_at: datetime.datetime | None
    deadline: datetime.datetime | None
    remaining_seconds: float | None

    @classmethod
    def build(
        cls, attempt: Attempt, titles: dict[int, str], now: datetime.datetime
    ) -> CandidateAttempt:
        assessment = AssessmentRead.build(attempt.assessment, titles)
        status = attempt.status_at(now)
        remaining = None
        if attempt.deadline is not None:
            remaining = (
                max(0.0, (attempt.deadline - now).total_seconds())
                if status is AttemptStatus.IN_PROGRESS
                else 0.0
            )
        return cls(
            id=attempt.id,
            assessment=assessment.title,
            problems=assessment.problems,
            time_limit_minutes=assessment.time_limit_minutes,
            status=status,
            opens_at=assessment.opens_at,
            closes_at=assessment.closes_at,
            started_at=attempt.started_at,
            deadline=attempt.deadline,
            remaining_seconds=remaining,
        )


MAX_SNAPSHOT_CODE = 64 * 1024


class SnapshotCreate(BaseModel):
    problem: Slug
    kind: SnapshotKind
    code: Annotated[str, Field(max_length=MAX_SNAPSHOT_CODE)]
    detail: Annotated[str, Field(max_length=200)] = ""


class SnapshotRead(BaseModel):
    id: int
    kind: SnapshotKind
    flagged: bool
    code: str
    detail: str
    created_at: datetime.datetime

    @classmethod
    def build(cls, snapshot: Snapshot, flagged: bool) -> SnapshotRead:
        return cls(
            id=snapshot.id,
            kind=SnapshotKind(snapshot.kind),
            flagged=flagged,
            code=snapshot.code,
            detail=snapshot.detail,
            created_at=snapshot.created_at,
        )
