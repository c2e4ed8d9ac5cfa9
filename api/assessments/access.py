"""Who may see an assessment, and through it a candidate's submissions: the one rule, in
Python (for a row at hand) and in SQL (for queries), so that both always agree.

- An admin sees every assessment and every submission.
- An interviewer sees the assessments they own or that are shared with them, and the
  submissions made in an attempt of one of those (and rejudges of such submissions), plus
  their own submissions.
- A candidate sees no assessment here (theirs reach them as attempts) and only their own
  submissions.

This module imports models only, so that ``api.submissions.service`` can use it although
``api.assessments`` (attempts, service) imports ``api.submissions``: the dependency stays one
way at the level of services, and the tables of both domains meet here.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, or_, select, true

from api.assessments.models import Assessment, AssessmentShare, Attempt, AttemptSubmission
from api.submissions.models import Submission
from api.users.models import Role, User


def may_see(user: User, assessment: Assessment) -> bool:
    if user.role_enum is Role.ADMIN or assessment.owner_id == user.id:
        return True
    return any(share.user_id == user.id for share in assessment.shares)


def visible_assessment_ids(user: User) -> Select[int]:
    """The ids of the assessments a non-admin owns or that are shared with them."""
    shared = select(AssessmentShare.assessment_id).where(AssessmentShare.user_id == user.id)
    return select(Assessment.id).where(
        or_(Assessment.owner_id == user.id, Assessment.id.in_(shared))
    )


def submission_visible(viewer: User) -> ColumnElement[bool]:
    """A WHERE clause on ``Submission``: the rows ``viewer`` may see."""
    if viewer.role_enum is Role.ADMIN:
        return true()
    own = Submission.user_id == viewer.id
    if not viewer.role_enum.is_staff:
        return own
    reviewed = (
        select(AttemptSubmission.submission_id)
        .join(Attempt, Attempt.id == AttemptSubmission.attempt_id)
        .where(Attempt.assessment_id.in_(visible_assessment_ids(viewer)))
    )
    return or_(own, Submission.id.in_(reviewed), Submission.rejudge_of_id.in_(reviewed))
