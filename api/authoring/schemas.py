"""What the API takes and shows of package drafts."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from api.authoring.models import PackageDraft
from sandbox.package_files import PackageIssue
from sandbox.package_text import MAX_MARKDOWN_CHARS
from sandbox.problem_metadata import SLUG_PATTERN


class PackageDraftCreate(BaseModel):
    """A new problem from the template package."""

    slug: Annotated[str, Field(min_length=1, max_length=64, pattern=SLUG_PATTERN.pattern)]
    # One line of printable text: it goes into problem.yaml and the statement's heading.
    title: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]


class PackageFileWrite(BaseModel):
    text: str


class PackageIssueRead(BaseModel):
    """One fault of a package: the file, where in it (a field, a line) and what to do."""

    file: str
    where: str
    reason: str

    @classmethod
    def build(cls, issue: PackageIssue) -> PackageIssueRead:
        return cls(file=issue.file, where=issue.where, reason=issue.reason)


class PackageDraftSummary(BaseModel):
    id: int
    slug: str
    origin: str  # template | version | import
    owner: str | None  # the admin who created it (None once that account is gone)
    base_version: int | None  # the problem version it was copied from (its number)
    base_digest: str | None
    revision: int  # counts changes
    created_at: datetime.datetime
    updated_at: datetime.datetime
    file_count: int

    @classmethod
    def build(cls, draft: PackageDraft, file_count: int) -> PackageDraftSummary:
        base = draft.base_version
        return cls(
            id=draft.id,
            slug=draft.slug,
            origin=draft.origin,
            owner=draft.owner.username if draft.owner else None,
            base_version=base.number if base else None,
            base_digest=base.digest if base else None,
            revision=draft.revision,
            created_at=draft.created_at,
            updated_at=draft.updated_at,
            file_count=file_count,
        )


class PackageDraftRead(PackageDraftSummary):
    files: dict[str, str]  # path in the package -> text
    valid: bool  # no static fault (a validation run and publishing are separate steps)
    issues: list[PackageIssueRead]  # every static fault, by file

    @classmethod
    def build_with(cls, draft: PackageDraft, issues: list[PackageIssue]) -> PackageDraftRead:
        return cls(
            **PackageDraftSummary.build(draft, len(draft.files)).model_dump(),
            files=draft.texts,
            valid=not issues,
            issues=[PackageIssueRead.build(issue) for issue in issues],
        )


class InvalidPackage(BaseModel):
    """The answer to a package that cannot be imported (422): every fault at once."""

    detail: str
    issues: list[PackageIssueRead]


class MarkdownPreviewRequest(BaseModel):
    """Markdown to render as a problem page would (a statement, hints, an editorial)."""

    text: Annotated[str, Field(max_length=MAX_MARKDOWN_CHARS)]


class MarkdownPreview(BaseModel):
    html: str  # sanitized (nh3); math stays as $…$ / $$…$$ text for KaTeX in the browser
