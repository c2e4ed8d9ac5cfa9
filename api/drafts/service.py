"""Drafts: the code a user has in the editor for a problem, saved on the server.

A save is one upsert (INSERT ... ON CONFLICT DO UPDATE on SQLite and PostgreSQL alike), so
two tabs saving at once never collide on the primary key; the later save wins, as it would
in the browser's own storage.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.db import upsert, utcnow
from api.drafts.models import Draft
from api.problems.models import Problem
from api.users.models import User

# Autosave sends at most one save a second or so while typing; this only stops a runaway.
SAVES_PER_MINUTE = 120


def get(session: Session, user: User, problem: Problem) -> Draft | None:
    return session.get(Draft, (user.id, problem.id))


def save(session: Session, user: User, problem: Problem, code: str) -> Draft:
    now = utcnow()
    upsert(
        session,
        Draft,
        {
            "user_id": user.id,
            "problem_id": problem.id,
            "code": code,
            "revision": 1,
            "updated_at": now,
        },
        [Draft.user_id, Draft.problem_id],
        {"code": code, "revision": Draft.revision + 1, "updated_at": now},
    )
    draft = session.scalar(
        select(Draft)
        .where(Draft.user_id == user.id, Draft.problem_id == problem.id)
        .execution_options(populate_existing=True)
    )
    assert draft is not None
    return draft


def discard(session: Session, user: User, problem: Problem) -> None:
    session.execute(delete(Draft).where(Draft.user_id == user.id, Draft.problem_id == problem.id))
