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
    PACKAGE_DRAFT_CREATE = "package_draft.create"
    PACKAGE_DRAFT_IMPORT = "package_draft.import"
    PACKAGE_DRAFT_PUT_FILE = "package_draft.put_file"
    PACKAGE_DRAFT_DELETE_FILE = "package_draft.delete_file"
    PACKAGE_DRAFT_DELETE = "package_draft.delete"
    PACKAGE_DRAFT_EXPORT = "package_draft.export"
    PROBLEM_EXPORT = "problem.export"
    PACKAGE_DRAFT_VALIDATE = "package_draft.validate"
    PROBLEM_PUBLISH = "problem.publish"


class AuditEvent(Base):
    """One action an admin (or the command line) took on an account or a problem package.

    ``actor`` and ``target`` are names copied at the time (a username, or a package as
    ``draft 12 (kmeans)`` / ``problem kmeans``), so the log reads the same
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
