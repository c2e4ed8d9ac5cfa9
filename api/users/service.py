"""Accounts, login sessions, API tokens and CSRF tokens."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.db import utcnow
from api.errors import Conflict, InvalidInput, NotFound
from api.users.models import ApiToken, Role, User, UserSession
from api.users.passwords import PasswordHashing

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,31}$")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
API_TOKEN_PREFIX = "nj_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_username(username: str) -> str:
    if not USERNAME_PATTERN.match(username):
        raise InvalidInput(
            "a username has 3 to 32 characters: lowercase letters, digits, '_', '.', '-', "
            "starting with a letter or digit"
        )
    return username


def check_password(password: str) -> str:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters"
        )
    return password


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def get_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def require_by_username(session: Session, username: str) -> User:
    user = get_by_username(session, username)
    if user is None:
        raise NotFound(f"no user named '{username}'")
    return user


def create_user(
    session: Session, username: str, password: str, role: Role, hashing: PasswordHashing
) -> User:
    check_username(username)
    check_password(password)
    if get_by_username(session, username) is not None:
        raise Conflict(f"the username '{username}' is taken; choose another")
    user = User(username=username, password_hash=hashing.hash(password), role=role.value)
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, username: str, password: str, hashing: PasswordHashing
) -> User | None:
    user = get_by_username(session, username)
    valid, new_hash = hashing.check(password, user.password_hash if user else None)
    if user is None or not valid:
        return None
    if new_hash is not None:
        user.password_hash = new_hash
    return user


def start_session(session: Session, user: User, days: int) -> str:
    """A new login for ``user``; returns the token for the cookie (stored only hashed)."""
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=hash_token(token),
            user_id=user.id,
            expires_at=utcnow() + datetime.timedelta(days=days),
        )
    )
    session.flush()
    return token


def user_for_session(session: Session, token: str) -> User | None:
    row = session.get(UserSession, hash_token(token))
    if row is None or row.expires_at <= utcnow():
        return None
    return session.get(User, row.user_id)


def end_session(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == hash_token(token)))


def create_api_token(session: Session, user: User) -> str:
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(token_hash=hash_token(token), user_id=user.id))
    session.flush()
    return token


def user_for_api_token(session: Session, token: str) -> User | None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    return session.get(User, row.user_id) if row is not None else None


def csrf_token(secret_key: str, session_token: str) -> str:
    """The CSRF token bound to one login: a page must echo it in ``X-CSRF-Token``."""
    return hmac.new(secret_key.encode(), b"csrf:" + session_token.encode(), "sha256").hexdigest()


def csrf_token_valid(secret_key: str, session_token: str, presented: str) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters (a header may have them).
    expected = csrf_token(secret_key, session_token).encode()
    return hmac.compare_digest(expected, presented.encode("utf-8", "surrogateescape"))
