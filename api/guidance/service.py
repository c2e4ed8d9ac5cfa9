"""Hints, revealed one at a time on request, and the editorial, unlocked by a first
submission. Staff (interviewers and admins) always see both.

Both come from the package files of the problem's current version (``hints.md``,
``editorial.md``), parsed with the same rules as ``numjudge problems validate``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import upsert, utcnow
from api.errors import Forbidden, NotFound
from api.guidance.models import HintReveal
from api.guidance.schemas import EditorialRead, HintRead, HintsRead
from api.problems.markdown import render_statement
from api.problems.models import ProblemVersion
from api.submissions.models import Submission
from api.users.models import User
from sandbox.problem import Hint, parse_hints


def _hints(version: ProblemVersion) -> tuple[Hint, ...]:
    return parse_hints(version.files.get("hints.md", ""), Path(version.slug) / "hints.md")


def revealed_count(session: Session, user: User, version: ProblemVersion) -> int:
    reveal = session.get(HintReveal, (user.id, version.problem_id))
    return reveal.revealed if reveal else 0


def hints(session: Session, user: User, version: ProblemVersion) -> HintsRead:
    every = _hints(version)
    shown = len(every) if user.role_enum.is_staff else revealed_count(session, user, version)
    shown = min(shown, len(every))  # a new version may have fewer hints
    return HintsRead(
        total=len(every),
        revealed=[
            HintRead(number=number, title=hint.title, html=render_statement(hint.body))
            for number, hint in enumerate(every[:shown], start=1)
        ],
    )


def reveal_next(session: Session, user: User, version: ProblemVersion) -> HintsRead:
    """Show one more hint (nothing more once all are shown). One upsert, so two clicks at
    once reveal two hints at most, never a duplicate row."""
    total = len(_hints(version))
    upsert(
        session,
        HintReveal,
        {
            "user_id": user.id,
            "problem_id": version.problem_id,
            "revealed": min(1, total),
            "updated_at": utcnow(),
        },
        [HintReveal.user_id, HintReveal.problem_id],
        {"revealed": HintReveal.revealed + 1, "updated_at": utcnow()},
        where=HintReveal.revealed < total,
    )
    session.flush()
    session.expire_all()
    return hints(session, user, version)


def editorial_unlocked(session: Session, user: User, version: ProblemVersion) -> bool:
    if user.role_enum.is_staff:
        return True
    first = session.scalar(
        select(Submission.id)
        .join(ProblemVersion, Submission.problem_version_id == ProblemVersion.id)
        .where(Submission.user_id == user.id, ProblemVersion.problem_id == version.problem_id)
        .limit(1)
    )
    return first is not None


def editorial(session: Session, user: User, version: ProblemVersion) -> EditorialRead:
    if not editorial_unlocked(session, user, version):
        raise Forbidden(
            f"the editorial of '{version.slug}' opens after your first submission: "
            "submit a solution (any score) and ask again"
        )
    text = version.files.get("editorial.md", "")
    if not text.strip():
        raise NotFound(f"'{version.slug}' has no editorial yet")
    return EditorialRead(html=render_statement(text))
