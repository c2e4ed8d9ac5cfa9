from __future__ import annotations

import datetime
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime, utcnow
from api.problems.models import ProblemVersion
from api.users.models import User


class SubmissionStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"  # judged: verdict, score and report are set
    ERROR = "error"  # could not be judged: error says why

    @property
    def is_final(self) -> bool:
        return self in (SubmissionStatus.DONE, SubmissionStatus.ERROR)


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'error')", name="status"),
        Index("ix_submissions_status_changed", "status", "status_changed_at"),
        Index("ix_submissions_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    problem_version_id: Mapped[int] = mapped_column(ForeignKey("problem_versions.id"), index=True)
    code: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=SubmissionStatus.QUEUED.value)
    # Incremented by each claim; a worker may write a result only for the attempt it claimed.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    verdict: Mapped[str | None] = mapped_column(String(32))
    score: Mapped[float | None] = mapped_column(Float)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_changed_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    # A rejudge: the submission whose code this row judges again (api/rejudges), and the
    # request it belongs to. Judged after every submission nobody is waiting for.
    rejudge_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    rejudge_id: Mapped[int | None] = mapped_column(
        ForeignKey("rejudges.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(lazy="joined")
    problem_version: Mapped[ProblemVersion] = relationship(lazy="joined")

    @property
    def status_enum(self) -> SubmissionStatus:
        return SubmissionStatus(self.status)
