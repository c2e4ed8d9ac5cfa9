from __future__ import annotations

import datetime

import pytest
from sqlalchemy import update

from api.db import make_engine, make_session_factory, transaction
from api.errors import Conflict, InvalidInput
from api.settings import Settings
from api.users import service
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
