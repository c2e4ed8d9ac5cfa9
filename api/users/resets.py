"""Password resets: an admin issues a one-time link; whoever opens it sets a new password.

The link carries a 256-bit random token after ``#``, so it never reaches server logs or a
``Referer`` header; the page posts it. Only its SHA-256 is stored. A link works once (a
conditional update claims it), until it expires, and only while the account is active;
issuing a new one cancels the older, and any password change cancels them all.
"""

from __future__ import annotations

import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.audit import service as audit
from api.audit.models import AuditAction
from api.audit.service import Actor
from api.credentials import hash_token, new_secret
from api.db import utcnow
from api.errors import Conflict, NotFound
from api.users import service
from api.users.models import PasswordReset, User
from api.users.passwords import PasswordHashing

RESET_PATH = "/password-reset"
UNUSABLE_LINK = "this password link is unknown, used or expired; ask an admin for a new one"


def link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{RESET_PATH}#{token}"


def issue(session: Session, actor: Actor, user: User, hours: int) -> tuple[PasswordReset, str]:
    """A new link for ``user`` (the older unused ones stop working); returns the token."""
    if not user.is_active:
        raise Conflict(
            f"'{user.username}' is deactivated; reactivate the account before resetting "
            "its password"
        )
    service.cancel_password_resets(session, user)
    token = new_secret()
    reset = PasswordReset(
        token_hash=hash_token(token),
        user_id=user.id,
        expires_at=utcnow() + datetime.timedelta(hours=hours),
    )
    session.add(reset)
    session.flush()
    audit.record(
        session,
        actor,
        AuditAction.USER_PASSWORD_RESET,
        user,
        f"one-time password link issued, valid {hours} h",
    )
    return reset, token


def usable(session: Session, token: str) -> tuple[PasswordReset, User]:
    """The link's row and account, or 404 if it cannot be used (any reason, one message)."""
    found = session.execute(
        select(PasswordReset, User)
        .join(User, User.id == PasswordReset.user_id)
        .where(
            PasswordReset.token_hash == hash_token(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > utcnow(),
            User.is_active,
        )
    ).one_or_none()
    if found is None:
        raise NotFound(UNUSABLE_LINK)
    reset, user = found
    return reset, user


def complete(session: Session, token: str, password: str, hashing: PasswordHashing) -> User:
    """Set the password through the link and use it up; every login of the user ends.

    The claim is the transaction's first statement: of two requests with the same link,
    the second waits for the first's commit (a write lock, on SQLite too) and then finds
    the link used.
    """
    service.check_password(password)  # a bad password leaves the link usable
    now = utcnow()
    claimed = session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.token_hash == hash_token(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
            PasswordReset.user_id.in_(select(User.id).where(User.is_active)),
        )
        .values(used_at=now)
        .returning(PasswordReset.user_id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if claimed is None:
        raise NotFound(UNUSABLE_LINK)
    user = session.get_one(User, claimed)
    service.set_password(session, user, password, hashing)
    return user
