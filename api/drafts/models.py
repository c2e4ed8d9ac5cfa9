from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime, utcnow


class Draft(Base):
    """The code a user is writing for a problem, kept on the server so it follows them to
    another browser. One per (user, problem), across the problem's versions."""

    __tablename__ = "drafts"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problems.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    code: Mapped[str] = mapped_column(Text)
    # Incremented by every save: the browser's copy remembers which one it last synced with.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
