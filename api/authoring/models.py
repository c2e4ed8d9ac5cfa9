from __future__ import annotations

import datetime
import enum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, UTCDateTime, utcnow
from api.problems.models import ProblemVersion
from api.users.models import User


class DraftOrigin(enum.StrEnum):
    TEMPLATE = "template"  # a new problem, from the starting package
    VERSION = "version"  # a copy of a problem version, to change it
    IMPORT = "import"  # an uploaded zip


class PackageDraft(Base):
    """An admin's editable copy of a problem package, kept as files in the database.

    A draft never runs and is never shown to candidates. It is untrusted input whatever its
    origin: only the static validator (``sandbox.package_files``) reads it. Publishing it
    will make a new immutable ``ProblemVersion`` of the problem named ``slug``; ``base``
    is the version it was copied from (to tell whether the problem changed meanwhile), and
    ``revision`` counts changes (for a publish that names the revision it validated).
    """

    __tablename__ = "package_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), index=True)  # the package's folder name
    origin: Mapped[str] = mapped_column(String(16))  # DraftOrigin
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    base_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("problem_versions.id", ondelete="SET NULL")
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner: Mapped[User | None] = relationship(lazy="joined")
    base_version: Mapped[ProblemVersion | None] = relationship(lazy="joined")
    files: Mapped[list[PackageDraftFile]] = relationship(
        cascade="all, delete-orphan", order_by="PackageDraftFile.path"
    )  # loaded when read: a list of drafts counts them instead

    @property
    def texts(self) -> dict[str, str]:
        """The package as the validator and the zip export take it."""
        return {file.path: file.text for file in self.files}


class PackageDraftFile(Base):
    """One file of a draft, by its path in the package (``submissions/expected.yaml``)."""

    __tablename__ = "package_draft_files"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("package_drafts.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(String(128), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
