"""The audit log: who did what to which account or problem package, and when."""

from __future__ import annotations

import dataclasses
import getpass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit.models import AuditAction, AuditEvent
from api.db import MAX_ID
from api.users.models import User

ACTOR_LENGTH = 64
DETAIL_LENGTH = 255
TARGET_LENGTH = 64


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who acts: an admin's account, or someone at the server's command line."""

    name: str
    user_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.username, user.id)

    @classmethod
    def command_line(cls) -> Actor:
        try:
            who = getpass.getuser()
        except OSError:  # no name for this uid (a bare container)
            who = "unknown user"
        return cls(f"command line ({who})"[:ACTOR_LENGTH])


def record(
    session: Session, actor: Actor, action: AuditAction, target: User | str, detail: str
) -> AuditEvent:
    """``target`` is the account acted on, or the name of another thing (a package)."""
    event = AuditEvent(
        actor_id=actor.user_id,
        actor=actor.name,
        action=action.value,
        target=(target.username if isinstance(target, User) else target)[:TARGET_LENGTH],
        detail=detail[:DETAIL_LENGTH],
    )
    session.add(event)
    session.flush()
    return event


def list_events(
    session: Session, *, limit: int, before: int | None = None, target: str | None = None
) -> list[AuditEvent]:
    """Newest first; ``before`` (an event id) pages back, ``target`` keeps one account's."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if before is not None:
        # Ids are 32-bit and positive: the database refuses a number outside that range, so
        # a larger ``before`` means "from the newest", a smaller one "nothing".
        query = query.where(AuditEvent.id <= max(min(before - 1, MAX_ID), 0))
    if target:
        query = query.where(AuditEvent.target == target)
    return list(session.scalars(query))
