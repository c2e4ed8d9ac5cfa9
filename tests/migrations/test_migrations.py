"""Migrations: empty → head → base on SQLite and PostgreSQL, the models match the
migrated schema (autogenerate finds nothing to do), and data survives the migrations."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api import migrate
from api.credentials import hash_token
from api.db import UTCDateTime, make_engine, make_session_factory, utcnow
from api.models import metadata
from api.tokens import service as token_service
from api.users import service as user_service
from tests.support.platform import postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
    else:
        with postgres_database() as url:
            yield url


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_and_down_to_base(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    assert table_names(empty_url) == set(metadata.tables)
    migrate.downgrade(empty_url, "base")
    assert table_names(empty_url) == set()
    migrate.upgrade(empty_url)  # and up again
    assert table_names(empty_url) == set(metadata.tables)


def test_models_match_the_migrated_schema(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    engine = make_engine(empty_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


BEFORE_ACCOUNTS = "436f9fc0fd88"


def old_tables() -> tuple[sa.Table, sa.Table, sa.Table]:
    """The account tables as revision 436f9fc0fd88 had them."""
    old = sa.MetaData()
    users = sa.Table(
        "users",
        old,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String),
        sa.Column("password_hash", sa.String),
        sa.Column("role", sa.String),
        sa.Column("created_at", UTCDateTime),
    )
    sessions = sa.Table(
        "user_sessions",
        old,
        sa.Column("token_hash", sa.String, primary_key=True),
        sa.Column("user_id", sa.Integer),
        sa.Column("created_at", UTCDateTime),
        sa.Column("expires_at", UTCDateTime),
    )
    tokens = sa.Table(
        "api_tokens",
        old,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String),
        sa.Column("user_id", sa.Integer),
        sa.Column("created_at", UTCDateTime),
    )
    return users, sessions, tokens


def test_the_accounts_migration_keeps_existing_accounts_sessions_and_tokens(
    empty_url: str,
) -> None:
    migrate.upgrade(empty_url, BEFORE_ACCOUNTS)
    users, sessions, tokens = old_tables()
    now = utcnow()
    engine = make_engine(empty_url)
    with engine.begin() as connection:
        connection.execute(
            users.insert().values(
                id=1, username="ann", password_hash="x", role="admin", created_at=now
            )
        )
        connection.execute(
            sessions.insert().values(
                token_hash=hash_token("ann's cookie"),
                user_id=1,
                created_at=now,
                expires_at=now + datetime.timedelta(days=1),
            )
        )
        connection.execute(
            tokens.insert().values(id=1, token_hash=hash_token("nj_ann"), user_id=1, created_at=now)
        )

    migrate.upgrade(empty_url)
    with make_session_factory(engine)() as session:
        ann = user_service.user_for_session(session, "ann's cookie")
        assert ann is not None and ann.is_active and ann.credential_version == 0
        assert token_service.user_for_token(session, "nj_ann") is ann
        (token,) = token_service.list_tokens(session, ann)
        assert (token.name, token.expires_at, token_service.status(token, utcnow())) == (
            "unnamed",
            None,
            token_service.TokenStatus.ACTIVE,
        )

    migrate.downgrade(empty_url, BEFORE_ACCOUNTS)
    with engine.connect() as connection:
        assert connection.execute(sa.select(users.c.username)).scalars().all() == ["ann"]
        assert connection.execute(sa.select(sa.func.count()).select_from(tokens)).scalar() == 1
    engine.dispose()
