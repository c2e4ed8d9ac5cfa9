from __future__ import annotations

import datetime
import enum

from sqlalchemy import CheckConstraint, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime, utcnow


class Role(enum.StrEnum):
    CANDIDATE = "candidate"
    INTERVIEWER = "interviewer"
    ADMIN = "admin"

    @property
    def is_staff(self) -> bool:
        """Interviewers and admins review candidates' submissions."""
        return self is not Role.CANDIDATE


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('candidate', 'interviewer', 'admin')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A deactivated account cannot log in, and its sessions and tokens stop working.
    is_active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Every session and API token records the version it was issued under and works only
    # while it is still the user's: one increment ends them all at once (a password
    # change, a deactivation), with no window in which a login racing it survives.
    credential_version: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class UserSession(Base):
    """A login: the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime)
    credential_version: Mapped[int] = mapped_column(server_default="0")


class PasswordReset(Base):
    """A one-time link to set a new password; like sessions, only the token's SHA-256."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
