from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime, utcnow


class HintReveal(Base):
    """How many of a problem's hints a candidate has asked for. Kept per problem, not per
    version, so a new version of the hints does not hide what was already shown; an
    interviewer reviewing the candidate sees the count."""

    __tablename__ = "hint_reveals"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problems.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    revealed: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
