"""Assessments and who may see them: the owner, the interviewers it is shared with, and
admins (the rule: ``api.assessments.access``). Anyone else gets "not found", so ids reveal
nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.access import may_see, visible_assessment_ids
from api.assessments.models import Assessment, AssessmentProblem, AssessmentShare
from api.assessments.schemas import AssessmentCreate
from api.db import MAX_ID
from api.errors import Forbidden, InvalidInput, NotFound
from api.problems import service as problems
from api.problems.models import ProblemVersion
from api.users.models import Role, User
from api.users.service import get_by_username

STAFF_ONLY = "only interviewers and admins manage assessments; candidates open their invite link"


def require_staff(user: User) -> None:
    if not user.role_enum.is_staff:
        raise Forbidden(STAFF_ONLY)


def get_visible(session: Session, user: User, assessment_id: int) -> Assessment:
    require_staff(user)
    found = session.get(Assessment, assessment_id) if 1 <= assessment_id <= MAX_ID else None
    if found is None or not may_see(user, found):
        raise NotFound(
            f"no assessment {assessment_id} you can see; GET /api/v1/assessments lists yours"
        )
    return found


def list_visible(session: Session, user: User) -> list[Assessment]:
    require_staff(user)
    query = select(Assessment).order_by(Assessment.created_at.desc(), Assessment.id.desc())
    if user.role_enum is not Role.ADMIN:
        query = query.where(Assessment.id.in_(visible_assessment_ids(user)))
    return list(session.scalars(query))


def interviewers(session: Session, usernames: list[str], owner: User) -> list[User]:
    """The accounts named, each an active interviewer or admin other than the owner."""
    found: list[User] = []
    for username in dict.fromkeys(usernames):
        user = get_by_username(session, username)
        if user is None or not user.is_active:
            raise InvalidInput(f"no active user named '{username}' to share with")
        if not user.role_enum.is_staff:
            raise InvalidInput(f"'{username}' is a candidate; share only with interviewers")
        if user.id != owner.id:
            found.append(user)
    return found


def create(session: Session, owner: User, spec: AssessmentCreate) -> Assessment:
    require_staff(owner)
    versions = [problems.get_current(session, slug) for slug in spec.problems]
    assessment = Assessment(
        title=spec.title.strip(),
        owner=owner,
        time_limit_minutes=spec.time_limit_minutes,
        opens_at=spec.opens_at,
        closes_at=spec.closes_at,
        problems=[
            AssessmentProblem(position=position, problem_id=version.problem_id)
            for position, version in enumerate(versions)
        ],
        shares=[
            AssessmentShare(user_id=user.id)
            for user in interviewers(session, spec.shared_with, owner)
        ],
    )
    if not assessment.title:
        raise InvalidInput("the title is blank; give the assessment a title")
    session.add(assessment)
    session.flush()
    return assessment


def set_shares(session: Session, user: User, assessment: Assessment, usernames: list[str]) -> None:
    if user.role_enum is not Role.ADMIN and assessment.owner_id != user.id:
        raise Forbidden("only the assessment's owner (or an admin) changes who it is shared with")
    wanted = {u.id for u in interviewers(session, usernames, assessment.owner)}
    assessment.shares = [s for s in assessment.shares if s.user_id in wanted]
    kept = {s.user_id for s in assessment.shares}
    assessment.shares.extend(AssessmentShare(user_id=uid) for uid in sorted(wanted - kept))
    session.flush()


def problem_titles(session: Session, assessments: list[Assessment]) -> dict[int, str]:
    """The current title of each problem of these assessments, by problem id."""
    ids = {item.problem_id for a in assessments for item in a.problems}
    if not ids:
        return {}
    rows = session.execute(
        select(ProblemVersion.problem_id, ProblemVersion.title).where(
            ProblemVersion.problem_id.in_(ids), ProblemVersion.is_current.is_(True)
        )
    )
    return {problem_id: title for problem_id, title in rows}
