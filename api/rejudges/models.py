from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime, utcnow


class Rejudge(Base):
    """An admin's request to judge earlier submissions again, against a problem's current
    version. Each submission judged again gets a new row (``Submission.rejudge_of_id``), so
    the old result stays beside the new one; this row groups them and tells the progress."""

    __tablename__ = "rejudges"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_version_id: Mapped[int] = mapped_column(ForeignKey("problem_versions.id"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scope: Mapped[str] = mapped_column(String(200))  # what was asked for, in words
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
