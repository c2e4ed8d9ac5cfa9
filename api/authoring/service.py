"""Package drafts: admins' editable copies of problem packages, and packages as zips.

Nothing here runs package code. A draft is validated statically (``sandbox.package_files``)
whenever it is read; what cannot be stored at all (a name outside the layout, text that is
not UTF-8, sizes past the limits) is refused when written, and an import with any fault
at all is refused whole.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.audit import service as audit
from api.audit.models import AuditAction
from api.audit.service import Actor
from api.authoring.models import DraftOrigin, PackageDraft, PackageDraftFile
from api.authoring.schemas import PackageIssueRead
from api.authoring.template import template_files
from api.db import upsert, utcnow
from api.errors import InvalidInput, NotFound
from api.problems.models import ProblemVersion
from api.problems.service import get_current
from api.users.models import User
from sandbox.package_files import (
    EXPECTED,
    SUBMISSION_PATH,
    PackageIssue,
    path_issue,
    read_directory,
    storage_issues,
    validate_package,
)
from sandbox.package_zip import read_zip, write_zip
from sandbox.problem import package_files

MAX_LISTED = 200  # drafts in one list


@dataclasses.dataclass(frozen=True)
class Export:
    filename: str
    data: bytes


class PackageRefused(InvalidInput):
    """422 with every fault of the package in ``issues``."""

    def __init__(self, message: str, issues: list[PackageIssue]):
        listed = [PackageIssueRead.build(issue).model_dump() for issue in issues]
        super().__init__(message, extra={"issues": listed})
        self.issues = issues


def _target(draft: PackageDraft) -> str:
    return f"draft {draft.id} ({draft.slug})"


def version_files(version: ProblemVersion, problems_dir: Path) -> dict[str, str]:
    """Every file of a problem version: the stored ones, plus the known submissions of the
    repository's folder when it holds exactly this version (a version keeps only the files
    judging needs; the submissions are the package's too)."""
    files = dict(version.files)
    folder = problems_dir / version.slug
    on_disk = read_directory(folder)[0] if folder.is_dir() else {}
    if any(on_disk.get(name) != text for name, text in files.items()):
        return files
    if set(package_files(folder)) != set(files):  # a guidance file added since
        return files
    known = {p: t for p, t in on_disk.items() if p == EXPECTED or SUBMISSION_PATH.match(p)}
    return files | known


def _create(
    session: Session,
    actor: User,
    slug: str,
    origin: DraftOrigin,
    files: dict[str, str],
    base: ProblemVersion | None = None,
) -> PackageDraft:
    refused = storage_issues(files)
    if refused:
        raise PackageRefused("the package cannot be stored as a draft; fix each issue", refused)
    draft = PackageDraft(
        slug=slug,
        origin=origin.value,
        owner_id=actor.id,
        base_version=base,
        files=[PackageDraftFile(path=path, text=text) for path, text in sorted(files.items())],
    )
    session.add(draft)
    session.flush()
    return draft


def create_from_template(session: Session, actor: User, slug: str, title: str) -> PackageDraft:
    draft = _create(session, actor, slug, DraftOrigin.TEMPLATE, template_files(slug, title))
    audit.record(
        session,
        Actor.of(actor),
        AuditAction.PACKAGE_DRAFT_CREATE,
        _target(draft),
        "from the template",
    )
    return draft


def create_from_problem(
    session: Session, actor: User, slug: str, problems_dir: Path
) -> PackageDraft:
    version = get_current(session, slug)
    files = version_files(version, problems_dir)
    draft = _create(session, actor, slug, DraftOrigin.VERSION, files, base=version)
    detail = f"from version {version.number} ({version.digest[:12]})"
    audit.record(session, Actor.of(actor), AuditAction.PACKAGE_DRAFT_CREATE, _target(draft), detail)
    return draft


def import_zip(session: Session, actor: User, data: bytes) -> PackageDraft:
    """A draft holding the package in the zip; 422 with every fault, and nothing stored,
    unless the package has none."""
    package = read_zip(data)
    issues = package.issues + (
        validate_package(package.files, package.slug) if package.slug else []
    )
    if issues:
        raise PackageRefused(
            f"the package has {len(issues)} problem(s) and was not imported; fix each and "
            "import it again",
            issues,
        )
    draft = _create(session, actor, package.slug, DraftOrigin.IMPORT, package.files)
    detail = f"imported a zip of {len(package.files)} files ({len(data)} bytes)"
    audit.record(session, Actor.of(actor), AuditAction.PACKAGE_DRAFT_IMPORT, _target(draft), detail)
    return draft


