"""Assessments: a timed set of problems an interviewer invites candidates to take.

An ``Attempt`` is one invitation and, once a candidate has used its link, that candidate's
sitting of the assessment: the clock starts when they open it (``started_at``) and the
deadline is fixed then, so every check compares against one stored moment.
"""

from __future__ import annotations

import datetime
import enum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime, utcnow
from api.problems.models import Problem
from api.users.models import User


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    time_limit_minutes: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner: Mapped[User] = relationship(lazy="joined")
    problems: Mapped[list[AssessmentProblem]] = relationship(
        order_by="AssessmentProblem.position", cascade="all, delete-orphan", lazy="selectin"
    )
    shares: Mapped[list[AssessmentShare]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class AssessmentProblem(Base):
    __tablename__ = "assessment_problems"
    __table_args__ = (UniqueConstraint("assessment_id", "problem_id", name="problem"),)

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"), index=True)

    problem: Mapped[Problem] = relationship(lazy="joined")


class AssessmentShare(Base):
    """Another interviewer who may see, invite to and review the assessment."""

    __tablename__ = "assessment_shares"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    user: Mapped[User] = relationship(lazy="joined")


class AttemptStatus(enum.StrEnum):
    INVITED = "invited"  # the link is not used yet
    ACCEPTED = "accepted"  # a candidate holds it but has not opened the assessment
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"  # time is up or the candidate finished; final drafts queued


class Attempt(Base):
    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_due", "finalized_at", "deadline"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    # The link's token is shown once; only its SHA-256 is kept.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))  # who it is for, as the inviter wrote it
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    # Set once, by whichever finalisation wins the conditional update.
    finalized_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship(lazy="joined")
    candidate: Mapped[User | None] = relationship(foreign_keys=[candidate_id], lazy="joined")

    def status_at(self, now: datetime.datetime) -> AttemptStatus:
        if self.finalized_at is not None or (self.deadline is not None and now >= self.deadline):
            return AttemptStatus.FINISHED
        if self.started_at is not None:
            return AttemptStatus.IN_PROGRESS
        if self.candidate_id is not None:
            return AttemptStatus.ACCEPTED
        return AttemptStatus.INVITED


class AttemptSubmission(Base):
    """A submission made during an attempt; ``is_final`` marks the one judged at the end
    (the last saved draft, or the last submission when the draft was the same code)."""

    __tablename__ = "attempt_submissions"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"))
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)


class SnapshotKind(enum.StrEnum):
    EDIT = "edit"  # periodic, while the code changes
    RUN = "run"
    SUBMIT = "submit"
    PASTE = "paste"  # a large paste: flagged on the timeline
    BLUR = "blur"  # the candidate left the tab: flagged
    FOCUS = "focus"  # and came back


FLAGGED_KINDS = frozenset({SnapshotKind.PASTE, SnapshotKind.BLUR})


class Snapshot(Base):
    """The editor at one moment of an attempt, for playback."""

    __tablename__ = "snapshots"
    __table_args__ = (Index("ix_snapshots_attempt_problem", "attempt_id", "problem_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"))
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
