from __future__ import annotations

import datetime
import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime, utcnow


class AuditAction(enum.StrEnum):
    USER_CREATE = "user.create"
    USER_DEACTIVATE = "user.deactivate"
    USER_REACTIVATE = "user.reactivate"
    USER_ROLE = "user.role"
    USER_PASSWORD_RESET = "user.password_reset"
    TOKEN_CREATE = "token.create"
    TOKEN_REVOKE = "token.revoke"


class AuditEvent(Base):
    """One action an admin (or the command line) took on an account.

    ``actor`` and ``target`` are usernames copied at the time, so the log reads the same
    whatever happens to the accounts later; ``actor_id`` links the admin's account (none
    for the command line, whose ``actor`` names the operating-system user).
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[str] = mapped_column(String(255))
