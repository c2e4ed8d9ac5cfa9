"""Validating a package draft on the untrusted path, and publishing it as a new version.

The API records what is asked and decides what may be published; the worker
(``worker.validating``) runs the package's code, in containers only, and records the
outcomes through ``start_validation`` / ``finish_validation``. Services only add and
flush; the router commits and enqueues.
"""

from __future__ import annotations

import dataclasses
import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.audit import service as audit
from api.audit.models import AuditAction
from api.audit.service import Actor
from api.authoring import service as authoring
from api.authoring.models import PackageDraft
from api.db import utcnow
from api.errors import Conflict, NotFound
from api.problems.models import Problem, ProblemVersion
from api.problems.schemas import VersionContent
from api.problems.service import find_current, register_version
from api.publishing.models import PackageValidation, ValidationStatus
from api.publishing.schemas import KnownOutcome
from api.users.models import User

# A validation judges every known submission in turn: its time limit, in judgings' limits.
VALIDATION_JUDGINGS = 10


def _target(draft: PackageDraft) -> str:
    return f"draft {draft.id} ({draft.slug})"


def request_validation(session: Session, admin: User, draft_id: int) -> PackageValidation:
    """A queued validation of the draft's current revision."""
    draft = authoring.get(session, draft_id)
    validation = PackageValidation(
        draft_id=draft.id,
        revision=draft.revision,
        status=ValidationStatus.QUEUED.value,
        requested_by_id=admin.id,
        requested_by=admin.username,
        outcomes=[],
    )
    session.add(validation)
    session.flush()
    detail = f"revision {draft.revision} (validation {validation.id})"
    audit.record(
        session, Actor.of(admin), AuditAction.PACKAGE_DRAFT_VALIDATE, _target(draft), detail
    )
    return validation


def latest(session: Session, draft_id: int) -> PackageValidation | None:
    return session.scalar(
        select(PackageValidation)
        .where(PackageValidation.draft_id == draft_id)
        .order_by(PackageValidation.id.desc())
        .limit(1)
    )


def get_latest(session: Session, draft_id: int) -> tuple[PackageValidation, PackageDraft]:
    draft = authoring.get(session, draft_id)
    validation = latest(session, draft.id)
    if validation is None:
        raise NotFound(
            f"draft {draft.id} was never validated; "
            f"POST /api/v1/package-drafts/{draft.id}/validations"
        )
    return validation, draft


@dataclasses.dataclass(frozen=True)
class DraftToValidate:
    """What the worker needs of a draft, read when the validation starts."""

    validation_id: int
    slug: str
    files: dict[str, str]


