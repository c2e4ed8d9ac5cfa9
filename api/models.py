"""Every table, imported in one place for Alembic and ``create_all``."""

from __future__ import annotations

from api.db import Base
from api.drafts.models import Draft
from api.problems.models import Problem, ProblemVersion
from api.submissions.models import Submission
from api.users.models import ApiToken, User, UserSession

metadata = Base.metadata

__all__ = [
    "ApiToken",
    "Draft",
    "Problem",
    "ProblemVersion",
    "Submission",
    "User",
    "UserSession",
    "metadata",
]
