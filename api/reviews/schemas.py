"""What interviewers read and write about attempts: reviews, comments, scorecards,
results (dashboard, comparison, export) and playback."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from api.assessments.models import AttemptStatus
from api.assessments.schemas import AttemptRead, SnapshotRead
from api.reviews.models import LineComment, Recommendation, Scorecard
from api.reviews.scoring import AttemptResult, weighted_overall
from api.submissions.models import Submission
from api.submissions.schemas import SubmissionDetail

Score = Annotated[float, Field(ge=0, le=100)]


class TimelineEntry(BaseModel):
    """One submission of an attempt, placed in time from the start of the clock."""

    id: int
    created_at: datetime.datetime
    elapsed_seconds: float | None
    status: str
    verdict: str | None
    score: float | None
    is_final: bool

    @classmethod
    def build(
        cls, submission: Submission, started: datetime.datetime | None, final_id: int | None
    ) -> TimelineEntry:
        elapsed = (submission.created_at - started).total_seconds() if started else None
        return cls(
            id=submission.id,
            created_at=submission.created_at,
            elapsed_seconds=elapsed,
            status=submission.status,
            verdict=submission.verdict,
            score=submission.score,
            is_final=submission.id == final_id,
        )


class ProblemScore(BaseModel):
    slug: str
    score: float
    categories: dict[str, float]
    submissions: int


class AttemptScores(BaseModel):
    """One row of the dashboard, the comparison and the export."""

    attempt: AttemptRead
    overall: float
    categories: dict[str, float]
    problems: list[ProblemScore]
    submissions: int
    minutes_used: float | None
    judging: bool  # time is up but the final drafts are not taken yet, or still judged
    recommendation: Recommendation | None
    human_overall: float | None
    flags: int  # large pastes and tab leaves

    @classmethod
    def build(
        cls,
        result: AttemptResult,
        now: datetime.datetime,
        scorecard: Scorecard | None,
        flags: int,
    ) -> AttemptScores:
        attempt = AttemptRead.build(result.attempt, now)
        finalizing = attempt.status is AttemptStatus.FINISHED and attempt.finalized_at is None
        return cls(
            attempt=attempt,
            overall=result.overall,
            categories=result.categories,
            problems=[
                ProblemScore(
                    slug=p.slug,
                    score=p.score,
                    categories={name: p.category(name) for name in result.categories},
                    submissions=len(p.submissions),
                )
                for p in result.problems
            ],
            submissions=result.submission_count,
            minutes_used=result.minutes_used,
            judging=result.pending or finalizing,
            recommendation=Recommendation(scorecard.recommendation) if scorecard else None,
            human_overall=ScorecardRead.build(scorecard).human_overall if scorecard else None,
            flags=flags,
        )


class AssessmentResults(BaseModel):
    assessment_id: int
    title: str
    problems: list[str]
    categories: list[str]
    attempts: list[AttemptScores]


class CommentCreate(BaseModel):
    submission_id: int
    line: Annotated[int, Field(ge=1, le=100_000)]
    body: Annotated[str, Field(min_length=1, max_length=4000)]


class CommentRead(BaseModel):
    id: int
    submission_id: int
    line: int
    body: str
    author: str | None
    created_at: datetime.datetime

    @classmethod
    def build(cls, comment: LineComment) -> CommentRead:
        return cls(
            id=comment.id,
            submission_id=comment.submission_id,
            line=comment.line,
            body=comment.body,
            author=comment.author.username if comment.author else None,
            created_at=comment.created_at,
        )


class CategoryDecision(BaseModel):
    """``score`` None confirms the automatic score; a number overrides it."""

    score: Score | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


class ScorecardWrite(BaseModel):
    categories: dict[str, CategoryDecision] = {}
    summary: Annotated[str, Field(max_length=10_000)] = ""
    recommendation: Recommendation


class CategoryReview(BaseModel):
    automatic: float
    score: float
    confirmed: bool  # True when the human kept the automatic score
    note: str


class ScorecardRead(BaseModel):
    categories: dict[str, CategoryReview]
    summary: str
    recommendation: Recommendation
    reviewer: str | None
    updated_at: datetime.datetime
    automatic_overall: float
    human_overall: float

    @classmethod
    def build(cls, scorecard: Scorecard) -> ScorecardRead:
        categories = {
            name: CategoryReview.model_validate(value)
            for name, value in scorecard.categories.items()
        }
        return cls(
            categories=categories,
            summary=scorecard.summary,
            recommendation=Recommendation(scorecard.recommendation),
            reviewer=scorecard.reviewer.username if scorecard.reviewer else None,
            updated_at=scorecard.updated_at,
            automatic_overall=weighted_overall({n: c.automatic for n, c in categories.items()}),
            human_overall=weighted_overall({n: c.score for n, c in categories.items()}),
        )


class ProblemReview(BaseModel):
    slug: str
    title: str
    score: float
    categories: dict[str, float]
    final: SubmissionDetail | None  # the submission whose score counts
    timeline: list[TimelineEntry]
    flags: list[SnapshotRead]


class Review(BaseModel):
    attempt: AttemptRead
    assessment_id: int
    assessment: str
    overall: float
    categories: dict[str, float]
    problems: list[ProblemReview]
    comments: list[CommentRead]
    scorecard: ScorecardRead | None


class Playback(BaseModel):
    problem: str
    started_at: datetime.datetime | None
    deadline: datetime.datetime | None
    snapshots: list[SnapshotRead]
    submissions: list[TimelineEntry]
