"""Accounts, passwords, login sessions and CSRF tokens; ending every login of a user."""

from __future__ import annotations

import datetime
import hmac
import re

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.credentials import hash_token, new_secret
from api.db import utcnow
from api.errors import Conflict, Forbidden, InvalidInput, NotFound
from api.tokens import service as tokens
from api.users.models import PasswordReset, Role, User, UserSession
from api.users.passwords import PasswordHashing

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,31}$")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024


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
    session: Session, username: str, password: str | None, role: Role, hashing: PasswordHashing
) -> User:
    """A new account; with no password, one nobody knows (set it through a reset link)."""
    check_username(username)
    if password is not None:
        check_password(password)
    if get_by_username(session, username) is not None:
        raise Conflict(f"the username '{username}' is taken; choose another")
    user = User(
        username=username,
        password_hash=hashing.hash(password if password is not None else new_secret()),
        role=role.value,
    )
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
    if not user.is_active:  # said only to whoever knows the password
        raise Forbidden("this account is deactivated; ask an admin to reactivate it")
    if new_hash is not None:
        user.password_hash = new_hash
    return user


def set_password(session: Session, user: User, password: str, hashing: PasswordHashing) -> None:
    """Replace the password; every session and token of ``user`` ends with the old one."""
    check_password(password)
    user.password_hash = hashing.hash(password)
    end_all_logins(session, user)


class WrongPassword(Forbidden):
    """The password typed to confirm a change is not the account's (403, not 401: the caller
    is logged in; only the typed password is wrong). Counted like a failed login."""


def change_own_password(
    session: Session, user: User, current: str, new: str, hashing: PasswordHashing
) -> None:
    check_password(new)  # before the costly check: a new password that cannot be used
    valid, _new_hash = hashing.check(current, user.password_hash)
    if not valid:
        raise WrongPassword("the current password is wrong; type it again")
    if new == current:
        raise InvalidInput("the new password is the current one; choose a different one")
    set_password(session, user, new, hashing)


def end_all_logins(session: Session, user: User) -> None:
    """End every session and API token of ``user`` at once, and cancel unused reset links.

    The version increment is what makes it immediate and race-free: a session or token
    issued under the old version stops working even if it is written after this.
    """
    user.credential_version = User.credential_version + 1
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    cancel_password_resets(session, user)
    tokens.revoke_all(session, user)
    session.flush()


def cancel_password_resets(session: Session, user: User) -> None:
    """The unused password links of ``user`` stop working (see api/users/resets.py)."""
    unused = (PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
    session.execute(delete(PasswordReset).where(*unused))


def start_session(session: Session, user: User, days: int) -> str:
    """A new login for ``user``; returns the token for the cookie (stored only hashed)."""
    token = new_secret()
    session.add(
        UserSession(
            token_hash=hash_token(token),
            user_id=user.id,
            expires_at=utcnow() + datetime.timedelta(days=days),
            credential_version=user.credential_version,
        )
    )
    session.flush()
    return token


def user_for_session(session: Session, token: str) -> User | None:
    """The active user of a live session, in one query; None for any other cookie."""
    return session.scalar(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            UserSession.token_hash == hash_token(token),
            UserSession.expires_at > utcnow(),
            UserSession.credential_version == User.credential_version,
            User.is_active,
        )
    )


def end_session(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == hash_token(token)))


def csrf_token(secret_key: str, session_token: str) -> str:
    """The CSRF token bound to one login: a page must echo it in ``X-CSRF-Token``."""
    return hmac.new(secret_key.encode(), b"csrf:" + session_token.encode(), "sha256").hexdigest()


def csrf_token_valid(secret_key: str, session_token: str, presented: str) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters (a header may have them).
    expected = csrf_token(secret_key, session_token).encode()
    return hmac.compare_digest(expected, presented.encode("utf-8", "surrogateescape"))