def start_validation(session: Session, validation_id: int) -> DraftToValidate | None:
    """Move a queued validation to running; None when it is not queued any more (another
    worker took it, or it finished) or its draft is gone."""
    claimed = session.execute(
        update(PackageValidation)
        .where(
            PackageValidation.id == validation_id,
            PackageValidation.status == ValidationStatus.QUEUED.value,
        )
        .values(status=ValidationStatus.RUNNING.value, started_at=utcnow())
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return None
    validation = session.get(PackageValidation, validation_id)
    assert validation is not None
    draft = session.get(PackageDraft, validation.draft_id)
    if draft is None:  # deleted meanwhile (where the database does not cascade the delete)
        validation.status = ValidationStatus.ERROR.value
        validation.error = "the draft was deleted before its validation started"
        validation.finished_at = utcnow()
        session.flush()
        return None
    # The draft may have changed since the request: the validation judges the files as they
    # are now and says so by their revision.
    validation.revision = draft.revision
    session.flush()
    return DraftToValidate(validation_id, draft.slug, draft.texts)


@dataclasses.dataclass(frozen=True)
class ValidationResult:
    """What the worker found: outcomes and the loaded package, or the package's fault."""

    outcomes: list[KnownOutcome] = dataclasses.field(default_factory=list)
    content: VersionContent | None = None
    error: str = ""

    @property
    def status(self) -> ValidationStatus:
        if self.error or self.content is None:
            return ValidationStatus.ERROR
        if all(outcome.met for outcome in self.outcomes):
            return ValidationStatus.PASSED
        return ValidationStatus.FAILED


def finish_validation(session: Session, validation_id: int, result: ValidationResult) -> bool:
    """Record the result of a running validation; False when it was not running."""
    validation = session.get(PackageValidation, validation_id)
    if validation is None or validation.status != ValidationStatus.RUNNING.value:
        return False
    validation.status = result.status.value
    validation.outcomes = [outcome.model_dump() for outcome in result.outcomes]
    validation.content = result.content.model_dump() if result.content else None
    validation.error = result.error
    validation.finished_at = utcnow()
    session.flush()
    return True


def _refuse_unless_publishable(
    session: Session, draft: PackageDraft, revision: int
) -> VersionContent:
    if draft.revision != revision:
        raise Conflict(
            f"draft {draft.id} is at revision {draft.revision}, not {revision}: it changed "
            "since; validate the current revision, then publish it"
        )
    validation = latest(session, draft.id)
    if validation is None:
        raise Conflict(
            f"draft {draft.id} was never validated; validate it (POST "
            f"/api/v1/package-drafts/{draft.id}/validations), then publish once it passes"
        )
    if validation.revision != revision:
        raise Conflict(
            f"the latest validation of draft {draft.id} judged revision {validation.revision}, "
            f"not {revision}; validate revision {revision}, then publish it"
        )
    if validation.status != ValidationStatus.PASSED.value or validation.content is None:
        raise Conflict(
            f"the latest validation of revision {revision} is {validation.status}, not passed; "
            "fix the package (or wait for the validation to finish), then publish"
        )
    content = VersionContent.model_validate(validation.content)
    if any(draft.texts.get(name) != text for name, text in content.files.items()):
        raise Conflict("the draft's files differ from the validated ones; validate again")
    return content


def _refuse_if_moved_on(session: Session, draft: PackageDraft) -> None:
    """Someone else published, or the repository was reloaded, since the draft was made."""
    # The problem's row locked until the commit (PostgreSQL): two publishes of one problem
    # take turns, and the second sees the first's version as current.
    session.scalar(select(Problem).where(Problem.slug == draft.slug).with_for_update())
    current = find_current(session, draft.slug)
    if current is None or current.id == draft.base_version_id:
        return
    if draft.base_version_id is None:
        raise Conflict(
            f"a problem '{draft.slug}' exists already (version {current.number}); "
            f"start from it (POST /api/v1/problems/{draft.slug}/package-drafts) to change it, "
            "or rename this draft's problem"
        )
    raise Conflict(
        f"problem '{draft.slug}' moved on since this draft was copied: its current version is "
        f"{current.number} ({current.digest[:12]}); copy the current version again and "
        "carry your changes over"
    )


def publish(
    session: Session, admin: User, draft_id: int, revision: int
) -> tuple[ProblemVersion, bool]:
    """Make the draft's validated revision the current version of its problem, as an
    uploaded (untrusted) version. The draft is kept, now based on the new version, so that
    it can be changed and published again."""
    draft = authoring.get(session, draft_id, for_update=True)
    content = _refuse_unless_publishable(session, draft, revision)
    _refuse_if_moved_on(session, draft)
    try:
        version, created = register_version(session, content, uploaded=True)
    except IntegrityError as error:  # a new problem made by another publish at this moment
        raise Conflict(
            f"problem '{draft.slug}' was just created by another publish; reload the draft "
            "and publish again if it should replace that version"
        ) from error
    draft.base_version = version
    session.flush()
    detail = (
        f"{_target(draft)} revision {revision} as version {version.number} "
        f"({version.digest[:12]}){'' if created else ', an existing version'}"
    )
    audit.record(
        session, Actor.of(admin), AuditAction.PROBLEM_PUBLISH, f"problem {draft.slug}", detail
    )
    return version, created


def expire_lost(session: Session, now: datetime.datetime, time_limit: float) -> list[int]:
    """Validations a lost message or a dead worker left queued or running for longer than
    ``time_limit`` seconds end as errors, so that the page says so (the admin validates
    again); the ids. A validation is never redelivered: it holds a worker for minutes."""
    since = now - datetime.timedelta(seconds=time_limit)
    lost = session.scalars(
        select(PackageValidation).where(
            (
                (PackageValidation.status == ValidationStatus.QUEUED.value)
                & (PackageValidation.created_at < since)
            )
            | (
                (PackageValidation.status == ValidationStatus.RUNNING.value)
                & (PackageValidation.started_at < since)
            )
        )
    ).all()
    for validation in lost:
        was = "never started" if validation.status == ValidationStatus.QUEUED.value else "stopped"
        validation.status = ValidationStatus.ERROR.value
        validation.error = (
            f"this validation {was}: its worker stopped or its message was lost; validate again"
        )
        validation.finished_at = now
    session.flush()
    return [validation.id for validation in lost]
