from __future__ import annotations

import datetime
import enum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, UTCDateTime, utcnow


class ValidationStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    PASSED = "passed"  # every known submission got its declared outcome
    FAILED = "failed"  # the package loaded, and some known submission missed its outcome
    ERROR = "error"  # the package itself is at fault (static issues, failed to load, …)


FINISHED = (ValidationStatus.PASSED, ValidationStatus.FAILED, ValidationStatus.ERROR)


class PackageValidation(Base):
    """One run of a draft's known submissions on the untrusted path (in containers), for
    exactly one ``revision`` of the draft: an edit after it makes it stale, and only a
    passed validation of the draft's current revision lets it be published.

    ``outcomes`` holds one ``schemas.KnownOutcome`` per known submission (the reference
    first); ``content`` the ``VersionContent`` the package loaded as (publishing registers
    it without running package code again); ``error`` why the package itself failed.
    """

    __tablename__ = "package_validations"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(
        ForeignKey("package_drafts.id", ondelete="CASCADE"), index=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=ValidationStatus.QUEUED.value)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_by: Mapped[str] = mapped_column(String(64))  # the username, copied
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    outcomes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, default="")
