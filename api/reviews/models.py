"""What interviewers write about an attempt: line comments and one scorecard."""

from __future__ import annotations

import datetime
import enum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime, utcnow
from api.users.models import User


class Recommendation(enum.StrEnum):
    STRONG_NO = "strong_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"


class LineComment(Base):
    __tablename__ = "line_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")


class Scorecard(Base):
    """The human verdict on an attempt. ``categories`` maps each rubric category to the
    automatic score it had when reviewed, the human score (the same when confirmed) and a
    note; the automatic scores stay in the submissions' reports as well."""

    __tablename__ = "scorecards"
    __table_args__ = (
        CheckConstraint(
            "recommendation IN ('strong_no', 'no', 'yes', 'strong_yes')", name="recommendation"
        ),
    )

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    categories: Mapped[dict[str, Any]] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(String(16))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)

    reviewer: Mapped[User | None] = relationship(lazy="joined")
