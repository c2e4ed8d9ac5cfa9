from __future__ import annotations

import concurrent.futures
import datetime

import pytest
from sqlalchemy import update

from api.audit.service import Actor
from api.credentials import hash_token
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.errors import Conflict, InvalidInput, NotFound
from api.settings import Settings
from api.tokens import service as tokens
from api.tokens.models import ApiToken
from api.users import resets, service
from api.users.models import Role, UserSession
from api.users.passwords import hashing_for


def test_passwords_are_hashed_with_argon2(settings: Settings) -> None:
    hashing = hashing_for(settings)
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        user = service.create_user(session, "hashed", "a long password", Role.CANDIDATE, hashing)
        assert user.password_hash.startswith("$argon2")
        assert service.authenticate(session, "hashed", "a long password", hashing) is user
        assert service.authenticate(session, "hashed", "a long passwor", hashing) is None


def test_usernames_and_passwords_are_checked(settings: Settings) -> None:
    hashing = hashing_for(settings)
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        with pytest.raises(InvalidInput):
            service.create_user(session, "Bad Name", "a long password", Role.CANDIDATE, hashing)
        with pytest.raises(InvalidInput):
            service.create_user(session, "fine", "short", Role.CANDIDATE, hashing)
        with pytest.raises(Conflict):
            service.create_user(session, "candidate", "a long password", Role.CANDIDATE, hashing)


def test_expired_sessions_are_not_logins(settings: Settings) -> None:
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        user = service.require_by_username(session, "candidate")
        token = service.start_session(session, user, days=1)
        assert service.user_for_session(session, token) is user
        session.execute(
            update(UserSession).values(
                expires_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
            )
        )
        assert service.user_for_session(session, token) is None


def test_csrf_tokens_are_bound_to_the_session_and_the_secret() -> None:
    token = service.csrf_token("secret-a", "session-1")
    assert service.csrf_token_valid("secret-a", "session-1", token)
    assert not service.csrf_token_valid("secret-a", "session-2", token)
    assert not service.csrf_token_valid("secret-b", "session-1", token)


def test_a_login_racing_a_password_change_does_not_survive_it(settings: Settings) -> None:
    """A session or token written after the change, by a request that checked the old
    credentials before it, carries the old version and never works."""
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        user = service.require_by_username(session, "candidate")
        user_id, old_version = user.id, user.credential_version
    with transaction(factory) as session:
        user = service.require_by_username(session, "candidate")
        service.set_password(session, user, "a brand new password", hashing_for(settings))
    cookie, secret = "late-session", "nj_late-token"
    with transaction(factory) as session:
        session.add(
            UserSession(
                token_hash=hash_token(cookie),
                user_id=user_id,
                expires_at=utcnow() + datetime.timedelta(days=1),
                credential_version=old_version,
            )
        )
        session.add(
            ApiToken(
                token_hash=hash_token(secret),
                user_id=user_id,
                name="late",
                credential_version=old_version,
            )
        )
    with transaction(factory) as session:
        assert service.user_for_session(session, cookie) is None
        assert tokens.user_for_token(session, secret) is None
        (late,) = tokens.list_tokens(session, service.require_by_username(session, "candidate"))
        assert tokens.status(late, utcnow()) is tokens.TokenStatus.REVOKED
        # A session started now works.
        fresh = service.start_session(session, late.user, days=1)
        assert service.user_for_session(session, fresh) is late.user


def test_deactivated_users_have_no_sessions_or_tokens(settings: Settings) -> None:
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        user = service.require_by_username(session, "other")
        cookie = service.start_session(session, user, days=1)
        _token, secret = tokens.create(session, Actor.of(user), user, "ci", None)
        user.is_active = False  # even without the version bump that deactivation does
        session.flush()
        assert service.user_for_session(session, cookie) is None
        assert tokens.user_for_token(session, secret) is None


def test_a_password_link_used_by_many_requests_at_once_works_exactly_once(
    settings: Settings,
) -> None:
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        user = service.require_by_username(session, "candidate")
        _reset, token = resets.issue(session, Actor("test"), user, hours=1)

    def use(attempt: int) -> str:
        try:
            with transaction(factory) as session:
                resets.complete(session, token, f"password number {attempt}", hashing_for(settings))
        except NotFound:
            return "refused"
        return f"password number {attempt}"

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(use, range(6)))
    winners = [o for o in outcomes if o != "refused"]
    assert len(winners) == 1 and outcomes.count("refused") == 5, outcomes
    with transaction(factory) as session:
        hashing = hashing_for(settings)
        assert service.authenticate(session, "candidate", winners[0], hashing) is not None
