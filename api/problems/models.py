from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime, utcnow


class Problem(Base):
    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProblemVersion(Base):
    """One immutable state of a problem package, keyed by the digest of its files.

    The files themselves are kept, so a worker can judge against exactly this version on
    any machine, whatever ``problems/`` holds there now.
    """

    __tablename__ = "problem_versions"
    __table_args__ = (UniqueConstraint("problem_id", "digest", name="problem_digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)  # the package's own `version:`
    title: Mapped[str] = mapped_column(String(200))
    difficulty: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(64), default="")  # sandbox.problem.TOPICS
    tags: Mapped[list[str]] = mapped_column(JSON)
    weights: Mapped[dict[str, float]] = mapped_column(JSON)
    # Why each category of weight 0 cannot apply (shown beside the weights).
    not_applicable: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    files: Mapped[dict[str, str]] = mapped_column(JSON)
    statement_html: Mapped[str] = mapped_column(Text)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    # Published from the browser (``api.publishing``): untrusted code, judged with its
    # reference and checks in containers; a reload of ``problems/`` leaves it current.
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    loaded_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)

    problem: Mapped[Problem] = relationship(lazy="joined")

    @property
    def slug(self) -> str:
        return self.problem.slug
