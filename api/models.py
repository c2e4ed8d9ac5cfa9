"""Every table, imported in one place for Alembic and ``create_all``."""

from __future__ import annotations

from api.audit.models import AuditEvent
from api.db import Base
from api.drafts.models import Draft
from api.guidance.models import HintReveal
from api.problems.models import Problem, ProblemVersion
from api.rejudges.models import Rejudge
from api.submissions.models import Submission
from api.tokens.models import ApiToken
from api.users.models import PasswordReset, User, UserSession

metadata = Base.metadata

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Draft",
    "HintReveal",
    "PasswordReset",
    "Problem",
    "ProblemVersion",
    "Rejudge",
    "Submission",
    "User",
    "UserSession",
    "metadata",
]
