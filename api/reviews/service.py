"""Reviews: reading an attempt (scores, rubric, timeline, comments, playback) and writing
comments and the scorecard. Only staff who may see the attempt's assessment get here
(``attempt_for_staff``); candidates never do."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.assessments import access
from api.assessments import service as assessments
from api.assessments.models import FLAGGED_KINDS, Assessment, Attempt, Snapshot, SnapshotKind
from api.assessments.schemas import AttemptRead, SnapshotRead
from api.db import MAX_ID, utcnow
from api.errors import InvalidInput, NotFound
from api.problems import service as problems
from api.reviews.models import LineComment, Scorecard
from api.reviews.schemas import (
    AssessmentResults,
    AttemptScores,
    CategoryReview,
    CommentCreate,
    CommentRead,
    Playback,
    ProblemReview,
    Review,
    ScorecardRead,
    ScorecardWrite,
    TimelineEntry,
)
from api.reviews.scoring import CATEGORIES, AttemptResult, attempt_results
from api.submissions.schemas import SubmissionDetail
from api.users.models import User

FLAGGED_VALUES = tuple(kind.value for kind in FLAGGED_KINDS)


def attempt_for_staff(session: Session, user: User, attempt_id: int) -> Attempt:
    assessments.require_staff(user)
    attempt = session.get(Attempt, attempt_id) if 1 <= attempt_id <= MAX_ID else None
    if attempt is None or not access.may_see(user, attempt.assessment):
        raise NotFound(f"no attempt {attempt_id} you can see; your assessments list theirs")
    return attempt


def flag_counts(session: Session, attempt_ids: list[int]) -> dict[int, int]:
    if not attempt_ids:
        return {}
    rows = session.execute(
        select(Snapshot.attempt_id, func.count())
        .where(Snapshot.attempt_id.in_(attempt_ids), Snapshot.kind.in_(FLAGGED_VALUES))
        .group_by(Snapshot.attempt_id)
    )
    return {attempt_id: int(count) for attempt_id, count in rows}


def results(session: Session, assessment: Assessment) -> AssessmentResults:
    attempts = list(
        session.scalars(
            select(Attempt).where(Attempt.assessment_id == assessment.id).order_by(Attempt.id)
        )
    )
    scorecards = {
        s.attempt_id: s
        for s in session.scalars(
            select(Scorecard).where(Scorecard.attempt_id.in_([a.id for a in attempts]))
        )
    }
    flags = flag_counts(session, [a.id for a in attempts])
    now = utcnow()
    return AssessmentResults(
        assessment_id=assessment.id,
        title=assessment.title,
        problems=[item.problem.slug for item in assessment.problems],
        categories=list(CATEGORIES),
        attempts=[
            AttemptScores.build(r, now, scorecards.get(r.attempt.id), flags.get(r.attempt.id, 0))
            for r in attempt_results(session, attempts)
        ],
    )


def review(session: Session, attempt: Attempt) -> Review:
    result = attempt_results(session, [attempt])[0]
    titles = assessments.problem_titles(session, [attempt.assessment])
    flagged = list(
        session.scalars(
            select(Snapshot)
            .where(Snapshot.attempt_id == attempt.id, Snapshot.kind.in_(FLAGGED_VALUES))
            .order_by(Snapshot.id)
        )
    )
    comments = session.scalars(
        select(LineComment).where(LineComment.attempt_id == attempt.id).order_by(LineComment.id)
    )
    scorecard = session.get(Scorecard, attempt.id)
    return Review(
        attempt=AttemptRead.build(attempt, utcnow()),
        assessment_id=attempt.assessment_id,
        assessment=attempt.assessment.title,
        overall=result.overall,
        categories=result.categories,
        problems=[
            ProblemReview(
                slug=p.slug,
                title=titles.get(p.problem_id, p.slug),
                score=p.score,
                categories={name: p.category(name) for name in CATEGORIES},
                final=SubmissionDetail.build(p.scored) if p.scored is not None else None,
                timeline=[
                    TimelineEntry.build(s, attempt.started_at, p.final_id) for s in p.submissions
                ],
                flags=[
                    SnapshotRead.build(s, True) for s in flagged if s.problem_id == p.problem_id
                ],
            )
            for p in result.problems
        ],
        comments=[CommentRead.build(c) for c in comments],
        scorecard=ScorecardRead.build(scorecard) if scorecard else None,
    )


def attempt_result(session: Session, attempt: Attempt) -> AttemptResult:
    return attempt_results(session, [attempt])[0]


def add_comment(
    session: Session, author: User, attempt: Attempt, spec: CommentCreate
) -> LineComment:
    result = attempt_result(session, attempt)
    submission = next(
        (s for p in result.problems for s in p.submissions if s.id == spec.submission_id), None
    )
    if submission is None:
        raise InvalidInput(
            f"submission {spec.submission_id} is not one of this attempt's; comment on one of its "
            "submissions"
        )
    lines = submission.code.count("\n") + 1
    if spec.line > lines:
        raise InvalidInput(f"line {spec.line} is past the end of the code ({lines} lines)")
    comment = LineComment(
        attempt_id=attempt.id,
        submission_id=submission.id,
        line=spec.line,
        body=spec.body.strip(),
        author_id=author.id,
    )
    if not comment.body:
        raise InvalidInput("the comment is blank; write something")
    session.add(comment)
    session.flush()
    return comment


def save_scorecard(
    session: Session, reviewer: User, attempt: Attempt, spec: ScorecardWrite
) -> Scorecard:
    """Keep the automatic score of each category beside the human one (the same when
    confirmed), with the note; a second save replaces the first."""
    unknown = sorted(set(spec.categories) - set(CATEGORIES))
    if unknown:
        raise InvalidInput(
            f"unknown categories {unknown}; the categories are {', '.join(CATEGORIES)}"
        )
    automatic = attempt_result(session, attempt).categories
    decided: dict[str, object] = {}
    for name in CATEGORIES:
        decision = spec.categories.get(name)
        human = decision.score if decision is not None else None
        decided[name] = CategoryReview(
            automatic=automatic[name],
            score=automatic[name] if human is None else human,
            confirmed=human is None,
            note=decision.note.strip() if decision is not None else "",
        ).model_dump()
    scorecard = session.get(Scorecard, attempt.id)
    if scorecard is None:
        scorecard = Scorecard(attempt_id=attempt.id)
        session.add(scorecard)
    scorecard.categories = decided
    scorecard.summary = spec.summary.strip()
    scorecard.recommendation = spec.recommendation.value
    scorecard.reviewer_id = reviewer.id
    scorecard.updated_at = utcnow()
    session.flush()
    session.refresh(scorecard)
    return scorecard


def playback(session: Session, attempt: Attempt, slug: str) -> Playback:
    version = problems.get_current(session, slug)
    result = attempt_result(session, attempt)
    problem = next((p for p in result.problems if p.problem_id == version.problem_id), None)
    if problem is None:
        raise NotFound(f"'{slug}' is not a problem of this assessment")
    snapshots = session.scalars(
        select(Snapshot)
        .where(Snapshot.attempt_id == attempt.id, Snapshot.problem_id == version.problem_id)
        .order_by(Snapshot.id)
    )
    return Playback(
        problem=slug,
        started_at=attempt.started_at,
        deadline=attempt.deadline,
        snapshots=[SnapshotRead.build(s, SnapshotKind(s.kind) in FLAGGED_KINDS) for s in snapshots],
        submissions=[
            TimelineEntry.build(s, attempt.started_at, problem.final_id)
            for s in problem.submissions
        ],
    )