def list_drafts(session: Session) -> list[tuple[PackageDraft, int]]:
    """Every admin's drafts with their number of files (not their texts), last changed
    first: admins share drafts, as they share problems."""
    counts = (
        select(PackageDraftFile.draft_id, func.count().label("files"))
        .group_by(PackageDraftFile.draft_id)
        .subquery()
    )
    query = (
        select(PackageDraft, func.coalesce(counts.c.files, 0))
        .outerjoin(counts, counts.c.draft_id == PackageDraft.id)
        .order_by(PackageDraft.updated_at.desc(), PackageDraft.id.desc())
        .limit(MAX_LISTED)
    )
    return [(draft, int(files)) for draft, files in session.execute(query).all()]


def get(session: Session, draft_id: int, *, for_update: bool = False) -> PackageDraft:
    """The draft; ``for_update`` locks its row until the commit (on PostgreSQL), so that two
    admins writing to one draft at once take turns, each seeing the other's files."""
    query = select(PackageDraft).where(PackageDraft.id == draft_id)
    if for_update:
        query = query.with_for_update(of=PackageDraft).execution_options(populate_existing=True)
    draft = session.scalar(query) if 0 < draft_id < 2**31 else None
    if draft is None:
        raise NotFound(f"no package draft {draft_id}; GET /api/v1/package-drafts lists them")
    return draft


def issues_of(draft: PackageDraft) -> list[PackageIssue]:
    return validate_package(draft.texts, draft.slug)


def _changed(session: Session, draft: PackageDraft) -> None:
    """Count a change (in SQL, so that concurrent changes all count) and reload the draft."""
    session.execute(
        update(PackageDraft)
        .where(PackageDraft.id == draft.id)
        .values(revision=PackageDraft.revision + 1, updated_at=utcnow())
    )
    session.flush()
    session.expire(draft)


def put_file(session: Session, actor: User, draft_id: int, path: str, text: str) -> PackageDraft:
    """Write one file (new or replaced). 422 when the file or the package it makes cannot
    be stored; faults of the content itself are reported by the draft's validation."""
    draft = get(session, draft_id, for_update=True)
    files = {**draft.texts, path: text}
    refused = [i for i in storage_issues(files) if i.file in (path, "")]
    if refused:
        raise PackageRefused(f"'{path[:200]}' was not saved; fix each issue", refused)
    # An upsert: two admins adding one file at once both succeed, the later text wins.
    upsert(
        session,
        PackageDraftFile,
        {"draft_id": draft.id, "path": path, "text": text},
        [PackageDraftFile.draft_id, PackageDraftFile.path],
        {"text": text},
    )
    _changed(session, draft)
    detail = f"{path} ({len(text.encode())} bytes)"
    audit.record(
        session, Actor.of(actor), AuditAction.PACKAGE_DRAFT_PUT_FILE, _target(draft), detail
    )
    session.flush()
    return draft


def delete_file(session: Session, actor: User, draft_id: int, path: str) -> PackageDraft:
    draft = get(session, draft_id, for_update=True)
    existing = next((f for f in draft.files if f.path == path), None)
    if existing is None:
        reason = path_issue(path) or "no such file in the draft"
        raise NotFound(f"'{path[:200]}': {reason}; GET the draft to see its files")
    session.delete(existing)
    _changed(session, draft)
    audit.record(
        session, Actor.of(actor), AuditAction.PACKAGE_DRAFT_DELETE_FILE, _target(draft), path
    )
    return draft


def delete(session: Session, actor: User, draft_id: int) -> None:
    draft = get(session, draft_id, for_update=True)
    detail = f"{len(draft.files)} files, revision {draft.revision}"
    audit.record(session, Actor.of(actor), AuditAction.PACKAGE_DRAFT_DELETE, _target(draft), detail)
    session.delete(draft)
    session.flush()


def export_draft(session: Session, actor: User, draft_id: int) -> Export:
    draft = get(session, draft_id)
    detail = f"revision {draft.revision}"
    audit.record(session, Actor.of(actor), AuditAction.PACKAGE_DRAFT_EXPORT, _target(draft), detail)
    return Export(f"{draft.slug}-draft-{draft.id}.zip", write_zip(draft.slug, draft.texts))


def export_problem(session: Session, actor: User, slug: str, problems_dir: Path) -> Export:
    version = get_current(session, slug)
    files = version_files(version, problems_dir)
    detail = f"version {version.number} ({version.digest[:12]}), {len(files)} files"
    audit.record(session, Actor.of(actor), AuditAction.PROBLEM_EXPORT, f"problem {slug}", detail)
    return Export(f"{slug}.zip", write_zip(slug, files))
