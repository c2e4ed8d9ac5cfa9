"""Every table, imported in one place for Alembic and ``create_all``."""

from __future__ import annotations

from api.assessments.models import (
    Assessment,
    AssessmentProblem,
    AssessmentShare,
    Attempt,
    AttemptSubmission,
    Snapshot,
)
from api.audit.models import AuditEvent
from api.authoring.models import PackageDraft, PackageDraftFile
from api.db import Base
from api.drafts.models import Draft
from api.guidance.models import HintReveal
from api.problems.models import Problem, ProblemVersion
from api.publishing.models import PackageValidation
from api.rejudges.models import Rejudge
from api.reviews.models import LineComment, Scorecard
from api.submissions.models import Submission
from api.tokens.models import ApiToken
from api.users.models import PasswordReset, User, UserSession

metadata = Base.metadata

__all__ = [
    "ApiToken",
    "Assessment",
    "AssessmentProblem",
    "AssessmentShare",
    "Attempt",
    "AttemptSubmission",
    "AuditEvent",
    "Draft",
    "HintReveal",
    "LineComment",
    "PackageDraft",
    "PackageDraftFile",
    "PackageValidation",
    "PasswordReset",
    "Problem",
    "ProblemVersion",
    "Rejudge",
    "Scorecard",
    "Snapshot",
    "Submission",
    "User",
    "UserSession",
    "metadata",
]
