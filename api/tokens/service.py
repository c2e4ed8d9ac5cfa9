"""Bearer tokens for scripts: created (named, with an optional expiry), listed, revoked."""

from __future__ import annotations

import datetime
import enum

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from api.audit import service as audit
from api.audit.models import AuditAction
from api.audit.service import Actor
from api.credentials import hash_token, new_secret
from api.db import MAX_ID, utcnow
from api.errors import InvalidInput, NotFound
from api.tokens.models import ApiToken
from api.users.models import Role, User

TOKEN_PREFIX = "nj_"
MAX_NAME_LENGTH = 64
MAX_EXPIRY_DAYS = 365


class TokenStatus(enum.StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise InvalidInput(
            f"a token's name has 1 to {MAX_NAME_LENGTH} printable characters and says what "
            "uses it, e.g. 'ci' or 'grading script'"
        )
    return name


def check_expiry(days: int | None) -> int | None:
    if days is not None and not 1 <= days <= MAX_EXPIRY_DAYS:
        raise InvalidInput(
            f"a token expires after 1 to {MAX_EXPIRY_DAYS} days; leave the expiry empty for "
            "a token that never expires"
        )
    return days


def create(
    session: Session, actor: Actor, user: User, name: str, expires_in_days: int | None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the secret, which is shown only now.
    Made by someone else (the command line), it goes into the audit log."""
    name = check_name(name)
    expires_in_days = check_expiry(expires_in_days)
    secret = new_secret(TOKEN_PREFIX)
    now = utcnow()
    token = ApiToken(
        token_hash=hash_token(secret),
        user=user,
        name=name,
        created_at=now,
        expires_at=now + datetime.timedelta(days=expires_in_days) if expires_in_days else None,
        credential_version=user.credential_version,
    )
    session.add(token)
    session.flush()
    if actor.user_id != user.id:
        expiry = f"expires in {expires_in_days} days" if expires_in_days else "never expires"
        detail = f"API token #{token.id} '{name}' created, {expiry}"
        audit.record(session, actor, AuditAction.TOKEN_CREATE, user, detail)
    return token, secret


def user_for_token(session: Session, secret: str) -> User | None:
    """The active user a working token belongs to, in one query; None for any other token."""
    return session.scalar(
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(
            ApiToken.token_hash == hash_token(secret),
            ApiToken.revoked_at.is_(None),
            or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > utcnow()),
            ApiToken.credential_version == User.credential_version,
            User.is_active,
        )
    )


def status(token: ApiToken, now: datetime.datetime) -> TokenStatus:
    # A token created while its user's credentials changed carries the old version: it
    # never worked, so it reads as revoked although no one set revoked_at.
    if token.revoked_at is not None or token.credential_version != token.user.credential_version:
        return TokenStatus.REVOKED
    if token.expires_at is not None and token.expires_at <= now:
        return TokenStatus.EXPIRED
    return TokenStatus.ACTIVE


def list_tokens(session: Session, user: User | None) -> list[ApiToken]:
    """``user``'s tokens, or everybody's for None; newest first."""
    query = select(ApiToken).order_by(ApiToken.id.desc())
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(session.scalars(query))


def require(session: Session, token_id: int, viewer: User | None) -> ApiToken:
    """Token ``token_id`` if ``viewer`` may see it: their own, or any for admins and for
    None (the command line). Someone else's is as unknown as a missing one."""
    token = session.get(ApiToken, token_id) if 1 <= token_id <= MAX_ID else None
    if token is None or not (
        viewer is None or viewer.role_enum is Role.ADMIN or token.user_id == viewer.id
    ):
        raise NotFound(f"no API token #{token_id} of yours; list the tokens you can see")
    return token


def revoke(session: Session, actor: Actor, token: ApiToken) -> None:
    """Stop ``token`` at once (a revoked one stays as it is). Revoked by someone other
    than its owner (an admin, the command line), it goes into the audit log."""
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    session.flush()
    if actor.user_id != token.user_id:
        detail = f"API token #{token.id} '{token.name}' revoked"
        audit.record(session, actor, AuditAction.TOKEN_REVOKE, token.user, detail)


def revoke_secret(session: Session, secret: str) -> None:
    """Revoke the token whose secret this is (logging out a script)."""
    session.execute(
        update(ApiToken)
        .where(ApiToken.token_hash == hash_token(secret), ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_all(session: Session, user: User) -> None:
    session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
